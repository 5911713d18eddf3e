#include "MetricSeriesModel.h"

#include <algorithm>
#include <cmath>

namespace bridgecore::ui {

namespace {

/// The q-quantile (0..1) of `v` (reordered), nearest rank.
double quantile(std::vector<double>& v, double q) {
    const auto k = std::size_t(std::max(1.0, std::ceil(q * double(v.size())))) - 1;
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
    return v[k];
}

} // namespace

MetricSeriesModel::MetricSeriesModel(QObject* parent)
    : QAbstractTableModel(parent) {}

int MetricSeriesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : shown();
}

int MetricSeriesModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(Column::Count);
}

const MetricSeriesModel::Sample& MetricSeriesModel::sampleAt(int row) const {
    if (row < m_histShown)
        return m_history[m_histBegin + std::size_t(row)];
    return m_live[m_live.size() - std::size_t(m_liveShown) + std::size_t(row - m_histShown)];
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
    case Column::PushP50Ms:
        return s.p50;
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
    case Column::PushP50Ms:
        return tr("p50 push latency (ms)");
    case Column::PushP95Ms:
        return tr("p95 push latency (ms)");
    case Column::ConflictsPerMin:
        return tr("Conflicts/min");
    case Column::Count:
        break;
    }
    return {};
}

void MetricSeriesModel::place() {
    const qint64 start = windowStart();
    const auto after = [start](const Sample& s) { return s.t > start; };
    m_histBegin =
        std::size_t(std::find_if(m_history.begin(), m_history.end(), after) - m_history.begin());
    m_histShown = int(m_history.size() - m_histBegin);
    m_liveShown = historyOnly() ? 0 : int(std::count_if(m_live.begin(), m_live.end(), after));
}

void MetricSeriesModel::setWindow(int seconds) {
    seconds = std::clamp(seconds, 1, kMaxWindow);
    if (seconds == m_window)
        return;
    beginResetModel();
    m_window = seconds;
    place();
    endResetModel();
}

std::vector<MetricSeriesModel::Sample>
MetricSeriesModel::fromPoints(const std::vector<engine::MetricPoint>& points, qint64 bucketMs,
                              qint64 nowMs) {
    std::vector<Sample> out;
    const double seconds = double(bucketMs) / 1000.0;
    for (const auto& p : points) {
        if (p.bucket_start + bucketMs > nowMs)
            continue; // not complete: its rate would read low
        Sample s;
        s.t = p.bucket_start + bucketMs;
        s.pushed = double(p.changes_pushed) / seconds;
        s.pulled = double(p.events_pulled) / seconds;
        s.p50 = p.push_ms_p50;
        s.p95 = p.push_ms_p95;
        s.conflictsPerMin = double(p.conflicts) * 60.0 / seconds;
        out.push_back(s);
    }
    std::sort(out.begin(), out.end(), [](const Sample& a, const Sample& b) { return a.t < b.t; });
    return out;
}

void MetricSeriesModel::setHistory(std::vector<Sample> history, qint64 nowMs) {
    beginResetModel();
    // The live samples are finer: history only fills the time before the first of them
    // (all of it when the window shows stored buckets only).
    if (!m_live.empty() && !historyOnly())
        history.erase(std::remove_if(history.begin(), history.end(),
                                     [first = m_live.front().t](const Sample& s) {
                                         return s.t >= first - 500;
                                     }),
                      history.end());
    m_history = std::move(history);
    m_now = std::max(m_now, nowMs);
    place();
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
        s.p50 = quantile(m_pushMs, 0.5);
        s.p95 = quantile(m_pushMs, 0.95);
    }
    // Conflicts per minute: this second plus the 59 before it.
    int sum = m_conflicts;
    for (std::size_t i = 0; i < 59 && i < m_live.size(); ++i)
        sum += m_live[m_live.size() - 1 - i].conflicts;
    s.conflictsPerMin = sum;
    m_changes = m_events = m_conflicts = 0;
    m_pushMs.clear();
    m_now = std::max(m_now, nowMs);

    if (historyOnly()) {
        // The stored buckets are shown; the live buffer keeps filling for shorter windows.
        m_live.push_back(s);
        if (m_live.size() > std::size_t(kCapacity))
            m_live.pop_front();
        return;
    }
    // The buffer is full: its oldest sample leaves (and its row, when shown).
    if (m_live.size() >= std::size_t(kCapacity)) {
        if (m_liveShown == int(m_live.size())) {
            beginRemoveRows({}, m_histShown, m_histShown);
            --m_liveShown;
            m_live.pop_front();
            endRemoveRows();
        } else {
            m_live.pop_front();
        }
    }
    beginInsertRows({}, shown(), shown());
    m_live.push_back(s);
    ++m_liveShown;
    endInsertRows();
    // Rows older than the window leave from the front.
    const qint64 start = windowStart();
    while (shown() > 0 && sampleAt(0).t <= start) {
        beginRemoveRows({}, 0, 0);
        if (m_histShown > 0) {
            ++m_histBegin;
            --m_histShown;
        } else {
            --m_liveShown;
        }
        endRemoveRows();
    }
}

double MetricSeriesModel::maxValue(Column column) const {
    double m = 0;
    for (int r = 0; r < shown(); ++r)
        m = std::max(m, value(r, column));
    return m;
}

} // namespace bridgecore::ui
