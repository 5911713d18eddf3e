#pragma once
// One chart over time, as every chart of the console draws it: lines bound to columns of a
// table model (QVXYModelMapper, x = a time column in ms since the epoch), category axes whose
// labels the language's QLocale writes (its digits), time ticks on round values in the
// status bar's time format, a "nice" y scale (1, 2 or 5 × 10^n steps) that grows at once and
// shrinks only when the data fell well below it, the unit as the y title, and the values of a
// point on hover. Time runs left to right with the values on the left in every language.
// The dashboard's charts and a device's history use it.

#include <QObject>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

class QAbstractItemModel;
class QCategoryAxis;
class QChart;
class QChartView;
class QWidget;

namespace bridgecore::ui {

class TimeChart : public QObject {
    Q_OBJECT
public:
    struct Line {
        QString name;
        int column; ///< the model's column of this line's values
    };
    /// `lines.front()` sets the y scale unless setYScale() is given another maximum.
    TimeChart(const QString& title, const QString& unit, QAbstractItemModel* model, int timeColumn,
              const std::vector<Line>& lines, QWidget* parent);

    QChartView* view() const { return m_view; }
    QChart* chart() const { return m_chart; }
    const QStringList& names() const { return m_names; }
    const QString& unit() const { return m_unit; }

    /// Marks each point (for sparse data such as one point per push; the dashboard's
    /// one-second samples are lines only).
    void showPoints();
    /// The values are counts (changes, conflicts): y ticks on whole numbers only.
    void setWholeNumbers();
    /// Shows [fromMs, toMs] with about six ticks on round times (5 s … 4 h apart).
    void setTimeRange(qint64 fromMs, qint64 toMs);
    /// A y scale for values up to `max` (stable: see above).
    void setYScale(double max);
    /// The axis labels as shown (trimmed), the top of the y scale.
    QStringList yLabels() const;
    QStringList xLabels() const;
    double yMax() const { return m_top; }
    /// The hover text at a point: local time with seconds, the value, the unit.
    QString tooltipAt(qint64 timeMs, double value) const;
    /// A nice scale for values up to `max`: the step (1, 2 or 5 × 10^n) and the top.
    static std::pair<double, double> niceScale(double max);

private:
    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    QCategoryAxis* m_x = nullptr;
    QCategoryAxis* m_y = nullptr;
    QStringList m_names;
    QString m_unit;
    bool m_wholeNumbers = false;
    double m_top = 0;
};

} // namespace bridgecore::ui
