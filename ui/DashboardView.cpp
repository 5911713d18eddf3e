#include "DashboardView.h"

#include "Text.h"

#include "ConsoleServices.h"
#include "OdooConnectionsView.h"

#include <algorithm>

#include <QtCharts/QChartView>

#include <QComboBox>
#include <QDateTime>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

namespace bridgecore::ui {

DashboardView::DashboardView(ConsoleBackend* backend, QWidget* parent)
    : QWidget(parent)
    , m_backend(backend) {
    setObjectName(QStringLiteral("dashboardView"));
    auto* layout = new QVBoxLayout(this);

    auto* kpiRow = new QHBoxLayout;
    kpiRow->addWidget(makeKpi(QStringLiteral("devices"), tr("Devices")));
    kpiRow->addWidget(makeKpi(QStringLiteral("stale"), tr("Stale devices")));
    kpiRow->addWidget(makeKpi(QStringLiteral("pending"), tr("Pending changes")));
    kpiRow->addWidget(makeKpi(QStringLiteral("conflicts"), tr("Open conflicts")));
    kpiRow->addWidget(makeKpi(QStringLiteral("head"), tr("Head event id")));
    kpiRow->addWidget(new OdooKpis(m_backend, this)); // shown when the tenant is attached
    layout->addLayout(kpiRow);

    auto* windowRow = new QHBoxLayout;
    windowRow->addWidget(new QLabel(tr("Window:"), this));
    m_window = new QComboBox(this);
    m_window->setObjectName(QStringLiteral("windowCombo"));
    // %Ln: the number in the language's digits (Arabic-Indic in Arabic).
    for (int minutes : {1, 5, 15})
        m_window->addItem(tr("%Ln minute(s)", "", minutes), 60 * minutes);
    for (int hours : {1, 6, 24})
        m_window->addItem(tr("%Ln hour(s)", "", hours), 3600 * hours);
    m_window->setToolTip(tr("Stored history, then live samples each second (up to 1 hour); "
                            "hover a line for its values"));
    m_window->setCurrentIndex(1);
    windowRow->addWidget(m_window);
    windowRow->addStretch();
    layout->addLayout(windowRow);
    connect(m_window, &QComboBox::currentIndexChanged, this,
            [this](int i) { setWindowSeconds(m_window->itemData(i).toInt()); });
    m_series.setWindow(300);

    auto* grid = new QGridLayout;
    using C = MetricSeriesModel::Column;
    m_charts.push_back(makeChart(tr("Pushed changes"), tr("changes/s"),
                                 {{tr("Pushed changes"), C::PushedPerSec}}));
    m_charts.push_back(
        makeChart(tr("Pulled events"), tr("events/s"), {{tr("Pulled events"), C::PulledPerSec}}));
    // p95 first: it sets the scale (p95 >= p50 in every sample).
    m_charts.push_back(makeChart(tr("Push latency"), tr("ms"),
                                 {{tr("p95"), C::PushP95Ms}, {tr("p50"), C::PushP50Ms}}));
    m_charts.push_back(
        makeChart(tr("Conflicts"), tr("conflicts/min"), {{tr("Conflicts"), C::ConflictsPerMin}}));
    // Counts (changes, events, conflicts) tick on whole numbers: no "2.5 conflicts".
    for (int count : {0, 1, 3})
        m_charts[std::size_t(count)].chart->setWholeNumbers();
    for (int i = 0; i < int(m_charts.size()); ++i)
        grid->addWidget(m_charts[std::size_t(i)].chart->view(), i / 2, i % 2);
    layout->addLayout(grid, 1);

    connect(m_backend, &ConsoleBackend::pushed, this,
            [this](const QString&, int changes, int conflicts, int, double ms) {
                m_series.addPush(changes, conflicts, ms);
            });
    connect(m_backend, &ConsoleBackend::pulled, this,
            [this](const QString&, int events, double) { m_series.addPull(events); });

    m_tick = new QTimer(this);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, [this] { tick(QDateTime::currentMSecsSinceEpoch()); });
    m_tick->start();
    m_kpiTimer = new QTimer(this);
    m_kpiTimer->setInterval(2000);
    connect(m_kpiTimer, &QTimer::timeout, this, &DashboardView::refreshSummary);
    m_kpiTimer->start();
    refreshSummary();
    loadHistory();
}

qint64 DashboardView::historyBucketMs(int windowSeconds) {
    // About 360 points per window, in whole multiples of the store's 10 s buckets.
    constexpr qint64 kStored = 10000;
    const qint64 wanted = 1000LL * windowSeconds / 360;
    return std::max<qint64>(kStored, (wanted + kStored - 1) / kStored * kStored);
}

