#include "client/ClientCache.h"

#include "storage/SyncStore.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QUrl>
#include <QUuid>
#include <QVariant>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace bridgecore::client {

using protocol::Action;

namespace {

// ---- small native SQLite layer (prepared statements reused on every path) --------------------

struct DbError : std::runtime_error {
    DbError(ErrorCode c, const std::string& m)
        : std::runtime_error(m)
        , code(c) {}
    ErrorCode code;
};

[[noreturn]] void fail(ErrorCode code, const std::string& message) {
    throw DbError(code, message);
}

/// A damaged cache file, named, with the way out.
std::string damagedMessage(const std::string& path, const std::string& reason) {
    return "client cache '" + path + "' is damaged (" + reason +
           "); it was left untouched. Salvage its queued changes with: bridgecore-sync recover "
           "--cache " +
           path + " --out FILE, then run import-outbox FILE on a new cache";
}

/// The message of a failed SQLite call.
std::string dbMessage(sqlite3* db, int rc) {
    const int primary = rc & 0xff;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
        const char* file = sqlite3_db_filename(db, "main");
        return damagedMessage(file && *file ? file : "(unknown file)", sqlite3_errstr(rc));
    }
    return std::string("client cache: ") + sqlite3_errmsg(db);
}

class Stmt {
public:
    Stmt(sqlite3* db, sqlite3_stmt* s)
        : m_db(db)
        , m_s(s) {}
    // Reset when done so no read transaction stays open (it would block other processes'
    // checkpoints and make this connection's next write fail with a stale snapshot).
    ~Stmt() {
        if (m_s)
            sqlite3_reset(m_s);
    }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    Stmt(Stmt&& o) noexcept
        : m_db(o.m_db)
        , m_s(o.m_s) {
        o.m_s = nullptr;
    }
    Stmt& bind(int i, std::int64_t v) {
        sqlite3_bind_int64(m_s, i, v);
        return *this;
    }
    Stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Stmt& bind(int i, const std::string& v) {
        sqlite3_bind_text(m_s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Stmt& bind(int i, const char* v) { return bind(i, std::string(v)); }
    Stmt& bind(int i, std::string_view v) { return bind(i, std::string(v)); }
    Stmt& bindNull(int i) {
        sqlite3_bind_null(m_s, i);
        return *this;
    }
    Stmt& bind(int i, const std::optional<std::int64_t>& v) {
        return v ? bind(i, *v) : bindNull(i);
    }
    Stmt& bind(int i, const std::optional<std::string>& v) { return v ? bind(i, *v) : bindNull(i); }
    /// true: a row is available; false: done.
    bool step() {
        const int rc = sqlite3_step(m_s);
        if (rc == SQLITE_ROW)
            return true;
        if (rc == SQLITE_DONE)
            return false;
        fail(ErrorCode::StorageError, dbMessage(m_db, rc));
    }
    void run() {
        while (step()) {
        }
    }
    bool isNull(int c) const { return sqlite3_column_type(m_s, c) == SQLITE_NULL; }
    std::int64_t i64(int c) const { return sqlite3_column_int64(m_s, c); }
    std::optional<std::int64_t> optI64(int c) const {
        return isNull(c) ? std::nullopt : std::optional<std::int64_t>(i64(c));
    }
    std::string text(int c) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_s, c));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_s, c)))
                 : std::string();
    }
    json jsonCol(int c) const {
        if (isNull(c))
            return nullptr;
        return json::parse(text(c), nullptr, false);
    }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_s;
};

