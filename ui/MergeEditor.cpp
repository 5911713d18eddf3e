#include "MergeEditor.h"

#include "FlowLayout.h"
#include "LiveUpdates.h"
#include "Text.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QStyle>
#include <QTableView>
#include <QTextLayout>
#include <QVBoxLayout>

namespace bridgecore::ui {

MergeEditor::MergeEditor(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("mergeEditor"));
    auto* layout = new QVBoxLayout(this);
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("mergeTitle"));
    m_header->setWordWrap(true);
    m_header->installEventFilter(this); // its width: fitHeader
    layout->addWidget(m_header);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("mergeTable"));
    m_table->setModel(&m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(true);
    m_table->viewport()->installEventFilter(this); // its width: fitColumns
    connect(&m_model, &QAbstractItemModel::modelReset, this, &MergeEditor::fitColumns);
    connect(&m_model, &QAbstractItemModel::layoutChanged, this, &MergeEditor::fitColumns);
    connect(&m_model, &QAbstractItemModel::dataChanged, this, &MergeEditor::fitColumns);
    layout->addWidget(m_table, 1);
    // In the grid's place while no conflict is shown: what to do to see one.
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("mergeHint"));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_hint->setEnabled(false); // the palette's quieter text colour
    layout->addWidget(m_hint, 1);
    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("mergeLegend"));
    m_legend->setWordWrap(true);
    // Each entry unbroken: a narrow editor puts whole entries on the next line, never an
    // entry's last words ("result takes") alone.
    m_legend->setText(
        QStringLiteral("<span style=\"white-space:nowrap\"><span style=\"background-color:"
                       "#f8d7da\">&nbsp;&nbsp;&nbsp;&nbsp;</span> %1</span> &nbsp; "
                       "<span style=\"white-space:nowrap\"><span style=\"background-color:"
                       "#fff3cd\">&nbsp;&nbsp;&nbsp;&nbsp;</span> %2</span> &nbsp; "
                       "<span style=\"white-space:nowrap\"><b>%3</b> %4</span>")
            .arg(tr("changed on both sides to different values").toHtmlEscaped(),
                 tr("device and server differ").toHtmlEscaped(), tr("Bold").toHtmlEscaped(),
                 tr("the value the result takes").toHtmlEscaped()));
    layout->addWidget(m_legend);

    auto makeButton = [&](const QString& text, const QKeySequence& key, auto slot,
                          const QString& name) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(name);
        if (!key.isEmpty())
            b->setToolTip(tr("Shortcut: %1").arg(key.toString(QKeySequence::NativeText)));
        connect(b, &QPushButton::clicked, this, slot);
        auto* action = new QAction(this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        m_editWidgets.push_back(b);
        return b;
    };
    // Buttons in groups that wrap as wholes onto further rows rather than widen the editor (in
    // French one row needed ~620 px and left the conflicts list ~365); within a group they
    // keep their order on one row ("Submit merge" wrapped alone onto a row of its own).
    auto group = [this](std::initializer_list<QPushButton*> buttons) {
        auto* w = new QWidget(this);
        auto* row = new QHBoxLayout(w);
        row->setContentsMargins(0, 0, 0, 0);
        for (auto* b : buttons)
            row->addWidget(b);
        return w;
    };
    auto* perField = new FlowLayout;
    perField->addWidget(
        group({makeButton(tr("Take local"), QKeySequence(Qt::Key_L), &MergeEditor::takeLocal,
                          QStringLiteral("takeLocal")),
               makeButton(tr("Take server"), QKeySequence(Qt::Key_S), &MergeEditor::takeServer,
                          QStringLiteral("takeServer")),
               makeButton(tr("Edit result"), QKeySequence(Qt::Key_E), &MergeEditor::editCurrent,
                          QStringLiteral("editResult"))}));
    perField->addWidget(
        group({makeButton(tr("Previous difference"), QKeySequence(Qt::Key_P),
                          &MergeEditor::previousDifference, QStringLiteral("prevDiff")),
               makeButton(tr("Next difference"), QKeySequence(Qt::Key_N),
                          &MergeEditor::nextDifference, QStringLiteral("nextDiff"))}));
    layout->addLayout(perField);

    auto* all = new FlowLayout;
    all->addWidget(group({makeButton(
                              tr("Take all local"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
                              [this] { m_model.chooseAll(MergeModel::Choice::Local); },
                              QStringLiteral("takeAllLocal")),
                          makeButton(
                              tr("Take all server"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                              [this] { m_model.chooseAll(MergeModel::Choice::Server); },
                              QStringLiteral("takeAllServer"))}));
    auto* submit = makeButton(tr("Submit merge"), QKeySequence(Qt::CTRL | Qt::Key_Return),
                              &MergeEditor::submitMerge, QStringLiteral("submitMerge"));
    submit->setDefault(true);
    // The three ways to resolve, the default one last.
    all->addWidget(group({makeButton(tr("Server wins"), QKeySequence(),
                                     &MergeEditor::submitServerWins, QStringLiteral("serverWins")),
                          makeButton(tr("Client wins"), QKeySequence(),
                                     &MergeEditor::submitClientWins, QStringLiteral("clientWins")),
                          submit}));
    layout->addLayout(all);

    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);
    m_result->setObjectName(QStringLiteral("mergeMessage"));
    connect(&m_model, &MergeModel::editRefused, this, [this](int row, const QString& why) {
        m_result->setText(
            tr("%1 %2: the result keeps its value.")
                .arg(m_model.index(row, int(MergeModel::Column::Field)).data().toString(), why));
    });
    m_hint->setText(tr("Select a conflict to compare the device's values with the server's."));
    clear();
}

