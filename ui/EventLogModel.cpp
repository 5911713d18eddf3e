#include "EventLogModel.h"

#include "ConsoleServices.h"
#include "Text.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace bridgecore::ui {

EventLogModel::EventLogModel(ConsoleBackend* backend, QObject* parent)
    : QAbstractTableModel(parent)
    , m_backend(backend)
    , m_users(backend) {
    connect(&m_users, &UserNames::changed, this, [this] {
        if (rowCount() > 0)
            emit dataChanged(index(0, int(Column::User)), index(rowCount() - 1, int(Column::User)));
    });
    connect(m_backend, &ConsoleBackend::conflictsChanged, this, &EventLogModel::loadResolutions);
}

namespace {

std::string metadataText(const protocol::Event& e, const char* key) {
    if (e.metadata.is_object())
        if (auto it = e.metadata.find(key); it != e.metadata.end() && it->is_string())
            return it->get<std::string>();
    return {};
}

std::string resolutionKey(const std::string& device, const std::string& localId,
                          const std::string& at) {
    return device + '\x1f' + localId + '\x1f' + at;
}

} // namespace

void EventLogModel::loadResolutions() {
    if (m_resolutionsInFlight)
        return;
    m_resolutionsInFlight = true;
    runAsync(
        m_backend->pool(), this,
        [backend = m_backend] { return backend->conflicts("resolved", kResolutionsKnown, 0); },
        [this](Result<engine::Page<engine::ConflictRecord>> page) {
            m_resolutionsInFlight = false;
            if (!page)
                return; // the log still shows the writes; the next change tries again
            std::map<std::string, engine::ConflictRecord> known;
            for (auto& c : page.value().items)
                if (c.resolved_at)
                    known.emplace(resolutionKey(c.device_id, c.local_id, *c.resolved_at),
                                  std::move(c));
            m_resolutions = std::move(known);
            if (rowCount() > 0)
                emit dataChanged(index(0, 0), index(rowCount() - 1, int(Column::Count) - 1));
            emit resolutionsLoaded();
        });
}

const engine::ConflictRecord* EventLogModel::resolutionOf(const protocol::Event& e) const {
    if (m_resolutions.empty())
        return nullptr;
    const std::string device = metadataText(e, "device_id");
    if (device.empty())
        return nullptr;
    auto it = m_resolutions.find(resolutionKey(device, metadataText(e, "local_id"), e.timestamp));
    if (it == m_resolutions.end() || it->second.resolved_by != e.user_id)
        return nullptr;
    return &it->second;
}

int EventLogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(std::min<std::int64_t>(m_total, INT32_MAX));
}

int EventLogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(Column::Count);
}

const protocol::Event* EventLogModel::event(int row) const {
    const int page = row / kPageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end())
        return nullptr;
    const auto i = std::size_t(row % kPageSize);
    return i < it->second.size() ? &it->second[i] : nullptr;
}

