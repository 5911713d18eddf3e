#include "storage/SqliteStore.h"

#include "storage/Migrations.h"

#include <QLoggingCategory>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <functional>
#include <limits>
#include <map>

Q_LOGGING_CATEGORY(lcStorage, "bridgecore.storage")

namespace bridgecore::storage {

namespace {

using protocol::EventAction;
using protocol::EventPriority;

Millis wallNow() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

json parseJsonOr(const std::string& text, json fallback) {
    if (text.empty())
        return fallback;
    json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    return j.is_discarded() ? fallback : j;
}

std::vector<std::string> parseStringList(const std::string& text) {
    std::vector<std::string> out;
    json j = parseJsonOr(text, json::array());
    if (j.is_array())
        for (const auto& v : j)
            if (v.is_string())
                out.push_back(v.get<std::string>());
    return out;
}

/// The list as a JSON array, appended to `out`; written directly (a hot path: every event's changed
/// fields, every ledger look-up), through nlohmann::json only for strings that need escaping or
/// UTF-8 checks.
void appendJsonText(std::string& out, const std::vector<std::string>& list) {
    std::size_t size = out.size() + 2;
    for (const auto& s : list)
        size += s.size() + 3;
    out.reserve(size);
    out.push_back('[');
    bool first = true;
    for (const auto& s : list) {
        if (!first)
            out.push_back(',');
        first = false;
        const bool plain = std::all_of(s.begin(), s.end(), [](char ch) {
            const auto c = static_cast<unsigned char>(ch);
            return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
        });
        if (plain) {
            out.push_back('"');
            out.append(s);
            out.push_back('"');
        } else {
            out.append(json(s).dump());
        }
    }
    out.push_back(']');
}

std::string toJsonText(const std::vector<std::string>& list) {
    std::string out;
    appendJsonText(out, list);
    return out;
}

template <typename E> std::string enumText(E e) {
    return std::string(protocol::toString(e));
}

} // namespace

// ---- Statement ----------------------------------------------------------------------------------

namespace {
/// The queued tables (SqliteConnection::Table) an SQL text names; naming one more than it
/// touches only inserts its queued rows a little early.
unsigned queuedTablesIn(const char* sql) {
    unsigned tables = 0;
    if (std::strstr(sql, "records"))
        tables |= SqliteConnection::Records;
    if (std::strstr(sql, "events"))
        tables |= SqliteConnection::Events;
    if (std::strstr(sql, "push_ledger"))
        tables |= SqliteConnection::Ledger;
    return tables;
}
} // namespace

Statement::Statement(sqlite3* db, const char* sql)
    : m_tables(queuedTablesIn(sql)) {
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK) {
        qCCritical(lcStorage, "prepare failed: %s -- %s", sqlite3_errmsg(db), sql);
        m_stmt = nullptr;
    }
}
Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}
Statement& Statement::reset() {
    // A statement not stepped nor bound since it was reset is reset already: clearing the
    // bindings walks every parameter (~1,000 for RowBatch's inserts), and a statement is
    // reset when handed out, after RowBatch's insert and at the transaction's end.
    if (m_stmt && !m_clean) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
        m_clean = true;
    }
    return *this;
}
Statement& Statement::bind(int i, std::int64_t v) {
    m_clean = false;
    if (m_stmt) // a statement that failed to prepare fails at step()
        sqlite3_bind_int64(m_stmt, i, v);
    return *this;
}
Statement& Statement::bind(int i, double v) {
    m_clean = false;
    if (m_stmt) // a statement that failed to prepare fails at step()
        sqlite3_bind_double(m_stmt, i, v);
    return *this;
}
Statement& Statement::bind(int i, const std::string& v) {
    m_clean = false;
    if (m_stmt) // a statement that failed to prepare fails at step()
        sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
    m_clean = false;
    if (m_stmt) // a statement that failed to prepare fails at step()
        sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bindRef(int i, std::string_view v) {
    m_clean = false;
    if (m_stmt) // a statement that failed to prepare fails at step()
        sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    return *this;
}
Statement& Statement::bindNull(int i) {
    m_clean = false;
    if (m_stmt) // a statement that failed to prepare fails at step()
        sqlite3_bind_null(m_stmt, i);
    return *this;
}
int Statement::step() {
    m_clean = false;
    return m_stmt ? sqlite3_step(m_stmt) : SQLITE_MISUSE;
}
bool Statement::exec() {
    int rc;
    while ((rc = step()) == SQLITE_ROW) {
    }
    return rc == SQLITE_DONE;
}
bool Statement::isNull(int c) const {
    return sqlite3_column_type(m_stmt, c) == SQLITE_NULL;
}
std::int64_t Statement::int64(int c) const {
    return sqlite3_column_int64(m_stmt, c);
}
double Statement::real(int c) const {
    return sqlite3_column_double(m_stmt, c);
}
std::string Statement::text(int c) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, c));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, c)))
             : std::string();
}
std::optional<std::int64_t> Statement::optInt64(int c) const {
    return isNull(c) ? std::nullopt : std::optional(int64(c));
}
std::optional<std::string> Statement::optText(int c) const {
    return isNull(c) ? std::nullopt : std::optional(text(c));
}

// ---- connections --------------------------------------------------------------------------------

SqliteConnection::SqliteConnection()
    : records("INSERT INTO records(tenant_id, model, id, data, version, create_date, write_date, "
              "deleted) VALUES ",
              8)
    , events("INSERT INTO events(tenant_id, event_id, model, record_id, action, timestamp, data, "
             "changed_fields, priority, category, user_id, device_id, local_id, version, seq) "
             "VALUES ",
             15)
    , ledger("INSERT INTO push_ledger(tenant_id, device_id, local_id, content_hash, model, "
             "server_id, created, result, at) VALUES ",
             9) {}

SqliteConnection::~SqliteConnection() {
    m_used.clear();
    m_statements.clear();
    m_control.clear();
    sqlite3_close_v2(m_db);
}

namespace {
/// Once per process, before SQLite initialises: no memory statistics. With them every
/// allocation and free of every connection takes one process-wide mutex (~70 lock/unlock pairs
/// per create of a push; readers and the writer contend for it). Nothing here reads them
/// (sqlite3_memory_used, soft heap limits). If SQLite was initialised already (e.g. by Qt Sql
/// in the same process) the call is refused and the statistics stay on: only slower.
void configureSqliteOnce() {
    static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    (void)configured;
}
} // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path,
                                                                 bool writer) {
    configureSqliteOnce();
    std::unique_ptr<SqliteConnection> c(new SqliteConnection);
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI |
                      (writer ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path.c_str(), &c->m_db, flags, nullptr) != SQLITE_OK)
        return Error{ErrorCode::StorageError,
                     "cannot open database " + path + ": " +
                         (c->m_db ? sqlite3_errmsg(c->m_db) : "no memory")};
    sqlite3_busy_timeout(c->m_db, 5000);
    const bool memory = path == ":memory:";
    const char* pragmas = memory ? "PRAGMA foreign_keys=ON;"
                          // temp_store=MEMORY keeps the savepoints' sub-journal (every page
                          // a push's batch touches) in memory: it spilled to a temporary
                          // file past 64 KiB, ~100 write calls per 1,000-change push.
                          : writer ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                                     "PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768;"
                                     "PRAGMA temp_store=MEMORY;"
                                   // A reader's own cache 8 MiB, not 16: each pooled reader
                                   // keeps it (one count over 1M events filled 14.6 MB) and
                                   // the OS page cache holds the file for all of them. 4 MiB
                                   // saved 4 MB more but cost engine_bench's pull 7-12%.
                                   : "PRAGMA query_only=ON; PRAGMA cache_size=-8192;";
    if (Status s = c->exec(pragmas); !s.ok())
        return s.error();
    return c;
}

Statement& SqliteConnection::stmt(const char* sql) {
    Statement& s = prepared(sql);
    if (m_flushError.empty()) {
        const unsigned queued = (records.empty() ? 0u : unsigned(Records)) |
                                (events.empty() ? 0u : unsigned(Events)) |
                                (ledger.empty() ? 0u : unsigned(Ledger));
        if (const unsigned due = queued & s.m_tables)
            flushRows(due).ok(); // a failure is kept in m_flushError
    }
    if (!m_flushError.empty()) // the transaction lost rows: nothing runs until it rolls back
        return m_failed;
    return s;
}

Statement& SqliteConnection::prepared(const char* sql) {
    auto it = m_statements.find(sql);
    if (it == m_statements.end())
        it = m_statements.emplace(sql, std::make_unique<Statement>(m_db, sql)).first;
    Statement& s = *it->second;
    if (!s.m_used) { // listed once: a push uses the same few statements thousands of times
        s.m_used = true;
        m_used.push_back(&s);
    }
    return s.reset();
}

void SqliteConnection::resetUsed() {
    for (Statement* s : m_used) {
        s->reset();
        s->m_used = false;
    }
    m_used.clear();
}

Status SqliteConnection::exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        Error e{ErrorCode::StorageError, err ? err : "unknown SQLite error"};
        sqlite3_free(err);
        return e;
    }
    return {};
}

Status SqliteConnection::run(const char* sql) {
    auto it = m_control.find(sql);
    if (it == m_control.end())
        it = m_control.emplace(sql, std::make_unique<Statement>(m_db, sql)).first;
    Statement& s = *it->second;
    if (!s.valid()) // not preparable (e.g. no memory): exec says why
        return exec(sql);
    const int rc = s.step();
    Status out;
    if (rc != SQLITE_DONE)
        out = Error{ErrorCode::StorageError, sqlite3_errmsg(m_db)};
    s.reset();
    return out;
}

// ---- queued rows --------------------------------------------------------------------------------

RowBatch::RowBatch(std::string insert, int width)
    : m_width(width) {
    std::string values;
    for (std::size_t k = 1; k <= kRowsPerInsert; ++k) {
        const std::size_t p = (k - 1) * std::size_t(width);
        values += k == 1 ? "(" : ", (";
        for (int i = 1; i <= width; ++i)
            values += (i == 1 ? "?" : ", ?") + std::to_string(p + std::size_t(i));
        values += ")";
        m_sql.push_back(insert + values);
    }
}

