#include "DevicesView.h"

#include "Confirm.h"
#include "ConsoleServices.h"
#include "DeviceDrillDown.h"
#include "LedgerLookupDialog.h"
#include "LiveUpdates.h"
#include "Text.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace bridgecore::ui {

void setUpDeviceColumns(QTableView* table, const QString& key) {
    table->setWordWrap(false);
    // Every column as wide as its header and values, no wider: one-digit lags and counts do
    // not take 100 px each. The User column takes what the others leave: a long email loses
    // its middle ("warehouse.supe…bridgecore.local", whole in the tooltip) rather than pushing
    // App type off screen in the default window, details pane open.
    using Column = DeviceTableModel::Column;
    auto* header = table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setDefaultSectionSize(40);
    header->setSectionResizeMode(int(Column::User), QHeaderView::Stretch);
    table->setTextElideMode(Qt::ElideMiddle);
    // What the details pane shows for the selected device stays out of the table until a
    // person asks for it (right-click a column title): the rest fits the default window.
    offerColumnChoice(table, key,
                      {int(Column::AppVersion), int(Column::LastEventId), int(Column::TotalSyncs),
                       int(Column::EventsSynced)});
    fitHeaderSections(table, key);
    fitColumnsToContents(table); // device ids and app types are never clipped
}

