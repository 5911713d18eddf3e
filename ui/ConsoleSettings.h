#pragma once
// The console's settings, kept in <data dir>/console.ini.

#include "protocol/Protocol.h"

#include <QString>

namespace bridgecore::ui {

struct ConsoleSettings {
    enum class Mode { Embedded, Connected };
    Mode mode = Mode::Embedded;
    QString serverUrl = QStringLiteral("http://127.0.0.1:8000");
    QString email;
    QString appType = QStringLiteral("manager_app");
    int syncIntervalSeconds = 30;
    protocol::ConflictStrategy defaultStrategy = protocol::ConflictStrategy::Manual;
    QString language; // "" = system, "en", "ar", "fr"
    bool serveApi = false;
    QString serveAddress = QStringLiteral("127.0.0.1");
    int servePort = 8000;
    /// Embedded mode's database: "" = bridgecore.db in the data directory, or a PostgreSQL
    /// URI (postgresql://...) for an office whose console is its sync server. Read at start.
    QString database;

    static ConsoleSettings load(const QString& iniPath);
    void save(const QString& iniPath) const;
};

} // namespace bridgecore::ui
