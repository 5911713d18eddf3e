#pragma once
// SyncStore on SQLite through the C API: the push and pull hot paths need its speed, and a
// connection per reading thread needs connections that are not tied to one thread.

#include "storage/SyncStore.h"

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace bridgecore::storage {

/// A prepared statement on the native handle, reset on every use.
class Statement {
public:
    Statement(sqlite3* db, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool valid() const { return m_stmt != nullptr; }
    Statement& reset();
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, const std::string& value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    /// Binds the text without copying it: it must stay alive and unchanged until the
    /// statement is reset (for the hot paths, where it is a local or a field of an argument).
    Statement& bindRef(int index, std::string_view value);
    Statement& bindNull(int index);
    template <typename T> Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bindNull(index);
    }
    /// SQLITE_ROW, SQLITE_DONE or an error code.
    int step();
    /// Runs to completion; false on error.
    bool exec();

    bool isNull(int col) const;
    std::int64_t int64(int col) const;
    double real(int col) const;
    std::string text(int col) const;
    std::optional<std::int64_t> optInt64(int col) const;
    std::optional<std::string> optText(int col) const;

private:
    friend class SqliteConnection;
    Statement() = default; // fails at step()
    sqlite3_stmt* m_stmt = nullptr;
    bool m_clean = true;   // neither stepped nor bound since prepared or reset
    bool m_used = false;   // listed in its connection's statements in use
    unsigned m_tables = 0; // the queued tables its SQL names (SqliteConnection::Table bits)
};

class SqliteConnection;

/// Rows of one table queued in the open write transaction and not inserted yet: inserted
/// kRowsPerInsert at a time by one multi-row INSERT (a statement per row cost ~2x for an event
/// row, ~1.1x for a ledger row: callgrind), always before a statement naming the table runs
/// on the connection (SqliteConnection::stmt), before a savepoint begins or ends and before
/// the commit, so no statement ever sees the table without them.
class RowBatch {
public:
    static constexpr std::size_t kRowsPerInsert = 64;
    /// `insert` is "INSERT INTO table(columns) VALUES ", `width` the number of columns.
    RowBatch(std::string insert, int width);

    // One row: `width` values in column order, then endRow().
    RowBatch& add(std::int64_t value);
    RowBatch& add(std::string_view text); // copied
    RowBatch& addNull();
    template <typename T> RowBatch& add(const std::optional<T>& value) {
        return value ? add(*value) : addNull();
    }
    /// True when kRowsPerInsert rows wait (time to flush).
    bool endRow() { return ++m_rows >= kRowsPerInsert; }
    bool empty() const { return m_rows == 0; }

    /// Inserts the rows (and forgets them, also on failure).
    Status flush(SqliteConnection& c, const char* what);
    /// Forgets the rows (their transaction or savepoint is rolled back).
    void drop();

private:
    struct Value {
        enum Kind : unsigned char { Int, Text, Null } kind = Null;
        std::int64_t number = 0; // Int: the value; Text: offset in m_text
        std::size_t size = 0;    // Text: length
    };
    int m_width;
    std::vector<std::string> m_sql; // [k - 1]: the INSERT of k rows
    std::vector<Value> m_values;
    std::string m_text;
    std::size_t m_rows = 0;
};

/// One native connection and its prepared statements (prepared once, reused).
class SqliteConnection {
public:
    ~SqliteConnection();
    /// Opens `path` with the C API; `writer` creates the file and sets WAL mode.
    static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path, bool writer);

    sqlite3* handle() const { return m_db; }
    /// The statement for `sql` (a string literal or other string that outlives the connection),
    /// reset; it stays in use until resetUsed(). The queued rows (RowBatch) of every table the
    /// SQL names are inserted first; when that fails, the statement returned fails at step()
    /// and error() tells why.
    Statement& stmt(const char* sql);
    /// As stmt(), leaving queued rows queued (RowBatch's own inserts).
    Statement& prepared(const char* sql);
    /// Resets every statement used since the last call, so no cursor outlives a transaction.
    void resetUsed();
    Status exec(const char* sql);
    /// Runs one statement without a result (BEGIN, COMMIT, SAVEPOINT...) prepared once per
    /// connection: sqlite3_exec parses its text at every call. `sql` outlives the connection.
    Status run(const char* sql);
    Error error(const char* what) const;

    /// Record, event and ledger rows of the open write transaction, inserted several per
    /// statement.
    RowBatch records;
    RowBatch events;
    RowBatch ledger;
    enum Table : unsigned { Records = 1, Events = 2, Ledger = 4, AllTables = 7 };
    /// Inserts the queued rows of `tables` (and forgets them, also on failure).
    Status flushRows(unsigned tables = AllTables);
    /// Forgets every queued row (their transaction or savepoint is rolled back).
    void dropRows();
    /// Why queued rows could not be inserted ("" if they could): every statement and write
    /// of the transaction fails until their savepoint or the transaction rolls back.
    const std::string& rowsLost() const { return m_flushError; }

private:
    SqliteConnection();
    sqlite3* m_db = nullptr;
    std::vector<Statement*> m_used;
    std::unordered_map<const char*, std::unique_ptr<Statement>> m_statements;
    std::unordered_map<const char*, std::unique_ptr<Statement>> m_control; // run()'s
    Statement m_failed;       // handed out when queued rows could not be inserted
    std::string m_flushError; // why (until the rows of a new transaction are queued)
};