DevicesView::DevicesView(ConsoleBackend* backend, QWidget* parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_model(backend) {
    setObjectName(QStringLiteral("devicesView"));
    m_proxy.setSourceModel(&m_model);

    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("deviceSearch"));
    m_search->setPlaceholderText(tr("Search device or app type…"));
    m_search->setClearButtonEnabled(true);
    bar->addWidget(m_search, 1);
    m_show = new QComboBox(this);
    m_show->addItem(tr("All devices"), int(DeviceFilterProxy::Show::All));
    m_show->addItem(tr("OK"), int(DeviceFilterProxy::Show::Ok));
    m_show->addItem(tr("Stale"), int(DeviceFilterProxy::Show::Stale));
    m_show->addItem(tr("Errors"), int(DeviceFilterProxy::Show::Error));
    m_show->addItem(tr("With conflicts"), int(DeviceFilterProxy::Show::Conflict));
    bar->addWidget(m_show);
    auto* refresh = new QPushButton(tr("Refresh"), this);
    bar->addWidget(refresh);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("deviceCount"));
    bar->addWidget(m_countLabel);
    layout->addLayout(bar);

    auto* split = new QSplitter(Qt::Horizontal, this);
    m_split = split;
    m_table = new QTableView(split);
    m_table->setObjectName(QStringLiteral("devicesTable"));
    m_table->setModel(&m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    setUpDeviceColumns(m_table, QStringLiteral("devices"));
    m_empty = new QLabel(tr("No device has synced yet. Devices appear here after their first "
                            "push or pull: serve the sync API to your network in Settings, or "
                            "try bridgecore-console --demo."),
                         this);
    m_empty->setObjectName(QStringLiteral("devicesEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setVisible(false);
    layout->addWidget(m_empty);

    auto* detailsBox = new QGroupBox(tr("Details"), split);
    m_detailsBox = detailsBox;
    auto* detailsLayout = new QVBoxLayout(detailsBox);
    // Until a device is selected, a hint instead of empty labels.
    m_detailsHint = new QLabel(tr("Select a device to see its details."), detailsBox);
    m_detailsHint->setObjectName(QStringLiteral("devicesDetailsHint"));
    m_detailsHint->setWordWrap(true);
    detailsLayout->addWidget(m_detailsHint);
    // In a scroll area: on a low window the details scroll instead of being squeezed.
    m_detailsScroll = new QScrollArea(detailsBox);
    m_detailsScroll->setFrameShape(QFrame::NoFrame);
    m_detailsScroll->setWidgetResizable(true);
    // A word that does not wrap (a long email) scrolls rather than being cut.
    m_detailsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_detailsScroll->setVisible(false);
    m_detailsForm = new QWidget;
    m_detailsForm->setObjectName(QStringLiteral("devicesDetailsForm"));
    // Each title above its value, so a value has the pane's whole width (beside its title it
    // had what the longest title left: in Arabic 60 px, "Pushes / changes" on seven lines), and
    // a layout that gives a value the height its wrapped text needs when statistics arrive
    // later (the QFormLayout kept the first height: that detail was cut after three lines).
    m_details = new QVBoxLayout(m_detailsForm);
    m_details->setContentsMargins(0, 0, 0, 0);
    m_details->setSpacing(2);
    auto addDetail = [&](const QString& key, const QString& title) {
        auto* heading = new QLabel(title, m_detailsForm);
        QFont bold = heading->font();
        bold.setBold(true);
        heading->setFont(bold);
        heading->setWordWrap(true); // a narrow pane wraps titles instead of cutting them
        auto* label = new QLabel(m_detailsForm);
        label->setObjectName(QStringLiteral("detail_") + key);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setWordWrap(true);
        label->setIndent(12); // on the reading side: the right in Arabic
        label->setContentsMargins(0, 0, 0, 4);
        heading->setBuddy(label);
        m_details->addWidget(heading);
        m_details->addWidget(label);
        m_detailLabels[key] = label;
    };
    addDetail(QStringLiteral("device"), tr("Device:"));
    addDetail(QStringLiteral("app"), tr("App type / version:"));
    addDetail(QStringLiteral("position"), tr("Last event / lag:"));
    addDetail(QStringLiteral("push"), tr("Last push:"));
    addDetail(QStringLiteral("pull"), tr("Last pull:"));
    addDetail(QStringLiteral("queue"), tr("Queue report:"));
    addDetail(QStringLiteral("error"), tr("Last error:"));
    addDetail(QStringLiteral("skew"), tr("Clock skew:"));
    addDetail(QStringLiteral("pushes"), tr("Pushes / changes:"));
    addDetail(QStringLiteral("rates"), tr("Success / conflict rate:"));
    addDetail(QStringLiteral("times"), tr("Average push / pull:"));
    addDetail(QStringLiteral("bytes"), tr("Bytes in / out:"));
    m_details->addStretch();
    m_detailsScroll->setWidget(m_detailsForm);
    detailsLayout->addWidget(m_detailsScroll, 1);
    m_drill = new QPushButton(tr("Details…"), detailsBox);
    m_drill->setObjectName(QStringLiteral("drillDownButton"));
    m_drill->setToolTip(tr("Queue, pushes and pulls, conflicts and what this device would "
                           "receive (or double-click a device)"));
    m_drill->setEnabled(false);
    detailsLayout->addWidget(m_drill);
    connect(m_drill, &QPushButton::clicked, this, [this] { openDrillDown(); });
    connect(m_table, &QTableView::doubleClicked, this, [this] { openDrillDown(); });
    m_reset = new QPushButton(tr("Reset sync state…"), detailsBox);
    m_reset->setObjectName(QStringLiteral("resetButton"));
    m_reset->setEnabled(false);
    m_reset->setToolTip(m_backend->role() == protocol::Role::Admin
                            ? tr("The device will pull everything again")
                            : tr("Only admins may reset devices"));
    detailsLayout->addWidget(m_reset);
    auto* lookup = new QPushButton(tr("Look up a change…"), detailsBox);
    lookup->setObjectName(QStringLiteral("ledgerLookupButton"));
    lookup->setToolTip(tr("Whether and when one of a device's changes was applied"));
    detailsLayout->addWidget(lookup);
    connect(lookup, &QPushButton::clicked, this, [this] {
        auto* dialog = new LedgerLookupDialog(m_backend, QString::fromStdString(m_selected), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    detailsLayout->addStretch();
    // The table takes what it needs, the details pane the surplus (fitDetailsPane).
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 0);
    m_fitPane = new QTimer(this);
    m_fitPane->setSingleShot(true);
    m_fitPane->setInterval(0);
    connect(m_fitPane, &QTimer::timeout, this, &DevicesView::fitDetailsPane);
    connect(split, &QSplitter::splitterMoved, this, [this] { m_paneChosen = true; });
    // Rows and emails arrive, columns widen for them: the table's need changes.
    auto refit = [this] { m_fitPane->start(); };
    connect(&m_proxy, &QAbstractItemModel::modelReset, m_fitPane, refit);
    connect(&m_proxy, &QAbstractItemModel::rowsInserted, m_fitPane, refit);
    connect(&m_proxy, &QAbstractItemModel::rowsRemoved, m_fitPane, refit);
    connect(&m_proxy, &QAbstractItemModel::dataChanged, m_fitPane, refit);
    connect(&m_proxy, &QAbstractItemModel::layoutChanged, m_fitPane, refit);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, m_fitPane, refit);
    layout->addWidget(split, 1);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(300);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, &DevicesView::reload);
    connect(m_show, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_proxy.setShow(DeviceFilterProxy::Show(m_show->itemData(i).toInt()));
    });
    connect(refresh, &QPushButton::clicked, this, &DevicesView::reload);
    connect(m_reset, &QPushButton::clicked, this, [this] { resetSelected(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const auto src = m_proxy.mapToSource(current);
                showDetails(m_model.device(src.row()));
            });
    connect(&m_model, &DeviceTableModel::loaded, this, [this] {
        m_countLabel->setText(tr("%1 of %Ln device(s) loaded", "", int(m_model.total()))
                                  .arg(QLocale().toString(m_model.rowCount())));
        m_empty->setVisible(m_model.total() == 0 && m_search->text().isEmpty());
        // A live refresh changed the selected row: its details follow.
        if (!m_selected.empty()) {
            const auto current = m_proxy.mapToSource(m_table->currentIndex());
            if (const auto* s = m_model.device(current.row()); s && s->device_id == m_selected)
                showDetails(s);
        }
    });
    // Emails arrive after the selection (a user created since the names were loaded): the
    // details name the user as the table does, not "(user 7)" until re-selected.
    connect(&m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& from, const QModelIndex& to) {
                const int user = int(DeviceTableModel::Column::User);
                if (m_selected.empty() || from.column() > user || to.column() < user)
                    return;
                const auto current = m_proxy.mapToSource(m_table->currentIndex());
                if (const auto* s = m_model.device(current.row());
                    s && s->device_id == m_selected) {
                    showDeviceTitle(*s);
                    fitDetailsWidth(); // an email is a long word: the pane widens for it
                }
            });
    new LiveUpdates(m_backend, this, [this] { m_model.refresh(); });
    connect(&m_model, &DeviceTableModel::failed, this, &DevicesView::message);
    reload();
}

void DevicesView::reload() {
    m_model.reload(m_search->text());
}

void DevicesView::selectRow(int proxyRow) {
    const auto idx = m_proxy.index(proxyRow, 0);
    m_table->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect |
                                                        QItemSelectionModel::Rows);
}

