#pragma once
// Stored conflicts (open, resolved or all), paged with canFetchMore / fetchMore.

#include "ConsoleServices.h"
#include "PagedTableModel.h"

namespace bridgecore::ui {

class ConflictListModel : public PagedTableModel<engine::ConflictRecord> {
    Q_OBJECT
public:
    enum class Column { Id, Status, Device, Model, Record, Fields, Resolution, Created, Count };

    explicit ConflictListModel(ConsoleBackend* backend, QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// status: "open", "resolved" or "" for all.
    void reload(const std::string& status);
    using PagedTableModelBase::reload;
    const std::string& status() const { return m_status; }
    const engine::ConflictRecord* conflict(int r) const { return row(r); }
    int rowOf(std::int64_t conflictId) const;

protected:
    QThreadPool* pool() const override { return m_backend->pool(); }
    Query query(int offset, int limit) const override;
    std::string keyOf(const engine::ConflictRecord& c) const override {
        return std::to_string(c.conflict_id);
    }

private:
    ConsoleBackend* m_backend;
    std::string m_status = "open";
};

} // namespace bridgecore::ui
