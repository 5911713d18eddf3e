#include "UserTableModel.h"

#include "ConsoleServices.h"

#include <QBrush>
#include <QColor>

namespace bridgecore::ui {

UserTableModel::UserTableModel(ConsoleBackend* backend, QObject* parent)
    : QAbstractTableModel(parent)
    , m_backend(backend) {}

int UserTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_users.size());
}

int UserTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(Column::Count);
}

QString UserTableModel::roleName(protocol::Role role) {
    switch (role) {
    case protocol::Role::User:
        return tr("user");
    case protocol::Role::Support:
        return tr("support");
    case protocol::Role::Admin:
        return tr("admin");
    }
    return {};
}

QVariant UserTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& u = m_users[std::size_t(index.row())];
    if (role == Qt::ForegroundRole && u.disabled)
        return QBrush(QColor(Qt::gray));
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Column::Id:
        return qlonglong(u.id);
    case Column::Email:
        return QString::fromStdString(u.email);
    case Column::Name:
        return QString::fromStdString(u.name);
    case Column::Role:
        return roleName(u.role);
    case Column::Status:
        return u.disabled ? tr("disabled") : tr("active");
    case Column::Count:
        break;
    }
    return {};
}

QVariant UserTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::Id:
        return tr("Id");
    case Column::Email:
        return tr("Email");
    case Column::Name:
        return tr("Name");
    case Column::Role:
        return tr("Role");
    case Column::Status:
        return tr("Status");
    case Column::Count:
        break;
    }
    return {};
}

void UserTableModel::reload() {
    runAsync(
        m_backend->pool(), this, [backend = m_backend] { return backend->users(); },
        [this](Result<std::vector<UserInfo>> users) {
            if (!users) {
                emit failed(QString::fromStdString(users.error().message));
                return;
            }
            beginResetModel();
            m_users = std::move(users.value());
            endResetModel();
            emit loaded();
        });
}

const UserInfo* UserTableModel::user(int row) const {
    return row >= 0 && row < int(m_users.size()) ? &m_users[std::size_t(row)] : nullptr;
}

} // namespace bridgecore::ui
