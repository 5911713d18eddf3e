#include "server/RateLimiter.h"

#include <QTest>

using namespace bridgecore::server;

class RateLimiterTest : public QObject {
    Q_OBJECT
private slots:
    void countsPerKeyWithinTheWindow() {
        RateLimiter l;
        const std::int64_t t0 = 1'000'000;
        for (int i = 1; i <= 10; ++i) {
            const auto d = l.hit("reset|1:1", 10, 3600, t0 + i);
            QVERIFY(d.allowed);
            QCOMPARE(d.remaining, 10 - i);
            QCOMPARE(d.limit, 10);
        }
        const auto over = l.hit("reset|1:1", 10, 3600, t0 + 1000);
        QVERIFY(!over.allowed);
        QCOMPARE(over.remaining, 0);
        QCOMPARE(over.retry_after, 3600); // 3599.001 s left, rounded up
        QCOMPARE(over.reset_at, (t0 + 1 + 3'600'000 + 999) / 1000);
        QVERIFY(l.hit("reset|1:2", 10, 3600, t0 + 1000).allowed); // another user
        QVERIFY(l.hit("push|1:1", 10, 3600, t0 + 1000).allowed);  // another endpoint
    }
    void newWindowAfterExpiry() {
        RateLimiter l;
        QVERIFY(l.hit("k", 1, 60, 0).allowed);
        QVERIFY(!l.hit("k", 1, 60, 59'999).allowed);
        QVERIFY(l.hit("k", 1, 60, 60'000).allowed);
    }
};

QTEST_GUILESS_MAIN(RateLimiterTest)
#include "RateLimiterTest.moc"
