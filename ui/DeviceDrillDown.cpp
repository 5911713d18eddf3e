#include "DeviceDrillDown.h"

#include "EventLogModel.h"
#include "Text.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QtCharts/QAbstractSeries>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>

#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace bridgecore::ui {

namespace {
constexpr int kRecentChanges = 20;
constexpr int kConflictPage = 500;

/// Keeps a table's columns as wide as their texts, column `fill` taking what is left of the
/// table's width (no empty band right of the last column), and the table as high as its rows,
/// up to kShownRows (more scroll).
class TableFit : public QObject {
public:
    static constexpr int kShownRows = 8;

    TableFit(QTableWidget* table, int fill)
        : QObject(table)
        , m_table(table)
        , m_fill(fill) {
        setObjectName(QStringLiteral("tableFit"));
        table->viewport()->installEventFilter(this);
    }

    /// After the rows changed.
    void fit() {
        m_table->resizeColumnsToContents();
        m_contentWidth = m_table->columnWidth(m_fill);
        fitWidth();
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched == m_table->viewport() && event->type() == QEvent::Resize)
            fitWidth();
        return QObject::eventFilter(watched, event);
    }

private:
    void fitWidth() {
        auto* header = m_table->horizontalHeader();
        const int others = header->length() - header->sectionSize(m_fill);
        const int width = std::max(m_contentWidth, m_table->viewport()->width() - others);
        if (width != header->sectionSize(m_fill))
            header->resizeSection(m_fill, width);
        int height = header->sizeHint().height() + 2 * m_table->frameWidth();
        for (int r = 0; r < std::min(m_table->rowCount(), kShownRows); ++r)
            height += m_table->rowHeight(r);
        if (header->length() > m_table->viewport()->width())
            height += m_table->horizontalScrollBar()->sizeHint().height();
        if (m_table->height() != height)
            m_table->setFixedHeight(height);
    }

    QTableWidget* m_table;
    int m_fill;
    int m_contentWidth = 0;
};

