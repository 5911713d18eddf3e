#include "Startup.h"

#include "LoginDialog.h"
#include "Text.h"

#include <QCoreApplication>

namespace bridgecore::ui {

StartOutcome startConsole(const StartOptions& options,
                          const std::function<int(LoginDialog&)>& runLogin) {
    StartOutcome out;
    if (options.demo) {
        auto s = ConsoleSession::openDemo(options.dataDir);
        if (!s) {
            out.error = QString::fromStdString(s.error().message);
            return out;
        }
        out.session = std::move(s.value());
        out.message = QCoreApplication::translate(
                          "Startup", "Demo: simulated devices on a database of their own (%1).")
                          .arg(ltr(out.session->dataDir()));
        return out;
    }
    auto settings = ConsoleSettings::load(options.dataDir + QStringLiteral("/console.ini"));
    if (!options.connectUrl.isEmpty()) {
        settings.mode = ConsoleSettings::Mode::Connected;
        settings.serverUrl = options.connectUrl;
    }
    if (settings.mode == ConsoleSettings::Mode::Connected) {
        LoginDialog login(settings.serverUrl, settings.email);
        const int result = runLogin(login);
        if (result == QDialog::Rejected)
            return out; // quit: the person cancelled the login
        if (result == QDialog::Accepted) {
            auto s =
                ConsoleSession::openConnected(options.dataDir, login.serverUrl(), login.email(),
                                              login.takeTransport(), login.loginResult());
            if (!s) {
                out.error = QString::fromStdString(s.error().message);
                return out;
            }
            out.session = std::move(s.value());
            out.message =
                QCoreApplication::translate("Startup", "Connected to %1 as %2")
                    .arg(ltr(out.session->serverUrl()), ltr(out.session->settings().email));
            return out;
        }
        // LoginDialog::UseLocal: the person chose the local database.
        out.message = QCoreApplication::translate(
            "Startup", "Using the local database, as chosen at login. Choose the mode in "
                       "Settings.");
    }
    auto s = ConsoleSession::openEmbedded(options.dataDir);
    if (!s) {
        out.error = QString::fromStdString(s.error().message);
        return out;
    }
    out.session = std::move(s.value());
    return out;
}

} // namespace bridgecore::ui
