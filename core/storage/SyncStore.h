#pragma once
// The engine's view of storage: repositories of tenants, users, model map, records, events,
// device states, the exactly-once push ledger, conflicts and metrics. SQLite implements it
// now (SqliteStore); a PostgreSQL one can follow without touching the engine.
// Writes happen inside a transaction opened with begin(); one writer at a time.

#include "protocol/Protocol.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace bridgecore::storage {

using protocol::json;
using protocol::Millis;

struct Tenant {
    std::int64_t id = 0;
    std::string name;
};

struct User {
    std::int64_t id = 0;
    std::int64_t tenant_id = 0;
    std::string email;
    std::string name;
    protocol::Role role = protocol::Role::User;
    std::string password_hash; // argon2id, libsodium's encoded form
    bool disabled = false;
    Millis created_at = 0;
    /// Tokens carry it; raising it (a password change) revokes every token issued before.
    std::int64_t token_version = 0;
};

struct ModelEntry {
    std::string model;
    std::optional<protocol::EventPriority> priority; // event priority for the model, if fixed
    std::string category = "business";
};
/// app_type -> models
using ModelMap = std::map<std::string, std::vector<ModelEntry>>;
/// The guide's map, extended with warehouse_app, manager_app and crm_app.
const ModelMap& defaultModelMap();

struct RecordRow {
    std::int64_t id = 0;
    std::string model;
    json data = json::object(); // fields without "id"
    std::string data_text;      // data as JSON text, when the writer has it already; else empty
    std::int64_t version = 0;
    Millis write_date = 0;
    Millis create_date = 0;
    bool deleted = false;
};

struct EventRow {
    std::int64_t event_id = 0;
    std::string model;
    std::int64_t record_id = 0;
    protocol::EventAction action = protocol::EventAction::Create;
    Millis timestamp = 0;
    std::string data_text; // JSON text of the record after the change ("null" if none)
    std::vector<std::string> changed_fields;
    protocol::EventPriority priority = protocol::EventPriority::Medium;
    std::string category = "business";
    std::int64_t user_id = 0;
    std::string device_id;
    std::string local_id;
    std::int64_t version = 0;
};

struct EventFilter {
    std::int64_t after_event_id = 0;
    std::vector<std::string> models;                 // empty = none match
    std::vector<protocol::EventPriority> priorities; // empty = all
    std::optional<std::string> action;
    std::optional<std::string> device_id;
    int limit = 100;
    int offset = 0;
    bool descending = false;
    bool all_models = false; // ignore `models`
};

/// One entry of the exactly-once ledger.
struct LedgerEntry {
    std::string local_id;
    std::string content_hash;
    std::string model;
    std::optional<std::int64_t> server_id;
    bool created = false;    // the change was a create: its local_id names a record
    std::string result_json; // the ChangeResult as first returned; for a plain success
                             // (no conflict) just its version, e.g. "3"
};

struct DeviceRow {
    std::string device_id;
    std::int64_t user_id = 0;
    std::optional<std::string> app_type;
    std::int64_t last_event_id = 0;
    std::optional<Millis> last_sync_time, last_push_time, last_pull_time;
    std::int64_t total_syncs = 0, total_events_synced = 0;
    std::optional<std::string> app_version;
    std::int64_t pending_changes = 0;
    std::optional<std::string> oldest_pending_at;
    std::optional<std::string> last_error;
    std::optional<Millis> clock_skew_ms;
    std::int64_t total_pushes = 0, total_pulls = 0, changes_pushed = 0, changes_succeeded = 0,
                 changes_failed = 0, changes_conflicted = 0;
    double push_ms_total = 0, pull_ms_total = 0;
    std::int64_t bytes_in = 0, bytes_out = 0;
    std::int64_t open_conflicts = 0; // derived when read
    Millis created_at = 0;
};

