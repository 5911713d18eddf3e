#pragma once
// The engine's view of storage: repositories of tenants, users, model map, records, events,
// device states, the exactly-once push ledger, conflicts and metrics. SQLite implements it
// now (SqliteStore); a PostgreSQL one can follow without touching the engine.
// All access goes through transaction objects: read() for a snapshot, write() for the writer.

#include "protocol/Protocol.h"

#include <functional>
#include <map>
#include <memory>
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

/// What an update of a user sets; a field left empty keeps its stored value, so two updates of
/// different fields at once (a password reset, a re-enable) never undo each other.
struct UserChange {
    std::optional<bool> disabled;
    /// A new password hash also revokes every token issued before (token_version + 1).
    std::optional<std::string> password_hash;
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

/// How much of one model a full pull would carry: live records and their stored JSON bytes.
struct RecordVolume {
    std::int64_t records = 0;
    std::int64_t bytes = 0; // sum of the records' data text, in bytes
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
    std::vector<double> push_ms_samples; // bounded sample (kMaxLatencySamples) for percentiles
};
/// How many push durations a metric bucket keeps for its percentiles: those of its first
/// kMaxLatencySamples pushes.
constexpr std::size_t kMaxLatencySamples = 256;

/// What one call changes in a device's row: fields to set and counters to add. Applied with
/// SQL increments (never read-modify-write); inserts the row when the device is new.
struct DeviceUpdate {
    std::string device_id;
    std::int64_t user_id = 0; // the owner, for a new row; an existing row keeps its owner
    // Set when given.
    std::optional<std::string> app_type;
    std::optional<std::int64_t> last_event_id;
    std::optional<Millis> last_sync_time, last_push_time, last_pull_time;
    std::optional<std::string> app_version;
    std::optional<std::int64_t> pending_changes;
    std::optional<std::optional<std::string>> oldest_pending_at; // outer set: replace (maybe null)
    std::optional<std::optional<std::string>> last_error;        // outer set: replace (maybe null)
    std::optional<Millis> clock_skew_ms;
    // Added.
    std::int64_t syncs = 0, events_synced = 0, pushes = 0, pulls = 0, changes_pushed = 0,
                 changes_succeeded = 0, changes_failed = 0, changes_conflicted = 0, bytes_in = 0,
                 bytes_out = 0;
    double push_ms = 0, pull_ms = 0;
    bool reset_syncs = false; // total_syncs = 0 instead of adding `syncs`
    Millis created_at = 0;    // for a new row
};

/// One push or pull of a device with the queue report it carried (the drill-down's history).
struct DeviceHistoryRow {
    Millis at = 0;
    std::string kind;           ///< push | pull
    std::int64_t changes = 0;   ///< push: changes sent; pull: events received
    std::int64_t applied = 0;   ///< push: changes applied
    std::int64_t conflicts = 0; ///< push: changes that became conflicts
    std::int64_t failed = 0;    ///< push: changes refused
    double duration_ms = 0;
    std::optional<std::int64_t> pending_changes;  ///< the queue report's, when it carried one
    std::optional<std::string> oldest_pending_at; ///< idem
    std::optional<std::string> last_error;        ///< idem
};
/// How many history rows a device keeps; a prune every kDeviceHistoryPruneEvery-th row of the
/// device removes the older ones, so at most kDeviceHistoryRows + kDeviceHistoryPruneEvery - 1
/// are stored.
constexpr int kDeviceHistoryRows = 100;
constexpr int kDeviceHistoryPruneEvery = 16;

/// A consistent snapshot of the store. Every read can fail: a database error is an Error
/// (StorageError), never an empty answer. A transaction belongs to one thread at a time.
class ReadTransaction {
public:
    virtual ~ReadTransaction() = default;

    // ---- tenants and users ----
    virtual Result<std::optional<Tenant>> tenant(std::int64_t id) = 0;
    virtual Result<std::optional<Tenant>> tenantByName(const std::string& name) = 0;
    virtual Result<std::vector<Tenant>> tenants() = 0;
    virtual Result<std::optional<User>> user(std::int64_t id) = 0;
    /// Emails compare case-insensitively.
    virtual Result<std::optional<User>> userByEmail(const std::string& email) = 0;
    virtual Result<std::vector<User>> users(std::int64_t tenantId) = 0;

