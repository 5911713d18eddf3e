#pragma once
// Cached records of one model from the offline client's cache, paged with fetchMore. The
// field columns are the union of the fields of the loaded records.

#include "PagedTableModel.h"
#include "client/ClientCache.h"

#include <QStringList>

class QThreadPool;

namespace bridgecore::ui {

class RecordTableModel : public PagedTableModel<client::CachedRecord> {
    Q_OBJECT
public:
    /// Fixed columns before the field columns.
    enum class Column { Id, State, Count };

    RecordTableModel(client::ClientCache* cache, QThreadPool* pool, QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setModelName(const QString& model);
    QString modelName() const { return m_model; }
    const client::CachedRecord* record(int r) const { return row(r); }
    /// Row of the record with this server id, or -1 when not loaded.
    int rowOfServerId(std::int64_t id) const;
    QStringList fields() const { return m_fields; }
    /// The field labels changed (e.g. Odoo described the model): repaint the headers.
    void relabel();
    int columnOfField(const QString& field) const;

protected:
    QThreadPool* pool() const override { return m_pool; }
    Query query(int offset, int limit) const override;
    std::string keyOf(const client::CachedRecord& r) const override {
        return std::to_string(r.row);
    }
    void receive(const std::vector<client::CachedRecord>& rows, Mode mode) override;

private:
    QStringList newFields(const std::vector<client::CachedRecord>& rows) const;

    client::ClientCache* m_cache;
    QThreadPool* m_pool;
    QString m_model;
    QStringList m_fields;
};

} // namespace bridgecore::ui
