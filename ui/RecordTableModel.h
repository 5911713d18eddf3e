#pragma once
// Cached records of one model from the offline client's cache, paged with fetchMore. The
// field columns are the union of the fields of the loaded records.

#include "client/ClientCache.h"

#include <QAbstractTableModel>
#include <QStringList>

class QThreadPool;

namespace bridgecore::ui {

class RecordTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    /// Fixed columns before the field columns.
    enum class Column { Id, State, Count };
    static constexpr int kPageSize = 200;

    RecordTableModel(client::ClientCache* cache, QThreadPool* pool, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    void setModelName(const QString& model);
    QString modelName() const { return m_model; }
    void reload();
    const client::CachedRecord* record(int row) const;
    /// Row of the record with this server id, or -1 when not loaded.
    int rowOfServerId(std::int64_t id) const;
    QStringList fields() const { return m_fields; }
    int columnOfField(const QString& field) const;

signals:
    void loaded();

private:
    void fetchPage(int offset, bool reset);
    QStringList newFields(const std::vector<client::CachedRecord>& rows) const;

    client::ClientCache* m_cache;
    QThreadPool* m_pool;
    QString m_model;
    std::vector<client::CachedRecord> m_rows;
    QStringList m_fields;
    std::int64_t m_total = 0;
    bool m_loading = false;
    int m_generation = 0;
};

} // namespace bridgecore::ui
