#pragma once
// The connected mode's login dialog: server URL, email and password. "Log in" runs the login
// on a worker thread (the dialog stays responsive), shows a readable error and stays open on
// bad credentials or an unreachable server (focus back on the password), and accepts once
// the server let the user in. Cancel quits; the local database is a choice of its own.

#include "client/HttpTransport.h"

#include <QDialog>
#include <QThreadPool>

#include <memory>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace bridgecore::ui {

class LoginDialog : public QDialog {
    Q_OBJECT
public:
    /// exec() results: Accepted (logged in), Rejected (quit the console) or UseLocal (the
    /// person chose the embedded database instead; never chosen for them).
    enum Outcome { UseLocal = QDialog::Accepted + 1 };

    explicit LoginDialog(const QString& serverUrl, const QString& email, QWidget* parent = nullptr);
    ~LoginDialog() override;

    QLineEdit* serverEdit() const { return m_server; }
    QLineEdit* emailEdit() const { return m_email; }
    QLineEdit* passwordEdit() const { return m_password; }
    QString serverUrl() const;
    QString email() const;
    /// The last error shown ("" when none).
    QString errorText() const;
    bool isBusy() const { return m_busy; }

    /// The logged-in transport and the login answer, once accepted (taken once).
    std::unique_ptr<client::HttpTransport> takeTransport() { return std::move(m_transport); }
    const client::LoginResult& loginResult() const { return m_result; }

public slots:
    /// Starts the login (what "Log in" does).
    void submit();

signals:
    /// The login failed with `message` (also shown in the dialog).
    void failed(const QString& message);

private:
    void setBusy(bool busy);

    QLineEdit* m_server = nullptr;
    QLineEdit* m_email = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_error = nullptr;
    QProgressBar* m_progress = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    bool m_busy = false;
    std::unique_ptr<client::HttpTransport> m_transport;
    client::LoginResult m_result;
    QThreadPool m_pool;
};

} // namespace bridgecore::ui
