#pragma once
// Query-string parameters of the HTTP API, read with FastAPI-style validation: each bad value
// adds an issue with loc ["query", name] and the caller answers 422 with all of them.

#include "protocol/Protocol.h"

#include <QUrlQuery>

#include <cstdint>
#include <optional>
#include <string>

namespace bridgecore::server {

struct QueryParams {
    const QUrlQuery& q;
    protocol::ValidationIssues& issues;

    /// The decoded value, or nullopt when the parameter is absent.
    std::optional<std::string> string(const char* name) const;
    /// The required device_id (at least protocol::kMinIdLength characters).
    std::string deviceId() const;
    /// An integer in [min, max]; `fallback` when absent or bad (bad adds an issue).
    std::optional<std::int64_t> integer(const char* name, std::int64_t min, std::int64_t max,
                                        std::optional<std::int64_t> fallback) const;
    /// ISO-8601 or milliseconds since the epoch; nullopt when absent or bad (bad adds an issue).
    std::optional<protocol::Millis> time(const char* name) const;
};

} // namespace bridgecore::server
