#include "ConflictListModel.h"

#include "ConsoleServices.h"
#include "Text.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QStringList>

namespace bridgecore::ui {

ConflictListModel::ConflictListModel(ConsoleBackend* backend, QObject* parent)
    : PagedTableModel(parent)
    , m_backend(backend) {}

int ConflictListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant ConflictListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& c = m_rows[std::size_t(index.row())];
    if (role == Qt::BackgroundRole && c.status == "open")
        return QBrush(QColor(0xfd, 0xe2, 0xc8));
    if (role == Qt::ToolTipRole && Column(index.column()) == Column::Created)
        return localDateTime(std::optional<std::string>(c.created_at));
    // Models and fields by the names people read; whole and with the technical names in the
    // tooltip (a narrow list shortens the names).
    if (role == Qt::ToolTipRole && Column(index.column()) == Column::Model)
        return tr("%1 (%2)").arg(modelName(c.model), QString::fromStdString(c.model));
    if (role == Qt::ToolTipRole && Column(index.column()) == Column::Fields) {
        QStringList fields;
        for (const auto& f : c.info.conflicting_fields)
            fields << tr("%1 (%2)").arg(fieldLabel(c.model, f), QString::fromStdString(f));
        return fields.join(tr(", "));
    }
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
        return modelName(c.model);
    case Column::Record:
        return qlonglong(c.record_id);
    case Column::Fields: {
        QStringList fields;
        for (const auto& f : c.info.conflicting_fields)
            fields << fieldLabel(c.model, f);
        return fields.join(tr(", "));
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
    case Column::Created: // a narrow column: today's time, or the date; both in the tooltip
        return compactDateTime(c.created_at);
    case Column::Count:
        break;
    }
    return {};
}

QVariant ConflictListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole &&
        Column(section) == Column::Record)
        return tr("The record's id in its model"); // a short title in French ("Enreg.")
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
        return tr("Fields"); // those in conflict
    case Column::Resolution:
        return tr("Resolution");
    case Column::Created:
        return tr("Created");
    case Column::Count:
        break;
    }
    return {};
}

void ConflictListModel::reload(const std::string& status) {
    m_status = status;
    reload();
}

int ConflictListModel::rowOf(std::int64_t conflictId) const {
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].conflict_id == conflictId)
            return int(i);
    return -1;
}

ConflictListModel::Query ConflictListModel::query(int offset, int limit) const {
    return [backend = m_backend, status = m_status, offset, limit]() -> Result<Page> {
        auto page = backend->conflicts(status, limit, offset);
        if (!page)
            return page.error();
        return Page{std::move(page.value().items), page.value().total};
    };
}

} // namespace bridgecore::ui
