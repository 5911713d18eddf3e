#pragma once
// Stored conflicts (open, resolved or all), paged with canFetchMore / fetchMore.

#include "ConsoleBackend.h"

#include <QAbstractTableModel>

namespace bridgecore::ui {

class ConflictListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column { Id, Status, Device, Model, Record, Fields, Resolution, Created, Count };
    static constexpr int kPageSize = 200;

    explicit ConflictListModel(ConsoleBackend* backend, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    /// status: "open", "resolved" or "" for all.
    void reload(const std::string& status);
    void reload() { reload(m_status); }
    const engine::ConflictRecord* conflict(int row) const;
    int rowOf(std::int64_t conflictId) const;
    std::int64_t total() const { return m_total; }

signals:
    void loaded();
    void failed(const QString& message);

private:
    void fetchPage(int offset, bool reset);

    ConsoleBackend* m_backend;
    std::string m_status = "open";
    std::vector<engine::ConflictRecord> m_rows;
    std::int64_t m_total = 0;
    bool m_loading = false;
    int m_generation = 0;
};

} // namespace bridgecore::ui