struct ConflictRow {
    std::int64_t conflict_id = 0;
    std::string device_id;
    std::int64_t user_id = 0;
    std::string local_id;
    std::string model;
    std::int64_t record_id = 0;
    protocol::Action action = protocol::Action::Update;
    protocol::ConflictStrategy strategy = protocol::ConflictStrategy::ServerWins;
    protocol::Resolution resolution = protocol::Resolution::Manual;
    bool open = true;
    std::vector<std::string> conflicting_fields;
    json local_data = json::object();
    json server_data = json::object();
    json base_data;
    std::optional<std::int64_t> local_version;
    std::int64_t server_version = 0;
    Millis local_timestamp = 0, server_timestamp = 0;
    Millis created_at = 0;
    std::optional<Millis> resolved_at;
    std::optional<std::int64_t> resolved_by;
    json result_data; // the record after resolution
};

struct MetricDelta {
    std::int64_t pushes = 0, changes_pushed = 0, pulls = 0, events_pulled = 0, conflicts = 0,
                 failures = 0;
    double push_ms = 0; // one push's duration, when pushes == 1
};

struct MetricBucket {
    Millis bucket_start = 0;
    std::int64_t pushes = 0, changes_pushed = 0, pulls = 0, events_pulled = 0, conflicts = 0,
                 failures = 0;
    double push_ms_sum = 0;
    std::vector<double> push_ms_samples; // bounded reservoir for percentiles
};

class SyncStore {
public:
    virtual ~SyncStore() = default;

    // ---- transactions: one writer; RAII guard below ----
    virtual Status begin() = 0;
    virtual Status commit() = 0;
    virtual void rollback() = 0;
    /// Serialises writers (and readers that must see one consistent snapshot).
    virtual std::recursive_mutex& mutex() = 0;
    virtual int schemaVersion() = 0;
    virtual bool healthy() = 0;

    // ---- tenants and users ----
    virtual Result<std::int64_t> createTenant(const std::string& name) = 0;
    virtual std::optional<Tenant> tenant(std::int64_t id) = 0;
    virtual std::optional<Tenant> tenantByName(const std::string& name) = 0;
    virtual std::vector<Tenant> tenants() = 0;
    virtual Result<std::int64_t> createUser(const User& user) = 0;
    virtual std::optional<User> user(std::int64_t id) = 0;
    virtual std::optional<User> userByEmail(const std::string& email) = 0;
    virtual std::vector<User> users(std::int64_t tenantId) = 0;
    virtual Status updateUser(const User& user) = 0;

    // ---- model map ----
    virtual ModelMap modelMap(std::int64_t tenantId) = 0;
    virtual Status setAppTypeModels(std::int64_t tenantId, const std::string& appType,
                                    const std::vector<ModelEntry>& models) = 0;

    // ---- records ----
    virtual std::optional<RecordRow> record(std::int64_t tenantId, const std::string& model,
                                            std::int64_t id) = 0;
    /// Inserts a new record with the next id of (tenant, model); returns the id.
    virtual Result<std::int64_t> insertRecord(std::int64_t tenantId, const RecordRow& row) = 0;
    virtual Status updateRecord(std::int64_t tenantId, const RecordRow& row) = 0;
    virtual std::int64_t countRecords(std::int64_t tenantId, const std::string& model) = 0;
    virtual std::vector<RecordRow> records(std::int64_t tenantId, const std::string& model,
                                           int limit, int offset) = 0;