QString MergeEditor::headerText() const {
    return m_headerText;
}

void MergeEditor::fitHeader() {
    // Word wrapping may break a device id at its hyphens ("… from device demo-" / "sales-09
    // (…)"). Then the line breaks before the id instead: a line break, not a joiner or a
    // non-breaking hyphen inside the id, so a copied id is still the id.
    QString text = m_headerText;
    const int at = text.indexOf(m_headerDevice);
    const int width = m_header->contentsRect().width() - 2 * m_header->margin();
    if (!m_headerDevice.isEmpty() && at > 0 && width > 0) {
        const int paragraphEnd = text.indexOf(QLatin1Char('\n'));
        QTextLayout layout(text.left(paragraphEnd < 0 ? text.size() : paragraphEnd),
                           m_header->font());
        QTextOption option;
        option.setWrapMode(QTextOption::WordWrap);
        layout.setTextOption(option);
        bool broken = false;
        layout.beginLayout();
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(width);
            const int end = line.textStart() + line.textLength();
            broken |= end > at && end < at + m_headerDevice.size();
        }
        layout.endLayout();
        if (broken) {
            if (text.at(at - 1) == QLatin1Char(' '))
                text[at - 1] = QLatin1Char('\n');
            else
                text.insert(at, QLatin1Char('\n'));
        }
    }
    if (m_header->text() != text)
        m_header->setText(text);
}

void MergeEditor::setConflict(const engine::ConflictRecord& c, bool editable,
                              const QString& resolvedBy) {
    m_conflictId = c.conflict_id;
    m_editable = editable;
    m_model.setConflict(c.info, c.model);
    m_table->setColumnHidden(int(MergeModel::Column::Base), !m_model.hasBase());
    fitColumns();
    const QLocale l;
    QString versions = tr("device's version %1, server version %2")
                           .arg(c.info.local_version ? l.toString(qlonglong(*c.info.local_version))
                                                     : tr("unknown"),
                                l.toString(qlonglong(c.info.server_version)));
    QString header = tr("Conflict %1 on %2 #%3 from device %4 (%5)")
                         .arg(l.toString(qlonglong(c.conflict_id)), modelName(c.model),
                              l.toString(qlonglong(c.record_id)),
                              ltr(QString::fromStdString(c.device_id)), versions);
    m_result->clear();
    if (c.status != "open") {
        const QString who = !resolvedBy.isEmpty() ? resolvedBy
                            : c.resolved_by       ? l.toString(qlonglong(*c.resolved_by))
                                                  : tr("the server");
        header +=
            QLatin1Char('\n') + tr("Resolved by %1 on %2").arg(who, localDateTime(c.resolved_at));
        // The Result column shows the record as resolved.
        if (c.result_data.is_object())
            for (int r = 0; r < m_model.rowCount(); ++r) {
                const std::string f = m_model.field(r).toStdString();
                if (c.result_data.contains(f))
                    m_model.edit(r, c.result_data[f]);
            }
    }
    m_headerText = header;
    m_headerDevice = ltr(QString::fromStdString(c.device_id));
    fitHeader();
    m_header->setToolTip(tr("Model: %1").arg(QString::fromStdString(c.model)));
    m_hint->hide();
    m_table->show();
    const int first = m_model.nextDifference(-1);
    setCurrentRow(first >= 0 ? first : 0);
    updateEnabled();
}

void MergeEditor::clear() {
    m_conflictId = 0;
    m_editable = false;
    m_model.clear();
    m_headerText.clear();
    m_headerDevice.clear();
    m_header->clear();
    m_header->setToolTip({});
    m_result->clear();
    m_table->hide();
    m_hint->show();
    updateEnabled();
}

void MergeEditor::setHint(const QString& text) {
    m_hint->setText(text);
}

QString MergeEditor::hintText() const {
    return m_hint->isVisibleTo(this) ? m_hint->text() : QString();
}

void MergeEditor::updateEnabled() {
    for (auto* w : m_editWidgets)
        w->setEnabled(m_editable && m_conflictId != 0);
    m_table->setEditTriggers(
        m_editable ? (QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed)
                   : QAbstractItemView::NoEditTriggers);
}

bool MergeEditor::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    if (watched == m_header && event->type() == QEvent::Resize)
        fitHeader();
    return QWidget::eventFilter(watched, event);
}

