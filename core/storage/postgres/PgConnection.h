#pragma once
// libpq underneath the PostgreSQL store: one connection with its statements prepared once and
// reused, parameters and results in libpq's text format, errors that keep their SQLSTATE.

#include "protocol/Status.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct pg_conn;
struct pg_result;

namespace bridgecore::storage::postgres {

/// SQLSTATEs the store acts on.
inline constexpr std::string_view kSerializationFailure = "40001";
inline constexpr std::string_view kDeadlockDetected = "40P01";
inline constexpr std::string_view kUniqueViolation = "23505";

/// Parameters of one statement ($1, $2, ... in order of add).
class Params {
public:
    Params& add(std::int64_t v);
    Params& add(int v) { return add(static_cast<std::int64_t>(v)); }
    Params& add(double v);
    Params& add(bool v);
    Params& add(std::string v);
    Params& add(std::string_view v) { return add(std::string(v)); }
    Params& add(const char* v) { return add(std::string(v)); }
    Params& addNull();
    template <typename T> Params& add(const std::optional<T>& v) { return v ? add(*v) : addNull(); }
    int size() const { return static_cast<int>(m_values.size()); }
    /// Pointers for libpq, valid until the next add.
    const char* const* values() const;

private:
    std::vector<std::string> m_values;
    std::vector<bool> m_null;
    mutable std::vector<const char*> m_pointers;
};

/// The rows of one statement; values read by (row, column).
class Rows {
public:
    explicit Rows(pg_result* result);
    ~Rows();
    Rows(Rows&& other) noexcept;
    Rows& operator=(Rows&& other) noexcept;
    Rows(const Rows&) = delete;
    Rows& operator=(const Rows&) = delete;

    int size() const;
    bool empty() const { return size() == 0; }
    bool isNull(int row, int col) const;
    std::string_view view(int row, int col) const;
    std::string text(int row, int col) const { return std::string(view(row, col)); }
    std::int64_t int64(int row, int col) const;
    double real(int row, int col) const;
    bool boolean(int row, int col) const;
    std::optional<std::int64_t> optInt64(int row, int col) const;
    std::optional<std::string> optText(int row, int col) const;
    /// Rows changed by an INSERT/UPDATE/DELETE.
    std::int64_t affected() const;

private:
    pg_result* m_result = nullptr;
};

/// One libpq connection. Not thread-safe: one thread uses it at a time.
class Connection {
public:
    /// Connects with a libpq URI or key=value string; the password may come from the URI,
    /// PGPASSWORD or ~/.pgpass, as libpq does. Errors never contain the password.
    static Result<std::unique_ptr<Connection>> open(const std::string& uri);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// Runs `sql` (prepared on this connection at first use, keyed by the pointer: pass string
    /// literals) with `params`.
    Result<Rows> query(const char* sql, const Params& params = {});
    /// As query, for statements whose rows are not needed.
    Status exec(const char* sql, const Params& params = {});
    /// Runs a script of statements without parameters (simple query protocol).
    Status script(const std::string& sql);
    /// Sends `sql` without waiting for its outcome (libpq pipeline mode), for statements whose
    /// rows are not needed: a run of them costs one round trip instead of one each. Their
    /// first failure is returned by the next settle() — which query(), exec() and script()
    /// call first — and nothing queued after a failure runs.
    Status defer(const char* sql, const Params& params);
    /// Waits for every deferred statement; the first failure among them, if any.
    Status settle();
    /// The SQLSTATE of the last failed statement ("" after a success).
    const std::string& lastSqlState() const { return m_sqlState; }
    /// False once the server connection is lost; reset() reconnects.
    bool usable() const;
    bool reset();
    /// True inside a transaction block (also a failed one).
    bool inTransaction() const;

private:
    Connection() = default;
    Error failure(const char* what, pg_result* result);
    /// The prepared statement's name for `sql`; prepares it first (queued in a pipeline).
    Result<const std::string*> prepared(const char* sql, bool queued);

    pg_conn* m_conn = nullptr;
    std::unordered_map<const char*, std::string> m_prepared; // sql -> statement name
    std::string m_sqlState;
    int m_deferred = 0; // statements sent in pipeline mode and not yet settled
};

/// True when `location` is a PostgreSQL URI (postgresql:// or postgres://).
bool isPostgresUri(std::string_view location);
/// `location` with any password in it replaced by "***", for logs and messages.
std::string redactPassword(std::string_view location);

} // namespace bridgecore::storage::postgres