RowBatch& RowBatch::add(std::int64_t value) {
    m_values.push_back(Value{Value::Int, value, 0});
    return *this;
}

RowBatch& RowBatch::add(std::string_view text) {
    m_values.push_back(Value{Value::Text, std::int64_t(m_text.size()), text.size()});
    m_text.append(text);
    return *this;
}

RowBatch& RowBatch::addNull() {
    m_values.push_back(Value{});
    return *this;
}

Status RowBatch::flush(SqliteConnection& c, const char* what) {
    Status s;
    const std::size_t width = std::size_t(m_width);
    for (std::size_t start = 0; start < m_rows && s.ok(); start += kRowsPerInsert) {
        const std::size_t k = std::min(kRowsPerInsert, m_rows - start);
        Statement& q = c.prepared(m_sql[k - 1].c_str());
        for (std::size_t i = 0; i < k * width; ++i) {
            const Value& v = m_values[start * width + i];
            const int index = int(i) + 1;
            if (v.kind == Value::Int)
                q.bind(index, v.number);
            else if (v.kind == Value::Text)
                q.bindRef(index, std::string_view(m_text).substr(std::size_t(v.number), v.size));
            // Null: unbound parameters are NULL
        }
        if (!q.exec())
            s = c.error(what);
        q.reset(); // the texts bound are released below
    }
    drop();
    return s;
}

void RowBatch::drop() {
    m_values.clear();
    m_text.clear();
    m_rows = 0;
}

Status SqliteConnection::flushRows(unsigned tables) {
    if (!m_flushError.empty())
        return Error{ErrorCode::StorageError, "queued rows were not written: " + m_flushError};
    Status s;
    if (tables & Records)
        s = records.flush(*this, "inserting the records");
    if (tables & Events)
        if (Status e = events.flush(*this, "appending the events"); s.ok())
            s = e;
    if (tables & Ledger)
        if (Status l = ledger.flush(*this, "remembering the changes"); s.ok())
            s = l;
    if (!s.ok()) // sticky until the rows' savepoint or transaction rolls back
        m_flushError = s.error().message;
    return s;
}

void SqliteConnection::dropRows() {
    records.drop();
    events.drop();
    ledger.drop();
    m_flushError.clear();
}

Error SqliteConnection::error(const char* what) const {
    return Error{ErrorCode::StorageError,
                 std::string(what) + ": " +
                     (m_flushError.empty() ? std::string(sqlite3_errmsg(m_db))
                                           : "queued rows were not written: " + m_flushError)};
}

// ---- checkpoints --------------------------------------------------------------------------------

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::start(const std::string& path,
                                                                sqlite3* writer) {
    std::unique_ptr<WalCheckpointer> c(new WalCheckpointer);
    if (sqlite3_open_v2(path.c_str(), &c->m_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
                        nullptr) != SQLITE_OK) {
        Error e{ErrorCode::StorageError, "cannot open the checkpoint connection to " + path + ": " +
                                             (c->m_db ? sqlite3_errmsg(c->m_db) : "no memory")};
        sqlite3_close_v2(c->m_db);
        c->m_db = nullptr;
        return e;
    }
    // The writer's durability: a checkpoint syncs the log before and the database after.
    sqlite3_exec(c->m_db, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
    c->m_writer = writer;
    c->m_thread = std::thread([p = c.get()] { p->run(); });
    sqlite3_wal_hook(writer, &WalCheckpointer::onCommit, c.get());
    return c;
}

WalCheckpointer::~WalCheckpointer() {
    if (m_writer)
        sqlite3_wal_hook(m_writer, nullptr, nullptr);
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    sqlite3_close_v2(m_db);
}

WalCheckpointer::Stats WalCheckpointer::stats() const {
    std::lock_guard lock(m_mutex);
    return m_stats;
}

void WalCheckpointer::waitIdle() {
    std::unique_lock lock(m_mutex);
    m_wake.wait(lock, [this] { return (!m_requested && !m_running) || m_stopping; });
}

int WalCheckpointer::onCommit(void* self, sqlite3*, const char*, int pages) {
    if (pages >= kPages) {
        auto* c = static_cast<WalCheckpointer*>(self);
        {
            std::lock_guard lock(c->m_mutex);
            c->m_requested = true;
        }
        c->m_wake.notify_all(); // the thread, not only a waitIdle()
    }
    return SQLITE_OK;
}

void WalCheckpointer::run() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_requested || m_stopping; });
        if (m_stopping)
            return;
        m_requested = false;
        m_running = true;
        lock.unlock();
        timespec cpu0{}, cpu1{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu0);
        int logPages = 0, copied = 0;
        const int rc =
            sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &logPages, &copied);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            qCWarning(lcStorage, "background checkpoint failed: %s", sqlite3_errmsg(m_db));
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu1);
        lock.lock();
        m_running = false;
        ++m_stats.checkpoints;
        m_stats.cpu_seconds +=
            double(cpu1.tv_sec - cpu0.tv_sec) + double(cpu1.tv_nsec - cpu0.tv_nsec) / 1e9;
        m_wake.notify_all(); // waitIdle()
    }
}

// ---- transactions -------------------------------------------------------------------------------

namespace {
// Savepoint statements by depth, prepared once per connection (a push's group nests one
// per batch and one per push); deeper ones are parsed at every use.
constexpr int kNamedSavepoints = 4;
constexpr const char* kSavepoint[kNamedSavepoints] = {"SAVEPOINT sp0", "SAVEPOINT sp1",
                                                      "SAVEPOINT sp2", "SAVEPOINT sp3"};
constexpr const char* kRelease[kNamedSavepoints] = {"RELEASE sp0", "RELEASE sp1", "RELEASE sp2",
                                                    "RELEASE sp3"};
} // namespace

/// A read or write transaction on one connection. A read transaction is handed out as a
/// ReadTransaction, so its write methods are unreachable.
class SqliteTransaction final : public WriteTransaction {
public:
    SqliteTransaction(SqliteStore& store, SqliteConnection& c,
                      std::unique_ptr<SqliteConnection> pooled, bool writable,
                      std::unique_lock<std::recursive_mutex> lock, bool ownsTransaction)
        : m_store(store)
        , m_c(c)
        , m_pooled(std::move(pooled))
        , m_lock(std::move(lock))
        , m_writable(writable)
        , m_ownsTransaction(ownsTransaction) {}
    ~SqliteTransaction() override {
        m_c.resetUsed();
        if (m_ownsTransaction && !m_done) {
            if (m_writable)
                m_c.dropRows();
            m_c.run(m_writable ? "ROLLBACK" : "COMMIT").ok();
        }
        if (m_pooled)
            m_store.giveBack(std::move(m_pooled));
    }

