#include "OutboxModel.h"

#include "AsyncCall.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

namespace bridgecore::ui {

OutboxModel::OutboxModel(client::ClientCache* cache, QThreadPool* pool, QObject* parent)
    : QAbstractTableModel(parent)
    , m_cache(cache)
    , m_pool(pool) {}

int OutboxModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

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
    if (role == Qt::ToolTipRole)
        return QString::fromStdString(e.data.dump(2));
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
        case protocol::Action::Update:
            return tr("update");
        case protocol::Action::Delete:
            return tr("delete");
        }
        return {};
    case Column::Model:
        return QString::fromStdString(e.model);
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
        return QDateTime::fromMSecsSinceEpoch(e.created_at)
            .toLocalTime()
            .toString(QStringLiteral("yyyy-MM-dd hh:mm:ss"));
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

bool OutboxModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !m_loading && std::int64_t(m_rows.size()) < m_total;
}

void OutboxModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent))
        fetchPage(int(m_rows.size()), false);
}

void OutboxModel::reload(std::optional<client::OutboxStatus> status) {
    m_status = status;
    fetchPage(0, true);
}

const client::OutboxEntry* OutboxModel::entry(int row) const {
    return row >= 0 && row < int(m_rows.size()) ? &m_rows[std::size_t(row)] : nullptr;
}

void OutboxModel::fetchPage(int offset, bool reset) {
    m_loading = true;
    const int generation = reset ? ++m_generation : m_generation;
    struct PageData {
        std::vector<client::OutboxEntry> rows;
        client::OutboxCounts counts;
    };
    runAsync(
        m_pool, this,
        [cache = m_cache, status = m_status, offset] {
            PageData p;
            p.counts = cache->outboxCounts();
            p.rows = cache->outbox(status, kPageSize, offset);
            return p;
        },
        [this, generation, reset](PageData p) {
            if (generation != m_generation)
                return;
            m_loading = false;
            m_counts = p.counts;
            std::int64_t total = 0;
            if (!m_status)
                total = m_counts.pending + m_counts.in_flight + m_counts.synced + m_counts.failed +
                        m_counts.conflict;
            else
                switch (*m_status) {
                case client::OutboxStatus::Pending:
                    total = m_counts.pending;
                    break;
                case client::OutboxStatus::InFlight:
                    total = m_counts.in_flight;
                    break;
                case client::OutboxStatus::Synced:
                    total = m_counts.synced;
                    break;
                case client::OutboxStatus::Failed:
                    total = m_counts.failed;
                    break;
                case client::OutboxStatus::Conflict:
                    total = m_counts.conflict;
                    break;
                }
            if (reset) {
                beginResetModel();
                m_rows = std::move(p.rows);
                m_total = std::max<std::int64_t>(total, std::int64_t(m_rows.size()));
                endResetModel();
            } else if (!p.rows.empty()) {
                m_total = total;
                beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + p.rows.size()) - 1);
                m_rows.insert(m_rows.end(), std::make_move_iterator(p.rows.begin()),
                              std::make_move_iterator(p.rows.end()));
                endInsertRows();
            } else {
                m_total = std::int64_t(m_rows.size());
            }
            emit loaded();
        });
}

} // namespace bridgecore::ui
