#include "WelcomeDialog.h"

#include "Text.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFontInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace bridgecore::ui {

WelcomeDialog::WelcomeDialog(const QString& dataDir, const QString& email, const QString& password,
                             QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("welcomeDialog"));
    setWindowTitle(tr("Welcome"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The console created its database in:"), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* path = new QLineEdit(dataDir, this);
    path->setObjectName(QStringLiteral("welcomeDataDir"));
    path->setReadOnly(true);
    path->setLayoutDirection(Qt::LeftToRight); // a path reads left to right in every language
    path->setAlignment(Qt::AlignLeft);
    // Wide enough for the whole path (up to 720 px; past that it scrolls from its start): in
    // Arabic a path as wide as the box lost its first "/".
    path->setMinimumWidth(std::min(path->fontMetrics().horizontalAdvance(dataDir) + 24, 720));
    path->setCursorPosition(0);
    layout->addWidget(path);

    auto* account = new QGroupBox(tr("Administrator for devices that sync to it"), this);
    auto* form = new QFormLayout(account);
    auto* emailField = new QLineEdit(email, account);
    emailField->setReadOnly(true);
    emailField->setLayoutDirection(Qt::LeftToRight);
    form->addRow(tr("Email:"), emailField);
    m_password = new QLineEdit(password, account);
    m_password->setObjectName(QStringLiteral("welcomePassword"));
    m_password->setReadOnly(true);
    m_password->setLayoutDirection(Qt::LeftToRight);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (!QFontInfo(mono).fixedPitch()) // e.g. no platform theme: any installed fixed font
        for (const QString& family : QFontDatabase::families())
            if (QFontDatabase::isFixedPitch(family)) {
                mono.setFamily(family);
                break;
            }
    m_password->setFont(mono);
    m_password->setMinimumWidth(m_password->fontMetrics().horizontalAdvance(password) + 24);
    auto* copy = new QPushButton(tr("Copy"), account);
    copy->setObjectName(QStringLiteral("welcomeCopy"));
    copy->setAutoDefault(false);
    connect(copy, &QPushButton::clicked, this, &WelcomeDialog::copyPassword);
    auto* row = new QHBoxLayout;
    row->addWidget(m_password, 1);
    row->addWidget(copy);
    form->addRow(tr("Password:"), row);
    auto* once = new QLabel(tr("This password is shown only once and is not written to any log; "
                               "you can reset it under Users and app types."),
                            account);
    once->setWordWrap(true);
    form->addRow(once);
    layout->addWidget(account);

    auto* next = new QGroupBox(tr("What next"), this);
    auto* nextLayout = new QVBoxLayout(next);
    auto addNext = [&](const QString& name, const QString& title, const QString& text, Next n) {
        auto* b = new QPushButton(title, next);
        b->setObjectName(name);
        b->setAutoDefault(false);
        auto* l = new QLabel(text, next);
        l->setWordWrap(true);
        auto* h = new QHBoxLayout;
        h->addWidget(b);
        h->addWidget(l, 1);
        nextLayout->addLayout(h);
        connect(b, &QPushButton::clicked, this, [this, n] { done(n); });
    };
    addNext(QStringLiteral("welcomeDemo"), tr("Try the demo"),
            tr("Simulated devices on a separate database (bridgecore-console --demo); this "
               "one stays clean."),
            Demo);
    addNext(QStringLiteral("welcomeServe"), tr("Serve devices on the network…"),
            tr("Let phones and tablets on your network sync to this computer (Settings)."), Serve);
    addNext(QStringLiteral("welcomeConnect"), tr("Connect to a server…"),
            tr("Use a BridgeCore server instead of this computer's database (Settings)."), Connect);
    layout->addWidget(next);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    layout->addWidget(buttons);
}

void WelcomeDialog::copyPassword() {
    QGuiApplication::clipboard()->setText(m_password->text());
}

} // namespace bridgecore::ui