    Status commit() override {
        m_c.resetUsed();
        if (m_done)
            return Error{ErrorCode::Internal, "the transaction has ended"};
        m_done = true;
        if (!m_ownsTransaction)
            return {};
        Status s = m_c.flushRows();
        if (s.ok())
            s = flushCounters();
        if (s.ok())
            s = flushMetrics();
        if (s.ok())
            s = m_c.run("COMMIT");
        if (!s.ok()) {
            m_c.run("ROLLBACK").ok();
            m_c.dropRows();
        }
        return s;
    }
    Status savepoint() override {
        // Rows queued before the savepoint belong to the transaction outside it.
        if (Status f = m_c.flushRows(); !f.ok())
            return f;
        Status s = m_savepoints < kNamedSavepoints
                       ? m_c.run(kSavepoint[m_savepoints])
                       : m_c.exec(("SAVEPOINT sp" + std::to_string(m_savepoints)).c_str());
        if (s.ok()) {
            ++m_savepoints;
            m_counterStack.push_back(m_counters);
            m_metricMarks.push_back(m_metrics.size());
        }
        return s;
    }
    Status releaseSavepoint() override {
        if (m_savepoints == 0)
            return Error{ErrorCode::Internal, "no savepoint to release"};
        if (Status f = m_c.flushRows(); !f.ok()) {
            // Released only whole: what the savepoint wrote is rolled back, as its caller
            // (Savepoint::release) no longer does.
            rollbackToSavepoint().ok();
            return f;
        }
        --m_savepoints;
        m_counterStack.pop_back();
        m_metricMarks.pop_back();
        m_c.resetUsed();
        return m_savepoints < kNamedSavepoints
                   ? m_c.run(kRelease[m_savepoints])
                   : m_c.exec(("RELEASE sp" + std::to_string(m_savepoints)).c_str());
    }
    Status rollbackToSavepoint() override {
        if (m_savepoints == 0)
            return Error{ErrorCode::Internal, "no savepoint to roll back to"};
        m_c.dropRows(); // queued after the savepoint began: rolled back with it
        --m_savepoints;
        m_counters = std::move(m_counterStack.back());
        m_counterStack.pop_back();
        m_metrics.resize(m_metricMarks.back());
        m_metricMarks.pop_back();
        m_c.resetUsed();
        const std::string n = "sp" + std::to_string(m_savepoints);
        return m_c.exec(("ROLLBACK TO " + n + "; RELEASE " + n).c_str());
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
    Status setTenantSetting(std::int64_t tenantId, const std::string& section,
                            const std::optional<std::string>& value) override;
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
    Result<std::vector<DeviceHistoryRow>>
    deviceHistory(std::int64_t tenantId, const std::string& deviceId, int limit) override;

    Result<std::int64_t> createTenant(const std::string& name) override;
    Result<std::int64_t> createUser(const User& user) override;
    Status updateUser(std::int64_t tenantId, std::int64_t userId,
                      const UserChange& change) override;
    Status setAppTypeModels(std::int64_t tenantId, const std::string& appType,
                            const std::vector<ModelEntry>& models) override;
    Result<std::int64_t> insertRecord(std::int64_t tenantId, const RecordRow& row) override;
    Status updateRecord(std::int64_t tenantId, const RecordRow& row) override;
    Status putRecord(std::int64_t tenantId, const RecordRow& row) override;
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
    Statement& stmt(const char* sql) { return m_c.stmt(sql); }
    Error fail(const char* what) const { return m_c.error(what); }
    /// The next value of the tenant's counter `name`, taken in this transaction.
    Result<std::int64_t> next(std::int64_t tenantId, std::string_view name);
    /// Writes the counters taken in this transaction to their rows (before COMMIT).
    Status flushCounters();
    /// Adds the metrics of this transaction to their buckets (before COMMIT, or a read of them).
    Status flushMetrics();
    /// True on a row, false when there is none.
    Result<bool> row(Statement& q, const char* what) {
        const int rc = q.step();
        if (rc == SQLITE_ROW || rc == SQLITE_DONE)
            return rc == SQLITE_ROW;
        return fail(what);
    }
    /// A single integer answer.
    Result<std::int64_t> scalar(Statement& q, const char* what) {
        if (q.step() != SQLITE_ROW)
            return fail(what);
        return q.int64(0);
    }
    /// At most one row.
    template <typename T, typename F>
    Result<std::optional<T>> one(Statement& q, F&& read, const char* what) {
        const int rc = q.step();
        if (rc == SQLITE_ROW)
            return std::optional<T>(read(q));
        if (rc == SQLITE_DONE)
            return std::optional<T>();
        return fail(what);
    }
    /// Every row.
    template <typename T, typename F>
    Result<std::vector<T>> all(Statement& q, F&& read, const char* what) {
        std::vector<T> out;
        int rc;
        while ((rc = q.step()) == SQLITE_ROW)
            out.push_back(read(q));
        if (rc != SQLITE_DONE)
            return fail(what);
        return out;
    }
    Status writable() const {
        if (!m_writable)
            return Error{ErrorCode::Internal, "write in a read transaction"};
        if (!m_c.rowsLost().empty()) // until the savepoint or transaction rolls back
            return Error{ErrorCode::StorageError,
                         "queued rows were not written: " + m_c.rowsLost()};
        return {};
    }

    SqliteStore& m_store;
    SqliteConnection& m_c;
    std::unique_ptr<SqliteConnection> m_pooled;
    std::unique_lock<std::recursive_mutex> m_lock;
    bool m_writable;
    bool m_ownsTransaction;
    bool m_done = false;
    int m_savepoints = 0;
    /// Counter values taken in this transaction: read once, written back at commit. The
    /// writer holds the database's write lock throughout, so no one else can take one; a
    /// savepoint's rollback restores the values of its start.
    struct Counter {
        std::int64_t value = 0;
        bool dirty = false;
    };
    /// Looked up by (tenant, name view), so taking a value allocates nothing.
    struct CounterLess {
        using is_transparent = void;
        template <typename A, typename B> bool operator()(const A& a, const B& b) const {
            return a.first != b.first ? a.first < b.first
                                      : std::string_view(a.second) < std::string_view(b.second);
        }
    };
    using Counters = std::map<std::pair<std::int64_t, std::string>, Counter, CounterLess>;
    Counters m_counters;
    std::string m_counterName; // scratch for composed counter names
    std::string m_text;        // scratch for texts bound until the next statement runs
    std::vector<Counters> m_counterStack;
    /// Metrics added in this transaction, in order: written at commit, one upsert per bucket
    /// (a group commit's pushes share their bucket); a savepoint's rollback drops its own.
    struct PendingMetric {
        std::int64_t tenant_id = 0;
        Millis bucket_start = 0;
        MetricDelta delta;
    };
    std::vector<PendingMetric> m_metrics;
    std::vector<std::size_t> m_metricMarks; // m_metrics' size at each open savepoint's start
};

// ---- opening and migrations ---------------------------------------------------------------------

Result<std::shared_ptr<SyncStore>> openSqliteStore(const std::string& path) {
    auto r = SqliteStore::open(path);
    if (!r.ok())
        return r.error();
    return std::shared_ptr<SyncStore>(std::move(r).value());
}

Result<std::shared_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
    std::shared_ptr<SqliteStore> store(new SqliteStore);
    store->m_path = path;
    store->m_memory = path == ":memory:" || path.empty();
    auto writer = SqliteConnection::open(store->m_memory ? ":memory:" : path, true);
    if (!writer.ok())
        return writer.error();
    store->m_writer = std::move(writer).value();
    if (Status s = store->migrate(); !s.ok())
        return s.error();
    if (!store->m_memory) {
        auto checkpointer = WalCheckpointer::start(path, store->m_writer->handle());
        if (!checkpointer.ok())
            return checkpointer.error();
        store->m_checkpointer = std::move(checkpointer).value();
    }
    return store;
}

SqliteStore::~SqliteStore() {
    m_checkpointer.reset(); // unhooks from the writer and joins its thread
    m_idleReaders.clear();
    m_writer.reset();
}

