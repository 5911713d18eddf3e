#include "LedgerLookupDialog.h"

#include "Text.h"

#include <algorithm>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace bridgecore::ui {

LedgerLookupDialog::LedgerLookupDialog(ConsoleBackend* backend, const QString& deviceId,
                                       QWidget* parent)
    : QDialog(parent)
    , m_backend(backend) {
    setObjectName(QStringLiteral("ledgerLookupDialog"));
    setWindowTitle(tr("Look up a change"));
    auto* layout = new QVBoxLayout(this);
    layout->setSizeConstraint(QLayout::SetMinimumSize); // grows with a long answer
    auto* intro = new QLabel(tr("Did a device's change reach the server? Give the device and "
                                "the change's local id (shown on the device)."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    m_device = new QLineEdit(deviceId, this);
    m_device->setObjectName(QStringLiteral("lookupDevice"));
    m_localId = new QLineEdit(this);
    m_localId->setObjectName(QStringLiteral("lookupLocalId"));
    m_localId->setPlaceholderText(tr("e.g. 3f2a…-local-17"));
    form->addRow(tr("Device:"), m_device);
    form->addRow(tr("Local id:"), m_localId);
    layout->addLayout(form);
    m_lookUp = new QPushButton(tr("Look up"), this);
    m_lookUp->setObjectName(QStringLiteral("lookupButton"));
    m_lookUp->setDefault(true);
    layout->addWidget(m_lookUp, 0, Qt::AlignLeading);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("lookupResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setMinimumWidth(460);
    layout->addWidget(m_result, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    m_result->setText(tr("The answer appears here."));
    connect(m_lookUp, &QPushButton::clicked, this, &LedgerLookupDialog::lookUp);
    connect(m_localId, &QLineEdit::returnPressed, this, &LedgerLookupDialog::lookUp);
    (deviceId.isEmpty() ? m_device : m_localId)->setFocus();
}

void LedgerLookupDialog::setAnswer(const QString& text) {
    m_result->setText(text);
    // A wrapped label does not ask its dialog for room: make the answer's height its minimum.
    m_result->setMinimumHeight(m_result->heightForWidth(std::max(m_result->width(), 460)));
    adjustSize();
}

QString LedgerLookupDialog::resultText() const {
    return m_result->text();
}

void LedgerLookupDialog::lookUp() {
    const QString device = m_device->text().trimmed();
    const QString localId = m_localId->text().trimmed();
    if (device.isEmpty() || localId.isEmpty()) {
        setAnswer(tr("Give both the device and the local id."));
        emit answered();
        return;
    }
    m_lookUp->setEnabled(false);
    runAsync(
        m_backend->pool(), this,
        [backend = m_backend, d = device.toStdString(), l = localId.toStdString()] {
            return backend->ledgerLookup(d, l);
        },
        [this, device, localId](Result<engine::LedgerLookup> r) {
            m_lookUp->setEnabled(true);
            setAnswer(describe(r, device, localId));
            emit answered();
        });
}

QString LedgerLookupDialog::describe(const Result<engine::LedgerLookup>& r, const QString& deviceId,
                                     const QString& localId) {
    if (!r)
        return tr("The lookup failed: %1").arg(QString::fromStdString(r.error().message));
    const engine::LedgerLookup& l = r.value();
    if (!l.found)
        return tr("No: change %1 of %2 never reached the server as applied. It is still "
                  "queued on the device, or the server refused it (refused changes are not "
                  "remembered; the device shows them as failed).")
            .arg(localId, deviceId);
    const QLocale locale;
    const QString model = QString::fromStdString(l.model);
    const QString id = l.server_id ? locale.toString(qlonglong(*l.server_id)) : tr("(none)");
    QString text;
    if (l.status == "conflict") {
        text = tr("It arrived but was held as a conflict on %1 %2").arg(model, id);
        if (l.conflict_id)
            text +=
                QLatin1Char(' ') +
                tr("(conflict %1: see Conflicts).").arg(locale.toString(qlonglong(*l.conflict_id)));
        else
            text += QLatin1Char('.');
    } else {
        text = (l.created ? tr("Yes: applied, it created %1 %2") : tr("Yes: applied to %1 %2"))
                   .arg(model, id);
        if (l.version)
            text +=
                QLatin1Char(' ') + tr("(version %1).").arg(locale.toString(qlonglong(*l.version)));
        else
            text += QLatin1Char('.');
    }
    if (l.applied_at)
        text += QLatin1Char('\n') + tr("Applied at %1 (event %2).")
                                        .arg(localDateTime(l.applied_at),
                                             locale.toString(qlonglong(l.event_id.value_or(0))));
    text += QLatin1Char('\n') +
            tr("If the device sends it again, the server answers from this entry and does not "
               "apply it twice.");
    return text;
}

} // namespace bridgecore::ui