    // ---- model map ----
    /// Shared and never changed: a store may hand the same map to every snapshot that sees
    /// the same version of it.
    virtual Result<std::shared_ptr<const ModelMap>> modelMap(std::int64_t tenantId) = 0;

    // ---- per-tenant settings, one JSON text per section (e.g. "odoo") ----
    /// The value stored for (tenant, section); nullopt when there is none.
    virtual Result<std::optional<std::string>> tenantSetting(std::int64_t tenantId,
                                                             const std::string& section) = 0;

    // ---- records ----
    virtual Result<std::optional<RecordRow>> record(std::int64_t tenantId, const std::string& model,
                                                    std::int64_t id) = 0;
    virtual Result<std::int64_t> countRecords(std::int64_t tenantId, const std::string& model) = 0;
    /// Live (not deleted) records of a model and the bytes of their stored data.
    virtual Result<RecordVolume> recordVolume(std::int64_t tenantId, const std::string& model) = 0;
    virtual Result<std::vector<RecordRow>> records(std::int64_t tenantId, const std::string& model,
                                                   int limit, int offset) = 0;

    // ---- events ----
    virtual Result<std::int64_t> headEventId(std::int64_t tenantId) = 0;
    /// Events of one record with version in (fromVersion, toVersion], ascending.
    virtual Result<std::vector<EventRow>>
    recordEvents(std::int64_t tenantId, const std::string& model, std::int64_t recordId,
                 std::int64_t fromVersion, std::int64_t toVersion) = 0;
    /// Events of one record written after `after`, ascending.
    virtual Result<std::vector<EventRow>> recordEventsAfter(std::int64_t tenantId,
                                                            const std::string& model,
                                                            std::int64_t recordId,
                                                            Millis after) = 0;
    /// The record's data at `version`, from its event history; null when unknown.
    virtual Result<json> recordAtVersion(std::int64_t tenantId, const std::string& model,
                                         std::int64_t recordId, std::int64_t version) = 0;
    /// Matching events; `withPayload` false leaves data_text empty.
    virtual Result<std::vector<EventRow>> events(std::int64_t tenantId, const EventFilter& filter,
                                                 bool withPayload) = 0;
    virtual Result<std::int64_t> countEvents(std::int64_t tenantId, const EventFilter& filter) = 0;

    // ---- exactly-once ledger (unique key: tenant, device, local_id) ----
    /// Entries among `localIds` pushed earlier by the device.
    virtual Result<std::vector<LedgerEntry>> ledger(std::int64_t tenantId,
                                                    const std::string& deviceId,
                                                    const std::vector<std::string>& localIds) = 0;

    // ---- devices ----
    virtual Result<std::optional<DeviceRow>> device(std::int64_t tenantId,
                                                    const std::string& deviceId) = 0;
    /// userId 0 = every device of the tenant; search matches device id or app type.
    virtual Result<std::vector<DeviceRow>> devices(std::int64_t tenantId, std::int64_t userId,
                                                   int limit, int offset,
                                                   const std::string& search) = 0;
    virtual Result<std::int64_t> countDevices(std::int64_t tenantId, std::int64_t userId,
                                              const std::string& search) = 0;
    virtual Result<std::int64_t> countStaleDevices(std::int64_t tenantId, Millis syncedBefore) = 0;
    virtual Result<std::int64_t> sumPendingChanges(std::int64_t tenantId) = 0;
    /// The device's latest pushes and pulls, newest first.
    virtual Result<std::vector<DeviceHistoryRow>>
    deviceHistory(std::int64_t tenantId, const std::string& deviceId, int limit) = 0;