Status SqliteStore::migrate() {
    std::lock_guard lock(m_writerMutex);
    SqliteConnection& c = *m_writer;
    int current = 0;
    {
        Statement version(c.handle(), "PRAGMA user_version");
        if (version.step() != SQLITE_ROW)
            return c.error("reading the schema version");
        current = static_cast<int>(version.int64(0));
    }
    if (current > latestSchemaVersion())
        return Error{ErrorCode::SchemaTooNew, "the database has schema version " +
                                                  std::to_string(current) +
                                                  ", newer than this BridgeCore build (" +
                                                  std::to_string(latestSchemaVersion()) +
                                                  "); upgrade BridgeCore to open it"};
    for (int v = current; v < latestSchemaVersion(); ++v) {
        if (Status s = c.exec("BEGIN IMMEDIATE"); !s.ok())
            return s;
        Status s = c.exec(migrations()[static_cast<std::size_t>(v)].sqlite);
        if (s.ok())
            s = c.exec(("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
        if (!s.ok()) {
            c.exec("ROLLBACK").ok();
            return Error{ErrorCode::StorageError, "migration to schema version " +
                                                      std::to_string(v + 1) +
                                                      " failed: " + s.error().message};
        }
        if (Status cs = c.exec("COMMIT"); !cs.ok())
            return cs;
        qCInfo(lcStorage, "migrated database to schema version %d", v + 1);
    }
    m_schemaVersion = latestSchemaVersion();
    return {};
}

Result<std::unique_ptr<ReadTransaction>> SqliteStore::read() {
    if (m_memory) {
        // One connection: take turns with the writer. Inside this thread's own write
        // transaction, read in it.
        std::unique_lock lock(m_writerMutex);
        const bool own = sqlite3_get_autocommit(m_writer->handle()) != 0;
        if (own)
            if (Status s = m_writer->run("BEGIN"); !s.ok())
                return s.error();
        return std::unique_ptr<ReadTransaction>(
            new SqliteTransaction(*this, *m_writer, nullptr, false, std::move(lock), own));
    }
    std::unique_ptr<SqliteConnection> c;
    {
        std::lock_guard lock(m_poolMutex);
        if (!m_idleReaders.empty()) {
            c = std::move(m_idleReaders.back());
            m_idleReaders.pop_back();
        }
    }
    if (!c) {
        auto opened = SqliteConnection::open(m_path, false);
        if (!opened.ok())
            return opened.error();
        c = std::move(opened).value();
    }
    if (Status s = c->run("BEGIN"); !s.ok())
        return s.error();
    SqliteConnection& ref = *c;
    return std::unique_ptr<ReadTransaction>(
        new SqliteTransaction(*this, ref, std::move(c), false, {}, true));
}

Result<std::unique_ptr<WriteTransaction>> SqliteStore::write() {
    std::unique_lock lock(m_writerMutex);
    if (sqlite3_get_autocommit(m_writer->handle()) == 0)
        return Error{ErrorCode::Internal,
                     "this thread has a transaction of the store open already"};
    if (Status s = m_writer->run("BEGIN IMMEDIATE"); !s.ok())
        return s.error();
    return std::unique_ptr<WriteTransaction>(
        new SqliteTransaction(*this, *m_writer, nullptr, true, std::move(lock), true));
}

void SqliteStore::giveBack(std::unique_ptr<SqliteConnection> reader) {
    std::lock_guard lock(m_poolMutex);
    m_idleReaders.push_back(std::move(reader));
}

int SqliteStore::schemaVersion() {
    return m_schemaVersion;
}

bool SqliteStore::healthy() {
    auto tx = read();
    return tx.ok() && tx.value()->tenants().ok();
}

// ---- counters -----------------------------------------------------------------------------------

Result<std::int64_t> SqliteTransaction::next(std::int64_t tenantId, std::string_view name) {
    auto it = m_counters.find(std::pair(tenantId, name));
    if (it == m_counters.end()) {
        Statement& q = stmt("SELECT value FROM counters WHERE tenant_id = ?1 AND name = ?2");
        q.bind(1, tenantId).bind(2, name);
        const int rc = q.step();
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return fail("reading a counter");
        it = m_counters
                 .emplace(std::pair(tenantId, std::string(name)),
                          Counter{rc == SQLITE_ROW ? q.int64(0) : 0})
                 .first;
    }
    it->second.dirty = true;
    return ++it->second.value;
}

Status SqliteTransaction::flushCounters() {
    for (auto& [key, counter] : m_counters) {
        if (!counter.dirty)
            continue;
        Statement& q = stmt("INSERT INTO counters(tenant_id, name, value) VALUES (?1, ?2, ?3) "
                            "ON CONFLICT(tenant_id, name) DO UPDATE SET value = excluded.value");
        q.bind(1, key.first).bind(2, key.second).bind(3, counter.value);
        if (!q.exec())
            return fail("saving a counter");
        counter.dirty = false;
    }
    return {};
}

// ---- tenants and users --------------------------------------------------------------------------

Result<std::int64_t> SqliteTransaction::createTenant(const std::string& name) {
    if (Status w = writable(); !w.ok())
        return w.error();
    if (name.empty())
        return Error{ErrorCode::ValidationError, "a tenant needs a name"};
    auto existing = tenantByName(name);
    if (!existing.ok())
        return existing.error();
    if (existing.value())
        return Error{ErrorCode::ValidationError, "a tenant named '" + name + "' exists already"};
    Statement& q = stmt("INSERT INTO tenants(name, created_at) VALUES (?1, ?2)");
    if (!q.bind(1, name).bind(2, wallNow()).exec())
        return fail("creating the tenant");
    std::int64_t id = sqlite3_last_insert_rowid(m_c.handle());
    for (const auto& [appType, models] : defaultModelMap())
        if (Status s = setAppTypeModels(id, appType, models); !s.ok())
            return s.error();
    return id;
}

Result<std::optional<Tenant>> SqliteTransaction::tenant(std::int64_t id) {
    Statement& q = stmt("SELECT id, name FROM tenants WHERE id = ?1");
    q.bind(1, id);
    if (Result<bool> has = row(q, "reading"); !has.ok())
        return has.error();
    else if (!has.value())
        return std::nullopt;
    return Tenant{q.int64(0), q.text(1)};
}

Result<std::optional<Tenant>> SqliteTransaction::tenantByName(const std::string& name) {
    Statement& q = stmt("SELECT id, name FROM tenants WHERE name = ?1");
    q.bind(1, name);
    if (Result<bool> has = row(q, "reading"); !has.ok())
        return has.error();
    else if (!has.value())
        return std::nullopt;
    return Tenant{q.int64(0), q.text(1)};
}

Result<std::vector<Tenant>> SqliteTransaction::tenants() {
    std::vector<Tenant> out;
    Statement& q = stmt("SELECT id, name FROM tenants ORDER BY id");
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        out.push_back(Tenant{q.int64(0), q.text(1)});
    if (rc != SQLITE_DONE)
        return fail("reading");
    return out;
}

namespace {
constexpr const char* kUserColumns =
    "SELECT id, tenant_id, email, name, role, password_hash, disabled, created_at, token_version "
    "FROM users ";
User readUser(const Statement& q) {
    User u;
    u.id = q.int64(0);
    u.tenant_id = q.int64(1);
    u.email = q.text(2);
    u.name = q.text(3);
    u.role = protocol::parseRole(q.text(4)).value_or(protocol::Role::User);
    u.password_hash = q.text(5);
    u.disabled = q.int64(6) != 0;
    u.created_at = q.int64(7);
    u.token_version = q.int64(8);
    return u;
}
} // namespace

Result<std::int64_t> SqliteTransaction::createUser(const User& user) {
    if (Status w = writable(); !w.ok())
        return w.error();
    auto t = tenant(user.tenant_id);
    if (!t.ok())
        return t.error();
    if (!t.value())
        return Error{ErrorCode::NotFound, "no such tenant"};
    if (user.email.empty() || user.email.find('@') == std::string::npos)
        return Error{ErrorCode::ValidationError, "'" + user.email + "' is not an email address"};
    auto existing = userByEmail(user.email);
    if (!existing.ok())
        return existing.error();
    if (existing.value())
        return Error{ErrorCode::ValidationError, "a user with email " + user.email + " exists"};
    Statement& q = stmt("INSERT INTO users(tenant_id, email, name, role, password_hash, disabled, "
                        "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    q.bind(1, user.tenant_id)
        .bind(2, user.email)
        .bind(3, user.name.empty() ? user.email : user.name)
        .bind(4, enumText(user.role))
        .bind(5, user.password_hash)
        .bind(6, std::int64_t(user.disabled))
        .bind(7, user.created_at ? user.created_at : wallNow());
    if (!q.exec())
        return fail("creating the user");
    return std::int64_t(sqlite3_last_insert_rowid(m_c.handle()));
}

Result<std::optional<User>> SqliteTransaction::user(std::int64_t id) {
    static const std::string sql = std::string(kUserColumns) + "WHERE id = ?1";
    Statement& q = stmt(sql.c_str());
    q.bind(1, id);
    if (Result<bool> has = row(q, "reading"); !has.ok())
        return has.error();
    else if (!has.value())
        return std::nullopt;
    return readUser(q);
}

Result<std::optional<User>> SqliteTransaction::userByEmail(const std::string& email) {
    static const std::string sql = std::string(kUserColumns) + "WHERE email = ?1";
    Statement& q = stmt(sql.c_str());
    q.bind(1, email);
    if (Result<bool> has = row(q, "reading"); !has.ok())
        return has.error();
    else if (!has.value())
        return std::nullopt;
    return readUser(q);
}

Result<std::vector<User>> SqliteTransaction::users(std::int64_t tenantId) {
    static const std::string sql = std::string(kUserColumns) + "WHERE tenant_id = ?1 ORDER BY id";
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId);
    std::vector<User> out;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        out.push_back(readUser(q));
    if (rc != SQLITE_DONE)
        return fail("reading");
    return out;
}

Status SqliteTransaction::updateUser(std::int64_t tenantId, std::int64_t userId,
                                     const UserChange& change) {
    if (Status w = writable(); !w.ok())
        return w;
    Statement& q = stmt("UPDATE users SET disabled = coalesce(?3, disabled), "
                        "password_hash = coalesce(?4, password_hash), "
                        "token_version = token_version + (?4 IS NOT NULL) "
                        "WHERE id = ?1 AND tenant_id = ?2");
    std::optional<std::int64_t> disabled;
    if (change.disabled)
        disabled = *change.disabled ? 1 : 0;
    q.bind(1, userId).bind(2, tenantId).bind(3, disabled).bind(4, change.password_hash);
    if (!q.exec())
        return fail("updating the user");
    if (sqlite3_changes(m_c.handle()) == 0)
        return Error{ErrorCode::NotFound, "no such user"};
    return {};
}

// ---- model map ----------------------------------------------------------------------------------

Result<std::shared_ptr<const ModelMap>> SqliteTransaction::modelMap(std::int64_t tenantId) {
    // A read snapshot (every push plans on one) takes the map from the store's cache when the
    // version it sees is the cached one; a write transaction may have changed the map and not
    // yet its version's row (counters are written at commit), so it reads the rows.
    const bool cacheable = !m_writable && m_ownsTransaction;
    std::int64_t version = 0;
    if (cacheable) {
        Statement& v =
            stmt("SELECT value FROM counters WHERE tenant_id = ?1 AND name = 'model-map'");
        v.bind(1, tenantId);
        Result<bool> has = row(v, "reading the model map's version");
        if (!has.ok())
            return has.error();
        version = has.value() ? v.int64(0) : 0; // no row: not changed since the map had versions
        std::lock_guard lock(m_store.m_modelMapMutex);
        if (auto it = m_store.m_modelMaps.find(tenantId);
            it != m_store.m_modelMaps.end() && it->second.version == version)
            return it->second.map;
    }
    auto map = std::make_shared<ModelMap>();
    Statement& q = stmt("SELECT app_type, model, priority, category FROM app_type_models "
                        "WHERE tenant_id = ?1 ORDER BY app_type, position");
    q.bind(1, tenantId);
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) {
        ModelEntry e;
        e.model = q.text(1);
        if (auto p = q.optText(2))
            e.priority = protocol::parseEventPriority(*p);
        e.category = q.text(3);
        (*map)[q.text(0)].push_back(std::move(e));
    }
    if (rc != SQLITE_DONE)
        return fail("reading the model map");
    if (cacheable) {
        std::lock_guard lock(m_store.m_modelMapMutex);
        m_store.m_modelMaps[tenantId] = SqliteStore::CachedModelMap{version, map};
    }
    return std::shared_ptr<const ModelMap>(std::move(map));
}

Result<std::optional<std::string>> SqliteTransaction::tenantSetting(std::int64_t tenantId,
                                                                    const std::string& section) {
    Statement& q = stmt("SELECT value FROM tenant_settings WHERE tenant_id = ?1 AND section = ?2");
    q.bind(1, tenantId).bind(2, section);
    if (Result<bool> has = row(q, "reading the tenant's settings"); !has.ok())
        return has.error();
    else if (!has.value())
        return std::optional<std::string>();
    return std::optional<std::string>(q.text(0));
}

Status SqliteTransaction::setTenantSetting(std::int64_t tenantId, const std::string& section,
                                           const std::optional<std::string>& value) {
    if (Status w = writable(); !w.ok())
        return w;
    if (!value) {
        Statement& del = stmt("DELETE FROM tenant_settings WHERE tenant_id = ?1 AND section = ?2");
        if (!del.bind(1, tenantId).bind(2, section).exec())
            return fail("removing the tenant's settings");
        return {};
    }
    Statement& q = stmt("INSERT OR REPLACE INTO tenant_settings(tenant_id, section, value, "
                        "updated_at) VALUES (?1, ?2, ?3, ?4)");
    if (!q.bind(1, tenantId).bind(2, section).bind(3, *value).bind(4, wallNow()).exec())
        return fail("saving the tenant's settings");
    return {};
}

Status SqliteTransaction::setAppTypeModels(std::int64_t tenantId, const std::string& appType,
                                           const std::vector<ModelEntry>& models) {
    if (Status w = writable(); !w.ok())
        return w;
    // A new version of the map: read snapshots of every process read it again (modelMap).
    if (auto version = next(tenantId, "model-map"); !version.ok())
        return version.error();
    Statement& del = stmt("DELETE FROM app_type_models WHERE tenant_id = ?1 AND app_type = ?2");
    if (!del.bind(1, tenantId).bind(2, appType).exec())
        return fail("replacing the app type's models");
    int position = 0;
    for (const ModelEntry& e : models) {
        Statement& ins = stmt("INSERT OR REPLACE INTO app_type_models(tenant_id, app_type, model, "
                              "priority, category, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        ins.bind(1, tenantId).bind(2, appType).bind(3, e.model);
        if (e.priority)
            ins.bind(4, protocol::toString(*e.priority));
        ins.bind(5, e.category.empty() ? std::string("business") : e.category).bind(6, position++);
        if (!ins.exec())
            return fail("saving the app type's models");
    }
    return {};
}

// ---- records ------------------------------------------------------------------------------------

Result<std::optional<RecordRow>>
SqliteTransaction::record(std::int64_t tenantId, const std::string& model, std::int64_t id) {
    Statement& q = stmt("SELECT data, version, write_date, create_date, deleted FROM records "
                        "WHERE tenant_id = ?1 AND model = ?2 AND id = ?3");
    q.bind(1, tenantId).bind(2, model).bind(3, id);
    if (Result<bool> has = row(q, "reading"); !has.ok())
        return has.error();
    else if (!has.value())
        return std::nullopt;
    RecordRow r;
    r.id = id;
    r.model = model;
    r.data = parseJsonOr(q.text(0), json::object());
    r.version = q.int64(1);
    r.write_date = q.int64(2);
    r.create_date = q.int64(3);
    r.deleted = q.int64(4) != 0;
    return r;
}

Result<std::int64_t> SqliteTransaction::insertRecord(std::int64_t tenantId, const RecordRow& row) {
    if (Status w = writable(); !w.ok())
        return w.error();
    m_counterName.assign("record:").append(row.model);
    auto next = this->next(tenantId, m_counterName);
    if (!next.ok())
        return next.error();
    const std::int64_t id = next.value();
    // Inserted with the next rows (RowBatch), before anything reads them.
    m_c.records.add(tenantId)
        .add(row.model)
        .add(id)
        .add(row.data_text.empty() ? row.data.dump() : std::string_view(row.data_text))
        .add(row.version)
        .add(row.create_date)
        .add(row.write_date)
        .add(std::int64_t(row.deleted));
    if (m_c.records.endRow())
        if (Status s = m_c.flushRows(SqliteConnection::Records); !s.ok())
            return s.error();
    return id;
}

Status SqliteTransaction::putRecord(std::int64_t tenantId, const RecordRow& row) {
    if (Status w = writable(); !w.ok())
        return w;
    Statement& q =
        stmt("INSERT OR REPLACE INTO records(tenant_id, model, id, data, version, "
             "create_date, write_date, deleted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    q.bind(1, tenantId)
        .bind(2, row.model)
        .bind(3, row.id)
        .bind(4, row.data_text.empty() ? row.data.dump() : row.data_text)
        .bind(5, row.version)
        .bind(6, row.create_date)
        .bind(7, row.write_date)
        .bind(8, std::int64_t(row.deleted));
    if (!q.exec())
        return fail("storing the record");
    // The record counter never hands out an id taken this way.
    Statement& c = stmt("INSERT INTO counters(tenant_id, name, value) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT(tenant_id, name) DO UPDATE SET value = max(value, ?3)");
    if (!c.bind(1, tenantId).bind(2, "record:" + row.model).bind(3, row.id).exec())
        return fail("storing the record");
    return {};
}

Status SqliteTransaction::updateRecord(std::int64_t tenantId, const RecordRow& row) {
    if (Status w = writable(); !w.ok())
        return w;
    const std::string dumped = row.data_text.empty() ? row.data.dump() : std::string();
    Statement& q = stmt("UPDATE records SET data = ?4, version = ?5, write_date = ?6, deleted = ?7 "
                        "WHERE tenant_id = ?1 AND model = ?2 AND id = ?3");
    q.bind(1, tenantId)
        .bindRef(2, row.model)
        .bind(3, row.id)
        .bindRef(4, row.data_text.empty() ? dumped : row.data_text)
        .bind(5, row.version)
        .bind(6, row.write_date)
        .bind(7, std::int64_t(row.deleted));
    if (!q.exec())
        return fail("updating the record");
    if (sqlite3_changes(m_c.handle()) != 1)
        return Error{ErrorCode::RecordNotFound, "no such record"};
    return {};
}

Result<std::int64_t> SqliteTransaction::countRecords(std::int64_t tenantId,
                                                     const std::string& model) {
    Statement& q = stmt("SELECT count(*) FROM records WHERE tenant_id = ?1 AND model = ?2 "
                        "AND deleted = 0");
    q.bind(1, tenantId).bind(2, model);
    return scalar(q, "counting");
}

Result<RecordVolume> SqliteTransaction::recordVolume(std::int64_t tenantId,
                                                     const std::string& model) {
    Statement& q = stmt("SELECT count(*), coalesce(sum(length(CAST(data AS BLOB))), 0) "
                        "FROM records WHERE tenant_id = ?1 AND model = ?2 AND deleted = 0");
    q.bind(1, tenantId).bind(2, model);
    if (q.step() != SQLITE_ROW)
        return fail("measuring records");
    RecordVolume out{q.int64(0), q.int64(1)};
    return out;
}

Result<std::vector<RecordRow>>
SqliteTransaction::records(std::int64_t tenantId, const std::string& model, int limit, int offset) {
    Statement& q = stmt("SELECT id, data, version, write_date, create_date FROM records "
                        "WHERE tenant_id = ?1 AND model = ?2 AND deleted = 0 "
                        "ORDER BY id LIMIT ?3 OFFSET ?4");
    q.bind(1, tenantId).bind(2, model).bind(3, limit).bind(4, offset);
    std::vector<RecordRow> out;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) {
        RecordRow r;
        r.id = q.int64(0);
        r.model = model;
        r.data = parseJsonOr(q.text(1), json::object());
        r.version = q.int64(2);
        r.write_date = q.int64(3);
        r.create_date = q.int64(4);
        out.push_back(std::move(r));
    }
    if (rc != SQLITE_DONE)
        return fail("reading");
    return out;
}

// ---- events -------------------------------------------------------------------------------------

Result<std::int64_t> SqliteTransaction::appendEvent(std::int64_t tenantId, const EventRow& row) {
    if (Status w = writable(); !w.ok())
        return w.error();
    auto nextId = next(tenantId, "event");
    if (!nextId.ok())
        return nextId.error();
    const std::int64_t id = nextId.value();
    const std::string_view priority = protocol::toString(row.priority);
    m_counterName.assign("seq:").append(row.model).append(":").append(priority);
    auto nextSeq = next(tenantId, m_counterName);
    if (!nextSeq.ok())
        return nextSeq.error();
    const std::int64_t seq = nextSeq.value();
    std::string& changed = m_text; // reused: no allocation per event
    changed.clear();
    appendJsonText(changed, row.changed_fields);
    // Inserted with the next rows (RowBatch), before anything reads them.
    m_c.events.add(tenantId)
        .add(id)
        .add(row.model)
        .add(row.record_id)
        .add(protocol::toString(row.action))
        .add(row.timestamp)
        .add(row.data_text.empty() ? std::string_view("null") : std::string_view(row.data_text))
        .add(std::string_view(changed))
        .add(priority)
        .add(row.category);
    m_c.events.add(row.user_id);
    if (row.device_id.empty())
        m_c.events.addNull();
    else
        m_c.events.add(row.device_id);
    if (row.local_id.empty())
        m_c.events.addNull();
    else
        m_c.events.add(row.local_id);
    m_c.events.add(row.version).add(seq);
    if (m_c.events.endRow())
        if (Status s = m_c.flushRows(SqliteConnection::Events); !s.ok())
            return s.error();
    return id;
}

Result<std::int64_t> SqliteTransaction::headEventId(std::int64_t tenantId) {
    // The newest committed event (the counter may run ahead inside an open write).
    Statement& q = stmt("SELECT COALESCE(MAX(event_id), 0) FROM events WHERE tenant_id = ?1");
    q.bind(1, tenantId);
    return scalar(q, "counting");
}

namespace {
constexpr const char* kEventColumns =
    "SELECT event_id, model, record_id, action, timestamp, changed_fields, priority, category, "
    "user_id, device_id, local_id, version, data FROM events ";
EventRow readEvent(const Statement& q, bool withPayload) {
    EventRow e;
    e.event_id = q.int64(0);
    e.model = q.text(1);
    e.record_id = q.int64(2);
    e.action = protocol::parseEventAction(q.text(3)).value_or(EventAction::Write);
    e.timestamp = q.int64(4);
    e.changed_fields = parseStringList(q.text(5));
    e.priority = protocol::parseEventPriority(q.text(6)).value_or(EventPriority::Medium);
    e.category = q.text(7);
    e.user_id = q.int64(8);
    e.device_id = q.text(9);
    e.local_id = q.text(10);
    e.version = q.int64(11);
    if (withPayload)
        e.data_text = q.text(12);
    return e;
}
} // namespace

Result<std::vector<EventRow>> SqliteTransaction::recordEvents(std::int64_t tenantId,
                                                              const std::string& model,
                                                              std::int64_t recordId,
                                                              std::int64_t fromVersion,
                                                              std::int64_t toVersion) {
    static const std::string sql =
        std::string(kEventColumns) +
        "WHERE tenant_id = ?1 AND model = ?2 AND record_id = ?3 AND version > ?4 AND version <= ?5 "
        "ORDER BY version";
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId).bind(2, model).bind(3, recordId).bind(4, fromVersion).bind(5, toVersion);
    std::vector<EventRow> out;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        out.push_back(readEvent(q, true));
    if (rc != SQLITE_DONE)
        return fail("reading");
    return out;
}

Result<std::vector<EventRow>> SqliteTransaction::recordEventsAfter(std::int64_t tenantId,
                                                                   const std::string& model,
                                                                   std::int64_t recordId,
                                                                   Millis after) {
    static const std::string sql =
        std::string(kEventColumns) +
        "WHERE tenant_id = ?1 AND model = ?2 AND record_id = ?3 AND timestamp > ?4 "
        "ORDER BY version";
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId).bind(2, model).bind(3, recordId).bind(4, after);
    std::vector<EventRow> out;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        out.push_back(readEvent(q, true));
    if (rc != SQLITE_DONE)
        return fail("reading");
    return out;
}

