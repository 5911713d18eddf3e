#pragma once
// "Odoo" (issue 10 item 7): the tenant's Odoo connection — URL, database, login, API, last
// contact, feed lag, last error, write latency — with "Test connection"; and OdooKpis, the
// dashboard's Odoo figures, shown only when the tenant is attached. Both load through the
// ConsoleBackend off the UI thread.

#include "ConsoleServices.h"

#include <QFrame>
#include <QGroupBox>

#include <vector>

class QLabel;
class QPushButton;
class QTimer;
class QVBoxLayout;

namespace bridgecore::ui {

class OdooConnectionsView : public QGroupBox {
    Q_OBJECT
public:
    explicit OdooConnectionsView(ConsoleBackend* backend, QWidget* parent = nullptr);

    /// Loads the connections now (also every few seconds while shown).
    void reload();
    /// Runs "Test connection" of the tenant shown in row `index`.
    void testConnection(int index = 0);

    const std::vector<protocol::OdooConnection>& connections() const { return m_connections; }

signals:
    void loaded();
    void tested(bool ok, const QString& text);

private:
    void showConnections(const std::vector<protocol::OdooConnection>& connections);
    QWidget* connectionWidget(const protocol::OdooConnection& c, int index);

    ConsoleBackend* m_backend;
    QLabel* m_empty = nullptr;
    QWidget* m_command = nullptr; // the attach command and its Copy button
    QWidget* m_list = nullptr;
    QVBoxLayout* m_listLayout = nullptr;
    QTimer* m_timer = nullptr;
    std::vector<protocol::OdooConnection> m_connections;
    std::vector<QString> m_results; // last test result per row, kept across reloads
    bool m_loading = false;
};

/// The dashboard's "Odoo write latency" and "Odoo feed lag"; hidden unless attached.
class OdooKpis : public QFrame {
    Q_OBJECT
public:
    explicit OdooKpis(ConsoleBackend* backend, QWidget* parent = nullptr);
    void reload();

signals:
    void loaded();

private:
    ConsoleBackend* m_backend;
    QLabel* m_latency = nullptr;
    QLabel* m_lag = nullptr;
    bool m_loading = false;
};

} // namespace bridgecore::ui
