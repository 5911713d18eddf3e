#pragma once
// Dashboard: KPIs of the tenant and live charts (pushed changes/s, pulled events/s, p95 push
// latency, conflicts per minute) over a selectable window.

#include "ConsoleServices.h"
#include "MetricSeriesModel.h"

#include <QWidget>

#include <map>

class QComboBox;
class QLabel;
class QTimer;
class QChart;
class QChartView;
class QCategoryAxis;

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

    /// A chart's axis labels as shown (tests: distinct, localised, with nice values).
    QStringList yLabels(int chart) const;
    QStringList xLabels(int chart) const;
    /// The top of a chart's y scale.
    double yMax(int chart) const;
    /// The hover text of a chart at a data point (time in ms, value).
    QString tooltipAt(int chart, qint64 timeMs, double value) const;
    /// A nice scale for values up to `max`: the step (1, 2 or 5 × 10^n) and the top.
    static std::pair<double, double> niceScale(double max);

signals:
    void summaryLoaded();

private:
    struct Chart {
        QChart* chart = nullptr;
        QChartView* view = nullptr;
        QCategoryAxis* x = nullptr;
        QCategoryAxis* y = nullptr;
        MetricSeriesModel::Column column{};
        QString unit;
        double top = 0; ///< current top of the y scale (changes only when it must)
    };
    Chart makeChart(const QString& title, const QString& unit, MetricSeriesModel::Column column);
    void setYScale(Chart& c, double max);
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
};

} // namespace bridgecore::ui
