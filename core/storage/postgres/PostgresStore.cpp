#include "storage/postgres/PostgresStore.h"

#include "storage/Migrations.h"
#include "storage/postgres/PgConnection.h"

#include <QLoggingCategory>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <limits>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

Q_LOGGING_CATEGORY(lcPostgres, "bridgecore.storage.postgres")

namespace bridgecore::storage {

namespace {

using postgres::Connection;
using postgres::Params;
using postgres::Rows;
using protocol::EventAction;
using protocol::EventPriority;

/// Readers a store keeps open at most; more concurrent readers wait for one.
constexpr int kMaxReaders = 8;
/// Key of the advisory lock that serialises migrations of concurrent `init` runs.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(4242001)";

Millis wallNow() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

json parseJsonOr(std::string_view text, json fallback) {
    if (text.empty())
        return fallback;
    json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    return j.is_discarded() ? fallback : j;
}

std::vector<std::string> parseStringList(std::string_view text) {
    std::vector<std::string> out;
    json j = parseJsonOr(text, json::array());
    if (j.is_array())
        for (const auto& v : j)
            if (v.is_string())
                out.push_back(v.get<std::string>());
    return out;
}

std::string toJsonText(const std::vector<std::string>& list) {
    return json(list).dump();
}

/// A PostgreSQL array literal of texts ({"a","b"}), for `= ANY($n::text[])`.
std::string textArray(const std::vector<std::string>& values) {
    std::string out = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i)
            out += ',';
        out += '"';
        for (char c : values[i]) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + '}';
}

/// The elements of a float8[] in text form ({1.5,2}).
std::vector<double> parseDoubleArray(std::string_view text) {
    std::vector<double> out;
    std::string s(text);
    const char* p = s.c_str();
    while (*p) {
        if (*p == '{' || *p == ',' || *p == '}' || *p == ' ') {
            ++p;
            continue;
        }
        char* end = nullptr;
        const double v = std::strtod(p, &end);
        if (end == p)
            break;
        out.push_back(v);
        p = end;
    }
    return out;
}

// ---- row readers --------------------------------------------------------------------------------

constexpr const char* kUserColumns =
    "SELECT id, tenant_id, email, name, role, password_hash, disabled, created_at, token_version "
    "FROM users ";
User readUser(const Rows& q, int r) {
    User u;
    u.id = q.int64(r, 0);
    u.tenant_id = q.int64(r, 1);
    u.email = q.text(r, 2);
    u.name = q.text(r, 3);
    u.role = protocol::parseRole(q.text(r, 4)).value_or(protocol::Role::User);
    u.password_hash = q.text(r, 5);
    u.disabled = q.boolean(r, 6);
    u.created_at = q.int64(r, 7);
    u.token_version = q.int64(r, 8);
    return u;
}

constexpr const char* kEventColumns =
    "SELECT event_id, model, record_id, action, timestamp, changed_fields, priority, category, "
    "user_id, device_id, local_id, version, data FROM events ";
constexpr const char* kEventColumnsNoData =
    "SELECT event_id, model, record_id, action, timestamp, changed_fields, priority, category, "
    "user_id, device_id, local_id, version FROM events ";
EventRow readEvent(const Rows& q, int r, bool withPayload) {
    EventRow e;
    e.event_id = q.int64(r, 0);
    e.model = q.text(r, 1);
    e.record_id = q.int64(r, 2);
    e.action = protocol::parseEventAction(q.view(r, 3)).value_or(EventAction::Write);
    e.timestamp = q.int64(r, 4);
    e.changed_fields = parseStringList(q.view(r, 5));
    e.priority = protocol::parseEventPriority(q.view(r, 6)).value_or(EventPriority::Medium);
    e.category = q.text(r, 7);
    e.user_id = q.int64(r, 8);
    e.device_id = q.text(r, 9);
    e.local_id = q.text(r, 10);
    e.version = q.int64(r, 11);
    if (withPayload)
        e.data_text = q.text(r, 12);
    return e;
}

constexpr const char* kDeviceColumns =
    "SELECT d.device_id, d.user_id, d.app_type, d.last_event_id, d.last_sync_time, "
    "d.last_push_time, d.last_pull_time, d.total_syncs, d.total_events_synced, d.app_version, "
    "d.pending_changes, d.oldest_pending_at, d.last_error, d.clock_skew_ms, d.total_pushes, "
    "d.total_pulls, d.changes_pushed, d.changes_succeeded, d.changes_failed, "
    "d.changes_conflicted, d.push_ms_total, d.pull_ms_total, d.bytes_in, d.bytes_out, "
    "d.created_at, (SELECT count(*) FROM conflicts c WHERE c.tenant_id = d.tenant_id AND "
    "c.device_id = d.device_id AND c.open) FROM devices d ";
DeviceRow readDevice(const Rows& q, int r) {
    DeviceRow d;
    d.device_id = q.text(r, 0);
    d.user_id = q.int64(r, 1);
    d.app_type = q.optText(r, 2);
    d.last_event_id = q.int64(r, 3);
    d.last_sync_time = q.optInt64(r, 4);
    d.last_push_time = q.optInt64(r, 5);
    d.last_pull_time = q.optInt64(r, 6);
    d.total_syncs = q.int64(r, 7);
    d.total_events_synced = q.int64(r, 8);
    d.app_version = q.optText(r, 9);
    d.pending_changes = q.int64(r, 10);
    d.oldest_pending_at = q.optText(r, 11);
    d.last_error = q.optText(r, 12);
    d.clock_skew_ms = q.optInt64(r, 13);
    d.total_pushes = q.int64(r, 14);
    d.total_pulls = q.int64(r, 15);
    d.changes_pushed = q.int64(r, 16);
    d.changes_succeeded = q.int64(r, 17);
    d.changes_failed = q.int64(r, 18);
    d.changes_conflicted = q.int64(r, 19);
    d.push_ms_total = q.real(r, 20);
    d.pull_ms_total = q.real(r, 21);
    d.bytes_in = q.int64(r, 22);
    d.bytes_out = q.int64(r, 23);
    d.created_at = q.int64(r, 24);
    d.open_conflicts = q.int64(r, 25);
    return d;
}
// $3: '' = no search; matches device id or app type, case-insensitively.
constexpr const char* kDeviceWhere =
    "WHERE d.tenant_id = $1 AND ($2 = 0 OR d.user_id = $2) AND ($3 = '' OR "
    "strpos(lower(d.device_id), lower($3)) > 0 OR "
    "strpos(lower(COALESCE(d.app_type, '')), lower($3)) > 0) ";

constexpr const char* kConflictColumns =
    "SELECT conflict_id, device_id, user_id, local_id, model, record_id, action, strategy, "
    "resolution, open, conflicting_fields, local_data, server_data, base_data, local_version, "
    "server_version, local_timestamp, server_timestamp, created_at, resolved_at, resolved_by, "
    "result_data FROM conflicts ";
ConflictRow readConflict(const Rows& q, int r) {
    ConflictRow c;
    c.conflict_id = q.int64(r, 0);
    c.device_id = q.text(r, 1);
    c.user_id = q.int64(r, 2);
    c.local_id = q.text(r, 3);
    c.model = q.text(r, 4);
    c.record_id = q.int64(r, 5);
    c.action = protocol::parseAction(q.view(r, 6)).value_or(protocol::Action::Update);
    c.strategy =
        protocol::parseConflictStrategy(q.view(r, 7)).value_or(protocol::ConflictStrategy::Manual);
    const std::string_view resolution = q.view(r, 8);
    for (auto res : {protocol::Resolution::ServerWins, protocol::Resolution::ClientWins,
                     protocol::Resolution::Merged, protocol::Resolution::Manual})
        if (protocol::toString(res) == resolution)
            c.resolution = res;
    c.open = q.boolean(r, 9);
    c.conflicting_fields = parseStringList(q.view(r, 10));
    c.local_data = parseJsonOr(q.view(r, 11), json::object());
    c.server_data = parseJsonOr(q.view(r, 12), json::object());
    c.base_data = q.isNull(r, 13) ? json(nullptr) : parseJsonOr(q.view(r, 13), nullptr);
    c.local_version = q.optInt64(r, 14);
    c.server_version = q.int64(r, 15);
    c.local_timestamp = q.int64(r, 16);
    c.server_timestamp = q.int64(r, 17);
    c.created_at = q.int64(r, 18);
    c.resolved_at = q.optInt64(r, 19);
    c.resolved_by = q.optInt64(r, 20);
    c.result_data = q.isNull(r, 21) ? json(nullptr) : parseJsonOr(q.view(r, 21), nullptr);
    return c;
}
Params conflictParams(std::int64_t tenantId, const ConflictRow& c) {
    Params p;
    p.add(tenantId)
        .add(c.conflict_id)
        .add(c.device_id)
        .add(c.user_id)
        .add(c.local_id)
        .add(c.model)
        .add(c.record_id)
        .add(protocol::toString(c.action))
        .add(protocol::toString(c.strategy))
        .add(protocol::toString(c.resolution))
        .add(c.open)
        .add(toJsonText(c.conflicting_fields))
        .add(c.local_data.dump())
        .add(c.server_data.dump());
    if (c.base_data.is_null())
        p.addNull();
    else
        p.add(c.base_data.dump());
    p.add(c.local_version)
        .add(c.server_version)
        .add(c.local_timestamp)
        .add(c.server_timestamp)
        .add(c.created_at)
        .add(c.resolved_at)
        .add(c.resolved_by);
    if (c.result_data.is_null())
        p.addNull();
    else
        p.add(c.result_data.dump());
    return p;
}
constexpr const char* kConflictWhere =
    "WHERE tenant_id = $1 AND ($2 = 0 OR user_id = $2) AND "
    "($3 = '' OR ($3 = 'open' AND open) OR ($3 = 'resolved' AND NOT open)) AND "
    "($4 = '' OR device_id = $4) ";

// Events: one statement per direction; filters are bound, never spliced. NULL matches all.
constexpr const char* kEventWhere =
    "WHERE tenant_id = $1 AND event_id > $2 "
    "AND ($3::text[] IS NULL OR model = ANY($3::text[])) "
    "AND ($4::text[] IS NULL OR priority = ANY($4::text[])) "
    "AND ($5::text IS NULL OR action = $5) AND ($6::text IS NULL OR device_id = $6) ";
Params eventFilterParams(std::int64_t tenantId, const EventFilter& f) {
    Params p;
    p.add(tenantId).add(f.after_event_id);
    if (f.all_models)
        p.addNull();
    else
        p.add(textArray(f.models));
    if (f.priorities.empty()) {
        p.addNull();
    } else {
        std::vector<std::string> names;
        for (auto pr : f.priorities)
            names.emplace_back(protocol::toString(pr));
        p.add(textArray(names));
    }
    p.add(f.action).add(f.device_id);
    return p;
}

} // namespace

