#pragma once
// ClientCache: the offline client's local SQLite database (DESIGN.md §5): cached records of the
// app type's models, the outbox of pending changes, the local-id -> server-id map, conflicts
// returned by the server, and the sync state. Every public call is one committed transaction
// and may be called from any thread (calls are serialised by an internal mutex).

#include "engine/Clock.h"
#include "protocol/Protocol.h"

#include <QObject>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

struct sqlite3;

namespace bridgecore::client {

using protocol::json;
using protocol::Millis;

/// Where an outbox entry stands. Active entries (pending, in_flight, failed) are the device's
/// queue: they are reported to the server and their fields are protected from pulled data.
enum class OutboxStatus { Pending, InFlight, Synced, Failed, Conflict };
/// The stored spelling: pending, in_flight, synced, failed, conflict.
std::string_view toString(OutboxStatus status);
/// The status spelled `text`; nullopt for an unknown spelling.
std::optional<OutboxStatus> parseOutboxStatus(std::string_view text);

/// One cached record: the local view (server data with pending local edits on top).
struct CachedRecord {
    std::int64_t row = 0; // local row id
    std::string model;
    std::optional<std::int64_t> server_id; // unset while the create has not been pushed
    std::string local_id;                  // set for records created on this device
    json data = json::object();            // local view, without "id"
    json server_data;                      // last known server state; null for local-only
    std::int64_t server_version = 0;       // last known server version; 0 for local-only
    bool local_only = false;               // created here and not yet known to the server
    bool pending = false;                  // has an active outbox entry
    Millis updated_at = 0;
    /// The reference to send or show: the server id, else the local_id string.
    protocol::RecordRef ref() const;
};

/// One queued change.
struct OutboxEntry {
    std::int64_t seq = 0;
    std::string local_id;
    protocol::Action action = protocol::Action::Create;
    std::string model;
    std::int64_t record_row = 0;
    protocol::RecordRef record_ref; // as known when the change was made
    json data = json::object();
    std::vector<std::string> fields_changed;
    std::optional<std::int64_t> base_version;
    Millis local_timestamp = 0;
    int priority = protocol::kDefaultPriority;
    std::vector<std::string> dependencies;
    OutboxStatus status = OutboxStatus::Pending;
    int attempts = 0;
    std::string last_error;
    std::string error_code;
    std::optional<std::int64_t> server_id;
    Millis created_at = 0, updated_at = 0;
};
/// The entry as the CLI and the console show it.
json toJson(const OutboxEntry& entry);

struct OutboxCounts {
    std::int64_t pending = 0, in_flight = 0, synced = 0, failed = 0, conflict = 0;
    std::optional<Millis> oldest_active_at; // created_at of the oldest active entry
    /// pending + in_flight + failed: what the device still has to deliver.
    std::int64_t active() const { return pending + in_flight + failed; }
};

/// A conflict the server returned for one of this device's changes.
struct LocalConflict {
    std::int64_t id = 0; // local row id
    std::string local_id;
    std::string model;
    std::optional<std::int64_t> record_id;
    protocol::Action action = protocol::Action::Update;
    protocol::ConflictInfo info;
    bool open = true; // requires a resolution
    Millis created_at = 0;
    std::optional<Millis> resolved_at;
};
/// The conflict with its conflict_info, as the CLI prints it.
json toJson(const LocalConflict& conflict);

/// A local edit for applyEdits().
struct LocalEdit {
    protocol::Action action = protocol::Action::Create;
    std::string model;
    protocol::RecordRef ref; // for update/delete: server id or local_id
    json data = json::object();
    int priority = protocol::kDefaultPriority;
};

/// A change taken for a push: the frozen wire form plus what the result needs.
struct SentChange {
    OutboxEntry entry;
    std::string wire;      // the change as JSON text, exactly as sent (resent unchanged)
    std::string data_text; // the stored data when prepared (a later edit makes it stale)
    /// The wire form parsed (tests, diagnostics).
    json wireJson() const { return json::parse(wire); }
};

/// Where preparePush() continues: first the in_flight entries of an interrupted push (resent
/// byte-identical), then pending entries by seq. Each entry is taken at most once per round.
struct PushCursor {
    bool resending = true;
    std::int64_t after = 0; // last seq taken in the current phase
};

/// A push request prepared from the outbox. Its changes stay pending (and can still coalesce
/// with new edits) until markSent() marks them in flight just before the request is sent.
struct PushBatch {
    std::vector<SentChange> changes;
    bool resend = false; // in_flight entries of an interrupted push
    /// The changes as a JSON array text, ready to be spliced into the request body.
    std::string changesText() const;
};

/// One outbox entry as `recover` salvages it and `import-outbox` queues it again.
json toRecoveryJson(const OutboxEntry& entry, const std::string& sentJson);

/// What `recover` salvaged from a damaged cache file.
struct RecoveredOutbox {
    json entries = json::array(); // toRecoveryJson() of every readable entry
    int unreadable = 0;           // entries skipped because their rows could not be read
    std::string device_id, app_type, server_url;
};
/// Reads every readable outbox entry of the (possibly damaged) cache at `path`, row by row,
/// without writing to it.
Result<RecoveredOutbox> recoverOutbox(const QString& path);

class ClientCache : public QObject {
    Q_OBJECT
public:
    /// The schema version this build writes.
    static int latestSchemaVersion();
    /// Opens (creating and migrating) the cache at `path` (":memory:" for a private one).
    static Result<std::unique_ptr<ClientCache>> open(const QString& path,
                                                     const Clock& clock = Clock::system());
    ~ClientCache() override;

