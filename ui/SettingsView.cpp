#include "SettingsView.h"

#include "Translations.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace bridgecore::ui {

SettingsView::SettingsView(const ConsoleSettings& settings, const QStringList& appTypes,
                           QWidget* parent)
    : QWidget(parent)
    , m_base(settings) {
    setObjectName(QStringLiteral("settingsView"));
    auto* layout = new QVBoxLayout(this);

    auto* general = new QGroupBox(tr("Sync"), this);
    auto* form = new QFormLayout(general);
    m_mode = new QComboBox(general);
    m_mode->addItem(tr("Embedded (this computer is the server)"),
                    int(ConsoleSettings::Mode::Embedded));
    m_mode->addItem(tr("Connected to a server"), int(ConsoleSettings::Mode::Connected));
    form->addRow(tr("Mode:"), m_mode);
    m_server = new QLineEdit(general);
    m_server->setPlaceholderText(QStringLiteral("https://sync.example.com"));
    form->addRow(tr("Server URL:"), m_server);
    m_email = new QLineEdit(general);
    form->addRow(tr("Email:"), m_email);
    m_appType = new QComboBox(general);
    m_appType->setEditable(true);
    m_appType->addItems(appTypes);
    form->addRow(tr("App type:"), m_appType);
    m_interval = new QSpinBox(general);
    m_interval->setRange(5, 86400);
    m_interval->setSuffix(tr(" s"));
    form->addRow(tr("Sync interval:"), m_interval);
    m_strategy = new QComboBox(general);
    m_strategy->addItem(tr("Manual (review in the merge editor)"),
                        int(protocol::ConflictStrategy::Manual));
    m_strategy->addItem(tr("Server wins"), int(protocol::ConflictStrategy::ServerWins));
    m_strategy->addItem(tr("Client wins"), int(protocol::ConflictStrategy::ClientWins));
    m_strategy->addItem(tr("Newest wins"), int(protocol::ConflictStrategy::NewestWins));
    m_strategy->addItem(tr("Merge"), int(protocol::ConflictStrategy::Merge));
    form->addRow(tr("Default conflict strategy:"), m_strategy);
    m_language = new QComboBox(general);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("العربية"), QStringLiteral("ar"));
    m_language->addItem(QStringLiteral("Français"), QStringLiteral("fr"));
    form->addRow(tr("Language:"), m_language);
    layout->addWidget(general);

    auto* serve = new QGroupBox(tr("Devices on the network"), this);
    auto* sf = new QFormLayout(serve);
    m_serve = new QCheckBox(tr("Serve the sync API"), serve);
    m_serve->setObjectName(QStringLiteral("serveCheck"));
    sf->addRow(m_serve);
    m_serveAddress = new QLineEdit(serve);
    m_serveAddress->setToolTip(
        tr("127.0.0.1 serves this computer only; enter a LAN address to let phones connect"));
    sf->addRow(tr("Address:"), m_serveAddress);
    m_servePort = new QSpinBox(serve);
    m_servePort->setRange(0, 65535);
    sf->addRow(tr("Port:"), m_servePort);
    m_serving = new QLabel(serve);
    sf->addRow(tr("Status:"), m_serving);
    m_database = new QLineEdit(serve);
    m_database->setObjectName(QStringLiteral("databaseEdit"));
    m_database->setPlaceholderText(tr("this computer (SQLite)"));
    m_database->setToolTip(tr("Empty: a SQLite file in the data folder. Or a PostgreSQL URI, "
                              "postgresql://user@host/dbname, shared with bridgecore-server "
                              "processes. Used from the next start."));
    sf->addRow(tr("Database:"), m_database);
    layout->addWidget(serve);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    auto* applyButton = new QPushButton(tr("Apply"), this);
    applyButton->setObjectName(QStringLiteral("applySettings"));
    buttons->addWidget(applyButton);
    layout->addLayout(buttons);
    layout->addStretch();

    auto updateEnabled = [this] {
        const bool connected =
            m_mode->currentData().toInt() == int(ConsoleSettings::Mode::Connected);
        m_server->setEnabled(connected);
        m_email->setEnabled(connected);
        m_serve->setEnabled(!connected);
        m_serveAddress->setEnabled(!connected && m_serve->isChecked());
        m_servePort->setEnabled(!connected && m_serve->isChecked());
        m_database->setEnabled(!connected);
    };
    connect(m_mode, &QComboBox::currentIndexChanged, this, updateEnabled);
    connect(m_serve, &QCheckBox::toggled, this, updateEnabled);
    connect(applyButton, &QPushButton::clicked, this, &SettingsView::apply);
    setSettings(settings);
    updateEnabled();
}

void SettingsView::setSettings(const ConsoleSettings& s) {
    m_base = s;
    m_mode->setCurrentIndex(m_mode->findData(int(s.mode)));
    m_server->setText(s.serverUrl);
    m_email->setText(s.email);
    m_appType->setCurrentText(s.appType);
    m_interval->setValue(s.syncIntervalSeconds);
    m_strategy->setCurrentIndex(std::max(0, m_strategy->findData(int(s.defaultStrategy))));
    // The language in use: started with --language fr over a stored "System language" (on a
    // system that is not French), it said "System language" over a French console. Applying
    // then saves what it shows.
    QString stored = s.language;
    if (stored.isEmpty()) {
        stored = QLocale::system().name().section(QLatin1Char('_'), 0, 0);
        if (!Translations::available().contains(stored))
            stored = QStringLiteral("en");
    }
    m_language->setCurrentIndex(std::max(0, m_language->findData(stored == Translations::current()
                                                                     ? s.language
                                                                     : Translations::current())));
    m_serve->setChecked(s.serveApi);
    m_serveAddress->setText(s.serveAddress);
    m_servePort->setValue(s.servePort);
    m_database->setText(s.database);
}

ConsoleSettings SettingsView::settings() const {
    ConsoleSettings s = m_base;
    s.mode = ConsoleSettings::Mode(m_mode->currentData().toInt());
    s.serverUrl = m_server->text().trimmed();
    s.email = m_email->text().trimmed();
    s.appType = m_appType->currentText().trimmed();
    s.syncIntervalSeconds = m_interval->value();
    s.defaultStrategy = protocol::ConflictStrategy(m_strategy->currentData().toInt());
    s.language = m_language->currentData().toString();
    s.serveApi = m_serve->isChecked();
    s.serveAddress = m_serveAddress->text().trimmed();
    s.servePort = m_servePort->value();
    s.database = m_database->text().trimmed();
    return s;
}

void SettingsView::setServingStatus(const QString& text) {
    m_serving->setText(text);
}

void SettingsView::apply() {
    emit applied(settings());
}

} // namespace bridgecore::ui
