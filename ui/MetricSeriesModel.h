#pragma once
// The dashboard's series, exposed as a table that the charts bind to through
// QVXYModelMapper: the stored metric buckets (history: survives a restart or a language
// switch) followed by one-second live samples fed from the engine's pushed/pulled signals.
// Windows longer than the live buffer show the stored buckets only.

#include "engine/SyncEngine.h"

#include <QAbstractTableModel>

#include <deque>
#include <vector>

namespace bridgecore::ui {

class MetricSeriesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column {
        Time,
        PushedPerSec,
        PulledPerSec,
        PushP50Ms,
        PushP95Ms,
        ConflictsPerMin,
        Count
    };
    /// The live buffer, in one-second samples; longer windows show stored buckets only.
    static constexpr int kCapacity = 3600;
    /// The longest selectable window (24 h), in seconds.
    static constexpr int kMaxWindow = 86400;

    struct Sample {
        qint64 t = 0; ///< end of the sampled interval (ms since the epoch)
        double pushed = 0, pulled = 0, p50 = 0, p95 = 0, conflictsPerMin = 0;
        int conflicts = 0;
    };

    explicit MetricSeriesModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// The span of time the table shows, in seconds (1..kMaxWindow).
    void setWindow(int seconds);
    int window() const { return m_window; }
    /// True when the window is longer than the live buffer: only stored buckets are shown.
    bool historyOnly() const { return m_window > kCapacity; }

    /// Stored buckets as samples (rates per second, conflicts per minute), stamped at the
    /// end of each bucket; buckets not yet complete at `nowMs` are left out.
    static std::vector<Sample> fromPoints(const std::vector<engine::MetricPoint>& points,
                                          qint64 bucketMs, qint64 nowMs);
    /// Replaces the history (samples older than the first live one are kept).
    void setHistory(std::vector<Sample> history, qint64 nowMs);
    /// Rows that come from the stored history.
    int historyRows() const { return m_histShown; }

    void addPush(int changes, int conflicts, double ms);
    void addPull(int events);
    /// Closes the current second as a live sample stamped `nowMs`.
    void tick(qint64 nowMs);
    /// Largest value of a column among the shown rows (for the chart's y axis).
    double maxValue(Column column) const;
    double value(int row, Column column) const;

private:
    int shown() const { return m_histShown + m_liveShown; }
    const Sample& sampleAt(int row) const;
    qint64 windowStart() const { return m_now - 1000LL * m_window; }
    /// Recomputes which samples are shown (callers reset the model around it).
    void place();

    std::vector<Sample> m_history;
    std::deque<Sample> m_live;
    int m_window = 300;
    qint64 m_now = 0;
    std::size_t m_histBegin = 0;
    int m_histShown = 0, m_liveShown = 0;
    // Current second.
    int m_changes = 0, m_events = 0, m_conflicts = 0;
    std::vector<double> m_pushMs;
};

} // namespace bridgecore::ui
