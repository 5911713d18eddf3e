// 16 threads push while 4 threads pull continuously, on a SQLite file in WAL mode (readers on
// their own connections beside the group-committing writer). Every change is applied once;
// every puller sees every event once, in strictly increasing id order.

#include "EngineFixture.h"

#include <QTemporaryDir>

#include <atomic>
#include <set>
#include <thread>

using namespace bridgecore;
using namespace bridgecore::test;

namespace {
constexpr int kPushers = 16;
constexpr int kPullers = 4;
constexpr int kPushesEach = 12;
constexpr int kChangesPerPush = 5;
constexpr int kPullLimit = 7; // small pages: many pulls interleave with the commits
} // namespace

class ConcurrentSyncTest : public QObject {
    Q_OBJECT

private slots:
    void sixteenPushersFourPullers() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto opened = storage::openSqliteStore(dir.filePath("race.db").toStdString());
        QVERIFY(opened.ok());
        auto store = opened.value();
        ManualClock clock;
        engine::SyncEngine engine(store, clock);
        const auto tenant = store->createTenant("race").value();
        storage::User u;
        u.tenant_id = tenant;
        u.email = "rep@race.test";
        u.password_hash = "x";
        const engine::Caller caller{tenant, store->createUser(u).value(), protocol::Role::User};

        std::atomic<int> pushFailures{0}, pushersDone{0};
        std::vector<std::string> errors(kPushers + kPullers);
        std::vector<std::thread> threads;
        for (int t = 0; t < kPushers; ++t)
            threads.emplace_back([&, t] {
                const std::string device = "pusher-" + std::to_string(t);
                for (int p = 0; p < kPushesEach; ++p) {
                    json changes = json::array();
                    for (int c = 0; c < kChangesPerPush; ++c) {
                        const std::string id =
                            device + "-" + std::to_string(p) + "-" + std::to_string(c);
                        changes.push_back({{"local_id", id},
                                           {"action", "create"},
                                           {"model", c % 2 ? "sale.order" : "res.partner"},
                                           {"data", {{"name", id}}},
                                           {"local_timestamp", "2025-06-01T10:00:00Z"}});
                    }
                    const auto req =
                        EngineFixture::pushRequest({{"device_id", device}, {"changes", changes}});
                    // Every push is sent twice, as after a lost response: applied once.
                    for (int attempt = 0; attempt < 2; ++attempt) {
                        auto r = engine.push(caller, req);
                        if (!r.ok() || r.value().succeeded != kChangesPerPush) {
                            ++pushFailures;
                            errors[std::size_t(t)] = r.ok() ? "not all applied" : r.error().message;
                        } else if (attempt == 1 && !r.value().results[0].duplicate) {
                            ++pushFailures;
                            errors[std::size_t(t)] = "a retry was applied again";
                        }
                    }
                }
                ++pushersDone;
            });

        const std::int64_t total = std::int64_t(kPushers) * kPushesEach * kChangesPerPush;
        std::vector<std::vector<std::int64_t>> seen(kPullers);
        for (int t = 0; t < kPullers; ++t)
            threads.emplace_back([&, t] {
                std::int64_t last = 0;
                auto& mine = seen[std::size_t(t)];
                // Pull until a pull that began after every pusher finished finds nothing new.
                for (;;) {
                    const bool pushersFinished = pushersDone.load() == kPushers;
                    auto r = engine.pull(caller, EngineFixture::pullRequest(
                                                     {{"device_id", "puller-" + std::to_string(t)},
                                                      {"app_type", "sales_app"},
                                                      {"last_event_id", last},
                                                      {"limit", kPullLimit}}));
                    if (!r.ok()) {
                        errors[std::size_t(kPushers + t)] = r.error().message;
                        return;
                    }
                    for (const auto& e : r.value().events)
                        mine.push_back(e.event_id);
                    last = r.value().last_event_id;
                    if (pushersFinished && r.value().events.empty())
                        return;
                }
            });
        for (auto& th : threads)
            th.join();

        for (const auto& e : errors)
            QVERIFY2(e.empty(), e.c_str());
        QCOMPARE(pushFailures.load(), 0);
        // Every change applied once: one record and one event each.
        QCOMPARE(store->countRecords(tenant, "res.partner").value() +
                     store->countRecords(tenant, "sale.order").value(),
                 total);
        storage::EventFilter all;
        all.all_models = true;
        QCOMPARE(store->countEvents(tenant, all).value(), total);
        QCOMPARE(store->headEventId(tenant).value(), total); // ids are gap-free: 1..total
        for (const auto& ids : seen) {
            QCOMPARE(std::int64_t(ids.size()), total);
            for (std::size_t i = 1; i < ids.size(); ++i)
                QVERIFY2(ids[i] > ids[i - 1], "event ids must strictly increase");
            QCOMPARE(ids.front(), std::int64_t(1));
            QCOMPARE(ids.back(), total);
        }
    }
};

QTEST_GUILESS_MAIN(ConcurrentSyncTest)
#include "ConcurrentSyncTest.moc"
