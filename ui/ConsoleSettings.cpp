#include "ConsoleSettings.h"

#include <QSettings>

namespace bridgecore::ui {

ConsoleSettings ConsoleSettings::load(const QString& iniPath) {
    QSettings s(iniPath, QSettings::IniFormat);
    ConsoleSettings c;
    c.mode = s.value(QStringLiteral("mode")).toString() == QLatin1String("connected")
                 ? Mode::Connected
                 : Mode::Embedded;
    c.serverUrl = s.value(QStringLiteral("server_url"), c.serverUrl).toString();
    c.email = s.value(QStringLiteral("email"), c.email).toString();
    c.appType = s.value(QStringLiteral("app_type"), c.appType).toString();
    c.syncIntervalSeconds = std::clamp(
        s.value(QStringLiteral("sync_interval_s"), c.syncIntervalSeconds).toInt(), 5, 86400);
    if (auto st = protocol::parseConflictStrategy(
            s.value(QStringLiteral("default_strategy")).toString().toStdString()))
        c.defaultStrategy = *st;
    c.language = s.value(QStringLiteral("language"), c.language).toString();
    c.serveApi = s.value(QStringLiteral("serve_api"), c.serveApi).toBool();
    c.serveAddress = s.value(QStringLiteral("serve_address"), c.serveAddress).toString();
    c.servePort = std::clamp(s.value(QStringLiteral("serve_port"), c.servePort).toInt(), 0, 65535);
    c.database = s.value(QStringLiteral("database"), c.database).toString().trimmed();
    return c;
}

void ConsoleSettings::save(const QString& iniPath) const {
    QSettings s(iniPath, QSettings::IniFormat);
    s.setValue(QStringLiteral("mode"),
               mode == Mode::Connected ? QStringLiteral("connected") : QStringLiteral("embedded"));
    s.setValue(QStringLiteral("server_url"), serverUrl);
    s.setValue(QStringLiteral("email"), email);
    s.setValue(QStringLiteral("app_type"), appType);
    s.setValue(QStringLiteral("sync_interval_s"), syncIntervalSeconds);
    s.setValue(QStringLiteral("default_strategy"),
               QString::fromStdString(std::string(protocol::toString(defaultStrategy))));
    s.setValue(QStringLiteral("language"), language);
    s.setValue(QStringLiteral("serve_api"), serveApi);
    s.setValue(QStringLiteral("serve_address"), serveAddress);
    s.setValue(QStringLiteral("serve_port"), servePort);
    s.setValue(QStringLiteral("database"), database);
    s.sync();
}

} // namespace bridgecore::ui