Result<json> SqliteTransaction::recordAtVersion(std::int64_t tenantId, const std::string& model,
                                                std::int64_t recordId, std::int64_t version) {
    Statement& q = stmt("SELECT data FROM events WHERE tenant_id = ?1 AND model = ?2 AND "
                        "record_id = ?3 AND version = ?4 LIMIT 1");
    q.bind(1, tenantId).bind(2, model).bind(3, recordId).bind(4, version);
    if (Result<bool> has = row(q, "reading the record's history"); !has.ok())
        return has.error();
    else if (!has.value())
        return json(nullptr);
    json data = parseJsonOr(q.text(0), nullptr);
    if (data.is_object())
        data.erase("id");
    return data;
}

namespace {
// One statement per direction; filters are bound, never spliced. A NULL filter matches all.
constexpr const char* kEventWhere =
    "WHERE tenant_id = ?1 AND event_id > ?2 "
    "AND (?3 IS NULL OR +model IN (SELECT value FROM json_each(?3))) "
    "AND (?4 IS NULL OR +priority IN (SELECT value FROM json_each(?4))) "
    "AND (?5 IS NULL OR action = ?5) AND (?6 IS NULL OR device_id = ?6) ";

void bindEventFilter(Statement& q, std::int64_t tenantId, const EventFilter& f) {
    q.bind(1, tenantId).bind(2, f.after_event_id);
    if (!f.all_models)
        q.bind(3, toJsonText(f.models));
    if (!f.priorities.empty()) {
        std::vector<std::string> names;
        for (auto p : f.priorities)
            names.emplace_back(protocol::toString(p));
        q.bind(4, toJsonText(names));
    }
    q.bind(5, f.action).bind(6, f.device_id);
}
} // namespace

