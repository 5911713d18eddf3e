#pragma once
// This console's own outbox (the offline client's queue), paged from the client cache.

#include "PagedTableModel.h"
#include "client/ClientCache.h"

#include <memory>
#include <mutex>

class QThreadPool;

namespace bridgecore::ui {

class OutboxModel : public PagedTableModel<client::OutboxEntry> {
    Q_OBJECT
public:
    enum class Column { Seq, Status, Action, Model, Record, Attempts, LastError, Created, Count };

    OutboxModel(client::ClientCache* cache, QThreadPool* pool, QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// nullopt = every status.
    void reload(std::optional<client::OutboxStatus> status);
    using PagedTableModelBase::reload;
    const client::OutboxEntry* entry(int r) const { return row(r); }
    const client::OutboxCounts& counts() const { return m_counts; }
    static QString statusName(client::OutboxStatus status);

protected:
    QThreadPool* pool() const override { return m_pool; }
    Query query(int offset, int limit) const override;
    std::string keyOf(const client::OutboxEntry& e) const override { return std::to_string(e.seq); }
    void receive(const std::vector<client::OutboxEntry>& rows, Mode mode) override;

private:
    /// The queue's counts, read with each page on the pool.
    struct SharedCounts {
        std::mutex mutex;
        client::OutboxCounts counts;
    };

    client::ClientCache* m_cache;
    QThreadPool* m_pool;
    std::optional<client::OutboxStatus> m_status;
    client::OutboxCounts m_counts;
    std::shared_ptr<SharedCounts> m_read = std::make_shared<SharedCounts>();
};

} // namespace bridgecore::ui
