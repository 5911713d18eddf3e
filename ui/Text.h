#pragma once
// Small text helpers shared by the views: text that must read left to right inside any
// language (paths, URLs, ids), and times in the chosen language.

#include <QDateTime>
#include <QLocale>
#include <QString>

#include <optional>
#include <string>

namespace bridgecore::ui {

/// `text` isolated left-to-right (U+2066 … U+2069): a path stays a path in Arabic.
inline QString ltr(const QString& text) {
    return QChar(0x2066) + text + QChar(0x2069);
}

/// A local date and time in the current default locale (the chosen language).
inline QString localDateTime(qint64 ms) {
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(),
                              QLocale::ShortFormat);
}

/// A wire timestamp (ISO 8601 UTC) as a local date and time; "–" when absent.
QString localDateTime(const std::optional<std::string>& iso);

} // namespace bridgecore::ui
