#include "MergeEditor.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace bridgecore::ui {

MergeEditor::MergeEditor(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("mergeEditor"));
    auto* layout = new QVBoxLayout(this);
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    layout->addWidget(m_header);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("mergeTable"));
    m_table->setModel(&m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setWordWrap(true);
    layout->addWidget(m_table, 1);

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
    auto* perField = new QHBoxLayout;
    perField->addWidget(makeButton(tr("Take local"), QKeySequence(Qt::Key_L),
                                   &MergeEditor::takeLocal, QStringLiteral("takeLocal")));
    perField->addWidget(makeButton(tr("Take server"), QKeySequence(Qt::Key_S),
                                   &MergeEditor::takeServer, QStringLiteral("takeServer")));
    perField->addWidget(makeButton(tr("Edit result"), QKeySequence(Qt::Key_E),
                                   &MergeEditor::editCurrent, QStringLiteral("editResult")));
    perField->addWidget(makeButton(tr("Previous difference"), QKeySequence(Qt::Key_P),
                                   &MergeEditor::previousDifference, QStringLiteral("prevDiff")));
    perField->addWidget(makeButton(tr("Next difference"), QKeySequence(Qt::Key_N),
                                   &MergeEditor::nextDifference, QStringLiteral("nextDiff")));
    perField->addStretch();
    layout->addLayout(perField);

    auto* all = new QHBoxLayout;
    all->addWidget(makeButton(
        tr("Take all local"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
        [this] { m_model.chooseAll(MergeModel::Choice::Local); }, QStringLiteral("takeAllLocal")));
    all->addWidget(makeButton(
        tr("Take all server"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
        [this] { m_model.chooseAll(MergeModel::Choice::Server); },
        QStringLiteral("takeAllServer")));
    all->addStretch();
    all->addWidget(makeButton(tr("Server wins"), QKeySequence(), &MergeEditor::submitServerWins,
                              QStringLiteral("serverWins")));
    all->addWidget(makeButton(tr("Client wins"), QKeySequence(), &MergeEditor::submitClientWins,
                              QStringLiteral("clientWins")));
    auto* submit = makeButton(tr("Submit merge"), QKeySequence(Qt::CTRL | Qt::Key_Return),
                              &MergeEditor::submitMerge, QStringLiteral("submitMerge"));
    submit->setDefault(true);
    all->addWidget(submit);
    layout->addLayout(all);

    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);
    updateEnabled();
}

void MergeEditor::setConflict(const engine::ConflictRecord& c, bool editable) {
    m_conflictId = c.conflict_id;
    m_editable = editable;
    m_model.setConflict(c.info);
    m_table->setColumnHidden(int(MergeModel::Column::Base), !m_model.hasBase());
    QString versions =
        tr("local version %1, server version %2")
            .arg(c.info.local_version ? QString::number(*c.info.local_version) : tr("unknown"))
            .arg(c.info.server_version);
    m_header->setText(tr("Conflict %1 on %2 #%3 from device %4 (%5)")
                          .arg(c.conflict_id)
                          .arg(QString::fromStdString(c.model))
                          .arg(c.record_id)
                          .arg(QString::fromStdString(c.device_id), versions));
    if (!editable && !c.result_data.is_null())
        m_result->setText(
            tr("Resolved record: %1").arg(QString::fromStdString(c.result_data.dump())));
    else
        m_result->clear();
    const int first = m_model.nextDifference(-1);
    setCurrentRow(first >= 0 ? first : 0);
    updateEnabled();
}

void MergeEditor::clear() {
    m_conflictId = 0;
    m_editable = false;
    m_model.clear();
    m_header->clear();
    m_result->clear();
    updateEnabled();
}

void MergeEditor::updateEnabled() {
    for (auto* w : m_editWidgets)
        w->setEnabled(m_editable && m_conflictId != 0);
    m_table->setEditTriggers(
        m_editable ? (QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed)
                   : QAbstractItemView::NoEditTriggers);
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
