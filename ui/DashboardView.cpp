#include "DashboardView.h"

#include "AsyncCall.h"

#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLineSeries>
#include <QtCharts/QVXYModelMapper>
#include <QtCharts/QValueAxis>

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
    layout->addLayout(kpiRow);

    auto* windowRow = new QHBoxLayout;
    windowRow->addWidget(new QLabel(tr("Window:"), this));
    m_window = new QComboBox(this);
    m_window->setObjectName(QStringLiteral("windowCombo"));
    m_window->addItem(tr("1 minute"), 60);
    m_window->addItem(tr("5 minutes"), 300);
    m_window->addItem(tr("15 minutes"), 900);
    m_window->addItem(tr("1 hour"), 3600);
    m_window->setCurrentIndex(1);
    windowRow->addWidget(m_window);
    windowRow->addStretch();
    layout->addLayout(windowRow);
    connect(m_window, &QComboBox::currentIndexChanged, this,
            [this](int i) { setWindowSeconds(m_window->itemData(i).toInt()); });
    m_series.setWindow(300);

    auto* grid = new QGridLayout;
    using C = MetricSeriesModel::Column;
    m_charts.push_back(makeChart(tr("Pushed changes/s"), C::PushedPerSec));
    m_charts.push_back(makeChart(tr("Pulled events/s"), C::PulledPerSec));
    m_charts.push_back(makeChart(tr("p95 push latency (ms)"), C::PushP95Ms));
    m_charts.push_back(makeChart(tr("Conflicts per minute"), C::ConflictsPerMin));
    for (int i = 0; i < int(m_charts.size()); ++i)
        grid->addWidget(m_charts[std::size_t(i)].view, i / 2, i % 2);
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

DashboardView::Chart DashboardView::makeChart(const QString& title,
                                              MetricSeriesModel::Column column) {
    Chart c;
    c.column = column;
    c.chart = new QChart;
    c.chart->setTitle(title);
    c.chart->legend()->hide();
    auto* line = new QLineSeries(c.chart);
    c.chart->addSeries(line);
    auto* mapper = new QVXYModelMapper(line);
    mapper->setXColumn(int(MetricSeriesModel::Column::Time));
    mapper->setYColumn(int(column));
    mapper->setSeries(line);
    mapper->setModel(&m_series);
    c.x = new QDateTimeAxis(c.chart);
    c.x->setFormat(QStringLiteral("hh:mm:ss"));
    c.x->setTickCount(5);
    c.y = new QValueAxis(c.chart);
    c.y->setLabelFormat(QStringLiteral("%.0f"));
    c.y->setRange(0, 1);
    c.chart->addAxis(c.x, Qt::AlignBottom);
    c.chart->addAxis(c.y, Qt::AlignLeft);
    line->attachAxis(c.x);
    line->attachAxis(c.y);
    c.view = new QChartView(c.chart, this);
    c.view->setRenderHint(QPainter::Antialiasing);
    c.view->setMinimumHeight(180);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    c.x->setRange(QDateTime::fromMSecsSinceEpoch(now - 1000LL * m_series.window()),
                  QDateTime::fromMSecsSinceEpoch(now));
    return c;
}

void DashboardView::setWindowSeconds(int seconds) {
    m_series.setWindow(seconds);
    if (m_lastTick)
        tick(0);
}

void DashboardView::tick(qint64 nowMs) {
    if (nowMs) {
        m_series.tick(nowMs);
        m_lastTick = nowMs;
    }
    const qint64 now = m_lastTick ? m_lastTick : QDateTime::currentMSecsSinceEpoch();
    for (auto& c : m_charts) {
        c.x->setRange(QDateTime::fromMSecsSinceEpoch(now - 1000LL * m_series.window()),
                      QDateTime::fromMSecsSinceEpoch(now));
        const double max = m_series.maxValue(c.column);
        c.y->setRange(0, max <= 0 ? 1 : max * 1.15);
    }
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
