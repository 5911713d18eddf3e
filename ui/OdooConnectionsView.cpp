#include "OdooConnectionsView.h"

#include "Text.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace bridgecore::ui {

namespace {
constexpr int kRefreshMs = 5000;

QLabel* valueLabel(const QString& name, const QString& text, QWidget* parent) {
    auto* l = new QLabel(text, parent);
    l->setObjectName(QStringLiteral("odoo_") + name);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setWordWrap(true);
    return l;
}

QString milliseconds(double ms) {
    return QCoreApplication::translate("bridgecore::ui::OdooConnectionsView", "%1 ms")
        .arg(QLocale().toString(ms, 'f', ms < 10 ? 1 : 0));
}
} // namespace

OdooConnectionsView::OdooConnectionsView(ConsoleBackend* backend, QWidget* parent)
    : QGroupBox(tr("Odoo"), parent)
    , m_backend(backend) {
    setObjectName(QStringLiteral("odooConnectionsView"));
    auto* layout = new QVBoxLayout(this);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("odooEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_empty->setText(tr("Loading…"));
    layout->addWidget(m_empty);
    // The attach command on one line, left to right in every language, in a fixed-pitch font,
    // selectable and copied whole (in the label it wrapped between "--url" and "URL"). No
    // minimum width: beside the users table (Users and app types) a narrow box scrolls it
    // rather than squeeze the users' emails.
    m_command = new QLineEdit(QStringLiteral("bridgecore-server tenant odoo --db DB --tenant NAME "
                                             "--url URL --database ODOO_DB --login LOGIN"),
                              this);
    m_command->setObjectName(QStringLiteral("odooAttachCommand"));
    m_command->setReadOnly(true);
    m_command->setLayoutDirection(Qt::LeftToRight);
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_command->setCursorPosition(0);
    m_command->setVisible(false);
    layout->addWidget(m_command);
    m_list = new QWidget(this);
    m_listLayout = new QVBoxLayout(m_list);
    m_listLayout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    layout->addStretch();
    m_timer = new QTimer(this);
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            reload();
    });
    m_timer->start();
    reload();
}

void OdooConnectionsView::reload() {
    if (m_loading)
        return;
    m_loading = true;
    runAsync(
        m_backend->pool(), this, [backend = m_backend] { return backend->odooConnections(); },
        [this](Result<std::vector<protocol::OdooConnection>> r) {
            m_loading = false;
            if (!r) {
                m_connections.clear();
                showConnections({});
                m_empty->setText(r.error().code == ErrorCode::Forbidden
                                     ? tr("Only an admin sees the Odoo connection.")
                                     : tr("The Odoo connection could not be read: %1")
                                           .arg(QString::fromStdString(r.error().message)));
            } else {
                m_connections = std::move(r.value());
                showConnections(m_connections);
            }
            emit loaded();
        });
}

