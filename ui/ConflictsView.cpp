#include "ConflictsView.h"

#include "Confirm.h"
#include "ConsoleServices.h"
#include "LiveUpdates.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QResizeEvent>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace bridgecore::ui {

namespace {
/// Matches the model, device and conflicting-fields columns.
class ConflictFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        const QString text = filterRegularExpression().pattern();
        if (text.isEmpty())
            return true;
        // As shown ("Sales Order") or by technical name ("sale.order", in the tooltips).
        for (auto c : {ConflictListModel::Column::Model, ConflictListModel::Column::Device,
                       ConflictListModel::Column::Fields})
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)})
                if (sourceModel()
                        ->index(row, int(c), parent)
                        .data(role)
                        .toString()
                        .contains(text, Qt::CaseInsensitive))
                    return true;
        return false;
    }
};
} // namespace

ConflictsView::ConflictsView(ConsoleBackend* backend, QWidget* parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_model(backend)
    , m_users(backend) {
    setObjectName(QStringLiteral("conflictsView"));
    m_proxy = new ConflictFilter(this);
    m_proxy->setSourceModel(&m_model);
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show:"), this));
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("statusCombo"));
    m_status->addItem(tr("Open"), QStringLiteral("open"));
    m_status->addItem(tr("Resolved"), QStringLiteral("resolved"));
    m_status->addItem(tr("All"), QString());
    bar->addWidget(m_status);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("conflictFilter"));
    m_filter->setPlaceholderText(tr("Filter by model, device or field…"));
    m_filter->setClearButtonEnabled(true);
    bar->addWidget(m_filter, 1);
    m_count = new QLabel(this);
    bar->addWidget(m_count);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Selected:"), this));
    m_bulkStrategy = new QComboBox(this);
    m_bulkStrategy->setObjectName(QStringLiteral("bulkStrategy"));
    m_bulkStrategy->addItem(tr("Server wins"), int(protocol::ConflictStrategy::ServerWins));
    m_bulkStrategy->addItem(tr("Client wins"), int(protocol::ConflictStrategy::ClientWins));
    bar->addWidget(m_bulkStrategy);
    m_bulk = new QPushButton(tr("Resolve selected"), this);
    m_bulk->setObjectName(QStringLiteral("bulkResolve"));
    m_bulk->setEnabled(false);
    bar->addWidget(m_bulk);
    layout->addLayout(bar);

    // The list beside the editor: both get the window's full height.
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("conflictsSplitter"));
    auto* listBox = new QWidget(split);
    auto* listLayout = new QVBoxLayout(listBox);
    m_listLayout = listLayout;
    m_table = new QTableView(listBox);
    m_table->setObjectName(QStringLiteral("conflictsTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    // The columns a person picks a conflict by; the rest stay available.
    m_table->setColumnHidden(int(ConflictListModel::Column::Resolution), true);
    // Narrow ids, every column as wide as its values: Model and Fields are not cut off.
    m_table->horizontalHeader()->setDefaultSectionSize(40);
    fitHeaderSections(m_table, QStringLiteral("conflicts"));
    // Model and Fields grow no wider than fitListWidth leaves them (a narrow list shortens
    // them; their tooltips have the whole names).
    fitColumnsToContents(m_table, 200, [this](int c) {
        return c == int(ConflictListModel::Column::Model)    ? m_textColumnCap
               : c == int(ConflictListModel::Column::Fields) ? m_textColumnCap
                                                             : INT_MAX;
    });
    listLayout->addWidget(m_table, 1);
    m_empty = new QLabel(tr("No open conflicts. A conflict appears here when a device changes "
                            "a record that changed on the server meanwhile and its strategy "
                            "is manual."),
                         listBox);
    m_empty->setObjectName(QStringLiteral("conflictsEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setVisible(false);
    listLayout->addWidget(m_empty);
    m_editor = new MergeEditor(split);
    QEvent direction(QEvent::LayoutDirectionChange);
    changeEvent(&direction); // the list's margins
    m_split = split;
    // The person's choice of widths stands from then on.
    connect(split, &QSplitter::splitterMoved, this, [this] { m_userSized = true; });
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({420, 620});
    layout->addWidget(split, 1);

    // A Status column only where statuses differ: under "Open" every row said "open", and
    // its room is what the Created column needed at 1100 px.
    m_table->setColumnHidden(int(ConflictListModel::Column::Status), true);
    connect(m_status, &QComboBox::currentIndexChanged, this, [this](int i) {
        const std::string status = m_status->itemData(i).toString().toStdString();
        m_table->setColumnHidden(int(ConflictListModel::Column::Status), !status.empty());
        m_model.reload(status);
    });
    connect(m_filter, &QLineEdit::textChanged, this, &ConflictsView::setTextFilter);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ConflictsView::showCurrent);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ConflictsView::updateBulk);
    connect(&m_model, &ConflictListModel::loaded, this, &ConflictsView::updateBulk);
    connect(m_bulk, &QPushButton::clicked, this, [this] {
        resolveSelected(protocol::ConflictStrategy(m_bulkStrategy->currentData().toInt()));
    });
    connect(&m_model, &QAbstractItemModel::modelReset, m_editor, &MergeEditor::clear);
    connect(&m_model, &ConflictListModel::failed, this, &ConflictsView::message);
    connect(&m_model, &ConflictListModel::loaded, this, [this] {
        m_count->setText(tr("%Ln conflict(s)", "", int(m_model.total())));
        m_empty->setVisible(m_model.total() == 0);
        m_empty->setText(m_model.status() == "open"
                             ? tr("No open conflicts. A conflict appears here when a device "
                                  "changes a record that changed on the server meanwhile and "
                                  "its strategy is manual.")
                             : tr("No conflicts to show."));
        m_editor->setHint(m_model.total() == 0
                              ? (m_model.status() == "open"
                                     ? tr("There are no open conflicts: nothing to compare.")
                                     : tr("There are no conflicts here: nothing to compare."))
                              : tr("Select a conflict to compare the device's values with the "
                                   "server's."));
        selectAfterResolution();
        selectFirstOpen();
        // Fitted again at every load: a conflict that arrives later can have longer values
        // (the list stayed as wide as the first seven rows needed and its last column went off
        // screen). Nothing moves when the widths are the same; a person's splitter stays.
        m_listFitted = false;
        fitListWidth();
        // A live refresh changed the conflict in the editor (resolved elsewhere): show that.
        if (const auto* c = m_model.conflict(m_proxy->mapToSource(m_table->currentIndex()).row());
            c && c->conflict_id == m_editor->conflictId() && c->status != "open" &&
            m_editor->isEditable())
            showCurrent();
    });
    connect(m_editor, &MergeEditor::resolve, this, &ConflictsView::submit);
    // Names arrive after the list: a resolved conflict's "resolved by" follows.
    connect(&m_users, &UserNames::changed, this, [this] {
        if (m_editor->conflictId() != 0 && !m_editor->isEditable())
            showCurrent();
    });
    new LiveUpdates(m_backend, this, [this] { m_model.refresh(); });
    m_model.reload("open");
}

void ConflictsView::reload() {
    m_model.reload();
}

void ConflictsView::showCurrent() {
    const auto* c = m_model.conflict(m_proxy->mapToSource(m_table->currentIndex()).row());
    if (!c) {
        m_editor->clear();
        return;
    }
    m_editor->setConflict(*c, c->status == "open" && m_backend->role() != protocol::Role::Support,
                          c->resolved_by ? m_users.name(*c->resolved_by) : QString());
    // Its values can make the editor need more room than the last fit left it.
    m_listFitted = false;
    fitListWidth();
}

void ConflictsView::setStatusFilter(const std::string& status) {
    const int i = m_status->findData(QString::fromStdString(status));
    if (i >= 0 && i != m_status->currentIndex())
        m_status->setCurrentIndex(i);
    else
        m_model.reload(status);
}

void ConflictsView::setTextFilter(const QString& text) {
    if (m_filter->text() != text)
        m_filter->setText(text); // comes back here through textChanged
    else
        m_proxy->setFilterRegularExpression(QRegularExpression(text.trimmed()));
}

void ConflictsView::selectRow(int row) {
    m_table->selectionModel()->setCurrentIndex(
        m_proxy->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void ConflictsView::selectFirstOpen() {
    // The view opens on work to do: the first open conflict, unless one is already chosen.
    if (m_table->currentIndex().isValid())
        return;
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        if (const auto* c = m_model.conflict(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
            c && c->status == "open") {
            selectRow(row);
            return;
        }
}

void ConflictsView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    fitListWidth(); // the list usually loads while another view is on screen
}

void ConflictsView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    if (event->size().width() != event->oldSize().width()) {
        m_listFitted = false;
        fitListWidth();
    }
}

void ConflictsView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() != QEvent::LayoutDirectionChange)
        return;
    // Right to left, QSplitter puts its first widget one pixel past its right edge (Qt 6.4):
    // the list's frame was hidden and its first title, "تعارض", touched the cut.
    m_listLayout->setContentsMargins(0, 0, isRightToLeft() ? 1 : 0, 0);
}

