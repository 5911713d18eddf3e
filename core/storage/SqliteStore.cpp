#include "storage/SqliteStore.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QUuid>
#include <QVariant>

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <limits>

Q_LOGGING_CATEGORY(lcStorage, "bridgecore.storage")

namespace bridgecore::storage {

namespace {

using protocol::EventAction;
using protocol::EventPriority;

// Numbered, forward-only migrations. Each entry brings the schema from (index) to (index + 1).
// Never edit a released entry: append a new one.
const char* const kMigrations[] = {
    // 1: the first schema.
    R"sql(
CREATE TABLE tenants (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    tenant_id     INTEGER NOT NULL REFERENCES tenants(id),
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('user', 'support', 'admin')),
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);
CREATE INDEX users_tenant ON users(tenant_id);
CREATE TABLE app_type_models (
    tenant_id INTEGER NOT NULL,
    app_type  TEXT NOT NULL,
    model     TEXT NOT NULL,
    priority  TEXT,
    category  TEXT NOT NULL DEFAULT 'business',
    position  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, app_type, model)
) WITHOUT ROWID;
CREATE TABLE records (
    tenant_id   INTEGER NOT NULL,
    model       TEXT NOT NULL,
    id          INTEGER NOT NULL,
    data        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    create_date INTEGER NOT NULL,
    write_date  INTEGER NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, model, id)
) WITHOUT ROWID;
CREATE TABLE events (
    tenant_id      INTEGER NOT NULL,
    event_id       INTEGER NOT NULL,
    model          TEXT NOT NULL,
    record_id      INTEGER NOT NULL,
    action         TEXT NOT NULL,
    timestamp      INTEGER NOT NULL,
    data           TEXT,
    changed_fields TEXT NOT NULL,
    priority       TEXT NOT NULL,
    category       TEXT NOT NULL,
    user_id        INTEGER NOT NULL,
    device_id      TEXT,
    local_id       TEXT,
    version        INTEGER NOT NULL,
    seq            INTEGER NOT NULL, -- n-th event of (tenant, model, priority): O(log n) counts
    PRIMARY KEY (tenant_id, event_id)
) WITHOUT ROWID;
CREATE INDEX events_record ON events(tenant_id, model, record_id, version);
CREATE INDEX events_count ON events(tenant_id, model, priority, event_id, seq);
CREATE TABLE push_ledger (
    tenant_id    INTEGER NOT NULL,
    device_id    TEXT NOT NULL,
    local_id     TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    model        TEXT NOT NULL,
    server_id    INTEGER,
    created      INTEGER NOT NULL,
    result       TEXT NOT NULL,
    at           INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, device_id, local_id)
) WITHOUT ROWID;
CREATE TABLE devices (
    tenant_id           INTEGER NOT NULL,
    device_id           TEXT NOT NULL,
    user_id             INTEGER NOT NULL,
    app_type            TEXT,
    last_event_id       INTEGER NOT NULL DEFAULT 0,
    last_sync_time      INTEGER,
    last_push_time      INTEGER,
    last_pull_time      INTEGER,
    total_syncs         INTEGER NOT NULL DEFAULT 0,
    total_events_synced INTEGER NOT NULL DEFAULT 0,
    app_version         TEXT,
    pending_changes     INTEGER NOT NULL DEFAULT 0,
    oldest_pending_at   TEXT,
    last_error          TEXT,
    clock_skew_ms       INTEGER,
    total_pushes        INTEGER NOT NULL DEFAULT 0,
    total_pulls         INTEGER NOT NULL DEFAULT 0,
    changes_pushed      INTEGER NOT NULL DEFAULT 0,
    changes_succeeded   INTEGER NOT NULL DEFAULT 0,
    changes_failed      INTEGER NOT NULL DEFAULT 0,
    changes_conflicted  INTEGER NOT NULL DEFAULT 0,
    push_ms_total       REAL NOT NULL DEFAULT 0,
    pull_ms_total       REAL NOT NULL DEFAULT 0,
    bytes_in            INTEGER NOT NULL DEFAULT 0,
    bytes_out           INTEGER NOT NULL DEFAULT 0,
    created_at          INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, device_id)
);
CREATE INDEX devices_user ON devices(tenant_id, user_id, device_id);
CREATE INDEX devices_sync ON devices(tenant_id, last_sync_time);
CREATE TABLE conflicts (
    tenant_id          INTEGER NOT NULL,
    conflict_id        INTEGER NOT NULL,
    device_id          TEXT NOT NULL,
    user_id            INTEGER NOT NULL,
    local_id           TEXT NOT NULL,
    model              TEXT NOT NULL,
    record_id          INTEGER NOT NULL,
    action             TEXT NOT NULL,
    strategy           TEXT NOT NULL,
    resolution         TEXT NOT NULL,
    open               INTEGER NOT NULL,
    conflicting_fields TEXT NOT NULL,
    local_data         TEXT NOT NULL,
    server_data        TEXT NOT NULL,
    base_data          TEXT,
    local_version      INTEGER,
    server_version     INTEGER NOT NULL,
    local_timestamp    INTEGER NOT NULL,
    server_timestamp   INTEGER NOT NULL,
    created_at         INTEGER NOT NULL,
    resolved_at        INTEGER,
    resolved_by        INTEGER,
    result_data        TEXT,
    PRIMARY KEY (tenant_id, conflict_id)
);
CREATE INDEX conflicts_device ON conflicts(tenant_id, device_id, local_id, open);
CREATE INDEX conflicts_open ON conflicts(tenant_id, open, conflict_id);
CREATE TABLE metric_buckets (
    tenant_id      INTEGER NOT NULL,
    bucket_start   INTEGER NOT NULL,
    pushes         INTEGER NOT NULL DEFAULT 0,
    changes_pushed INTEGER NOT NULL DEFAULT 0,
    pulls          INTEGER NOT NULL DEFAULT 0,
    events_pulled  INTEGER NOT NULL DEFAULT 0,
    conflicts      INTEGER NOT NULL DEFAULT 0,
    failures       INTEGER NOT NULL DEFAULT 0,
    push_ms_sum    REAL NOT NULL DEFAULT 0,
    push_ms_samples TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (tenant_id, bucket_start)
) WITHOUT ROWID;
)sql",
    // 2: token revocation (a password change raises it; tokens carry it).
    R"sql(
ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;
)sql",
};
constexpr int kLatestVersion = static_cast<int>(std::size(kMigrations));
constexpr std::size_t kMaxLatencySamples = 256;

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