std::string dump(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

/// The text of an object without its "id" member (pulled data), without copying the tree.
std::string dumpWithoutId(const json& data) {
    if (!data.is_object())
        return "{}";
    std::string out = "{";
    for (auto it = data.begin(); it != data.end(); ++it) {
        if (it.key() == "id")
            continue;
        if (out.size() > 1)
            out += ',';
        out += json(it.key()).dump(-1, ' ', false, json::error_handler_t::replace);
        out += ':';
        out += it.value().dump(-1, ' ', false, json::error_handler_t::replace);
    }
    out += '}';
    return out;
}

json stripId(const json& data) {
    if (!data.is_object())
        return json::object();
    json out = data;
    out.erase("id");
    return out;
}

std::vector<std::string> keysOf(const json& data) {
    std::vector<std::string> out;
    if (data.is_object())
        for (auto it = data.begin(); it != data.end(); ++it)
            out.push_back(it.key());
    return out;
}

json toJsonArray(const std::vector<std::string>& v) {
    return json(v);
}

std::vector<std::string> stringsOf(const json& j) {
    std::vector<std::string> out;
    if (j.is_array())
        for (const auto& e : j)
            if (e.is_string())
                out.push_back(e.get<std::string>());
    return out;
}

void overlay(json& target, const json& patch) {
    if (!target.is_object())
        target = json::object();
    if (patch.is_object())
        for (auto it = patch.begin(); it != patch.end(); ++it)
            target[it.key()] = it.value();
}

Action actionOf(const std::string& s) {
    return protocol::parseAction(s).value_or(Action::Update);
}

// Migrations: entry i brings the schema from version i to i + 1.
const std::vector<const char*>& migrations() {
    static const std::vector<const char*> list = {
        // 1: first schema
        R"sql(
CREATE TABLE records(
    id INTEGER PRIMARY KEY,
    model TEXT NOT NULL,
    server_id INTEGER,
    local_id TEXT,
    data TEXT NOT NULL,
    server_data TEXT,
    server_version INTEGER NOT NULL DEFAULT 0,
    local_only INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL);
CREATE UNIQUE INDEX records_server ON records(model, server_id);
CREATE UNIQUE INDEX records_local ON records(local_id) WHERE local_id IS NOT NULL;
CREATE TABLE outbox(
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    local_id TEXT NOT NULL UNIQUE,
    action TEXT NOT NULL,
    model TEXT NOT NULL,
    record_row INTEGER,
    record_server_id INTEGER,
    record_local_id TEXT,
    data TEXT NOT NULL,
    fields_changed TEXT NOT NULL,
    base_version INTEGER,
    local_timestamp INTEGER NOT NULL,
    priority INTEGER NOT NULL,
    dependencies TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    error_code TEXT,
    sent_json TEXT,
    server_id INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL);
CREATE INDEX outbox_status ON outbox(status, seq);
CREATE INDEX outbox_record ON outbox(record_row);
CREATE TABLE id_map(
    local_id TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    server_id INTEGER NOT NULL);
CREATE TABLE conflicts(
    id INTEGER PRIMARY KEY,
    conflict_id INTEGER,
    local_id TEXT NOT NULL,
    model TEXT NOT NULL,
    record_id INTEGER,
    action TEXT NOT NULL,
    open INTEGER NOT NULL,
    info TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    resolved_at INTEGER);
CREATE INDEX conflicts_local ON conflicts(local_id);
CREATE TABLE sync_state(key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql",
    };
    return list;
}

QAtomicInteger<quint64> g_connectionCounter;

} // namespace

std::string_view toString(OutboxStatus status) {
    switch (status) {
    case OutboxStatus::Pending:
        return "pending";
    case OutboxStatus::InFlight:
        return "in_flight";
    case OutboxStatus::Synced:
        return "synced";
    case OutboxStatus::Failed:
        return "failed";
    case OutboxStatus::Conflict:
        return "conflict";
    }
    return "pending";
}

std::optional<OutboxStatus> parseOutboxStatus(std::string_view text) {
    for (auto s : {OutboxStatus::Pending, OutboxStatus::InFlight, OutboxStatus::Synced,
                   OutboxStatus::Failed, OutboxStatus::Conflict})
        if (toString(s) == text)
            return s;
    return std::nullopt;
}

protocol::RecordRef CachedRecord::ref() const {
    if (server_id)
        return *server_id;
    if (!local_id.empty())
        return local_id;
    return std::monostate{};
}

namespace {
json refToJson(const protocol::RecordRef& ref) {
    if (const auto* i = std::get_if<std::int64_t>(&ref))
        return *i;
    if (const auto* s = std::get_if<std::string>(&ref))
        return *s;
    return nullptr;
}
} // namespace

json toJson(const OutboxEntry& e) {
    json j = {{"seq", e.seq},
              {"local_id", e.local_id},
              {"action", std::string(protocol::toString(e.action))},
              {"model", e.model},
              {"record_id", refToJson(e.record_ref)},
              {"data", e.data},
              {"fields_changed", e.fields_changed},
              {"base_version", e.base_version ? json(*e.base_version) : json(nullptr)},
              {"local_timestamp", protocol::formatTime(e.local_timestamp)},
              {"priority", e.priority},
              {"dependencies", e.dependencies},
              {"status", std::string(toString(e.status))},
              {"attempts", e.attempts},
              {"last_error", e.last_error.empty() ? json(nullptr) : json(e.last_error)},
              {"error_code", e.error_code.empty() ? json(nullptr) : json(e.error_code)},
              {"server_id", e.server_id ? json(*e.server_id) : json(nullptr)},
              {"created_at", protocol::formatTime(e.created_at)},
              {"updated_at", protocol::formatTime(e.updated_at)}};
    return j;
}

json toRecoveryJson(const OutboxEntry& e, const std::string& sentJson) {
    json j = {{"seq", e.seq},
              {"local_id", e.local_id},
              {"action", protocol::toString(e.action)},
              {"model", e.model},
              {"record_ref", refToJson(e.record_ref)},
              {"data", e.data},
              {"fields_changed", e.fields_changed},
              {"base_version", e.base_version ? json(*e.base_version) : json(nullptr)},
              {"local_timestamp", e.local_timestamp},
              {"priority", e.priority},
              {"dependencies", e.dependencies},
              {"status", toString(e.status)},
              {"attempts", e.attempts},
              {"created_at", e.created_at}};
    if (!sentJson.empty())
        j["sent_json"] = sentJson;
    return j;
}

json toJson(const LocalConflict& c) {
    json j = {
        {"local_id", c.local_id},
        {"model", c.model},
        {"record_id", c.record_id ? json(*c.record_id) : json(nullptr)},
        {"action", std::string(protocol::toString(c.action))},
        {"status", c.open ? "open" : "resolved"},
        {"created_at", protocol::formatTime(c.created_at)},
        {"resolved_at", c.resolved_at ? json(protocol::formatTime(*c.resolved_at)) : json(nullptr)},
        {"conflict_info", protocol::toJson(c.info)}};
    return j;
}

// ---- Impl -----------------------------------------------------------------------------------

struct ClientCache::Impl {
    QString connectionName;
    sqlite3* db = nullptr;
    std::unordered_map<const char*, sqlite3_stmt*> stmts;
    int txDepth = 0;
    std::function<void()> pullHook;
    std::vector<std::string> allowedCache;
    bool allowedLoaded = false;
    const Clock* clock = nullptr;

    ~Impl() {
        for (auto& [k, s] : stmts)
            sqlite3_finalize(s);
        stmts.clear();
        if (!connectionName.isEmpty()) {
            {
                QSqlDatabase conn = QSqlDatabase::database(connectionName, false);
                conn.close();
            }
            QSqlDatabase::removeDatabase(connectionName);
        }
    }

    Millis now() const { return clock->now(); }

    void exec(const char* sql) {
        char* err = nullptr;
        if (const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err); rc != SQLITE_OK) {
            std::string msg = err ? err : "unknown error";
            sqlite3_free(err);
            const int primary = rc & 0xff;
            fail(ErrorCode::StorageError, primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB
                                              ? dbMessage(db, rc)
                                              : "client cache: " + msg);
        }
    }

    /// A cached prepared statement for the literal `sql`, reset and unbound.
    Stmt q(const char* sql) {
        auto it = stmts.find(sql);
        sqlite3_stmt* s = nullptr;
        if (it == stmts.end()) {
            if (const int rc =
                    sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr);
                rc != SQLITE_OK)
                fail(ErrorCode::StorageError,
                     (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB
                         ? dbMessage(db, rc)
                         : std::string("client cache: prepare failed: ") + sqlite3_errmsg(db));
            stmts.emplace(sql, s);
        } else {
            s = it->second;
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
        }
        return Stmt(db, s);
    }

    // ---- transactions (nested calls join the outer one) ----
    void begin() {
        if (txDepth++ == 0)
            exec("BEGIN IMMEDIATE");
    }
    void commit() {
        if (--txDepth == 0)
            exec("COMMIT");
    }
    void rollback() {
        if (--txDepth == 0)
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    }

    // ---- state ----
    std::optional<std::string> state(const std::string& key) {
        auto s = q("SELECT value FROM sync_state WHERE key = ?");
        s.bind(1, key);
        if (s.step())
            return s.text(0);
        return std::nullopt;
    }
    void setState(const std::string& key, const std::string& value) {
        if (value.empty()) {
            q("DELETE FROM sync_state WHERE key = ?").bind(1, key).run();
            return;
        }
        auto s = q("INSERT INTO sync_state(key, value) VALUES(?, ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        s.bind(1, key).bind(2, value).run();
    }

    const std::vector<std::string>& allowed() {
        if (!allowedLoaded) {
            allowedCache.clear();
            if (auto explicitModels = state("allowed_models")) {
                allowedCache = stringsOf(json::parse(*explicitModels, nullptr, false));
            } else if (auto type = state("app_type")) {
                const auto& map = storage::defaultModelMap();
                if (auto it = map.find(*type); it != map.end())
                    for (const auto& e : it->second)
                        allowedCache.push_back(e.model);
            }
            allowedLoaded = true;
        }
        return allowedCache;
    }

    void checkModel(const std::string& model) {
        if (model.empty())
            fail(ErrorCode::ValidationError, "model is empty");
        const auto& models = allowed();
        if (models.empty())
            fail(ErrorCode::UnknownModel,
                 "no app type is set for this cache; cannot edit model '" + model + "'");
        if (std::find(models.begin(), models.end(), model) == models.end())
            fail(ErrorCode::UnknownModel, "model '" + model + "' is not part of app type '" +
                                              state("app_type").value_or("") + "'");
    }

    // ---- records ----
    struct Row {
        std::int64_t row = 0;
        std::string model;
        std::optional<std::int64_t> server_id;
        std::string local_id;
        json data;
        json server_data;
        std::int64_t version = 0;
        bool local_only = false;
        bool deleted = false;
    };

    static constexpr const char* kRowCols =
        "id, model, server_id, local_id, data, server_data, server_version, local_only, deleted";

    static Row readRow(const Stmt& s) {
        Row r;
        r.row = s.i64(0);
        r.model = s.text(1);
        r.server_id = s.optI64(2);
        r.local_id = s.isNull(3) ? std::string() : s.text(3);
        r.data = s.jsonCol(4);
        if (!r.data.is_object())
            r.data = json::object();
        r.server_data = s.jsonCol(5);
        r.version = s.i64(6);
        r.local_only = s.i64(7) != 0;
        r.deleted = s.i64(8) != 0;
        return r;
    }

    std::optional<Row> rowById(std::int64_t row) {
        auto s = q("SELECT id, model, server_id, local_id, data, server_data, server_version, "
                   "local_only, deleted FROM records WHERE id = ?");
        s.bind(1, row);
        if (s.step())
            return readRow(s);
        return std::nullopt;
    }
    std::optional<Row> rowByServerId(const std::string& model, std::int64_t id) {
        auto s = q("SELECT id, model, server_id, local_id, data, server_data, server_version, "
                   "local_only, deleted FROM records WHERE model = ? AND server_id = ?");
        s.bind(1, model).bind(2, id);
        if (s.step())
            return readRow(s);
        return std::nullopt;
    }
    std::optional<Row> rowByLocalId(const std::string& localId) {
        auto s = q("SELECT id, model, server_id, local_id, data, server_data, server_version, "
                   "local_only, deleted FROM records WHERE local_id = ?");
        s.bind(1, localId);
        if (s.step())
            return readRow(s);
        return std::nullopt;
    }
    std::optional<std::int64_t> mapped(const std::string& localId) {
        auto s = q("SELECT server_id FROM id_map WHERE local_id = ?");
        s.bind(1, localId);
        if (s.step())
            return s.i64(0);
        return std::nullopt;
    }
    std::optional<Row> find(const std::string& model, const protocol::RecordRef& ref) {
        std::optional<Row> r;
        if (const auto* id = std::get_if<std::int64_t>(&ref)) {
            r = rowByServerId(model, *id);
        } else if (const auto* lid = std::get_if<std::string>(&ref)) {
            r = rowByLocalId(*lid);
            if (!r)
                if (auto sid = mapped(*lid))
                    r = rowByServerId(model, *sid);
            if (!r) {
                // A decimal string is accepted as a server id (CLI arguments).
                bool ok = !lid->empty() && std::all_of(lid->begin(), lid->end(), ::isdigit);
                if (ok && lid->size() < 19)
                    r = rowByServerId(model, std::stoll(*lid));
            }
        }
        if (r && r->model != model)
            return std::nullopt;
        return r;
    }

    void writeRow(const Row& r) {
        auto s = q("UPDATE records SET server_id = ?, local_id = ?, data = ?, server_data = ?, "
                   "server_version = ?, local_only = ?, deleted = ?, updated_at = ? WHERE id = ?");
        s.bind(1, r.server_id);
        if (r.local_id.empty())
            s.bindNull(2);
        else
            s.bind(2, r.local_id);
        s.bind(3, dump(r.data));
        if (r.server_data.is_null())
            s.bindNull(4);
        else
            s.bind(4, dump(r.server_data));
        s.bind(5, r.version).bind(6, r.local_only ? 1 : 0).bind(7, r.deleted ? 1 : 0);
        s.bind(8, now()).bind(9, r.row).run();
    }

    void deleteRow(std::int64_t row) { q("DELETE FROM records WHERE id = ?").bind(1, row).run(); }

    // ---- outbox ----
    static constexpr const char* kOutboxCols =
        "seq, local_id, action, model, record_row, record_server_id, record_local_id, data, "
        "fields_changed, base_version, local_timestamp, priority, dependencies, status, attempts, "
        "last_error, error_code, server_id, created_at, updated_at, sent_json";

    static OutboxEntry readEntry(const Stmt& s) {
        OutboxEntry e;
        e.seq = s.i64(0);
        e.local_id = s.text(1);
        e.action = actionOf(s.text(2));
        e.model = s.text(3);
        e.record_row = s.isNull(4) ? 0 : s.i64(4);
        if (!s.isNull(5))
            e.record_ref = s.i64(5);
        else if (!s.isNull(6))
            e.record_ref = s.text(6);
        e.data = s.jsonCol(7);
        if (!e.data.is_object())
            e.data = json::object();
        e.fields_changed = stringsOf(s.jsonCol(8));
        e.base_version = s.optI64(9);
        e.local_timestamp = s.i64(10);
        e.priority = static_cast<int>(s.i64(11));
        e.dependencies = stringsOf(s.jsonCol(12));
        e.status = parseOutboxStatus(s.text(13)).value_or(OutboxStatus::Pending);
        e.attempts = static_cast<int>(s.i64(14));
        e.last_error = s.isNull(15) ? std::string() : s.text(15);
        e.error_code = s.isNull(16) ? std::string() : s.text(16);
        e.server_id = s.optI64(17);
        e.created_at = s.i64(18);
        e.updated_at = s.i64(19);
        return e;
    }

    /// The newest active entry of a record row.
    std::optional<OutboxEntry> latestActive(std::int64_t row) {
        auto s = q("SELECT seq, local_id, action, model, record_row, record_server_id, "
                   "record_local_id, data, fields_changed, base_version, local_timestamp, "
                   "priority, dependencies, status, attempts, last_error, error_code, server_id, "
                   "created_at, updated_at, sent_json FROM outbox WHERE record_row = ? AND status "
                   "IN ('pending','in_flight','failed') ORDER BY seq DESC LIMIT 1");
        s.bind(1, row);
        if (s.step())
            return readEntry(s);
        return std::nullopt;
    }
    bool hasActive(std::int64_t row) {
        auto s = q("SELECT 1 FROM outbox WHERE record_row = ? AND status IN "
                   "('pending','in_flight','failed') LIMIT 1");
        s.bind(1, row);
        return s.step();
    }
    std::vector<OutboxEntry> activeEntries(std::int64_t row) {
        auto s = q("SELECT seq, local_id, action, model, record_row, record_server_id, "
                   "record_local_id, data, fields_changed, base_version, local_timestamp, "
                   "priority, dependencies, status, attempts, last_error, error_code, server_id, "
                   "created_at, updated_at, sent_json FROM outbox WHERE record_row = ? AND status "
                   "IN ('pending','in_flight','failed') ORDER BY seq");
        s.bind(1, row);
        std::vector<OutboxEntry> out;
        while (s.step())
            out.push_back(readEntry(s));
        return out;
    }

    /// Rebuilds the local view of a row: server data with the active entries on top.
    /// Returns false when the row was removed (nothing left of it).
    bool recompute(Row& r) {
        const auto active = activeEntries(r.row);
        json view = r.server_data.is_object() ? r.server_data : json::object();
        bool deleted = false;
        bool hasCreate = false;
        for (const auto& e : active) {
            if (e.action == Action::Delete)
                deleted = true;
            else
                overlay(view, e.data);
            if (e.action == Action::Create)
                hasCreate = true;
        }
        if (r.server_data.is_null() && !hasCreate && r.local_only && !deleted) {
            // A local-only record whose create is gone (discarded): nothing remains.
            deleteRow(r.row);
            return false;
        }
        r.data = view;
        r.deleted = deleted;
        writeRow(r);
        return true;
    }

    std::int64_t insertEntry(const std::string& localId, Action action, const std::string& model,
                             std::int64_t row, const protocol::RecordRef& ref,
                             const std::string& dataText, const std::vector<std::string>& fields,
                             std::optional<std::int64_t> baseVersion, int priority) {
        auto s = q("INSERT INTO outbox(local_id, action, model, record_row, record_server_id, "
                   "record_local_id, data, fields_changed, base_version, local_timestamp, "
                   "priority, dependencies, status, attempts, created_at, updated_at) "
                   "VALUES(?,?,?,?,?,?,?,?,?,?,?,'[]','pending',0,?,?)");
        const Millis t = now();
        s.bind(1, localId).bind(2, protocol::toString(action)).bind(3, model).bind(4, row);
        if (const auto* i = std::get_if<std::int64_t>(&ref))
            s.bind(5, *i);
        else
            s.bindNull(5);
        if (const auto* l = std::get_if<std::string>(&ref))
            s.bind(6, *l);
        else
            s.bindNull(6);
        s.bind(7, dataText).bind(8, dump(toJsonArray(fields))).bind(9, baseVersion);
        s.bind(10, t).bind(11, priority).bind(12, t).bind(13, t).run();
        return sqlite3_last_insert_rowid(db);
    }

    /// A time-ordered UUID (version 7: 48-bit milliseconds, a counter, 62 random bits), so
    /// the local_id indexes grow at their end instead of being written all over.
    std::string newLocalId() {
        const auto ms = static_cast<std::uint64_t>(now());
        if (ms != lastIdMs) {
            lastIdMs = ms;
            idCounter = static_cast<std::uint32_t>(rng() & 0x3FF);
        } else {
            ++idCounter;
        }
        const std::uint64_t hi = ((ms & 0xFFFFFFFFFFFFULL) << 16) | 0x7000ULL | (idCounter & 0xFFF);
        const std::uint64_t lo = (rng() & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
        char buf[40];
        std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx",
                      static_cast<unsigned>(hi >> 32), static_cast<unsigned>((hi >> 16) & 0xFFFF),
                      static_cast<unsigned>(hi & 0xFFFF), static_cast<unsigned>(lo >> 48),
                      static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
        return std::string(buf, 36);
    }
    std::uint64_t lastIdMs = 0;
    std::uint32_t idCounter = 0;
    std::mt19937_64 rng{[] {
        std::random_device rd;
        std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
        return std::mt19937_64(seq);
    }()};

    static void checkPriority(int priority) {
        if (priority < protocol::kMinPriority || priority > protocol::kMaxPriority)
            fail(ErrorCode::ValidationError, "priority must be between 0 and 10");
    }

    // ---- edits (inside a transaction) ----
    std::string create(const std::string& model, const json& rawData, int priority) {
        checkModel(model);
        checkPriority(priority);
        if (!rawData.is_object())
            fail(ErrorCode::ValidationError, "record data must be a JSON object");
        const json data = stripId(rawData);
        const std::string localId = newLocalId();
        auto s = q("INSERT INTO records(model, server_id, local_id, data, server_data, "
                   "server_version, local_only, deleted, updated_at) "
                   "VALUES(?, NULL, ?, ?, NULL, 0, 1, 0, ?)");
        const std::string text = dump(data);
        s.bind(1, model).bind(2, localId).bind(3, text).bind(4, now()).run();
        const std::int64_t row = sqlite3_last_insert_rowid(db);
        insertEntry(localId, Action::Create, model, row, std::monostate{}, text, keysOf(data),
                    std::nullopt, priority);
        return localId;
    }

    Row requireRow(const std::string& model, const protocol::RecordRef& ref) {
        if (std::holds_alternative<std::monostate>(ref))
            fail(ErrorCode::MissingRecordId, "a record id is required");
        auto r = find(model, ref);
        if (!r || r->deleted) {
            std::string name = std::holds_alternative<std::int64_t>(ref)
                                   ? std::to_string(std::get<std::int64_t>(ref))
                                   : std::get<std::string>(ref);
            fail(ErrorCode::RecordNotFound,
                 "record " + name + " of model '" + model + "' is not in the cache");
        }
        return *r;
    }

    std::string update(const std::string& model, const protocol::RecordRef& ref,
                       const json& rawData, int priority) {
        checkModel(model);
        checkPriority(priority);
        if (!rawData.is_object())
            fail(ErrorCode::ValidationError, "record data must be a JSON object");
        const json data = stripId(rawData);
        if (data.empty())
            fail(ErrorCode::ValidationError, "an update needs at least one field");
        Row r = requireRow(model, ref);
        std::string localId;
        auto last = latestActive(r.row);
        if (last && last->status == OutboxStatus::Pending) {
            // Coalesce into the queued change: union of fields, earliest base version.
            json merged = last->data;
            overlay(merged, data);
            std::vector<std::string> fields = last->fields_changed;
            for (const auto& k : keysOf(data))
                if (std::find(fields.begin(), fields.end(), k) == fields.end())
                    fields.push_back(k);
            auto s = q("UPDATE outbox SET data = ?, fields_changed = ?, local_timestamp = ?, "
                       "priority = MAX(priority, ?), updated_at = ? WHERE seq = ?");
            const Millis t = now();
            s.bind(1, dump(merged)).bind(2, dump(toJsonArray(fields))).bind(3, t);
            s.bind(4, priority).bind(5, t).bind(6, last->seq).run();
            localId = last->local_id;
        } else {
            const protocol::RecordRef sendRef =
                r.server_id ? protocol::RecordRef(*r.server_id) : protocol::RecordRef(r.local_id);
            const std::int64_t base = r.server_id ? std::max<std::int64_t>(r.version, 1) : 1;
            localId = newLocalId();
            insertEntry(localId, Action::Update, model, r.row, sendRef, dump(data), keysOf(data),
                        base, priority);
        }
        overlay(r.data, data);
        writeRow(r);
        return localId;
    }

    std::string remove(const std::string& model, const protocol::RecordRef& ref, int priority) {
        checkModel(model);
        checkPriority(priority);
        Row r = requireRow(model, ref);
        auto last = latestActive(r.row);
        std::string localId;
        if (last && last->status == OutboxStatus::Pending && last->action == Action::Create) {
            // The create never left the device: the record simply disappears.
            q("DELETE FROM outbox WHERE seq = ?").bind(1, last->seq).run();
            if (!hasActive(r.row))
                deleteRow(r.row);
            else {
                r.deleted = true;
                writeRow(r);
            }
            return last->local_id;
        }
        if (last && last->status == OutboxStatus::Pending && last->action == Action::Update) {
            auto s = q("UPDATE outbox SET action = 'delete', data = '{}', fields_changed = '[]', "
                       "local_timestamp = ?, priority = MAX(priority, ?), updated_at = ? "
                       "WHERE seq = ?");
            const Millis t = now();
            s.bind(1, t).bind(2, priority).bind(3, t).bind(4, last->seq).run();
            localId = last->local_id;
        } else {
            const protocol::RecordRef sendRef =
                r.server_id ? protocol::RecordRef(*r.server_id) : protocol::RecordRef(r.local_id);
            const std::int64_t base = r.server_id ? std::max<std::int64_t>(r.version, 1) : 1;
            localId = newLocalId();
            insertEntry(localId, Action::Delete, model, r.row, sendRef, "{}", {}, base, priority);
        }
        r.deleted = true;
        writeRow(r);
        return localId;
    }

    // ---- push result helpers ----
    void setEntryStatus(std::int64_t seq, OutboxStatus status, const std::string& error,
                        const std::string& errorCode, std::optional<std::int64_t> serverId) {
        auto s = q("UPDATE outbox SET status = ?, last_error = ?, error_code = ?, "
                   "server_id = COALESCE(?, server_id), updated_at = ? WHERE seq = ?");
        s.bind(1, toString(status));
        if (error.empty())
            s.bindNull(2);
        else
            s.bind(2, error);
        if (errorCode.empty())
            s.bindNull(3);
        else
            s.bind(3, errorCode);
        s.bind(4, serverId).bind(5, now()).bind(6, seq).run();
    }

    /// Later queued changes of the same record were made on top of `e`: their base version
    /// is the version `e` produced on the server.
    void rebaseSuccessors(const OutboxEntry& e, std::int64_t version) {
        if (!e.record_row || version <= 0)
            return;
        auto s = q("UPDATE outbox SET base_version = ? WHERE record_row = ? AND seq > ? AND "
                   "status = 'pending' AND action IN ('update','delete') AND "
                   "(base_version IS NULL OR base_version < ?)");
        s.bind(1, version).bind(2, e.record_row).bind(3, e.seq).bind(4, version).run();
    }

    void mapId(const std::string& localId, const std::string& model, std::int64_t serverId) {
        auto s = q("INSERT INTO id_map(local_id, model, server_id) VALUES(?,?,?) "
                   "ON CONFLICT(local_id) DO UPDATE SET server_id = excluded.server_id");
        s.bind(1, localId).bind(2, model).bind(3, serverId).run();
    }

    /// Gives the local row of a pushed create its server id; merges with a row that a pull
    /// already brought for that id.
    void attachServerId(Row r, std::int64_t serverId, std::optional<std::int64_t> version) {
        if (r.server_id && *r.server_id == serverId)
            return;
        if (auto other = rowByServerId(r.model, serverId); other && other->row != r.row) {
            q("UPDATE outbox SET record_row = ? WHERE record_row = ?")
                .bind(1, other->row)
                .bind(2, r.row)
                .run();
            const std::string lid = r.local_id;
            deleteRow(r.row);
            Row o = *other;
            if (o.local_id.empty())
                o.local_id = lid;
            o.local_only = false;
            recompute(o);
            return;
        }
        r.server_id = serverId;
        r.local_only = false;
        if (r.server_data.is_null())
            r.server_data = json::object();
        if (version)
            r.version = std::max(r.version, *version);
        writeRow(r);
    }

    void storeConflict(const OutboxEntry& e, const protocol::ChangeResult& res) {
        const auto& info = *res.conflict_info;
        const bool open =
            info.requires_resolution || info.resolution == protocol::Resolution::Manual;
        auto s = q("INSERT INTO conflicts(conflict_id, local_id, model, record_id, action, open, "
                   "info, created_at) VALUES(?,?,?,?,?,?,?,?)");
        s.bind(1, info.conflict_id).bind(2, e.local_id).bind(3, e.model).bind(4, res.server_id);
        s.bind(5, protocol::toString(e.action)).bind(6, open ? 1 : 0);
        s.bind(7, dump(protocol::toJson(info))).bind(8, now()).run();
    }

    // ---- push preparation ----
    /// The wire form of a pending entry, with the freshest reference to its record.
    std::string wireOf(const OutboxEntry& e) {
        protocol::Change c;
        c.local_id = e.local_id;
        c.action = e.action;
        c.model = e.model;
        if (e.action != Action::Create) {
            c.record_id = e.record_ref;
            std::optional<std::int64_t> sid;
            if (e.record_row) {
                auto s = q("SELECT server_id FROM records WHERE id = ?");
                s.bind(1, e.record_row);
                if (s.step())
                    sid = s.optI64(0);
            }
            if (!sid)
                if (const auto* lid = std::get_if<std::string>(&e.record_ref))
                    sid = mapped(*lid);
            if (sid)
                c.record_id = *sid;
        }
        c.data = e.data;
        c.local_time = e.local_timestamp;
        c.local_timestamp = protocol::formatTime(e.local_timestamp);
        c.version = e.action == Action::Create ? 1 : e.base_version.value_or(1);
        c.priority = e.priority;
        if (e.action != Action::Delete)
            c.fields_changed = e.fields_changed;
        c.dependencies = e.dependencies;
        return dump(protocol::toJson(c));
    }

    /// An earlier update or delete of the same record is in flight: this entry's base version
    /// is what that one's result brings.
    bool waitsForInFlight(const OutboxEntry& e) {
        if (!e.record_row)
            return false;
        auto s = q("SELECT 1 FROM outbox WHERE record_row = ? AND seq < ? AND status = "
                   "'in_flight' AND action IN ('update','delete') LIMIT 1");
        s.bind(1, e.record_row).bind(2, e.seq);
        return s.step();
    }

    PushBatch prepare(PushCursor& cursor, std::size_t max,
                      const std::unordered_set<std::int64_t>& busy) {
        PushBatch batch;
        if (cursor.resending) {
            auto s = q("SELECT seq, local_id, action, model, record_row, record_server_id, "
                       "record_local_id, data, fields_changed, base_version, local_timestamp, "
                       "priority, dependencies, status, attempts, last_error, error_code, "
                       "server_id, created_at, updated_at, sent_json FROM outbox "
                       "WHERE status = 'in_flight' AND seq > ? ORDER BY seq LIMIT ?");
            s.bind(1, cursor.after).bind(2, static_cast<std::int64_t>(max));
            std::vector<std::tuple<OutboxEntry, std::string, std::string>> rows;
            while (s.step())
                rows.emplace_back(readEntry(s), s.text(7), s.isNull(20) ? "" : s.text(20));
            for (auto& [e, dataText, wire] : rows) {
                cursor.after = e.seq;
                if (wire.empty())
                    wire = wireOf(e); // marked by an older build without its wire form
                batch.changes.push_back(SentChange{std::move(e), std::move(wire), dataText});
            }
            if (!batch.changes.empty()) {
                batch.resend = true;
                return batch;
            }
            cursor.resending = false;
            cursor.after = 0;
        }
        std::vector<std::pair<OutboxEntry, std::string>> rows;
        {
            auto s = q("SELECT seq, local_id, action, model, record_row, record_server_id, "
                       "record_local_id, data, fields_changed, base_version, local_timestamp, "
                       "priority, dependencies, status, attempts, last_error, error_code, "
                       "server_id, created_at, updated_at, sent_json FROM outbox "
                       "WHERE status = 'pending' AND seq > ? ORDER BY seq LIMIT ?");
            s.bind(1, cursor.after).bind(2, static_cast<std::int64_t>(max));
            while (s.step())
                rows.emplace_back(readEntry(s), s.text(7));
        }
        for (auto& [e, dataText] : rows) {
            if (e.record_row && busy.count(e.record_row))
                break; // its record is on the wire: wait for that result
            cursor.after = e.seq;
            if (waitsForInFlight(e))
                continue; // left in flight by an earlier round: the next round sends it
            std::string wire = wireOf(e);
            batch.changes.push_back(SentChange{std::move(e), std::move(wire), dataText});
        }
        return batch;
    }

    bool markSent(const PushBatch& batch) {
        const Millis t = now();
        for (const auto& c : batch.changes) {
            const auto& e = c.entry;
            if (batch.resend) {
                auto u = q("UPDATE outbox SET attempts = attempts + 1, sent_json = ?, "
                           "updated_at = ? WHERE seq = ? AND status = 'in_flight'");
                u.bind(1, c.wire).bind(2, t).bind(3, e.seq).run();
            } else {
                auto u = q("UPDATE outbox SET status = 'in_flight', attempts = attempts + 1, "
                           "sent_json = ?, updated_at = ? WHERE seq = ? AND status = 'pending' "
                           "AND action = ? AND data = ? AND base_version IS ? AND priority = ?");
                u.bind(1, c.wire).bind(2, t).bind(3, e.seq).bind(4, protocol::toString(e.action));
                u.bind(5, c.data_text).bind(6, e.base_version).bind(7, e.priority).run();
            }
            if (sqlite3_changes(db) != 1)
                return false;
        }
        return true;
    }

    // ---- pull ----
    void applyEvent(const protocol::Event& ev, const std::string& deviceId) {
        if (ev.action != protocol::EventAction::Unlink) {
            // Fast path: a record without local edits takes the pulled data as it is.
            auto s = q("SELECT id, server_version, local_only, server_data IS NULL, deleted "
                       "FROM records WHERE model = ? AND server_id = ?");
            s.bind(1, ev.model).bind(2, ev.record_id);
            const bool found = s.step();
            const bool ours = ev.metadata.is_object() &&
                              ev.metadata.value("device_id", json(nullptr)) == json(deviceId);
            if (!found && !ours) {
                // A record new to this device.
                const std::string text = dumpWithoutId(ev.data);
                auto ins = q("INSERT INTO records(model, server_id, local_id, data, server_data, "
                             "server_version, local_only, deleted, updated_at) "
                             "VALUES(?, ?, NULL, ?, ?, ?, 0, 0, ?)");
                ins.bind(1, ev.model).bind(2, ev.record_id).bind(3, text).bind(4, text);
                ins.bind(5, ev.version).bind(6, now()).run();
                return;
            }
            if (found) {
                const std::int64_t row = s.i64(0);
                const std::int64_t version = s.i64(1);
                const bool plain = s.i64(2) == 0 && s.i64(3) == 0 && s.i64(4) == 0;
                if (plain && !hasActive(row)) {
                    if (ev.version < version)
                        return; // older than what we already know
                    const std::string text = dumpWithoutId(ev.data);
                    auto u = q("UPDATE records SET data = ?, server_data = ?, server_version = ?, "
                               "updated_at = ? WHERE id = ?");
                    u.bind(1, text).bind(2, text).bind(3, ev.version).bind(4, now()).bind(5, row);
                    u.run();
                    return;
                }
            }
        }
        std::optional<Row> r = rowByServerId(ev.model, ev.record_id);
        if (!r && ev.action == protocol::EventAction::Create && ev.metadata.is_object()) {
            // Our own create whose push response was lost: attach it instead of duplicating.
            const auto dev = ev.metadata.value("device_id", json(nullptr));
            const auto lid = ev.metadata.value("local_id", json(nullptr));
            if (dev.is_string() && lid.is_string() && dev.get<std::string>() == deviceId) {
                if (auto local = rowByLocalId(lid.get<std::string>());
                    local && local->model == ev.model && !local->server_id) {
                    mapId(local->local_id, ev.model, ev.record_id);
                    attachServerId(*local, ev.record_id, std::nullopt);
                    r = rowByServerId(ev.model, ev.record_id);
                }
            }
        }
        if (ev.action == protocol::EventAction::Unlink) {
            if (!r)
                return;
            if (!hasActive(r->row)) {
                deleteRow(r->row);
            } else {
                // Keep the pending local edit; its push will report the conflict.
                r->server_data = json::object();
                r->version = std::max(r->version, ev.version);
                recompute(*r);
            }
            return;
        }
        json data = stripId(ev.data);
        if (!r) {
            auto s = q("INSERT INTO records(model, server_id, local_id, data, server_data, "
                       "server_version, local_only, deleted, updated_at) "
                       "VALUES(?, ?, NULL, ?, ?, ?, 0, 0, ?)");
            const std::string text = dump(data);
            s.bind(1, ev.model).bind(2, ev.record_id).bind(3, text).bind(4, text);
            s.bind(5, ev.version).bind(6, now()).run();
            return;
        }
        if (ev.version < r->version && !r->server_data.is_null())
            return; // older than what we already know
        r->server_data = data;
        r->version = ev.version;
        r->local_only = false;
        if (hasActive(r->row)) {
            recompute(*r); // re-base pending local fields on top of the pulled data
        } else {
            r->data = data;
            r->deleted = false;
            writeRow(*r);
        }
    }
};

// ---- ClientCache ----------------------------------------------------------------------------

namespace {
template <typename F> auto guarded(F&& f) -> Status {
    try {
        f();
        return Status::success();
    } catch (const DbError& e) {
        return Error{e.code, e.what()};
    } catch (const json::exception& e) {
        return Error{ErrorCode::ValidationError, std::string("invalid JSON: ") + e.what()};
    } catch (const std::exception& e) {
        return Error{ErrorCode::Internal, e.what()};
    }
}
} // namespace

ClientCache::ClientCache(const Clock& clock)
    : d(std::make_unique<Impl>())
    , m_clock(clock) {
    d->clock = &m_clock;
}

ClientCache::~ClientCache() = default;

int ClientCache::latestSchemaVersion() {
    return static_cast<int>(migrations().size());
}

Result<std::unique_ptr<ClientCache>> ClientCache::open(const QString& path, const Clock& clock) {
    std::unique_ptr<ClientCache> cache(new ClientCache(clock));
    auto& d = *cache->d;
    d.connectionName = QStringLiteral("bridgecore-client-%1").arg(++g_connectionCounter);
    {
        QSqlDatabase conn = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d.connectionName);
        conn.setDatabaseName(path);
        conn.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        if (!conn.open())
            return Error{ErrorCode::StorageError,
                         "cannot open client cache '" + path.toStdString() +
                             "': " + conn.lastError().text().toStdString()};
        const QVariant h = conn.driver()->handle();
        if (!h.isValid() || qstrcmp(h.typeName(), "sqlite3*") != 0)
            return Error{ErrorCode::StorageError, "client cache: no native SQLite handle"};
        d.db = *static_cast<sqlite3* const*>(h.data());
    }
    if (!d.db)
        return Error{ErrorCode::StorageError, "client cache: no native SQLite handle"};
    sqlite3_busy_timeout(d.db, 10000);
    Status st = guarded([&] {
        if (path != QLatin1String(":memory:")) {
            // A truncated file (the header promises more pages than there are) is damaged:
            // say so before anything is written to it. With a WAL in use the file may
            // legitimately be shorter until the next checkpoint.
            const QFileInfo file(path), wal(path + QStringLiteral("-wal"));
            if (file.exists() && file.size() > 0 && (!wal.exists() || wal.size() == 0)) {
                std::int64_t pageSize = 0, pages = 0;
                if (auto s = d.q("PRAGMA page_size"); s.step())
                    pageSize = s.i64(0);
                if (auto s = d.q("PRAGMA page_count"); s.step())
                    pages = s.i64(0);
                if (file.size() < pageSize * pages)
                    fail(ErrorCode::StorageError,
                         damagedMessage(path.toStdString(),
                                        "truncated: " + std::to_string(file.size()) + " bytes of " +
                                            std::to_string(pageSize * pages)));
            }
        }
        d.exec("PRAGMA foreign_keys = ON");
        if (path != QLatin1String(":memory:"))
            d.exec("PRAGMA journal_mode = WAL");
        d.exec("PRAGMA synchronous = NORMAL");
        // Hot paths (pull pages, bulk edits) touch many pages: keep them in memory.
        d.exec("PRAGMA cache_size = -65536");
        d.exec("PRAGMA temp_store = MEMORY");
        // No memory-mapped reads: every page read through a mapping stays in the process's
        // resident set (a 1,000,000-record cache peaked at 226 MB with 256 MB of mapping).
        d.exec("PRAGMA mmap_size = 0");
        d.exec("PRAGMA wal_autocheckpoint = 2000");
        int version = 0;
        {
            auto s = d.q("PRAGMA user_version");
            if (s.step())
                version = static_cast<int>(s.i64(0));
        }
        const int latest = latestSchemaVersion();
        if (version > latest)
            fail(ErrorCode::SchemaTooNew, "client cache schema version " + std::to_string(version) +
                                              " is newer than this build (" +
                                              std::to_string(latest) + ")");
        for (int v = version; v < latest; ++v) {
            d.begin();
            try {
                d.exec(migrations()[static_cast<std::size_t>(v)]);
                d.exec(("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
                d.commit();
            } catch (...) {
                d.rollback();
                throw;
            }
        }
    });
    if (!st.ok())
        return st.error();
    return cache;
}

#define CACHE_LOCK std::lock_guard<std::recursive_mutex> lock(m_mutex)

namespace {
/// Runs f inside a transaction of d; rolls back on any error.
template <typename Impl, typename F> Status inTx(Impl& d, F&& f) {
    return guarded([&] {
        d.begin();
        try {
            f();
            d.commit();
        } catch (...) {
            d.rollback();
            throw;
        }
    });
}
} // namespace

std::string ClientCache::deviceId() {
    CACHE_LOCK;
    std::string id;
    Status st = inTx(*d, [&] {
        auto v = d->state("device_id");
        if (v) {
            id = *v;
            return;
        }
        id = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
        d->setState("device_id", id);
    });
    return st.ok() ? id : std::string();
}

Status ClientCache::setDeviceId(const std::string& deviceId) {
    CACHE_LOCK;
    if (deviceId.size() < protocol::kMinIdLength)
        return Error{ErrorCode::ValidationError, "device id must have at least 3 characters"};
    return inTx(*d, [&] {
        auto v = d->state("device_id");
        if (v && *v != deviceId)
            fail(ErrorCode::ValidationError,
                 "this cache belongs to device '" + *v + "', not '" + deviceId + "'");
        if (!v)
            d->setState("device_id", deviceId);
    });
}

std::string ClientCache::appType() {
    CACHE_LOCK;
    std::string out;
    (void)guarded([&] { out = d->state("app_type").value_or(""); });
    return out;
}

Status ClientCache::setAppType(const std::string& appType) {
    CACHE_LOCK;
    return inTx(*d, [&] {
        const auto old = d->state("app_type");
        if (old && *old != appType) {
            auto s = d->q("SELECT COUNT(*) FROM outbox WHERE status IN "
                          "('pending','in_flight','failed')");
            if (s.step() && s.i64(0) > 0)
                fail(ErrorCode::ValidationError,
                     "cannot change the app type from '" + *old + "' while changes are queued");
        }
        d->setState("app_type", appType);
        d->allowedLoaded = false;
    });
}

Status ClientCache::setAllowedModels(const std::vector<std::string>& models) {
    CACHE_LOCK;
    return inTx(*d, [&] {
        d->setState("allowed_models", dump(toJsonArray(models)));
        d->allowedLoaded = false;
    });
}

std::vector<std::string> ClientCache::allowedModels() {
    CACHE_LOCK;
    std::vector<std::string> out;
    (void)guarded([&] { out = d->allowed(); });
    return out;
}

std::int64_t ClientCache::lastEventId() {
    CACHE_LOCK;
    std::int64_t out = 0;
    (void)guarded([&] {
        auto v = d->state("last_event_id");
        out = v ? std::stoll(*v) : 0;
    });
    return out;
}

Status ClientCache::setLastEventId(std::int64_t id) {
    CACHE_LOCK;
    return inTx(*d, [&] { d->setState("last_event_id", std::to_string(id)); });
}

std::string ClientCache::stateValue(const std::string& key) {
    CACHE_LOCK;
    std::string out;
    (void)guarded([&] { out = d->state(key).value_or(""); });
    return out;
}

Status ClientCache::setStateValue(const std::string& key, const std::string& value) {
    CACHE_LOCK;
    return inTx(*d, [&] {
        d->setState(key, value);
        if (key == "app_type" || key == "allowed_models")
            d->allowedLoaded = false;
    });
}

int ClientCache::schemaVersion() {
    CACHE_LOCK;
    int v = 0;
    (void)guarded([&] {
        auto s = d->q("PRAGMA user_version");
        if (s.step())
            v = static_cast<int>(s.i64(0));
    });
    return v;
}

Result<std::string> ClientCache::createRecord(const std::string& model, const json& data,
                                              int priority) {
    std::string id;
    {
        CACHE_LOCK;
        Status st = inTx(*d, [&] { id = d->create(model, data, priority); });
        if (!st.ok())
            return st.error();
    }
    emit outboxChanged();
    emit recordsChanged(QString::fromStdString(model));
    return id;
}

Status ClientCache::updateRecord(const std::string& model, const protocol::RecordRef& ref,
                                 const json& data, int priority) {
    {
        CACHE_LOCK;
        Status st = inTx(*d, [&] { d->update(model, ref, data, priority); });
        if (!st.ok())
            return st;
    }
    emit outboxChanged();
    emit recordsChanged(QString::fromStdString(model));
    return Status::success();
}

Status ClientCache::deleteRecord(const std::string& model, const protocol::RecordRef& ref,
                                 int priority) {
    {
        CACHE_LOCK;
        Status st = inTx(*d, [&] { d->remove(model, ref, priority); });
        if (!st.ok())
            return st;
    }
    emit outboxChanged();
    emit recordsChanged(QString::fromStdString(model));
    return Status::success();
}

Result<std::vector<std::string>> ClientCache::applyEdits(const std::vector<LocalEdit>& edits) {
    std::vector<std::string> ids;
    {
        CACHE_LOCK;
        ids.reserve(edits.size());
        Status st = inTx(*d, [&] {
            for (const auto& e : edits) {
                switch (e.action) {
                case Action::Create:
                    ids.push_back(d->create(e.model, e.data, e.priority));
                    break;
                case Action::Update:
                    ids.push_back(d->update(e.model, e.ref, e.data, e.priority));
                    break;
                case Action::Delete:
                    ids.push_back(d->remove(e.model, e.ref, e.priority));
                    break;
                }
            }
        });
        if (!st.ok())
            return st.error();
    }
    if (!edits.empty()) {
        emit outboxChanged();
        emit recordsChanged(QString());
    }
    return ids;
}

std::optional<CachedRecord> ClientCache::record(const std::string& model,
                                                const protocol::RecordRef& ref) {
    CACHE_LOCK;
    std::optional<CachedRecord> out;
    (void)guarded([&] {
        auto r = d->find(model, ref);
        if (!r || r->deleted)
            return;
        CachedRecord c;
        c.row = r->row;
        c.model = r->model;
        c.server_id = r->server_id;
        c.local_id = r->local_id;
        c.data = r->data;
        c.server_data = r->server_data;
        c.server_version = r->version;
        c.local_only = r->local_only;
        c.pending = d->hasActive(r->row);
        out = c;
    });
    return out;
}

std::vector<CachedRecord> ClientCache::records(const std::string& model, int limit, int offset) {
    CACHE_LOCK;
    std::vector<CachedRecord> out;
    (void)guarded([&] {
        auto s =
            d->q("SELECT r.id, r.model, r.server_id, r.local_id, r.data, r.server_data, "
                 "r.server_version, r.local_only, r.deleted, r.updated_at, "
                 "EXISTS(SELECT 1 FROM outbox o WHERE o.record_row = r.id AND o.status IN "
                 "('pending','in_flight','failed')) FROM records r "
                 "WHERE r.model = ? AND r.deleted = 0 ORDER BY r.server_id, r.id LIMIT ? OFFSET ?");
        s.bind(1, model).bind(2, limit).bind(3, std::max(0, offset));
        while (s.step()) {
            auto r = Impl::readRow(s);
            CachedRecord c;
            c.row = r.row;
            c.model = r.model;
            c.server_id = r.server_id;
            c.local_id = r.local_id;
            c.data = r.data;
            c.server_data = r.server_data;
            c.server_version = r.version;
            c.local_only = r.local_only;
            c.updated_at = s.i64(9);
            c.pending = s.i64(10) != 0;
            out.push_back(std::move(c));
        }
    });
    return out;
}

std::int64_t ClientCache::countRecords(const std::string& model) {
    CACHE_LOCK;
    std::int64_t n = 0;
    (void)guarded([&] {
        auto s = d->q("SELECT COUNT(*) FROM records WHERE model = ? AND deleted = 0");
        s.bind(1, model);
        if (s.step())
            n = s.i64(0);
    });
    return n;
}

std::vector<std::string> ClientCache::cachedModels() {
    CACHE_LOCK;
    std::vector<std::string> out;
    (void)guarded([&] {
        auto s = d->q("SELECT DISTINCT model FROM records ORDER BY model");
        while (s.step())
            out.push_back(s.text(0));
    });
    return out;
}

std::vector<OutboxEntry> ClientCache::outbox(std::optional<OutboxStatus> status, int limit,
                                             int offset) {
    CACHE_LOCK;
    std::vector<OutboxEntry> out;
    (void)guarded([&] {
        auto s = d->q("SELECT seq, local_id, action, model, record_row, record_server_id, "
                      "record_local_id, data, fields_changed, base_version, local_timestamp, "
                      "priority, dependencies, status, attempts, last_error, error_code, "
                      "server_id, created_at, updated_at, sent_json FROM outbox "
                      "WHERE (? IS NULL OR status = ?) ORDER BY seq LIMIT ? OFFSET ?");
        if (status)
            s.bind(1, toString(*status)).bind(2, toString(*status));
        s.bind(3, limit).bind(4, std::max(0, offset));
        while (s.step())
            out.push_back(Impl::readEntry(s));
    });
    return out;
}

std::optional<OutboxEntry> ClientCache::outboxEntry(const std::string& localId) {
    CACHE_LOCK;
    std::optional<OutboxEntry> out;
    (void)guarded([&] {
        auto s = d->q("SELECT seq, local_id, action, model, record_row, record_server_id, "
                      "record_local_id, data, fields_changed, base_version, local_timestamp, "
                      "priority, dependencies, status, attempts, last_error, error_code, "
                      "server_id, created_at, updated_at, sent_json FROM outbox "
                      "WHERE local_id = ?");
        s.bind(1, localId);
        if (s.step())
            out = Impl::readEntry(s);
    });
    return out;
}

OutboxCounts ClientCache::outboxCounts() {
    CACHE_LOCK;
    OutboxCounts c;
    (void)guarded([&] {
        auto s = d->q("SELECT status, COUNT(*) FROM outbox GROUP BY status");
        while (s.step()) {
            const auto st = parseOutboxStatus(s.text(0));
            if (!st)
                continue;
            const std::int64_t n = s.i64(1);
            switch (*st) {
            case OutboxStatus::Pending:
                c.pending = n;
                break;
            case OutboxStatus::InFlight:
                c.in_flight = n;
                break;
            case OutboxStatus::Synced:
                c.synced = n;
                break;
            case OutboxStatus::Failed:
                c.failed = n;
                break;
            case OutboxStatus::Conflict:
                c.conflict = n;
                break;
            }
        }
        auto o = d->q("SELECT MIN(created_at) FROM outbox WHERE status IN "
                      "('pending','in_flight','failed')");
        if (o.step() && !o.isNull(0))
            c.oldest_active_at = o.i64(0);
    });
    return c;
}

std::vector<LocalConflict> ClientCache::conflicts(bool openOnly) {
    CACHE_LOCK;
    std::vector<LocalConflict> out;
    (void)guarded([&] {
        auto s = d->q("SELECT id, local_id, model, record_id, action, open, info, created_at, "
                      "resolved_at FROM conflicts WHERE (? = 0 OR open = 1) ORDER BY id");
        s.bind(1, openOnly ? 1 : 0);
        while (s.step()) {
            LocalConflict c;
            c.id = s.i64(0);
            c.local_id = s.text(1);
            c.model = s.text(2);
            c.record_id = s.optI64(3);
            c.action = actionOf(s.text(4));
            c.open = s.i64(5) != 0;
            try {
                c.info = protocol::conflictInfoFromJson(s.jsonCol(6));
            } catch (const json::exception&) {
            }
            c.created_at = s.i64(7);
            if (!s.isNull(8))
                c.resolved_at = s.i64(8);
            out.push_back(std::move(c));
        }
    });
    return out;
}

std::optional<LocalConflict> ClientCache::conflict(const std::string& localId) {
    auto all = conflicts(false);
    for (auto it = all.rbegin(); it != all.rend(); ++it)
        if (it->local_id == localId)
            return *it;
    return std::nullopt;
}

std::optional<std::int64_t> ClientCache::mappedId(const std::string& localId) {
    CACHE_LOCK;
    std::optional<std::int64_t> out;
    (void)guarded([&] { out = d->mapped(localId); });
    return out;
}

protocol::QueueReport ClientCache::queueReport(const std::string& appVersion) {
    const OutboxCounts c = outboxCounts();
    protocol::QueueReport r;
    r.pending_changes = c.active();
    if (c.oldest_active_at)
        r.oldest_pending_at = protocol::formatTime(*c.oldest_active_at);
    const std::string err = stateValue("last_error");
    if (!err.empty())
        r.last_error = err;
    r.client_time = protocol::formatTime(m_clock.now());
    r.app_version = appVersion;
    return r;
}

Status ClientCache::retry(std::int64_t seq) {
    {
        CACHE_LOCK;
        Status st = inTx(*d, [&] {
            auto s = d->q("SELECT status FROM outbox WHERE seq = ?");
            s.bind(1, seq);
            if (!s.step())
                fail(ErrorCode::NotFound, "no outbox entry " + std::to_string(seq));
            const auto status = parseOutboxStatus(s.text(0));
            if (status != OutboxStatus::Failed)
                fail(ErrorCode::ValidationError,
                     "only a failed change can be retried (entry " + std::to_string(seq) + " is " +
                         std::string(toString(status.value_or(OutboxStatus::Pending))) + ")");
            // A failed change is not in the server's ledger: it may be sent again as new.
            d->q("UPDATE outbox SET status = 'pending', sent_json = NULL, last_error = NULL, "
                 "error_code = NULL, updated_at = ? WHERE seq = ?")
                .bind(1, d->now())
                .bind(2, seq)
                .run();
        });
        if (!st.ok())
            return st;
    }
    emit outboxChanged();
    return Status::success();
}

Status ClientCache::discard(std::int64_t seq) {
    std::string model;
    {
        CACHE_LOCK;
        Status st = inTx(*d, [&] {
            auto s = d->q("SELECT status, record_row, model FROM outbox WHERE seq = ?");
            s.bind(1, seq);
            if (!s.step())
                fail(ErrorCode::NotFound, "no outbox entry " + std::to_string(seq));
            const auto status = parseOutboxStatus(s.text(0));
            const std::int64_t row = s.isNull(1) ? 0 : s.i64(1);
            model = s.text(2);
            if (status == OutboxStatus::InFlight)
                fail(ErrorCode::ValidationError,
                     "an in-flight change cannot be discarded: the server may have applied it");
            d->q("DELETE FROM outbox WHERE seq = ?").bind(1, seq).run();
            if (row)
                if (auto r = d->rowById(row))
                    d->recompute(*r);
        });
        if (!st.ok())
            return st;
    }
    emit outboxChanged();
    emit recordsChanged(QString::fromStdString(model));
    return Status::success();
}

Status ClientCache::purgeSynced(Millis before) {
    CACHE_LOCK;
    return inTx(*d, [&] {
        d->q("DELETE FROM outbox WHERE status = 'synced' AND updated_at < ?").bind(1, before).run();
    });
}

std::string PushBatch::changesText() const {
    std::string out = "[";
    std::size_t size = 2;
    for (const auto& c : changes)
        size += c.wire.size() + 1;
    out.reserve(size);
    for (const auto& c : changes) {
        if (out.size() > 1)
            out += ',';
        out += c.wire;
    }
    out += ']';
    return out;
}

Result<PushBatch> ClientCache::preparePush(PushCursor& cursor, std::size_t max,
                                           const std::unordered_set<std::int64_t>& busyRows) {
    CACHE_LOCK;
    PushBatch batch;
    // One read transaction: the batch is a consistent snapshot of the outbox.
    Status st = inTx(*d, [&] { batch = d->prepare(cursor, max, busyRows); });
    if (!st.ok())
        return st.error();
    return batch;
}

Result<bool> ClientCache::markSent(const PushBatch& batch) {
    bool marked = false;
    {
        CACHE_LOCK;
        Status st = guarded([&] {
            d->begin();
            try {
                marked = d->markSent(batch);
                if (marked)
                    d->commit();
                else
                    d->rollback();
            } catch (...) {
                d->rollback();
                throw;
            }
        });
        if (!st.ok())
            return st.error();
    }
    if (marked && !batch.resend)
        emit outboxChanged();
    return marked;
}

Status ClientCache::returnToPending(const PushBatch& batch) {
    if (batch.resend)
        return Status::success(); // sent before: the outcome is still unknown
    {
        CACHE_LOCK;
        Status st = inTx(*d, [&] {
            for (const auto& c : batch.changes)
                d->q("UPDATE outbox SET status = 'pending', sent_json = NULL, "
                     "attempts = MAX(attempts - 1, 0) WHERE seq = ? AND status = 'in_flight'")
                    .bind(1, c.entry.seq)
                    .run();
        });
        if (!st.ok())
            return st;
    }
    emit outboxChanged();
    return Status::success();
}

Result<std::vector<SentChange>> ClientCache::takeForPush(std::size_t max) {
    PushCursor cursor;
    for (int attempt = 0;; ++attempt) {
        auto batch = preparePush(cursor, max);
        if (!batch.ok())
            return batch.error();
        if (batch.value().resend && batch.value().changes.size() < max) {
            // Fill up with pending entries, as one request.
            PushCursor more{false, 0};
            auto rest = preparePush(more, max - batch.value().changes.size());
            if (!rest.ok())
                return rest.error();
            auto marked = markSent(batch.value());
            if (!marked.ok())
                return marked.error();
            auto markedRest = markSent(rest.value());
            if (!markedRest.ok())
                return markedRest.error();
            auto out = std::move(batch.value().changes);
            if (markedRest.value())
                for (auto& c : rest.value().changes)
                    out.push_back(std::move(c));
            for (auto& c : out) {
                c.entry.status = OutboxStatus::InFlight;
                c.entry.attempts += 1;
            }
            return out;
        }
        auto marked = markSent(batch.value());
        if (!marked.ok())
            return marked.error();
        if (marked.value() || attempt > 3) {
            auto out = std::move(batch.value().changes);
            for (auto& c : out) {
                c.entry.status = OutboxStatus::InFlight;
                c.entry.attempts += 1;
            }
            return out;
        }
        cursor = PushCursor{};
    }
}

Status ClientCache::applyPushResponse(const std::vector<SentChange>& sent,
                                      const protocol::PushResponse& response) {
    bool anyConflict = false;
    {
        CACHE_LOCK;
        Status st = inTx(*d, [&] {
            std::unordered_map<std::string, const SentChange*> byId;
            for (const auto& s : sent)
                byId.emplace(s.entry.local_id, &s);
            std::unordered_map<std::string, std::int64_t> mapping(response.id_mapping.begin(),
                                                                  response.id_mapping.end());
            for (const auto& res : response.results) {
                auto it = byId.find(res.local_id);
                if (it == byId.end())
                    continue;
                const OutboxEntry& e = it->second->entry;
                // Skip entries that are no longer in flight (e.g. a stale response).
                {
                    auto s = d->q("SELECT status FROM outbox WHERE seq = ?");
                    s.bind(1, e.seq);
                    if (!s.step() || s.text(0) != "in_flight")
                        continue;
                }
                std::optional<std::int64_t> serverId = res.server_id;
                if (!serverId)
                    if (auto m = mapping.find(res.local_id); m != mapping.end())
                        serverId = m->second;
                if (res.status == protocol::ChangeStatus::Success && e.action == Action::Create &&
                    serverId && e.record_row && !res.conflict_info) {
                    // The common case in a few statements: the row takes its server id.
                    d->setEntryStatus(e.seq, OutboxStatus::Synced, {}, {}, serverId);
                    d->mapId(e.local_id, e.model, *serverId);
                    const std::string& dataText = it->second->data_text;
                    auto u = d->q("UPDATE records SET server_id = ?, local_only = 0, "
                                  "server_data = COALESCE(server_data, ?), server_version = "
                                  "MAX(server_version, ?), updated_at = ? WHERE id = ? AND "
                                  "server_id IS NULL AND NOT EXISTS(SELECT 1 FROM records o "
                                  "WHERE o.model = ? AND o.server_id = ?)");
                    u.bind(1, *serverId).bind(2, dataText.empty() ? dump(e.data) : dataText);
                    u.bind(3, res.version.value_or(1)).bind(4, d->now()).bind(5, e.record_row);
                    u.bind(6, e.model).bind(7, *serverId).run();
                    if (sqlite3_changes(d->db) == 1)
                        continue;
                }
                auto row = e.record_row ? d->rowById(e.record_row) : std::nullopt;
                switch (res.status) {
                case protocol::ChangeStatus::Success: {
                    d->setEntryStatus(e.seq, OutboxStatus::Synced, {}, {}, serverId);
                    if (e.action == Action::Create && serverId)
                        d->mapId(e.local_id, e.model, *serverId);
                    if (res.conflict_info) {
                        d->storeConflict(e, res);
                        anyConflict = true;
                    }
                    if (!row)
                        break;
                    if (e.action == Action::Create && serverId) {
                        Impl::Row r = *row;
                        if (r.server_data.is_null())
                            r.server_data = e.data;
                        d->attachServerId(r, *serverId, res.version.value_or(1));
                    } else if (e.action == Action::Update) {
                        if (res.version)
                            d->rebaseSuccessors(e, *res.version);
                        Impl::Row r = *row;
                        overlay(r.server_data, e.data);
                        if (res.version)
                            r.version = std::max(r.version, *res.version);
                        d->recompute(r);
                    } else if (e.action == Action::Delete) {
                        if (!d->hasActive(row->row))
                            d->deleteRow(row->row);
                    }
                    break;
                }
                case protocol::ChangeStatus::Failed: {
                    const std::string code =
                        res.error_code ? std::string(errorCodeName(*res.error_code)) : "";
                    const std::string msg = res.error.value_or("failed");
                    if (res.error_code == ErrorCode::NotAttempted) {
                        // Not remembered by the server: send it again next time as it is.
                        d->setEntryStatus(e.seq, OutboxStatus::Pending, msg, code, std::nullopt);
                        d->q("UPDATE outbox SET sent_json = NULL WHERE seq = ?")
                            .bind(1, e.seq)
                            .run();
                    } else {
                        d->setEntryStatus(e.seq, OutboxStatus::Failed, msg, code, std::nullopt);
                    }
                    break;
                }
                case protocol::ChangeStatus::Conflict: {
                    if (res.version || res.conflict_info)
                        d->rebaseSuccessors(
                            e, res.version.value_or(
                                   res.conflict_info ? res.conflict_info->server_version : 0));
                    d->setEntryStatus(e.seq, OutboxStatus::Conflict, res.error.value_or("conflict"),
                                      {}, serverId);
                    if (res.conflict_info) {
                        d->storeConflict(e, res);
                        anyConflict = true;
                    }
                    if (!row)
                        break;
                    Impl::Row r = *row;
                    const bool goneOnServer = res.conflict_info && e.action != Action::Create &&
                                              (!res.conflict_info->server_data.is_object() ||
                                               res.conflict_info->server_data.empty());
                    if (goneOnServer) {
                        // The record was deleted on the server: nothing of it remains.
                        if (!d->hasActive(r.row))
                            d->deleteRow(r.row);
                        break;
                    }
                    if (res.conflict_info) {
                        const auto& info = *res.conflict_info;
                        if (info.server_data.is_object() && !info.server_data.empty()) {
                            json server = stripId(info.server_data);
                            if (info.resolution == protocol::Resolution::ServerWins &&
                                e.action == Action::Update) {
                                // Non-conflicting local fields were applied on the server.
                                for (auto f = e.data.begin(); f != e.data.end(); ++f)
                                    if (std::find(info.conflicting_fields.begin(),
                                                  info.conflicting_fields.end(),
                                                  f.key()) == info.conflicting_fields.end())
                                        server[f.key()] = f.value();
                            }
                            r.server_data = server;
                        }
                        r.version = std::max(r.version, info.server_version);
                    }
                    if (res.version)
                        r.version = std::max(r.version, *res.version);
                    if (!r.server_data.is_object())
                        r.server_data = json::object();
                    d->recompute(r);
                    break;
                }
                }
            }
            d->setState("last_push_time", std::to_string(d->now()));
        });
        if (!st.ok())
            return st;
    }
    emit outboxChanged();
    emit recordsChanged(QString());
    if (anyConflict)
        emit conflictsChanged();
    return Status::success();
}

Result<int> ClientCache::applyPullPage(const protocol::PullResponse& page) {
    int applied = 0;
    {
        CACHE_LOCK;
        Status st = inTx(*d, [&] {
            const std::string device = d->state("device_id").value_or("");
            for (const auto& ev : page.events) {
                d->applyEvent(ev, device);
                ++applied;
                if (applied == 1 && d->pullHook)
                    d->pullHook();
            }
            const auto current = d->state("last_event_id");
            const std::int64_t cur = current ? std::stoll(*current) : 0;
            std::int64_t last = page.last_event_id;
            if (!page.events.empty())
                last = std::max(last, page.events.back().event_id);
            if (last > cur)
                d->setState("last_event_id", std::to_string(last));
            d->setState("last_pull_time", std::to_string(d->now()));
        });
        if (!st.ok())
            return st.error();
    }
    if (applied > 0)
        emit recordsChanged(QString());
    return applied;
}

Status ClientCache::markResolved(const std::string& localId,
                                 const protocol::ResolveResult& result) {
    {
        CACHE_LOCK;
        Status st = inTx(*d, [&] {
            d->q("UPDATE conflicts SET open = 0, resolved_at = ? WHERE local_id = ? AND open = 1")
                .bind(1, d->now())
                .bind(2, localId)
                .run();
            d->q("UPDATE outbox SET status = 'synced', server_id = COALESCE(?, server_id), "
                 "updated_at = ? WHERE local_id = ? AND status IN ('conflict','failed')")
                .bind(1, result.server_id)
                .bind(2, d->now())
                .bind(3, localId)
                .run();
        });
        if (!st.ok())
            return st;
    }
    emit conflictsChanged();
    emit outboxChanged();
    return Status::success();
}

Result<int> ClientCache::closeResolvedOnServer(const std::vector<std::string>& openOnServer,
                                               std::int64_t upToId) {
    const std::unordered_set<std::string> stillOpen(openOnServer.begin(), openOnServer.end());
    int closed = 0;
    {
        CACHE_LOCK;
        Status st = inTx(*d, [&] {
            std::vector<std::pair<std::int64_t, std::string>> gone;
            auto s = d->q("SELECT id, local_id FROM conflicts WHERE open = 1 AND id <= ?");
            s.bind(1, upToId);
            while (s.step())
                if (!stillOpen.count(s.text(1)))
                    gone.emplace_back(s.i64(0), s.text(1));
            for (const auto& [id, localId] : gone) {
                d->q("UPDATE conflicts SET open = 0, resolved_at = ? WHERE id = ?")
                    .bind(1, d->now())
                    .bind(2, id)
                    .run();
                d->q("UPDATE outbox SET status = 'synced', updated_at = ? WHERE local_id = ? AND "
                     "status = 'conflict'")
                    .bind(1, d->now())
                    .bind(2, localId)
                    .run();
            }
            closed = int(gone.size());
        });
        if (!st.ok())
            return st.error();
    }
    if (closed > 0) {
        emit conflictsChanged();
        emit outboxChanged();
    }
    return closed;
}

Result<int> ClientCache::importOutbox(const json& entries) {
    if (!entries.is_array())
        return Error{ErrorCode::ValidationError, "the outbox file has no \"entries\" array"};
    int queued = 0;
    {
        CACHE_LOCK;
        Status st = inTx(*d, [&] {
            for (const auto& j : entries) {
                const std::string localId = j.at("local_id").get<std::string>();
                const std::string model = j.at("model").get<std::string>();
                const auto action = protocol::parseAction(j.at("action").get<std::string>());
                const auto status = parseOutboxStatus(j.value("status", std::string("pending")));
                if (!action || !status)
                    fail(ErrorCode::ValidationError,
                         "entry " + localId + ": unknown action or status");
                if (*status != OutboxStatus::Pending && *status != OutboxStatus::InFlight &&
                    *status != OutboxStatus::Failed)
                    continue; // settled: nothing left to deliver
                {
                    auto s = d->q("SELECT 1 FROM outbox WHERE local_id = ?");
                    s.bind(1, localId);
                    if (s.step())
                        continue;
                }
                d->checkModel(model);
                const json data = j.value("data", json::object());
                const json ref = j.value("record_ref", json(nullptr));
                protocol::RecordRef recordRef;
                if (ref.is_number_integer())
                    recordRef = ref.get<std::int64_t>();
                else if (ref.is_string())
                    recordRef = ref.get<std::string>();
                std::int64_t row = 0;
                if (*action == Action::Create) {
                    // The record comes back as a local-only record, as when it was created.
                    auto ins = d->q("INSERT INTO records(model, server_id, local_id, data, "
                                    "server_data, server_version, local_only, deleted, updated_at) "
                                    "VALUES(?, NULL, ?, ?, NULL, 0, 1, 0, ?)");
                    ins.bind(1, model).bind(2, localId).bind(3, dump(data)).bind(4, d->now());
                    ins.run();
                    row = sqlite3_last_insert_rowid(d->db);
                } else if (const auto* lid = std::get_if<std::string>(&recordRef)) {
                    if (auto r = d->rowByLocalId(*lid))
                        row = r->row;
                }
                std::vector<std::string> fields;
                for (const auto& f : j.value("fields_changed", json::array()))
                    if (f.is_string())
                        fields.push_back(f.get<std::string>());
                const json base = j.value("base_version", json(nullptr));
                const std::int64_t seq = d->insertEntry(
                    localId, *action, model, row, recordRef, dump(data), fields,
                    base.is_number_integer() ? std::optional<std::int64_t>(base.get<std::int64_t>())
                                             : std::nullopt,
                    j.value("priority", protocol::kDefaultPriority));
                auto u = d->q("UPDATE outbox SET local_timestamp = ?, dependencies = ?, "
                              "status = ?, attempts = ?, sent_json = ?, last_error = ? "
                              "WHERE seq = ?");
                u.bind(1, j.value("local_timestamp", d->now()));
                u.bind(2, dump(j.value("dependencies", json::array())));
                const bool inFlight = *status == OutboxStatus::InFlight &&
                                      j.contains("sent_json") && j["sent_json"].is_string();
                u.bind(3, std::string(toString(inFlight ? OutboxStatus::InFlight
                                               : *status == OutboxStatus::Failed
                                                   ? OutboxStatus::Failed
                                                   : OutboxStatus::Pending)));
                u.bind(4, j.value("attempts", 0));
                if (inFlight)
                    u.bind(5, j["sent_json"].get<std::string>());
                else
                    u.bindNull(5);
                u.bind(6, std::string("imported from a recovered cache"));
                u.bind(7, seq).run();
                ++queued;
            }
        });
        if (!st.ok())
            return st.error();
    }
    emit outboxChanged();
    emit recordsChanged(QString());
    return queued;
}

Result<RecoveredOutbox> recoverOutbox(const QString& path) {
    RecoveredOutbox out;
    sqlite3* db = nullptr;
    // Read-only and immutable: nothing is written to the damaged file, its journal or WAL.
    // (A WAL with frames not yet checkpointed is read too: mode=ro instead of immutable.)
    const bool wal = QFileInfo(path + QStringLiteral("-wal")).size() > 0;
    const QByteArray uri = "file:" + QUrl::toPercentEncoding(path, "/") +
                           (wal ? QByteArray("?mode=ro") : QByteArray("?immutable=1"));
    if (sqlite3_open_v2(uri.constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) !=
        SQLITE_OK) {
        std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return Error{ErrorCode::StorageError,
                     "cannot open '" + path.toStdString() + "' read-only: " + msg};
    }
    // As SQLite's own .recover does: read a schema that does not fully check out.
    sqlite3_exec(db, "PRAGMA writable_schema = ON", nullptr, nullptr, nullptr);
    auto text = [](sqlite3_stmt* s, int c) {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s, c)))
                 : std::string();
    };
    auto stateValue = [&](const char* key) {
        std::string v;
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT value FROM sync_state WHERE key = ?", -1, &s, nullptr) ==
            SQLITE_OK) {
            sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
            if (sqlite3_step(s) == SQLITE_ROW)
                v = text(s, 0);
        }
        sqlite3_finalize(s);
        return v;
    };
    out.device_id = stateValue("device_id");
    out.app_type = stateValue("app_type");
    out.server_url = stateValue("server_url");
    sqlite3_stmt* next = nullptr;
    sqlite3_stmt* one = nullptr;
    const std::string cols =
        "seq, local_id, action, model, record_row, record_server_id, record_local_id, data, "
        "fields_changed, base_version, local_timestamp, priority, dependencies, status, attempts, "
        "last_error, error_code, server_id, created_at, updated_at, sent_json";
    const std::string nextSql = "SELECT " + cols + " FROM outbox WHERE seq > ? ORDER BY seq";
    const std::string oneSql = "SELECT " + cols + " FROM outbox WHERE seq = ?";
    if (sqlite3_prepare_v2(db, nextSql.c_str(), -1, &next, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(db, oneSql.c_str(), -1, &one, nullptr) != SQLITE_OK) {
        std::string msg = sqlite3_errmsg(db);
        sqlite3_finalize(next);
        sqlite3_finalize(one);
        sqlite3_close(db);
        return Error{ErrorCode::StorageError,
                     "the outbox of '" + path.toStdString() + "' cannot be read: " + msg};
    }
    // The highest seq handed out, when the sequence table is readable: the end of the scan.
    std::int64_t maxSeq = 0;
    {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'", -1, &s,
                               nullptr) == SQLITE_OK &&
            sqlite3_step(s) == SQLITE_ROW)
            maxSeq = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
    auto take = [&](sqlite3_stmt* s) {
        OutboxEntry e;
        e.seq = sqlite3_column_int64(s, 0);
        e.local_id = text(s, 1);
        e.action = actionOf(text(s, 2));
        e.model = text(s, 3);
        if (sqlite3_column_type(s, 5) != SQLITE_NULL)
            e.record_ref = sqlite3_column_int64(s, 5);
        else if (sqlite3_column_type(s, 6) != SQLITE_NULL)
            e.record_ref = text(s, 6);
        e.data = json::parse(text(s, 7), nullptr, false);
        if (!e.data.is_object())
            e.data = json::object();
        e.fields_changed = stringsOf(json::parse(text(s, 8), nullptr, false));
        if (sqlite3_column_type(s, 9) != SQLITE_NULL)
            e.base_version = sqlite3_column_int64(s, 9);
        e.local_timestamp = sqlite3_column_int64(s, 10);
        e.priority = sqlite3_column_int(s, 11);
        e.dependencies = stringsOf(json::parse(text(s, 12), nullptr, false));
        e.status = parseOutboxStatus(text(s, 13)).value_or(OutboxStatus::Pending);
        e.attempts = sqlite3_column_int(s, 14);
        e.created_at = sqlite3_column_int64(s, 18);
        out.entries.push_back(toRecoveryJson(e, text(s, 20)));
        return e.seq;
    };
    // Walk the table in seq order; where a damaged page stops the walk, probe the following
    // seqs one by one (a point lookup may reach rows that a scan cannot) and go on after the
    // next readable one.
    std::int64_t after = 0;
    for (;;) {
        sqlite3_reset(next);
        sqlite3_bind_int64(next, 1, after);
        int rc;
        while ((rc = sqlite3_step(next)) == SQLITE_ROW)
            after = take(next);
        if (rc == SQLITE_DONE)
            break;
        // Unreadable from `after + 1` on: probe single rows.
        std::int64_t probe = after + 1;
        bool found = false;
        const std::int64_t limit = std::max(maxSeq, after + 100000);
        for (; probe <= limit; ++probe) {
            sqlite3_reset(one);
            sqlite3_bind_int64(one, 1, probe);
            const int r = sqlite3_step(one);
            if (r == SQLITE_ROW) {
                after = take(one);
                found = true;
                break;
            }
            if (r != SQLITE_DONE)
                ++out.unreadable;
        }
        if (!found)
            break;
    }
    sqlite3_finalize(next);
    sqlite3_finalize(one);
    sqlite3_close(db);
    return out;
}

Status ClientCache::setLastError(const std::string& error) {
    CACHE_LOCK;
    return inTx(*d, [&] { d->setState("last_error", error); });
}

void ClientCache::setPullApplyHook(std::function<void()> hook) {
    CACHE_LOCK;
    d->pullHook = std::move(hook);
}

} // namespace bridgecore::client
