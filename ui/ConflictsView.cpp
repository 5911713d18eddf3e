#include "ConflictsView.h"

#include "AsyncCall.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace bridgecore::ui {

ConflictsView::ConflictsView(ConsoleBackend* backend, QWidget* parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_model(backend) {
    setObjectName(QStringLiteral("conflictsView"));
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show:"), this));
    m_status = new QComboBox(this);
    m_status->addItem(tr("Open"), QStringLiteral("open"));
    m_status->addItem(tr("Resolved"), QStringLiteral("resolved"));
    m_status->addItem(tr("All"), QString());
    bar->addWidget(m_status);
    auto* refresh = new QPushButton(tr("Refresh"), this);
    bar->addWidget(refresh);
    bar->addStretch();
    layout->addLayout(bar);

    auto* split = new QSplitter(Qt::Vertical, this);
    m_table = new QTableView(split);
    m_table->setObjectName(QStringLiteral("conflictsTable"));
    m_table->setModel(&m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_editor = new MergeEditor(split);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_status, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_model.reload(m_status->itemData(i).toString().toStdString()); });
    connect(refresh, &QPushButton::clicked, this, &ConflictsView::reload);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const auto* c = m_model.conflict(current.row());
                if (!c) {
                    m_editor->clear();
                    return;
                }
                m_editor->setConflict(*c, c->status == "open" &&
                                              m_backend->role() != protocol::Role::Support);
            });
    connect(&m_model, &QAbstractItemModel::modelReset, m_editor, &MergeEditor::clear);
    connect(&m_model, &ConflictListModel::failed, this, &ConflictsView::message);
    connect(m_editor, &MergeEditor::resolve, this, &ConflictsView::submit);
    connect(m_backend, &ConsoleBackend::conflictsChanged, this, [this] {
        // Keep the editor's selection stable: only refresh the list when nothing is open in it.
        if (m_editor->conflictId() == 0)
            reload();
    });
    m_model.reload("open");
}

void ConflictsView::reload() {
    m_model.reload();
}

void ConflictsView::setStatusFilter(const std::string& status) {
    const int i = m_status->findData(QString::fromStdString(status));
    if (i >= 0 && i != m_status->currentIndex())
        m_status->setCurrentIndex(i);
    else
        m_model.reload(status);
}

void ConflictsView::selectRow(int row) {
    m_table->selectionModel()->setCurrentIndex(
        m_model.index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
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
            emit message(tr("Conflict %1 resolved").arg(conflictId));
            emit resolved(conflictId, QString::fromStdString(v.model),
                          qint64(v.server_id.value_or(0)));
            m_editor->clear();
            reload();
        });
}

} // namespace bridgecore::ui
