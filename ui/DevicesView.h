#pragma once
// Devices: every device's sync state, sortable and filterable, stale and error rows
// highlighted, a details panel with statistics, and reset (admins, with confirmation).

#include "ConsoleServices.h"
#include "DeviceFilterProxy.h"
#include "DeviceTableModel.h"

#include <QWidget>

class QResizeEvent;
class QShowEvent;

class QComboBox;
class QLabel;
class QVBoxLayout;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QSplitter;
class QTableView;
class QTimer;

namespace bridgecore::ui {

/// A table of DeviceTableModel rows as Devices shows them (the most useful columns, the rest
/// from the titles' context menu, remembered under `key`); Pending's device list too.
void setUpDeviceColumns(QTableView* table, const QString& key);

class DevicesView : public QWidget {
    Q_OBJECT
public:
    explicit DevicesView(ConsoleBackend* backend, QWidget* parent = nullptr);

    DeviceTableModel* model() { return &m_model; }
    DeviceFilterProxy* proxy() { return &m_proxy; }
    QTableView* table() { return m_table; }
    /// Selects a row of the proxy and loads its details.
    void selectRow(int proxyRow);
    /// Resets the selected device after confirmation; false when nothing was done.
    bool resetSelected();
    /// Opens the drill-down of the selected device; nullptr when none is selected.
    class DeviceDrillDown* openDrillDown();
    QString detailText(const QString& key) const;
    void reload();

signals:
    void detailsLoaded();
    void deviceReset(const QString& deviceId);
    /// The drill-down asked for this device's conflicts.
    void showConflicts(const QString& deviceId);
    void message(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void fitDetailsWidth();
    /// The table as wide as its columns and emails need, the details pane the surplus up to
    /// what its details need on one line (never narrower than its buttons); nothing once the
    /// person moved the splitter.
    void fitDetailsPane();
    /// What the details' scroll area adds to its contents' width: its frame, the vertical
    /// scroll bar it may show.
    int detailsScrollChrome() const;
    /// What the table needs for every shown column and email whole.
    int tableWidthNeeded() const;
    /// The "device (user email)" detail.
    void showDeviceTitle(const protocol::SyncState& state);
    void showDetails(const protocol::SyncState* state);

    ConsoleBackend* m_backend;
    DeviceTableModel m_model;
    DeviceFilterProxy m_proxy;
    QTableView* m_table = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_show = nullptr;
    QPushButton* m_reset = nullptr;
    QPushButton* m_drill = nullptr;
    QLabel* m_countLabel = nullptr;
    QLabel* m_empty = nullptr;
    QVBoxLayout* m_details = nullptr;
    QScrollArea* m_detailsScroll = nullptr;
    QSplitter* m_split = nullptr;
    QWidget* m_detailsBox = nullptr;
    QTimer* m_fitPane = nullptr;
    bool m_paneChosen = false; // the person dragged the splitter
    QWidget* m_detailsForm = nullptr;
    QLabel* m_detailsHint = nullptr;
    std::map<QString, QLabel*> m_detailLabels;
    QTimer* m_searchTimer = nullptr;
    std::string m_selected;
};

} // namespace bridgecore::ui
