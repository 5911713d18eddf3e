#pragma once
// gzip/zlib request bodies and gzip responses (zlib), with a hard output limit so that a
// small compressed body cannot inflate past the body limit (a "gzip bomb").

#include "protocol/Status.h"

#include <QByteArray>

namespace bridgecore::server {

/// Inflates a gzip or zlib stream; PayloadTooLarge as soon as the output passes `maxBytes`,
/// ValidationError when the data is not a complete gzip/zlib stream.
Result<QByteArray> inflateBody(const QByteArray& compressed, qint64 maxBytes);
/// A gzip member holding `data`.
QByteArray gzipCompress(const QByteArray& data, int level = 4);

} // namespace bridgecore::server
