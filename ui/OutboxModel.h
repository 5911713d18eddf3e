#pragma once
// This console's own outbox (the offline client's queue), paged from the client cache.

#include "client/ClientCache.h"

#include <QAbstractTableModel>

class QThreadPool;

namespace bridgecore::ui {

class OutboxModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column { Seq, Status, Action, Model, Record, Attempts, LastError, Created, Count };
    static constexpr int kPageSize = 200;

    OutboxModel(client::ClientCache* cache, QThreadPool* pool, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    /// nullopt = every status.
    void reload(std::optional<client::OutboxStatus> status);
    void reload() { reload(m_status); }
    const client::OutboxEntry* entry(int row) const;
    const client::OutboxCounts& counts() const { return m_counts; }
    static QString statusName(client::OutboxStatus status);

signals:
    void loaded();

private:
    void fetchPage(int offset, bool reset);

    client::ClientCache* m_cache;
    QThreadPool* m_pool;
    std::optional<client::OutboxStatus> m_status;
    std::vector<client::OutboxEntry> m_rows;
    client::OutboxCounts m_counts;
    std::int64_t m_total = 0;
    bool m_loading = false;
    int m_generation = 0;
};

} // namespace bridgecore::ui
