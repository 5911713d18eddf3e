#pragma once
// Dashboard: KPIs of the tenant and charts (pushed changes/s, pulled events/s, p50 and p95
// push latency, conflicts per minute) over a selectable window up to 24 h: the stored metric
// buckets, then live one-second samples.

#include "ConsoleServices.h"
#include "MetricSeriesModel.h"
#include "TimeChart.h"

#include <QWidget>

#include <map>

class QComboBox;
class QLabel;
class QTimer;

namespace bridgecore::ui {

class DashboardView : public QWidget {
    Q_OBJECT
public:
    explicit DashboardView(ConsoleBackend* backend, QWidget* parent = nullptr);

    MetricSeriesModel* series() { return &m_series; }
    const engine::TenantSummary& summary() const { return m_summary; }
    /// The KPI label texts, by name (devices, stale, pending, conflicts, head).
    QString kpiText(const QString& name) const;
    /// Loads the KPIs now.
    void refreshSummary();
    /// Closes one sample second (the 1 s timer calls it; tests may call it directly).
    void tick(qint64 nowMs);
    void setWindowSeconds(int seconds);
    /// Reloads the stored buckets of the window (on start, window change, and every bucket
    /// while the window shows stored buckets only).
    void loadHistory();
    /// The bucket length the history of a window is read in.
    static qint64 historyBucketMs(int windowSeconds);
    /// A chart's line names (one per series).
    QStringList seriesNames(int chart) const;

    /// A chart's axis labels as shown (tests: distinct, localised, with nice values).
    QStringList yLabels(int chart) const;
    QStringList xLabels(int chart) const;
    /// The top of a chart's y scale.
    double yMax(int chart) const;
    /// The hover text of a chart at a data point (time in ms, value).
    QString tooltipAt(int chart, qint64 timeMs, double value) const;
    /// A nice scale for values up to `max`: the step (1, 2 or 5 × 10^n) and the top.
    static std::pair<double, double> niceScale(double max) { return TimeChart::niceScale(max); }

signals:
    void summaryLoaded();
    void historyLoaded();

private:
    struct Chart {
        TimeChart* chart = nullptr;
        MetricSeriesModel::Column column{}; ///< the column that sets the y scale
    };
    Chart makeChart(const QString& title, const QString& unit,
                    std::vector<std::pair<QString, MetricSeriesModel::Column>> lines);
    QWidget* makeKpi(const QString& name, const QString& title);

    ConsoleBackend* m_backend;
    MetricSeriesModel m_series;
    engine::TenantSummary m_summary;
    std::vector<Chart> m_charts;
    std::map<QString, QLabel*> m_kpis;
    QComboBox* m_window = nullptr;
    QTimer* m_tick = nullptr;
    QTimer* m_kpiTimer = nullptr;
    bool m_summaryInFlight = false;
    qint64 m_lastTick = 0;
    qint64 m_historyLoadedAt = 0;
    bool m_historyInFlight = false;
};

} // namespace bridgecore::ui
