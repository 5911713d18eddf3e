#include "Text.h"

#include "console/ModelCatalog.h"
#include "protocol/Protocol.h"

#include <QCoreApplication>
#include <QGuiApplication>

namespace bridgecore::ui {

QString modelName(const std::string& model) {
    return QCoreApplication::translate("ModelCatalog", console::modelLabel(model).c_str());
}

QString fieldLabel(const std::string& model, const std::string& field) {
    return QCoreApplication::translate("ModelCatalog",
                                       console::fieldInfo(model, field).label.c_str());
}

QString fieldValueText(const std::string& model, const std::string& field,
                       const protocol::json& value) {
    if (value.is_string()) {
        const auto info = console::fieldInfo(model, field);
        for (const auto& [key, label] : info.selection)
            if (key == value.get_ref<const std::string&>())
                return QCoreApplication::translate("ModelCatalog", label.c_str());
        return QString::fromStdString(value.get<std::string>());
    }
    if (value.is_number_integer())
        return QLocale().toString(qlonglong(value.get<std::int64_t>()));
    if (value.is_number_float())
        return QLocale().toString(value.get<double>(), 'g', QLocale::FloatingPointShortest);
    if (value.is_null())
        return {};
    return QString::fromStdString(value.dump());
}

std::optional<protocol::json> fieldValueFromText(const std::string& model, const std::string& field,
                                                 const QString& text, const protocol::json& like,
                                                 QString* why) {
    const auto info = console::fieldInfo(model, field, like);
    const QString t = text.trimmed();
    using T = console::FieldType;
    if (info.type == T::Selection)
        for (const auto& [key, label] : info.selection)
            if (t == QCoreApplication::translate("ModelCatalog", label.c_str()) ||
                t == QString::fromStdString(label))
                return protocol::json(key);
    if (info.type == T::Integer || info.type == T::Many2one) {
        bool ok = false;
        const qlonglong v = QLocale().toLongLong(t, &ok); // "١٢" in Arabic
        if (ok)
            return protocol::json(std::int64_t(v));
    }
    if (info.type == T::Float || info.type == T::Monetary) {
        bool ok = false;
        const double v = QLocale().toDouble(t, &ok); // "١٬٢٥١٫٥" in Arabic, "1,5" in French
        if (ok)
            return protocol::json(v);
    }
    std::string reason;
    auto v = console::parseValue(info, t.toStdString(), &reason);
    if (!v && why)
        *why = QCoreApplication::translate("ModelCatalog", reason.c_str());
    return v;
}

QString valueInLine(const QString& text) {
    if (QGuiApplication::layoutDirection() != Qt::RightToLeft)
        return text;
    for (const QChar c : text)
        if (c.direction() == QChar::DirL)
            return QChar(0x2068) + text + QChar(0x2069);
    return text;
}

QString fitText(const QString& text, const QFontMetrics& fm, int width) {
    if (fm.horizontalAdvance(text) <= width)
        return text;
    const int open = text.indexOf(QChar(0x2066));
    const int close = open < 0 ? -1 : text.indexOf(QChar(0x2069), open);
    if (close > open) {
        const QString before = text.left(open + 1), after = text.mid(close);
        const int room = width - fm.horizontalAdvance(before + after);
        if (room >= 6 * fm.horizontalAdvance(QChar(0x2026)))
            return before +
                   fm.elidedText(text.mid(open + 1, close - open - 1), Qt::ElideMiddle, room) +
                   after;
    }
    return fm.elidedText(text, Qt::ElideRight, width);
}

QString timeFormat(bool seconds) {
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    if (seconds && !format.contains(QLatin1Char('s'))) {
        const int minutes = format.indexOf(QLatin1String("mm"));
        if (minutes >= 0)
            format.insert(minutes + 2, QLatin1String(":ss"));
    }
    return format;
}

QString localDateTime(qint64 ms, bool seconds) {
    const QLocale l;
    return l.toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(),
                      l.dateFormat(QLocale::ShortFormat) + QLatin1Char(' ') + timeFormat(seconds));
}

QString compactDateTime(const std::string& iso) {
    const auto t = protocol::parseTime(iso);
    if (!t)
        return QString::fromStdString(iso);
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(*t).toLocalTime();
    if (at.date() == QDate::currentDate())
        return QLocale().toString(at.time(), timeFormat());
    return QLocale().toString(at.date(), QLocale::ShortFormat);
}

QString localDateTime(const std::optional<std::string>& iso) {
    if (!iso || iso->empty())
        return QStringLiteral("–");
    const auto t = protocol::parseTime(*iso);
    return t ? localDateTime(*t) : QString::fromStdString(*iso);
}

} // namespace bridgecore::ui
