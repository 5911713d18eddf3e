#pragma once
// Every device's sync state, fetched page by page from a ConsoleBackend (canFetchMore /
// fetchMore), so 100,000 devices never sit in memory or in a widget at once.

#include "ConsoleBackend.h"

#include <QAbstractTableModel>

namespace bridgecore::ui {

class DeviceTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column {
        Device,
        User,
        AppType,
        LastEventId,
        Lag,
        LastSync,
        TotalSyncs,
        EventsSynced,
        Status,
        Pending,
        OpenConflicts,
        AppVersion,
        Count
    };
    /// How a device is doing, for highlighting and filtering.
    enum class Health { Ok, Stale, Error, Conflict };
    static constexpr int kPageSize = 200;
    /// Role that returns the Health of a row as int.
    static constexpr int HealthRole = Qt::UserRole + 1;
    /// Role that returns a sortable raw value (numbers as qint64, times as ms).
    static constexpr int SortRole = Qt::UserRole + 2;

    explicit DeviceTableModel(ConsoleBackend* backend, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    /// Reloads the first page; `search` matches device id or app type on the backend.
    void reload(const QString& search = {});
    const protocol::SyncState* device(int row) const;
    std::int64_t total() const { return m_total; }
    bool isLoading() const { return m_loading; }
    Health health(const protocol::SyncState& s) const;
    /// "now" for relative times and staleness; tests set it.
    void setNow(protocol::Millis now) { m_now = now; }

signals:
    void loaded();
    void failed(const QString& message);

private:
    void fetchPage(int offset, bool reset);
    QString relativeTime(const std::optional<std::string>& iso) const;
    protocol::Millis now() const;

    ConsoleBackend* m_backend;
    std::vector<protocol::SyncState> m_rows;
    std::int64_t m_total = 0;
    std::int64_t m_head = 0;
    bool m_loading = false;
    int m_generation = 0;
    std::string m_search;
    protocol::Millis m_now = 0;
};

} // namespace bridgecore::ui
