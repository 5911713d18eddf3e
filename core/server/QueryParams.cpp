#include "QueryParams.h"

namespace bridgecore::server {

using protocol::json;

std::optional<std::string> QueryParams::string(const char* name) const {
    if (!q.hasQueryItem(QString::fromLatin1(name)))
        return std::nullopt;
    return q.queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded).toStdString();
}

std::string QueryParams::deviceId() const {
    auto v = string("device_id");
    if (!v) {
        issues.push_back({json::array({"query", "device_id"}), "Field required", "missing"});
        return {};
    }
    if (v->size() < protocol::kMinIdLength) {
        issues.push_back({json::array({"query", "device_id"}),
                          "String should have at least 3 characters", "string_too_short"});
        return {};
    }
    return *v;
}

std::optional<std::int64_t> QueryParams::integer(const char* name, std::int64_t min,
                                                 std::int64_t max,
                                                 std::optional<std::int64_t> fallback) const {
    auto v = string(name);
    if (!v)
        return fallback;
    bool ok = false;
    const qlonglong n = QString::fromStdString(*v).toLongLong(&ok);
    if (!ok) {
        issues.push_back({json::array({"query", name}),
                          "Input should be a valid integer, unable to parse string as an integer",
                          "int_parsing"});
        return fallback;
    }
    if (n < min) {
        issues.push_back({json::array({"query", name}),
                          "Input should be greater than or equal to " + std::to_string(min),
                          "greater_than_equal"});
        return fallback;
    }
    if (n > max) {
        issues.push_back({json::array({"query", name}),
                          "Input should be less than or equal to " + std::to_string(max),
                          "less_than_equal"});
        return fallback;
    }
    return n;
}

std::optional<protocol::Millis> QueryParams::time(const char* name) const {
    auto v = string(name);
    if (!v)
        return std::nullopt;
    bool ok = false;
    const qlonglong ms = QString::fromStdString(*v).toLongLong(&ok);
    if (ok)
        return ms;
    if (auto t = protocol::parseTime(*v))
        return *t;
    issues.push_back({json::array({"query", name}),
                      "Input should be an ISO-8601 time or milliseconds since the epoch",
                      "datetime_parsing"});
    return std::nullopt;
}

} // namespace bridgecore::server