void DashboardView::loadHistory() {
    if (m_historyInFlight)
        return;
    m_historyInFlight = true;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const int window = m_series.window();
    const qint64 bucket = historyBucketMs(window);
    const qint64 from = now - 1000LL * window - bucket;
    m_historyLoadedAt = now;
    runAsync(
        m_backend->pool(), this,
        [backend = m_backend, from, now, bucket] { return backend->metrics(from, now, bucket); },
        [this, now, bucket, window](Result<std::vector<engine::MetricPoint>> points) {
            m_historyInFlight = false;
            if (!points || window != m_series.window()) {
                if (window != m_series.window())
                    loadHistory(); // the window changed meanwhile: read the new one
                return;            // offline: the next window change or bucket tries again
            }
            m_series.setHistory(MetricSeriesModel::fromPoints(points.value(), bucket, now),
                                std::max(now, m_lastTick));
            tick(0);
            emit historyLoaded();
        });
}

QStringList DashboardView::seriesNames(int chart) const {
    return m_charts.at(std::size_t(chart)).chart->names();
}

QWidget* DashboardView::makeKpi(const QString& name, const QString& title) {
    auto* frame = new QFrame(this);
    frame->setFrameShape(QFrame::StyledPanel);
    auto* v = new QVBoxLayout(frame);
    auto* caption = new QLabel(title, frame);
    auto* value = new QLabel(QStringLiteral("–"), frame);
    value->setObjectName(QStringLiteral("kpi_") + name);
    QFont f = value->font();
    f.setPointSizeF(f.pointSizeF() * 1.8);
    f.setBold(true);
    value->setFont(f);
    v->addWidget(caption);
    v->addWidget(value);
    m_kpis[name] = value;
    return frame;
}

QString DashboardView::kpiText(const QString& name) const {
    auto it = m_kpis.find(name);
    return it == m_kpis.end() ? QString() : it->second->text();
}

DashboardView::Chart
DashboardView::makeChart(const QString& title, const QString& unit,
                         std::vector<std::pair<QString, MetricSeriesModel::Column>> lines) {
    std::vector<TimeChart::Line> columns;
    for (const auto& [name, column] : lines)
        columns.push_back({name, int(column)});
    auto* chart =
        new TimeChart(title, unit, &m_series, int(MetricSeriesModel::Column::Time), columns, this);
    return {chart, lines.front().second};
}

void DashboardView::setWindowSeconds(int seconds) {
    m_series.setWindow(seconds);
    tick(0);
    loadHistory();
}

void DashboardView::tick(qint64 nowMs) {
    if (nowMs) {
        m_series.tick(nowMs);
        m_lastTick = nowMs;
        // Stored buckets only: read the newest complete bucket once it has closed.
        if (m_series.historyOnly() &&
            nowMs - m_historyLoadedAt >= historyBucketMs(m_series.window()))
            loadHistory();
    }
    const qint64 now = m_lastTick ? m_lastTick : QDateTime::currentMSecsSinceEpoch();
    const qint64 window = 1000LL * m_series.window();
    for (auto& c : m_charts) {
        c.chart->setTimeRange(now - window, now);
        c.chart->setYScale(m_series.maxValue(c.column));
    }
}

QStringList DashboardView::yLabels(int chart) const {
    return m_charts.at(std::size_t(chart)).chart->yLabels();
}

QStringList DashboardView::xLabels(int chart) const {
    return m_charts.at(std::size_t(chart)).chart->xLabels();
}

double DashboardView::yMax(int chart) const {
    return m_charts.at(std::size_t(chart)).chart->yMax();
}

QString DashboardView::tooltipAt(int chart, qint64 timeMs, double value) const {
    return m_charts.at(std::size_t(chart)).chart->tooltipAt(timeMs, value);
}

void DashboardView::refreshSummary() {
    if (m_summaryInFlight)
        return;
    m_summaryInFlight = true;
    runAsync(
        m_backend->pool(), this, [backend = m_backend] { return backend->summary(); },
        [this](Result<engine::TenantSummary> s) {
            m_summaryInFlight = false;
            if (!s)
                return;
            m_summary = s.value();
            const QLocale locale;
            m_kpis[QStringLiteral("devices")]->setText(
                locale.toString(qlonglong(m_summary.devices)));
            m_kpis[QStringLiteral("stale")]->setText(
                locale.toString(qlonglong(m_summary.stale_devices)));
            m_kpis[QStringLiteral("pending")]->setText(
                locale.toString(qlonglong(m_summary.pending_changes)));
            m_kpis[QStringLiteral("conflicts")]->setText(
                locale.toString(qlonglong(m_summary.open_conflicts)));
            m_kpis[QStringLiteral("head")]->setText(
                locale.toString(qlonglong(m_summary.head_event_id)));
            emit summaryLoaded();
        });
}

} // namespace bridgecore::ui
