#include "ConflictListModel.h"

#include "AsyncCall.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QStringList>

namespace bridgecore::ui {

ConflictListModel::ConflictListModel(ConsoleBackend* backend, QObject* parent)
    : QAbstractTableModel(parent)
    , m_backend(backend) {}

int ConflictListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConflictListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant ConflictListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& c = m_rows[std::size_t(index.row())];
    if (role == Qt::BackgroundRole && c.status == "open")
        return QBrush(QColor(0xfd, 0xe2, 0xc8));
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Column::Id:
        return qlonglong(c.conflict_id);
    case Column::Status:
        return c.status == "open" ? tr("open") : tr("resolved");
    case Column::Device:
        return QString::fromStdString(c.device_id);
    case Column::Model:
        return QString::fromStdString(c.model);
    case Column::Record:
        return qlonglong(c.record_id);
    case Column::Fields: {
        QStringList fields;
        for (const auto& f : c.info.conflicting_fields)
            fields << QString::fromStdString(f);
        return fields.join(QStringLiteral(", "));
    }
    case Column::Resolution:
        switch (c.info.resolution) {
        case protocol::Resolution::ServerWins:
            return tr("server wins");
        case protocol::Resolution::ClientWins:
            return tr("client wins");
        case protocol::Resolution::Merged:
            return tr("merged");
        case protocol::Resolution::Manual:
            return tr("manual");
        }
        return {};
    case Column::Created:
        if (auto t = protocol::parseTime(c.created_at))
            return QDateTime::fromMSecsSinceEpoch(*t).toLocalTime().toString(
                QStringLiteral("yyyy-MM-dd hh:mm:ss"));
        return QString::fromStdString(c.created_at);
    case Column::Count:
        break;
    }
    return {};
}

QVariant ConflictListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::Id:
        return tr("Conflict");
    case Column::Status:
        return tr("Status");
    case Column::Device:
        return tr("Device");
    case Column::Model:
        return tr("Model");
    case Column::Record:
        return tr("Record");
    case Column::Fields:
        return tr("Conflicting fields");
    case Column::Resolution:
        return tr("Resolution");
    case Column::Created:
        return tr("Created");
    case Column::Count:
        break;
    }
    return {};
}

bool ConflictListModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !m_loading && std::int64_t(m_rows.size()) < m_total;
}

void ConflictListModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent))
        fetchPage(int(m_rows.size()), false);
}

void ConflictListModel::reload(const std::string& status) {
    m_status = status;
    fetchPage(0, true);
}

const engine::ConflictRecord* ConflictListModel::conflict(int row) const {
    return row >= 0 && row < int(m_rows.size()) ? &m_rows[std::size_t(row)] : nullptr;
}

int ConflictListModel::rowOf(std::int64_t conflictId) const {
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].conflict_id == conflictId)
            return int(i);
    return -1;
}

void ConflictListModel::fetchPage(int offset, bool reset) {
    m_loading = true;
    const int generation = reset ? ++m_generation : m_generation;
    runAsync(
        m_backend->pool(), this,
        [backend = m_backend, status = m_status, offset] {
            return backend->conflicts(status, kPageSize, offset);
        },
        [this, generation, reset](Result<engine::Page<engine::ConflictRecord>> page) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!page) {
                emit failed(QString::fromStdString(page.error().message));
                return;
            }
            auto& p = page.value();
            if (reset) {
                beginResetModel();
                m_rows = std::move(p.items);
                m_total = p.total;
                endResetModel();
            } else if (!p.items.empty()) {
                m_total = p.total;
                beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + p.items.size()) - 1);
                m_rows.insert(m_rows.end(), std::make_move_iterator(p.items.begin()),
                              std::make_move_iterator(p.items.end()));
                endInsertRows();
            } else {
                m_total = std::int64_t(m_rows.size());
            }
            emit loaded();
        });
}

} // namespace bridgecore::ui