Result<std::vector<EventRow>>
SqliteTransaction::events(std::int64_t tenantId, const EventFilter& filter, bool withPayload) {
    static const std::string asc =
        std::string(kEventColumns) + kEventWhere + "ORDER BY event_id ASC LIMIT ?7 OFFSET ?8";
    static const std::string desc =
        std::string(kEventColumns) + kEventWhere + "ORDER BY event_id DESC LIMIT ?7 OFFSET ?8";
    Statement& q = stmt(filter.descending ? desc.c_str() : asc.c_str());
    bindEventFilter(q, tenantId, filter);
    q.bind(7, filter.limit).bind(8, filter.offset);
    std::vector<EventRow> out;
    out.reserve(static_cast<std::size_t>(std::max(0, std::min(filter.limit, 1000))));
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        out.push_back(readEvent(q, withPayload));
    if (rc != SQLITE_DONE)
        return fail("reading");
    return out;
}

Result<std::int64_t> SqliteTransaction::countEvents(std::int64_t tenantId,
                                                    const EventFilter& filter) {
    if (!filter.all_models && !filter.action && !filter.device_id) {
        // Per (model, priority): events after X = last seq - seq at X; two index lookups each.
        std::vector<std::string> priorities;
        for (auto p : filter.priorities.empty()
                          ? std::vector<EventPriority>{EventPriority::High, EventPriority::Medium,
                                                       EventPriority::Low}
                          : filter.priorities)
            priorities.emplace_back(protocol::toString(p));
        std::int64_t total = 0;
        Statement& q = stmt("SELECT seq FROM events WHERE tenant_id = ?1 AND model = ?2 AND "
                            "priority = ?3 AND event_id <= ?4 ORDER BY event_id DESC LIMIT 1");
        for (const auto& model : filter.models)
            for (const auto& priority : priorities) {
                std::int64_t seqs[2] = {0, 0};
                const std::int64_t bounds[2] = {std::numeric_limits<std::int64_t>::max(),
                                                filter.after_event_id};
                for (int k = 0; k < 2; ++k) {
                    q.reset().bind(1, tenantId).bind(2, model).bind(3, priority).bind(4, bounds[k]);
                    const int rc = q.step();
                    if (rc == SQLITE_ROW)
                        seqs[k] = q.int64(0);
                    else if (rc != SQLITE_DONE)
                        return fail("counting events");
                }
                total += seqs[0] - seqs[1];
            }
        return total;
    }
    static const std::string sql = std::string("SELECT count(*) FROM events ") + kEventWhere;
    Statement& q = stmt(sql.c_str());
    bindEventFilter(q, tenantId, filter);
    return scalar(q, "counting");
}

// ---- exactly-once ledger ------------------------------------------------------------------------

Result<std::vector<LedgerEntry>>
SqliteTransaction::ledger(std::int64_t tenantId, const std::string& deviceId,
                          const std::vector<std::string>& localIds) {
    std::vector<LedgerEntry> out;
    if (localIds.empty())
        return out;

    // The keys (unique) as the outer loop, one primary-key probe each: "local_id IN (SELECT
    // ...)" first copied them into a temporary index and cost ~1.6x as much per push.
    Statement& q = stmt("SELECT l.local_id, l.content_hash, l.model, l.server_id, l.created, "
                        "l.result FROM json_each(?3) AS k CROSS JOIN push_ledger AS l "
                        "WHERE l.tenant_id = ?1 AND l.device_id = ?2 AND l.local_id = k.value");
    // Each key once (the planner's keys are sorted and unique already): one row per entry.
    const bool unique = std::adjacent_find(localIds.begin(), localIds.end(),
                                           std::greater_equal<>()) == localIds.end();
    std::vector<std::string> distinct;
    if (!unique) {
        distinct = localIds;
        std::sort(distinct.begin(), distinct.end());
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    }
    const std::string keys = toJsonText(unique ? localIds : distinct);
    q.bind(1, tenantId).bindRef(2, deviceId).bindRef(3, keys);
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        out.push_back(LedgerEntry{q.text(0), q.text(1), q.text(2), q.optInt64(3), q.int64(4) != 0,
                                  q.text(5)});
    if (rc != SQLITE_DONE)
        return fail("reading");
    return out;
}

Status SqliteTransaction::remember(std::int64_t tenantId, const std::string& deviceId,
                                   const LedgerEntry& e, Millis at) {
    if (Status w = writable(); !w.ok())
        return w;
    // Inserted with the next rows (RowBatch), before anything reads them.
    m_c.ledger.add(tenantId)
        .add(deviceId)
        .add(e.local_id)
        .add(e.content_hash)
        .add(e.model)
        .add(e.server_id)
        .add(std::int64_t(e.created))
        .add(e.result_json)
        .add(at);
    return m_c.ledger.endRow() ? m_c.flushRows(SqliteConnection::Ledger) : Status{};
}

// ---- devices ------------------------------------------------------------------------------------

namespace {
constexpr const char* kDeviceColumns =
    "SELECT d.device_id, d.user_id, d.app_type, d.last_event_id, d.last_sync_time, "
    "d.last_push_time, d.last_pull_time, d.total_syncs, d.total_events_synced, d.app_version, "
    "d.pending_changes, d.oldest_pending_at, d.last_error, d.clock_skew_ms, d.total_pushes, "
    "d.total_pulls, d.changes_pushed, d.changes_succeeded, d.changes_failed, "
    "d.changes_conflicted, d.push_ms_total, d.pull_ms_total, d.bytes_in, d.bytes_out, "
    "d.created_at, (SELECT count(*) FROM conflicts c WHERE c.tenant_id = d.tenant_id AND "
    "c.device_id = d.device_id AND c.open = 1) FROM devices d ";
DeviceRow readDevice(const Statement& q) {
    DeviceRow d;
    d.device_id = q.text(0);
    d.user_id = q.int64(1);
    d.app_type = q.optText(2);
    d.last_event_id = q.int64(3);
    d.last_sync_time = q.optInt64(4);
    d.last_push_time = q.optInt64(5);
    d.last_pull_time = q.optInt64(6);
    d.total_syncs = q.int64(7);
    d.total_events_synced = q.int64(8);
    d.app_version = q.optText(9);
    d.pending_changes = q.int64(10);
    d.oldest_pending_at = q.optText(11);
    d.last_error = q.optText(12);
    d.clock_skew_ms = q.optInt64(13);
    d.total_pushes = q.int64(14);
    d.total_pulls = q.int64(15);
    d.changes_pushed = q.int64(16);
    d.changes_succeeded = q.int64(17);
    d.changes_failed = q.int64(18);
    d.changes_conflicted = q.int64(19);
    d.push_ms_total = q.real(20);
    d.pull_ms_total = q.real(21);
    d.bytes_in = q.int64(22);
    d.bytes_out = q.int64(23);
    d.created_at = q.int64(24);
    d.open_conflicts = q.int64(25);
    return d;
}
constexpr const char* kDeviceWhere =
    "WHERE d.tenant_id = ?1 AND (?2 = 0 OR d.user_id = ?2) AND (?3 = '' OR "
    "instr(lower(d.device_id), lower(?3)) > 0 OR instr(lower(COALESCE(d.app_type, '')), "
    "lower(?3)) > 0) ";
} // namespace

Result<std::optional<DeviceRow>> SqliteTransaction::device(std::int64_t tenantId,
                                                           const std::string& deviceId) {
    static const std::string sql =
        std::string(kDeviceColumns) + "WHERE d.tenant_id = ?1 AND d.device_id = ?2";
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId).bind(2, deviceId);
    if (Result<bool> has = row(q, "reading"); !has.ok())
        return has.error();
    else if (!has.value())
        return std::nullopt;
    return readDevice(q);
}

