// bridgecore-console: the desktop sync admin console. Embedded mode by default (its own
// database in the user's data directory); --demo adds simulated devices. Connected mode
// (Settings, or --connect URL) asks for the server's email and password and runs the console
// as an offline client of that server.

#include "ConsoleSession.h"
#include "LoginDialog.h"
#include "MainWindow.h"
#include "Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <cstdio>

using namespace bridgecore;

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("BridgeCore"));
    QApplication::setApplicationName(QStringLiteral("bridgecore-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("BridgeCore Sync Console"));
    QApplication::setApplicationVersion(QStringLiteral(BRIDGECORE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Desktop console of BridgeCore Sync."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption demo(QStringLiteral("demo"),
                            QApplication::translate("main", "Start simulated devices."));
    QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QApplication::translate("main", "Keep the database in <dir> (or $BRIDGECORE_DATA_DIR)."),
        QStringLiteral("dir"));
    QCommandLineOption language(QStringLiteral("language"),
                                QApplication::translate("main", "Use <lang>: en, ar or fr."),
                                QStringLiteral("lang"));
    QCommandLineOption connect(
        QStringLiteral("connect"),
        QApplication::translate("main", "Connect to the server at <url> (connected mode)."),
        QStringLiteral("url"));
    parser.addOption(connect);
    parser.addOption(demo);
    parser.addOption(dataDir);
    parser.addOption(language);
    parser.process(app);

    const QString dir = ui::ConsoleSession::resolveDataDir(parser.value(dataDir));
    auto settings = ui::ConsoleSettings::load(dir + QStringLiteral("/console.ini"));
    ui::Translations::apply(parser.isSet(language) ? parser.value(language) : settings.language);
    if (parser.isSet(connect)) {
        settings.mode = ui::ConsoleSettings::Mode::Connected;
        settings.serverUrl = parser.value(connect);
    }

    Result<std::unique_ptr<ui::ConsoleSession>> session =
        Error{ErrorCode::Internal, "no session opened"};
    bool connectCancelled = false;
    if (settings.mode == ui::ConsoleSettings::Mode::Connected && !parser.isSet(demo)) {
        // The login runs off the UI thread; the dialog shows its errors and stays open.
        ui::LoginDialog login(settings.serverUrl, settings.email);
        if (login.exec() == QDialog::Accepted) {
            session = ui::ConsoleSession::openConnected(dir, login.serverUrl(), login.email(),
                                                        login.takeTransport(), login.loginResult());
        } else {
            connectCancelled = true;
        }
    }
    QString connectError;
    if (!session && settings.mode == ui::ConsoleSettings::Mode::Connected && !connectCancelled &&
        !parser.isSet(demo))
        connectError = QString::fromStdString(session.error().message);
    if (!session)
        session = ui::ConsoleSession::openEmbedded(dir);
    if (!session) {
        const QString message = QString::fromStdString(session.error().message);
        std::fprintf(stderr, "bridgecore-console: %s\n", qPrintable(message));
        QMessageBox::critical(
            nullptr, QApplication::translate("main", "BridgeCore Sync Console"),
            QApplication::translate("main", "The console cannot start: %1").arg(message));
        return 1;
    }
    auto& s = *session.value();
    if (parser.isSet(demo))
        s.startDemo();

    ui::MainWindow window(&s);
    window.show();
    if (s.isFirstStart() && !s.initialAdminPassword().isEmpty()) {
        std::fprintf(stderr, "bridgecore-console: created %s with password %s\n",
                     ui::ConsoleSession::kAdminEmail, qPrintable(s.initialAdminPassword()));
        QMessageBox::information(
            &window, QApplication::translate("main", "Welcome"),
            QApplication::translate(
                "main",
                "The console created its database in %1 and an administrator for devices "
                "that sync to it:\n\n%2\npassword: %3\n\nThis password is shown only once; you "
                "can reset it under Users and app types.")
                .arg(s.dataDir(), QString::fromLatin1(ui::ConsoleSession::kAdminEmail),
                     s.initialAdminPassword()));
    }
    if (!connectError.isEmpty())
        window.showMessage(QApplication::translate(
                               "main", "Connected mode failed (%1): the console runs embedded.")
                               .arg(connectError));
    else if (connectCancelled)
        window.showMessage(QApplication::translate(
            "main", "Login cancelled: the console runs embedded. Choose the mode in Settings."));
    else if (s.isConnected())
        window.showMessage(QApplication::translate("main", "Connected to %1 as %2")
                               .arg(s.serverUrl(), s.settings().email));
    return app.exec();
}
