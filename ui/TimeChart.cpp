#include "TimeChart.h"

#include "Text.h"

#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QtCharts/QVXYModelMapper>

#include <QCursor>
#include <QDateTime>
#include <QLocale>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace bridgecore::ui {

TimeChart::TimeChart(const QString& title, const QString& unit, QAbstractItemModel* model,
                     int timeColumn, const std::vector<Line>& lines, QWidget* parent)
    : QObject(parent)
    , m_unit(unit) {
    m_chart = new QChart;
    m_chart->setTitle(title);
    std::vector<QLineSeries*> series;
    for (const Line& l : lines) {
        auto* line = new QLineSeries(m_chart);
        line->setName(l.name);
        m_names << l.name;
        m_chart->addSeries(line);
        auto* mapper = new QVXYModelMapper(line);
        mapper->setXColumn(timeColumn);
        mapper->setYColumn(l.column);
        mapper->setSeries(line);
        mapper->setModel(model);
        series.push_back(line);
    }
    if (lines.size() > 1)
        m_chart->legend()->setAlignment(Qt::AlignTop);
    else
        m_chart->legend()->hide();
    // Category axes: labels at chosen values, written by the language's QLocale.
    m_x = new QCategoryAxis(m_chart);
    m_x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_y = new QCategoryAxis(m_chart);
    m_y->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_y->setTitleText(unit);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    // In every language, Arabic included, time runs left to right with the values on the left,
    // as a time series reads in most right-to-left products (and in the charts people know
    // from spreadsheets): an axis on the right beside left-to-right time read as neither
    // mirrored nor not.
    m_chart->addAxis(m_y, Qt::AlignLeft);
    for (QLineSeries* line : series) {
        line->attachAxis(m_x);
        line->attachAxis(m_y);
        connect(line, &QLineSeries::hovered, this, [this, line](const QPointF& p, bool state) {
            if (!state) {
                QToolTip::hideText();
                return;
            }
            QString text = tooltipAt(qint64(p.x()), p.y());
            if (m_names.size() > 1)
                text = line->name() + QStringLiteral(" — ") + text;
            QToolTip::showText(QCursor::pos(), text);
        });
    }
    m_view = new QChartView(m_chart, parent);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(180);
    setYScale(0);
}

void TimeChart::showPoints() {
    for (auto* series : m_chart->series())
        if (auto* line = qobject_cast<QLineSeries*>(series))
            line->setPointsVisible(true);
}

std::pair<double, double> TimeChart::niceScale(double max) {
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

void TimeChart::setWholeNumbers() {
    m_wholeNumbers = true;
    // The scale drawn so far may have fractional ticks (an empty chart's 0.25 steps).
    for (const QString& label : m_y->categoriesLabels())
        m_y->remove(label);
    setYScale(m_top / 1.1);
}

void TimeChart::setYScale(double max) {
    auto [step, top] = niceScale(max * 1.1);
    // A stable scale: it grows at once, and shrinks only when the data fell well below it.
    if (m_top > 0 && top <= m_top && top > m_top / 3) {
        top = m_top;
        step = niceScale(top / 1.1).first;
        if (top / step > 6)
            step = top / 4;
    }
    if (m_wholeNumbers && step != std::floor(step)) {
        // Counts: no "0.5 changes" (a step of 2.5 becomes 2).
        step = std::max(1.0, std::floor(step));
        top = std::ceil(top / step - 1e-9) * step;
    }
    if (top == m_top && !m_y->categoriesLabels().isEmpty())
        return;
    m_top = top;
    for (const QString& label : m_y->categoriesLabels())
        m_y->remove(label);
    const QLocale l;
    int decimals = 0; // as many as the step needs: 0.25 -> 2, 0.5 -> 1, 5 -> 0
    while (decimals < 4 && std::abs(step * std::pow(10.0, decimals) -
                                    std::round(step * std::pow(10.0, decimals))) > 1e-6)
        ++decimals;
    // QtCharts ends a label right at its tick (the digits touched it, Arabic's most): a
    // no-break space on each side (the one on the right, whichever way the label's text runs)
    // keeps them clear (QtCharts sets labels as HTML, which drops ordinary blanks). yLabels()
    // returns the labels trimmed.
    const QString pad(QChar::Nbsp);
    for (double v = 0; v <= top + step / 2; v += step)
        m_y->append(pad + l.toString(v, 'f', decimals) + pad, v);
    m_y->setRange(0, top);
}

void TimeChart::setTimeRange(qint64 fromMs, qint64 toMs) {
    const qint64 window = std::max<qint64>(1, toMs - fromMs);
    // Time ticks on round values: 10 s, 1 min, 2 min, 10 min … about six per window.
    // Longer spans (a device's history may cover weeks) tick on days, labelled by date.
    constexpr qint64 day = 86400000;
    static const qint64 steps[] = {5000,     10000,  15000,   30000,   60000,    120000,   300000,
                                   600000,   900000, 1800000, 3600000, 7200000,  14400000, 21600000,
                                   43200000, day,    2 * day, 7 * day, 14 * day, 28 * day};
    qint64 step = steps[std::size(steps) - 1];
    for (qint64 s : steps)
        if (window / s <= 6) {
            step = s;
            break;
        }
    const QString format = timeFormat(step < 60000); // the status bar's, with seconds if needed
    const QLocale l;
    for (const QString& label : m_x->categoriesLabels())
        m_x->remove(label);
    const qint64 offset = QDateTime::fromMSecsSinceEpoch(toMs).offsetFromUtc() * 1000LL;
    for (qint64 t = ((fromMs + offset) / step + 1) * step - offset; t <= toMs; t += step) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(t).toLocalTime();
        m_x->append(step >= day ? l.toString(at.date(), QLocale::ShortFormat)
                                : l.toString(at.time(), format),
                    double(t));
    }
    m_x->setRange(double(fromMs), double(toMs));
}

QStringList TimeChart::yLabels() const {
    QStringList labels = m_y->categoriesLabels();
    for (QString& label : labels)
        label = label.trimmed();
    return labels;
}

QStringList TimeChart::xLabels() const {
    return m_x->categoriesLabels();
}

QString TimeChart::tooltipAt(qint64 timeMs, double value) const {
    const QLocale l;
    const int decimals = value == std::floor(value) ? 0 : value < 10 ? 2 : 0; // counts: none
    return tr("%1: %2 %3").arg(localTime(timeMs, true), l.toString(value, 'f', decimals), m_unit);
}

} // namespace bridgecore::ui
