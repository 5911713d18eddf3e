#pragma once
// Device drill-down: one device's queue report, its latest pushes and pulls (with the queue
// each reported), recent pushed changes, open conflicts and what a full pull would bring it. Read
// off the UI thread; what the server does not record is said, not invented.

#include "ConsoleServices.h"
#include "TimeChart.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableWidget;

namespace bridgecore::ui {

class DeviceDrillDown : public QDialog {
    Q_OBJECT
public:
    DeviceDrillDown(ConsoleBackend* backend, const protocol::SyncState& device,
                    QWidget* parent = nullptr);

    QTableWidget* changesTable() const { return m_changes; }
    QTableWidget* conflictsTable() const { return m_conflicts; }
    QTableWidget* previewTable() const { return m_preview; }
    /// The device's latest pushes and pulls, newest first, with the queue they reported.
    QTableWidget* historyTable() const { return m_history; }
    /// The same pushes over time: changes, conflicts and the queue each push reported.
    TimeChart* historyChart() const { return m_historyChart; }
    /// The chart's points: one row per push, oldest first (HistoryColumn).
    QStandardItemModel* historySeries() const { return m_historySeries; }
    enum class HistoryColumn { Time, Changes, Conflicts, Pending, Count };
    QString text(const QString& key) const;

signals:
    /// Every part has been read (or has said why not).
    void loaded();
    /// The person asked to see this device's conflicts in the Conflicts view.
    void showConflicts(const QString& deviceId);

private:
    struct Data;
    void present(const Data& data);
    void presentHistory(const Result<std::vector<storage::DeviceHistoryRow>>& history);
    void presentHistoryChart(const std::vector<storage::DeviceHistoryRow>& rows);

    ConsoleBackend* m_backend;
    std::string m_device;
    std::map<QString, QLabel*> m_labels;
    QTableWidget* m_changes = nullptr;
    QTableWidget* m_conflicts = nullptr;
    QTableWidget* m_preview = nullptr;
    QTableWidget* m_history = nullptr;
    QStandardItemModel* m_historySeries = nullptr;
    TimeChart* m_historyChart = nullptr;
    QPushButton* m_toConflicts = nullptr;
};

} // namespace bridgecore::ui