QVariant EventLogModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const int page = index.row() / kPageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        requestPage(page);
        return index.column() == 0 && role == Qt::DisplayRole ? QVariant(tr("Loading…"))
                                                              : QVariant();
    }
    // Touch the page in the LRU list.
    if (m_lru.front() != page) {
        m_lru.remove(page);
        m_lru.push_front(page);
    }
    const auto i = std::size_t(index.row() % kPageSize);
    if (i >= it->second.size())
        return {};
    const auto& e = it->second[i];
    // A cell the view may elide (Action, Device, User, Changed) has its whole text first in
    // its tooltip.
    if (role == Qt::ToolTipRole && index.column() == int(Column::Action))
        if (const auto* c = resolutionOf(e))
            return QString(
                data(index, Qt::DisplayRole).toString() + QLatin1Char('\n') +
                tr("Conflict %1 resolved by %2 on the server: the device's change %3 did not "
                   "write this event")
                    .arg(QLocale().toString(qlonglong(c->conflict_id)),
                         m_users.name(c->resolved_by.value_or(0)),
                         QString::fromStdString(c->local_id)));
    if (role == Qt::ToolTipRole && index.column() == int(Column::Device))
        return data(index, Qt::DisplayRole);
    if (role == Qt::ToolTipRole && index.column() == int(Column::Time)) {
        const auto t = protocol::parseTime(e.timestamp);
        return t ? localDateTime(*t, true) : QString::fromStdString(e.timestamp);
    }
    if (role == Qt::ToolTipRole && index.column() == int(Column::User))
        return m_users.name(e.user_id); // a long email is shown without its middle
    if (role == Qt::ToolTipRole && index.column() == int(Column::Model))
        return QString::fromStdString(e.model); // shown by its name
    if (role == Qt::ToolTipRole && index.column() == int(Column::ChangedFields)) {
        QStringList fields; // shown by their labels, technical below
        for (const auto& f : e.changed_fields)
            fields << QString::fromStdString(f);
        if (fields.isEmpty())
            return {};
        return QString(data(index, Qt::DisplayRole).toString() + QLatin1Char('\n') +
                       ltr(fields.join(QStringLiteral(", "))));
    }
    if (role == Qt::ToolTipRole)
        return e.data.is_null() ? QVariant() : QVariant(QString::fromStdString(e.data.dump(2)));
    switch (Column(index.column())) {
    case Column::EventId:
        return qlonglong(e.event_id);
    case Column::Time: {
        auto t = m_times.find(page);
        if (t != m_times.end() && i < t->second.size())
            return t->second[i];
        return QString::fromStdString(e.timestamp);
    }
    case Column::Model:
        return modelName(e.model);
    case Column::RecordId:
        return qlonglong(e.record_id);
    case Column::Action:
        if (const auto* c = resolutionOf(e)) {
            // A resolution written on the server, not the device's own write.
            const QString how = c->info.resolution == protocol::Resolution::Merged ? tr("merged")
                                : c->info.resolution == protocol::Resolution::ClientWins
                                    ? tr("client wins")
                                    : tr("server wins");
            return tr("resolve #%1 (%2)").arg(QLocale().toString(qlonglong(c->conflict_id)), how);
        }
        return actionText(e.action);
    case Column::Device:
        if (resolutionOf(e))
            return tr("server, for %1").arg(QString::fromStdString(metadataText(e, "device_id")));
        return QString::fromStdString(metadataText(e, "device_id"));
    case Column::User:
        return m_users.name(e.user_id);
    case Column::Version:
        return qlonglong(e.version);
    case Column::Priority:
        switch (e.priority) {
        case protocol::EventPriority::High:
            return tr("high");
        case protocol::EventPriority::Medium:
            return tr("medium");
        case protocol::EventPriority::Low:
            return tr("low");
        }
        return {};
    case Column::ChangedFields: {
        // By their labels in the chosen language, as the records and conflicts views name
        // them ("qty", "state" read as code amid French or Arabic); technical in the tooltip.
        QStringList fields;
        for (const auto& f : e.changed_fields)
            fields << fieldLabel(e.model, f);
        return fields.join(tr(", ")); // Arabic lists with "، "
    }
    case Column::Count:
        break;
    }
    return {};
}

