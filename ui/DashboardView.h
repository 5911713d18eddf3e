#pragma once
// Dashboard: KPIs of the tenant and live charts (pushed changes/s, pulled events/s, p95 push
// latency, conflicts per minute) over a selectable window.

#include "ConsoleBackend.h"
#include "MetricSeriesModel.h"

#include <QWidget>

#include <map>

class QComboBox;
class QLabel;
class QTimer;
class QChart;
class QChartView;
class QDateTimeAxis;
class QValueAxis;

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

signals:
    void summaryLoaded();

private:
    struct Chart {
        QChart* chart = nullptr;
        QChartView* view = nullptr;
        QDateTimeAxis* x = nullptr;
        QValueAxis* y = nullptr;
        MetricSeriesModel::Column column{};
    };
    Chart makeChart(const QString& title, MetricSeriesModel::Column column);
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