void MergeEditor::fitColumns() {
    auto* header = m_table->horizontalHeader();
    const int n = m_model.columnCount();
    // The cell's text margins on both sides (as the delegate draws them), plus 2 px of air.
    const int pad =
        2 * (m_table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_table) + 1) + 2;
    static const QRegularExpression space(QStringLiteral("\\s+"));
    const QFontMetrics hfm(headerFont(header));
    std::vector<int> word(std::size_t(n), 0), whole(std::size_t(n), 0);
    std::vector<int> shown;
    for (int c = 0; c < n; ++c) {
        if (m_table->isColumnHidden(c))
            continue;
        shown.push_back(c);
        auto& w = word[std::size_t(c)];
        w = hfm.horizontalAdvance(m_model.headerData(c, Qt::Horizontal).toString()) + pad;
        auto& all = whole[std::size_t(c)];
        for (int r = 0; r < m_model.rowCount(); ++r) {
            const QModelIndex idx = m_model.index(r, c);
            QFont font = m_table->font();
            if (const QVariant v = idx.data(Qt::FontRole); v.isValid())
                font = v.value<QFont>().resolve(font);
            const QFontMetrics fm(font);
            const QString text = idx.data().toString();
            for (const QString& part : text.split(space, Qt::SkipEmptyParts))
                w = std::max(w, fm.horizontalAdvance(part) + pad);
            all = std::max(all, fm.horizontalAdvance(text) + pad);
        }
        all = std::max(all, w);
    }
    if (shown.empty())
        return;
    // The grid never needs less than every column's longest word: the editor asks the
    // splitter for that much, and the conflicts list gives it up (its Model and Fields columns
    // shorten) rather than the Server value losing its end. Up to 560 px: one very long word
    // (a URL, an email) scrolls the grid sideways instead of squeezing the list away.
    int minimum = 2 * m_table->frameWidth() + m_table->verticalScrollBar()->sizeHint().width();
    for (int c : shown)
        minimum += word[std::size_t(c)];
    minimum = std::min(minimum, 560);
    if (m_table->minimumWidth() != minimum)
        m_table->setMinimumWidth(minimum);
    int extra = m_table->viewport()->width();
    int wanted = 0;
    for (int c : shown) {
        extra -= word[std::size_t(c)];
        wanted += whole[std::size_t(c)] - word[std::size_t(c)];
    }
    std::vector<int> size(std::size_t(n), 0);
    for (int c : shown) {
        const int more = whole[std::size_t(c)] - word[std::size_t(c)];
        size[std::size_t(c)] = word[std::size_t(c)] +
                               (extra <= 0        ? 0
                                : extra <= wanted ? int(qint64(extra) * more / std::max(1, wanted))
                                                  : more + (extra - wanted) / int(shown.size()));
    }
    // The last column takes what rounding left, so the grid ends at the viewport's edge.
    int used = 0;
    for (int c : shown)
        used += size[std::size_t(c)];
    if (extra > 0)
        size[std::size_t(shown.back())] += m_table->viewport()->width() - used;
    for (int c : shown)
        if (header->sectionSize(c) != size[std::size_t(c)])
            header->resizeSection(c, size[std::size_t(c)]);
    m_table->resizeRowsToContents();
}

int MergeEditor::currentRow() const {
    return m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1;
}

void MergeEditor::setCurrentRow(int row) {
    if (row < 0 || row >= m_model.rowCount())
        return;
    m_table->setCurrentIndex(m_model.index(row, int(MergeModel::Column::Result)));
    m_table->scrollTo(m_table->currentIndex());
}

void MergeEditor::takeLocal() {
    if (m_editable)
        m_model.choose(currentRow(), MergeModel::Choice::Local);
}

void MergeEditor::takeServer() {
    if (m_editable)
        m_model.choose(currentRow(), MergeModel::Choice::Server);
}

void MergeEditor::editCurrent() {
    const int row = currentRow();
    if (!m_editable || row < 0)
        return;
    const auto idx = m_model.index(row, int(MergeModel::Column::Result));
    m_table->setCurrentIndex(idx);
    m_table->edit(idx);
}

void MergeEditor::nextDifference() {
    setCurrentRow(m_model.nextDifference(currentRow(), 1));
}

void MergeEditor::previousDifference() {
    setCurrentRow(m_model.nextDifference(currentRow() < 0 ? 0 : currentRow(), -1));
}

void MergeEditor::submitMerge() {
    if (m_editable && m_conflictId)
        emit resolve(m_conflictId, protocol::ConflictStrategy::Merge, m_model.mergedData());
}

void MergeEditor::submitServerWins() {
    if (m_editable && m_conflictId)
        emit resolve(m_conflictId, protocol::ConflictStrategy::ServerWins, nullptr);
}

void MergeEditor::submitClientWins() {
    if (m_editable && m_conflictId)
        emit resolve(m_conflictId, protocol::ConflictStrategy::ClientWins, nullptr);
}

} // namespace bridgecore::ui