std::string toJsonText(const std::vector<std::string>& list) {
    return json(list).dump();
}

template <typename E> std::string enumText(E e) {
    return std::string(protocol::toString(e));
}

} // namespace

// ---- Statement ----------------------------------------------------------------------------------

Statement::Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK) {
        qCCritical(lcStorage, "prepare failed: %s -- %s", sqlite3_errmsg(db), sql);
        m_stmt = nullptr;
    }
}
Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}
Statement& Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    return *this;
}
Statement& Statement::bind(int i, std::int64_t v) {
    sqlite3_bind_int64(m_stmt, i, v);
    return *this;
}
Statement& Statement::bind(int i, double v) {
    sqlite3_bind_double(m_stmt, i, v);
    return *this;
}
Statement& Statement::bind(int i, const std::string& v) {
    sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
    sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::bindNull(int i) {
    sqlite3_bind_null(m_stmt, i);
    return *this;
}
int Statement::step() {
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

// ---- opening and migrations ---------------------------------------------------------------------

Result<std::shared_ptr<SyncStore>> openSqliteStore(const std::string& path) {
    auto r = SqliteStore::open(path);
    if (!r.ok())
        return r.error();
    return std::shared_ptr<SyncStore>(std::move(r).value());
}

int latestSchemaVersion() {
    return kLatestVersion;
}

Result<std::shared_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
    std::shared_ptr<SqliteStore> store(new SqliteStore);
    store->m_connectionName = QStringLiteral("bridgecore-") + QUuid::createUuid().toString();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), store->m_connectionName);
    db.setDatabaseName(QString::fromStdString(path));
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return Error{ErrorCode::StorageError,
                     "cannot open database " + path + ": " + db.lastError().text().toStdString()};
    QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return Error{ErrorCode::StorageError, "the SQLite driver exposes no native handle"};
    store->m_db = *static_cast<sqlite3* const*>(handle.constData());
    if (!store->m_db)
        return Error{ErrorCode::StorageError, "cannot open database " + path};

    const char* pragmas = path == ":memory:" ? "PRAGMA foreign_keys=ON;"
                                             : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                                               "PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768;";
    if (Status s = store->execScript(pragmas); !s.ok())
        return s.error();
    if (Status s = store->migrate(); !s.ok())
        return s.error();
    return store;
}

SqliteStore::~SqliteStore() {
    m_statements.clear();
    m_db = nullptr;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Status SqliteStore::execScript(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        Error e{ErrorCode::StorageError, err ? err : "unknown SQLite error"};
        sqlite3_free(err);
        return e;
    }
    return {};
}

