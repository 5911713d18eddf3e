#pragma once
// Device drill-down: one device's queue report, pushes and pulls, recent pushed changes, open
// conflicts and what a full pull would bring it. Read off the UI thread; what the server does
// not record is said, not invented.

#include "ConsoleServices.h"

#include <QDialog>

class QLabel;
class QPushButton;
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
    QString text(const QString& key) const;

signals:
    /// Every part has been read (or has said why not).
    void loaded();
    /// The person asked to see this device's conflicts in the Conflicts view.
    void showConflicts(const QString& deviceId);

private:
    struct Data;
    void present(const Data& data);

    ConsoleBackend* m_backend;
    std::string m_device;
    std::map<QString, QLabel*> m_labels;
    QTableWidget* m_changes = nullptr;
    QTableWidget* m_conflicts = nullptr;
    QTableWidget* m_preview = nullptr;
    QPushButton* m_toConflicts = nullptr;
};

} // namespace bridgecore::ui