    // ---- sync state ----
    /// The device id; generated (a UUID) and stored on first use.
    std::string deviceId();
    /// Binds the cache to `deviceId`; fails when it already belongs to another device.
    Status setDeviceId(const std::string& deviceId);
    /// The app type whose models may be edited and are pulled ("" until set).
    std::string appType();
    /// Sets the app type; its models come from the default model map unless set explicitly.
    Status setAppType(const std::string& appType);
    /// Replaces the editable models (e.g. from the tenant's own model map).
    Status setAllowedModels(const std::vector<std::string>& models);
    /// The models local edits may touch.
    std::vector<std::string> allowedModels();
    /// The last event applied from a pull.
    std::int64_t lastEventId();
    /// Sets the pull position (a reset sets it to 0 to refetch everything).
    Status setLastEventId(std::int64_t id);
    /// A stored state value ("" when absent), e.g. "refresh_token", "last_error".
    std::string stateValue(const std::string& key);
    /// Stores a state value; an empty value removes it.
    Status setStateValue(const std::string& key, const std::string& value);
    /// The schema version of the open cache.
    int schemaVersion();

    // ---- local edits: each is committed before the call returns ----
    /// Creates a record offline; returns its local_id (usable as a reference until pushed).
    Result<std::string> createRecord(const std::string& model, const json& data,
                                     int priority = protocol::kDefaultPriority);
    /// Updates fields of a cached record (ref: server id or local_id).
    Status updateRecord(const std::string& model, const protocol::RecordRef& ref, const json& data,
                        int priority = protocol::kDefaultPriority);
    /// Deletes a cached record (ref: server id or local_id).
    Status deleteRecord(const std::string& model, const protocol::RecordRef& ref,
                        int priority = protocol::kDefaultPriority);
    /// Applies several edits in one transaction: all or none; returns one local_id per edit.
    Result<std::vector<std::string>> applyEdits(const std::vector<LocalEdit>& edits);

    // ---- reads ----
    /// One cached record that is not deleted locally.
    std::optional<CachedRecord> record(const std::string& model, const protocol::RecordRef& ref);
    /// Cached records of `model` without locally deleted ones: local-only first, then by server id.
    std::vector<CachedRecord> records(const std::string& model, int limit = -1, int offset = 0);
    /// Number of cached records of `model` (without locally deleted ones).
    std::int64_t countRecords(const std::string& model);
    /// Models that have cached records.
    std::vector<std::string> cachedModels();
    /// Outbox entries, oldest first; `status` filters when given.
    std::vector<OutboxEntry> outbox(std::optional<OutboxStatus> status = std::nullopt,
                                    int limit = -1, int offset = 0);
    /// The outbox entry of a change.
    std::optional<OutboxEntry> outboxEntry(const std::string& localId);
    /// Entries per status and the age of the oldest active one.
    OutboxCounts outboxCounts();
    /// Conflicts stored from push results; openOnly keeps those that require a resolution.
    std::vector<LocalConflict> conflicts(bool openOnly = false);
    /// The newest conflict of a change.
    std::optional<LocalConflict> conflict(const std::string& localId);
    /// The server id a local_id was mapped to.
    std::optional<std::int64_t> mappedId(const std::string& localId);
    /// The queue report sent with every push and pull.
    protocol::QueueReport queueReport(const std::string& appVersion);

