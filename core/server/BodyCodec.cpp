#include "BodyCodec.h"

#include <zlib.h>

namespace bridgecore::server {

Result<QByteArray> inflateBody(const QByteArray& compressed, qint64 maxBytes) {
    z_stream s{};
    if (inflateInit2(&s, 15 + 32) != Z_OK) // 15 + 32: gzip or zlib header, detected
        return Error{ErrorCode::Internal, "zlib could not be initialised"};
    QByteArray out;
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.constData()));
    s.avail_in = static_cast<uInt>(compressed.size());
    char chunk[64 * 1024];
    int rc = Z_OK;
    while (true) {
        s.next_out = reinterpret_cast<Bytef*>(chunk);
        s.avail_out = sizeof chunk;
        rc = inflate(&s, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&s);
            return Error{ErrorCode::ValidationError, "request body is not valid gzip/zlib data"};
        }
        const qint64 produced = qint64(sizeof chunk) - s.avail_out;
        if (out.size() + produced > maxBytes) {
            inflateEnd(&s);
            return Error{ErrorCode::PayloadTooLarge, "decompressed request body exceeds " +
                                                         std::to_string(maxBytes) + " bytes"};
        }
        out.append(chunk, produced);
        if (rc == Z_STREAM_END)
            break;
        if (s.avail_in == 0 && produced == 0) { // input ended before the stream did
            inflateEnd(&s);
            return Error{ErrorCode::ValidationError, "request body is truncated gzip/zlib data"};
        }
    }
    inflateEnd(&s);
    return out;
}

QByteArray gzipCompress(const QByteArray& data, int level) {
    z_stream s{};
    if (deflateInit2(&s, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out;
    out.resize(static_cast<qsizetype>(deflateBound(&s, static_cast<uLong>(data.size()))) + 32);
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    s.avail_in = static_cast<uInt>(data.size());
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&s, Z_FINISH);
    const auto written = static_cast<qsizetype>(s.total_out);
    deflateEnd(&s);
    if (rc != Z_STREAM_END)
        return {};
    out.resize(written);
    return out;
}

} // namespace bridgecore::server
