// bridgecore-console: the desktop sync admin console. Embedded mode by default (its own
// database in the user's data directory); --demo runs simulated devices on a database of
// their own (<data dir>/demo). Connected mode (Settings, or --connect URL) asks for the
// server's email and password and runs the console as an offline client of that server;
// cancelling that login quits.

#include "LoginDialog.h"
#include "MainWindow.h"
#include "Startup.h"
#include "Translations.h"
#include "WelcomeDialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QProcess>

#include <cstdio>
#include <cstring>

using namespace bridgecore;

namespace {

struct Options {
    QCommandLineOption demo{
        QStringLiteral("demo"),
        QCoreApplication::translate("main", "Run simulated devices on a separate demo database.")};
    QCommandLineOption dataDir{QStringLiteral("data-dir"),
                               QCoreApplication::translate(
                                   "main", "Keep the database in <dir> (or $BRIDGECORE_DATA_DIR)."),
                               QStringLiteral("dir")};
    QCommandLineOption language{QStringLiteral("language"),
                                QCoreApplication::translate("main", "Use <lang>: en, ar or fr."),
                                QStringLiteral("lang")};
    QCommandLineOption connect{
        QStringLiteral("connect"),
        QCoreApplication::translate("main", "Connect to the server at <url> (connected mode)."),
        QStringLiteral("url")};

    void addTo(QCommandLineParser& parser) {
        parser.setApplicationDescription(
            QCoreApplication::translate("main", "Desktop console of BridgeCore Sync."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOption(connect);
        parser.addOption(demo);
        parser.addOption(dataDir);
        parser.addOption(language);
    }
};

void setNames() {
    QCoreApplication::setOrganizationName(QStringLiteral("BridgeCore"));
    QCoreApplication::setApplicationName(QStringLiteral("bridgecore-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BRIDGECORE_VERSION));
}

/// --help and --version answer without a display.
bool asksForHelp(int argc, char** argv) {
    for (int i = 1; i < argc; ++i)
        for (const char* o : {"-h", "--help", "--help-all", "-?", "-v", "--version"})
            if (std::strcmp(argv[i], o) == 0)
                return true;
    return false;
}

} // namespace

int main(int argc, char** argv) {
    if (asksForHelp(argc, argv)) {
        QCoreApplication core(argc, argv);
        setNames();
        QCommandLineParser parser;
        Options options;
        options.addTo(parser);
        parser.process(core); // prints and exits
        return 0;
    }
    QApplication app(argc, argv);
    setNames();
    QApplication::setApplicationDisplayName(QStringLiteral("BridgeCore Sync Console"));

    QCommandLineParser parser;
    Options options;
    options.addTo(parser);
    parser.process(app);

    ui::StartOptions start;
    start.dataDir = console::ConsoleSession::resolveDataDir(parser.value(options.dataDir));
    start.demo = parser.isSet(options.demo);
    start.connectUrl = parser.value(options.connect);
    const auto settings =
        console::ConsoleSettings::load(start.dataDir + QStringLiteral("/console.ini"));
    ui::Translations::apply(parser.isSet(options.language) ? parser.value(options.language)
                                                           : settings.language);

    auto outcome = ui::startConsole(start, [](ui::LoginDialog& d) { return d.exec(); });
    if (!outcome.session) {
        if (outcome.error.isEmpty())
            return 0; // the login was cancelled: quit
        std::fprintf(stderr, "bridgecore-console: %s\n", qPrintable(outcome.error));
        QMessageBox::critical(
            nullptr, QApplication::translate("main", "BridgeCore Sync Console"),
            QApplication::translate("main", "The console cannot start: %1").arg(outcome.error));
        return 1;
    }
    auto& s = *outcome.session;
    ui::MainWindow window(&s);
    window.show();
    if (!outcome.message.isEmpty())
        window.showMessage(outcome.message);
    if (s.isFirstStart() && !s.initialAdminPassword().isEmpty()) {
        ui::WelcomeDialog welcome(s.dataDir(),
                                  QString::fromLatin1(console::ConsoleSession::kAdminEmail),
                                  s.initialAdminPassword(), &window);
        const int next = welcome.exec();
        if (next == ui::WelcomeDialog::Demo)
            QProcess::startDetached(
                QApplication::applicationFilePath(),
                {QStringLiteral("--demo"), QStringLiteral("--data-dir"), s.dataDir()});
        else if (next == ui::WelcomeDialog::Serve || next == ui::WelcomeDialog::Connect)
            window.showPage(ui::MainWindow::Page::Settings);
    }
    return app.exec();
}
