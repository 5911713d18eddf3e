// SyncScheduler: backoff schedule, worker-thread execution, periodic syncs, recovery after
// failures and the online/offline switch. Intervals are milliseconds so nothing sleeps long.

#include "client/InProcessTransport.h"
#include "client/SyncScheduler.h"
#include "engine/SyncEngine.h"
#include "storage/SyncStore.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace bridgecore;
using namespace bridgecore::client;
using protocol::json;

namespace {

/// Records the thread every call runs on.
class ThreadRecordingTransport : public InProcessTransport {
public:
    using InProcessTransport::InProcessTransport;
    Result<protocol::PushResponse> push(const protocol::PushRequest& r) override {
        lastThread = QThread::currentThread();
        return InProcessTransport::push(r);
    }
    Result<protocol::PullResponse> pull(const protocol::PullRequest& r) override {
        lastThread = QThread::currentThread();
        ++pulls;
        return InProcessTransport::pull(r);
    }
    std::atomic<QThread*> lastThread{nullptr};
    std::atomic<int> pulls{0};
};

struct Fixture {
    std::shared_ptr<storage::SyncStore> store;
    std::unique_ptr<engine::SyncEngine> engine;
    std::unique_ptr<ClientCache> cache;
    std::unique_ptr<ThreadRecordingTransport> transport;
    std::unique_ptr<SyncClient> client;

    Fixture() {
        store = storage::openSqliteStore(":memory:").value();
        engine = std::make_unique<engine::SyncEngine>(store);
        const auto tenant = store->createTenant("acme").value();
        storage::User u;
        u.tenant_id = tenant;
        u.email = "ann@acme.test";
        const auto user = store->createUser(u).value();
        cache = std::move(ClientCache::open(":memory:").value());
        (void)cache->setDeviceId("sched-dev");
        (void)cache->setAppType("sales_app");
        transport = std::make_unique<ThreadRecordingTransport>(
            *engine, engine::Caller{tenant, user, protocol::Role::User});
        client = std::make_unique<SyncClient>(*cache, *transport);
    }
};

} // namespace

class TestSyncScheduler : public QObject {
    Q_OBJECT
private slots:
    void backoffDoublesFromOneSecondToFiveMinutes();
    void syncNowRunsOnWorkerThread();
    void periodicSyncRepeats();
    void failuresBackOffThenRecover();
    void offlineStopsAndOnlineSyncsAtOnce();
};

void TestSyncScheduler::backoffDoublesFromOneSecondToFiveMinutes() {
    const int base = SyncScheduler::kDefaultBackoffBaseMs,
              max = SyncScheduler::kDefaultBackoffMaxMs;
    QCOMPARE(base, 1000);
    QCOMPARE(max, 300000);
    QCOMPARE(SyncScheduler::kDefaultIntervalMs, 30000);
    for (int f = 1; f <= 12; ++f) {
        const double nominal = std::min<double>(max, base * std::pow(2.0, f - 1));
        const int lo = SyncScheduler::backoffDelayMs(f, base, max, 0.0);
        const int hi = SyncScheduler::backoffDelayMs(f, base, max, 0.999);
        QVERIFY2(lo >= int(nominal * 0.8) - 1, qPrintable(QString::number(f)));
        QVERIFY(hi <= max);
        QVERIFY(hi <= int(nominal * 1.2) + 1);
        QVERIFY(hi > lo || nominal >= max); // jitter spreads the retries
    }
    QCOMPARE(SyncScheduler::backoffDelayMs(1, base, max, 0.5), 1000);
    QCOMPARE(SyncScheduler::backoffDelayMs(2, base, max, 0.5), 2000);
    QCOMPARE(SyncScheduler::backoffDelayMs(30, base, max, 0.999), max);
    QVERIFY(SyncScheduler::backoffDelayMs(30, base, max, 0.0) >= max * 0.8);
}

void TestSyncScheduler::syncNowRunsOnWorkerThread() {
    Fixture f;
    QVERIFY(f.cache->createRecord("res.partner", {{"name", "x"}}).ok());
    SyncScheduler s(*f.client);
    QSignalSpy finished(&s, &SyncScheduler::finished);
    QSignalSpy progress(&s, &SyncScheduler::progress);
    s.syncNow();
    QVERIFY(finished.wait(10000));
    QVERIFY(f.transport->lastThread.load() != nullptr);
    QVERIFY(f.transport->lastThread.load() != QThread::currentThread());
    QVERIFY(progress.count() >= 1);
    QCOMPARE(f.cache->outboxCounts().active(), 0);
    const json summary = json::parse(finished.first().first().toString().toStdString());
    QCOMPARE(summary["push"]["succeeded"].get<int>(), 1);
}

void TestSyncScheduler::periodicSyncRepeats() {
    Fixture f;
    SyncScheduler s(*f.client);
    s.setIntervalMs(10);
    QSignalSpy finished(&s, &SyncScheduler::finished);
    s.start();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 3, 10000);
    QCOMPARE(s.nextDelayMs(), 10);
    s.stop();
}

void TestSyncScheduler::failuresBackOffThenRecover() {
    Fixture f;
    QVERIFY(f.cache->createRecord("res.partner", {{"name", "x"}}).ok());
    f.transport->setOffline(true);
    SyncScheduler s(*f.client);
    s.setIntervalMs(50);
    s.setBackoff(5, 40);
    s.setJitterSeed(7);
    QSignalSpy failed(&s, &SyncScheduler::failed);
    QSignalSpy finished(&s, &SyncScheduler::finished);
    s.start();
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 5, 10000);
    QVERIFY(s.consecutiveFailures() >= 5);
    // After five failures the delay has reached the (small) cap: 40 ms scaled by jitter.
    QVERIFY(s.nextDelayMs() <= 40);
    QVERIFY(s.nextDelayMs() >= 32 * 0.8);
    QVERIFY(failed.first().first().toString().startsWith("network:"));
    QCOMPARE(f.cache->outboxCounts().active(), 1); // nothing lost while failing
    f.transport->setOffline(false);
    QVERIFY(finished.wait(10000));
    QCOMPARE(s.consecutiveFailures(), 0);
    QCOMPARE(f.cache->outboxCounts().active(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(s.nextDelayMs(), 50, 5000); // back to the normal interval
    s.stop();
}

void TestSyncScheduler::offlineStopsAndOnlineSyncsAtOnce() {
    Fixture f;
    SyncScheduler s(*f.client, /*useWorkerThread=*/false);
    s.setIntervalMs(5);
    QSignalSpy finished(&s, &SyncScheduler::finished);
    QSignalSpy online(&s, &SyncScheduler::onlineChanged);
    s.setOnline(false);
    QCOMPARE(online.count(), 1);
    s.start();
    QTest::qWait(100);
    QCOMPARE(finished.count(), 0); // offline: nothing runs
    QCOMPARE(f.transport->pulls.load(), 0);
    s.setOnline(true);
    QVERIFY(finished.wait(5000));
    QVERIFY(s.isOnline());
    s.stop();
}

QTEST_GUILESS_MAIN(TestSyncScheduler)
#include "test_sync_scheduler.moc"