void ConflictsView::fitListWidth() {
    // When the first conflicts are in and shown, and again when the view's size changes (a
    // hidden page of the console's stack is sized only once shown), until the person moves
    // the splitter: the list as wide as its columns (the
    // stretched last one, the date, as wide as its values), as long as the merge editor keeps
    // two fifths of the width (and what its buttons need); past that the Model and Fields
    // columns give up the difference, so the list never scrolls sideways (French names).
    if (m_listFitted || m_userSized || m_proxy->rowCount() == 0 || !isVisible())
        return;
    QTimer::singleShot(0, this, [this] {
        if (m_listFitted)
            return;
        m_listFitted = true;
        auto* header = m_table->horizontalHeader();
        const int last = header->logicalIndex(header->count() - 1);
        const QFontMetrics fm(m_table->font());
        int lastWidth =
            QFontMetrics(header->font())
                .horizontalAdvance(m_proxy->headerData(last, Qt::Horizontal).toString()) +
            40;
        for (int r = 0; r < std::min(m_proxy->rowCount(), 200); ++r)
            lastWidth = std::max(
                lastWidth, fm.horizontalAdvance(m_proxy->index(r, last).data().toString()) + 16);
        // Model and Fields at their natural widths again (a fit at another width shortened
        // them), then the list's wanted width.
        const int model = int(ConflictListModel::Column::Model);
        const int fields = int(ConflictListModel::Column::Fields);
        const QFontMetrics hfm(headerFont(header));
        auto floor = [&](int c) {
            return hfm.horizontalAdvance(m_proxy->headerData(c, Qt::Horizontal).toString()) + 16;
        };
        const int cellExtra =
            2 * (m_table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_table) +
                 1) +
            8;
        m_textColumnCap = INT_MAX;
        // Every column but the stretched last one: the content fitting may not have run yet
        // (an id column at its default 40 px made the list too narrow).
        for (int c = 0; c < header->count(); ++c) {
            if (header->isSectionHidden(c) || c == last)
                continue;
            int natural = std::max(floor(c), header->sectionSize(c));
            for (int r = 0; r < std::min(m_proxy->rowCount(), 200); ++r)
                natural =
                    std::max(natural, fm.horizontalAdvance(m_proxy->index(r, c).data().toString()) +
                                          cellExtra);
            resizeFittedSection(header, c, natural);
        }
        int wanted = 2 * m_table->frameWidth() +
                     m_table->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_table);
        for (int c = 0; c < header->count(); ++c)
            if (!header->isSectionHidden(c))
                wanted += c == last ? lastWidth : header->sectionSize(c);
        const int total = m_split->width() - m_split->handleWidth();
        const int lo = std::min(420, total / 2);
        const int editor = std::max(m_editor->minimumSizeHint().width(), total * 2 / 5);
        const int list = std::clamp(wanted, lo, std::max(lo, total - editor));
        m_split->setSizes({list, total - list});
        // The wider of the two narrows first, down to its title.
        for (int excess = wanted - list; excess > 0;) {
            int a = model, b = fields;
            if (header->sectionSize(a) < header->sectionSize(b))
                std::swap(a, b);
            const int room = header->sectionSize(a) - floor(a);
            if (room <= 0)
                break;
            const int by = std::min(
                {excess, room, std::max(1, header->sectionSize(a) - header->sectionSize(b))});
            resizeFittedSection(header, a, header->sectionSize(a) - by);
            excess -= by;
        }
        if (wanted > list)
            m_textColumnCap = std::max(header->sectionSize(model), header->sectionSize(fields));
    });
}