Status SqliteStore::migrate() {
    Access access(*this);
    Statement version(m_db, "PRAGMA user_version");
    if (version.step() != SQLITE_ROW)
        return lastError("reading the schema version");
    int current = static_cast<int>(version.int64(0));
    if (current > kLatestVersion)
        return Error{ErrorCode::SchemaTooNew,
                     "the database has schema version " + std::to_string(current) +
                         ", newer than this BridgeCore build (" + std::to_string(kLatestVersion) +
                         "); upgrade BridgeCore to open it"};
    for (int v = current; v < kLatestVersion; ++v) {
        if (Status s = execScript("BEGIN IMMEDIATE"); !s.ok())
            return s;
        Status s = execScript(kMigrations[v]);
        if (s.ok())
            s = execScript(("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
        if (!s.ok()) {
            execScript("ROLLBACK").ok();
            return Error{ErrorCode::StorageError, "migration to schema version " +
                                                      std::to_string(v + 1) +
                                                      " failed: " + s.error().message};
        }
        if (Status c = execScript("COMMIT"); !c.ok())
            return c;
        qCInfo(lcStorage, "migrated database to schema version %d", v + 1);
    }
    m_schemaVersion = kLatestVersion;
    return {};
}

Statement& SqliteStore::stmt(const char* sql) {
    auto it = m_statements.find(sql);
    if (it == m_statements.end())
        it = m_statements.emplace(sql, std::make_unique<Statement>(m_db, sql)).first;
    m_used.push_back(it->second.get());
    return it->second->reset();
}

SqliteStore::Access::Access(SqliteStore& store)
    : m_store(store) {
    m_store.m_mutex.lock();
    ++m_store.m_depth;
}

SqliteStore::Access::~Access() {
    // Statements are reset when the outermost call returns, so no read cursor outlives it.
    if (--m_store.m_depth == 0) {
        for (Statement* s : m_store.m_used)
            s->reset();
        m_store.m_used.clear();
    }
    m_store.m_mutex.unlock();
}

Error SqliteStore::lastError(const char* what) const {
    return Error{ErrorCode::StorageError, std::string(what) + ": " + sqlite3_errmsg(m_db)};
}

// Transactions nest: the outermost is BEGIN IMMEDIATE, inner ones are savepoints.
Status SqliteStore::begin() {
    m_mutex.lock();
    if (m_txDepth == 0)
        clearSequences();
    const std::string sql = m_txDepth == 0 ? std::string("BEGIN IMMEDIATE")
                                           : "SAVEPOINT sp" + std::to_string(m_txDepth);
    Status s = execScript(sql.c_str());
    if (!s.ok()) {
        m_mutex.unlock();
        return s;
    }
    ++m_txDepth;
    return s;
}
Status SqliteStore::commit() {
    --m_txDepth;
    const std::string sql =
        m_txDepth == 0 ? std::string("COMMIT") : "RELEASE sp" + std::to_string(m_txDepth);
    Status s = execScript(sql.c_str());
    if (!s.ok()) {
        const std::string undo = m_txDepth == 0 ? std::string("ROLLBACK")
                                                : "ROLLBACK TO sp" + std::to_string(m_txDepth) +
                                                      "; RELEASE sp" + std::to_string(m_txDepth);
        execScript(undo.c_str()).ok();
    }
    m_mutex.unlock();
    return s;
}
void SqliteStore::rollback() {
    --m_txDepth;
    clearSequences();
    const std::string sql = m_txDepth == 0 ? std::string("ROLLBACK")
                                           : "ROLLBACK TO sp" + std::to_string(m_txDepth) +
                                                 "; RELEASE sp" + std::to_string(m_txDepth);
    execScript(sql.c_str()).ok();
    m_mutex.unlock();
}

void SqliteStore::clearSequences() {
    m_nextRecordId.clear();
    m_nextEventId.clear();
    m_nextSeq.clear();
}

std::int64_t SqliteStore::nextValue(std::map<SequenceKey, std::int64_t>& cache,
                                    const SequenceKey& key, Statement& query) {
    // Inside a write transaction nobody else can allocate, so the value read once is kept.
    if (m_txDepth > 0)
        if (auto it = cache.find(key); it != cache.end())
            return ++it->second;
    const std::int64_t next = query.step() == SQLITE_ROW ? query.int64(0) + 1 : 1;
    if (m_txDepth > 0)
        cache[key] = next;
    return next;
}

int SqliteStore::schemaVersion() {
    return m_schemaVersion;
}

bool SqliteStore::healthy() {
    Access access(*this);
    Statement& q = stmt("SELECT count(*) FROM tenants");
    return q.step() == SQLITE_ROW;
}

// ---- tenants and users --------------------------------------------------------------------------

Result<std::int64_t> SqliteStore::createTenant(const std::string& name) {
    Access access(*this);
    if (name.empty())
        return Error{ErrorCode::ValidationError, "a tenant needs a name"};
    if (tenantByName(name))
        return Error{ErrorCode::ValidationError, "a tenant named '" + name + "' exists already"};
    Transaction tx(*this);
    if (!tx.status().ok())
        return tx.status().error();
    Statement& q = stmt("INSERT INTO tenants(name, created_at) VALUES (?1, ?2)");
    if (!q.bind(1, name).bind(2, wallNow()).exec())
        return lastError("creating the tenant");
    std::int64_t id = sqlite3_last_insert_rowid(m_db);
    for (const auto& [appType, models] : defaultModelMap())
        if (Status s = setAppTypeModels(id, appType, models); !s.ok())
            return s.error();
    if (Status s = tx.commit(); !s.ok())
        return s.error();
    return id;
}

std::optional<Tenant> SqliteStore::tenant(std::int64_t id) {
    Access access(*this);
    Statement& q = stmt("SELECT id, name FROM tenants WHERE id = ?1");
    q.bind(1, id);
    if (q.step() != SQLITE_ROW)
        return std::nullopt;
    return Tenant{q.int64(0), q.text(1)};
}

std::optional<Tenant> SqliteStore::tenantByName(const std::string& name) {
    Access access(*this);
    Statement& q = stmt("SELECT id, name FROM tenants WHERE name = ?1");
    q.bind(1, name);
    if (q.step() != SQLITE_ROW)
        return std::nullopt;
    return Tenant{q.int64(0), q.text(1)};
}

std::vector<Tenant> SqliteStore::tenants() {
    Access access(*this);
    std::vector<Tenant> out;
    Statement& q = stmt("SELECT id, name FROM tenants ORDER BY id");
    while (q.step() == SQLITE_ROW)
        out.push_back(Tenant{q.int64(0), q.text(1)});
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

Result<std::int64_t> SqliteStore::createUser(const User& user) {
    Access access(*this);
    if (!tenant(user.tenant_id))
        return Error{ErrorCode::NotFound, "no such tenant"};
    if (user.email.empty() || user.email.find('@') == std::string::npos)
        return Error{ErrorCode::ValidationError, "'" + user.email + "' is not an email address"};
    if (userByEmail(user.email))
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
        return lastError("creating the user");
    return std::int64_t(sqlite3_last_insert_rowid(m_db));
}

std::optional<User> SqliteStore::user(std::int64_t id) {
    Access access(*this);
    static const std::string sql = std::string(kUserColumns) + "WHERE id = ?1";
    Statement& q = stmt(sql.c_str());
    q.bind(1, id);
    if (q.step() != SQLITE_ROW)
        return std::nullopt;
    return readUser(q);
}

std::optional<User> SqliteStore::userByEmail(const std::string& email) {
    Access access(*this);
    static const std::string sql = std::string(kUserColumns) + "WHERE email = ?1";
    Statement& q = stmt(sql.c_str());
    q.bind(1, email);
    if (q.step() != SQLITE_ROW)
        return std::nullopt;
    return readUser(q);
}

std::vector<User> SqliteStore::users(std::int64_t tenantId) {
    Access access(*this);
    static const std::string sql = std::string(kUserColumns) + "WHERE tenant_id = ?1 ORDER BY id";
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId);
    std::vector<User> out;
    while (q.step() == SQLITE_ROW)
        out.push_back(readUser(q));
    return out;
}

Status SqliteStore::updateUser(const User& user) {
    Access access(*this);
    Statement& q = stmt("UPDATE users SET name = ?3, role = ?4, password_hash = ?5, disabled = ?6, "
                        "token_version = ?7 WHERE id = ?1 AND tenant_id = ?2");
    q.bind(1, user.id)
        .bind(2, user.tenant_id)
        .bind(3, user.name)
        .bind(4, enumText(user.role))
        .bind(5, user.password_hash)
        .bind(6, std::int64_t(user.disabled))
        .bind(7, user.token_version);
    if (!q.exec())
        return lastError("updating the user");
    if (sqlite3_changes(m_db) == 0)
        return Error{ErrorCode::NotFound, "no such user"};
    return {};
}

// ---- model map ----------------------------------------------------------------------------------

ModelMap SqliteStore::modelMap(std::int64_t tenantId) {
    Access access(*this);
    ModelMap map;
    Statement& q = stmt("SELECT app_type, model, priority, category FROM app_type_models "
                        "WHERE tenant_id = ?1 ORDER BY app_type, position");
    q.bind(1, tenantId);
    while (q.step() == SQLITE_ROW) {
        ModelEntry e;
        e.model = q.text(1);
        if (auto p = q.optText(2))
            e.priority = protocol::parseEventPriority(*p);
        e.category = q.text(3);
        map[q.text(0)].push_back(std::move(e));
    }
    return map;
}

Status SqliteStore::setAppTypeModels(std::int64_t tenantId, const std::string& appType,
                                     const std::vector<ModelEntry>& models) {
    Access access(*this);
    Transaction tx(*this);
    if (!tx.status().ok())
        return tx.status();
    Statement& del = stmt("DELETE FROM app_type_models WHERE tenant_id = ?1 AND app_type = ?2");
    if (!del.bind(1, tenantId).bind(2, appType).exec())
        return lastError("replacing the app type's models");
    int position = 0;
    for (const ModelEntry& e : models) {
        Statement& ins = stmt("INSERT OR REPLACE INTO app_type_models(tenant_id, app_type, model, "
                              "priority, category, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        ins.bind(1, tenantId).bind(2, appType).bind(3, e.model);
        if (e.priority)
            ins.bind(4, protocol::toString(*e.priority));
        ins.bind(5, e.category.empty() ? std::string("business") : e.category).bind(6, position++);
        if (!ins.exec())
            return lastError("saving the app type's models");
    }
    return tx.commit();
}

// ---- records ------------------------------------------------------------------------------------

std::optional<RecordRow> SqliteStore::record(std::int64_t tenantId, const std::string& model,
                                             std::int64_t id) {
    Access access(*this);
    Statement& q = stmt("SELECT data, version, write_date, create_date, deleted FROM records "
                        "WHERE tenant_id = ?1 AND model = ?2 AND id = ?3");
    q.bind(1, tenantId).bind(2, model).bind(3, id);
    if (q.step() != SQLITE_ROW)
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

Result<std::int64_t> SqliteStore::insertRecord(std::int64_t tenantId, const RecordRow& row) {
    Access access(*this);
    Statement& last = stmt("SELECT MAX(id) FROM records WHERE tenant_id = ?1 AND model = ?2");
    last.bind(1, tenantId).bind(2, row.model);
    const std::int64_t id = nextValue(m_nextRecordId, {tenantId, row.model, {}}, last);
    Statement& q = stmt("INSERT INTO records(tenant_id, model, id, data, version, create_date, "
                        "write_date, deleted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    q.bind(1, tenantId)
        .bind(2, row.model)
        .bind(3, id)
        .bind(4, row.data_text.empty() ? row.data.dump() : row.data_text)
        .bind(5, row.version)
        .bind(6, row.create_date)
        .bind(7, row.write_date)
        .bind(8, std::int64_t(row.deleted));
    if (!q.exec())
        return lastError("inserting the record");
    return id;
}

Status SqliteStore::updateRecord(std::int64_t tenantId, const RecordRow& row) {
    Access access(*this);
    Statement& q = stmt("UPDATE records SET data = ?4, version = ?5, write_date = ?6, deleted = ?7 "
                        "WHERE tenant_id = ?1 AND model = ?2 AND id = ?3");
    q.bind(1, tenantId)
        .bind(2, row.model)
        .bind(3, row.id)
        .bind(4, row.data_text.empty() ? row.data.dump() : row.data_text)
        .bind(5, row.version)
        .bind(6, row.write_date)
        .bind(7, std::int64_t(row.deleted));
    if (!q.exec())
        return lastError("updating the record");
    if (sqlite3_changes(m_db) != 1)
        return Error{ErrorCode::RecordNotFound, "no such record"};
    return {};
}

std::int64_t SqliteStore::countRecords(std::int64_t tenantId, const std::string& model) {
    Access access(*this);
    Statement& q = stmt("SELECT count(*) FROM records WHERE tenant_id = ?1 AND model = ?2 "
                        "AND deleted = 0");
    q.bind(1, tenantId).bind(2, model);
    return q.step() == SQLITE_ROW ? q.int64(0) : 0;
}

std::vector<RecordRow> SqliteStore::records(std::int64_t tenantId, const std::string& model,
                                            int limit, int offset) {
    Access access(*this);
    Statement& q = stmt("SELECT id, data, version, write_date, create_date FROM records "
                        "WHERE tenant_id = ?1 AND model = ?2 AND deleted = 0 "
                        "ORDER BY id LIMIT ?3 OFFSET ?4");
    q.bind(1, tenantId).bind(2, model).bind(3, limit).bind(4, offset);
    std::vector<RecordRow> out;
    while (q.step() == SQLITE_ROW) {
        RecordRow r;
        r.id = q.int64(0);
        r.model = model;
        r.data = parseJsonOr(q.text(1), json::object());
        r.version = q.int64(2);
        r.write_date = q.int64(3);
        r.create_date = q.int64(4);
        out.push_back(std::move(r));
    }
    return out;
}

// ---- events -------------------------------------------------------------------------------------

Result<std::int64_t> SqliteStore::appendEvent(std::int64_t tenantId, const EventRow& row) {
    Access access(*this);
    Statement& head = stmt("SELECT MAX(event_id) FROM events WHERE tenant_id = ?1");
    head.bind(1, tenantId);
    const std::int64_t id = nextValue(m_nextEventId, {tenantId, {}, {}}, head);
    const std::string priority(protocol::toString(row.priority));
    Statement& last = stmt("SELECT seq FROM events WHERE tenant_id = ?1 AND model = ?2 AND "
                           "priority = ?3 ORDER BY event_id DESC LIMIT 1");
    last.bind(1, tenantId).bind(2, row.model).bind(3, priority);
    const std::int64_t seq = nextValue(m_nextSeq, {tenantId, row.model, priority}, last);
    Statement& q =
        stmt("INSERT INTO events(tenant_id, event_id, model, record_id, action, "
             "timestamp, data, changed_fields, priority, category, user_id, device_id, "
             "local_id, version, seq) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    q.bind(1, tenantId)
        .bind(2, id)
        .bind(3, row.model)
        .bind(4, row.record_id)
        .bind(5, protocol::toString(row.action))
        .bind(6, row.timestamp)
        .bind(7, row.data_text.empty() ? std::string("null") : row.data_text)
        .bind(8, toJsonText(row.changed_fields))
        .bind(9, priority)
        .bind(10, row.category)
        .bind(11, row.user_id);
    if (!row.device_id.empty())
        q.bind(12, row.device_id);
    if (!row.local_id.empty())
        q.bind(13, row.local_id);
    q.bind(14, row.version).bind(15, seq);
    if (!q.exec())
        return lastError("appending the event");
    return id;
}

std::int64_t SqliteStore::headEventId(std::int64_t tenantId) {
    Access access(*this);
    Statement& q = stmt("SELECT COALESCE(MAX(event_id), 0) FROM events WHERE tenant_id = ?1");
    q.bind(1, tenantId);
    return q.step() == SQLITE_ROW ? q.int64(0) : 0;
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

std::vector<EventRow> SqliteStore::recordEvents(std::int64_t tenantId, const std::string& model,
                                                std::int64_t recordId, std::int64_t fromVersion,
                                                std::int64_t toVersion) {
    Access access(*this);
    static const std::string sql =
        std::string(kEventColumns) +
        "WHERE tenant_id = ?1 AND model = ?2 AND record_id = ?3 AND version > ?4 AND version <= ?5 "
        "ORDER BY version";
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId).bind(2, model).bind(3, recordId).bind(4, fromVersion).bind(5, toVersion);
    std::vector<EventRow> out;
    while (q.step() == SQLITE_ROW)
        out.push_back(readEvent(q, true));
    return out;
}

std::vector<EventRow> SqliteStore::recordEventsAfter(std::int64_t tenantId,
                                                     const std::string& model,
                                                     std::int64_t recordId, Millis after) {
    Access access(*this);
    static const std::string sql =
        std::string(kEventColumns) +
        "WHERE tenant_id = ?1 AND model = ?2 AND record_id = ?3 AND timestamp > ?4 "
        "ORDER BY version";
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId).bind(2, model).bind(3, recordId).bind(4, after);
    std::vector<EventRow> out;
    while (q.step() == SQLITE_ROW)
        out.push_back(readEvent(q, true));
    return out;
}

json SqliteStore::recordAtVersion(std::int64_t tenantId, const std::string& model,
                                  std::int64_t recordId, std::int64_t version) {
    Access access(*this);
    Statement& q = stmt("SELECT data FROM events WHERE tenant_id = ?1 AND model = ?2 AND "
                        "record_id = ?3 AND version = ?4 LIMIT 1");
    q.bind(1, tenantId).bind(2, model).bind(3, recordId).bind(4, version);
    if (q.step() != SQLITE_ROW)
        return nullptr;
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

std::vector<EventRow> SqliteStore::events(std::int64_t tenantId, const EventFilter& filter,
                                          bool withPayload) {
    Access access(*this);
    static const std::string asc =
        std::string(kEventColumns) + kEventWhere + "ORDER BY event_id ASC LIMIT ?7 OFFSET ?8";
    static const std::string desc =
        std::string(kEventColumns) + kEventWhere + "ORDER BY event_id DESC LIMIT ?7 OFFSET ?8";
    Statement& q = stmt(filter.descending ? desc.c_str() : asc.c_str());
    bindEventFilter(q, tenantId, filter);
    q.bind(7, filter.limit).bind(8, filter.offset);
    std::vector<EventRow> out;
    out.reserve(static_cast<std::size_t>(std::max(0, std::min(filter.limit, 1000))));
    while (q.step() == SQLITE_ROW)
        out.push_back(readEvent(q, withPayload));
    return out;
}

std::int64_t SqliteStore::countEvents(std::int64_t tenantId, const EventFilter& filter) {
    Access access(*this);
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
                    if (q.step() == SQLITE_ROW)
                        seqs[k] = q.int64(0);
                }
                total += seqs[0] - seqs[1];
            }
        return total;
    }
    static const std::string sql = std::string("SELECT count(*) FROM events ") + kEventWhere;
    Statement& q = stmt(sql.c_str());
    bindEventFilter(q, tenantId, filter);
    return q.step() == SQLITE_ROW ? q.int64(0) : 0;
}

// ---- exactly-once ledger ------------------------------------------------------------------------

std::vector<LedgerEntry> SqliteStore::ledger(std::int64_t tenantId, const std::string& deviceId,
                                             const std::vector<std::string>& localIds) {
    Access access(*this);
    std::vector<LedgerEntry> out;
    if (localIds.empty())
        return out;
    Statement& q = stmt("SELECT local_id, content_hash, model, server_id, created, result "
                        "FROM push_ledger WHERE tenant_id = ?1 AND device_id = ?2 "
                        "AND local_id IN (SELECT value FROM json_each(?3))");
    q.bind(1, tenantId).bind(2, deviceId).bind(3, toJsonText(localIds));
    while (q.step() == SQLITE_ROW)
        out.push_back(LedgerEntry{q.text(0), q.text(1), q.text(2), q.optInt64(3), q.int64(4) != 0,
                                  q.text(5)});
    return out;
}

Status SqliteStore::remember(std::int64_t tenantId, const std::string& deviceId,
                             const LedgerEntry& e, Millis at) {
    Access access(*this);
    Statement& q = stmt("INSERT INTO push_ledger(tenant_id, device_id, local_id, content_hash, "
                        "model, server_id, created, result, at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    q.bind(1, tenantId)
        .bind(2, deviceId)
        .bind(3, e.local_id)
        .bind(4, e.content_hash)
        .bind(5, e.model)
        .bind(6, e.server_id)
        .bind(7, std::int64_t(e.created))
        .bind(8, e.result_json)
        .bind(9, at);
    if (!q.exec())
        return lastError("remembering the change");
    return {};
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

std::optional<DeviceRow> SqliteStore::device(std::int64_t tenantId, const std::string& deviceId) {
    Access access(*this);
    static const std::string sql =
        std::string(kDeviceColumns) + "WHERE d.tenant_id = ?1 AND d.device_id = ?2";
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId).bind(2, deviceId);
    if (q.step() != SQLITE_ROW)
        return std::nullopt;
    return readDevice(q);
}

Status SqliteStore::saveDevice(std::int64_t tenantId, const DeviceRow& d) {
    Access access(*this);
    Statement& q = stmt(
        "INSERT OR REPLACE INTO devices(tenant_id, device_id, user_id, app_type, last_event_id, "
        "last_sync_time, last_push_time, last_pull_time, total_syncs, total_events_synced, "
        "app_version, pending_changes, oldest_pending_at, last_error, clock_skew_ms, "
        "total_pushes, total_pulls, changes_pushed, changes_succeeded, changes_failed, "
        "changes_conflicted, push_ms_total, pull_ms_total, bytes_in, bytes_out, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
        "?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)");
    q.bind(1, tenantId)
        .bind(2, d.device_id)
        .bind(3, d.user_id)
        .bind(4, d.app_type)
        .bind(5, d.last_event_id)
        .bind(6, d.last_sync_time)
        .bind(7, d.last_push_time)
        .bind(8, d.last_pull_time)
        .bind(9, d.total_syncs)
        .bind(10, d.total_events_synced)
        .bind(11, d.app_version)
        .bind(12, d.pending_changes)
        .bind(13, d.oldest_pending_at)
        .bind(14, d.last_error)
        .bind(15, d.clock_skew_ms)
        .bind(16, d.total_pushes)
        .bind(17, d.total_pulls)
        .bind(18, d.changes_pushed)
        .bind(19, d.changes_succeeded)
        .bind(20, d.changes_failed)
        .bind(21, d.changes_conflicted)
        .bind(22, d.push_ms_total)
        .bind(23, d.pull_ms_total)
        .bind(24, d.bytes_in)
        .bind(25, d.bytes_out)
        .bind(26, d.created_at ? d.created_at : wallNow());
    if (!q.exec())
        return lastError("saving the device state");
    return {};
}

std::vector<DeviceRow> SqliteStore::devices(std::int64_t tenantId, std::int64_t userId, int limit,
                                            int offset, const std::string& search) {
    Access access(*this);
    static const std::string sql =
        std::string(kDeviceColumns) + kDeviceWhere + "ORDER BY d.device_id LIMIT ?4 OFFSET ?5";
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId).bind(2, userId).bind(3, search).bind(4, limit).bind(5, offset);
    std::vector<DeviceRow> out;
    while (q.step() == SQLITE_ROW)
        out.push_back(readDevice(q));
    return out;
}

std::int64_t SqliteStore::countDevices(std::int64_t tenantId, std::int64_t userId,
                                       const std::string& search) {
    Access access(*this);
    static const std::string sql = std::string("SELECT count(*) FROM devices d ") + kDeviceWhere;
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId).bind(2, userId).bind(3, search);
    return q.step() == SQLITE_ROW ? q.int64(0) : 0;
}

std::int64_t SqliteStore::countStaleDevices(std::int64_t tenantId, Millis syncedBefore) {
    Access access(*this);
    Statement& q = stmt("SELECT count(*) FROM devices WHERE tenant_id = ?1 AND "
                        "(last_sync_time IS NULL OR last_sync_time < ?2)");
    q.bind(1, tenantId).bind(2, syncedBefore);
    return q.step() == SQLITE_ROW ? q.int64(0) : 0;
}

std::int64_t SqliteStore::sumPendingChanges(std::int64_t tenantId) {
    Access access(*this);
    Statement& q =
        stmt("SELECT COALESCE(SUM(pending_changes), 0) FROM devices WHERE tenant_id = ?1");
    q.bind(1, tenantId);
    return q.step() == SQLITE_ROW ? q.int64(0) : 0;
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

Result<std::int64_t> SqliteStore::insertConflict(std::int64_t tenantId, const ConflictRow& row) {
    Access access(*this);
    Statement& next = stmt("SELECT COALESCE(MAX(conflict_id), 0) + 1 FROM conflicts "
                           "WHERE tenant_id = ?1");
    next.bind(1, tenantId);
    if (next.step() != SQLITE_ROW)
        return lastError("allocating a conflict id");
    ConflictRow c = row;
    c.conflict_id = next.int64(0);
    static const std::string sql = std::string("INSERT INTO conflicts ") + kConflictValues;
    Statement& q = stmt(sql.c_str());
    bindConflict(q, tenantId, c);
    if (!q.exec())
        return lastError("storing the conflict");
    return c.conflict_id;
}

Status SqliteStore::updateConflict(std::int64_t tenantId, const ConflictRow& row) {
    Access access(*this);
    static const std::string sql =
        std::string("INSERT OR REPLACE INTO conflicts ") + kConflictValues;
    Statement& q = stmt(sql.c_str());
    bindConflict(q, tenantId, row);
    if (!q.exec())
        return lastError("updating the conflict");
    return {};
}

std::optional<ConflictRow> SqliteStore::conflict(std::int64_t tenantId, std::int64_t conflictId) {
    Access access(*this);
    static const std::string sql =
        std::string(kConflictColumns) + "WHERE tenant_id = ?1 AND conflict_id = ?2";
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId).bind(2, conflictId);
    if (q.step() != SQLITE_ROW)
        return std::nullopt;
    return readConflict(q);
}

std::optional<ConflictRow> SqliteStore::openConflict(std::int64_t tenantId,
                                                     const std::string& deviceId,
                                                     const std::string& localId) {
    Access access(*this);
    static const std::string sql =
        std::string(kConflictColumns) +
        "WHERE tenant_id = ?1 AND device_id = ?2 AND local_id = ?3 AND open = 1 "
        "ORDER BY conflict_id DESC LIMIT 1";
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId).bind(2, deviceId).bind(3, localId);
    if (q.step() != SQLITE_ROW)
        return std::nullopt;
    return readConflict(q);
}

namespace {
constexpr const char* kConflictWhere =
    "WHERE tenant_id = ?1 AND (?2 = 0 OR user_id = ?2) AND "
    "(?3 = '' OR (?3 = 'open' AND open = 1) OR (?3 = 'resolved' AND open = 0)) AND "
    "(?4 = '' OR device_id = ?4) ";
}

std::vector<ConflictRow> SqliteStore::conflicts(std::int64_t tenantId, std::int64_t userId,
                                                const std::string& status, int limit, int offset) {
    Access access(*this);
    static const std::string sql = std::string(kConflictColumns) + kConflictWhere +
                                   "ORDER BY conflict_id DESC LIMIT ?5 OFFSET ?6";
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId).bind(2, userId).bind(3, status).bind(4, "").bind(5, limit).bind(6, offset);
    std::vector<ConflictRow> out;
    while (q.step() == SQLITE_ROW)
        out.push_back(readConflict(q));
    return out;
}

