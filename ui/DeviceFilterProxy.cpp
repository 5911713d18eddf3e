#include "DeviceFilterProxy.h"

namespace bridgecore::ui {

DeviceFilterProxy::DeviceFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent) {
    setSortRole(DeviceTableModel::SortRole);
    setDynamicSortFilter(true);
}

void DeviceFilterProxy::setShow(Show show) {
    m_show = show;
    invalidateFilter();
}

bool DeviceFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (m_show == Show::All)
        return true;
    const auto idx = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto health = DeviceTableModel::Health(idx.data(DeviceTableModel::HealthRole).toInt());
    switch (m_show) {
    case Show::All:
        return true;
    case Show::Ok:
        return health == DeviceTableModel::Health::Ok;
    case Show::Stale:
        return health == DeviceTableModel::Health::Stale;
    case Show::Error:
        return health == DeviceTableModel::Health::Error;
    case Show::Conflict:
        return health == DeviceTableModel::Health::Conflict;
    case Show::Problems: {
        const auto pending =
            sourceModel()
                ->index(sourceRow, int(DeviceTableModel::Column::Pending), sourceParent)
                .data(DeviceTableModel::SortRole)
                .toLongLong();
        return health == DeviceTableModel::Health::Error ||
               health == DeviceTableModel::Health::Conflict || pending > 0;
    }
    }
    return true;
}

} // namespace bridgecore::ui
