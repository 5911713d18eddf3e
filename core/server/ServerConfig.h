#pragma once
// Settings of the HTTP API: limits, token lifetimes, the JWT secret, threads. Defaults are the
// guide's; `bridgecore-server serve --config FILE` reads a JSON file with any of these keys:
//   {"db": "/var/lib/bridgecore/sync.db", "listen": "127.0.0.1:8000",
//    "jwt_secret_file": "/etc/bridgecore/jwt-secret",
//    "jwt_secret": "...(>= 32 bytes; BRIDGECORE_JWT_SECRET overrides; not with jwt_secret_file)",
//    "max_body_bytes": 33554432, "access_token_seconds": 900, "refresh_token_seconds": 2592000,
//    "rate_limits": {"push": {"requests": 100, "window_seconds": 60}, "pull": {...},
//                    "resolve": {...}, "state": {...}, "reset": {...}, "login": {...}},
//    "worker_threads": 0, "log_requests": true, "gzip_min_bytes": 1024, "server_processes": 1}
// "requests": 0 switches a limit off. `--db` and `--listen` win over "db" and "listen"; relative
// "db" and "jwt_secret_file" paths in a file are relative to that file's folder.

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
    /// reset 10/hour; login 30/min per client address.
    std::map<std::string, RateLimit> rate_limits = {{"push", {100, 60}},   {"pull", {200, 60}},
                                                    {"resolve", {50, 60}}, {"state", {100, 60}},
                                                    {"reset", {10, 3600}}, {"login", {30, 60}}};
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
