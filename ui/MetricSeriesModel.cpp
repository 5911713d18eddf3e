#include "MetricSeriesModel.h"

#include <algorithm>
#include <cmath>

namespace bridgecore::ui {

MetricSeriesModel::MetricSeriesModel(QObject* parent)
    : QAbstractTableModel(parent) {}

int MetricSeriesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : shown();
}

int MetricSeriesModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(Column::Count);
}

double MetricSeriesModel::value(int row, Column column) const {
    const auto& s = sampleAt(row);
    switch (column) {
    case Column::Time:
        return double(s.t);
    case Column::PushedPerSec:
        return s.pushed;
    case Column::PulledPerSec:
        return s.pulled;
    case Column::PushP95Ms:
        return s.p95;
    case Column::ConflictsPerMin:
        return s.conflictsPerMin;
    case Column::Count:
        break;
    }
    return 0;
}

QVariant MetricSeriesModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    return value(index.row(), Column(index.column()));
}

QVariant MetricSeriesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::Time:
        return tr("Time");
    case Column::PushedPerSec:
        return tr("Pushed changes/s");
    case Column::PulledPerSec:
        return tr("Pulled events/s");
    case Column::PushP95Ms:
        return tr("p95 push latency (ms)");
    case Column::ConflictsPerMin:
        return tr("Conflicts/min");
    case Column::Count:
        break;
    }
    return {};
}

void MetricSeriesModel::setWindow(int seconds) {
    seconds = std::clamp(seconds, 1, kCapacity);
    if (seconds == m_window)
        return;
    beginResetModel();
    m_window = seconds;
    m_rows = int(std::min<std::size_t>(m_samples.size(), std::size_t(m_window)));
    endResetModel();
}

void MetricSeriesModel::addPush(int changes, int conflicts, double ms) {
    m_changes += changes;
    m_conflicts += conflicts;
    if (m_pushMs.size() < 10000)
        m_pushMs.push_back(ms);
}

void MetricSeriesModel::addPull(int events) {
    m_events += events;
}

void MetricSeriesModel::tick(qint64 nowMs) {
    Sample s;
    s.t = nowMs;
    s.pushed = m_changes;
    s.pulled = m_events;
    s.conflicts = m_conflicts;
    if (!m_pushMs.empty()) {
        const auto k = std::size_t(std::ceil(0.95 * double(m_pushMs.size()))) - 1;
        std::nth_element(m_pushMs.begin(), m_pushMs.begin() + std::ptrdiff_t(k), m_pushMs.end());
        s.p95 = m_pushMs[k];
    }
    // Conflicts per minute: this second plus the 59 before it.
    int sum = m_conflicts;
    for (std::size_t i = 0; i < 59 && i < m_samples.size(); ++i)
        sum += m_samples[m_samples.size() - 1 - i].conflicts;
    s.conflictsPerMin = sum;
    m_changes = m_events = m_conflicts = 0;
    m_pushMs.clear();

    // Ring buffer: the oldest shown sample leaves the table when it is full.
    if (m_rows >= m_window) {
        beginRemoveRows({}, 0, 0);
        --m_rows;
        endRemoveRows();
    }
    beginInsertRows({}, m_rows, m_rows);
    m_samples.push_back(s);
    if (m_samples.size() > std::size_t(kCapacity))
        m_samples.pop_front();
    ++m_rows;
    endInsertRows();
}

double MetricSeriesModel::maxValue(Column column) const {
    double m = 0;
    for (int r = 0; r < shown(); ++r)
        m = std::max(m, value(r, column));
    return m;
}

} // namespace bridgecore::ui