Status SqliteTransaction::updateDevice(std::int64_t tenantId, const DeviceUpdate& u) {
    if (Status w = writable(); !w.ok())
        return w;
    // Set-if-given fields use COALESCE; nullable replacements carry a flag; counters add.
    Statement& q =
        stmt("INSERT INTO devices(tenant_id, device_id, user_id, app_type, last_event_id, "
             "last_sync_time, last_push_time, last_pull_time, total_syncs, total_events_synced, "
             "app_version, pending_changes, oldest_pending_at, last_error, clock_skew_ms, "
             "total_pushes, total_pulls, changes_pushed, changes_succeeded, changes_failed, "
             "changes_conflicted, push_ms_total, pull_ms_total, bytes_in, bytes_out, created_at) "
             "VALUES (?1, ?2, ?3, ?4, COALESCE(?5, 0), ?6, ?7, ?8, ?9, ?10, ?11, COALESCE(?12, 0), "
             "?14, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28) "
             "ON CONFLICT(tenant_id, device_id) DO UPDATE SET "
             "app_type = COALESCE(?4, app_type), last_event_id = COALESCE(?5, last_event_id), "
             // Times never step back: a pull's state may commit after a later push's.
             "last_sync_time = MAX(COALESCE(?6, last_sync_time), COALESCE(last_sync_time, ?6)), "
             "last_push_time = MAX(COALESCE(?7, last_push_time), COALESCE(last_push_time, ?7)), "
             "last_pull_time = MAX(COALESCE(?8, last_pull_time), COALESCE(last_pull_time, ?8)), "
             "total_syncs = CASE WHEN ?29 THEN 0 ELSE total_syncs + ?9 END, "
             "total_events_synced = total_events_synced + ?10, "
             "app_version = COALESCE(?11, app_version), "
             "pending_changes = COALESCE(?12, pending_changes), "
             "oldest_pending_at = CASE WHEN ?13 THEN ?14 ELSE oldest_pending_at END, "
             "last_error = CASE WHEN ?15 THEN ?16 ELSE last_error END, "
             "clock_skew_ms = COALESCE(?17, clock_skew_ms), total_pushes = total_pushes + ?18, "
             "total_pulls = total_pulls + ?19, changes_pushed = changes_pushed + ?20, "
             "changes_succeeded = changes_succeeded + ?21, changes_failed = changes_failed + ?22, "
             "changes_conflicted = changes_conflicted + ?23, push_ms_total = push_ms_total + ?24, "
             "pull_ms_total = pull_ms_total + ?25, bytes_in = bytes_in + ?26, "
             "bytes_out = bytes_out + ?27");
    q.bind(1, tenantId)
        .bind(2, u.device_id)
        .bind(3, u.user_id)
        .bind(4, u.app_type)
        .bind(5, u.last_event_id)
        .bind(6, u.last_sync_time)
        .bind(7, u.last_push_time)
        .bind(8, u.last_pull_time)
        .bind(9, u.reset_syncs ? std::int64_t(0) : u.syncs)
        .bind(10, u.events_synced)
        .bind(11, u.app_version)
        .bind(12, u.pending_changes)
        .bind(13, std::int64_t(u.oldest_pending_at.has_value()))
        .bind(14, u.oldest_pending_at.value_or(std::nullopt))
        .bind(15, std::int64_t(u.last_error.has_value()))
        .bind(16, u.last_error.value_or(std::nullopt))
        .bind(17, u.clock_skew_ms)
        .bind(18, u.pushes)
        .bind(19, u.pulls)
        .bind(20, u.changes_pushed)
        .bind(21, u.changes_succeeded)
        .bind(22, u.changes_failed)
        .bind(23, u.changes_conflicted)
        .bind(24, u.push_ms)
        .bind(25, u.pull_ms)
        .bind(26, u.bytes_in)
        .bind(27, u.bytes_out)
        .bind(28, u.created_at ? u.created_at : wallNow())
        .bind(29, std::int64_t(u.reset_syncs));
    if (!q.exec())
        return fail("saving the device state");
    return {};
}

Result<std::vector<DeviceRow>> SqliteTransaction::devices(std::int64_t tenantId,
                                                          std::int64_t userId, int limit,
                                                          int offset, const std::string& search) {
    static const std::string sql =
        std::string(kDeviceColumns) + kDeviceWhere + "ORDER BY d.device_id LIMIT ?4 OFFSET ?5";
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId).bind(2, userId).bind(3, search).bind(4, limit).bind(5, offset);
    std::vector<DeviceRow> out;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        out.push_back(readDevice(q));
    if (rc != SQLITE_DONE)
        return fail("reading");
    return out;
}

Result<std::int64_t> SqliteTransaction::countDevices(std::int64_t tenantId, std::int64_t userId,
                                                     const std::string& search) {
    static const std::string sql = std::string("SELECT count(*) FROM devices d ") + kDeviceWhere;
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId).bind(2, userId).bind(3, search);
    return scalar(q, "counting");
}

Result<std::int64_t> SqliteTransaction::countStaleDevices(std::int64_t tenantId,
                                                          Millis syncedBefore) {
    Statement& q = stmt("SELECT count(*) FROM devices WHERE tenant_id = ?1 AND "
                        "(last_sync_time IS NULL OR last_sync_time < ?2)");
    q.bind(1, tenantId).bind(2, syncedBefore);
    return scalar(q, "counting");
}

Result<std::int64_t> SqliteTransaction::sumPendingChanges(std::int64_t tenantId) {
    Statement& q =
        stmt("SELECT COALESCE(SUM(pending_changes), 0) FROM devices WHERE tenant_id = ?1");
    q.bind(1, tenantId);
    return scalar(q, "counting");
}

Status SqliteTransaction::addDeviceHistory(std::int64_t tenantId, const std::string& deviceId,
                                           const DeviceHistoryRow& row) {
    if (Status w = writable(); !w.ok())
        return w;
    // The next seq, then the row: one INSERT ... SELECT ... RETURNING opened a temporary
    // table for RETURNING's rows at every call (~0.6% of the server's CPU at 50 devices). The
    // writer holds the write lock, so nothing comes between the two.
    Statement& last = stmt("SELECT COALESCE(MAX(seq), 0) FROM device_history "
                           "WHERE tenant_id = ?1 AND device_id = ?2");
    last.bind(1, tenantId).bind(2, deviceId);
    Result<std::int64_t> previous = scalar(last, "recording the device's history");
    if (!previous.ok())
        return previous.error();
    const std::int64_t seq = previous.value() + 1;
    Statement& add =
        stmt("INSERT INTO device_history(tenant_id, device_id, seq, at, kind, changes, applied, "
             "conflicts, failed, duration_ms, pending_changes, oldest_pending_at, last_error) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    add.bind(1, tenantId)
        .bind(2, deviceId)
        .bind(3, seq)
        .bind(4, row.at)
        .bind(5, row.kind)
        .bind(6, row.changes)
        .bind(7, row.applied)
        .bind(8, row.conflicts)
        .bind(9, row.failed)
        .bind(10, row.duration_ms);
    row.pending_changes ? add.bind(11, *row.pending_changes) : add.bindNull(11);
    row.oldest_pending_at ? add.bind(12, *row.oldest_pending_at) : add.bindNull(12);
    row.last_error ? add.bind(13, *row.last_error) : add.bindNull(13);
    if (!add.exec())
        return fail("recording the device's history");
    if (seq % kDeviceHistoryPruneEvery != 0)
        return {};
    Statement& prune =
        stmt("DELETE FROM device_history WHERE tenant_id = ?1 AND device_id = ?2 AND seq <= ?3");
    prune.bind(1, tenantId).bind(2, deviceId).bind(3, seq - kDeviceHistoryRows);
    if (!prune.exec())
        return fail("pruning the device's history");
    return {};
}

Result<std::vector<DeviceHistoryRow>>
SqliteTransaction::deviceHistory(std::int64_t tenantId, const std::string& deviceId, int limit) {
    Statement& q = stmt("SELECT at, kind, changes, applied, conflicts, failed, duration_ms, "
                        "pending_changes, oldest_pending_at, last_error FROM device_history "
                        "WHERE tenant_id = ?1 AND device_id = ?2 ORDER BY seq DESC LIMIT ?3");
    q.bind(1, tenantId).bind(2, deviceId).bind(3, std::int64_t(limit));
    return all<DeviceHistoryRow>(
        q,
        [](const Statement& r) {
            return DeviceHistoryRow{r.int64(0),   r.text(1),   r.int64(2), r.int64(3),
                                    r.int64(4),   r.int64(5),  r.real(6),  r.optInt64(7),
                                    r.optText(8), r.optText(9)};
        },
        "reading the device's history");
}

// ---- conflicts ----------------------------------------------------------------------------------

namespace {
constexpr const char* kConflictColumns =
    "SELECT conflict_id, device_id, user_id, local_id, model, record_id, action, strategy, "
    "resolution, open, conflicting_fields, local_data, server_data, base_data, local_version, "
    "server_version, local_timestamp, server_timestamp, created_at, resolved_at, resolved_by, "
    "result_data FROM conflicts ";
ConflictRow readConflict(const Statement& q) {
    ConflictRow c;
    c.conflict_id = q.int64(0);
    c.device_id = q.text(1);
    c.user_id = q.int64(2);
    c.local_id = q.text(3);
    c.model = q.text(4);
    c.record_id = q.int64(5);
    c.action = protocol::parseAction(q.text(6)).value_or(protocol::Action::Update);
    c.strategy =
        protocol::parseConflictStrategy(q.text(7)).value_or(protocol::ConflictStrategy::Manual);
    const std::string resolution = q.text(8);
    for (auto r : {protocol::Resolution::ServerWins, protocol::Resolution::ClientWins,
                   protocol::Resolution::Merged, protocol::Resolution::Manual})
        if (protocol::toString(r) == resolution)
            c.resolution = r;
    c.open = q.int64(9) != 0;
    c.conflicting_fields = parseStringList(q.text(10));
    c.local_data = parseJsonOr(q.text(11), json::object());
    c.server_data = parseJsonOr(q.text(12), json::object());
    c.base_data = q.isNull(13) ? json(nullptr) : parseJsonOr(q.text(13), nullptr);
    c.local_version = q.optInt64(14);
    c.server_version = q.int64(15);
    c.local_timestamp = q.int64(16);
    c.server_timestamp = q.int64(17);
    c.created_at = q.int64(18);
    c.resolved_at = q.optInt64(19);
    c.resolved_by = q.optInt64(20);
    c.result_data = q.isNull(21) ? json(nullptr) : parseJsonOr(q.text(21), nullptr);
    return c;
}
void bindConflict(Statement& q, std::int64_t tenantId, const ConflictRow& c) {
    q.bind(1, tenantId)
        .bind(2, c.conflict_id)
        .bind(3, c.device_id)
        .bind(4, c.user_id)
        .bind(5, c.local_id)
        .bind(6, c.model)
        .bind(7, c.record_id)
        .bind(8, protocol::toString(c.action))
        .bind(9, protocol::toString(c.strategy))
        .bind(10, protocol::toString(c.resolution))
        .bind(11, std::int64_t(c.open))
        .bind(12, toJsonText(c.conflicting_fields))
        .bind(13, c.local_data.dump())
        .bind(14, c.server_data.dump());
    if (!c.base_data.is_null())
        q.bind(15, c.base_data.dump());
    q.bind(16, c.local_version)
        .bind(17, c.server_version)
        .bind(18, c.local_timestamp)
        .bind(19, c.server_timestamp)
        .bind(20, c.created_at)
        .bind(21, c.resolved_at)
        .bind(22, c.resolved_by);
    if (!c.result_data.is_null())
        q.bind(23, c.result_data.dump());
}
constexpr const char* kConflictValues =
    "(tenant_id, conflict_id, device_id, user_id, local_id, model, record_id, action, strategy, "
    "resolution, open, conflicting_fields, local_data, server_data, base_data, local_version, "
    "server_version, local_timestamp, server_timestamp, created_at, resolved_at, resolved_by, "
    "result_data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
    "?17, ?18, ?19, ?20, ?21, ?22, ?23)";
} // namespace

Result<std::int64_t> SqliteTransaction::insertConflict(std::int64_t tenantId,
                                                       const ConflictRow& row) {
    if (Status w = writable(); !w.ok())
        return w.error();
    auto id = next(tenantId, "conflict");
    if (!id.ok())
        return id.error();
    ConflictRow c = row;
    c.conflict_id = id.value();
    static const std::string sql = std::string("INSERT INTO conflicts ") + kConflictValues;
    Statement& q = stmt(sql.c_str());
    bindConflict(q, tenantId, c);
    if (!q.exec())
        return fail("storing the conflict");
    return c.conflict_id;
}

Status SqliteTransaction::updateConflict(std::int64_t tenantId, const ConflictRow& row) {
    if (Status w = writable(); !w.ok())
        return w;
    static const std::string sql =
        std::string("INSERT OR REPLACE INTO conflicts ") + kConflictValues;
    Statement& q = stmt(sql.c_str());
    bindConflict(q, tenantId, row);
    if (!q.exec())
        return fail("updating the conflict");
    return {};
}

Result<std::optional<ConflictRow>> SqliteTransaction::conflict(std::int64_t tenantId,
                                                               std::int64_t conflictId) {
    static const std::string sql =
        std::string(kConflictColumns) + "WHERE tenant_id = ?1 AND conflict_id = ?2";
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId).bind(2, conflictId);
    if (Result<bool> has = row(q, "reading"); !has.ok())
        return has.error();
    else if (!has.value())
        return std::nullopt;
    return readConflict(q);
}