std::vector<QString> EventLogModel::displayTimes(const std::vector<protocol::Event>& events) {
    std::vector<QString> out;
    out.reserve(events.size());
    const QDate today = QDate::currentDate();
    for (const auto& e : events) {
        const auto t = protocol::parseTime(e.timestamp);
        // The chosen language's time (and digits), like the status bar's, with the date for
        // another day than today (always in the tooltip): the date on every row of today took
        // the room the event log's other columns needed.
        if (!t)
            out.push_back(QString::fromStdString(e.timestamp));
        else if (QDateTime::fromMSecsSinceEpoch(*t).toLocalTime().date() == today)
            out.push_back(localTime(*t, true));
        else
            out.push_back(localDateTime(*t, true));
    }
    return out;
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole &&
        Column(section) == Column::RecordId)
        return tr("The record's id in its model"); // a short title in French ("Enreg.")
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole &&
        Column(section) == Column::EventId)
        return tr("The event's number: the server numbers a tenant's events in the order it "
                  "writes them"); // a short title in French ("N°")
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::EventId:
        return tr("Event");
    case Column::Time:
        return tr("Time");
    case Column::Model:
        return tr("Model");
    case Column::RecordId:
        return tr("Record");
    case Column::Action:
        return tr("Action");
    case Column::Device:
        return tr("Device");
    case Column::User:
        return tr("User");
    case Column::Version:
        return tr("Version");
    case Column::Priority:
        return tr("Priority");
    case Column::ChangedFields:
        return tr("Changed fields");
    case Column::Count:
        break;
    }
    return {};
}

void EventLogModel::reload(const Filter& filter) {
    loadResolutions();
    m_filter = filter;
    const int generation = ++m_generation;
    m_inFlight.clear();
    engine::EventQuery q;
    q.model = filter.model;
    q.action = filter.action;
    q.device_id = filter.device_id;
    q.limit = kPageSize;
    q.offset = 0;
    q.newest_first = true;
    // The first page comes with the total; it seeds the cache. The unfiltered log's total is
    // its newest event id (a tenant's events are numbered 1..head without gaps and never
    // deleted), read with the page: COUNT(*) over a million events took longer than the page.
    const bool unfiltered = !q.model && !q.action && !q.device_id;
    runAsync(
        m_backend->pool(), this,
        [backend = m_backend, q, unfiltered]() -> Result<engine::Page<protocol::Event>> {
            if (!unfiltered)
                return backend->events(q);
            auto items = backend->eventPage(q);
            if (!items)
                return items.error();
            engine::Page<protocol::Event> page;
            page.total = items.value().empty() ? 0 : items.value().front().event_id;
            page.limit = q.limit;
            page.items = std::move(items.value());
            return page;
        },
        [this, generation](Result<engine::Page<protocol::Event>> page) {
            if (generation != m_generation)
                return;
            if (!page) {
                emit failed(QString::fromStdString(page.error().message));
                return;
            }
            beginResetModel();
            m_pages.clear();
            m_times.clear();
            m_lru.clear();
            m_total = page.value().total;
            const auto& items = page.value().items;
            m_dense = !m_filter.model && !m_filter.action && !m_filter.device_id &&
                      !items.empty() && items.front().event_id == m_total;
            m_times[0] = displayTimes(page.value().items);
            m_pages[0] = std::move(page.value().items);
            m_lru.push_front(0);
            endResetModel();
            emit loaded();
        });
}

