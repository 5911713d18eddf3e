#pragma once
// Sorts the devices table by raw values and filters it by health.

#include "DeviceTableModel.h"

#include <QSortFilterProxyModel>

namespace bridgecore::ui {

class DeviceFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class Show { All, Ok, Stale, Error, Conflict, Problems /* error, conflict or pending */ };

    explicit DeviceFilterProxy(QObject* parent = nullptr);
    void setShow(Show show);
    Show show() const { return m_show; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    Show m_show = Show::All;
};

} // namespace bridgecore::ui
