// What the HTTP layer decodes before any JSON: gzip/zlib request bodies and query strings.

#include "FuzzTargets.h"

#include "server/BodyCodec.h"
#include "server/QueryParams.h"

#include <QUrl>
#include <QUrlQuery>

namespace bridgecore::fuzz {

int gzipInflate(const std::uint8_t* data, std::size_t size) {
    const QByteArray in(reinterpret_cast<const char*>(data), qsizetype(size));
    constexpr qint64 kLimit = 64 * 1024; // small, so the bomb check is reached quickly
    const auto inflated = server::inflateBody(in, kLimit);
    if (inflated.ok())
        FUZZ_CHECK(inflated.value().size() <= kLimit);
    else
        FUZZ_CHECK(inflated.error().code == ErrorCode::ValidationError ||
                   inflated.error().code == ErrorCode::PayloadTooLarge);
    // What the server sends must come back unchanged.
    const QByteArray packed = server::gzipCompress(in, 1);
    const auto back = server::inflateBody(packed, qint64(size) + 1);
    FUZZ_CHECK(back.ok() && back.value() == in);
    return 0;
}

int queryString(const std::uint8_t* data, std::size_t size) {
    // The path and query of a request line, as QtHttpServer hands them over.
    const QByteArray raw(reinterpret_cast<const char*>(data), qsizetype(size));
    const QUrl url(QStringLiteral("http://127.0.0.1/api/v1/offline-sync/state?") +
                   QString::fromUtf8(raw));
    const QUrlQuery query(url);
    protocol::ValidationIssues issues;
    const server::QueryParams params{query, issues};
    (void)params.deviceId();
    const auto limit = params.integer("limit", 1, 500, 100);
    FUZZ_CHECK(!limit || (*limit >= 1 && *limit <= 500));
    const auto offset = params.integer("offset", 0, INT32_MAX, 0);
    FUZZ_CHECK(!offset || (*offset >= 0 && *offset <= INT32_MAX));
    (void)params.integer("after_event_id", 0, INT64_MAX, std::nullopt);
    (void)params.time("from");
    (void)params.time("to");
    (void)params.string("search");
    for (const auto& issue : issues) {
        FUZZ_CHECK(issue.loc.is_array() && issue.loc.size() == 2 && issue.loc[0] == "query");
        (void)protocol::toJson(issues).dump(-1, ' ', false,
                                            protocol::json::error_handler_t::replace);
    }
    return 0;
}

} // namespace bridgecore::fuzz
