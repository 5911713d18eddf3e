#include "ServerConfig.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace bridgecore::server {

using protocol::json;

namespace {
Error bad(const std::string& field, const std::string& what) {
    return Error{ErrorCode::ValidationError, "config: '" + field + "' " + what};
}
} // namespace

Status ServerConfig::apply(const json& j) {
    if (!j.is_object())
        return Error{ErrorCode::ValidationError, "config: the file must hold a JSON object"};
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
    if (j.contains("log_requests")) {
        if (!j["log_requests"].is_boolean())
            return bad("log_requests", "must be true or false");
        log_requests = j["log_requests"].get<bool>();
    }
    if (j.contains("rate_limits")) {
        const auto& rl = j["rate_limits"];
        if (!rl.is_object())
            return bad("rate_limits", "must be an object");
        for (const auto& [name, limit] : rl.items()) {
            const std::string field = "rate_limits." + name;
            if (!rate_limits.count(name))
                return bad(field, "is not a rate-limited endpoint");
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