// ---- the store ----------------------------------------------------------------------------------

class PgTransaction;

class PostgresStore final : public SyncStore, public std::enable_shared_from_this<PostgresStore> {
public:
    explicit PostgresStore(std::string uri)
        : m_uri(std::move(uri)) {}

    Status open(bool migrate);
    Result<std::unique_ptr<ReadTransaction>> read() override;
    Result<std::unique_ptr<WriteTransaction>> write() override;
    int schemaVersion() override { return m_schemaVersion; }
    bool healthy() override;

    /// A connection for a reader (waits while kMaxReaders are out); reconnects a broken one.
    Result<std::unique_ptr<Connection>> takeReader();
    void giveBack(std::unique_ptr<Connection> c);

private:
    friend class PgTransaction;
    Status migrateSchema(Connection& c, bool migrate);

    std::string m_uri;
    std::mutex m_writerMutex; // one write transaction at a time per process
    std::unique_ptr<Connection> m_writer;
    std::atomic<std::thread::id> m_writerThread; // holder of the write transaction
    std::mutex m_poolMutex;
    std::condition_variable m_poolFree;
    std::vector<std::unique_ptr<Connection>> m_idle;
    int m_readersOut = 0;
    int m_schemaVersion = 0;
};

/// A read transaction (REPEATABLE READ READ ONLY, on a pooled connection) or the write
/// transaction (READ COMMITTED on the writer connection, tenants locked at first touch).
class PgTransaction final : public WriteTransaction {
public:
    PgTransaction(PostgresStore& store, Connection& c, std::unique_ptr<Connection> pooled,
                  std::unique_lock<std::mutex> writerLock)
        : m_store(store)
        , m_c(c)
        , m_pooled(std::move(pooled))
        , m_writerLock(std::move(writerLock))
        , m_writable(m_writerLock.owns_lock()) {
        if (m_writable)
            m_store.m_writerThread = std::this_thread::get_id();
    }
    ~PgTransaction() override {
        m_c.settle().ok(); // a deferred statement's failure changes nothing: all is undone
        if (!m_done)
            m_c.script(m_writable ? "ROLLBACK" : "COMMIT").ok();
        if (m_pooled)
            m_store.giveBack(std::move(m_pooled));
        if (m_writable)
            m_store.m_writerThread = std::thread::id();
    }

