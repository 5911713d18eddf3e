#include "PendingView.h"

#include "DevicesView.h"

#include "Confirm.h"
#include "ConsoleServices.h"
#include "DetailsDialog.h"
#include "LiveUpdates.h"
#include "Text.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace bridgecore::ui {

PendingView::PendingView(ConsoleBackend* backend, client::ClientCache* cache,
                         QThreadPool* clientPool, QWidget* parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_cache(cache)
    , m_pool(clientPool)
    , m_outbox(cache, clientPool)
    , m_devices(backend) {
    setObjectName(QStringLiteral("pendingView"));
    auto* layout = new QVBoxLayout(this);
    auto* split = new QSplitter(Qt::Vertical, this);

    auto* own = new QGroupBox(tr("This console's outbox"), split);
    auto* ol = new QVBoxLayout(own);
    auto* bar = new QHBoxLayout;
    m_filter = new QComboBox(own);
    m_filter->addItem(tr("All"), -1);
    for (auto s : {client::OutboxStatus::Pending, client::OutboxStatus::InFlight,
                   client::OutboxStatus::Failed, client::OutboxStatus::Conflict,
                   client::OutboxStatus::Synced})
        m_filter->addItem(OutboxModel::statusName(s), int(s));
    bar->addWidget(m_filter);
    m_counts = new QLabel(own);
    m_counts->setObjectName(QStringLiteral("outboxCounts"));
    bar->addWidget(m_counts, 1);
    auto* retry = m_retry = new QPushButton(tr("Retry"), own);
    retry->setObjectName(QStringLiteral("retryButton"));
    retry->setToolTip(tr("Send a failed change again"));
    auto* discard = m_discard = new QPushButton(tr("Discard…"), own);
    discard->setObjectName(QStringLiteral("discardButton"));
    discard->setToolTip(tr("Revert a change that was not sent yet"));
    auto* sync = new QPushButton(tr("Sync now"), own);
    bar->addWidget(retry);
    bar->addWidget(discard);
    bar->addWidget(sync);
    ol->addLayout(bar);
    m_outboxTable = new QTableView(own);
    m_outboxTable->setObjectName(QStringLiteral("outboxTable"));
    m_outboxTable->setModel(&m_outbox);
    m_outboxTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_outboxTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_outboxTable->verticalHeader()->hide();
    // Every column as wide as its values (a local id is a whole UUID); the error takes the
    // rest, on one line, whole in its tooltip.
    m_outboxTable->setWordWrap(false);
    m_outboxTable->horizontalHeader()->setStretchLastSection(false);
    m_outboxTable->horizontalHeader()->setSectionResizeMode(int(OutboxModel::Column::LastError),
                                                            QHeaderView::Stretch);
    fitHeaderSections(m_outboxTable, QStringLiteral("outbox"));
    fitColumnsToContents(m_outboxTable);
    ol->addWidget(m_outboxTable, 1);
    m_empty = new QLabel(tr("Nothing waiting. Changes you make under Records queue here until "
                            "the next sync sends them."),
                         own);
    m_empty->setObjectName(QStringLiteral("outboxEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setVisible(false);
    ol->addWidget(m_empty);

    auto* others = new QGroupBox(tr("Devices with failed or waiting pushes"), split);
    auto* dl = new QVBoxLayout(others);
    m_deviceProxy.setSourceModel(&m_devices);
    m_deviceProxy.setShow(DeviceFilterProxy::Show::Problems);
    m_deviceTable = new QTableView(others);
    m_deviceTable->setObjectName(QStringLiteral("failedDevicesTable"));
    m_deviceTable->setModel(&m_deviceProxy);
    m_deviceTable->setSortingEnabled(true);
    m_deviceTable->sortByColumn(-1, Qt::AscendingOrder);
    m_deviceTable->verticalHeader()->hide();
    setUpDeviceColumns(m_deviceTable, QStringLiteral("pendingDevices"));
    dl->addWidget(m_deviceTable, 1);
    auto* noDevices = new QLabel(tr("No device has failed or waiting pushes. A device appears "
                                    "here when it reports changes waiting or an error, or has "
                                    "open conflicts."),
                                 others);
    noDevices->setObjectName(QStringLiteral("failedDevicesEmpty"));
    noDevices->setWordWrap(true);
    dl->addWidget(noDevices);
    auto showNoDevices = [this, noDevices] {
        noDevices->setVisible(m_deviceProxy.rowCount() == 0);
    };
    connect(&m_deviceProxy, &QAbstractItemModel::modelReset, noDevices, showNoDevices);
    connect(&m_deviceProxy, &QAbstractItemModel::rowsInserted, noDevices, showNoDevices);
    connect(&m_deviceProxy, &QAbstractItemModel::rowsRemoved, noDevices, showNoDevices);
    connect(&m_deviceProxy, &QAbstractItemModel::layoutChanged, noDevices, showNoDevices);
    layout->addWidget(split, 1);
    // Other devices' queues are an admin view (a plain user of a connected console may not
    // list devices).
    m_showDevices = m_backend->role() != protocol::Role::User;
    others->setVisible(m_showDevices);

    connect(m_filter, &QComboBox::currentIndexChanged, this, [this](int) { reload(); });
    connect(retry, &QPushButton::clicked, this, &PendingView::retrySelected);
    connect(discard, &QPushButton::clicked, this, [this] { discardSelected(); });
    connect(sync, &QPushButton::clicked, this, &PendingView::syncRequested);
    connect(&m_outbox, &OutboxModel::loaded, this, [this] {
        const auto& c = m_outbox.counts();
        m_counts->setText(QLocale().createSeparatedList(
            {tr("%Ln pending", "", int(c.pending)), tr("%Ln in flight", "", int(c.in_flight)),
             tr("%Ln failed", "", int(c.failed)), tr("%Ln in conflict", "", int(c.conflict)),
             tr("%Ln synced", "", int(c.synced))}));
        m_empty->setVisible(m_outbox.total() == 0);
        updateButtons();
    });
    connect(m_outboxTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PendingView::updateButtons);
    connect(m_outboxTable, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { showChange(index.row()); });
    connect(m_cache, &client::ClientCache::outboxChanged, this, [this] { m_outbox.refresh(); });
    // Devices' queues change with every push.
    new LiveUpdates(
        m_backend, this,
        [this] {
            if (m_showDevices)
                m_devices.refresh();
        },
        1000);
    updateButtons();
    reload();
}

void PendingView::reload() {
    const int s = m_filter->currentData().toInt();
    m_outbox.reload(s < 0 ? std::nullopt : std::optional(client::OutboxStatus(s)));
    if (m_showDevices)
        m_devices.reload();
}

void PendingView::updateButtons() {
    const auto* e = m_outbox.entry(m_outboxTable->currentIndex().row());
    using S = client::OutboxStatus;
    m_retry->setEnabled(e && (e->status == S::Failed || e->status == S::Conflict));
    m_discard->setEnabled(e && e->status != S::Synced && e->status != S::InFlight);
}

void PendingView::showChange(int row) {
    const auto* e = m_outbox.entry(row);
    if (!e)
        return;
    auto cell = [&](OutboxModel::Column c) {
        return m_outbox.index(row, int(c)).data().toString();
    };
    DetailsDialog::Rows rows{
        {tr("Change"), QLocale().toString(qlonglong(e->seq))},
        {tr("Status"), cell(OutboxModel::Column::Status)},
        {tr("Action"), cell(OutboxModel::Column::Action)},
        {tr("Model"), modelName(e->model) + QStringLiteral(" (") +
                          ltr(QString::fromStdString(e->model)) + QLatin1Char(')')},
        {tr("Record"), cell(OutboxModel::Column::Record)},
        {tr("Created"), cell(OutboxModel::Column::Created)},
        {tr("Attempts"), QLocale().toString(e->attempts)},
    };
    if (!e->last_error.empty())
        rows.push_back({tr("Last error"), cell(OutboxModel::Column::LastError)});
    for (auto it = e->data.begin(); it != e->data.end(); ++it)
        rows.push_back({fieldLabel(e->model, it.key()), fieldValueText(e->model, it.key(), *it)});
    openDetails(this, tr("Change %1").arg(QLocale().toString(qlonglong(e->seq))), rows);
}

void PendingView::selectOutboxRow(int row) {
    m_outboxTable->selectionModel()->setCurrentIndex(
        m_outbox.index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void PendingView::retrySelected() {
    const auto* e = m_outbox.entry(m_outboxTable->currentIndex().row());
    if (!e)
        return;
    runAsync(
        m_pool, this, [cache = m_cache, seq = e->seq] { return cache->retry(seq); },
        [this](Status s) {
            if (!s) {
                emit message(tr("Retry failed: %1").arg(QString::fromStdString(s.error().message)));
                return;
            }
            emit queued(tr("The change will be sent with the next sync"));
            m_outbox.refresh();
            emit syncRequested();
        });
}

bool PendingView::discardSelected() {
    const auto* e = m_outbox.entry(m_outboxTable->currentIndex().row());
    if (!e)
        return false;
    if (!confirm(this, tr("Discard change"),
                 tr("Discard change #%1 (%2 on %3)? The local edit is reverted and never sent.")
                     .arg(QLocale().toString(qlonglong(e->seq)))
                     .arg(m_outbox
                              .index(m_outboxTable->currentIndex().row(),
                                     int(OutboxModel::Column::Action))
                              .data()
                              .toString(),
                          QString::fromStdString(e->model))))
        return false;
    runAsync(
        m_pool, this, [cache = m_cache, seq = e->seq] { return cache->discard(seq); },
        [this](Status s) {
            if (!s)
                emit message(
                    tr("Discard failed: %1").arg(QString::fromStdString(s.error().message)));
            else
                emit message(tr("Change discarded"));
            m_outbox.refresh();
        });
    return true;
}

} // namespace bridgecore::ui
