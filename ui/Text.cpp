#include "Text.h"

#include "protocol/Protocol.h"

namespace bridgecore::ui {

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

QString localDateTime(const std::optional<std::string>& iso) {
    if (!iso || iso->empty())
        return QStringLiteral("–");
    const auto t = protocol::parseTime(*iso);
    return t ? localDateTime(*t) : QString::fromStdString(*iso);
}

} // namespace bridgecore::ui
