#pragma once
// Keeps a view live: the backend's change signals (a push, a pull, conflicts changed; the
// connected backend polls the server for them) call `update` at most every `intervalMs`
// while the view is visible; a hidden view catches up when it is shown again.

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStyledItemDelegate>

#include <functional>

class QFont;
class QHeaderView;
class QTableView;
class QTimer;
class QWidget;

namespace bridgecore::console {
class ConsoleBackend;
}

namespace bridgecore::ui {

using console::ConsoleBackend;

class LiveUpdates : public QObject {
    Q_OBJECT
public:
    LiveUpdates(ConsoleBackend* backend, QWidget* view, std::function<void()> update,
                int intervalMs = 250);

    /// Something changed: update soon (now if the view is hidden: when it is shown).
    void changed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* m_view;
    std::function<void()> m_update;
    QTimer* m_timer;
    bool m_dirty = false;
};

/// The font `header` titles its sections in at their widest (bold while highlighted).
QFont headerFont(const QHeaderView* header);
/// Header sections wide enough for their titles (in the current language) and, in a table
/// that sorts, the sort arrow; each width remembered per user under `key` once the person
/// resizes it (the console's own fitting is not remembered).
void fitHeaderSections(QTableView* table, const QString& key);
/// Fits every column to its header's text and, but a stretched last one, to the widest text
/// among its first `rows` rows, and keeps doing so as rows load or change, or headers change
/// (labels arrive, another language) (once per turn of the event loop; only the first `rows`
/// rows are measured, so a paged table of 100k devices costs what its first page does). A
/// column widens at once and narrows once it is more than a few pixels too wide, unless a
/// person sized it.
/// A section in QHeaderView::Stretch mode is left to the header (it takes what the others
/// leave). The sorted column also gets room for its sort arrow. `maxWidth`, when given, caps
/// what a column grows to for its values (its title always fits; INT_MAX: no cap).
/// `giveWay` columns narrow when the columns need more than the table's width, so every column
/// is on screen (the stretched one keeping its title's width): the widest first, each down to
/// what nine in ten of its measured values need (the rare longer value, a resolution, a long
/// email, is then elided by the column's delegate, whole in its tooltip); if that is not
/// enough, further in the order given, never below their titles.
void fitColumnsToContents(QTableView* table, int rows = 200,
                          std::function<int(int column)> maxWidth = {}, QList<int> giveWay = {});
/// The width column `column` of `table` needs for its header's text and for the widest text
/// among its first `rows` rows, as fitColumnsToContents() measures them (its margins included).
int columnTextWidth(QTableView* table, int column, int rows = 200);
/// Resizes `section` as the console's own fitting (not remembered as the person's choice).
void resizeFittedSection(QHeaderView* header, int section, int size);
/// Columns a person may hide and show again from the header's context menu, remembered per
/// user under `key`; `hiddenByDefault` until they choose.
void offerColumnChoice(QTableView* table, const QString& key, const QList<int>& hiddenByDefault);

/// Draws a column's text shortened with its own elide mode (a long email loses its middle) in
/// a table that elides nothing else.
class ElidingDelegate : public QStyledItemDelegate {
public:
    ElidingDelegate(Qt::TextElideMode mode, QObject* parent)
        : QStyledItemDelegate(parent)
        , m_mode(mode) {}

    Qt::TextElideMode mode() const { return m_mode; }

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = m_mode;
    }

private:
    Qt::TextElideMode m_mode;
};

} // namespace bridgecore::ui