void EventLogModel::refreshHead() {
    if (m_refreshing)
        return;
    m_refreshing = true;
    engine::EventQuery q;
    q.model = m_filter.model;
    q.action = m_filter.action;
    q.device_id = m_filter.device_id;
    q.limit = kPageSize;
    q.offset = 0;
    q.newest_first = true;
    const int generation = m_generation;
    runAsync(
        m_backend->pool(), this,
        [backend = m_backend, q, dense = m_dense] {
            // The unfiltered log numbers its events 1..head: the newest id is the total, so
            // a live update never counts a million rows.
            Result<engine::Page<protocol::Event>> page = Error{ErrorCode::NotFound, "unread"};
            if (dense) {
                auto items = backend->eventPage(q);
                if (items && !items.value().empty()) {
                    engine::Page<protocol::Event> p;
                    p.total = items.value().front().event_id;
                    p.items = std::move(items.value());
                    page = std::move(p);
                } else {
                    page = backend->events(q);
                }
            } else {
                page = backend->events(q);
            }
            std::vector<QString> times;
            if (page)
                times = displayTimes(page.value().items);
            return std::make_pair(std::move(page), std::move(times));
        },
        [this,
         generation](std::pair<Result<engine::Page<protocol::Event>>, std::vector<QString>> fresh) {
            m_refreshing = false;
            auto& page = fresh.first;
            if (generation != m_generation)
                return;
            if (!page) {
                emit failed(QString::fromStdString(page.error().message));
                return;
            }
            const std::int64_t added = page.value().total - m_total;
            if (added <= 0)
                return; // nothing new (a shrinking log needs reload())
            // The new events go on top; every cached page shifts, so only the fresh first
            // page is kept and the rest load again when shown.
            beginInsertRows({}, 0, int(std::min<std::int64_t>(added, INT32_MAX)) - 1);
            m_total = page.value().total;
            m_pages.clear();
            m_times.clear();
            m_lru.clear();
            m_inFlight.clear();
            ++m_generation; // pages still in flight were for the old row numbers
            const auto& items = page.value().items;
            m_dense = m_dense && !items.empty() && items.front().event_id == m_total;
            m_times[0] = std::move(fresh.second);
            m_pages[0] = std::move(page.value().items);
            m_lru.push_front(0);
            endInsertRows();
            emit loaded();
        });
}

void EventLogModel::requestPage(int page) const {
    if (m_inFlight.count(page))
        return;
    m_inFlight.insert(page);
    engine::EventQuery q;
    q.model = m_filter.model;
    q.action = m_filter.action;
    q.device_id = m_filter.device_id;
    q.limit = kPageSize;
    q.offset = page * kPageSize;
    q.newest_first = true;
    const bool dense = m_dense;
    if (dense) {
        // Rows [page*N, page*N+N) are events (total - page*N - N, total - page*N]: an id range,
        // read ascending from its low end instead of skipping page*N rows.
        const std::int64_t hi = m_total - std::int64_t(page) * kPageSize;
        const std::int64_t lo = std::max<std::int64_t>(1, hi - kPageSize + 1);
        q.after_event_id = lo - 1;
        q.limit = int(hi - lo + 1);
        q.offset = 0;
        q.newest_first = false;
    }
    auto* self = const_cast<EventLogModel*>(this);
    const int generation = m_generation;
    runAsync(
        m_backend->pool(), self,
        [backend = m_backend, q, dense] {
            auto r = backend->eventPage(q);
            std::vector<QString> times;
            if (r) {
                if (dense)
                    std::reverse(r.value().begin(), r.value().end());
                times = displayTimes(r.value());
            }
            return std::make_pair(std::move(r), std::move(times));
        },
        [self, generation,
         page](std::pair<Result<std::vector<protocol::Event>>, std::vector<QString>> loaded) {
            auto& result = loaded.first;
            if (generation != self->m_generation)
                return;
            self->m_inFlight.erase(page);
            if (!result) {
                emit self->failed(QString::fromStdString(result.error().message));
                return;
            }
            self->m_pages[page] = std::move(result.value());
            self->m_times[page] = std::move(loaded.second);
            self->m_lru.remove(page);
            self->m_lru.push_front(page);
            while (self->m_pages.size() > kMaxCachedPages) {
                self->m_pages.erase(self->m_lru.back());
                self->m_times.erase(self->m_lru.back());
                self->m_lru.pop_back();
            }
            const int first = page * kPageSize;
            const int last = std::min(self->rowCount() - 1, first + kPageSize - 1);
            if (first <= last)
                emit self->dataChanged(self->index(first, 0),
                                       self->index(last, int(Column::Count) - 1));
            emit self->pageLoaded(page);
        });
}

QString EventLogModel::actionText(protocol::EventAction action) {
    switch (action) {
    case protocol::EventAction::Create:
        return tr("create");
    case protocol::EventAction::Write:
        return tr("write");
    case protocol::EventAction::Unlink:
        return tr("unlink");
    }
    return {};
}

} // namespace bridgecore::ui
