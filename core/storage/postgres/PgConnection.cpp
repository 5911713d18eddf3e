#include "storage/postgres/PgConnection.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>

namespace bridgecore::storage::postgres {

// ---- Params -------------------------------------------------------------------------------------

Params& Params::add(std::int64_t v) {
    m_values.push_back(std::to_string(v));
    m_null.push_back(false);
    return *this;
}
Params& Params::add(double v) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    m_values.emplace_back(buf, ec == std::errc() ? end : buf);
    m_null.push_back(false);
    return *this;
}
Params& Params::add(bool v) {
    m_values.emplace_back(v ? "t" : "f");
    m_null.push_back(false);
    return *this;
}
Params& Params::add(std::string v) {
    m_values.push_back(std::move(v));
    m_null.push_back(false);
    return *this;
}
Params& Params::addNull() {
    m_values.emplace_back();
    m_null.push_back(true);
    return *this;
}
const char* const* Params::values() const {
    m_pointers.resize(m_values.size());
    for (std::size_t i = 0; i < m_values.size(); ++i)
        m_pointers[i] = m_null[i] ? nullptr : m_values[i].c_str();
    return m_pointers.data();
}

// ---- Rows ---------------------------------------------------------------------------------------

Rows::Rows(pg_result* result)
    : m_result(result) {}
Rows::~Rows() {
    PQclear(m_result);
}
Rows::Rows(Rows&& other) noexcept
    : m_result(std::exchange(other.m_result, nullptr)) {}
Rows& Rows::operator=(Rows&& other) noexcept {
    if (this != &other) {
        PQclear(m_result);
        m_result = std::exchange(other.m_result, nullptr);
    }
    return *this;
}
int Rows::size() const {
    return m_result ? PQntuples(m_result) : 0;
}
bool Rows::isNull(int r, int c) const {
    return PQgetisnull(m_result, r, c) != 0;
}
std::string_view Rows::view(int r, int c) const {
    return {PQgetvalue(m_result, r, c), static_cast<std::size_t>(PQgetlength(m_result, r, c))};
}
std::int64_t Rows::int64(int r, int c) const {
    const std::string_view v = view(r, c);
    std::int64_t out = 0;
    std::from_chars(v.data(), v.data() + v.size(), out);
    return out;
}
double Rows::real(int r, int c) const {
    return std::strtod(PQgetvalue(m_result, r, c), nullptr);
}
bool Rows::boolean(int r, int c) const {
    const std::string_view v = view(r, c);
    return !v.empty() && (v[0] == 't' || v[0] == '1');
}
std::optional<std::int64_t> Rows::optInt64(int r, int c) const {
    return isNull(r, c) ? std::nullopt : std::optional(int64(r, c));
}
std::optional<std::string> Rows::optText(int r, int c) const {
    return isNull(r, c) ? std::nullopt : std::optional(text(r, c));
}
std::int64_t Rows::affected() const {
    const char* n = m_result ? PQcmdTuples(m_result) : "";
    return *n ? std::strtoll(n, nullptr, 10) : 0;
}

// ---- Connection ---------------------------------------------------------------------------------

