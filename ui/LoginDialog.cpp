#include "LoginDialog.h"

#include "ConsoleServices.h"
#include "console/ConsoleSession.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace bridgecore::ui {

namespace {
struct LoginOutcome {
    std::unique_ptr<client::HttpTransport> transport;
    client::LoginResult result;
    QString error;
};
} // namespace

LoginDialog::LoginDialog(const QString& serverUrl, const QString& email, QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(tr("Connect to a BridgeCore server"));
    m_pool.setMaxThreadCount(1);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        tr("The console works offline and syncs with this server. Support and admin accounts "
           "also see the server's devices, conflicts and events."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    m_server = new QLineEdit(serverUrl, this);
    m_server->setObjectName(QStringLiteral("loginServer"));
    m_server->setPlaceholderText(QStringLiteral("https://sync.example.com"));
    form->addRow(tr("Server URL:"), m_server);
    m_email = new QLineEdit(email, this);
    m_email->setObjectName(QStringLiteral("loginEmail"));
    form->addRow(tr("Email:"), m_email);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("loginPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Password:"), m_password);
    layout->addLayout(form);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("loginError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long error grows the dialog downwards; it never narrows the inputs.
    m_error->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::MinimumExpanding);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setVisible(false);
    layout->addWidget(m_error);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Log in"));
    ok->setDefault(true);
    // Enter always means "Log in": Cancel never becomes the default button, even with focus.
    m_buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Quit"));
    auto* local = m_buttons->addButton(tr("Use the local database"), QDialogButtonBox::ActionRole);
    local->setObjectName(QStringLiteral("loginUseLocal"));
    local->setAutoDefault(false);
    local->setToolTip(tr("Run the console on its own database on this computer instead"));
    connect(local, &QPushButton::clicked, this, [this] { done(UseLocal); });
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(460);
    if (!email.isEmpty())
        m_password->setFocus();
}

LoginDialog::~LoginDialog() {
    m_pool.waitForDone();
}

QString LoginDialog::serverUrl() const {
    return m_server->text().trimmed();
}

QString LoginDialog::email() const {
    return m_email->text().trimmed();
}

QString LoginDialog::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void LoginDialog::setBusy(bool busy) {
    m_busy = busy;
    m_progress->setVisible(busy);
    // Read-only rather than disabled: a disabled field would hand the focus to Cancel, and
    // the next Enter would cancel the login.
    m_server->setReadOnly(busy);
    m_email->setReadOnly(busy);
    m_password->setReadOnly(busy);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
}

void LoginDialog::submit() {
    if (m_busy)
        return;
    m_error->setVisible(false);
    setBusy(true);
    runAsync(
        &m_pool, this,
        [url = serverUrl(), email = email(), password = m_password->text()] {
            LoginOutcome out;
            auto t = ConsoleSession::login(url, email, password, &out.result);
            if (t)
                out.transport = std::move(t.value());
            else
                out.error = QString::fromStdString(t.error().message);
            return out;
        },
        [this](LoginOutcome out) {
            setBusy(false);
            if (!out.transport) {
                m_error->setText(tr("Login failed: %1").arg(out.error));
                m_error->setVisible(true);
                m_password->setFocus(Qt::OtherFocusReason);
                m_password->selectAll();
                emit failed(out.error);
                return;
            }
            // A fresh transport with the tokens: the login's network manager belongs to the
            // worker thread.
            m_transport.reset(new client::HttpTransport(QUrl(serverUrl())));
            m_transport->setAccessToken(out.result.access_token);
            m_transport->setRefreshToken(out.result.refresh_token);
            m_result = std::move(out.result);
            accept();
        });
}

} // namespace bridgecore::ui
