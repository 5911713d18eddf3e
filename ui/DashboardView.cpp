#include "DashboardView.h"

#include "Text.h"

#include "ConsoleServices.h"
#include "OdooConnectionsView.h"

#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QtCharts/QVXYModelMapper>

#include <QCursor>
#include <QToolTip>

#include <algorithm>
#include <cmath>

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
    return m_charts.at(std::size_t(chart)).names;
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

std::pair<double, double> DashboardView::niceScale(double max) {
    if (!(max > 0))
        return {0.25, 1.0};
    // About four steps of 1, 2 or 5 × 10^n, the top a whole number of steps above max.
    const double raw = max / 4;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * magnitude >= raw) {
            step = m * magnitude;
            break;
        }
    return {step, std::ceil(max / step - 1e-9) * step};
}

DashboardView::Chart DashboardView::makeChart(const QString& title, const QString& unit,
                                              std::vector<Line> lines) {
    Chart c;
    c.column = lines.front().column;
    c.unit = unit;
    c.chart = new QChart;
    c.chart->setTitle(title);
    std::vector<QLineSeries*> series;
    for (const Line& l : lines) {
        auto* line = new QLineSeries(c.chart);
        line->setName(l.name);
        c.names << l.name;
        c.chart->addSeries(line);
        auto* mapper = new QVXYModelMapper(line);
        mapper->setXColumn(int(MetricSeriesModel::Column::Time));
        mapper->setYColumn(int(l.column));
        mapper->setSeries(line);
        mapper->setModel(&m_series);
        series.push_back(line);
    }
    if (lines.size() > 1)
        c.chart->legend()->setAlignment(Qt::AlignTop);
    else
        c.chart->legend()->hide();
    // Category axes: labels at chosen values, written by the language's QLocale.
    c.x = new QCategoryAxis(c.chart);
    c.x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    c.y = new QCategoryAxis(c.chart);
    c.y->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    c.y->setTitleText(unit);
    c.chart->addAxis(c.x, Qt::AlignBottom);
    c.chart->addAxis(c.y, isRightToLeft() ? Qt::AlignRight : Qt::AlignLeft);
    const int index = int(m_charts.size());
    for (QLineSeries* line : series) {
        line->attachAxis(c.x);
        line->attachAxis(c.y);
        connect(line, &QLineSeries::hovered, this,
                [this, index, line](const QPointF& p, bool state) {
                    if (!state) {
                        QToolTip::hideText();
                        return;
                    }
                    QString text = tooltipAt(index, qint64(p.x()), p.y());
                    if (m_charts.at(std::size_t(index)).names.size() > 1)
                        text = line->name() + QStringLiteral(" — ") + text;
                    QToolTip::showText(QCursor::pos(), text);
                });
    }
    c.view = new QChartView(c.chart, this);
    c.view->setRenderHint(QPainter::Antialiasing);
    c.view->setMinimumHeight(180);
    setYScale(c, 0);
    return c;
}

void DashboardView::setYScale(Chart& c, double max) {
    auto [step, top] = niceScale(max * 1.1);
    // A stable scale: it grows at once, and shrinks only when the data fell well below it.
    if (c.top > 0 && top <= c.top && top > c.top / 3) {
        top = c.top;
        step = niceScale(top / 1.1).first;
        if (top / step > 6)
            step = top / 4;
    }
    if (top == c.top && !c.y->categoriesLabels().isEmpty())
        return;
    c.top = top;
    for (const QString& label : c.y->categoriesLabels())
        c.y->remove(label);
    const QLocale l;
    int decimals = 0; // as many as the step needs: 0.25 -> 2, 0.5 -> 1, 5 -> 0
    while (decimals < 4 && std::abs(step * std::pow(10.0, decimals) -
                                    std::round(step * std::pow(10.0, decimals))) > 1e-6)
        ++decimals;
    // On the right (right-to-left languages) QtCharts puts a label's first glyph right at the
    // end of its tick, so Arabic digits touch it: a leading no-break space keeps them clear
    // (QtCharts sets labels as HTML, which drops ordinary leading blanks). yLabels() returns
    // the labels trimmed.
    const QString pad = isRightToLeft() ? QString(QChar::Nbsp) : QString();
    for (double v = 0; v <= top + step / 2; v += step)
        c.y->append(pad + l.toString(v, 'f', decimals), v);
    c.y->setRange(0, top);
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
    // Time ticks on round values: 10 s, 1 min, 2 min, 10 min … about six per window.
    static const qint64 steps[] = {5000,   10000,  15000,   30000,   60000,   120000,  300000,
                                   600000, 900000, 1800000, 3600000, 7200000, 14400000};
    qint64 step = steps[std::size(steps) - 1];
    for (qint64 s : steps)
        if (window / s <= 6) {
            step = s;
            break;
        }
    const QString format = timeFormat(step < 60000); // the status bar's, with seconds if needed
    const QLocale l;
    for (auto& c : m_charts) {
        for (const QString& label : c.x->categoriesLabels())
            c.x->remove(label);
        const qint64 offset = QDateTime::fromMSecsSinceEpoch(now).offsetFromUtc() * 1000LL;
        for (qint64 t = ((now - window + offset) / step + 1) * step - offset; t <= now; t += step)
            c.x->append(l.toString(QDateTime::fromMSecsSinceEpoch(t).toLocalTime().time(), format),
                        double(t));
        c.x->setRange(double(now - window), double(now));
        setYScale(c, m_series.maxValue(c.column));
    }
}

QStringList DashboardView::yLabels(int chart) const {
    QStringList labels = m_charts.at(std::size_t(chart)).y->categoriesLabels();
    for (QString& label : labels)
        label = label.trimmed();
    return labels;
}

QStringList DashboardView::xLabels(int chart) const {
    return m_charts.at(std::size_t(chart)).x->categoriesLabels();
}

double DashboardView::yMax(int chart) const {
    return m_charts.at(std::size_t(chart)).top;
}

QString DashboardView::tooltipAt(int chart, qint64 timeMs, double value) const {
    const auto& c = m_charts.at(std::size_t(chart));
    const QLocale l;
    return tr("%1: %2 %3")
        .arg(localTime(timeMs, true), l.toString(value, 'f', value < 10 ? 2 : 0), c.unit);
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
