#pragma once
// First start: where the database is, the administrator's one-time password (monospace,
// selectable, with a Copy button; never written to any log) and what to do next.

#include <QDialog>

class QLineEdit;

namespace bridgecore::ui {

class WelcomeDialog : public QDialog {
    Q_OBJECT
public:
    enum Next { Demo = QDialog::Accepted + 1, Serve, Connect };

    WelcomeDialog(const QString& dataDir, const QString& email, const QString& password,
                  QWidget* parent = nullptr);

    QLineEdit* passwordField() const { return m_password; }
    /// Copies the password to the clipboard (what the Copy button does).
    void copyPassword();

private:
    QLineEdit* m_password = nullptr;
};

} // namespace bridgecore::ui
