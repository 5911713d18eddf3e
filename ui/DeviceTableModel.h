#pragma once
// Every device's sync state, fetched page by page from a ConsoleBackend (canFetchMore /
// fetchMore), so 100,000 devices never sit in memory or in a widget at once; refresh()
// keeps the loaded rows live. Users are shown by email.

#include "ConsoleServices.h"
#include "PagedTableModel.h"
#include "UserNames.h"

namespace bridgecore::ui {

class DeviceTableModel : public PagedTableModel<protocol::SyncState> {
    Q_OBJECT
public:
    /// The most useful first: who, how it is doing, how far behind.
    enum class Column {
        Device,
        Status,
        User,
        LastSync,
        Lag,
        Pending,
        OpenConflicts,
        AppType,
        AppVersion,
        LastEventId,
        TotalSyncs,
        EventsSynced,
        Count
    };
    /// How a device is doing, for highlighting and filtering.
    enum class Health { Ok, Stale, Error, Conflict };
    /// Role that returns the Health of a row as int.
    static constexpr int HealthRole = Qt::UserRole + 1;
    /// Role that returns a sortable raw value (numbers as qint64, times as ms).
    static constexpr int SortRole = Qt::UserRole + 2;

    explicit DeviceTableModel(ConsoleBackend* backend, QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Reloads the first page; `search` matches part of the device id or app type.
    void reload(const QString& search);
    using PagedTableModelBase::reload;
    const protocol::SyncState* device(int r) const { return row(r); }
    /// The email of a user id (the id itself while unknown).
    QString userName(std::int64_t userId) const;
    Health health(const protocol::SyncState& s) const;
    /// "now" for relative times and staleness; tests set it.
    void setNow(protocol::Millis now) { m_now = now; }

protected:
    QThreadPool* pool() const override { return m_backend->pool(); }
    Query query(int offset, int limit) const override;
    std::string keyOf(const protocol::SyncState& s) const override { return s.device_id; }
    void receive(const std::vector<protocol::SyncState>& rows, Mode mode) override;

private:
    QString relativeTime(const std::optional<std::string>& iso) const;
    protocol::Millis now() const;

    ConsoleBackend* m_backend;
    std::int64_t m_head = 0;
    std::string m_search;
    UserNames m_users;
    protocol::Millis m_now = 0;
};

} // namespace bridgecore::ui