void ConflictsView::selectAfterResolution() {
    if (m_advanceToRow < 0)
        return;
    const int row = std::min(m_advanceToRow, m_proxy->rowCount() - 1);
    m_advanceToRow = -1;
    if (row >= 0)
        selectRow(row);
}

void ConflictsView::submit(std::int64_t conflictId, protocol::ConflictStrategy strategy,
                           const protocol::json& mergedData) {
    runAsync(
        m_backend->pool(), this,
        [backend = m_backend, conflictId, strategy, mergedData] {
            return backend->resolveConflict(conflictId, strategy, mergedData);
        },
        [this, conflictId](Result<protocol::ResolveResult> r) {
            if (!r) {
                emit message(
                    tr("Resolution failed: %1").arg(QString::fromStdString(r.error().message)));
                return;
            }
            const auto& v = r.value();
            if (v.status == protocol::ChangeStatus::Failed) {
                emit message(
                    tr("Resolution failed: %1").arg(QString::fromStdString(v.error.value_or(""))));
                return;
            }
            emit message(tr("Conflict %1 resolved").arg(QLocale().toString(qlonglong(conflictId))));
            emit resolved(conflictId, QString::fromStdString(v.model),
                          qint64(v.server_id.value_or(0)));
            // The next conflict: the one that takes the resolved one's place in the list.
            const int src = m_model.rowOf(conflictId);
            m_advanceToRow = src >= 0 ? m_proxy->mapFromSource(m_model.index(src, 0)).row() : 0;
            if (m_model.status() != "open")
                ++m_advanceToRow; // it stays in the list: move past it
            m_editor->clear();
            m_model.refresh();
        });
}

