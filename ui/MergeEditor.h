#pragma once
// Side-by-side merge editor over a MergeModel: Base | Local | Result | Server, one row per
// field. Keyboard: L take local, S take server, E / F2 edit, N / P next / previous
// difference, Ctrl+Shift+L / Ctrl+Shift+S take all, Ctrl+Return submit the merge.

#include "MergeModel.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace bridgecore::ui {

class MergeEditor : public QWidget {
    Q_OBJECT
public:
    explicit MergeEditor(QWidget* parent = nullptr);

    MergeModel* model() { return &m_model; }
    QTableView* table() { return m_table; }
    /// Shows a conflict; `editable` false for resolved ones (read-only, the resolved record
    /// in the Result column, who resolved it and when in the header). `resolvedBy` names the
    /// user who resolved it.
    void setConflict(const engine::ConflictRecord& conflict, bool editable,
                     const QString& resolvedBy = {});
    bool isEditable() const { return m_editable; }
    /// The line above the grid (what the conflict is, or who resolved it).
    QString headerText() const;
    /// The colour legend under the grid.
    QLabel* legend() const { return m_legend; }
    /// Shows no conflict: the hint (setHint) stands in the grid's place.
    void clear();
    /// What the editor says while no conflict is shown (select one, or there are none).
    void setHint(const QString& text);
    /// The hint as shown, empty while a conflict is shown.
    QString hintText() const;
    std::int64_t conflictId() const { return m_conflictId; }
    int currentRow() const;
    void setCurrentRow(int row);

public slots:
    void takeLocal();
    void takeServer();
    void editCurrent();
    void nextDifference();
    void previousDifference();
    void submitMerge();
    void submitServerWins();
    void submitClientWins();

signals:
    /// The user submitted a resolution.
    void resolve(std::int64_t conflictId, protocol::ConflictStrategy strategy,
                 const protocol::json& mergedData);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateEnabled();
    /// Columns at least as wide as their longest word in its cell's font (bold where the
    /// result takes it); the rest of the width goes first to the columns whose texts are
    /// longer than that, then evenly.
    void fitColumns();

    MergeModel m_model;
    QTableView* m_table = nullptr;
    QLabel* m_header = nullptr;
    QString m_headerText;   ///< the title as set; m_header may break its lines elsewhere
    QString m_headerDevice; ///< the device id in it, kept on one line
    /// Shows m_headerText, a line break before the device id when wrapping would break the
    /// id at a hyphen.
    void fitHeader();
    QLabel* m_result = nullptr;
    QLabel* m_legend = nullptr;
    QLabel* m_hint = nullptr;
    std::vector<QWidget*> m_editWidgets;
    std::int64_t m_conflictId = 0;
    bool m_editable = false;
};

} // namespace bridgecore::ui
