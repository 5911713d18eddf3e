#pragma once
// How the console starts: connected (login first), embedded, or the demo on its own
// database. A cancelled login quits; it never falls back to another mode by itself.

#include "ConsoleServices.h"
#include "console/ConsoleSession.h"

#include <functional>
#include <memory>

namespace bridgecore::ui {

class LoginDialog;

struct StartOptions {
    QString dataDir;    ///< resolved data directory
    bool demo = false;  ///< --demo: simulated devices on <dataDir>/demo
    QString connectUrl; ///< --connect URL (else the saved mode decides)
};

struct StartOutcome {
    std::unique_ptr<ConsoleSession> session; ///< null: quit (see error)
    QString error;                           ///< why the console cannot start ("" on quit)
    QString message;                         ///< for the status bar
};

/// Opens the session the options and saved settings ask for; `runLogin` shows the login
/// dialog and returns its exec() result.
StartOutcome startConsole(const StartOptions& options,
                          const std::function<int(LoginDialog&)>& runLogin);

} // namespace bridgecore::ui
