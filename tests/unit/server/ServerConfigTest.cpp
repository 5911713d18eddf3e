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
