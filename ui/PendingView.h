#pragma once
// Pending changes: this console's own outbox (retry, discard with confirmation) and the
// devices whose queue reports failed or waiting pushes.

#include "ConsoleServices.h"
#include "DeviceFilterProxy.h"
#include "DeviceTableModel.h"
#include "OutboxModel.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace bridgecore::ui {

class PendingView : public QWidget {
    Q_OBJECT
public:
    PendingView(ConsoleBackend* backend, client::ClientCache* cache, QThreadPool* clientPool,
                QWidget* parent = nullptr);

    OutboxModel* outbox() { return &m_outbox; }
    DeviceTableModel* devices() { return &m_devices; }
    DeviceFilterProxy* deviceProxy() { return &m_deviceProxy; }
    QTableView* outboxTable() { return m_outboxTable; }
    void selectOutboxRow(int row);
    /// Puts the selected failed/conflict entry back to pending.
    void retrySelected();
    /// Discards the selected entry after confirmation; false when nothing was done.
    bool discardSelected();
    void reload();
    /// Opens the details of an outbox row (what double-clicking it does).
    void showChange(int row);

signals:
    void syncRequested();
    void message(const QString& text);
    /// A change was queued in the outbox (the text says it will be sent with the next sync).
    void queued(const QString& text);

private:
    void updateButtons();

    ConsoleBackend* m_backend;
    bool m_showDevices = true;
    client::ClientCache* m_cache;
    QThreadPool* m_pool;
    OutboxModel m_outbox;
    DeviceTableModel m_devices;
    DeviceFilterProxy m_deviceProxy;
    QTableView* m_outboxTable = nullptr;
    QTableView* m_deviceTable = nullptr;
    QComboBox* m_filter = nullptr;
    QLabel* m_counts = nullptr;
    QLabel* m_empty = nullptr;
    QPushButton* m_retry = nullptr;
    QPushButton* m_discard = nullptr;
};

} // namespace bridgecore::ui
