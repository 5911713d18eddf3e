#include "server/ServerConfig.h"

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
};

QTEST_GUILESS_MAIN(ServerConfigTest)
#include "ServerConfigTest.moc"
