#pragma once
// Settings of the HTTP API: limits, token lifetimes, the JWT secret, threads. Defaults are the
// guide's; `bridgecore-server serve --config FILE` reads a JSON file with any of these keys:
//   {"db": "/var/lib/bridgecore/sync.db", "listen": "127.0.0.1:8000",
//    "jwt_secret_file": "/etc/bridgecore/jwt-secret",
//    "jwt_secret": "...(>= 32 bytes; BRIDGECORE_JWT_SECRET overrides; not with jwt_secret_file)",
//    "max_body_bytes": 33554432, "access_token_seconds": 900, "refresh_token_seconds": 2592000,
//    "rate_limits": {"push": {"requests": 100, "window_seconds": 60}, "pull": {...},
//                    "resolve": {...}, "state": {...}, "reset": {...}, "login": {...},
//                    "login_address": {...}},
//    "worker_threads": 0, "log_requests": true, "gzip_min_bytes": 1024, "server_processes": 1,
//    "header_timeout_seconds": 10, "idle_timeout_seconds": 60, "max_connections": 10000,
//    "max_header_bytes": 65536,
//    "secret_key": "...(>= 32 bytes; BRIDGECORE_SECRET_KEY overrides; seals Odoo API keys)",
//    "odoo": {"poll_interval_ms": 2000}}
// "requests": 0 switches a limit off. `--db` and `--listen` win over "db" and "listen"; relative
// "db" and "jwt_secret_file" paths in a file are relative to that file's folder. Keys starting
// with # are comments; any other key not listed here is refused, naming the nearest setting.

#include "auth/TokenService.h"
#include "protocol/Protocol.h"

#include <cstdint>
#include <map>
#include <string>

namespace bridgecore::server {

struct RateLimit {
    int requests = 0; // allowed per window; 0 = unlimited
    std::int64_t window_seconds = 60;
};

/// The largest max_header_bytes accepted: QtHttpServer 6.4's bundled parser gives up on heads
/// over 80 KiB without answering, so the guard must refuse (431) before that.
inline constexpr std::int64_t kMaxHeaderBytesCeiling = 64 * 1024;

struct ServerConfig {
    /// The database: a SQLite file path (or a database URI where the build supports one).
    std::string db;
    /// HOST:PORT with a numeric address.
    std::string listen = "127.0.0.1:8000";
    /// A file holding the JWT secret (trailing whitespace is dropped); read by
    /// loadJwtSecretFile().
    std::string jwt_secret_file;
    /// HS256 secret; at least auth::kMinSecretBytes bytes in server mode.
    std::string jwt_secret;
    auth::TokenLifetimes tokens;
    /// Largest request body accepted, on the wire and after decompression (413 beyond).
    std::int64_t max_body_bytes = 32LL * 1024 * 1024;
    /// Per user and endpoint: push 100/min, pull 200/min, resolve 50/min, state 100/min,
    /// reset 10/hour. Logins: 30/min per (client address, email), and at most 300/min per
    /// client address over all emails ("login_address"), so a mistyped password locks out
    /// only its own account, not an office behind one NAT.
    std::map<std::string, RateLimit> rate_limits = {
        {"push", {100, 60}},         {"pull", {200, 60}},   {"resolve", {50, 60}},
        {"state", {100, 60}},        {"reset", {10, 3600}}, {"login", {30, 60}},
        {"login_address", {300, 60}}};
    /// How many `serve` processes share the database (PostgreSQL): rate-limit windows live in
    /// each process, so each allows its share, requests / server_processes (at least 1), and
    /// a user's total over all processes stays within the limit.
    int server_processes = 1;
    /// Threads that run database work; 0 = max(4, cores).
    int worker_threads = 0;
    /// One JSON line per request on stderr.
    bool log_requests = true;
    /// Responses at least this large are gzipped when the client accepts gzip.
    std::int64_t gzip_min_bytes = 1024;

    /// Key that seals stored secrets (tenants' Odoo API keys); see odoo/SecretBox.h.
    std::string secret_key;
    /// How often a tenant attached to Odoo polls it for changes (update.webhook or write_date).
    std::int64_t odoo_poll_interval_ms = 2000;
    // ---- connections (enforced under QtHttpServer, see ConnectionGuard) ----
    /// A connection that has not sent a complete request head this long after it opened (or
    /// after the first byte of its next request) is closed: slowloris.
    std::int64_t header_timeout_seconds = 10;
    /// A keep-alive connection with no request in flight is closed after this long.
    std::int64_t idle_timeout_seconds = 60;
    /// Connections beyond this many are closed as soon as they are accepted; existing ones
    /// keep working.
    std::int64_t max_connections = 10000;
    /// Largest request head (request line, query string and headers) in bytes: 431 beyond,
    /// however the bytes arrive. At most kMaxHeaderBytesCeiling.
    std::int64_t max_header_bytes = 64 * 1024;

    /// Applies the fields present in `j` over the current values; ValidationError naming the
    /// first bad field otherwise.
    Status apply(const protocol::json& j);
    /// Reads a JSON config file (see apply()).
    Status applyFile(const std::string& path);
    /// Sets jwt_secret from jwt_secret_file when that is set; an error naming the file when it
    /// cannot be read or is empty.
    Status loadJwtSecretFile();
};

} // namespace bridgecore::server
