#include "LiveUpdates.h"

#include "ConsoleServices.h"

#include <QEvent>
#include <QHeaderView>
#include <QMenu>
#include <QResizeEvent>
#include <QSettings>
#include <QStyle>
#include <QTableView>
#include <QTimer>

#include <QWidget>
#include <algorithm>
#include <climits>
#include <vector>

namespace bridgecore::ui {

LiveUpdates::LiveUpdates(ConsoleBackend* backend, QWidget* view, std::function<void()> update,
                         int intervalMs)
    : QObject(view)
    , m_view(view)
    , m_update(std::move(update))
    , m_timer(new QTimer(this)) {
    m_timer->setSingleShot(true);
    m_timer->setInterval(intervalMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (!m_view->isVisible()) {
            m_dirty = true;
            return;
        }
        m_dirty = false;
        m_update();
    });
    connect(backend, &ConsoleBackend::pushed, this, &LiveUpdates::changed);
    connect(backend, &ConsoleBackend::pulled, this, &LiveUpdates::changed);
    connect(backend, &ConsoleBackend::conflictsChanged, this, &LiveUpdates::changed);
    view->installEventFilter(this);
}

void LiveUpdates::changed() {
    if (!m_view->isVisible()) {
        m_dirty = true;
        return;
    }
    if (!m_timer->isActive())
        m_timer->start(); // at most one update per interval, however many pushes arrive
}

bool LiveUpdates::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_view && event->type() == QEvent::Show && m_dirty && !m_timer->isActive())
        m_timer->start(0);
    return QObject::eventFilter(watched, event);
}

QFont headerFont(const QHeaderView* header) {
    QFont font = header->font();
    if (header->highlightSections())
        font.setBold(true); // the columns of a selected row are titled in bold
    return font;
}

namespace {
/// Margins of header section `section` plus, when the table sorts by it, room for the sort
/// indicator (only the sorted section draws one: reserving it in every column cost ~25 px
/// each, "Open conflicts" off screen in the default window).
int headerExtra(QTableView* table, int section) {
    auto* header = table->horizontalHeader();
    const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    if (!table->isSortingEnabled() || !header->isSortIndicatorShown() ||
        header->sortIndicatorSection() != section)
        return 2 * margin + 8;
    // What QCommonStyle adds for the indicator: the header's height plus a margin.
    return 3 * margin + QFontMetrics(header->font()).height() + 4;
}
/// Set while the console itself sizes columns: only a person's resizing is remembered.
const char* const fittingProperty = "bridgecoreFitting";
/// The sections a person sized (QList<int>): the console's fitting never narrows them.
const char* const chosenProperty = "bridgecoreChosenSections";
bool chosenByPerson(const QHeaderView* header, int section) {
    return header->property(chosenProperty).value<QList<int>>().contains(section);
}
void noteChosen(QHeaderView* header, int section) {
    auto chosen = header->property(chosenProperty).value<QList<int>>();
    if (!chosen.contains(section)) {
        chosen.append(section);
        header->setProperty(chosenProperty, QVariant::fromValue(chosen));
    }
}
} // namespace

void fitHeaderSections(QTableView* table, const QString& key) {
    auto* header = table->horizontalHeader();
    auto* model = table->model();
    const QFontMetrics fm(headerFont(header));
    QSettings settings;
    settings.beginGroup(QStringLiteral("columns/") + key);
    for (int c = 0; c < model->columnCount(); ++c) {
        const QString title = model->headerData(c, Qt::Horizontal).toString();
        const int needed = fm.horizontalAdvance(title) + headerExtra(table, c);
        const int saved = settings.value(QString::number(c), 0).toInt();
        if (saved > 0)
            noteChosen(header, c);
        header->resizeSection(c, std::max({needed, saved, int(header->sectionSize(c))}));
    }
    settings.endGroup();
    QObject::connect(header, &QHeaderView::sectionResized, header,
                     [key, header](int section, int, int size) {
                         if (header->stretchLastSection() && section == header->count() - 1)
                             return; // its width follows the window
                         if (header->property(fittingProperty).toBool())
                             return; // fitted to its texts, not chosen
                         noteChosen(header, section);
                         QSettings s;
                         s.setValue(QStringLiteral("columns/%1/%2").arg(key).arg(section), size);
                     });
}

void resizeFittedSection(QHeaderView* header, int section, int size) {
    header->setProperty(fittingProperty, true);
    header->resizeSection(section, size);
    header->setProperty(fittingProperty, false);
}

