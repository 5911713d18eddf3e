#pragma once
// The tenant's users for the admin view (a tenant has few; loaded in one call).

#include "ConsoleServices.h"

#include <QAbstractTableModel>

namespace bridgecore::ui {

class UserTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column { Id, Email, Name, Role, Status, Count };

    explicit UserTableModel(ConsoleBackend* backend, QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void reload();
    const UserInfo* user(int row) const;
    static QString roleName(protocol::Role role);

signals:
    void loaded();
    void failed(const QString& message);

private:
    ConsoleBackend* m_backend;
    std::vector<UserInfo> m_users;
};

} // namespace bridgecore::ui