QString DevicesView::detailText(const QString& key) const {
    auto it = m_detailLabels.find(key);
    return it == m_detailLabels.end() ? QString() : it->second->text();
}

void DevicesView::showDetails(const protocol::SyncState* s) {
    for (auto& [k, label] : m_detailLabels)
        label->clear();
    m_reset->setEnabled(false);
    m_drill->setEnabled(s != nullptr);
    m_detailsScroll->setVisible(s != nullptr);
    m_detailsHint->setVisible(s == nullptr);
    if (!s) {
        m_selected.clear();
        return;
    }
    m_selected = s->device_id;
    auto q = [](const std::optional<std::string>& v) {
        return v ? QString::fromStdString(*v) : QStringLiteral("–");
    };
    showDeviceTitle(*s);
    m_detailLabels[QStringLiteral("app")]->setText(q(s->app_type) + QStringLiteral(" / ") +
                                                   q(s->app_version));
    const QLocale l;
    m_detailLabels[QStringLiteral("position")]->setText(
        tr("%1 / %Ln event(s) behind", "",
           int(std::max<std::int64_t>(0, s->head_event_id - s->last_event_id)))
            .arg(l.toString(qlonglong(s->last_event_id))));
    m_detailLabels[QStringLiteral("push")]->setText(localDateTime(s->last_push_time));
    m_detailLabels[QStringLiteral("pull")]->setText(localDateTime(s->last_pull_time));
    m_detailLabels[QStringLiteral("queue")]->setText(
        s->pending_changes == 0 ? tr("nothing pending")
        : !s->oldest_pending_at // the device did not say since when
            ? tr("%Ln pending change(s)", "", int(s->pending_changes))
            : tr("%Ln pending change(s), oldest %1", "", int(s->pending_changes))
                  .arg(localDateTime(s->oldest_pending_at)));
    m_detailLabels[QStringLiteral("error")]->setText(q(s->last_error));
    m_detailLabels[QStringLiteral("skew")]->setText(
        s->clock_skew_ms ? tr("%1 ms").arg(l.toString(qlonglong(*s->clock_skew_ms)))
                         : QStringLiteral("–"));
    m_reset->setEnabled(m_backend->role() == protocol::Role::Admin);
    fitDetailsWidth();

    const std::string device = s->device_id;
    runAsync(
        m_backend->pool(), this,
        [backend = m_backend, device] { return backend->deviceStatistics(device); },
        [this, device](Result<protocol::Statistics> st) {
            if (device != m_selected)
                return;
            if (!st) {
                emit message(QString::fromStdString(st.error().message));
                return;
            }
            const auto& v = st.value();
            const QLocale l;
            m_detailLabels[QStringLiteral("pushes")]->setText(
                tr("pushes: %1, changes: %2 (failed: %3, conflicts: %4)")
                    .arg(l.toString(qlonglong(v.total_pushes)),
                         l.toString(qlonglong(v.total_changes_pushed)),
                         l.toString(qlonglong(v.failed_changes)),
                         l.toString(qlonglong(v.conflicts))));
            m_detailLabels[QStringLiteral("rates")]->setText(
                tr("%1% / %2%")
                    .arg(l.toString(v.success_rate * 100, 'f', 1),
                         l.toString(v.conflict_rate * 100, 'f', 1)));
            m_detailLabels[QStringLiteral("times")]->setText(
                tr("%1 ms / %2 ms")
                    .arg(l.toString(v.average_push_time_ms, 'f', 1),
                         l.toString(v.average_pull_time_ms, 'f', 1)));
            m_detailLabels[QStringLiteral("bytes")]->setText(tr("%1 / %2").arg(
                l.formattedDataSize(v.bytes_received), l.formattedDataSize(v.bytes_sent)));
            fitDetailsWidth();
            emit detailsLoaded();
        });
}

