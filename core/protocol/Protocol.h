#pragma once
// Wire types of the BridgeCore offline-sync API (DESIGN.md §4) and their JSON form.
//
// Protocol version history (bump kProtocolVersion and add a line on every wire change):
//   1  first version: push, pull, resolve-conflicts, state, reset, statistics as in the guide,
//      plus the device queue report on push/pull.

#include "Status.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace bridgecore::protocol {

using json = nlohmann::json;

inline constexpr int kProtocolVersion = 1;

// ---- limits fixed by the contract -------------------------------------------------------------
inline constexpr std::size_t kMaxChangesPerPush = 1000;
inline constexpr int kMinBatchSize = 1, kMaxBatchSize = 500, kDefaultBatchSize = 50;
inline constexpr int kMinPullLimit = 1, kMaxPullLimit = 500, kDefaultPullLimit = 100;
inline constexpr int kMinPriority = 0, kMaxPriority = 10, kDefaultPriority = 5;
inline constexpr std::size_t kMinIdLength = 3; // device_id and local_id

enum class Action { Create, Update, Delete };
enum class ConflictStrategy { ServerWins, ClientWins, NewestWins, Merge, Manual };
enum class ChangeStatus { Success, Failed, Conflict };
/// How a conflict ended: the wire's conflict_info.resolution.
enum class Resolution { ServerWins, ClientWins, Merged, Manual };
enum class EventAction { Create, Write, Unlink };
enum class EventPriority { High, Medium, Low };
enum class Role { User, Support, Admin };

std::string_view toString(Action);
std::string_view toString(ConflictStrategy);
std::string_view toString(ChangeStatus);
std::string_view toString(Resolution);
std::string_view toString(EventAction);
std::string_view toString(EventPriority);
std::string_view toString(Role);
std::optional<Action> parseAction(std::string_view);
std::optional<ConflictStrategy> parseConflictStrategy(std::string_view);
std::optional<ChangeStatus> parseChangeStatus(std::string_view);
std::optional<Resolution> parseResolution(std::string_view);
std::optional<EventAction> parseEventAction(std::string_view);
std::optional<EventPriority> parseEventPriority(std::string_view);
std::optional<Role> parseRole(std::string_view);
/// 7–10 high, 4–6 medium, 0–3 low.
EventPriority priorityClass(int changePriority);

// ---- time ---------------------------------------------------------------------------------------
/// Milliseconds since the Unix epoch, UTC.
using Millis = std::int64_t;
/// ISO-8601 UTC with milliseconds and `Z`, e.g. "2025-11-24T10:31:00.000Z".
std::string formatTime(Millis t);
/// Accepts ISO-8601 with `Z` or a numeric offset, with or without fractional seconds; a time
/// without zone is taken as UTC. nullopt when it is not a time.
std::optional<Millis> parseTime(std::string_view text);

// ---- validation (FastAPI's 422 shape) -----------------------------------------------------------
/// One offending field: loc like ["body","changes",3,"local_id"], msg, type ("missing",
/// "string_type", "greater_than_equal", "json_invalid", ...).
struct ValidationIssue {
    json loc = json::array();
    std::string msg;
    std::string type;
};
using ValidationIssues = std::vector<ValidationIssue>;
/// {"detail": [{"loc":..., "msg":..., "type":...}, ...]}
json toJson(const ValidationIssues& issues);

/// A parsed request or every issue found in it.
template <typename T> using Parsed = std::variant<T, ValidationIssues>;

// ---- push ---------------------------------------------------------------------------------------
/// A record reference: a server id, or the local_id of a record created earlier.
using RecordRef = std::variant<std::monostate, std::int64_t, std::string>;

struct Change {
    std::string local_id;
    Action action = Action::Create;
    std::string model;
    RecordRef record_id;
    json data = json::object();
    std::string local_timestamp; // as sent
    Millis local_time = 0;       // parsed local_timestamp
    std::optional<std::int64_t> version;
    int priority = kDefaultPriority;
    std::optional<std::vector<std::string>> fields_changed;
    std::vector<std::string> dependencies;
    json metadata;    // null when absent
    json merged_data; // null when absent
    /// An `action` string that is none of create/update/delete: the change fails alone with
    /// INVALID_ACTION (push rule 7) instead of the whole request being refused.
    std::optional<std::string> invalid_action;

