#include "LiveUpdates.h"

#include "ConsoleServices.h"

#include <QEvent>
#include <QHeaderView>
#include <QSettings>
#include <QStyle>
#include <QTableView>
#include <QTimer>

#include <QWidget>
#include <algorithm>

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
/// Margins of a header section plus, when the table sorts, room for the sort indicator.
int headerExtra(QTableView* table) {
    auto* header = table->horizontalHeader();
    const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    if (!table->isSortingEnabled())
        return 2 * margin + 8;
    // What QCommonStyle adds for the indicator: the header's height plus a margin.
    return 3 * margin + QFontMetrics(header->font()).height() + 4;
}
/// Set while the console itself sizes columns: only a person's resizing is remembered.
const char* const fittingProperty = "bridgecoreFitting";
} // namespace

void fitHeaderSections(QTableView* table, const QString& key) {
    auto* header = table->horizontalHeader();
    auto* model = table->model();
    const QFontMetrics fm(headerFont(header));
    const int extra = headerExtra(table);
    QSettings settings;
    settings.beginGroup(QStringLiteral("columns/") + key);
    for (int c = 0; c < model->columnCount(); ++c) {
        const QString title = model->headerData(c, Qt::Horizontal).toString();
        const int needed = fm.horizontalAdvance(title) + extra;
        const int saved = settings.value(QString::number(c), 0).toInt();
        header->resizeSection(c, std::max({needed, saved, int(header->sectionSize(c))}));
    }
    settings.endGroup();
    QObject::connect(header, &QHeaderView::sectionResized, header,
                     [key, header](int section, int, int size) {
                         if (header->stretchLastSection() && section == header->count() - 1)
                             return; // its width follows the window
                         if (header->property(fittingProperty).toBool())
                             return; // fitted to its texts, not chosen
                         QSettings s;
                         s.setValue(QStringLiteral("columns/%1/%2").arg(key).arg(section), size);
                     });
}

void fitColumnsToContents(QTableView* table, int rows) {
    auto fit = [table, rows] {
        auto* header = table->horizontalHeader();
        auto* model = table->model();
        const QFontMetrics fm(table->font());
        const QFontMetrics headerFm(headerFont(header));
        // The cell's text margins on both sides, plus a little air.
        const int extra =
            2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1) + 8;
        const int extraOfHeader = headerExtra(table);
        const int n = std::min(model->rowCount(), rows);
        const int last = header->stretchLastSection() ? model->columnCount() - 1 : -1;
        for (int c = 0; c < model->columnCount(); ++c) {
            if (header->isSectionHidden(c))
                continue;
            // The header's text fits every column, the stretched last one included.
            int needed =
                headerFm.horizontalAdvance(model->headerData(c, Qt::Horizontal).toString()) +
                extraOfHeader;
            if (c != last)
                for (int r = 0; r < n; ++r)
                    needed = std::max(
                        needed, fm.horizontalAdvance(model->index(r, c).data().toString()) + extra);
            if (needed > header->sectionSize(c)) {
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
    fit();
}

} // namespace bridgecore::ui
