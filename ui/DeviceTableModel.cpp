#include "DeviceTableModel.h"

#include "ConsoleServices.h"
#include "Text.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QLocale>

namespace bridgecore::ui {

namespace {
QString qs(const std::string& s) {
    return QString::fromStdString(s);
}
QString qs(const std::optional<std::string>& s) {
    return s ? QString::fromStdString(*s) : QString();
}
} // namespace

DeviceTableModel::DeviceTableModel(ConsoleBackend* backend, QObject* parent)
    : PagedTableModel(parent)
    , m_backend(backend)
    , m_users(backend) {
    connect(&m_users, &UserNames::changed, this, [this] {
        if (rowCount() > 0)
            emit dataChanged(index(0, int(Column::User)), index(rowCount() - 1, int(Column::User)));
    });
}

int DeviceTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(Column::Count);
}

protocol::Millis DeviceTableModel::now() const {
    return m_now ? m_now : QDateTime::currentMSecsSinceEpoch();
}

DeviceTableModel::Health DeviceTableModel::health(const protocol::SyncState& s) const {
    if (s.sync_status == "error" || (s.last_error && !s.last_error->empty()))
        return Health::Error;
    if (s.open_conflicts > 0)
        return Health::Conflict;
    const auto last = s.last_sync_time ? protocol::parseTime(*s.last_sync_time) : std::nullopt;
    if (!last || now() - *last > engine::SyncEngine::kStaleAfterMs)
        return Health::Stale;
    return Health::Ok;
}

QString DeviceTableModel::relativeTime(const std::optional<std::string>& iso) const {
    if (!iso)
        return tr("never");
    const auto t = protocol::parseTime(*iso);
    if (!t)
        return qs(iso);
    const qint64 secs = std::max<qint64>(0, (now() - *t) / 1000);
    if (secs < 60)
        return tr("just now");
    if (secs < 3600)
        return tr("%Ln minute(s) ago", "", int(secs / 60));
    if (secs < 86400)
        return tr("%Ln hour(s) ago", "", int(secs / 3600));
    return tr("%Ln day(s) ago", "", int(secs / 86400));
}

QVariant DeviceTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& s = m_rows[std::size_t(index.row())];
    const auto col = Column(index.column());
    const std::int64_t head = std::max(s.head_event_id, m_head);
    if (role == HealthRole)
        return int(health(s));
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool sort = role == SortRole;
        switch (col) {
        case Column::Device:
            return qs(s.device_id);
        case Column::User:
            return userName(s.user_id);
        case Column::AppType:
            return qs(s.app_type);
        case Column::LastEventId:
            return qlonglong(s.last_event_id);
        case Column::Lag:
            return qlonglong(std::max<std::int64_t>(0, head - s.last_event_id));
        case Column::LastSync:
            if (sort) {
                const auto t =
                    s.last_sync_time ? protocol::parseTime(*s.last_sync_time) : std::nullopt;
                return qlonglong(t.value_or(0));
            }
            return relativeTime(s.last_sync_time);
        case Column::TotalSyncs:
            return qlonglong(s.total_syncs);
        case Column::EventsSynced:
            return qlonglong(s.total_events_synced);
        case Column::Status:
            switch (health(s)) {
            case Health::Ok:
                return tr("OK");
            case Health::Stale:
                return tr("Stale");
            case Health::Error:
                return tr("Error");
            case Health::Conflict:
                return tr("Conflict");
            }
            return {};
        case Column::Pending:
            return qlonglong(s.pending_changes);
        case Column::OpenConflicts:
            return qlonglong(s.open_conflicts);
        case Column::AppVersion:
            return qs(s.app_version);
        case Column::Count:
            break;
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (col == Column::User) // a long email is shown without its middle
            return userName(s.user_id);
        if (col == Column::Device)
            return qs(s.device_id);
        if (s.last_error && !s.last_error->empty())
            return tr("Last error: %1").arg(qs(s.last_error));
        if (col == Column::LastSync)
            return localDateTime(s.last_sync_time);
        return {};
    }
    if (role == Qt::BackgroundRole) {
        switch (health(s)) {
        case Health::Error:
            return QBrush(QColor(0xf8, 0xd7, 0xda));
        case Health::Stale:
            return QBrush(QColor(0xff, 0xf3, 0xcd));
        case Health::Conflict:
            return QBrush(QColor(0xfd, 0xe2, 0xc8));
        case Health::Ok:
            break;
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        switch (col) {
        case Column::Device:
        case Column::AppType:
        case Column::LastSync:
        case Column::Status:
        case Column::User:
        case Column::AppVersion:
            return {};
        default:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        }
    }
    return {};
}

QVariant DeviceTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    // Short titles, so every column fits the default window; the whole meaning in the tooltip.
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case Column::OpenConflicts:
            return tr("Open conflicts");
        case Column::LastSync:
            return tr("Last push or pull");
        case Column::AppType:
            return tr("The device's app type: which models it syncs");
        default:
            return {};
        }
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::Device:
        return tr("Device");
    case Column::User:
        return tr("User");
    case Column::AppType:
        return tr("App type");
    case Column::LastEventId:
        return tr("Last event");
    case Column::Lag:
        return tr("Lag");
    case Column::LastSync:
        return tr("Last sync");
    case Column::TotalSyncs:
        return tr("Syncs");
    case Column::EventsSynced:
        return tr("Events synced");
    case Column::Status:
        return tr("Status");
    case Column::Pending:
        return tr("Pending");
    case Column::OpenConflicts:
        return tr("Conflicts");
    case Column::AppVersion:
        return tr("App version");
    case Column::Count:
        break;
    }
    return {};
}

void DeviceTableModel::reload(const QString& search) {
    m_search = search.trimmed().toStdString();
    reload();
}

DeviceTableModel::Query DeviceTableModel::query(int offset, int limit) const {
    return [backend = m_backend, offset, limit, search = m_search]() -> Result<Page> {
        auto page = backend->devices(limit, offset, search);
        if (!page)
            return page.error();
        return Page{std::move(page.value().items), page.value().total};
    };
}

void DeviceTableModel::receive(const std::vector<protocol::SyncState>& rows, Mode) {
    for (const auto& s : rows)
        m_head = std::max(m_head, s.head_event_id);
}

QString DeviceTableModel::userName(std::int64_t userId) const {
    return m_users.name(userId);
}

} // namespace bridgecore::ui
