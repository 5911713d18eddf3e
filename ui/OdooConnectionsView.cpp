#include "OdooConnectionsView.h"

#include "Text.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

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
    // The attach command as a shell takes it, one option pair a line, left to right in every
    // language, in a fixed-pitch box as tall and wide as its text (on one line it showed ~60%
    // of itself beside the users table and scrolled), selectable, with Copy beside it.
    m_command = new QWidget(this);
    auto* commandRow = new QHBoxLayout(m_command);
    commandRow->setContentsMargins(0, 0, 0, 0);
    auto* command = new QPlainTextEdit(QStringLiteral("bridgecore-server tenant odoo \\\n"
                                                      "  --db DB --tenant NAME \\\n"
                                                      "  --url URL --database ODOO_DB \\\n"
                                                      "  --login LOGIN"),
                                       m_command);
    command->setObjectName(QStringLiteral("odooAttachCommand"));
    command->setReadOnly(true);
    command->setLineWrapMode(QPlainTextEdit::NoWrap);
    command->setLayoutDirection(Qt::LeftToRight);
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (const QFontMetrics fm(fixed); // some platforms answer with the ordinary font
        fm.horizontalAdvance(QLatin1Char('i')) != fm.horizontalAdvance(QLatin1Char('M'))) {
        fixed.setFamily(QStringLiteral("monospace"));
        fixed.setStyleHint(QFont::TypeWriter);
    }
    command->setFont(fixed);
    command->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    command->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    {
        const QFontMetrics fm(command->font());
        int widest = 0;
        const QStringList lines = command->toPlainText().split(QLatin1Char('\n'));
        for (const QString& line : lines)
            widest = std::max(widest, fm.horizontalAdvance(line));
        const int frame =
            2 * command->frameWidth() + 2 * int(command->document()->documentMargin());
        command->setFixedSize(widest + frame + 4, int(lines.size()) * fm.lineSpacing() + frame + 2);
    }
    commandRow->addWidget(command, 0, Qt::AlignTop);
    auto* copy = new QPushButton(tr("Copy"), m_command);
    copy->setObjectName(QStringLiteral("odooAttachCopy"));
    connect(copy, &QPushButton::clicked, this,
            [command] { QGuiApplication::clipboard()->setText(command->toPlainText()); });
    commandRow->addWidget(copy, 0, Qt::AlignTop);
    commandRow->addStretch();
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
