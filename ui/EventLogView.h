#pragma once
// Event log: the tenant's events, newest first, filtered by model, action and device.

#include "ConsoleServices.h"
#include "EventLogModel.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace bridgecore::ui {

class EventLogView : public QWidget {
    Q_OBJECT
public:
    explicit EventLogView(ConsoleBackend* backend, QWidget* parent = nullptr);

    EventLogModel* model() { return &m_model; }
    QTableView* table() { return m_table; }
    /// Sets the filters (empty = any) and reloads.
    void setFilter(const QString& model, const QString& action, const QString& device);
    void reload();
    /// Opens the details of the event on `row`: every column whole, then its fields' values.
    void showDetails(int row);

signals:
    void message(const QString& text);

private:
    ConsoleBackend* m_backend;
    EventLogModel m_model;
    QTableView* m_table = nullptr;
    QComboBox* m_modelFilter = nullptr;
    QComboBox* m_action = nullptr;
    QLineEdit* m_device = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_empty = nullptr;
};

} // namespace bridgecore::ui