    // ---- conflicts ----
    virtual Result<std::optional<ConflictRow>> conflict(std::int64_t tenantId,
                                                        std::int64_t conflictId) = 0;
    virtual Result<std::optional<ConflictRow>> openConflict(std::int64_t tenantId,
                                                            const std::string& deviceId,
                                                            const std::string& localId) = 0;
    /// status: "open", "resolved" or "" for all; userId 0 = all users; deviceId "" = all
    /// devices.
    virtual Result<std::vector<ConflictRow>> conflicts(std::int64_t tenantId, std::int64_t userId,
                                                       const std::string& status, int limit,
                                                       int offset,
                                                       const std::string& deviceId = {}) = 0;
    virtual Result<std::int64_t> countConflicts(std::int64_t tenantId, std::int64_t userId,
                                                const std::string& status,
                                                const std::string& deviceId = {}) = 0;

    // ---- metrics ----
    virtual Result<std::vector<MetricBucket>> metricBuckets(std::int64_t tenantId, Millis from,
                                                            Millis to) = 0;
};

/// The store's write transaction: reads see its own writes. Destroying it without a
/// successful commit() rolls everything back. Savepoints nest inside it (a stack), so one
/// unit of work (a push of a group commit, a batch of a push) can fail alone.
///
/// Ids: record ids (per tenant and model), event ids, the per-(model, priority) event `seq`
/// and conflict ids come from per-tenant counter rows updated inside this transaction, so ids
/// are gap-free among committed rows and commit order equals id order, also with several
/// writers on one database (the counter row serialises them per tenant).
class WriteTransaction : public ReadTransaction {
public:
    virtual Status commit() = 0;
    virtual Status savepoint() = 0;
    /// Keeps the innermost savepoint's work; when that fails, the work is undone (rolled back).
    virtual Status releaseSavepoint() = 0;
    /// Undoes the innermost savepoint's work and ends it.
    virtual Status rollbackToSavepoint() = 0;

    // ---- tenants and users ----
    /// A new tenant with the default model map.
    virtual Result<std::int64_t> createTenant(const std::string& name) = 0;
    virtual Result<std::int64_t> createUser(const User& user) = 0;
    /// NotFound when the tenant has no user `userId`.
    virtual Status updateUser(std::int64_t tenantId, std::int64_t userId,
                              const UserChange& change) = 0;

    // ---- model map ----
    virtual Status setAppTypeModels(std::int64_t tenantId, const std::string& appType,
                                    const std::vector<ModelEntry>& models) = 0;

    // ---- per-tenant settings, one JSON text per section (e.g. "odoo") ----
    /// Stores `value` for (tenant, section); nullopt removes it.
    virtual Status setTenantSetting(std::int64_t tenantId, const std::string& section,
                                    const std::optional<std::string>& value) = 0;

    // ---- records and events ----
    /// Inserts a new record with the next id of (tenant, model); returns the id.
    virtual Result<std::int64_t> insertRecord(std::int64_t tenantId, const RecordRow& row) = 0;
    /// RecordNotFound when no such record.
    virtual Status updateRecord(std::int64_t tenantId, const RecordRow& row) = 0;
    /// Inserts or replaces the record under row.id: for ids chosen by a system of record
    /// (a tenant attached to Odoo mirrors Odoo's ids).
    virtual Status putRecord(std::int64_t tenantId, const RecordRow& row) = 0;
    /// Appends an event with the next event id of the tenant; returns the id.
    virtual Result<std::int64_t> appendEvent(std::int64_t tenantId, const EventRow& row) = 0;

    // ---- exactly-once ledger ----
    /// Fails (StorageError) if the device remembered this local_id already.
    virtual Status remember(std::int64_t tenantId, const std::string& deviceId,
                            const LedgerEntry& entry, Millis at) = 0;

    // ---- devices ----
    virtual Status updateDevice(std::int64_t tenantId, const DeviceUpdate& update) = 0;
    /// Appends a row to the device's history (after its updateDevice() in the same
    /// transaction: the device's row serialises its appends) and, every
    /// kDeviceHistoryPruneEvery-th row, drops those beyond the latest kDeviceHistoryRows.
    virtual Status addDeviceHistory(std::int64_t tenantId, const std::string& deviceId,
                                    const DeviceHistoryRow& row) = 0;