/// Copies the write-ahead log into the database file on a thread and connection of its own.
/// SQLite's automatic checkpoint runs inside the COMMIT that takes the log past 1,000 pages,
/// so the writer (and every push of its group) waited for it; here the commit only wakes this
/// thread, which checkpoints PASSIVE (never waiting for readers or the writer).
class WalCheckpointer {
public:
    /// Installs itself as `writer`'s WAL hook (which turns SQLite's automatic checkpoint off).
    static Result<std::unique_ptr<WalCheckpointer>> start(const std::string& path, sqlite3* writer);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;
    struct Stats {
        std::uint64_t checkpoints = 0; // run so far
        double cpu_seconds = 0;        // this thread's CPU time in them
    };
    Stats stats() const;
    /// Waits until no checkpoint runs or is asked for (benchmarks attribute its CPU time).
    void waitIdle();

    /// Log pages that start a checkpoint. SQLite's default (wal_autocheckpoint) is 1,000; a
    /// group commit rewrites the same hot pages (index tails, counters, device rows) again and
    /// again, and a checkpoint copies each page once however often the log holds it, so 4,000
    /// copies markedly fewer pages (and syncs a quarter as often) per commit: the checkpointer
    /// fell from ~11% to ~7% of the server's CPU in the 50-device run. Below 4,096 the log's
    /// index stays one hash segment for readers to search.
    static constexpr int kPages = 4000;

private:
    WalCheckpointer() = default;
    static int onCommit(void* self, sqlite3* db, const char* schema, int pages);
    void run();

    sqlite3* m_db = nullptr;     // the checkpointer's own connection
    sqlite3* m_writer = nullptr; // whose hook this is
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_requested = false;
    bool m_running = false;
    bool m_stopping = false;
    Stats m_stats;
    std::thread m_thread;
};

/// SyncStore on SQLite in WAL mode: one writer connection (write transactions take turns on
/// it) and a pool of reader connections, one per concurrent read transaction, so readers run
/// beside the writer on their own snapshot. A private ":memory:" database has one connection:
/// there reads take turns with the writer.
class SqliteStore final : public SyncStore {
public:
    ~SqliteStore() override;
    static Result<std::shared_ptr<SqliteStore>> open(const std::string& path);

    Result<std::unique_ptr<ReadTransaction>> read() override;
    Result<std::unique_ptr<WriteTransaction>> write() override;
    int schemaVersion() override;
    bool healthy() override;

    /// The writer's native handle, for benchmarks comparing against the raw C API.
    sqlite3* handle() const { return m_writer->handle(); }
    /// What the background checkpointer did (nothing for a private ":memory:" database).
    WalCheckpointer::Stats checkpointStats() const {
        return m_checkpointer ? m_checkpointer->stats() : WalCheckpointer::Stats{};
    }
    /// Waits until the background checkpointer is idle.
    void waitForCheckpoints() {
        if (m_checkpointer)
            m_checkpointer->waitIdle();
    }

private:
    friend class SqliteTransaction;
    SqliteStore() = default;
    Status migrate();
    void giveBack(std::unique_ptr<SqliteConnection> reader);

    std::string m_path;
    bool m_memory = false;
    std::unique_ptr<SqliteConnection> m_writer;
    std::unique_ptr<WalCheckpointer> m_checkpointer; // after m_writer: stops first
    std::recursive_mutex m_writerMutex; // held by the write transaction (and memory-mode reads)
    std::mutex m_poolMutex;
    std::vector<std::unique_ptr<SqliteConnection>> m_idleReaders;
    /// Each tenant's model map as a read snapshot last read it, with its version: the tenant's
    /// "model-map" counter, which every transaction changing the map takes (in any process),
    /// so a snapshot that sees the same version sees the same map (SqliteTransaction::modelMap).
    struct CachedModelMap {
        std::int64_t version = 0;
        std::shared_ptr<const ModelMap> map;
    };
    std::mutex m_modelMapMutex;
    std::map<std::int64_t, CachedModelMap> m_modelMaps;
    int m_schemaVersion = 0;
};

} // namespace bridgecore::storage