    /// fields_changed, or the keys of data when it is absent.
    std::vector<std::string> changedFields() const;
};

/// The device's own report of its queue, carried by push and pull.
struct QueueReport {
    std::optional<std::int64_t> pending_changes;
    std::optional<std::string> oldest_pending_at;
    std::optional<std::string> last_error;
    std::optional<std::string> client_time;
    std::optional<std::string> app_version;
};

struct PushRequest {
    std::string device_id;
    std::vector<Change> changes;
    ConflictStrategy conflict_strategy = ConflictStrategy::ServerWins;
    bool stop_on_error = false;
    int batch_size = kDefaultBatchSize;
    std::optional<std::string> last_pull_timestamp;
    QueueReport report;
};

struct ConflictInfo {
    std::int64_t conflict_id = 0;
    ConflictStrategy strategy = ConflictStrategy::ServerWins;
    Resolution resolution = Resolution::ServerWins;
    std::vector<std::string> conflicting_fields;
    json local_data = json::object();
    json server_data = json::object();
    json base_data; // null when unknown
    std::optional<std::int64_t> local_version;
    std::int64_t server_version = 0;
    std::string local_timestamp;
    std::string server_timestamp;
    bool requires_resolution = false;
};

struct ChangeResult {
    std::string local_id;
    ChangeStatus status = ChangeStatus::Success;
    Action action = Action::Create;
    std::string model;
    std::optional<std::int64_t> server_id;
    std::string server_timestamp;
    double processing_time_ms = 0;
    std::optional<std::string> error;
    std::optional<ErrorCode> error_code;
    std::optional<ConflictInfo> conflict_info;
    std::optional<std::int64_t> version;
    bool duplicate = false;
    std::optional<std::string> invalid_action; // echoed as "action" instead of `action`
};

struct PushResponse {
    bool success = true;
    int total = 0, succeeded = 0, failed = 0, conflicts = 0;
    std::vector<ChangeResult> results;
    std::vector<std::pair<std::string, std::int64_t>> id_mapping; // in result order
    std::string next_sync_token;
    std::string server_timestamp;
    double total_processing_time_ms = 0;
    double average_processing_time_ms = 0;
};

// ---- pull ---------------------------------------------------------------------------------------
struct PullRequest {
    std::string device_id;
    std::string app_type;
    std::optional<std::int64_t> last_event_id;
    std::optional<std::string> last_sync_token;
    std::optional<std::vector<std::string>> models_filter;
    std::optional<std::vector<EventPriority>> priority_filter;
    int limit = kDefaultPullLimit;
    int offset = 0;
    bool include_payload = true;
    bool include_metadata = false;
    QueueReport report;
};

struct Event {
    std::int64_t event_id = 0;
    std::string model;
    std::int64_t record_id = 0;
    EventAction action = EventAction::Create;
    std::string timestamp;
    json data; // null when include_payload is false
    /// The payload as JSON text instead of `data`, when a server hands it on unparsed
    /// (SyncEngine::PayloadForm::Text); writers use it when `data` is null.
    std::string data_text;
    std::vector<std::string> changed_fields;
    EventPriority priority = EventPriority::Medium;
    std::string category = "business";
    std::int64_t user_id = 0;
    std::int64_t version = 0;
    json metadata; // {"device_id":..., "local_id":...} when include_metadata; else null
};

struct PullResponse {
    bool success = true;
    bool has_updates = false;
    int new_events_count = 0;
    std::vector<Event> events;
    std::string next_sync_token;
    std::int64_t last_event_id = 0;
    std::string last_sync_time;
    bool has_more = false;
    std::int64_t total_available = 0;
    std::string server_timestamp;
};

