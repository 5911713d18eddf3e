#include "server/ServerConfig.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bridgecore::server;
using bridgecore::protocol::json;

class ServerConfigTest : public QObject {
    Q_OBJECT
private slots:
    void defaultsAreTheGuides() {
        ServerConfig c;
        QCOMPARE(c.rate_limits["push"].requests, 100);
        QCOMPARE(c.rate_limits["pull"].requests, 200);
        QCOMPARE(c.rate_limits["resolve"].requests, 50);
        QCOMPARE(c.rate_limits["state"].requests, 100);
        QCOMPARE(c.rate_limits["reset"].requests, 10);
        QCOMPARE(c.rate_limits["reset"].window_seconds, 3600);
        QCOMPARE(c.max_body_bytes, 32LL * 1024 * 1024);
        QCOMPARE(c.tokens.access_seconds, 900);
        QCOMPARE(c.tokens.refresh_seconds, 30LL * 24 * 3600);
        QCOMPARE(c.rate_limits["login"].requests, 30);
        QCOMPARE(c.rate_limits["login_address"].requests, 300);
        QCOMPARE(c.header_timeout_seconds, 10);
        QCOMPARE(c.idle_timeout_seconds, 60);
        QCOMPARE(c.max_connections, 10000);
        QCOMPARE(c.max_header_bytes, 65536);
    }
    void connectionKeys() {
        ServerConfig c;
        QVERIFY(c.apply(json::parse(R"({"header_timeout_seconds": 3, "idle_timeout_seconds": 7,
            "max_connections": 50, "max_header_bytes": 8192})"))
                    .ok());
        QCOMPARE(c.header_timeout_seconds, 3);
        QCOMPARE(c.idle_timeout_seconds, 7);
        QCOMPARE(c.max_connections, 50);
        QCOMPARE(c.max_header_bytes, 8192);
        for (const char* bad : {R"({"header_timeout_seconds": 0})", R"({"max_connections": -1})",
                                R"({"max_header_bytes": 100})", R"({"max_header_bytes": 1048576})",
                                R"({"idle_timeout_seconds": "soon"})"}) {
            const auto s = c.apply(json::parse(bad));
            QVERIFY2(!s.ok(), bad);
            const std::string key = json::parse(bad).begin().key();
            QVERIFY2(s.error().message.find(key) != std::string::npos, s.error().message.c_str());
        }
    }
    void appliesAFile() {
        ServerConfig c;
        QVERIFY(c.apply(json::parse(R"({"max_body_bytes": 4096, "access_token_seconds": 60,
            "rate_limits": {"reset": {"requests": 2, "window_seconds": 10}}, "log_requests": false})"))
                    .ok());
        QCOMPARE(c.max_body_bytes, 4096);
        QCOMPARE(c.tokens.access_seconds, 60);
        QCOMPARE(c.rate_limits["reset"].requests, 2);
        QCOMPARE(c.rate_limits["reset"].window_seconds, 10);
        QCOMPARE(c.rate_limits["push"].requests, 100);
        QVERIFY(!c.log_requests);
    }
    void namesTheBadField() {
        ServerConfig c;
        auto s = c.apply(json::parse(R"({"max_body_bytes": "big"})"));
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.find("max_body_bytes") != std::string::npos);
        s = c.apply(json::parse(R"({"rate_limits": {"teleport": {"requests": 1}}})"));
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.find("teleport") != std::string::npos);
        QVERIFY(!c.apply(json::array()).ok());
        QVERIFY(!c.applyFile("/nonexistent/bridgecore.json").ok());
    }
    void refusesAnUnknownKey() {
        // A typo must not silently leave the default in force.
        ServerConfig c;
        auto s = c.apply(json::parse(R"({"listn": "0.0.0.0:9000"})"));
        QVERIFY(!s.ok());
        QCOMPARE(s.error().message,
                 std::string("config: 'listn' is not a setting (did you mean 'listen'?)"));
        QCOMPARE(c.listen, ServerConfig{}.listen);
        s = c.apply(json::parse(R"({"odoo": {"poll_interval": 500}})"));
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.find("'odoo.poll_interval'") != std::string::npos);
        QVERIFY(s.error().message.find("'poll_interval_ms'") != std::string::npos);
        s = c.apply(json::parse(R"({"colour": "blue"})"));
        QCOMPARE(s.error().message, std::string("config: 'colour' is not a setting"));
        // Keys starting with # are comments, at any level.
        QVERIFY(c.apply(json::parse(R"({"#": "x", "#listen": "y", "odoo": {"#": "z"}})")).ok());
    }
    void pathsInAFileAreRelativeToIt() {
        QTemporaryDir dir;
        const std::string folder = dir.path().toStdString();
        QFile f(dir.filePath(QStringLiteral("server.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            R"({"db": "data/sync.db", "jwt_secret_file": "../secret", "listen": "[::1]:9000"})");
        f.close();
        ServerConfig c;
        QVERIFY(c.applyFile(folder + "/server.json").ok());
        QCOMPARE(c.db, folder + "/data/sync.db");
        QCOMPARE(c.jwt_secret_file,
                 QDir::cleanPath(dir.path() + QStringLiteral("/../secret")).toStdString());
        QCOMPARE(c.listen, std::string("[::1]:9000"));
        // Absolute paths, URIs and ":memory:" are kept as written.
        QVERIFY(c.apply(json{{"db", "postgresql://bc@/sync"}}).ok());
        QCOMPARE(c.db, std::string("postgresql://bc@/sync"));
    }
    void readsTheSecretFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("jwt-secret"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("0123456789abcdef0123456789abcdef-secret \n\n");
        f.close();
        ServerConfig c;
        QVERIFY(c.apply(json{{"jwt_secret_file", path.toStdString()}}).ok());
        QVERIFY(c.jwt_secret.empty());
        QVERIFY(c.loadJwtSecretFile().ok());
        QCOMPARE(c.jwt_secret, std::string("0123456789abcdef0123456789abcdef-secret"));

        ServerConfig missing;
        QVERIFY(missing.apply(json{{"jwt_secret_file", "/nonexistent/jwt-secret"}}).ok());
        const auto s = missing.loadJwtSecretFile();
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.find("/nonexistent/jwt-secret") != std::string::npos);
        QVERIFY(!c.apply(json{{"jwt_secret_file", "x"}, {"jwt_secret", "y"}}).ok());
        QVERIFY(!c.apply(json{{"db", ""}}).ok());
        QVERIFY(!c.apply(json{{"listen", 8000}}).ok());
    }
    // The conffile the Debian package installs holds the defaults it documents.
    void shippedConfigHoldsTheDefaults() {
        const QByteArray source = qgetenv("BRIDGECORE_SOURCE_DIR");
        QVERIFY(!source.isEmpty());
        ServerConfig shipped, defaults;
        const auto s = shipped.applyFile(source.toStdString() + "/packaging/server.json");
        QVERIFY2(s.ok(), s.error().message.c_str());
        QCOMPARE(shipped.db, std::string("/var/lib/bridgecore/sync.db"));
        QCOMPARE(shipped.jwt_secret_file, std::string("/etc/bridgecore/jwt-secret"));
        QVERIFY(shipped.jwt_secret.empty());
        QCOMPARE(shipped.listen, defaults.listen);
        QCOMPARE(shipped.max_body_bytes, defaults.max_body_bytes);
        QCOMPARE(shipped.tokens.access_seconds, defaults.tokens.access_seconds);
        QCOMPARE(shipped.tokens.refresh_seconds, defaults.tokens.refresh_seconds);
        QCOMPARE(shipped.worker_threads, defaults.worker_threads);
        QCOMPARE(shipped.log_requests, defaults.log_requests);
        QCOMPARE(shipped.gzip_min_bytes, defaults.gzip_min_bytes);
        QCOMPARE(shipped.header_timeout_seconds, defaults.header_timeout_seconds);
        QCOMPARE(shipped.idle_timeout_seconds, defaults.idle_timeout_seconds);
        QCOMPARE(shipped.max_connections, defaults.max_connections);
        QCOMPARE(shipped.max_header_bytes, defaults.max_header_bytes);
        for (const auto& [name, limit] : defaults.rate_limits) {
            QCOMPARE(shipped.rate_limits[name].requests, limit.requests);
            QCOMPARE(shipped.rate_limits[name].window_seconds, limit.window_seconds);
        }
    }
};

QTEST_GUILESS_MAIN(ServerConfigTest)
#include "ServerConfigTest.moc"
