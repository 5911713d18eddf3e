#include "Text.h"

#include "protocol/Protocol.h"

namespace bridgecore::ui {

QString localDateTime(const std::optional<std::string>& iso) {
    if (!iso || iso->empty())
        return QStringLiteral("–");
    const auto t = protocol::parseTime(*iso);
    return t ? localDateTime(*t) : QString::fromStdString(*iso);
}

} // namespace bridgecore::ui