// ---- resolve-conflicts --------------------------------------------------------------------------
/// A conflict as the client knows it; used when the server holds none for (device, local_id).
struct ClientConflict {
    std::string local_id;
    std::optional<std::int64_t> server_id;
    std::string model;
    json local_data = json::object();
    json server_data = json::object();
    std::optional<std::string> local_timestamp;
};

struct ConflictResolution {
    std::string local_id;
    ConflictStrategy strategy = ConflictStrategy::ServerWins; // manual is not accepted here
    json merged_data; // null when absent; required for merge
};

struct ResolveRequest {
    std::string device_id;
    std::vector<ClientConflict> conflicts;
    std::vector<ConflictResolution> resolutions;
};

struct ResolveResult {
    std::string local_id;
    ChangeStatus status = ChangeStatus::Success;
    Action action = Action::Update;
    std::string model;
    std::optional<std::int64_t> server_id;
    std::optional<std::int64_t> version;
    std::optional<std::int64_t> conflict_id;
    std::optional<std::string> error;
    std::optional<ErrorCode> error_code;
};

struct ResolveResponse {
    bool success = true;
    int resolved = 0, failed = 0;
    std::vector<ResolveResult> results;
};

// ---- state, reset, statistics -------------------------------------------------------------------
struct SyncState {
    std::string device_id;
    std::int64_t user_id = 0;
    std::int64_t last_event_id = 0;
    std::optional<std::string> last_sync_time;
    std::optional<std::string> last_push_time;
    std::optional<std::string> last_pull_time;
    std::string next_sync_token;
    std::int64_t total_syncs = 0;
    std::int64_t total_events_synced = 0;
    std::string sync_status = "idle"; // idle | error | conflict (open conflicts)
    std::int64_t pending_changes = 0; // the device's last queue report
    std::optional<std::string> oldest_pending_at;
    std::optional<std::string> last_error;
    std::optional<std::string> app_type;
    std::optional<std::string> app_version;
    std::int64_t open_conflicts = 0;
    /// The local_ids of the device's open conflicts (an extra field; nullopt when the server
    /// did not send it, i.e. an older server: the client then keeps its conflicts as they are).
    std::optional<std::vector<std::string>> open_conflict_local_ids;
    std::optional<std::int64_t> clock_skew_ms; // client_time - server time at the last report
    std::int64_t head_event_id = 0;            // newest event of the tenant: lag = head - last
};

struct ResetResponse {
    bool success = true;
    std::string message = "Sync state reset successfully";
    std::string device_id;
};

/// A device's statistics. On the wire: BridgeCore's SyncStatistics fields (total_syncs,
/// total_events_synced, total_conflicts, success_rate, conflict_rate, average_sync_time_ms,
/// average_push_time_ms, average_pull_time_ms, last_sync_time, last_sync_status,
/// total_data_uploaded_kb, total_data_downloaded_kb), then our own detail.
struct Statistics {
    std::string device_id;
    std::int64_t total_syncs = 0; // pushes + pulls, as the device state counts them
    std::int64_t total_pushes = 0, total_pulls = 0;
    std::int64_t total_changes_pushed = 0, successful_changes = 0, failed_changes = 0,
                 conflicts = 0;
    std::int64_t total_events_pulled = 0;
    double success_rate = 0, conflict_rate = 0; // fractions 0..1 of changes pushed
    double average_sync_time_ms = 0, average_push_time_ms = 0, average_pull_time_ms = 0;
    std::int64_t bytes_received = 0, bytes_sent = 0; // by the server, from this device / to it
    std::optional<std::string> last_sync_time, last_push_time, last_pull_time;
    /// "success", "conflict" (open conflicts) or "error" (the device reported one); null
    /// before the first sync.
    std::optional<std::string> last_sync_status;
};

