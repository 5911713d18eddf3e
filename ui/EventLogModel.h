#pragma once
// The tenant's event log as a virtual table: rowCount() is the total that matches the
// filter, rows are loaded in pages on demand off the UI thread and kept in a small LRU
// cache, so scrolling over 1,000,000 events holds a few hundred in memory.

#include "ConsoleServices.h"
#include "UserNames.h"

#include <QAbstractTableModel>

#include <list>
#include <map>
#include <set>

namespace bridgecore::ui {

class EventLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column {
        EventId,
        Time,
        Model,
        RecordId,
        Action,
        Device,
        User,
        Version,
        Priority,
        ChangedFields,
        Count
    };
    static constexpr int kPageSize = 200;
    static constexpr std::size_t kMaxCachedPages = 24;

    struct Filter {
        std::optional<std::string> model, action, device_id;
    };

    explicit EventLogModel(ConsoleBackend* backend, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Counts the matching events again and drops the cache (newest first).
    void reload(const Filter& filter);
    void reload() { reload(m_filter); }
    /// Live update: reads the newest page again; events that arrived since are inserted at
    /// the top (rows below keep their selection), nothing else is refetched.
    void refreshHead();
    const Filter& filter() const { return m_filter; }
    /// The event of a row if its page is loaded.
    const protocol::Event* event(int row) const;
    /// Pages currently being fetched (0 when every requested page is in).
    int pendingPages() const { return int(m_inFlight.size()); }
    std::size_t cachedPages() const { return m_pages.size(); }
    /// The newest resolved conflicts the log recognises resolutions by.
    static constexpr int kResolutionsKnown = 1000;
    /// The resolved conflict an event wrote (its device, local id and time match the
    /// conflict's resolution); null for an ordinary write or before the list is in.
    const engine::ConflictRecord* resolutionOf(const protocol::Event& e) const;
    /// Reads the resolved conflicts again (on reload and when conflicts change).
    void loadResolutions();

    /// An event's action in the event log's words (create / write / unlink), translated.
    static QString actionText(protocol::EventAction action);

signals:
    void loaded();
    void resolutionsLoaded();
    void pageLoaded(int page);
    void failed(const QString& message);

private:
    void requestPage(int page) const;
    /// Local display times of events (formatted off the UI thread).
    static std::vector<QString> displayTimes(const std::vector<protocol::Event>& events);

    ConsoleBackend* m_backend;
    UserNames m_users;
    /// device_id \x1f local_id \x1f resolved_at -> the resolved conflict.
    std::map<std::string, engine::ConflictRecord> m_resolutions;
    bool m_resolutionsInFlight = false;
    Filter m_filter;
    std::int64_t m_total = 0;
    /// Unfiltered log with ids 1..total: row r is event total - r, so pages are id ranges.
    bool m_dense = false;
    int m_generation = 0;
    bool m_refreshing = false;
    // mutable: data() is const but pulls pages in on demand.
    mutable std::map<int, std::vector<protocol::Event>> m_pages;
    mutable std::map<int, std::vector<QString>> m_times; // local display times, per page
    mutable std::list<int> m_lru;                        // most recent first
    mutable std::set<int> m_inFlight;
};

} // namespace bridgecore::ui
