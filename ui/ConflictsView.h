#pragma once
// Conflicts: open and resolved conflicts, filtered by model, device or field, and the merge
// editor for the selected one. After a resolution the next open conflict is selected; a
// selection of several conflicts can be resolved at once with one strategy.

#include "ConflictListModel.h"
#include "ConsoleServices.h"
#include "MergeEditor.h"
#include "UserNames.h"

#include <QSortFilterProxyModel>
#include <QWidget>

#include <climits>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;

namespace bridgecore::ui {

class ConflictsView : public QWidget {
    Q_OBJECT
public:
    explicit ConflictsView(ConsoleBackend* backend, QWidget* parent = nullptr);

    ConflictListModel* model() { return &m_model; }
    QSortFilterProxyModel* proxy() { return m_proxy; }
    MergeEditor* editor() { return m_editor; }
    QTableView* table() { return m_table; }
    /// "open", "resolved" or "" (all).
    void setStatusFilter(const std::string& status);
    /// Shows only conflicts whose model, device or fields contain `text`.
    void setTextFilter(const QString& text);
    /// Selects a row of the list as shown (after filtering).
    void selectRow(int row);
    /// The conflict shown in the editor (0 when none).
    std::int64_t currentConflictId() const { return m_editor->conflictId(); }
    /// Resolves every selected open conflict with `strategy` (after confirmation).
    bool resolveSelected(protocol::ConflictStrategy strategy);
    void reload();

signals:
    /// A conflict was resolved on the server; the record changed.
    void resolved(std::int64_t conflictId, const QString& model, qint64 recordId);
    void message(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    /// Ids of the open conflicts among the selected rows.
    std::vector<std::int64_t> selectedOpen() const;
    void updateBulk();
    void submit(std::int64_t conflictId, protocol::ConflictStrategy strategy,
                const protocol::json& mergedData);
    void showCurrent();
    void selectAfterResolution();
    void selectFirstOpen();
    void fitListWidth();

    ConsoleBackend* m_backend;
    ConflictListModel m_model;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_table = nullptr;
    QComboBox* m_status = nullptr;
    QLineEdit* m_filter = nullptr;
    QComboBox* m_bulkStrategy = nullptr;
    QPushButton* m_bulk = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_empty = nullptr;
    MergeEditor* m_editor = nullptr;
    UserNames m_users;
    QSplitter* m_split = nullptr;
    bool m_listFitted = false;
    bool m_userSized = false; ///< the person moved the splitter
    QLayout* m_listLayout = nullptr;
    /// What the Model and Fields columns grow to for their values (INT_MAX: no cap).
    int m_textColumnCap = INT_MAX;
    int m_advanceToRow = -1; ///< after a resolution: the row to select once the list is in
};

} // namespace bridgecore::ui