/// A read-only table titled `headers`; `fill` is the column that takes the rest of its width.
QTableWidget* makeTable(QWidget* parent, const QString& name, const QStringList& headers,
                        int fill) {
    auto* t = new QTableWidget(0, int(headers.size()), parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setWordWrap(false);
    t->horizontalHeader()->setStretchLastSection(false);
    t->horizontalHeader()->setHighlightSections(false); // titles stay as wide as measured
    new TableFit(t, fill);
    t->setVisible(false); // shown once it has rows; until then a label says what appears
    return t;
}

/// Fits `t` to its rows (TableFit) and shows it when it has any.
void presentTable(QTableWidget* t) {
    static_cast<TableFit*>(
        t->findChild<QObject*>(QStringLiteral("tableFit"), Qt::FindDirectChildrenOnly))
        ->fit();
    t->setVisible(t->rowCount() > 0);
}

QTableWidgetItem* number(qint64 v) {
    auto* item = new QTableWidgetItem(QLocale().toString(v));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

/// A model by the name people use ("Contact"), its technical name in the tooltip.
QTableWidgetItem* modelItem(const std::string& model) {
    auto* item = new QTableWidgetItem(modelName(model));
    item->setToolTip(QString::fromStdString(model));
    return item;
}

QString errorText(const Error& e) {
    return QString::fromStdString(e.message);
}
} // namespace

struct DeviceDrillDown::Data {
    Result<protocol::Statistics> statistics = Error{ErrorCode::NotFound, ""};
    Result<engine::Page<protocol::Event>> changes = Error{ErrorCode::NotFound, ""};
    std::vector<engine::ConflictRecord> conflicts;
    std::optional<Error> conflictsError;
    Result<engine::ReceivePreview> preview = Error{ErrorCode::NotFound, ""};
    Result<std::vector<storage::DeviceHistoryRow>> history = Error{ErrorCode::NotFound, ""};
};

DeviceDrillDown::DeviceDrillDown(ConsoleBackend* backend, const protocol::SyncState& s,
                                 QWidget* parent)
    : QDialog(parent)
    , m_backend(backend)
    , m_device(s.device_id) {
    setObjectName(QStringLiteral("deviceDrillDown"));
    const QString device = QString::fromStdString(s.device_id);
    setWindowTitle(tr("Device %1").arg(ltr(device)));
    resize(760, 820);
    auto* outer = new QVBoxLayout(this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    auto* body = new QWidget(scroll);
    body->setObjectName(QStringLiteral("drillBody"));
    auto* layout = new QVBoxLayout(body);
    scroll->setWidget(body);
    outer->addWidget(scroll, 1);

    auto label = [&](QWidget* owner, const QString& key) {
        auto* l = new QLabel(owner);
        l->setObjectName(QStringLiteral("drill_") + key);
        l->setWordWrap(true);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_labels[key] = l;
        return l;
    };

    // Queue report: the latest one; the earlier ones are in the history below.
    auto* queue = new QGroupBox(tr("Queue report"), body);
    auto* queueForm = new QFormLayout(queue);
    queueForm->addRow(tr("Latest report:"), label(queue, QStringLiteral("queue")));
    auto* queueNote = label(queue, QStringLiteral("queueNote"));
    queueNote->setText(tr("Each push and pull carries a report: the Pending column of the "
                          "history below is the device's queue over time."));
    queueForm->addRow(queueNote);
    layout->addWidget(queue);

    // Pushes and pulls: the device state's times, counters and last result.
    auto* sync = new QGroupBox(tr("Pushes and pulls"), body);
    auto* syncForm = new QFormLayout(sync);
    syncForm->addRow(tr("Last push:"), label(sync, QStringLiteral("lastPush")));
    syncForm->addRow(tr("Last pull:"), label(sync, QStringLiteral("lastPull")));
    syncForm->addRow(tr("Last result:"), label(sync, QStringLiteral("lastResult")));
    syncForm->addRow(tr("Last error:"), label(sync, QStringLiteral("lastError")));
    syncForm->addRow(tr("Pushes:"), label(sync, QStringLiteral("pushes")));
    syncForm->addRow(tr("Pulls:"), label(sync, QStringLiteral("pulls")));
    syncForm->addRow(label(sync, QStringLiteral("history")));
    // The history as a chart (one point per push), the table below it for exact values.
    m_historySeries = new QStandardItemModel(0, int(HistoryColumn::Count), this);
    m_historyChart = new TimeChart(tr("Pushes over time"), tr("changes"), m_historySeries,
                                   int(HistoryColumn::Time),
                                   {{tr("Changes pushed"), int(HistoryColumn::Changes)},
                                    {tr("In conflict"), int(HistoryColumn::Conflicts)},
                                    {tr("Pending (queue report)"), int(HistoryColumn::Pending)}},
                                   sync);
    m_historyChart->view()->setObjectName(QStringLiteral("drillHistoryChart"));
    m_historyChart->showPoints();
    m_historyChart->setWholeNumbers();
    m_historyChart->view()->setMinimumHeight(220);
    m_historyChart->view()->setVisible(false);
    syncForm->addRow(m_historyChart->view());
    m_history = makeTable(
        sync, QStringLiteral("drillHistory"),
        {tr("Time"), tr("Kind"), tr("Changes"), tr("Result"), tr("Duration"), tr("Pending")}, 3);
    syncForm->addRow(m_history);
    auto* syncNote = label(sync, QStringLiteral("syncNote"));
    syncNote->setText(tr("The changes below come from the event log."));
    syncForm->addRow(syncNote);
    m_changes = makeTable(sync, QStringLiteral("drillChanges"),
                          {tr("Event"), tr("Time"), tr("Model"), tr("Action"), tr("Record")}, 2);
    syncForm->addRow(m_changes);
    syncForm->addRow(label(sync, QStringLiteral("changesEmpty")));
    layout->addWidget(sync);

    // Open conflicts.
    auto* conflicts = new QGroupBox(tr("Open conflicts"), body);
    auto* conflictsLayout = new QVBoxLayout(conflicts);
    conflictsLayout->addWidget(label(conflicts, QStringLiteral("conflicts")));
    m_conflicts =
        makeTable(conflicts, QStringLiteral("drillConflicts"),
                  {tr("Conflict"), tr("Model"), tr("Record"), tr("Fields"), tr("Since")}, 3);
    conflictsLayout->addWidget(m_conflicts);
    m_toConflicts = new QPushButton(tr("Show in Conflicts"), conflicts);
    m_toConflicts->setObjectName(QStringLiteral("drillToConflicts"));
    m_toConflicts->setEnabled(false);
    conflictsLayout->addWidget(m_toConflicts, 0, Qt::AlignLeft);
    connect(m_toConflicts, &QPushButton::clicked, this,
            [this, device] { emit showConflicts(device); });
    layout->addWidget(conflicts);

    // What a full pull would bring.
    auto* preview = new QGroupBox(tr("What this device would receive"), body);
    auto* previewLayout = new QVBoxLayout(preview);
    previewLayout->addWidget(label(preview, QStringLiteral("preview")));
    m_preview = makeTable(preview, QStringLiteral("drillPreview"),
                          {tr("Model"), tr("Records"), tr("Size")}, 0);
    previewLayout->addWidget(m_preview);
    layout->addWidget(preview);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    outer->addWidget(buttons);

    // What the device row already says.
    m_labels[QStringLiteral("queue")]->setText(
        s.pending_changes == 0 ? tr("nothing pending")
                               : tr("%Ln pending change(s), oldest %1", "", int(s.pending_changes))
                                     .arg(localDateTime(s.oldest_pending_at)));
    m_labels[QStringLiteral("lastPush")]->setText(s.last_push_time ? localDateTime(s.last_push_time)
                                                                   : tr("never"));
    m_labels[QStringLiteral("lastPull")]->setText(s.last_pull_time ? localDateTime(s.last_pull_time)
                                                                   : tr("never"));
    m_labels[QStringLiteral("lastError")]->setText(
        s.last_error ? QString::fromStdString(*s.last_error) : tr("none"));
    for (const auto& key :
         {QStringLiteral("lastResult"), QStringLiteral("pushes"), QStringLiteral("pulls"),
          QStringLiteral("conflicts"), QStringLiteral("preview"), QStringLiteral("history")})
        m_labels[key]->setText(tr("Loading…"));

    const std::string id = s.device_id;
    runAsync(
        m_backend->pool(), this,
        [backend = m_backend, id] {
            Data d;
            d.statistics = backend->deviceStatistics(id);
            engine::EventQuery q;
            q.device_id = id;
            q.limit = kRecentChanges;
            d.changes = backend->events(q);
            // Open conflicts of every device, page by page, kept for this one.
            for (int offset = 0;; offset += kConflictPage) {
                auto page = backend->conflicts("open", kConflictPage, offset);
                if (!page) {
                    d.conflictsError = page.error();
                    break;
                }
                for (auto& c : page.value().items)
                    if (c.device_id == id)
                        d.conflicts.push_back(std::move(c));
                if (page.value().items.size() < std::size_t(kConflictPage) ||
                    offset + kConflictPage >= page.value().total)
                    break;
            }
            d.preview = backend->receivePreview(id);
            d.history = backend->deviceHistory(id);
            return d;
        },
        [this](Data d) {
            present(d);
            emit loaded();
        });
}

QString DeviceDrillDown::text(const QString& key) const {
    auto it = m_labels.find(key);
    return it == m_labels.end() ? QString() : it->second->text();
}

void DeviceDrillDown::presentHistory(
    const Result<std::vector<storage::DeviceHistoryRow>>& history) {
    const QLocale l;
    auto& label = *m_labels[QStringLiteral("history")];
    m_history->setRowCount(0);
    if (!history) {
        label.setText(errorText(history.error()));
    } else if (history.value().empty()) {
        label.setText(tr("No push or pull of this device is recorded yet."));
    } else {
        const auto& rows = history.value();
        m_history->setRowCount(int(rows.size()));
        for (int r = 0; r < int(rows.size()); ++r) {
            const auto& h = rows[std::size_t(r)];
            const bool push = h.kind == "push";
            m_history->setItem(r, 0, new QTableWidgetItem(localDateTime(h.at, true)));
            m_history->setItem(r, 1, new QTableWidgetItem(push ? tr("push") : tr("pull")));
            m_history->setItem(r, 2, number(h.changes));
            QString result;
            if (!push) {
                result = tr("%Ln event(s) received", "", int(h.changes));
            } else {
                QStringList parts{tr("%Ln applied", "", int(h.applied))};
                if (h.conflicts > 0)
                    parts << tr("%Ln in conflict", "", int(h.conflicts));
                if (h.failed > 0)
                    parts << tr("%Ln failed", "", int(h.failed));
                result = parts.join(tr(", ")); // Arabic lists with "، "
            }
            auto* resultItem = new QTableWidgetItem(result);
            if (h.last_error)
                resultItem->setToolTip(QString::fromStdString(*h.last_error));
            m_history->setItem(r, 3, resultItem);
            auto* duration =
                new QTableWidgetItem(tr("%1 ms").arg(l.toString(h.duration_ms, 'f', 1)));
            duration->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_history->setItem(r, 4, duration);
            m_history->setItem(r, 5,
                               h.pending_changes ? number(*h.pending_changes)
                                                 : new QTableWidgetItem(tr("not reported")));
        }
        label.setText(
            tr("The latest %Ln push(es) and pull(s), newest first; the server keeps the last %1.",
               "", int(rows.size()))
                .arg(l.toString(storage::kDeviceHistoryRows)));
    }
    presentHistoryChart(history ? history.value() : std::vector<storage::DeviceHistoryRow>{});
    presentTable(m_history);
}

void DeviceDrillDown::presentHistoryChart(const std::vector<storage::DeviceHistoryRow>& rows) {
    // Pushes oldest first; the queue line only where every push carried a report (a missing
    // report is not an empty queue).
    std::vector<const storage::DeviceHistoryRow*> pushes;
    for (auto it = rows.rbegin(); it != rows.rend(); ++it)
        if (it->kind == "push")
            pushes.push_back(&*it);
    const bool queueKnown = std::all_of(
        pushes.begin(), pushes.end(), [](const auto* h) { return h->pending_changes.has_value(); });
    m_historySeries->setRowCount(0);
    double top = 0;
    for (const auto* h : pushes) {
        const double pending = queueKnown ? double(*h->pending_changes) : 0.0;
        QList<QStandardItem*> row;
        for (double v : {double(h->at), double(h->changes), double(h->conflicts), pending}) {
            auto* item = new QStandardItem;
            item->setData(v, Qt::DisplayRole);
            row << item;
        }
        m_historySeries->appendRow(row);
        top = std::max({top, double(h->changes), double(h->conflicts), pending});
    }
    const auto series = m_historyChart->chart()->series();
    if (series.size() > int(HistoryColumn::Pending) - 1)
        series.at(int(HistoryColumn::Pending) - 1)->setVisible(queueKnown);
    m_historyChart->view()->setVisible(!pushes.empty());
    if (pushes.empty())
        return;
    // The pushes' span, with a little room on both sides (one push: a minute around it).
    const qint64 first = pushes.front()->at, last = pushes.back()->at;
    const qint64 margin = std::max<qint64>(30000, (last - first) / 20);
    m_historyChart->setTimeRange(first - margin, last + margin);
    m_historyChart->setYScale(top);
}

void DeviceDrillDown::present(const Data& d) {
    const QLocale l;
    if (d.statistics) {
        const auto& v = d.statistics.value();
        const auto status = v.last_sync_status.value_or("");
        m_labels[QStringLiteral("lastResult")]->setText(
            status == "success"    ? tr("success")
            : status == "conflict" ? tr("open conflicts")
            : status == "error"    ? tr("error reported by the device")
                                   : tr("no sync yet"));
        m_labels[QStringLiteral("pushes")]->setText(
            tr("%1: %2; %3 applied, %4 failed, %5 in conflict")
                .arg(tr("%Ln push(es)", "", int(v.total_pushes)),
                     tr("%Ln change(s)", "", int(v.total_changes_pushed)),
                     l.toString(qlonglong(v.successful_changes)),
                     l.toString(qlonglong(v.failed_changes)), l.toString(qlonglong(v.conflicts))));
        m_labels[QStringLiteral("pulls")]->setText(
            tr("%1: %2").arg(tr("%Ln pull(s)", "", int(v.total_pulls)),
                             tr("%Ln event(s) received", "", int(v.total_events_pulled))));
    } else {
        for (const auto& key :
             {QStringLiteral("lastResult"), QStringLiteral("pushes"), QStringLiteral("pulls")})
            m_labels[key]->setText(errorText(d.statistics.error()));
    }

    presentHistory(d.history);

    auto& changesEmpty = *m_labels[QStringLiteral("changesEmpty")];
    if (d.changes) {
        const auto& events = d.changes.value().items;
        m_changes->setRowCount(int(events.size()));
        for (int r = 0; r < int(events.size()); ++r) {
            const auto& e = events[std::size_t(r)];
            m_changes->setItem(r, 0, number(e.event_id));
            m_changes->setItem(r, 1, new QTableWidgetItem(localDateTime(e.timestamp)));
            m_changes->setItem(r, 2, modelItem(e.model));
            m_changes->setItem(r, 3, new QTableWidgetItem(EventLogModel::actionText(e.action)));
            m_changes->setItem(r, 4, number(e.record_id));
        }
        changesEmpty.setText(
            events.empty()
                ? tr("No change from this device is in the event log yet; its pushed changes "
                     "appear here.")
                : tr("The latest %Ln change(s) of %1 this device pushed.", "", int(events.size()))
                      .arg(l.toString(qlonglong(d.changes.value().total))));
    } else {
        changesEmpty.setText(errorText(d.changes.error()));
    }
    presentTable(m_changes);

    auto& conflictsLabel = *m_labels[QStringLiteral("conflicts")];
    m_conflicts->setRowCount(int(d.conflicts.size()));
    for (int r = 0; r < int(d.conflicts.size()); ++r) {
        const auto& c = d.conflicts[std::size_t(r)];
        m_conflicts->setItem(r, 0, number(c.conflict_id));
        m_conflicts->setItem(r, 1, modelItem(c.model));
        m_conflicts->setItem(r, 2, number(c.record_id));
        // Fields by their labels, the technical names in the tooltip.
        QStringList labels, names;
        for (const auto& f : c.info.conflicting_fields) {
            labels << fieldLabel(c.model, f);
            names << QString::fromStdString(f);
        }
        auto* fields = new QTableWidgetItem(labels.join(tr(", ")));
        fields->setToolTip(names.join(tr(", ")));
        m_conflicts->setItem(r, 3, fields);
        m_conflicts->setItem(r, 4, new QTableWidgetItem(localDateTime(c.created_at)));
    }
    presentTable(m_conflicts);
    if (d.conflictsError)
        conflictsLabel.setText(errorText(*d.conflictsError));
    else if (d.conflicts.empty())
        conflictsLabel.setText(tr("No open conflict: when a change of this device meets a newer "
                                  "server version, the conflict appears here."));
    else
        conflictsLabel.setText(tr("%Ln open conflict(s)", "", int(d.conflicts.size())));
    m_toConflicts->setEnabled(!d.conflicts.empty());

    auto& previewLabel = *m_labels[QStringLiteral("preview")];
    m_preview->setRowCount(0);
    if (!d.preview) {
        previewLabel.setText(errorText(d.preview.error()));
    } else if (!d.preview.value().app_type) {
        previewLabel.setText(tr("The device has not pulled yet, so its app type is unknown; "
                                "after its first pull, its models and their sizes appear here."));
    } else {
        const auto& p = d.preview.value();
        qint64 records = 0, bytes = 0;
        m_preview->setRowCount(int(p.models.size()));
        for (int r = 0; r < int(p.models.size()); ++r) {
            const auto& m = p.models[std::size_t(r)];
            m_preview->setItem(r, 0, modelItem(m.model));
            m_preview->setItem(r, 1, number(m.records));
            auto* size = new QTableWidgetItem(l.formattedDataSize(m.bytes));
            size->setData(Qt::UserRole, qlonglong(m.bytes));
            size->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_preview->setItem(r, 2, size);
            records += m.records;
            bytes += m.bytes;
        }
        previewLabel.setText(
            tr("A full pull as %1 would bring %Ln record(s), %2 of record data (events and "
               "protocol overhead not counted).",
               "", int(records))
                .arg(QString::fromStdString(*p.app_type), l.formattedDataSize(bytes)));
    }
    presentTable(m_preview);
}

} // namespace bridgecore::ui
