#include "LiveUpdates.h"

#include "ConsoleServices.h"

#include <QEvent>
#include <QHeaderView>
#include <QMenu>
#include <QSettings>
#include <QStyle>
#include <QTableView>
#include <QTimer>

#include <QWidget>
#include <algorithm>
#include <climits>

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
int valuesWidth(QTableView* table, int column, int rows) {
    const QFontMetrics fm(table->font());
    const int extra = cellTextExtra(table);
    int values = 0;
    for (int r = 0, n = std::min(table->model()->rowCount(), rows); r < n; ++r)
        values = std::max(values,
                          fm.horizontalAdvance(table->model()->index(r, column).data().toString()) +
                              extra);
    return values;
}
} // namespace

int columnTextWidth(QTableView* table, int column, int rows) {
    return std::max(titleWidth(table, column), valuesWidth(table, column, rows));
}

void fitColumnsToContents(QTableView* table, int rows, std::function<int(int column)> maxWidth) {
    constexpr int kNarrowSlack = 24;
    auto fit = [table, rows, maxWidth] {
        auto* header = table->horizontalHeader();
        auto* model = table->model();
        const int last = header->stretchLastSection() ? model->columnCount() - 1 : -1;
        for (int c = 0; c < model->columnCount(); ++c) {
            if (header->isSectionHidden(c) || header->sectionResizeMode(c) == QHeaderView::Stretch)
                continue; // a stretched section takes what the others leave
            // The header's text fits every column, the stretched last one included.
            const int title = titleWidth(table, c);
            const int values = c == last ? 0 : valuesWidth(table, c, rows);
            const int needed = std::max(title, maxWidth ? std::min(values, maxWidth(c)) : values);
            // Wider for a longer value; narrower again once it has left the measured rows (a
            // resolution scrolled off the event log's page kept Action and Device ~100 px too
            // wide), unless a person sized the column. A few pixels of slack are kept, so a
            // live table does not twitch as "just now" becomes "2 minutes ago".
            const int size = header->sectionSize(c);
            if (needed > size || (size - needed > kNarrowSlack && !chosenByPerson(header, c))) {
                header->setProperty(fittingProperty, true);
                header->resizeSection(c, needed);
                header->setProperty(fittingProperty, false);
            }
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