    Status begin() {
        return m_c.script(m_writable ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                                     : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    }

    Status commit() override {
        if (m_done)
            return Error{ErrorCode::Internal, "the transaction has ended"};
        m_done = true;
        Status s = flushCounters(); // also settles the deferred statements
        if (s.ok())
            s = m_c.script("COMMIT");
        if (!s.ok()) {
            m_c.settle().ok();
            m_c.script("ROLLBACK").ok();
        }
        return s;
    }
    Status savepoint() override {
        Status s = m_c.script("SAVEPOINT sp" + std::to_string(m_savepoints));
        if (s.ok()) {
            ++m_savepoints;
            m_counterSnapshots.push_back(m_counters);
        }
        return s;
    }
    Status releaseSavepoint() override {
        if (m_savepoints == 0)
            return Error{ErrorCode::Internal, "no savepoint to release"};
        // A deferred write of this savepoint failed: its work is undone, as by
        // rollbackToSavepoint(), and the failure returned; the transaction goes on.
        if (Status s = m_c.settle(); !s.ok()) {
            rollbackToSavepoint().ok();
            return s;
        }
        --m_savepoints;
        // Locks taken inside the savepoint now belong to the enclosing level.
        for (auto& [tenant, level] : m_lockedTenants)
            if (level > m_savepoints)
                level = m_savepoints;
        m_counterSnapshots.pop_back();
        return m_c.script("RELEASE sp" + std::to_string(m_savepoints));
    }
    Status rollbackToSavepoint() override {
        if (m_savepoints == 0)
            return Error{ErrorCode::Internal, "no savepoint to roll back to"};
        --m_savepoints;
        // PostgreSQL drops the row locks taken inside a rolled-back savepoint.
        for (auto it = m_lockedTenants.begin(); it != m_lockedTenants.end();)
            it = it->second > m_savepoints ? m_lockedTenants.erase(it) : std::next(it);
        m_counters = std::move(m_counterSnapshots.back()); // ids taken since are free again
        m_counterSnapshots.pop_back();
        m_c.settle().ok(); // what failed in the savepoint is undone with it
        const std::string n = "sp" + std::to_string(m_savepoints);
        return m_c.script("ROLLBACK TO " + n + "; RELEASE " + n);
    }

    Result<std::optional<Tenant>> tenant(std::int64_t id) override;
    Result<std::optional<Tenant>> tenantByName(const std::string& name) override;
    Result<std::vector<Tenant>> tenants() override;
    Result<std::optional<User>> user(std::int64_t id) override;
    Result<std::optional<User>> userByEmail(const std::string& email) override;
    Result<std::vector<User>> users(std::int64_t tenantId) override;
    Result<std::shared_ptr<const ModelMap>> modelMap(std::int64_t tenantId) override;
    Result<std::optional<std::string>> tenantSetting(std::int64_t tenantId,
                                                     const std::string& section) override;
    Result<std::optional<RecordRow>> record(std::int64_t tenantId, const std::string& model,
                                            std::int64_t id) override;
    Result<std::int64_t> countRecords(std::int64_t tenantId, const std::string& model) override;
    Result<RecordVolume> recordVolume(std::int64_t tenantId, const std::string& model) override;
    Result<std::vector<RecordRow>> records(std::int64_t tenantId, const std::string& model,
                                           int limit, int offset) override;
    Result<std::int64_t> headEventId(std::int64_t tenantId) override;
    Result<std::vector<EventRow>> recordEvents(std::int64_t tenantId, const std::string& model,
                                               std::int64_t recordId, std::int64_t fromVersion,
                                               std::int64_t toVersion) override;
    Result<std::vector<EventRow>> recordEventsAfter(std::int64_t tenantId, const std::string& model,
                                                    std::int64_t recordId, Millis after) override;
    Result<json> recordAtVersion(std::int64_t tenantId, const std::string& model,
                                 std::int64_t recordId, std::int64_t version) override;
    Result<std::vector<EventRow>> events(std::int64_t tenantId, const EventFilter& filter,
                                         bool withPayload) override;
    Result<std::int64_t> countEvents(std::int64_t tenantId, const EventFilter& filter) override;
    Result<std::vector<LedgerEntry>> ledger(std::int64_t tenantId, const std::string& deviceId,
                                            const std::vector<std::string>& localIds) override;
    Result<std::optional<DeviceRow>> device(std::int64_t tenantId,
                                            const std::string& deviceId) override;
    Result<std::vector<DeviceRow>> devices(std::int64_t tenantId, std::int64_t userId, int limit,
                                           int offset, const std::string& search) override;
    Result<std::int64_t> countDevices(std::int64_t tenantId, std::int64_t userId,
                                      const std::string& search) override;
    Result<std::int64_t> countStaleDevices(std::int64_t tenantId, Millis syncedBefore) override;
    Result<std::int64_t> sumPendingChanges(std::int64_t tenantId) override;
    Result<std::vector<DeviceHistoryRow>>
    deviceHistory(std::int64_t tenantId, const std::string& deviceId, int limit) override;
    Result<std::optional<ConflictRow>> conflict(std::int64_t tenantId,
                                                std::int64_t conflictId) override;
    Result<std::optional<ConflictRow>> openConflict(std::int64_t tenantId,
                                                    const std::string& deviceId,
                                                    const std::string& localId) override;
    Result<std::vector<ConflictRow>> conflicts(std::int64_t tenantId, std::int64_t userId,
                                               const std::string& status, int limit, int offset,
                                               const std::string& deviceId) override;
    Result<std::int64_t> countConflicts(std::int64_t tenantId, std::int64_t userId,
                                        const std::string& status,
                                        const std::string& deviceId) override;
    Result<std::vector<MetricBucket>> metricBuckets(std::int64_t tenantId, Millis from,
                                                    Millis to) override;

    Result<std::int64_t> createTenant(const std::string& name) override;
    Result<std::int64_t> createUser(const User& user) override;
    Status updateUser(std::int64_t tenantId, std::int64_t userId,
                      const UserChange& change) override;
    Status setAppTypeModels(std::int64_t tenantId, const std::string& appType,
                            const std::vector<ModelEntry>& models) override;
    Result<std::int64_t> insertRecord(std::int64_t tenantId, const RecordRow& row) override;
    Status updateRecord(std::int64_t tenantId, const RecordRow& row) override;
    Status putRecord(std::int64_t tenantId, const RecordRow& row) override;
    Status setTenantSetting(std::int64_t tenantId, const std::string& section,
                            const std::optional<std::string>& value) override;
    Result<std::int64_t> appendEvent(std::int64_t tenantId, const EventRow& row) override;
    Status remember(std::int64_t tenantId, const std::string& deviceId, const LedgerEntry& entry,
                    Millis at) override;
    Status updateDevice(std::int64_t tenantId, const DeviceUpdate& update) override;
    Status addDeviceHistory(std::int64_t tenantId, const std::string& deviceId,
                            const DeviceHistoryRow& row) override;
    Result<std::int64_t> insertConflict(std::int64_t tenantId, const ConflictRow& row) override;
    Status updateConflict(std::int64_t tenantId, const ConflictRow& row) override;
    Status addMetrics(std::int64_t tenantId, Millis bucketStart, const MetricDelta& d) override;

private:
    /// In the write transaction: locks the tenant's counter row once (per savepoint level
    /// that survives), so this transaction is the tenant's only writer until it ends.
    Status touch(std::int64_t tenantId);
    /// The next value of the tenant's counter `name` (event, conflict, record:<model>,
    /// seq:<model>:<priority>). Read once under the tenant's lock, counted here, written back
    /// by commit() in one statement: no row updated over and over inside one transaction.
    Result<std::int64_t> next(std::int64_t tenantId, const std::string& name);
    Status flushCounters();
    Status writable() const {
        return m_writable ? Status{}
                          : Status(Error{ErrorCode::Internal, "write in a read transaction"});
    }
    Result<Rows> q(const char* sql, const Params& p = {}) { return m_c.query(sql, p); }
    Result<std::int64_t> scalar(const char* sql, const Params& p) {
        auto r = q(sql, p);
        if (!r.ok())
            return r.error();
        return r.value().empty() || r.value().isNull(0, 0) ? 0 : r.value().int64(0, 0);
    }

    PostgresStore& m_store;
    Connection& m_c;
    std::unique_ptr<Connection> m_pooled;
    std::unique_lock<std::mutex> m_writerLock;
    bool m_writable;
    bool m_done = false;
    int m_savepoints = 0;
    std::map<std::int64_t, int> m_lockedTenants; // tenant -> savepoint level of its lock
    struct Counter {
        std::int64_t value = 0;
        bool dirty = false;
    };
    using Counters = std::map<std::pair<std::int64_t, std::string>, Counter>;
    Counters m_counters;
    std::vector<Counters> m_counterSnapshots; // m_counters when each open savepoint began
};

// ---- opening, migrations, connections -----------------------------------------------------------

Result<std::shared_ptr<SyncStore>> openPostgresStore(const std::string& uri, bool migrate) {
    auto store = std::make_shared<PostgresStore>(uri);
    if (Status s = store->open(migrate); !s.ok())
        return s.error();
    return std::shared_ptr<SyncStore>(store);
}

Status PostgresStore::open(bool migrate) {
    auto c = Connection::open(m_uri);
    if (!c.ok())
        return c.error();
    m_writer = std::move(c).value();
    return migrateSchema(*m_writer, migrate);
}

Status PostgresStore::migrateSchema(Connection& c, bool migrate) {
    const int latest = latestSchemaVersion();
    if (Status s = c.script("BEGIN"); !s.ok())
        return s;
    auto fail = [&](Error e) -> Status {
        c.script("ROLLBACK").ok();
        return e;
    };
    if (migrate) {
        if (Status s = c.exec(kMigrationLock); !s.ok())
            return fail(s.error());
        if (Status s = c.script("CREATE TABLE IF NOT EXISTS bridgecore_schema "
                                "(version INTEGER NOT NULL)");
            !s.ok())
            return fail(s.error());
    }
    auto has = c.query("SELECT to_regclass('bridgecore_schema') IS NOT NULL");
    if (!has.ok())
        return fail(has.error());
    int current = 0;
    if (has.value().boolean(0, 0)) {
        auto v = c.query("SELECT max(version) FROM bridgecore_schema");
        if (!v.ok())
            return fail(v.error());
        current = static_cast<int>(v.value().isNull(0, 0) ? 0 : v.value().int64(0, 0));
    }
    if (current > latest)
        return fail(Error{ErrorCode::SchemaTooNew,
                          "the database has schema version " + std::to_string(current) +
                              ", newer than this BridgeCore build (" + std::to_string(latest) +
                              "); upgrade BridgeCore to open it"});
    if (current < latest && !migrate)
        return fail(Error{
            ErrorCode::StorageError,
            current == 0 ? std::string("the database has no BridgeCore schema; create it with "
                                       "`bridgecore-server init --db URI`")
                         : "the database has schema version " + std::to_string(current) +
                               ", older than this BridgeCore build (" + std::to_string(latest) +
                               "); upgrade it with `bridgecore-server init --db URI` first"});
    for (int v = current; v < latest; ++v) {
        if (Status s = c.script(migrations()[static_cast<std::size_t>(v)].postgres); !s.ok())
            return fail(Error{ErrorCode::StorageError, "migration to schema version " +
                                                           std::to_string(v + 1) +
                                                           " failed: " + s.error().message});
        qCInfo(lcPostgres, "migrated database to schema version %d", v + 1);
    }
    if (current < latest) {
        if (Status s = c.exec("DELETE FROM bridgecore_schema"); !s.ok())
            return fail(s.error());
        if (Status s =
                c.exec("INSERT INTO bridgecore_schema(version) VALUES ($1)", Params().add(latest));
            !s.ok())
            return fail(s.error());
    }
    if (Status s = c.script("COMMIT"); !s.ok())
        return fail(s.error());
    m_schemaVersion = latest;
    return {};
}

Result<std::unique_ptr<Connection>> PostgresStore::takeReader() {
    std::unique_ptr<Connection> c;
    {
        std::unique_lock lock(m_poolMutex);
        m_poolFree.wait(lock, [&] { return !m_idle.empty() || m_readersOut < kMaxReaders; });
        ++m_readersOut;
        if (!m_idle.empty()) {
            c = std::move(m_idle.back());
            m_idle.pop_back();
        }
    }
    if (c && !c->usable() && !c->reset())
        c.reset();
    if (!c) {
        auto opened = Connection::open(m_uri);
        if (!opened.ok()) {
            std::lock_guard lock(m_poolMutex);
            --m_readersOut;
            m_poolFree.notify_one();
            return opened.error();
        }
        c = std::move(opened).value();
    }
    return c;
}

void PostgresStore::giveBack(std::unique_ptr<Connection> c) {
    std::lock_guard lock(m_poolMutex);
    --m_readersOut;
    if (c && c->usable() && !c->inTransaction())
        m_idle.push_back(std::move(c));
    m_poolFree.notify_one();
}

Result<std::unique_ptr<ReadTransaction>> PostgresStore::read() {
    auto c = takeReader();
    if (!c.ok())
        return c.error();
    Connection& conn = *c.value();
    std::unique_ptr<PgTransaction> tx(
        new PgTransaction(*this, conn, std::move(c).value(), std::unique_lock<std::mutex>()));
    if (Status s = tx->begin(); !s.ok())
        return s.error();
    return std::unique_ptr<ReadTransaction>(std::move(tx));
}

Result<std::unique_ptr<WriteTransaction>> PostgresStore::write() {
    if (m_writerThread == std::this_thread::get_id())
        return Error{ErrorCode::Internal, "this thread has a write transaction open already"};
    std::unique_lock lock(m_writerMutex);
    if (!m_writer->usable() && !m_writer->reset())
        return Error{ErrorCode::StorageError, "the connection to PostgreSQL is lost"};
    std::unique_ptr<PgTransaction> tx(
        new PgTransaction(*this, *m_writer, nullptr, std::move(lock)));
    if (Status s = tx->begin(); !s.ok())
        return s.error();
    return std::unique_ptr<WriteTransaction>(std::move(tx));
}

bool PostgresStore::healthy() {
    auto c = takeReader();
    if (!c.ok())
        return false;
    const bool ok = c.value()->query("SELECT 1").ok();
    giveBack(std::move(c).value());
    return ok;
}

// ---- the tenant lock ----------------------------------------------------------------------------

Status PgTransaction::touch(std::int64_t tenantId) {
    if (!m_writable || m_lockedTenants.count(tenantId))
        return {};
    // The `event` counter row is the tenant's write lock, held until this transaction ends;
    // created (and so locked) by the upsert when the tenant has none yet.
    auto r = q("SELECT value FROM counters WHERE tenant_id = $1 AND name = 'event' FOR UPDATE",
               Params().add(tenantId));
    if (r.ok() && r.value().empty())
        r = q("INSERT INTO counters AS k (tenant_id, name, value) VALUES ($1, 'event', 0) "
              "ON CONFLICT (tenant_id, name) DO UPDATE SET value = k.value RETURNING value",
              Params().add(tenantId));
    if (!r.ok())
        return r.error();
    m_lockedTenants[tenantId] = m_savepoints;
    auto& event = m_counters[{tenantId, "event"}];
    if (!event.dirty)
        event.value = r.value().int64(0, 0);
    return {};
}

Result<std::int64_t> PgTransaction::next(std::int64_t tenantId, const std::string& name) {
    if (Status t = touch(tenantId); !t.ok())
        return t.error();
    auto it = m_counters.find({tenantId, name});
    if (it == m_counters.end()) {
        auto r = q("SELECT value FROM counters WHERE tenant_id = $1 AND name = $2",
                   Params().add(tenantId).add(name));
        if (!r.ok())
            return r.error();
        it = m_counters
                 .emplace(std::pair(tenantId, name),
                          Counter{r.value().empty() ? 0 : r.value().int64(0, 0), false})
                 .first;
    }
    it->second.dirty = true;
    return ++it->second.value;
}

Status PgTransaction::flushCounters() {
    // tenant -> (names, values) of the counters this transaction moved
    std::map<std::int64_t, std::pair<std::vector<std::string>, std::string>> dirty;
    for (auto& [key, c] : m_counters)
        if (c.dirty) {
            auto& [names, values] = dirty[key.first];
            names.push_back(key.second);
            values += (values.empty() ? "{" : ",") + std::to_string(c.value);
            c.dirty = false;
        }
    for (const auto& [tenantId, counters] : dirty)
        if (Status s = m_c.exec(
                "INSERT INTO counters AS k (tenant_id, name, value) "
                "SELECT $1, n, v FROM unnest($2::text[], $3::bigint[]) AS u(n, v) "
                "ON CONFLICT (tenant_id, name) DO UPDATE SET value = EXCLUDED.value",
                Params().add(tenantId).add(textArray(counters.first)).add(counters.second + "}"));
            !s.ok())
            return s;
    return {};
}

// ---- tenants and users --------------------------------------------------------------------------

Result<std::optional<Tenant>> PgTransaction::tenant(std::int64_t id) {
    auto r = q("SELECT id, name FROM tenants WHERE id = $1", Params().add(id));
    if (!r.ok())
        return r.error();
    if (r.value().empty())
        return std::optional<Tenant>();
    return std::optional(Tenant{r.value().int64(0, 0), r.value().text(0, 1)});
}

Result<std::optional<Tenant>> PgTransaction::tenantByName(const std::string& name) {
    auto r = q("SELECT id, name FROM tenants WHERE name = $1", Params().add(name));
    if (!r.ok())
        return r.error();
    if (r.value().empty())
        return std::optional<Tenant>();
    return std::optional(Tenant{r.value().int64(0, 0), r.value().text(0, 1)});
}

Result<std::vector<Tenant>> PgTransaction::tenants() {
    auto r = q("SELECT id, name FROM tenants ORDER BY id");
    if (!r.ok())
        return r.error();
    std::vector<Tenant> out;
    for (int i = 0; i < r.value().size(); ++i)
        out.push_back(Tenant{r.value().int64(i, 0), r.value().text(i, 1)});
    return out;
}

Result<std::int64_t> PgTransaction::createTenant(const std::string& name) {
    if (Status w = writable(); !w.ok())
        return w.error();
    if (name.empty())
        return Error{ErrorCode::ValidationError, "a tenant needs a name"};
    Savepoint sp(*this);
    if (!sp.status().ok())
        return sp.status().error();
    auto r = q("INSERT INTO tenants(name, created_at) VALUES ($1, $2) RETURNING id",
               Params().add(name).add(wallNow()));
    if (!r.ok()) {
        if (m_c.lastSqlState() == postgres::kUniqueViolation)
            return Error{ErrorCode::ValidationError,
                         "a tenant named '" + name + "' exists already"};
        return r.error();
    }
    const std::int64_t id = r.value().int64(0, 0);
    for (const auto& [appType, models] : defaultModelMap())
        if (Status s = setAppTypeModels(id, appType, models); !s.ok())
            return s.error();
    if (Status s = sp.release(); !s.ok())
        return s.error();
    return id;
}

Result<std::optional<User>> PgTransaction::user(std::int64_t id) {
    static const std::string sql = std::string(kUserColumns) + "WHERE id = $1";
    auto r = q(sql.c_str(), Params().add(id));
    if (!r.ok())
        return r.error();
    if (r.value().empty())
        return std::optional<User>();
    return std::optional(readUser(r.value(), 0));
}

Result<std::optional<User>> PgTransaction::userByEmail(const std::string& email) {
    static const std::string sql = std::string(kUserColumns) + "WHERE lower(email) = lower($1)";
    auto r = q(sql.c_str(), Params().add(email));
    if (!r.ok())
        return r.error();
    if (r.value().empty())
        return std::optional<User>();
    return std::optional(readUser(r.value(), 0));
}

Result<std::vector<User>> PgTransaction::users(std::int64_t tenantId) {
    static const std::string sql = std::string(kUserColumns) + "WHERE tenant_id = $1 ORDER BY id";
    auto r = q(sql.c_str(), Params().add(tenantId));
    if (!r.ok())
        return r.error();
    std::vector<User> out;
    for (int i = 0; i < r.value().size(); ++i)
        out.push_back(readUser(r.value(), i));
    return out;
}

Result<std::int64_t> PgTransaction::createUser(const User& user) {
    if (Status w = writable(); !w.ok())
        return w.error();
    auto t = tenant(user.tenant_id);
    if (!t.ok())
        return t.error();
    if (!t.value())
        return Error{ErrorCode::NotFound, "no such tenant"};
    if (user.email.empty() || user.email.find('@') == std::string::npos)
        return Error{ErrorCode::ValidationError, "'" + user.email + "' is not an email address"};
    Savepoint sp(*this);
    if (!sp.status().ok())
        return sp.status().error();
    auto r = q("INSERT INTO users(tenant_id, email, name, role, password_hash, disabled, "
               "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
               Params()
                   .add(user.tenant_id)
                   .add(user.email)
                   .add(user.name.empty() ? user.email : user.name)
                   .add(protocol::toString(user.role))
                   .add(user.password_hash)
                   .add(user.disabled)
                   .add(user.created_at ? user.created_at : wallNow()));
    if (!r.ok()) {
        if (m_c.lastSqlState() == postgres::kUniqueViolation)
            return Error{ErrorCode::ValidationError, "a user with email " + user.email + " exists"};
        return r.error();
    }
    const std::int64_t id = r.value().int64(0, 0);
    if (Status s = sp.release(); !s.ok())
        return s.error();
    return id;
}

Status PgTransaction::updateUser(std::int64_t tenantId, std::int64_t userId,
                                 const UserChange& change) {
    if (Status w = writable(); !w.ok())
        return w;
    // One statement: the row's lock makes concurrent updates of other fields wait, not vanish.
    auto r = q("UPDATE users SET disabled = coalesce($3::boolean, disabled), "
               "password_hash = coalesce($4::text, password_hash), "
               "token_version = token_version + CASE WHEN $4::text IS NULL THEN 0 ELSE 1 END "
               "WHERE id = $1 AND tenant_id = $2",
               Params().add(userId).add(tenantId).add(change.disabled).add(change.password_hash));
    if (!r.ok())
        return r.error();
    if (r.value().affected() == 0)
        return Error{ErrorCode::NotFound, "no such user"};
    return {};
}

// ---- model map ----------------------------------------------------------------------------------

Result<std::shared_ptr<const ModelMap>> PgTransaction::modelMap(std::int64_t tenantId) {
    auto r = q("SELECT app_type, model, priority, category FROM app_type_models "
               "WHERE tenant_id = $1 ORDER BY app_type, position",
               Params().add(tenantId));
    if (!r.ok())
        return r.error();
    auto map = std::make_shared<ModelMap>();
    const Rows& rows = r.value();
    for (int i = 0; i < rows.size(); ++i) {
        ModelEntry e;
        e.model = rows.text(i, 1);
        if (!rows.isNull(i, 2))
            e.priority = protocol::parseEventPriority(rows.view(i, 2));
        e.category = rows.text(i, 3);
        (*map)[rows.text(i, 0)].push_back(std::move(e));
    }
    return std::shared_ptr<const ModelMap>(std::move(map));
}

Status PgTransaction::setAppTypeModels(std::int64_t tenantId, const std::string& appType,
                                       const std::vector<ModelEntry>& models) {
    if (Status w = writable(); !w.ok())
        return w;
    if (Status t = touch(tenantId); !t.ok())
        return t;
    if (Status s = m_c.exec("DELETE FROM app_type_models WHERE tenant_id = $1 AND app_type = $2",
                            Params().add(tenantId).add(appType));
        !s.ok())
        return s;
    int position = 0;
    for (const ModelEntry& e : models) {
        Params p;
        p.add(tenantId).add(appType).add(e.model);
        if (e.priority)
            p.add(protocol::toString(*e.priority));
        else
            p.addNull();
        p.add(e.category.empty() ? std::string("business") : e.category).add(position++);
        if (Status s = m_c.exec(
                "INSERT INTO app_type_models(tenant_id, app_type, model, priority, category, "
                "position) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, app_type, "
                "model) "
                "DO UPDATE SET priority = EXCLUDED.priority, category = EXCLUDED.category, "
                "position = EXCLUDED.position",
                p);
            !s.ok())
            return s;
    }
    return {};
}

// ---- per-tenant settings ------------------------------------------------------------------------

Result<std::optional<std::string>> PgTransaction::tenantSetting(std::int64_t tenantId,
                                                                const std::string& section) {
    auto r = q("SELECT value FROM tenant_settings WHERE tenant_id = $1 AND section = $2",
               Params().add(tenantId).add(section));
    if (!r.ok())
        return r.error();
    if (r.value().empty())
        return std::optional<std::string>();
    return std::optional<std::string>(r.value().text(0, 0));
}

Status PgTransaction::setTenantSetting(std::int64_t tenantId, const std::string& section,
                                       const std::optional<std::string>& value) {
    if (Status w = writable(); !w.ok())
        return w;
    if (Status t = touch(tenantId); !t.ok())
        return t;
    if (!value)
        return m_c.exec("DELETE FROM tenant_settings WHERE tenant_id = $1 AND section = $2",
                        Params().add(tenantId).add(section));
    return m_c.exec("INSERT INTO tenant_settings(tenant_id, section, value, updated_at) "
                    "VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, section) "
                    "DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at",
                    Params().add(tenantId).add(section).add(*value).add(wallNow()));
}

// ---- records ------------------------------------------------------------------------------------

Result<std::optional<RecordRow>> PgTransaction::record(std::int64_t tenantId,
                                                       const std::string& model, std::int64_t id) {
    if (Status t = touch(tenantId); !t.ok())
        return t.error();
    auto r = q("SELECT data, version, write_date, create_date, deleted FROM records "
               "WHERE tenant_id = $1 AND model = $2 AND id = $3",
               Params().add(tenantId).add(model).add(id));
    if (!r.ok())
        return r.error();
    const Rows& rows = r.value();
    if (rows.empty())
        return std::optional<RecordRow>();
    RecordRow row;
    row.id = id;
    row.model = model;
    row.data = parseJsonOr(rows.view(0, 0), json::object());
    row.version = rows.int64(0, 1);
    row.write_date = rows.int64(0, 2);
    row.create_date = rows.int64(0, 3);
    row.deleted = rows.boolean(0, 4);
    return std::optional(std::move(row));
}

Result<std::int64_t> PgTransaction::insertRecord(std::int64_t tenantId, const RecordRow& row) {
    if (Status w = writable(); !w.ok())
        return w.error();
    if (Status t = touch(tenantId); !t.ok())
        return t.error();
    auto id = next(tenantId, "record:" + row.model);
    if (!id.ok())
        return id.error();
    if (Status s =
            m_c.defer("INSERT INTO records(tenant_id, model, id, data, version, create_date, "
                      "write_date, deleted) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                      Params()
                          .add(tenantId)
                          .add(row.model)
                          .add(id.value())
                          .add(row.data_text.empty() ? row.data.dump() : row.data_text)
                          .add(row.version)
                          .add(row.create_date)
                          .add(row.write_date)
                          .add(row.deleted));
        !s.ok())
        return s.error();
    return id.value();
}

Status PgTransaction::updateRecord(std::int64_t tenantId, const RecordRow& row) {
    if (Status w = writable(); !w.ok())
        return w;
    if (Status t = touch(tenantId); !t.ok())
        return t;
    auto r = q("UPDATE records SET data = $4, version = $5, write_date = $6, deleted = $7 "
               "WHERE tenant_id = $1 AND model = $2 AND id = $3",
               Params()
                   .add(tenantId)
                   .add(row.model)
                   .add(row.id)
                   .add(row.data_text.empty() ? row.data.dump() : row.data_text)
                   .add(row.version)
                   .add(row.write_date)
                   .add(row.deleted));
    if (!r.ok())
        return r.error();
    if (r.value().affected() != 1)
        return Error{ErrorCode::RecordNotFound, "no such record"};
    return {};
}

Status PgTransaction::putRecord(std::int64_t tenantId, const RecordRow& row) {
    if (Status w = writable(); !w.ok())
        return w;
    if (Status t = touch(tenantId); !t.ok())
        return t;
    if (Status s = m_c.exec(
            "INSERT INTO records(tenant_id, model, id, data, version, create_date, write_date, "
            "deleted) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
            "ON CONFLICT (tenant_id, model, id) DO UPDATE SET data = EXCLUDED.data, "
            "version = EXCLUDED.version, create_date = EXCLUDED.create_date, "
            "write_date = EXCLUDED.write_date, deleted = EXCLUDED.deleted",
            Params()
                .add(tenantId)
                .add(row.model)
                .add(row.id)
                .add(row.data_text.empty() ? row.data.dump() : row.data_text)
                .add(row.version)
                .add(row.create_date)
                .add(row.write_date)
                .add(row.deleted));
        !s.ok())
        return s;
    // The record counter never hands out an id taken this way: raise it (the cached value too,
    // which commit() writes back).
    auto current = next(tenantId, "record:" + row.model);
    if (!current.ok())
        return current.error();
    auto& counter = m_counters[{tenantId, "record:" + row.model}];
    counter.value = std::max(current.value() - 1, row.id);
    counter.dirty = true;
    return {};
}

Result<std::int64_t> PgTransaction::countRecords(std::int64_t tenantId, const std::string& model) {
    return scalar(
        "SELECT count(*) FROM records WHERE tenant_id = $1 AND model = $2 AND NOT deleted",
        Params().add(tenantId).add(model));
}

Result<RecordVolume> PgTransaction::recordVolume(std::int64_t tenantId, const std::string& model) {
    auto r = q("SELECT count(*), coalesce(sum(octet_length(data)), 0) FROM records "
               "WHERE tenant_id = $1 AND model = $2 AND NOT deleted",
               Params().add(tenantId).add(model));
    if (!r.ok())
        return r.error();
    if (r.value().empty())
        return RecordVolume{};
    return RecordVolume{r.value().int64(0, 0), r.value().int64(0, 1)};
}

Result<std::vector<RecordRow>>
PgTransaction::records(std::int64_t tenantId, const std::string& model, int limit, int offset) {
    auto r = q("SELECT id, data, version, write_date, create_date FROM records "
               "WHERE tenant_id = $1 AND model = $2 AND NOT deleted "
               "ORDER BY id LIMIT $3 OFFSET $4",
               Params().add(tenantId).add(model).add(limit).add(offset));
    if (!r.ok())
        return r.error();
    std::vector<RecordRow> out;
    const Rows& rows = r.value();
    for (int i = 0; i < rows.size(); ++i) {
        RecordRow row;
        row.id = rows.int64(i, 0);
        row.model = model;
        row.data = parseJsonOr(rows.view(i, 1), json::object());
        row.version = rows.int64(i, 2);
        row.write_date = rows.int64(i, 3);
        row.create_date = rows.int64(i, 4);
        out.push_back(std::move(row));
    }
    return out;
}

// ---- events -------------------------------------------------------------------------------------

Result<std::int64_t> PgTransaction::appendEvent(std::int64_t tenantId, const EventRow& row) {
    if (Status w = writable(); !w.ok())
        return w.error();
    if (Status t = touch(tenantId); !t.ok())
        return t.error();
    const std::string priority(protocol::toString(row.priority));
    auto id = next(tenantId, "event");
    if (!id.ok())
        return id.error();
    auto seq = next(tenantId, "seq:" + row.model + ":" + priority);
    if (!seq.ok())
        return seq.error();
    Params p;
    p.add(tenantId)
        .add(id.value())
        .add(row.model)
        .add(row.record_id)
        .add(protocol::toString(row.action))
        .add(row.timestamp)
        .add(row.data_text.empty() ? std::string("null") : row.data_text)
        .add(toJsonText(row.changed_fields))
        .add(priority)
        .add(row.category)
        .add(row.user_id);
    if (row.device_id.empty())
        p.addNull();
    else
        p.add(row.device_id);
    if (row.local_id.empty())
        p.addNull();
    else
        p.add(row.local_id);
    p.add(row.version).add(seq.value());
    if (Status s = m_c.defer("INSERT INTO events(tenant_id, event_id, model, record_id, action, "
                             "timestamp, data, changed_fields, priority, category, user_id, "
                             "device_id, local_id, version, seq) VALUES ($1, $2, $3, $4, $5, $6, "
                             "$7, $8, $9, $10, $11, $12, $13, $14, $15)",
                             p);
        !s.ok())
        return s.error();
    return id.value();
}

Result<std::int64_t> PgTransaction::headEventId(std::int64_t tenantId) {
    // The newest event this transaction sees (the counter may run ahead inside an open write).
    return scalar("SELECT COALESCE(MAX(event_id), 0) FROM events WHERE tenant_id = $1",
                  Params().add(tenantId));
}

Result<std::vector<EventRow>>
PgTransaction::recordEvents(std::int64_t tenantId, const std::string& model, std::int64_t recordId,
                            std::int64_t fromVersion, std::int64_t toVersion) {
    if (Status t = touch(tenantId); !t.ok())
        return t.error();
    static const std::string sql =
        std::string(kEventColumns) +
        "WHERE tenant_id = $1 AND model = $2 AND record_id = $3 AND version > $4 AND version <= $5 "
        "ORDER BY version";
    auto r = q(sql.c_str(),
               Params().add(tenantId).add(model).add(recordId).add(fromVersion).add(toVersion));
    if (!r.ok())
        return r.error();
    std::vector<EventRow> out;
    for (int i = 0; i < r.value().size(); ++i)
        out.push_back(readEvent(r.value(), i, true));
    return out;
}

Result<std::vector<EventRow>> PgTransaction::recordEventsAfter(std::int64_t tenantId,
                                                               const std::string& model,
                                                               std::int64_t recordId,
                                                               Millis after) {
    if (Status t = touch(tenantId); !t.ok())
        return t.error();
    static const std::string sql =
        std::string(kEventColumns) +
        "WHERE tenant_id = $1 AND model = $2 AND record_id = $3 AND timestamp > $4 "
        "ORDER BY version";
    auto r = q(sql.c_str(), Params().add(tenantId).add(model).add(recordId).add(after));
    if (!r.ok())
        return r.error();
    std::vector<EventRow> out;
    for (int i = 0; i < r.value().size(); ++i)
        out.push_back(readEvent(r.value(), i, true));
    return out;
}

Result<json> PgTransaction::recordAtVersion(std::int64_t tenantId, const std::string& model,
                                            std::int64_t recordId, std::int64_t version) {
    if (Status t = touch(tenantId); !t.ok())
        return t.error();
    auto r = q("SELECT data FROM events WHERE tenant_id = $1 AND model = $2 AND "
               "record_id = $3 AND version = $4 LIMIT 1",
               Params().add(tenantId).add(model).add(recordId).add(version));
    if (!r.ok())
        return r.error();
    if (r.value().empty())
        return json(nullptr);
    json data = parseJsonOr(r.value().view(0, 0), nullptr);
    if (data.is_object())
        data.erase("id");
    return data;
}

Result<std::vector<EventRow>> PgTransaction::events(std::int64_t tenantId,
                                                    const EventFilter& filter, bool withPayload) {
    static const std::string asc =
        std::string(kEventColumns) + kEventWhere + "ORDER BY event_id ASC LIMIT $7 OFFSET $8";
    static const std::string desc =
        std::string(kEventColumns) + kEventWhere + "ORDER BY event_id DESC LIMIT $7 OFFSET $8";
    static const std::string ascBare =
        std::string(kEventColumnsNoData) + kEventWhere + "ORDER BY event_id ASC LIMIT $7 OFFSET $8";
    static const std::string descBare = std::string(kEventColumnsNoData) + kEventWhere +
                                        "ORDER BY event_id DESC LIMIT $7 OFFSET $8";
    const std::string& sql =
        withPayload ? (filter.descending ? desc : asc) : (filter.descending ? descBare : ascBare);
    Params p = eventFilterParams(tenantId, filter);
    p.add(filter.limit).add(filter.offset);
    auto r = q(sql.c_str(), p);
    if (!r.ok())
        return r.error();
    std::vector<EventRow> out;
    out.reserve(static_cast<std::size_t>(r.value().size()));
    for (int i = 0; i < r.value().size(); ++i)
        out.push_back(readEvent(r.value(), i, withPayload));
    return out;
}

Result<std::int64_t> PgTransaction::countEvents(std::int64_t tenantId, const EventFilter& filter) {
    if (!filter.all_models && !filter.action && !filter.device_id) {
        // Per (model, priority): events after X = last seq - seq at X; index lookups only.
        std::vector<std::string> priorities;
        for (auto pr : filter.priorities.empty()
                           ? std::vector<EventPriority>{EventPriority::High, EventPriority::Medium,
                                                        EventPriority::Low}
                           : filter.priorities)
            priorities.emplace_back(protocol::toString(pr));
        return scalar(
            "SELECT COALESCE(SUM((SELECT e.seq FROM events e WHERE e.tenant_id = $1 AND "
            "e.model = m AND e.priority = p ORDER BY e.event_id DESC LIMIT 1) - "
            "COALESCE((SELECT e.seq FROM events e WHERE e.tenant_id = $1 AND e.model = m AND "
            "e.priority = p AND e.event_id <= $2 ORDER BY e.event_id DESC LIMIT 1), 0)), 0) "
            "FROM unnest($3::text[]) AS m, unnest($4::text[]) AS p",
            Params()
                .add(tenantId)
                .add(filter.after_event_id)
                .add(textArray(filter.models))
                .add(textArray(priorities)));
    }
    static const std::string sql = std::string("SELECT count(*) FROM events ") + kEventWhere;
    return scalar(sql.c_str(), eventFilterParams(tenantId, filter));
}

// ---- exactly-once ledger ------------------------------------------------------------------------

Result<std::vector<LedgerEntry>> PgTransaction::ledger(std::int64_t tenantId,
                                                       const std::string& deviceId,
                                                       const std::vector<std::string>& localIds) {
    std::vector<LedgerEntry> out;
    if (localIds.empty())
        return out;
    if (Status t = touch(tenantId); !t.ok())
        return t.error();
    auto r = q("SELECT local_id, content_hash, model, server_id, created, result "
               "FROM push_ledger WHERE tenant_id = $1 AND device_id = $2 "
               "AND local_id = ANY($3::text[])",
               Params().add(tenantId).add(deviceId).add(textArray(localIds)));
    if (!r.ok())
        return r.error();
    const Rows& rows = r.value();
    for (int i = 0; i < rows.size(); ++i)
        out.push_back(LedgerEntry{rows.text(i, 0), rows.text(i, 1), rows.text(i, 2),
                                  rows.optInt64(i, 3), rows.boolean(i, 4), rows.text(i, 5)});
    return out;
}

Status PgTransaction::remember(std::int64_t tenantId, const std::string& deviceId,
                               const LedgerEntry& e, Millis at) {
    if (Status w = writable(); !w.ok())
        return w;
    if (Status t = touch(tenantId); !t.ok())
        return t;
    return m_c.defer("INSERT INTO push_ledger(tenant_id, device_id, local_id, content_hash, model, "
                     "server_id, created, result, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                     Params()
                         .add(tenantId)
                         .add(deviceId)
                         .add(e.local_id)
                         .add(e.content_hash)
                         .add(e.model)
                         .add(e.server_id)
                         .add(e.created)
                         .add(e.result_json)
                         .add(at));
}

// ---- devices ------------------------------------------------------------------------------------

Result<std::optional<DeviceRow>> PgTransaction::device(std::int64_t tenantId,
                                                       const std::string& deviceId) {
    static const std::string sql =
        std::string(kDeviceColumns) + "WHERE d.tenant_id = $1 AND d.device_id = $2";
    auto r = q(sql.c_str(), Params().add(tenantId).add(deviceId));
    if (!r.ok())
        return r.error();
    if (r.value().empty())
        return std::optional<DeviceRow>();
    return std::optional(readDevice(r.value(), 0));
}

Status PgTransaction::updateDevice(std::int64_t tenantId, const DeviceUpdate& u) {
    if (Status w = writable(); !w.ok())
        return w;
    if (Status t = touch(tenantId); !t.ok())
        return t;
    // Fields: set when given ($n IS NOT NULL, or a flag for the ones that may be set to null);
    // counters: added. A new device starts from the same values.
    Params p;
    p.add(tenantId)                                      // 1
        .add(u.device_id)                                // 2
        .add(u.user_id)                                  // 3
        .add(u.app_type)                                 // 4
        .add(u.last_event_id)                            // 5
        .add(u.last_sync_time)                           // 6
        .add(u.last_push_time)                           // 7
        .add(u.last_pull_time)                           // 8
        .add(u.app_version)                              // 9
        .add(u.pending_changes)                          // 10
        .add(u.oldest_pending_at.has_value())            // 11
        .add(u.oldest_pending_at.value_or(std::nullopt)) // 12
        .add(u.last_error.has_value())                   // 13
        .add(u.last_error.value_or(std::nullopt))        // 14
        .add(u.clock_skew_ms)                            // 15
        .add(u.syncs)                                    // 16
        .add(u.reset_syncs)                              // 17
        .add(u.events_synced)                            // 18
        .add(u.pushes)                                   // 19
        .add(u.pulls)                                    // 20
        .add(u.changes_pushed)                           // 21
        .add(u.changes_succeeded)                        // 22
        .add(u.changes_failed)                           // 23
        .add(u.changes_conflicted)                       // 24
        .add(u.push_ms)                                  // 25
        .add(u.pull_ms)                                  // 26
        .add(u.bytes_in)                                 // 27
        .add(u.bytes_out)                                // 28
        .add(u.created_at ? u.created_at : wallNow());   // 29
    return m_c.defer(
        "INSERT INTO devices AS d (tenant_id, device_id, user_id, app_type, last_event_id, "
        "last_sync_time, last_push_time, last_pull_time, total_syncs, total_events_synced, "
        "app_version, pending_changes, oldest_pending_at, last_error, clock_skew_ms, "
        "total_pushes, total_pulls, changes_pushed, changes_succeeded, changes_failed, "
        "changes_conflicted, push_ms_total, pull_ms_total, bytes_in, bytes_out, created_at) "
        "VALUES ($1, $2, $3, $4, COALESCE($5, 0), $6, $7, $8, $16, $18, $9, COALESCE($10, 0), "
        "$12, $14, $15, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29) "
        "ON CONFLICT (tenant_id, device_id) DO UPDATE SET "
        "app_type = COALESCE($4, d.app_type), "
        "last_event_id = COALESCE($5, d.last_event_id), "
        // Times never step back: a pull's state may commit after a later push's.
        "last_sync_time = GREATEST(d.last_sync_time, $6), "
        "last_push_time = GREATEST(d.last_push_time, $7), "
        "last_pull_time = GREATEST(d.last_pull_time, $8), "
        "total_syncs = CASE WHEN $17 THEN 0 ELSE d.total_syncs + $16 END, "
        "total_events_synced = d.total_events_synced + $18, "
        "app_version = COALESCE($9, d.app_version), "
        "pending_changes = COALESCE($10, d.pending_changes), "
        "oldest_pending_at = CASE WHEN $11 THEN $12 ELSE d.oldest_pending_at END, "
        "last_error = CASE WHEN $13 THEN $14 ELSE d.last_error END, "
        "clock_skew_ms = COALESCE($15, d.clock_skew_ms), "
        "total_pushes = d.total_pushes + $19, total_pulls = d.total_pulls + $20, "
        "changes_pushed = d.changes_pushed + $21, "
        "changes_succeeded = d.changes_succeeded + $22, "
        "changes_failed = d.changes_failed + $23, "
        "changes_conflicted = d.changes_conflicted + $24, "
        "push_ms_total = d.push_ms_total + $25, pull_ms_total = d.pull_ms_total + $26, "
        "bytes_in = d.bytes_in + $27, bytes_out = d.bytes_out + $28",
        p);
}

Result<std::vector<DeviceRow>> PgTransaction::devices(std::int64_t tenantId, std::int64_t userId,
                                                      int limit, int offset,
                                                      const std::string& search) {
    static const std::string sql =
        std::string(kDeviceColumns) + kDeviceWhere + "ORDER BY d.device_id LIMIT $4 OFFSET $5";
    auto r = q(sql.c_str(), Params().add(tenantId).add(userId).add(search).add(limit).add(offset));
    if (!r.ok())
        return r.error();
    std::vector<DeviceRow> out;
    for (int i = 0; i < r.value().size(); ++i)
        out.push_back(readDevice(r.value(), i));
    return out;
}

Result<std::int64_t> PgTransaction::countDevices(std::int64_t tenantId, std::int64_t userId,
                                                 const std::string& search) {
    static const std::string sql = std::string("SELECT count(*) FROM devices d ") + kDeviceWhere;
    return scalar(sql.c_str(), Params().add(tenantId).add(userId).add(search));
}

Result<std::int64_t> PgTransaction::countStaleDevices(std::int64_t tenantId, Millis syncedBefore) {
    return scalar("SELECT count(*) FROM devices WHERE tenant_id = $1 AND "
                  "(last_sync_time IS NULL OR last_sync_time < $2)",
                  Params().add(tenantId).add(syncedBefore));
}

Result<std::int64_t> PgTransaction::sumPendingChanges(std::int64_t tenantId) {
    return scalar("SELECT COALESCE(SUM(pending_changes), 0) FROM devices WHERE tenant_id = $1",
                  Params().add(tenantId));
}

Status PgTransaction::addDeviceHistory(std::int64_t tenantId, const std::string& deviceId,
                                       const DeviceHistoryRow& row) {
    if (Status w = writable(); !w.ok())
        return w;
    if (Status s = m_c.defer(
            "INSERT INTO device_history(tenant_id, device_id, seq, at, kind, changes, applied, "
            "conflicts, failed, duration_ms, pending_changes, oldest_pending_at, last_error) "
            "SELECT $1::bigint, $2::text, COALESCE(MAX(seq), 0) + 1, $3::bigint, $4::text, "
            "$5::bigint, $6::bigint, $7::bigint, $8::bigint, $9::double precision, $10::bigint, "
            "$11::text, $12::text FROM device_history WHERE tenant_id = $1 AND device_id = $2",
            Params()
                .add(tenantId)
                .add(deviceId)
                .add(row.at)
                .add(row.kind)
                .add(row.changes)
                .add(row.applied)
                .add(row.conflicts)
                .add(row.failed)
                .add(row.duration_ms)
                .add(row.pending_changes)
                .add(row.oldest_pending_at)
                .add(row.last_error));
        !s.ok())
        return s;
    // Every kDeviceHistoryPruneEvery-th row of the device (else the subquery has no row and
    // nothing matches): one indexed range delete.
    return m_c.defer("DELETE FROM device_history WHERE tenant_id = $1 AND device_id = $2 AND "
                     "seq <= (SELECT MAX(seq) - $3::bigint FROM device_history WHERE "
                     "tenant_id = $1 AND device_id = $2 HAVING MAX(seq) % $4::bigint = 0)",
                     Params()
                         .add(tenantId)
                         .add(deviceId)
                         .add(std::int64_t(kDeviceHistoryRows))
                         .add(std::int64_t(kDeviceHistoryPruneEvery)));
}

Result<std::vector<DeviceHistoryRow>>
PgTransaction::deviceHistory(std::int64_t tenantId, const std::string& deviceId, int limit) {
    auto r = q("SELECT at, kind, changes, applied, conflicts, failed, duration_ms, "
               "pending_changes, oldest_pending_at, last_error FROM device_history "
               "WHERE tenant_id = $1 AND device_id = $2 ORDER BY seq DESC LIMIT $3",
               Params().add(tenantId).add(deviceId).add(limit));
    if (!r.ok())
        return r.error();
    std::vector<DeviceHistoryRow> out;
    const Rows& rows = r.value();
    for (int i = 0; i < rows.size(); ++i)
        out.push_back(DeviceHistoryRow{rows.int64(i, 0), rows.text(i, 1), rows.int64(i, 2),
                                       rows.int64(i, 3), rows.int64(i, 4), rows.int64(i, 5),
                                       rows.real(i, 6), rows.optInt64(i, 7), rows.optText(i, 8),
                                       rows.optText(i, 9)});
    return out;
}

// ---- conflicts ----------------------------------------------------------------------------------

Result<std::int64_t> PgTransaction::insertConflict(std::int64_t tenantId, const ConflictRow& row) {
    if (Status w = writable(); !w.ok())
        return w.error();
    if (Status t = touch(tenantId); !t.ok())
        return t.error();
    auto id = next(tenantId, "conflict");
    if (!id.ok())
        return id.error();
    ConflictRow c = row;
    c.conflict_id = id.value();
    if (Status s = m_c.defer(
            "INSERT INTO conflicts(tenant_id, conflict_id, device_id, user_id, local_id, model, "
            "record_id, action, strategy, resolution, open, conflicting_fields, local_data, "
            "server_data, base_data, local_version, server_version, local_timestamp, "
            "server_timestamp, created_at, resolved_at, resolved_by, result_data) VALUES ($1, $2, "
            "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, "
            "$21, $22, $23)",
            conflictParams(tenantId, c));
        !s.ok())
        return s.error();
    return c.conflict_id;
}

Status PgTransaction::updateConflict(std::int64_t tenantId, const ConflictRow& row) {
    if (Status w = writable(); !w.ok())
        return w;
    if (Status t = touch(tenantId); !t.ok())
        return t;
    auto r = q("UPDATE conflicts SET device_id = $3, user_id = $4, local_id = $5, model = $6, "
               "record_id = $7, action = $8, strategy = $9, resolution = $10, open = $11, "
               "conflicting_fields = $12, local_data = $13, server_data = $14, base_data = $15, "
               "local_version = $16, server_version = $17, local_timestamp = $18, "
               "server_timestamp = $19, created_at = $20, resolved_at = $21, resolved_by = $22, "
               "result_data = $23 WHERE tenant_id = $1 AND conflict_id = $2",
               conflictParams(tenantId, row));
    if (!r.ok())
        return r.error();
    if (r.value().affected() != 1)
        return Error{ErrorCode::NotFound, "no such conflict"};
    return {};
}

Result<std::optional<ConflictRow>> PgTransaction::conflict(std::int64_t tenantId,
                                                           std::int64_t conflictId) {
    if (Status t = touch(tenantId); !t.ok())
        return t.error();
    static const std::string sql =
        std::string(kConflictColumns) + "WHERE tenant_id = $1 AND conflict_id = $2";
    auto r = q(sql.c_str(), Params().add(tenantId).add(conflictId));
    if (!r.ok())
        return r.error();
    if (r.value().empty())
        return std::optional<ConflictRow>();
    return std::optional(readConflict(r.value(), 0));
}

Result<std::optional<ConflictRow>> PgTransaction::openConflict(std::int64_t tenantId,
                                                               const std::string& deviceId,
                                                               const std::string& localId) {
    if (Status t = touch(tenantId); !t.ok())
        return t.error();
    static const std::string sql =
        std::string(kConflictColumns) +
        "WHERE tenant_id = $1 AND device_id = $2 AND local_id = $3 AND open "
        "ORDER BY conflict_id DESC LIMIT 1";
    auto r = q(sql.c_str(), Params().add(tenantId).add(deviceId).add(localId));
    if (!r.ok())
        return r.error();
    if (r.value().empty())
        return std::optional<ConflictRow>();
    return std::optional(readConflict(r.value(), 0));
}

Result<std::vector<ConflictRow>> PgTransaction::conflicts(std::int64_t tenantId,
                                                          std::int64_t userId,
                                                          const std::string& status, int limit,
                                                          int offset, const std::string& deviceId) {
    static const std::string sql = std::string(kConflictColumns) + kConflictWhere +
                                   "ORDER BY conflict_id DESC LIMIT $5 OFFSET $6";
    auto r = q(sql.c_str(),
               Params().add(tenantId).add(userId).add(status).add(deviceId).add(limit).add(offset));
    if (!r.ok())
        return r.error();
    std::vector<ConflictRow> out;
    for (int i = 0; i < r.value().size(); ++i)
        out.push_back(readConflict(r.value(), i));
    return out;
}

Result<std::int64_t> PgTransaction::countConflicts(std::int64_t tenantId, std::int64_t userId,
                                                   const std::string& status,
                                                   const std::string& deviceId) {
    static const std::string sql = std::string("SELECT count(*) FROM conflicts ") + kConflictWhere;
    return scalar(sql.c_str(), Params().add(tenantId).add(userId).add(status).add(deviceId));
}

// ---- metrics ------------------------------------------------------------------------------------

Status PgTransaction::addMetrics(std::int64_t tenantId, Millis bucketStart, const MetricDelta& d) {
    if (Status w = writable(); !w.ok())
        return w;
    if (Status t = touch(tenantId); !t.ok())
        return t;
    if (Status s = m_c.defer(
            "INSERT INTO metric_buckets AS m (tenant_id, bucket_start, pushes, changes_pushed, "
            "pulls, events_pulled, conflicts, failures, push_ms_sum) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
            "ON CONFLICT (tenant_id, bucket_start) DO UPDATE SET pushes = m.pushes + $3, "
            "changes_pushed = m.changes_pushed + $4, pulls = m.pulls + $5, "
            "events_pulled = m.events_pulled + $6, conflicts = m.conflicts + $7, "
            "failures = m.failures + $8, push_ms_sum = m.push_ms_sum + $9",
            Params()
                .add(tenantId)
                .add(bucketStart)
                .add(d.pushes)
                .add(d.changes_pushed)
                .add(d.pulls)
                .add(d.events_pulled)
                .add(d.conflicts)
                .add(d.failures)
                .add(d.pushes > 0 ? d.push_ms : 0.0));
        !s.ok())
        return s;
    // The durations of the bucket's first kMaxLatencySamples pushes are kept for its
    // percentiles: the bucket's push count, just raised under the row's lock, tells.
    if (d.pushes > 0)
        return m_c.defer("INSERT INTO metric_samples(tenant_id, bucket_start, push_ms) "
                         "SELECT $1::bigint, $2::bigint, $3::double precision FROM metric_buckets "
                         "WHERE tenant_id = $1 "
                         "AND bucket_start = $2 AND pushes <= $4",
                         Params()
                             .add(tenantId)
                             .add(bucketStart)
                             .add(d.push_ms)
                             .add(static_cast<std::int64_t>(kMaxLatencySamples)));
    return {};
}

Result<std::vector<MetricBucket>> PgTransaction::metricBuckets(std::int64_t tenantId, Millis from,
                                                               Millis to) {
    // The first kMaxLatencySamples durations of each bucket, for its percentiles.
    auto r = q("SELECT b.bucket_start, b.pushes, b.changes_pushed, b.pulls, b.events_pulled, "
               "b.conflicts, b.failures, b.push_ms_sum, "
               "ARRAY(SELECT s.push_ms FROM metric_samples s WHERE s.tenant_id = b.tenant_id "
               "AND s.bucket_start = b.bucket_start LIMIT $4) "
               "FROM metric_buckets b WHERE b.tenant_id = $1 AND b.bucket_start >= $2 "
               "AND b.bucket_start <= $3 ORDER BY b.bucket_start",
               Params().add(tenantId).add(from).add(to).add(
                   static_cast<std::int64_t>(kMaxLatencySamples)));
    if (!r.ok())
        return r.error();
    std::vector<MetricBucket> out;
    const Rows& rows = r.value();
    for (int i = 0; i < rows.size(); ++i) {
        MetricBucket b;
        b.bucket_start = rows.int64(i, 0);
        b.pushes = rows.int64(i, 1);
        b.changes_pushed = rows.int64(i, 2);
        b.pulls = rows.int64(i, 3);
        b.events_pulled = rows.int64(i, 4);
        b.conflicts = rows.int64(i, 5);
        b.failures = rows.int64(i, 6);
        b.push_ms_sum = rows.real(i, 7);
        b.push_ms_samples = parseDoubleArray(rows.view(i, 8));
        out.push_back(std::move(b));
    }
    return out;
}

} // namespace bridgecore::storage