std::vector<std::int64_t> ConflictsView::selectedOpen() const {
    std::vector<std::int64_t> ids;
    for (const auto& idx : m_table->selectionModel()->selectedRows()) {
        const auto* c = m_model.conflict(m_proxy->mapToSource(idx).row());
        if (c && c->status == "open")
            ids.push_back(c->conflict_id);
    }
    return ids;
}

void ConflictsView::updateBulk() {
    // Only open conflicts can be resolved: a selection of resolved ones leaves it disabled.
    m_bulk->setEnabled(m_backend->role() != protocol::Role::Support && !selectedOpen().empty());
}

bool ConflictsView::resolveSelected(protocol::ConflictStrategy strategy) {
    const std::vector<std::int64_t> ids = selectedOpen();
    if (ids.empty() || m_backend->role() == protocol::Role::Support)
        return false;
    const QString how = strategy == protocol::ConflictStrategy::ClientWins
                            ? tr("the device's values")
                            : tr("the server's values");
    if (!confirm(this, tr("Resolve conflicts"),
                 tr("Resolve %Ln conflict(s) with %1?", "", int(ids.size())).arg(how)))
        return false;
    int first = m_proxy->rowCount();
    for (const auto& idx : m_table->selectionModel()->selectedRows())
        first = std::min(first, idx.row());
    runAsync(
        m_backend->pool(), this,
        [backend = m_backend, ids, strategy] {
            int done = 0;
            QString error;
            for (auto id : ids) {
                auto r = backend->resolveConflict(id, strategy, nullptr);
                if (r && r.value().status != protocol::ChangeStatus::Failed)
                    ++done;
                else if (error.isEmpty())
                    error = QString::fromStdString(r ? r.value().error.value_or("")
                                                     : r.error().message);
            }
            return std::make_pair(done, error);
        },
        [this, first, total = int(ids.size())](std::pair<int, QString> out) {
            if (out.first < total)
                emit message(tr("%1 of %Ln conflict(s) resolved: %2", "", total)
                                 .arg(QLocale().toString(out.first), out.second));
            else
                emit message(tr("%Ln conflict(s) resolved", "", total));
            emit resolved(0, QString(), 0);
            m_advanceToRow = first;
            m_editor->clear();
            m_model.refresh();
        });
    return true;
}

} // namespace bridgecore::ui