    // ---- events ----
    /// Appends an event with the next event id of the tenant; returns the id.
    virtual Result<std::int64_t> appendEvent(std::int64_t tenantId, const EventRow& row) = 0;
    virtual std::int64_t headEventId(std::int64_t tenantId) = 0;
    /// Events of one record with version in (fromVersion, toVersion], ascending.
    virtual std::vector<EventRow> recordEvents(std::int64_t tenantId, const std::string& model,
                                               std::int64_t recordId, std::int64_t fromVersion,
                                               std::int64_t toVersion) = 0;
    /// Events of one record written after `after`, ascending.
    virtual std::vector<EventRow> recordEventsAfter(std::int64_t tenantId, const std::string& model,
                                                    std::int64_t recordId, Millis after) = 0;
    /// The record's data at `version`, from its event history; null when unknown.
    virtual json recordAtVersion(std::int64_t tenantId, const std::string& model,
                                 std::int64_t recordId, std::int64_t version) = 0;
    /// Matching events; `withPayload` false leaves data_text empty.
    virtual std::vector<EventRow> events(std::int64_t tenantId, const EventFilter& filter,
                                         bool withPayload) = 0;
    virtual std::int64_t countEvents(std::int64_t tenantId, const EventFilter& filter) = 0;

    // ---- exactly-once ledger ----
    /// Entries among `localIds` pushed earlier by the device.
    virtual std::vector<LedgerEntry> ledger(std::int64_t tenantId, const std::string& deviceId,
                                            const std::vector<std::string>& localIds) = 0;
    virtual Status remember(std::int64_t tenantId, const std::string& deviceId,
                            const LedgerEntry& entry, Millis at) = 0;

    // ---- devices ----
    virtual std::optional<DeviceRow> device(std::int64_t tenantId, const std::string& deviceId) = 0;
    virtual Status saveDevice(std::int64_t tenantId, const DeviceRow& row) = 0;
    /// userId 0 = every device of the tenant; search matches device id or app type.
    virtual std::vector<DeviceRow> devices(std::int64_t tenantId, std::int64_t userId, int limit,
                                           int offset, const std::string& search) = 0;
    virtual std::int64_t countDevices(std::int64_t tenantId, std::int64_t userId,
                                      const std::string& search) = 0;
    virtual std::int64_t countStaleDevices(std::int64_t tenantId, Millis syncedBefore) = 0;
    virtual std::int64_t sumPendingChanges(std::int64_t tenantId) = 0;

    // ---- conflicts ----
    virtual Result<std::int64_t> insertConflict(std::int64_t tenantId, const ConflictRow& row) = 0;
    virtual Status updateConflict(std::int64_t tenantId, const ConflictRow& row) = 0;
    virtual std::optional<ConflictRow> conflict(std::int64_t tenantId, std::int64_t conflictId) = 0;
    virtual std::optional<ConflictRow> openConflict(std::int64_t tenantId,
                                                    const std::string& deviceId,
                                                    const std::string& localId) = 0;
    /// status: "open", "resolved" or "" for all; userId 0 = all users.
    virtual std::vector<ConflictRow> conflicts(std::int64_t tenantId, std::int64_t userId,
                                               const std::string& status, int limit,
                                               int offset) = 0;
    virtual std::int64_t countConflicts(std::int64_t tenantId, std::int64_t userId,
                                        const std::string& status,
                                        const std::string& deviceId = {}) = 0;

    // ---- metrics ----
    virtual Status addMetrics(std::int64_t tenantId, Millis bucketStart, const MetricDelta& d) = 0;
    virtual std::vector<MetricBucket> metricBuckets(std::int64_t tenantId, Millis from,
                                                    Millis to) = 0;
};

/// Begins on construction, rolls back unless commit() succeeded.
class Transaction {
public:
    explicit Transaction(SyncStore& store)
        : m_store(store)
        , m_status(store.begin()) {}
    ~Transaction() {
        if (m_status.ok() && !m_done)
            m_store.rollback();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    const Status& status() const { return m_status; }
    Status commit() {
        m_done = true;
        return m_status.ok() ? m_store.commit() : m_status;
    }

private:
    SyncStore& m_store;
    Status m_status;
    bool m_done = false;
};

/// Opens (creating and migrating) the SQLite database at `path`; ":memory:" for a private
/// in-memory one. Fails with SchemaTooNew on a database written by a newer version.
Result<std::shared_ptr<SyncStore>> openSqliteStore(const std::string& path);
/// The schema version this build writes.
int latestSchemaVersion();

} // namespace bridgecore::storage