std::int64_t SqliteStore::countConflicts(std::int64_t tenantId, std::int64_t userId,
                                         const std::string& status, const std::string& deviceId) {
    Access access(*this);
    static const std::string sql = std::string("SELECT count(*) FROM conflicts ") + kConflictWhere;
    Statement& q = stmt(sql.c_str());
    q.bind(1, tenantId).bind(2, userId).bind(3, status).bind(4, deviceId);
    return q.step() == SQLITE_ROW ? q.int64(0) : 0;
}

// ---- metrics ------------------------------------------------------------------------------------

Status SqliteStore::addMetrics(std::int64_t tenantId, Millis bucketStart, const MetricDelta& d) {
    Access access(*this);
    json samples = json::array();
    Statement& read = stmt("SELECT push_ms_samples FROM metric_buckets "
                           "WHERE tenant_id = ?1 AND bucket_start = ?2");
    read.bind(1, tenantId).bind(2, bucketStart);
    if (read.step() == SQLITE_ROW)
        samples = parseJsonOr(read.text(0), json::array());
    if (d.pushes > 0 && samples.size() < kMaxLatencySamples)
        samples.push_back(d.push_ms);
    Statement& q =
        stmt("INSERT INTO metric_buckets(tenant_id, bucket_start, pushes, changes_pushed, pulls, "
             "events_pulled, conflicts, failures, push_ms_sum, push_ms_samples) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
             "ON CONFLICT(tenant_id, bucket_start) DO UPDATE SET pushes = pushes + ?3, "
             "changes_pushed = changes_pushed + ?4, pulls = pulls + ?5, "
             "events_pulled = events_pulled + ?6, conflicts = conflicts + ?7, "
             "failures = failures + ?8, push_ms_sum = push_ms_sum + ?9, push_ms_samples = ?10");
    q.bind(1, tenantId)
        .bind(2, bucketStart)
        .bind(3, d.pushes)
        .bind(4, d.changes_pushed)
        .bind(5, d.pulls)
        .bind(6, d.events_pulled)
        .bind(7, d.conflicts)
        .bind(8, d.failures)
        .bind(9, d.pushes > 0 ? d.push_ms : 0.0)
        .bind(10, samples.dump());
    if (!q.exec())
        return lastError("recording metrics");
    return {};
}