/// A tenant's Odoo connection as the console shows it (GET /api/v1/admin/odoo). Never carries
/// the secret. The feed figures are those of the process that answers: `feed_running` false
/// means no feed runs there (e.g. an embedded console) and the figures are absent.
struct OdooConnection {
    std::string tenant;
    std::string url, database, login, api; // api: "json2" or "jsonrpc"
    std::string version;                   // Odoo's version when attached
    std::int64_t uid = 0;                  // Odoo user id when attached
    std::optional<std::string> lang;       // --lang (e.g. fr_FR); null: Odoo's source labels
    std::optional<std::string> attached_at;
    bool feed_running = false;
    bool webhook = false;                    // the feed reads update.webhook
    std::optional<std::string> last_contact; // last successful poll (ISO 8601)
    std::optional<std::int64_t> feed_lag_ms; // newest Odoo change seen -> in the event log
    std::optional<std::string> last_error;   // of the last poll; null when it succeeded
    std::optional<double> write_latency_ms;  // mean ms per Odoo write batch of pushes
    std::int64_t write_batches = 0;
    std::int64_t feed_events = 0; // Odoo changes appended to the event log
};

/// The answer of "Test connection" (POST /api/v1/admin/odoo/<tenant>/test): Odoo's version and
/// the user id the stored key authenticates as, or a one-line error.
struct OdooCheck {
    bool ok = false;
    std::string tenant;
    std::string version, api;
    std::int64_t uid = 0;
    std::string error;
};

// ---- JSON ---------------------------------------------------------------------------------------
// Requests: parse with every issue reported (loc starts with "body" or "query").
Parsed<PushRequest> parsePushRequest(const json& body);
/// The same, taking the changes' data out of `body` instead of copying it.
Parsed<PushRequest> parsePushRequest(json&& body);
Parsed<PullRequest> parsePullRequest(const json& body);
Parsed<ResolveRequest> parseResolveRequest(const json& body);
/// Parses request text; invalid JSON is one issue of type "json_invalid".
Parsed<json> parseJsonText(std::string_view text);

// ---- auth requests (POST /api/v1/auth/tenant/login and /refresh) ----
struct LoginRequest {
    std::string email, password;
};
struct RefreshRequest {
    std::string refresh_token;
};
/// {email, password}: both required strings.
Parsed<LoginRequest> parseLoginRequest(const json& body);
/// {refresh_token}: a required string.
Parsed<RefreshRequest> parseRefreshRequest(const json& body);

// Responses and requests to JSON (field names exactly as the guide).
json toJson(const Change&);
json toJson(const PushRequest&);
json toJson(const PullRequest&);
json toJson(const ResolveRequest&);
json toJson(const ConflictInfo&);
json toJson(const ChangeResult&);
json toJson(const PushResponse&);
/// The same text as toJson(PushResponse).dump() with invalid UTF-8 replaced, byte for byte,
/// written without building a json tree (the server's push answer).
std::string toJsonText(const PushResponse&);
json toJson(const Event&);
json toJson(const PullResponse&);
/// The same document as toJson(PullResponse).dump(), written without building a json tree.
std::string toJsonText(const PullResponse&);
json toJson(const ResolveResult&);
json toJson(const ResolveResponse&);
json toJson(const SyncState&);
json toJson(const ResetResponse&);
json toJson(const Statistics&);
json toJson(const OdooConnection&);
json toJson(const OdooCheck&);

// Responses from JSON, for clients (throw nlohmann::json::exception on a malformed document).
ChangeResult changeResultFromJson(const json&);
PushResponse pushResponseFromJson(const json&);
PullResponse pullResponseFromJson(const json&);
ResolveResponse resolveResponseFromJson(const json&);
SyncState syncStateFromJson(const json&);
ConflictInfo conflictInfoFromJson(const json&);
OdooConnection odooConnectionFromJson(const json&);
OdooCheck odooCheckFromJson(const json&);
/// As toJson(Statistics) writes it.
Statistics statisticsFromJson(const json&);
/// A number field of a response object: `fallback` when absent or null; a json::type_error
/// naming the key and the value when it is another type or out of the type's range (a
/// hostile server never causes an undefined conversion).
std::int64_t int64Field(const json& j, const char* key, std::int64_t fallback = 0);
int intField(const json& j, const char* key, int fallback = 0);
double doubleField(const json& j, const char* key, double fallback = 0);

/// {"detail": message, "error_code": NAME}
json errorBody(const Error& error);

} // namespace bridgecore::protocol
