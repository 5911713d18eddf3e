#pragma once
// Conflicts: open and resolved conflicts, and the merge editor for the selected one.

#include "ConflictListModel.h"
#include "ConsoleBackend.h"
#include "MergeEditor.h"

#include <QWidget>

class QComboBox;
class QTableView;

namespace bridgecore::ui {

class ConflictsView : public QWidget {
    Q_OBJECT
public:
    explicit ConflictsView(ConsoleBackend* backend, QWidget* parent = nullptr);

    ConflictListModel* model() { return &m_model; }
    MergeEditor* editor() { return m_editor; }
    QTableView* table() { return m_table; }
    /// "open", "resolved" or "" (all).
    void setStatusFilter(const std::string& status);
    void selectRow(int row);
    void reload();

signals:
    /// A conflict was resolved on the server; the record changed.
    void resolved(std::int64_t conflictId, const QString& model, qint64 recordId);
    void message(const QString& text);

private:
    void submit(std::int64_t conflictId, protocol::ConflictStrategy strategy,
                const protocol::json& mergedData);

    ConsoleBackend* m_backend;
    ConflictListModel m_model;
    QTableView* m_table = nullptr;
    QComboBox* m_status = nullptr;
    MergeEditor* m_editor = nullptr;
};

} // namespace bridgecore::ui
