#include "ServerConfig.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

namespace bridgecore::server {

using protocol::json;

namespace {
Error bad(const std::string& field, const std::string& what) {
    return Error{ErrorCode::ValidationError, "config: '" + field + "' " + what};
}

std::size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// A typo in the file must not leave a default silently in force: every key of `object` is one
/// of `known` or a comment (a key starting with #).
Status onlyKnownKeys(const json& object, std::initializer_list<const char*> known,
                     const std::string& prefix = {}) {
    for (const auto& [key, value] : object.items()) {
        if (key.starts_with('#') ||
            std::any_of(known.begin(), known.end(), [&](const char* k) { return key == k; }))
            continue;
        // Name the nearest setting when it is close enough to be the intended one.
        const char* nearest = nullptr;
        std::size_t best = std::max<std::size_t>(2, key.size() / 4) + 1;
        for (const char* k : known)
            if (const std::size_t d = editDistance(key, k); d < best)
                best = d, nearest = k;
        std::string what = "is not a setting";
        if (nearest)
            what += std::string(" (did you mean '") + nearest + "'?)";
        return bad(prefix + key, what);
    }
    return Status::success();
}
} // namespace

Status ServerConfig::apply(const json& j) {
    if (!j.is_object())
        return Error{ErrorCode::ValidationError, "config: the file must hold a JSON object"};
    if (Status s =
            onlyKnownKeys(j, {"db", "listen", "jwt_secret", "jwt_secret_file", "max_body_bytes",
                              "gzip_min_bytes", "access_token_seconds", "refresh_token_seconds",
                              "rate_limits", "header_timeout_seconds", "idle_timeout_seconds",
                              "max_connections", "max_header_bytes", "worker_threads",
                              "server_processes", "log_requests", "secret_key", "odoo"});
        !s.ok())
        return s;
    auto integer = [&](const char* key, std::int64_t min, std::int64_t& out) -> Status {
        if (!j.contains(key))
            return Status::success();
        if (!j[key].is_number_integer() || j[key].get<std::int64_t>() < min)
            return bad(key, "must be an integer >= " + std::to_string(min));
        out = j[key].get<std::int64_t>();
        return Status::success();
    };
    for (auto [key, out] : {std::pair{"db", &db}, std::pair{"listen", &listen},
                            std::pair{"jwt_secret_file", &jwt_secret_file}}) {
        if (!j.contains(key))
            continue;
        if (!j[key].is_string() || j[key].get<std::string>().empty())
            return bad(key, "must be a non-empty string");
        *out = j[key].get<std::string>();
    }
    if (j.contains("jwt_secret") && j.contains("jwt_secret_file"))
        return bad("jwt_secret", "and 'jwt_secret_file' exclude each other: keep one");
    if (j.contains("jwt_secret")) {
        if (!j["jwt_secret"].is_string())
            return bad("jwt_secret", "must be a string");
        jwt_secret = j["jwt_secret"].get<std::string>();
    }
    std::int64_t v = max_body_bytes;
    if (auto s = integer("max_body_bytes", 1024, v); !s.ok())
        return s;
    max_body_bytes = v;
    v = tokens.access_seconds;
    if (auto s = integer("access_token_seconds", 1, v); !s.ok())
        return s;
    tokens.access_seconds = v;
    v = tokens.refresh_seconds;
    if (auto s = integer("refresh_token_seconds", 1, v); !s.ok())
        return s;
    tokens.refresh_seconds = v;
    v = worker_threads;
    if (auto s = integer("worker_threads", 0, v); !s.ok())
        return s;
    worker_threads = static_cast<int>(v);
    v = server_processes;
    if (auto s = integer("server_processes", 1, v); !s.ok())
        return s;
    server_processes = static_cast<int>(v);
    v = gzip_min_bytes;
    if (auto s = integer("gzip_min_bytes", 0, v); !s.ok())
        return s;
    gzip_min_bytes = v;
    for (auto [key, min, field] : {std::tuple{"header_timeout_seconds", 1, &header_timeout_seconds},
                                   std::tuple{"idle_timeout_seconds", 1, &idle_timeout_seconds},
                                   std::tuple{"max_connections", 1, &max_connections},
                                   std::tuple{"max_header_bytes", 1024, &max_header_bytes}}) {
        v = *field;
        if (auto s = integer(key, min, v); !s.ok())
            return s;
        *field = v;
    }
    // QtHttpServer's own parser refuses heads over 80 KiB without an answer: stay below it.
    if (max_header_bytes > kMaxHeaderBytesCeiling)
        return bad("max_header_bytes", "must be at most " + std::to_string(kMaxHeaderBytesCeiling));
    if (j.contains("log_requests")) {
        if (!j["log_requests"].is_boolean())
            return bad("log_requests", "must be true or false");
        log_requests = j["log_requests"].get<bool>();
    }
    if (j.contains("secret_key")) {
        if (!j["secret_key"].is_string())
            return bad("secret_key", "must be a string");
        secret_key = j["secret_key"].get<std::string>();
    }
    if (j.contains("odoo")) {
        const auto& o = j["odoo"];
        if (!o.is_object())
            return bad("odoo", "must be an object");
        if (Status s = onlyKnownKeys(o, {"poll_interval_ms"}, "odoo."); !s.ok())
            return s;
        if (o.contains("poll_interval_ms")) {
            if (!o["poll_interval_ms"].is_number_integer() ||
                o["poll_interval_ms"].get<std::int64_t>() < 10)
                return bad("odoo.poll_interval_ms", "must be an integer >= 10");
            odoo_poll_interval_ms = o["poll_interval_ms"].get<std::int64_t>();
        }
    }
    if (j.contains("rate_limits")) {
        const auto& rl = j["rate_limits"];
        if (!rl.is_object())
            return bad("rate_limits", "must be an object");
        for (const auto& [name, limit] : rl.items()) {
            const std::string field = "rate_limits." + name;
            if (name.starts_with('#'))
                continue;
            if (!rate_limits.count(name))
                return bad(field, "is not a rate-limited endpoint");
            if (limit.is_object())
                if (Status s = onlyKnownKeys(limit, {"requests", "window_seconds"}, field + ".");
                    !s.ok())
                    return s;
            if (!limit.is_object() || !limit.contains("requests") ||
                !limit["requests"].is_number_integer() || limit["requests"].get<int>() < 0)
                return bad(field, "needs \"requests\" >= 0");
            RateLimit r{limit["requests"].get<int>(), rate_limits[name].window_seconds};
            if (limit.contains("window_seconds")) {
                if (!limit["window_seconds"].is_number_integer() ||
                    limit["window_seconds"].get<std::int64_t>() < 1)
                    return bad(field + ".window_seconds", "must be an integer >= 1");
                r.window_seconds = limit["window_seconds"].get<std::int64_t>();
            }
            rate_limits[name] = r;
        }
    }
    return Status::success();
}

Status ServerConfig::applyFile(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        return Error{ErrorCode::ValidationError, "config: cannot read '" + path + "'"};
    std::stringstream ss;
    ss << in.rdbuf();
    const json j = json::parse(ss.str(), nullptr, false);
    if (j.is_discarded())
        return Error{ErrorCode::ValidationError, "config: '" + path + "' is not valid JSON"};
    if (Status s = apply(j); !s.ok())
        return s;
    // Paths in a file are relative to its folder, so the service finds them from any directory.
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    auto anchor = [&](const char* key, std::string& value) {
        const bool uri = value.find("://") != std::string::npos || value == ":memory:";
        if (j.contains(key) && !uri && std::filesystem::path(value).is_relative())
            value = (folder / value).lexically_normal().string();
    };
    anchor("db", db);
    anchor("jwt_secret_file", jwt_secret_file);
    return Status::success();
}

Status ServerConfig::loadJwtSecretFile() {
    if (jwt_secret_file.empty())
        return Status::success();
    std::ifstream in(jwt_secret_file, std::ios::binary);
    if (!in)
        return Error{ErrorCode::ValidationError, "config: cannot read jwt_secret_file '" +
                                                     jwt_secret_file +
                                                     "': " + std::strerror(errno)};
    std::stringstream ss;
    ss << in.rdbuf();
    std::string secret = ss.str();
    while (!secret.empty() && std::isspace(static_cast<unsigned char>(secret.back())))
        secret.pop_back();
    if (secret.empty())
        return Error{ErrorCode::ValidationError,
                     "config: jwt_secret_file '" + jwt_secret_file + "' is empty"};
    jwt_secret = std::move(secret);
    return Status::success();
}

} // namespace bridgecore::server