Result<std::optional<ConflictRow>> SqliteTransaction::openConflict(std::int64_t tenantId,
                                                                   const std::string& deviceId,
                                                                   const std::string& localId) {
    static const std::string sql =
        std::string(kConflictColumns) +
        "WHERE tenant_id = ?1 AND device_id = ?2 AND local_id = ?3 AND open = 1 "
        "ORDER BY conflict_id DESC LIMIT 1";
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId).bind(2, deviceId).bind(3, localId);
    if (Result<bool> has = row(q, "reading"); !has.ok())
        return has.error();
    else if (!has.value())
        return std::nullopt;
    return readConflict(q);
}

namespace {
constexpr const char* kConflictWhere =
    "WHERE tenant_id = ?1 AND (?2 = 0 OR user_id = ?2) AND "
    "(?3 = '' OR (?3 = 'open' AND open = 1) OR (?3 = 'resolved' AND open = 0)) AND "
    "(?4 = '' OR device_id = ?4) ";
}

Result<std::vector<ConflictRow>>
SqliteTransaction::conflicts(std::int64_t tenantId, std::int64_t userId, const std::string& status,
                             int limit, int offset, const std::string& deviceId) {
    static const std::string sql = std::string(kConflictColumns) + kConflictWhere +
                                   "ORDER BY conflict_id DESC LIMIT ?5 OFFSET ?6";
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId)
        .bind(2, userId)
        .bind(3, status)
        .bind(4, deviceId)
        .bind(5, limit)
        .bind(6, offset);
    std::vector<ConflictRow> out;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW)
        out.push_back(readConflict(q));
    if (rc != SQLITE_DONE)
        return fail("reading");
    return out;
}

Result<std::int64_t> SqliteTransaction::countConflicts(std::int64_t tenantId, std::int64_t userId,
                                                       const std::string& status,
                                                       const std::string& deviceId) {
    static const std::string sql = std::string("SELECT count(*) FROM conflicts ") + kConflictWhere;
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId).bind(2, userId).bind(3, status).bind(4, deviceId);
    return scalar(q, "counting");
}

// ---- metrics ------------------------------------------------------------------------------------

Status SqliteTransaction::addMetrics(std::int64_t tenantId, Millis bucketStart,
                                     const MetricDelta& d) {
    if (Status w = writable(); !w.ok())
        return w;
    m_metrics.push_back(PendingMetric{tenantId, bucketStart, d});
    return {};
}

Status SqliteTransaction::flushMetrics() {
    // Buckets in order of first use; each bucket's deltas summed, its pushes' durations in
    // the order they were added.
    std::vector<std::pair<std::int64_t, Millis>> buckets;
    for (const PendingMetric& m : m_metrics)
        if (std::find(buckets.begin(), buckets.end(), std::pair(m.tenant_id, m.bucket_start)) ==
            buckets.end())
            buckets.emplace_back(m.tenant_id, m.bucket_start);
    for (const auto& [tenantId, bucketStart] : buckets) {
        MetricDelta sum;
        double pushMs = 0;
        for (const PendingMetric& m : m_metrics)
            if (m.tenant_id == tenantId && m.bucket_start == bucketStart) {
                const MetricDelta& d = m.delta;
                sum.pushes += d.pushes;
                sum.changes_pushed += d.changes_pushed;
                sum.pulls += d.pulls;
                sum.events_pulled += d.events_pulled;
                sum.conflicts += d.conflicts;
                sum.failures += d.failures;
                pushMs += d.pushes > 0 ? d.push_ms : 0.0;
            }
        Statement& q = stmt(
            "INSERT INTO metric_buckets(tenant_id, bucket_start, pushes, changes_pushed, pulls, "
            "events_pulled, conflicts, failures, push_ms_sum) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
            "ON CONFLICT(tenant_id, bucket_start) DO UPDATE SET pushes = pushes + ?3, "
            "changes_pushed = changes_pushed + ?4, pulls = pulls + ?5, "
            "events_pulled = events_pulled + ?6, conflicts = conflicts + ?7, "
            "failures = failures + ?8, push_ms_sum = push_ms_sum + ?9");
        q.bind(1, tenantId)
            .bind(2, bucketStart)
            .bind(3, sum.pushes)
            .bind(4, sum.changes_pushed)
            .bind(5, sum.pulls)
            .bind(6, sum.events_pulled)
            .bind(7, sum.conflicts)
            .bind(8, sum.failures)
            .bind(9, pushMs);
        if (!q.exec())
            return fail("recording metrics");
        if (sum.pushes == 0)
            continue;
        // The durations of the bucket's first kMaxLatencySamples pushes are kept for its
        // percentiles: the bucket's push count before these tells which of them are.
        Statement& count =
            stmt("SELECT pushes FROM metric_buckets WHERE tenant_id = ?1 AND bucket_start = ?2");
        count.bind(1, tenantId).bind(2, bucketStart);
        Result<std::int64_t> after = scalar(count, "counting a bucket's pushes");
        if (!after.ok())
            return after.error();
        std::int64_t pushes = after.value() - sum.pushes;
        for (const PendingMetric& m : m_metrics) {
            if (m.tenant_id != tenantId || m.bucket_start != bucketStart || m.delta.pushes <= 0)
                continue;
            pushes += m.delta.pushes;
            if (pushes > std::int64_t(kMaxLatencySamples))
                break;
            Statement& sample = stmt("INSERT INTO metric_samples(tenant_id, bucket_start, "
                                     "push_ms) VALUES (?1, ?2, ?3)");
            sample.bind(1, tenantId).bind(2, bucketStart).bind(3, m.delta.push_ms);
            if (!sample.exec())
                return fail("recording a push duration");
        }
    }
    m_metrics.clear();
    return {};
}

Result<std::vector<MetricBucket>> SqliteTransaction::metricBuckets(std::int64_t tenantId,
                                                                   Millis from, Millis to) {
    if (!m_metrics.empty()) { // this write transaction's own, written here for the read
        if (m_savepoints > 0) // where a rollback to the savepoint would undo older ones
            return Error{ErrorCode::Internal,
                         "a transaction's metrics are read back outside its savepoints only"};
        if (Status f = flushMetrics(); !f.ok())
            return f.error();
    }
    Statement& q = stmt("SELECT bucket_start, pushes, changes_pushed, pulls, events_pulled, "
                        "conflicts, failures, push_ms_sum FROM metric_buckets "
                        "WHERE tenant_id = ?1 AND bucket_start >= ?2 AND bucket_start <= ?3 "
                        "ORDER BY bucket_start");
    q.bind(1, tenantId).bind(2, from).bind(3, to);
    auto buckets = all<MetricBucket>(
        q,
        [](const Statement& r) {
            MetricBucket b;
            b.bucket_start = r.int64(0);
            b.pushes = r.int64(1);
            b.changes_pushed = r.int64(2);
            b.pulls = r.int64(3);
            b.events_pulled = r.int64(4);
            b.conflicts = r.int64(5);
            b.failures = r.int64(6);
            b.push_ms_sum = r.real(7);
            return b;
        },
        "reading metrics");
    if (!buckets.ok() || buckets.value().empty())
        return buckets;
    Statement& s = stmt("SELECT bucket_start, push_ms FROM metric_samples WHERE tenant_id = ?1 "
                        "AND bucket_start >= ?2 AND bucket_start <= ?3 ORDER BY bucket_start");
    s.bind(1, tenantId).bind(2, from).bind(3, to);
    auto& out = buckets.value();
    std::size_t k = 0;
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
        const Millis start = s.int64(0);
        while (k < out.size() && out[k].bucket_start < start)
            ++k;
        if (k < out.size() && out[k].bucket_start == start)
            out[k].push_ms_samples.push_back(s.real(1));
    }
    if (rc != SQLITE_DONE)
        return fail("reading push durations");
    return buckets;
}

} // namespace bridgecore::storage
