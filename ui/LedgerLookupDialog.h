#pragma once
// Idempotency lookup: given a device and one of its local change ids, whether and when the
// server applied it and as which record, from the exactly-once ledger ("did my order go
// through?" without a database shell). A backend without the ledger says so in the dialog.

#include "ConsoleServices.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace bridgecore::ui {

class LedgerLookupDialog : public QDialog {
    Q_OBJECT
public:
    LedgerLookupDialog(ConsoleBackend* backend, const QString& deviceId, QWidget* parent = nullptr);

    /// Looks up the device and local id typed in; the answer lands in resultText().
    void lookUp();
    QString resultText() const;
    /// The answer of a lookup as a person reads it (tests and the dialog).
    static QString describe(const Result<engine::LedgerLookup>& r, const QString& deviceId,
                            const QString& localId);

signals:
    void answered();

private:
    void setAnswer(const QString& text);

    ConsoleBackend* m_backend;
    QLineEdit* m_device;
    QLineEdit* m_localId;
    QPushButton* m_lookUp;
    QLabel* m_result;
};

} // namespace bridgecore::ui