    // ---- conflicts ----
    /// Stores a new conflict with the next conflict id of the tenant; returns the id.
    virtual Result<std::int64_t> insertConflict(std::int64_t tenantId, const ConflictRow& row) = 0;
    virtual Status updateConflict(std::int64_t tenantId, const ConflictRow& row) = 0;

    // ---- metrics (added with SQL increments) ----
    /// Adds `d` to the bucket; a push's duration (d.pushes == 1) is kept when the push is one
    /// of the bucket's first kMaxLatencySamples.
    virtual Status addMetrics(std::int64_t tenantId, Millis bucketStart, const MetricDelta& d) = 0;
};

/// Savepoint for a scope: rolled back unless release() succeeded.
class Savepoint {
public:
    explicit Savepoint(WriteTransaction& tx)
        : m_tx(tx)
        , m_status(tx.savepoint()) {}
    ~Savepoint() {
        if (m_status.ok() && !m_done)
            m_tx.rollbackToSavepoint().ok();
    }
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    const Status& status() const { return m_status; }
    Status release() {
        m_done = true;
        return m_status.ok() ? m_tx.releaseSavepoint() : m_status;
    }

private:
    WriteTransaction& m_tx;
    Status m_status;
    bool m_done = false;
};

/// Storage: hands out transactions. Read transactions run side by side with each other and
/// with the writer; write transactions of one store run one at a time (write() waits).
/// Transactions must not outlive the store. A thread holding a write transaction must not
/// open a read transaction of the same store.
class SyncStore {
public:
    virtual ~SyncStore() = default;

    virtual Result<std::unique_ptr<ReadTransaction>> read() = 0;
    virtual Result<std::unique_ptr<WriteTransaction>> write() = 0;
    virtual int schemaVersion() = 0;
    virtual bool healthy() = 0;

    // ---- one-shot conveniences for tools, setup code and tests ----
    // Each runs in a transaction of its own; like the transactions' own reads, a database
    // error is an Error, never "absent".
    Result<std::int64_t> createTenant(const std::string& name);
    Result<std::optional<Tenant>> tenant(std::int64_t id);
    Result<std::optional<Tenant>> tenantByName(const std::string& name);
    Result<std::vector<Tenant>> tenants();
    Result<std::int64_t> createUser(const User& user);
    Result<std::optional<User>> user(std::int64_t id);
    Result<std::optional<User>> userByEmail(const std::string& email);
    Result<std::vector<User>> users(std::int64_t tenantId);
    Status updateUser(std::int64_t tenantId, std::int64_t userId, const UserChange& change);
    Result<ModelMap> modelMap(std::int64_t tenantId);
    Status setAppTypeModels(std::int64_t tenantId, const std::string& appType,
                            const std::vector<ModelEntry>& models);
    Result<std::optional<RecordRow>> record(std::int64_t tenantId, const std::string& model,
                                            std::int64_t id);
    Result<std::int64_t> countRecords(std::int64_t tenantId, const std::string& model);
    Result<std::vector<RecordRow>> records(std::int64_t tenantId, const std::string& model,
                                           int limit, int offset);
    Result<std::int64_t> headEventId(std::int64_t tenantId);
    Result<std::vector<EventRow>> events(std::int64_t tenantId, const EventFilter& filter,
                                         bool withPayload);
    Result<std::int64_t> countEvents(std::int64_t tenantId, const EventFilter& filter);
    Result<std::optional<DeviceRow>> device(std::int64_t tenantId, const std::string& deviceId);
    Result<std::optional<ConflictRow>> conflict(std::int64_t tenantId, std::int64_t conflictId);
    Result<std::int64_t> countConflicts(std::int64_t tenantId, std::int64_t userId,
                                        const std::string& status,
                                        const std::string& deviceId = {});
};

/// Opens (creating and migrating) the SQLite database at `path`; ":memory:" for a private
/// in-memory one. Fails with SchemaTooNew on a database written by a newer version.
Result<std::shared_ptr<SyncStore>> openSqliteStore(const std::string& path);
/// The schema version this build writes.
int latestSchemaVersion();

} // namespace bridgecore::storage