    // ---- outbox management (console) ----
    /// Puts a failed (or conflict) entry back to pending so the next push sends it again.
    Status retry(std::int64_t seq);
    /// Drops a pending or failed entry and reverts its edit in the cached record.
    Status discard(std::int64_t seq);
    /// Removes synced entries last updated before `before`.
    Status purgeSynced(Millis before);

    // ---- used by SyncClient ----
    /// Prepares the next request of at most `max` changes after `cursor` (which it advances)
    /// without writing anything. A pending entry whose record is in `busyRows` (a request still
    /// on the wire carries that record, and its result rebases the entry) ends the batch early.
    Result<PushBatch> preparePush(PushCursor& cursor, std::size_t max,
                                  const std::unordered_set<std::int64_t>& busyRows = {});
    /// Marks a prepared batch in flight with its wire form, in one transaction, just before it
    /// is sent. Returns false (and marks nothing) when an entry changed since it was prepared.
    Result<bool> markSent(const PushBatch& batch);
    /// Puts the entries of a batch that was marked but certainly never reached the server back
    /// to pending, so status is truthful and a later edit can coalesce with them again.
    Status returnToPending(const PushBatch& batch);
    /// Prepares and marks up to `max` entries (in_flight ones first, then pending by seq) and
    /// returns them with their wire form. Committed before returning.
    Result<std::vector<SentChange>> takeForPush(std::size_t max);
    /// Commits statuses, id mapping, versions and conflicts of a push response in one transaction.
    Status applyPushResponse(const std::vector<SentChange>& sent,
                             const protocol::PushResponse& response);
    /// Applies one pulled page and its last_event_id in one transaction; pending local fields
    /// are kept on top of the pulled data. Returns the number of events applied.
    Result<int> applyPullPage(const protocol::PullResponse& page);
    /// Marks a conflict resolved and its change settled after a successful resolve-conflicts.
    Status markResolved(const std::string& localId, const protocol::ResolveResult& result);
    /// Marks the open conflicts stored up to `upToId` (LocalConflict::id) whose local_id the
    /// server no longer holds open (`openOnServer`, from GET /state) as resolved, and their
    /// changes (still in status conflict) as settled: an admin resolved them on the server, and
    /// the record comes with the pull (or is the server's, unchanged). Conflicts stored after
    /// `upToId` and changes queued again are left alone. Returns how many were closed.
    Result<int> closeResolvedOnServer(const std::vector<std::string>& openOnServer,
                                      std::int64_t upToId);
    /// Queues outbox entries salvaged by recoverOutbox() (toRecoveryJson form) again, in one
    /// transaction; entries whose local_id is already queued are skipped. Returns how many
    /// were queued. In-flight ones keep their stored wire form so the server recognises them.
    Result<int> importOutbox(const json& entries);
    /// Records the last sync error ("" clears it).
    Status setLastError(const std::string& error);
    /// The cache's clock, in ms since the epoch.
    Millis nowMs() const { return m_clock.now(); }

    /// Test hook: called inside applyPullPage's transaction after the first event.
    void setPullApplyHook(std::function<void()> hook);

signals:
    /// The outbox changed (an edit, a push result, a retry or discard).
    void outboxChanged();
    /// Cached records of `model` changed ("" = several models).
    void recordsChanged(const QString& model);
    /// Local conflicts changed.
    void conflictsChanged();

private:
    explicit ClientCache(const Clock& clock);
    struct Impl;
    std::unique_ptr<Impl> d;
    std::recursive_mutex m_mutex;
    const Clock& m_clock;
};

} // namespace bridgecore::client
