#pragma once
// OdooClient: calls model methods of one Odoo database through either external API.
//   JSON-2 (Odoo 19+): POST /json/2/<model>/<method>, Authorization: bearer <API key>,
//     X-Odoo-Database; named arguments plus `ids` in a JSON object; errors are 4xx/5xx with
//     {name, message, arguments, context, debug}.
//   JSON-RPC (Odoo 14-18; deprecated in 19, removed in 22): POST /jsonrpc, common.authenticate
//     then object.execute_kw(db, uid, secret, model, method, [ids], kwargs); errors are
//     {"error": {"code", "message", "data": {name, message, ...}}} with HTTP 200.
// Odoo's refusals become Errors with a per-change code (odooErrorCode); network failures,
// timeouts and 5xx are retried with exponential backoff and end as OdooUnavailable. Thread
// safe; connections are pooled. The secret never appears in an error message or a log line.

#include "odoo/HttpPool.h"
#include "protocol/Protocol.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace bridgecore::odoo {

using protocol::json;

enum class Api { Json2, JsonRpc };
std::string_view apiName(Api api);
std::optional<Api> parseApi(std::string_view name);

struct OdooConfig {
    std::string url; // http[s]://host[:port][/prefix]
    std::string database;
    std::string login;
    std::string secret;     // API key (JSON-2); API key or password (JSON-RPC)
    std::optional<Api> api; // nullopt: JSON-2 when /web/version says 19 or later
    int timeout_ms = 30000; // per attempt
    int retries = 3;        // further attempts after a network failure, timeout or 5xx
    int backoff_ms = 200;   // before the first retry; doubles each time
    int pool_size = 8;      // idle keep-alive connections kept
    /// https: a PEM file of CA certificates trusted besides the system's (a self-signed Odoo).
    std::string ca_file;
    /// The tenant's language in Odoo (a res.lang code such as fr_FR): field labels are asked
    /// in it (labelsContext()); empty: Odoo's source labels (English).
    std::string lang;
};

/// The `context` kwarg for a call whose answer has labels (fields_get): {"lang": config.lang},
/// as Odoo's external API takes it; null when no language is configured.
json labelsContext(const OdooConfig& config);

struct OdooVersion {
    std::string version; // "19.0"
    int major = 0;
};

/// The per-change code of an Odoo exception, from its fully qualified name
/// (odoo.exceptions.AccessError -> AccessDenied, ...ValidationError/UserError -> OdooValidation,
/// ...MissingError -> RecordNotFound, ...AccessDenied / werkzeug Unauthorized -> Unauthorized).
ErrorCode odooErrorCode(std::string_view exceptionName, int httpStatus);

class OdooClient {
public:
    explicit OdooClient(OdooConfig config);

    /// Checks the URL (http:// or https://) and sets up the pool (TLS for https, see HttpPool);
    /// ValidationError naming the problem otherwise. Must succeed before any call.
    Status open();
    /// GET /web/version, falling back to JSON-RPC common.version on Odoo before 17.
    Result<OdooVersion> version();
    /// Picks the API (when not configured) and checks the secret: JSON-2 asks
    /// res.users/context_get, JSON-RPC common.authenticate. Returns the user id; Unauthorized
    /// for a bad key or password, NotFound for an unknown database.
    Result<std::int64_t> authenticate();
    /// Calls `model.method` on `ids` (an array; empty for @api.model methods) with named
    /// arguments `kwargs` (an object). Authenticates first when needed.
    Result<json> call(const std::string& model, const std::string& method, const json& ids,
                      const json& kwargs);

    Api api() const;
    std::int64_t uid() const;
    const OdooConfig& config() const { return m_config; }

    struct Stats {
        std::int64_t calls = 0;    // HTTP requests sent (attempts, retries included)
        std::int64_t retries = 0;  // of which retries
        std::int64_t failures = 0; // calls that ended in an error
        double ms_total = 0;       // time in successful calls
    };
    Stats stats() const;
    /// TCP connections opened so far (keep-alive connections are reused from the pool).
    int connectionsOpened() const { return m_pool ? m_pool->connectionsOpened() : 0; }

private:
    Result<json> send(const std::string& path, const json& body, bool json2,
                      const std::string& what);
    Result<json> attempt(const std::string& path, const std::string& body, bool json2,
                         bool& retryable);

    OdooConfig m_config;
    std::string m_host, m_prefix;
    int m_port = 80;
    std::unique_ptr<HttpPool> m_pool;
    mutable std::mutex m_mutex;
    std::optional<Api> m_api;
    std::optional<OdooVersion> m_version;
    std::int64_t m_uid = 0;
    std::atomic<std::int64_t> m_calls{0}, m_retries{0}, m_failures{0}, m_usTotal{0};
};

// ---- Odoo's value shapes ----

/// many2one as read: [id, "name"] -> id; false/null -> nullopt; a bare id -> id.
std::optional<std::int64_t> many2oneId(const json& value);
/// "YYYY-MM-DD HH:MM:SS" (UTC, as Odoo stores datetimes) -> Millis; nullopt on anything else.
std::optional<protocol::Millis> parseOdooDatetime(const json& value);
/// Millis -> "YYYY-MM-DD HH:MM:SS" in UTC.
std::string formatOdooDatetime(protocol::Millis t);
/// A record as read from Odoo into BridgeCore's shape, given fields_get types: many2one -> id
/// or null, `false` for an empty non-boolean field -> null, x2many stay id lists, `id` dropped.
json normaliseRecord(const json& record, const json& fieldTypes);

} // namespace bridgecore::odoo
