#include "OutboxModel.h"

#include "ConsoleServices.h"
#include "Text.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

namespace bridgecore::ui {

OutboxModel::OutboxModel(client::ClientCache* cache, QThreadPool* pool, QObject* parent)
    : PagedTableModel(parent)
    , m_cache(cache)
    , m_pool(pool) {}

int OutboxModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(Column::Count);
}

QString OutboxModel::statusName(client::OutboxStatus status) {
    switch (status) {
    case client::OutboxStatus::Pending:
        return tr("pending");
    case client::OutboxStatus::InFlight:
        return tr("in flight");
    case client::OutboxStatus::Synced:
        return tr("synced");
    case client::OutboxStatus::Failed:
        return tr("failed");
    case client::OutboxStatus::Conflict:
        return tr("conflict");
    }
    return {};
}

QVariant OutboxModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& e = m_rows[std::size_t(index.row())];
    if (role == Qt::BackgroundRole) {
        if (e.status == client::OutboxStatus::Failed)
            return QBrush(QColor(0xf8, 0xd7, 0xda));
        if (e.status == client::OutboxStatus::Conflict)
            return QBrush(QColor(0xfd, 0xe2, 0xc8));
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == int(Column::Model))
            return QString::fromStdString(e.model);
        if (index.column() == int(Column::LastError) && !e.last_error.empty())
            return data(index, Qt::DisplayRole); // the whole error, the cell may elide it
        return QString::fromStdString(e.data.dump(2));
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Column::Seq:
        return qlonglong(e.seq);
    case Column::Status:
        return statusName(e.status);
    case Column::Action:
        switch (e.action) {
        case protocol::Action::Create:
            return tr("create");
        // The event log's words: a change's action is the event it becomes.
        case protocol::Action::Update:
            return tr("write");
        case protocol::Action::Delete:
            return tr("unlink");
        }
        return {};
    case Column::Model:
        return modelName(e.model); // as Records names it; technical in the tooltip
    case Column::Record:
        if (e.server_id)
            return qlonglong(*e.server_id);
        if (auto* id = std::get_if<std::int64_t>(&e.record_ref))
            return qlonglong(*id);
        if (auto* s = std::get_if<std::string>(&e.record_ref))
            return QString::fromStdString(*s);
        return QString::fromStdString(e.local_id);
    case Column::Attempts:
        return e.attempts;
    case Column::LastError:
        return e.last_error.empty()
                   ? QString()
                   : (e.error_code.empty()
                          ? QString::fromStdString(e.last_error)
                          : QStringLiteral("%1: %2").arg(QString::fromStdString(e.error_code),
                                                         QString::fromStdString(e.last_error)));
    case Column::Created:
        return localDateTime(e.created_at);
    case Column::Count:
        break;
    }
    return {};
}

QVariant OutboxModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::Seq:
        return tr("#");
    case Column::Status:
        return tr("Status");
    case Column::Action:
        return tr("Action");
    case Column::Model:
        return tr("Model");
    case Column::Record:
        return tr("Record");
    case Column::Attempts:
        return tr("Attempts");
    case Column::LastError:
        return tr("Last error");
    case Column::Created:
        return tr("Created");
    case Column::Count:
        break;
    }
    return {};
}

void OutboxModel::reload(std::optional<client::OutboxStatus> status) {
    m_status = status;
    reload();
}

OutboxModel::Query OutboxModel::query(int offset, int limit) const {
    return [cache = m_cache, status = m_status, offset, limit, read = m_read]() -> Result<Page> {
        const auto counts = cache->outboxCounts();
        {
            std::lock_guard lock(read->mutex);
            read->counts = counts;
        }
        std::int64_t total = 0;
        if (!status)
            total =
                counts.pending + counts.in_flight + counts.synced + counts.failed + counts.conflict;
        else
            switch (*status) {
            case client::OutboxStatus::Pending:
                total = counts.pending;
                break;
            case client::OutboxStatus::InFlight:
                total = counts.in_flight;
                break;
            case client::OutboxStatus::Synced:
                total = counts.synced;
                break;
            case client::OutboxStatus::Failed:
                total = counts.failed;
                break;
            case client::OutboxStatus::Conflict:
                total = counts.conflict;
                break;
            }
        return Page{cache->outbox(status, limit, offset), total};
    };
}

void OutboxModel::receive(const std::vector<client::OutboxEntry>&, Mode) {
    std::lock_guard lock(m_read->mutex);
    m_counts = m_read->counts;
}

} // namespace bridgecore::ui