void DevicesView::showDeviceTitle(const protocol::SyncState& s) {
    m_detailLabels[QStringLiteral("device")]->setText(
        tr("%1 (user %2)")
            .arg(ltr(QString::fromStdString(s.device_id)), m_model.userName(s.user_id)));
}

void DevicesView::fitDetailsWidth() {
    // The pane is as wide as its longest word (an email, a device id: they do not wrap), up
    // to 400 px; past that it scrolls sideways rather than cutting the text.
    constexpr int kMaxWidth = 400;
    const int needed = m_detailsForm->minimumSizeHint().width() + detailsScrollChrome();
    m_detailsScroll->setMinimumWidth(std::min(needed, kMaxWidth));
    m_fitPane->start();
}

int DevicesView::detailsScrollChrome() const {
    return m_detailsScroll->verticalScrollBar()->sizeHint().width() +
           2 * m_detailsScroll->frameWidth();
}

int DevicesView::tableWidthNeeded() const {
    // Every shown column as fitted, but User (stretched) as wide as its widest email, plus the
    // table's frame and scroll bar.
    const int user = int(DeviceTableModel::Column::User);
    auto* header = m_table->horizontalHeader();
    return header->length() - header->sectionSize(user) + columnTextWidth(m_table, user) +
           m_table->width() - m_table->viewport()->width();
}

void DevicesView::fitDetailsPane() {
    // The table first (its columns and emails whole), the pane the surplus up to what it
    // wants, never less than its buttons need. Once the person has dragged the splitter, their
    // split stays.
    if (m_paneChosen || !isVisible())
        return;
    // The pane's wish is the same before and after a device is selected: sized for the hint
    // first, it grew on the first selection in a large window and the table jumped narrower.
    // 480 px hold each detail on one line in English, French and Arabic (the long ones: the
    // device and its user's email, the push totals).
    constexpr int kPaneWanted = 480;
    const int total = m_split->width() - m_split->handleWidth();
    const int least = m_detailsBox->minimumSizeHint().width();
    const int pane = std::clamp(total - tableWidthNeeded(), least, std::max(least, kPaneWanted));
    if (total > pane && m_split->sizes().value(1) != pane)
        m_split->setSizes({total - pane, pane});
}

void DevicesView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    m_fitPane->start();
}

void DevicesView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    m_fitPane->start();
}

DeviceDrillDown* DevicesView::openDrillDown() {
    const auto current = m_proxy.mapToSource(m_table->currentIndex());
    const auto* s = m_model.device(current.row());
    if (!s)
        return nullptr;
    auto* dialog = new DeviceDrillDown(m_backend, *s, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DeviceDrillDown::showConflicts, this, [this, dialog](const QString& id) {
        dialog->close();
        emit showConflicts(id);
    });
    dialog->show();
    return dialog;
}

bool DevicesView::resetSelected() {
    if (m_selected.empty() || m_backend->role() != protocol::Role::Admin)
        return false;
    const QString device = QString::fromStdString(m_selected);
    if (!confirm(this, tr("Reset device"),
                 tr("Reset the sync state of %1? The device will download every event again on "
                    "its next pull.")
                     .arg(device)))
        return false;
    runAsync(
        m_backend->pool(), this,
        [backend = m_backend, id = m_selected] { return backend->resetDevice(id); },
        [this, device](Result<protocol::ResetResponse> r) {
            if (!r) {
                emit message(tr("Reset failed: %1").arg(QString::fromStdString(r.error().message)));
                return;
            }
            emit message(tr("Sync state of %1 reset").arg(device));
            emit deviceReset(device);
            reload();
        });
    return true;
}

} // namespace bridgecore::ui
