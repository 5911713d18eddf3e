// bridgecore-console: the desktop sync admin console. Embedded mode by default (its own
// database in the user's data directory); --demo adds simulated devices.

#include "ConsoleSession.h"
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
    parser.addOption(demo);
    parser.addOption(dataDir);
    parser.addOption(language);
    parser.process(app);

    auto session =
        ui::ConsoleSession::openEmbedded(ui::ConsoleSession::resolveDataDir(parser.value(dataDir)));
    if (!session) {
        const QString message = QString::fromStdString(session.error().message);
        std::fprintf(stderr, "bridgecore-console: %s\n", qPrintable(message));
        QMessageBox::critical(
            nullptr, QApplication::translate("main", "BridgeCore Sync Console"),
            QApplication::translate("main", "The console cannot start: %1").arg(message));
        return 1;
    }
    auto& s = *session.value();
    ui::Translations::apply(parser.isSet(language) ? parser.value(language)
                                                   : s.settings().language);
    if (parser.isSet(demo))
        s.startDemo();
    const bool connectedRequested = s.settings().mode == ui::ConsoleSettings::Mode::Connected;

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
    if (connectedRequested)
        window.showMessage(QApplication::translate(
            "main", "Connected mode is not available in this version; the console runs embedded."));
    return app.exec();
}