namespace {
/// The cell's text margins on both sides, plus a little air (6 px: 8 cost French its event
/// log emails).
int cellTextExtra(QTableView* table) {
    return 2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1) + 6;
}
int titleWidth(QTableView* table, int column) {
    const QFontMetrics headerFm(headerFont(table->horizontalHeader()));
    return headerFm.horizontalAdvance(
               table->model()->headerData(column, Qt::Horizontal).toString()) +
           headerExtra(table, column);
}
/// The widths column `column`'s first `rows` values need (its margins included), unsorted.
std::vector<int> valueWidths(QTableView* table, int column, int rows) {
    const QFontMetrics fm(table->font());
    const int extra = cellTextExtra(table);
    std::vector<int> widths;
    const int n = std::min(table->model()->rowCount(), rows);
    widths.reserve(std::size_t(std::max(n, 0)));
    for (int r = 0; r < n; ++r)
        widths.push_back(fm.horizontalAdvance(table->model()->index(r, column).data().toString()) +
                         extra);
    return widths;
}
int valuesWidth(QTableView* table, int column, int rows) {
    const auto widths = valueWidths(table, column, rows);
    return widths.empty() ? 0 : *std::max_element(widths.begin(), widths.end());
}
/// What nine in ten of `widths` need (all of them below ten values); 0 when empty.
int mostWidth(std::vector<int> widths) {
    if (widths.empty())
        return 0;
    const auto i = widths.size() < 10 ? widths.size() - 1 : (widths.size() * 9 + 9) / 10 - 1;
    std::nth_element(widths.begin(), widths.begin() + std::ptrdiff_t(i), widths.end());
    return widths[i];
}
/// Refits its table when the viewport's width changes (a window resized, the vertical scroll
/// bar shown): the room the give-way columns have follows it.
class ViewportWatcher : public QObject {
public:
    ViewportWatcher(QWidget* viewport, QTimer* refit)
        : QObject(refit)
        , m_refit(refit) {
        viewport->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Resize) {
            const auto* resize = static_cast<QResizeEvent*>(event);
            if (resize->size().width() != resize->oldSize().width())
                m_refit->start();
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QTimer* m_refit;
};
} // namespace

int columnTextWidth(QTableView* table, int column, int rows) {
    return std::max(titleWidth(table, column), valuesWidth(table, column, rows));
}