void OdooConnectionsView::showConnections(
    const std::vector<protocol::OdooConnection>& connections) {
    while (QLayoutItem* item = m_listLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_results.resize(connections.size());
    m_empty->setVisible(connections.empty());
    m_empty->setText(
        tr("No tenant is attached to Odoo. Attach one with: %1").arg(QString()).trimmed());
    m_command->setVisible(connections.empty());
    for (std::size_t i = 0; i < connections.size(); ++i) {
        QWidget* w = connectionWidget(connections[i], int(i));
        m_listLayout->addWidget(w);
        w->show(); // added to a shown view: not shown by itself
    }
}

QWidget* OdooConnectionsView::connectionWidget(const protocol::OdooConnection& c, int index) {
    auto* w = new QWidget(m_list);
    w->setObjectName(QStringLiteral("odooConnection"));
    auto* form = new QFormLayout(w);
    const QString none = QStringLiteral("–");
    form->addRow(tr("Tenant:"),
                 valueLabel(QStringLiteral("tenant"), QString::fromStdString(c.tenant), w));
    form->addRow(tr("URL:"),
                 valueLabel(QStringLiteral("url"), ltr(QString::fromStdString(c.url)), w));
    form->addRow(tr("Odoo database:"), valueLabel(QStringLiteral("database"),
                                                  ltr(QString::fromStdString(c.database)), w));
    form->addRow(tr("Login:"),
                 valueLabel(QStringLiteral("login"), ltr(QString::fromStdString(c.login)), w));
    form->addRow(tr("API:"), valueLabel(QStringLiteral("api"),
                                        c.api == "json2" ? tr("JSON-2 (Odoo 19 and later)")
                                                         : tr("JSON-RPC (Odoo 14 to 18)"),
                                        w));
    form->addRow(tr("Odoo version:"),
                 valueLabel(QStringLiteral("version"),
                            tr("%1, user id %2").arg(QString::fromStdString(c.version)).arg(c.uid),
                            w));
    if (!c.feed_running) {
        form->addRow(valueLabel(QStringLiteral("feed"),
                                tr("The Odoo feed is not running in this console: last contact, "
                                   "feed lag and write latency are known to the server "
                                   "(bridgecore-server serve) that runs it."),
                                w));
    } else {
        form->addRow(tr("Last contact:"),
                     valueLabel(QStringLiteral("last_contact"),
                                c.last_contact ? localDateTime(c.last_contact) : tr("not yet"), w));
        form->addRow(tr("Feed lag:"),
                     valueLabel(QStringLiteral("feed_lag"),
                                c.feed_lag_ms ? milliseconds(double(*c.feed_lag_ms)) : none, w));
        form->addRow(tr("Last error:"),
                     valueLabel(QStringLiteral("last_error"),
                                c.last_error ? QString::fromStdString(*c.last_error) : tr("none"),
                                w));
        form->addRow(tr("Odoo write latency:"),
                     valueLabel(QStringLiteral("write_latency"),
                                c.write_latency_ms ? tr("%1 per write batch (%n batches)", nullptr,
                                                        int(c.write_batches))
                                                         .arg(milliseconds(*c.write_latency_ms))
                                                   : tr("no push written to Odoo yet"),
                                w));
    }
    auto* row = new QHBoxLayout;
    auto* test = new QPushButton(tr("Test connection"), w);
    test->setObjectName(QStringLiteral("odooTestButton"));
    auto* result = valueLabel(QStringLiteral("test_result"), m_results[std::size_t(index)], w);
    row->addWidget(test);
    row->addWidget(result, 1);
    form->addRow(row);
    connect(test, &QPushButton::clicked, this, [this, index] { testConnection(index); });
    return w;
}

void OdooConnectionsView::testConnection(int index) {
    if (index < 0 || std::size_t(index) >= m_connections.size())
        return;
    QWidget* w = m_listLayout->itemAt(index) ? m_listLayout->itemAt(index)->widget() : nullptr;
    auto* button = w ? w->findChild<QPushButton*>(QStringLiteral("odooTestButton")) : nullptr;
    auto* result = w ? w->findChild<QLabel*>(QStringLiteral("odoo_test_result")) : nullptr;
    if (button)
        button->setEnabled(false);
    if (result)
        result->setText(tr("Testing…"));
    const std::string tenant = m_connections[std::size_t(index)].tenant;
    runAsync(
        m_backend->pool(), this,
        [backend = m_backend, tenant] { return backend->testOdooConnection(tenant); },
        [this, index, button = QPointer<QPushButton>(button),
         result = QPointer<QLabel>(result)](Result<protocol::OdooCheck> r) {
            const bool ok = r && r.value().ok;
            QString text;
            if (!r)
                text = tr("Test failed: %1").arg(QString::fromStdString(r.error().message));
            else if (!r.value().ok)
                text = tr("Test failed: %1").arg(QString::fromStdString(r.value().error));
            else
                text = tr("Connected: Odoo %1, user id %2")
                           .arg(QString::fromStdString(r.value().version))
                           .arg(r.value().uid);
            if (std::size_t(index) < m_results.size())
                m_results[std::size_t(index)] = text;
            if (button)
                button->setEnabled(true);
            if (result)
                result->setText(text);
            emit tested(ok, text);
        });
}

OdooKpis::OdooKpis(ConsoleBackend* backend, QWidget* parent)
    : QFrame(parent)
    , m_backend(backend) {
    setObjectName(QStringLiteral("odooKpis"));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    auto kpi = [this, row](const QString& name, const QString& title) {
        auto* frame = new QFrame(this);
        frame->setFrameShape(QFrame::StyledPanel);
        auto* v = new QVBoxLayout(frame);
        auto* value = new QLabel(QStringLiteral("–"), frame);
        value->setObjectName(QStringLiteral("kpi_") + name);
        QFont f = value->font();
        f.setPointSizeF(f.pointSizeF() * 1.8);
        f.setBold(true);
        value->setFont(f);
        v->addWidget(new QLabel(title, frame));
        v->addWidget(value);
        row->addWidget(frame);
        return value;
    };
    m_latency = kpi(QStringLiteral("odoo_write_latency"), tr("Odoo write latency"));
    m_lag = kpi(QStringLiteral("odoo_feed_lag"), tr("Odoo feed lag"));
    setVisible(false);
    auto* timer = new QTimer(this);
    timer->setInterval(kRefreshMs);
    connect(timer, &QTimer::timeout, this, &OdooKpis::reload);
    timer->start();
    reload();
}

void OdooKpis::reload() {
    if (m_loading)
        return;
    m_loading = true;
    runAsync(
        m_backend->pool(), this, [backend = m_backend] { return backend->odooConnections(); },
        [this](Result<std::vector<protocol::OdooConnection>> r) {
            m_loading = false;
            // Shown only when the tenant is attached (and the caller may see it).
            const bool attached = r && !r.value().empty();
            setVisible(attached);
            if (attached) {
                const auto& c = r.value().front();
                const QString unknown = c.feed_running ? QStringLiteral("–") : tr("no feed here");
                m_latency->setText(c.write_latency_ms ? milliseconds(*c.write_latency_ms)
                                                      : unknown);
                m_lag->setText(c.feed_lag_ms ? milliseconds(double(*c.feed_lag_ms)) : unknown);
            }
            emit loaded();
        });
}

} // namespace bridgecore::ui
