#pragma once
// A bounded ring buffer of one-second throughput samples, exposed as a table that the
// dashboard's charts bind to through QVXYModelMapper. Fed from the engine's pushed/pulled
// signals, never by polling the database.

#include <QAbstractTableModel>

#include <deque>

namespace bridgecore::ui {

class MetricSeriesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column { Time, PushedPerSec, PulledPerSec, PushP95Ms, ConflictsPerMin, Count };
    /// The longest selectable window, in one-second samples.
    static constexpr int kCapacity = 3600;

    explicit MetricSeriesModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// The number of most recent samples the table shows (1..kCapacity).
    void setWindow(int seconds);
    int window() const { return m_window; }

    void addPush(int changes, int conflicts, double ms);
    void addPull(int events);
    /// Closes the current second as a sample stamped `nowMs`.
    void tick(qint64 nowMs);
    /// Largest value of a column among the shown rows (for the chart's y axis).
    double maxValue(Column column) const;
    double value(int row, Column column) const;

private:
    struct Sample {
        qint64 t = 0;
        double pushed = 0, pulled = 0, p95 = 0, conflictsPerMin = 0;
        int conflicts = 0;
    };
    int shown() const { return m_rows; }
    const Sample& sampleAt(int row) const {
        return m_samples[m_samples.size() - std::size_t(shown()) + std::size_t(row)];
    }

    std::deque<Sample> m_samples;
    int m_window = 300;
    int m_rows = 0; // rows in the table: the last m_rows samples
    // Current second.
    int m_changes = 0, m_events = 0, m_conflicts = 0;
    std::vector<double> m_pushMs;
};

} // namespace bridgecore::ui