void fitColumnsToContents(QTableView* table, int rows, std::function<int(int column)> maxWidth,
                          QList<int> giveWay) {
    constexpr int kNarrowSlack = 24;
    auto fit = [table, rows, maxWidth, giveWay] {
        auto* header = table->horizontalHeader();
        auto* model = table->model();
        const int columns = model->columnCount();
        const int last = header->stretchLastSection() ? columns - 1 : -1;
        auto stretched = [header, last](int c) {
            return c == last || header->sectionResizeMode(c) == QHeaderView::Stretch;
        };
        // The width column `c` ends with when it should be `want` px: wider for a longer value;
        // narrower again once it has left the measured rows (a resolution scrolled off the
        // event log's page kept Action and Device ~100 px too wide), unless a person sized the
        // column. `slack` px of surplus are kept, so a live table does not twitch as "just now"
        // becomes "2 minutes ago".
        auto settled = [header](int c, int want, int slack) {
            const int size = header->sectionSize(c);
            return want > size || (size - want > slack && !chosenByPerson(header, c)) ? want : size;
        };
        // What each column needs: its title and, but a stretched one, its values (capped).
        std::vector<int> needed(std::size_t(columns), 0), floor(std::size_t(columns), 0);
        int fixed = 0; // what the columns that do not give way take
        for (int c = 0; c < columns; ++c) {
            if (header->isSectionHidden(c))
                continue;
            const int title = titleWidth(table, c);
            if (stretched(c)) {
                fixed += title; // a stretched column keeps at least its title's width
                continue;
            }
            auto widths = valueWidths(table, c, rows);
            const int values = widths.empty() ? 0 : *std::max_element(widths.begin(), widths.end());
            const auto i = std::size_t(c);
            needed[i] = std::max(title, maxWidth ? std::min(values, maxWidth(c)) : values);
            if (!giveWay.contains(c) || chosenByPerson(header, c)) {
                fixed += settled(c, needed[i], kNarrowSlack);
                continue;
            }
            floor[i] = std::min(needed[i], std::max(title, mostWidth(std::move(widths))));
        }
        // The give-way columns share what is left: the widest narrow first (to a common cap),
        // down to what most of their values need; when even that is too wide, they narrow
        // further in the order given, each down to its title.
        std::vector<int> target = needed;
        QList<int> giving;
        for (int c : giveWay)
            if (c < columns && !header->isSectionHidden(c) && !stretched(c) &&
                !chosenByPerson(header, c))
                giving.append(c);
        const int room = table->viewport()->width() - fixed;
        auto widthUnder = [&](int c, int cap) {
            return std::max(floor[std::size_t(c)], std::min(needed[std::size_t(c)], cap));
        };
        auto sumUnder = [&](int cap) {
            int total = 0;
            for (int c : giving)
                total += widthUnder(c, cap);
            return total;
        };
        if (!giving.isEmpty() && sumUnder(INT_MAX) > room) {
            int lo = 0, hi = 0;
            for (int c : giving)
                hi = std::max(hi, needed[std::size_t(c)]);
            while (lo < hi) { // the widest cap whose columns fit in the room
                const int mid = (lo + hi + 1) / 2;
                if (sumUnder(mid) <= room)
                    lo = mid;
                else
                    hi = mid - 1;
            }
            int excess = sumUnder(lo) - room;
            for (int c : giving) {
                const auto i = std::size_t(c);
                target[i] = widthUnder(c, lo);
                const int give = std::min(excess, target[i] - titleWidth(table, c));
                if (give > 0) {
                    target[i] -= give;
                    excess -= give;
                }
            }
        }
        for (int c = 0; c < columns; ++c) {
            if (header->isSectionHidden(c) || header->sectionResizeMode(c) == QHeaderView::Stretch)
                continue; // a stretched section takes what the others leave
            // The header's text fits every column, the stretched last one included.
            const int want = c == last ? titleWidth(table, c) : target[std::size_t(c)];
            // No slack for a column giving way: it would push the last column off screen.
            const int size = settled(c, want, giveWay.contains(c) ? 0 : kNarrowSlack);
            if (size != header->sectionSize(c))
                resizeFittedSection(header, c, size);
        }
    };
    // Once per turn of the event loop, however many rows a live refresh changed one by one.
    auto* later = new QTimer(table);
    later->setSingleShot(true);
    later->setInterval(0);
    QObject::connect(later, &QTimer::timeout, table, fit);
    auto soon = [later] { later->start(); };
    QObject::connect(table->model(), &QAbstractItemModel::modelReset, later, soon);
    QObject::connect(table->model(), &QAbstractItemModel::rowsInserted, later, soon);
    QObject::connect(table->model(), &QAbstractItemModel::dataChanged, later, soon);
    QObject::connect(table->model(), &QAbstractItemModel::layoutChanged, later, soon);
    QObject::connect(table->model(), &QAbstractItemModel::headerDataChanged, later, soon);
    QObject::connect(table->model(), &QAbstractItemModel::columnsInserted, later, soon);
    // The sorted column makes room for its arrow; a column shown again gets its width.
    QObject::connect(table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, later, soon);
    QObject::connect(table->horizontalHeader(), &QHeaderView::sectionCountChanged, later, soon);
    if (!giveWay.isEmpty())
        new ViewportWatcher(table->viewport(), later);
    fit();
}

void offerColumnChoice(QTableView* table, const QString& key, const QList<int>& hiddenByDefault) {
    auto* header = table->horizontalHeader();
    auto* model = table->model();
    const QString settingKey = QStringLiteral("columns/%1/hidden").arg(key);
    QSettings settings;
    QList<int> hidden;
    if (settings.contains(settingKey)) {
        for (const auto& v : settings.value(settingKey).toList())
            hidden.append(v.toInt());
    } else {
        hidden = hiddenByDefault;
    }
    for (int c = 0; c < model->columnCount(); ++c)
        header->setSectionHidden(c, hidden.contains(c));
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(header, &QWidget::customContextMenuRequested, header,
                     [table, header, settingKey](const QPoint& at) {
                         QMenu menu(header);
                         auto* model = table->model();
                         for (int c = 0; c < model->columnCount(); ++c) {
                             auto* action =
                                 menu.addAction(model->headerData(c, Qt::Horizontal).toString());
                             action->setCheckable(true);
                             action->setChecked(!header->isSectionHidden(c));
                             action->setData(c);
                             // The last shown column stays: a table without columns is a trap.
                             action->setEnabled(header->isSectionHidden(c) ||
                                                header->hiddenSectionCount() + 1 < header->count());
                         }
                         const QAction* chosen = menu.exec(header->mapToGlobal(at));
                         if (!chosen)
                             return;
                         header->setSectionHidden(chosen->data().toInt(), !chosen->isChecked());
                         QVariantList nowHidden;
                         for (int c = 0; c < header->count(); ++c)
                             if (header->isSectionHidden(c))
                                 nowHidden.append(c);
                         QSettings().setValue(settingKey, nowHidden);
                     });
}

} // namespace bridgecore::ui
