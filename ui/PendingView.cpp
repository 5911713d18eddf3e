#include "PendingView.h"

#include "AsyncCall.h"
#include "Confirm.h"

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
    bar->addWidget(m_counts, 1);
    auto* retry = new QPushButton(tr("Retry"), own);
    retry->setObjectName(QStringLiteral("retryButton"));
    auto* discard = new QPushButton(tr("Discard…"), own);
    discard->setObjectName(QStringLiteral("discardButton"));
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
    m_outboxTable->horizontalHeader()->setStretchLastSection(true);
    ol->addWidget(m_outboxTable, 1);

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
    m_deviceTable->horizontalHeader()->setStretchLastSection(true);
    dl->addWidget(m_deviceTable, 1);
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
        m_counts->setText(tr("%1 pending, %2 in flight, %3 failed, %4 conflicts, %5 synced")
                              .arg(c.pending)
                              .arg(c.in_flight)
                              .arg(c.failed)
                              .arg(c.conflict)
                              .arg(c.synced));
    });
    connect(m_cache, &client::ClientCache::outboxChanged, this, [this] { m_outbox.reload(); });
    // Devices' queues change with every push: refresh at most every few seconds.
    auto* refresh = new QTimer(this);
    refresh->setSingleShot(true);
    refresh->setInterval(3000);
    connect(refresh, &QTimer::timeout, this, [this] {
        if (m_showDevices && !m_devices.isLoading())
            m_devices.reload();
    });
    connect(m_backend, &ConsoleBackend::pushed, refresh, [refresh] {
        if (!refresh->isActive())
            refresh->start();
    });
    reload();
}

void PendingView::reload() {
    const int s = m_filter->currentData().toInt();
    m_outbox.reload(s < 0 ? std::nullopt : std::optional(client::OutboxStatus(s)));
    if (m_showDevices)
        m_devices.reload();
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
            emit message(tr("The change will be sent with the next sync"));
            m_outbox.reload();
            emit syncRequested();
        });
}

bool PendingView::discardSelected() {
    const auto* e = m_outbox.entry(m_outboxTable->currentIndex().row());
    if (!e)
        return false;
    if (!confirm(this, tr("Discard change"),
                 tr("Discard change #%1 (%2 on %3)? The local edit is reverted and never sent.")
                     .arg(e->seq)
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
            m_outbox.reload();
        });
    return true;
}

} // namespace bridgecore::ui