std::vector<MetricBucket> SqliteStore::metricBuckets(std::int64_t tenantId, Millis from,
                                                     Millis to) {
    Access access(*this);
    Statement& q = stmt("SELECT bucket_start, pushes, changes_pushed, pulls, events_pulled, "
                        "conflicts, failures, push_ms_sum, push_ms_samples FROM metric_buckets "
                        "WHERE tenant_id = ?1 AND bucket_start >= ?2 AND bucket_start <= ?3 "
                        "ORDER BY bucket_start");
    q.bind(1, tenantId).bind(2, from).bind(3, to);
    std::vector<MetricBucket> out;
    while (q.step() == SQLITE_ROW) {
        MetricBucket b;
        b.bucket_start = q.int64(0);
        b.pushes = q.int64(1);
        b.changes_pushed = q.int64(2);
        b.pulls = q.int64(3);
        b.events_pulled = q.int64(4);
        b.conflicts = q.int64(5);
        b.failures = q.int64(6);
        b.push_ms_sum = q.real(7);
        json s = parseJsonOr(q.text(8), json::array());
        for (const auto& v : s)
            if (v.is_number())
                b.push_ms_samples.push_back(v.get<double>());
        out.push_back(std::move(b));
    }
    return out;
}

} // namespace bridgecore::storage