Result<std::unique_ptr<Connection>> Connection::open(const std::string& uri) {
    // The URI's own settings win over these defaults (they come before dbname).
    const char* keys[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
    const char* values[] = {"10", "bridgecore", uri.c_str(), nullptr};
    std::unique_ptr<Connection> c(new Connection);
    c->m_conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
    if (!c->m_conn)
        return Error{ErrorCode::StorageError, "out of memory connecting to PostgreSQL"};
    if (PQstatus(c->m_conn) != CONNECTION_OK) {
        std::string message = PQerrorMessage(c->m_conn);
        while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
            message.pop_back();
        return Error{ErrorCode::StorageError,
                     "cannot connect to PostgreSQL at " + redactPassword(uri) + ": " + message};
    }
    PQsetNoticeProcessor(
        c->m_conn, [](void*, const char*) {}, nullptr);
    return c;
}

Connection::~Connection() {
    PQfinish(m_conn);
}

Error Connection::failure(const char* what, pg_result* result) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    m_sqlState = state ? state : "";
    std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(m_conn);
    if (message.empty())
        message = PQerrorMessage(m_conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    PQclear(result);
    return Error{ErrorCode::StorageError, std::string(what) + ": " + message};
}

Result<const std::string*> Connection::prepared(const char* sql, bool queued) {
    auto it = m_prepared.find(sql);
    if (it != m_prepared.end())
        return &it->second;
    std::string name = "bc" + std::to_string(m_prepared.size() + 1);
    if (queued) {
        if (!PQsendPrepare(m_conn, name.c_str(), sql, 0, nullptr))
            return failure("preparing a statement", nullptr);
    } else {
        PGresult* r = PQprepare(m_conn, name.c_str(), sql, 0, nullptr);
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            return failure("preparing a statement", r);
        PQclear(r);
    }
    return &m_prepared.emplace(sql, std::move(name)).first->second;
}

Result<Rows> Connection::query(const char* sql, const Params& params) {
    if (Status s = settle(); !s.ok())
        return s.error();
    auto name = prepared(sql, false);
    if (!name.ok())
        return name.error();
    PGresult* r = PQexecPrepared(m_conn, name.value()->c_str(), params.size(), params.values(),
                                 nullptr, nullptr, 0);
    const auto status = PQresultStatus(r);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        return failure("PostgreSQL", r);
    m_sqlState.clear();
    return Rows(r);
}

Status Connection::defer(const char* sql, const Params& params) {
    if (m_deferred >= 512) // keep the server's replies well inside the socket buffers
        if (Status s = settle(); !s.ok())
            return s;
    if (m_deferred == 0 && PQpipelineStatus(m_conn) == PQ_PIPELINE_OFF &&
        !PQenterPipelineMode(m_conn))
        return failure("entering pipeline mode", nullptr);
    auto name = prepared(sql, true);
    if (!name.ok())
        return name.error();
    if (!PQsendQueryPrepared(m_conn, name.value()->c_str(), params.size(), params.values(), nullptr,
                             nullptr, 0))
        return failure("sending a statement", nullptr);
    ++m_deferred;
    return {};
}

Status Connection::settle() {
    if (PQpipelineStatus(m_conn) == PQ_PIPELINE_OFF)
        return {};
    std::optional<Error> first;
    if (m_deferred > 0 && !PQpipelineSync(m_conn)) {
        first = failure("syncing the pipeline", nullptr);
    } else if (m_deferred > 0) {
        // Each queued command answers with its result(s) and a null; the sync with its own.
        for (;;) {
            PGresult* r = PQgetResult(m_conn);
            if (!r) {
                if (PQstatus(m_conn) != CONNECTION_OK) {
                    if (!first)
                        first = failure("the connection to PostgreSQL", nullptr);
                    break;
                }
                continue;
            }
            const auto status = PQresultStatus(r);
            if (status == PGRES_PIPELINE_SYNC) {
                PQclear(r);
                break;
            }
            if (status == PGRES_FATAL_ERROR && !first)
                first = failure("PostgreSQL", r); // clears r
            else
                PQclear(r);
        }
    }
    m_deferred = 0;
    if (!PQexitPipelineMode(m_conn) && !first)
        first = failure("leaving pipeline mode", nullptr);
    if (first)
        return *first;
    m_sqlState.clear();
    return {};
}

Status Connection::exec(const char* sql, const Params& params) {
    auto r = query(sql, params);
    if (!r.ok())
        return r.error();
    return {};
}

Status Connection::script(const std::string& sql) {
    if (Status s = settle(); !s.ok())
        return s;
    PGresult* r = PQexec(m_conn, sql.c_str());
    const auto status = PQresultStatus(r);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        return failure("PostgreSQL", r);
    PQclear(r);
    m_sqlState.clear();
    return {};
}

bool Connection::usable() const {
    return PQstatus(m_conn) == CONNECTION_OK;
}

bool Connection::reset() {
    m_deferred = 0;
    PQreset(m_conn);
    m_prepared.clear(); // prepared statements die with the server session
    return usable();
}

bool Connection::inTransaction() const {
    const auto s = PQtransactionStatus(m_conn);
    return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

// ---- locations ----------------------------------------------------------------------------------

bool isPostgresUri(std::string_view location) {
    return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::string redactPassword(std::string_view location) {
    std::string out(location);
    if (isPostgresUri(out)) {
        // scheme://user:password@host...: the password sits between the first ':' after the
        // scheme and the last '@' of the authority.
        const std::size_t start = out.find("://") + 3;
        std::size_t end = out.find_first_of("/?", start);
        if (end == std::string::npos)
            end = out.size();
        const std::size_t at = out.rfind('@', end);
        if (at != std::string::npos && at >= start) {
            const std::size_t colon = out.find(':', start);
            if (colon != std::string::npos && colon < at)
                out.replace(colon + 1, at - colon - 1, "***");
        }
    }
    // password=... in a query string or a key=value string.
    for (std::size_t p = out.find("password="); p != std::string::npos;
         p = out.find("password=", p + 1)) {
        if (p > 0 && out[p - 1] != '?' && out[p - 1] != '&' && out[p - 1] != ' ')
            continue;
        const std::size_t v = p + 9;
        std::size_t e = out.find_first_of("& ", v);
        if (e == std::string::npos)
            e = out.size();
        out.replace(v, e - v, "***");
    }
    return out;
}

} // namespace bridgecore::storage::postgres
