#pragma once
// Small text helpers shared by the views: text that must read left to right inside any
// language (paths, URLs, ids), and times in the chosen language.

#include "protocol/Protocol.h"

#include <QDateTime>
#include <QFontMetrics>
#include <QLocale>
#include <QString>

#include <optional>
#include <string>

namespace bridgecore::ui {

/// A model as people name it ("Sales Order Line" for sale.order.line), in the chosen language;
/// views put the technical name in the tooltip.
QString modelName(const std::string& model);
/// A field's label (Odoo's when the tenant is attached, else the catalog's), translated.
QString fieldLabel(const std::string& model, const std::string& field);

/// A field value of a record of `model` as the views show it: a selection by its label
/// ("Quotation", not "draft"), numbers in the language's digits and separators, text as is.
QString fieldValueText(const std::string& model, const std::string& field,
                       const protocol::json& value);
/// Text a person typed for that field back to its JSON value (fieldValueText's inverse): a
/// selection by its label or key, numbers in the language's digits or in plain ones, other
/// types as the record form converts them. nullopt, with `why` set, when it is not one.
/// `like` (a value the field held) types a field the catalog does not know.
std::optional<protocol::json> fieldValueFromText(const std::string& model, const std::string& field,
                                                 const QString& text, const protocol::json& like,
                                                 QString* why = nullptr);

/// `text` isolated left-to-right (U+2066 … U+2069): a path stays a path in Arabic.
inline QString ltr(const QString& text) {
    return QChar(0x2066) + text + QChar(0x2069);
}

/// A record's value as a right-to-left interface shows it: text with Latin letters isolated in
/// its own direction (U+2068 … U+2069), so "Azure Int." does not read ".Azure Int" in an Arabic
/// table. Unchanged in a left-to-right interface and for text without Latin letters.
QString valueInLine(const QString& text);

/// `text` shortened to `width` pixels of `fm`: a left-to-right isolate in it (ltr(), a path)
/// loses its middle ("/home/ann/…/demo") so the words and brackets around it stay whole and
/// paired; other text is cut at its end with "…". Unchanged when it fits.
QString fitText(const QString& text, const QFontMetrics& fm, int width);

/// The chosen language's time of day format (QLocale's short one: "h:mm AP" in English,
/// "HH:mm" in French), with seconds when asked. Charts, tables and the status bar all use
/// it, so a time reads the same everywhere.
QString timeFormat(bool seconds = false);
/// A local time of day in timeFormat().
inline QString localTime(qint64 ms, bool seconds = false) {
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().time(),
                              timeFormat(seconds));
}
/// A local date and time in the chosen language (short date, then timeFormat()).
QString localDateTime(qint64 ms, bool seconds = false);

/// A wire timestamp in a narrow column: its time of day when it is today, else its date (the
/// whole localDateTime() belongs in the tooltip).
QString compactDateTime(const std::string& iso);

/// A wire timestamp (ISO 8601 UTC) as a local date and time; "–" when absent.
QString localDateTime(const std::optional<std::string>& iso);

} // namespace bridgecore::ui
