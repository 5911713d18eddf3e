// PostgresStore's concurrency promises, with two stores on one database standing in for two
// server processes (each has its own writer connection): a tenant has one writer at a time
// across stores, ids follow commit order and are gap-free, a savepoint rolled back gives the
// tenant's lock up, the ledger read in a write transaction sees a concurrent writer's entry,
// read snapshots are stable; plus schema checks and password redaction.

#include "TestDatabase.h"

#include "storage/OpenStore.h"
#include "storage/postgres/PgConnection.h"
#include "storage/postgres/PostgresStore.h"

#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>

using namespace bridgecore;
using namespace bridgecore::storage;
using bridgecore::testsupport::TestDatabase;

namespace {

EventRow eventRow(const std::string& model = "res.partner") {
    EventRow e;
    e.model = model;
    e.record_id = 1;
    e.action = protocol::EventAction::Create;
    e.timestamp = 1;
    e.data_text = "{}";
    e.user_id = 1;
    e.version = 1;
    return e;
}

RecordRow recordRow(const std::string& model) {
    RecordRow r;
    r.model = model;
    r.version = 1;
    return r;
}

/// Waits up to `ms` for `f`; true when it finished.
template <typename T> bool finishes(std::future<T>& f, int ms) {
    return f.wait_for(std::chrono::milliseconds(ms)) == std::future_status::ready;
}

} // namespace

class PostgresStoreTest : public QObject {
    Q_OBJECT
    std::unique_ptr<TestDatabase> db;
    std::shared_ptr<SyncStore> a, b; // two "processes"
    std::int64_t tenant = 0;

    std::vector<std::int64_t> eventIds(SyncStore& s) {
        auto r = s.read();
        if (!r.ok())
            return {};
        EventFilter f;
        f.all_models = true;
        f.limit = 1000;
        auto ev = r.value()->events(tenant, f, false);
        std::vector<std::int64_t> out;
        if (ev.ok())
            for (const auto& e : ev.value())
                out.push_back(e.event_id);
        return out;
    }

private slots:
    void init() {
        if (!testsupport::testingPostgres())
            QSKIP("needs the PostgreSQL test cluster (ctest label postgres)");
        db = std::make_unique<TestDatabase>();
        QVERIFY2(db->valid(), qPrintable(db->error()));
        auto opened = openStore(db->locationStd(), /*migrate=*/true);
        QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
        a = opened.value();
        auto second = openStore(db->locationStd(), /*migrate=*/false);
        QVERIFY2(second.ok(), second.ok() ? "" : second.error().message.c_str());
        b = second.value();
        auto t = a->createTenant("acme");
        QVERIFY(t.ok());
        tenant = t.value();
    }
    void cleanup() {
        a.reset();
        b.reset();
        db.reset();
    }

    void oneWriterPerTenantAcrossStoresAndIdsInCommitOrder() {
        auto txA = a->write();
        QVERIFY(txA.ok());
        auto first = txA.value()->appendEvent(tenant, eventRow());
        QVERIFY(first.ok());
        QCOMPARE(first.value(), std::int64_t(1));
        // B's writer must wait for A's commit.
        auto other = std::async(std::launch::async, [&]() -> std::int64_t {
            auto txB = b->write();
            if (!txB.ok())
                return -1;
            auto id = txB.value()->appendEvent(tenant, eventRow());
            if (!id.ok() || !txB.value()->commit().ok())
                return -1;
            return id.value();
        });
        QVERIFY2(!finishes(other, 500), "a second writer of the tenant did not wait");
        auto second = txA.value()->appendEvent(tenant, eventRow("sale.order"));
        QVERIFY(second.ok());
        QCOMPARE(second.value(), std::int64_t(2));
        QVERIFY(txA.value()->commit().ok());
        txA.value().reset();
        QVERIFY(finishes(other, 20000));
        QCOMPARE(other.get(), std::int64_t(3));
        QCOMPARE(eventIds(*a), (std::vector<std::int64_t>{1, 2, 3}));
        QCOMPARE(eventIds(*b), (std::vector<std::int64_t>{1, 2, 3}));
    }

    void otherTenantsWriteInParallel() {
        auto other = a->createTenant("globex");
        QVERIFY(other.ok());
        auto txA = a->write();
        QVERIFY(txA.ok());
        QVERIFY(txA.value()->appendEvent(tenant, eventRow()).ok());
        auto elsewhere = std::async(std::launch::async, [&]() -> std::int64_t {
            auto txB = b->write();
            if (!txB.ok())
                return -1;
            auto id = txB.value()->appendEvent(other.value(), eventRow());
            return id.ok() && txB.value()->commit().ok() ? id.value() : -1;
        });
        QVERIFY2(finishes(elsewhere, 20000), "a writer of another tenant was blocked");
        QCOMPARE(elsewhere.get(), std::int64_t(1)); // each tenant has its own counter
        QVERIFY(txA.value()->commit().ok());
    }

    void rolledBackIdsAreTakenAgain() {
        {
            auto tx = a->write();
            QVERIFY(tx.ok());
            QCOMPARE(tx.value()->appendEvent(tenant, eventRow()).value(), std::int64_t(1));
            QCOMPARE(tx.value()->insertRecord(tenant, recordRow("res.partner")).value(),
                     std::int64_t(1));
        } // rolled back
        auto tx = b->write();
        QVERIFY(tx.ok());
        QCOMPARE(tx.value()->appendEvent(tenant, eventRow()).value(), std::int64_t(1));
        QCOMPARE(tx.value()->insertRecord(tenant, recordRow("res.partner")).value(),
                 std::int64_t(1));
        QCOMPARE(tx.value()->insertRecord(tenant, recordRow("sale.order")).value(),
                 std::int64_t(1)); // per model
        QVERIFY(tx.value()->commit().ok());
    }

    void savepointRolledBackGivesTheTenantUp() {
        auto txA = a->write();
        QVERIFY(txA.ok());
        QVERIFY(txA.value()->savepoint().ok());
        QCOMPARE(txA.value()->appendEvent(tenant, eventRow()).value(), std::int64_t(1));
        QVERIFY(txA.value()->rollbackToSavepoint().ok());
        // PostgreSQL released the row lock with the savepoint: B may write now.
        auto other = std::async(std::launch::async, [&]() -> std::int64_t {
            auto txB = b->write();
            if (!txB.ok())
                return -1;
            auto id = txB.value()->appendEvent(tenant, eventRow());
            return id.ok() && txB.value()->commit().ok() ? id.value() : -1;
        });
        QVERIFY(finishes(other, 20000));
        QCOMPARE(other.get(), std::int64_t(1));
        // A takes the lock again and continues after B's event.
        QCOMPARE(txA.value()->appendEvent(tenant, eventRow()).value(), std::int64_t(2));
        QVERIFY(txA.value()->commit().ok());
        QCOMPARE(eventIds(*a), (std::vector<std::int64_t>{1, 2}));
    }

    void ledgerReadWaitsForAConcurrentWriter() {
        auto txA = a->write();
        QVERIFY(txA.ok());
        auto seen = txA.value()->ledger(tenant, "dev-1", {"chg-1"});
        QVERIFY(seen.ok() && seen.value().empty());
        LedgerEntry entry{"chg-1", "hash", "res.partner", 7, true, "1"};
        QVERIFY(txA.value()->remember(tenant, "dev-1", entry, 1).ok());
        auto other = std::async(std::launch::async, [&]() -> int {
            auto txB = b->write();
            if (!txB.ok())
                return -1;
            auto found = txB.value()->ledger(tenant, "dev-1", {"chg-1", "chg-2"});
            return found.ok() ? int(found.value().size()) : -1;
        });
        QVERIFY2(!finishes(other, 500), "the ledger read did not wait for the tenant's writer");
        QVERIFY(txA.value()->commit().ok());
        QVERIFY(finishes(other, 20000));
        QCOMPARE(other.get(), 1); // sees the committed entry: the retry is a duplicate
        // And the unique key refuses a second entry for the same local_id (ledger writes are
        // pipelined: the failure shows at once or, at the latest, at commit).
        auto tx = b->write();
        QVERIFY(tx.ok());
        QVERIFY(!tx.value()->remember(tenant, "dev-1", entry, 2).ok() ||
                !tx.value()->commit().ok());
    }

    void ledgerKeepsItsEntriesWhenItsKeyIsMigrated() {
        // Schema 6 puts local_id first in the ledger's key; a database of schema 5 keeps its
        // entries and the unique key still holds per (tenant, device, local_id).
        auto entry = [](std::int64_t serverId) {
            return LedgerEntry{"partner-1", "hash", "res.partner", serverId, true, "1"};
        };
        {
            auto tx = a->write();
            QVERIFY(tx.ok());
            QVERIFY(tx.value()->remember(tenant, "phone-1", entry(7), 1).ok());
            QVERIFY(tx.value()->remember(tenant, "phone-2", entry(8), 1).ok());
            QVERIFY(tx.value()->commit().ok());
        }
        a.reset();
        b.reset();
        const char* keyOf = "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                            "WHERE conname = 'push_ledger_pkey'";
        {
            auto c = postgres::Connection::open(db->locationStd());
            QVERIFY(c.ok());
            QVERIFY(c.value()
                        ->script("ALTER TABLE push_ledger DROP CONSTRAINT push_ledger_pkey; "
                                 "ALTER TABLE push_ledger ADD PRIMARY KEY "
                                 "(tenant_id, device_id, local_id); "
                                 "UPDATE bridgecore_schema SET version = 5")
                        .ok());
            auto key = c.value()->query(keyOf);
            QVERIFY(key.ok());
            QCOMPARE(key.value().text(0, 0),
                     std::string("PRIMARY KEY (tenant_id, device_id, local_id)"));
        }
        auto opened = openStore(db->locationStd(), /*migrate=*/true);
        QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
        a = opened.value();
        QCOMPARE(a->schemaVersion(), latestSchemaVersion());
        {
            auto c = postgres::Connection::open(db->locationStd());
            QVERIFY(c.ok());
            auto key = c.value()->query(keyOf);
            QVERIFY(key.ok());
            QCOMPARE(key.value().text(0, 0),
                     std::string("PRIMARY KEY (local_id, device_id, tenant_id)"));
        }
        auto tx = a->write();
        QVERIFY(tx.ok());
        for (auto [device, serverId] : {std::pair{"phone-1", 7}, std::pair{"phone-2", 8}}) {
            auto seen = tx.value()->ledger(tenant, device, {"partner-1"});
            QVERIFY(seen.ok());
            QCOMPARE(seen.value().size(), std::size_t(1));
            QCOMPARE(seen.value()[0].server_id, std::optional<std::int64_t>(serverId));
        }
        QVERIFY(tx.value()->remember(tenant, "phone-3", entry(9), 1).ok());
        QVERIFY(tx.value()->commit().ok());
        tx.value().reset();
        auto again = a->write();
        QVERIFY(again.ok());
        QVERIFY(!again.value()->remember(tenant, "phone-1", entry(10), 2).ok() ||
                !again.value()->commit().ok());
    }

    void readSnapshotIsStable() {
        auto reader = b->read();
        QVERIFY(reader.ok());
        QCOMPARE(reader.value()->headEventId(tenant).value(), std::int64_t(0));
        {
            auto tx = a->write();
            QVERIFY(tx.ok());
            QVERIFY(tx.value()->appendEvent(tenant, eventRow()).ok());
            QVERIFY(tx.value()->commit().ok());
        }
        QCOMPARE(reader.value()->headEventId(tenant).value(), std::int64_t(0));
        reader.value().reset();
        auto fresh = b->read();
        QVERIFY(fresh.ok());
        QCOMPARE(fresh.value()->headEventId(tenant).value(), std::int64_t(1));
    }

    void deviceCountersAreIncrements() {
        for (auto* s : {a.get(), b.get()}) {
            auto tx = s->write();
            QVERIFY(tx.ok());
            DeviceUpdate u;
            u.device_id = "van-7";
            u.user_id = 1;
            u.pushes = 1;
            u.changes_pushed = 50;
            u.syncs = 1;
            u.last_error = std::optional<std::string>("boom");
            QVERIFY(tx.value()->updateDevice(tenant, u).ok());
            QVERIFY(tx.value()->commit().ok());
        }
        auto d = a->device(tenant, "van-7").value();
        QVERIFY(d);
        QCOMPARE(d->total_pushes, std::int64_t(2));
        QCOMPARE(d->changes_pushed, std::int64_t(100));
        QCOMPARE(d->total_syncs, std::int64_t(2));
        QCOMPARE(QString::fromStdString(d->last_error.value_or("")), QStringLiteral("boom"));
        auto tx = b->write();
        QVERIFY(tx.ok());
        DeviceUpdate clear;
        clear.device_id = "van-7";
        clear.last_error = std::optional<std::string>();
        clear.reset_syncs = true;
        QVERIFY(tx.value()->updateDevice(tenant, clear).ok());
        QVERIFY(tx.value()->commit().ok());
        d = a->device(tenant, "van-7").value();
        QVERIFY(d && !d->last_error);
        QCOMPARE(d->total_syncs, std::int64_t(0));
        QCOMPARE(d->total_pushes, std::int64_t(2));
    }

    void metricBucketKeepsTheDurationsOfItsFirstPushes() {
        // Each push adds its duration until the bucket has had kMaxLatencySamples pushes (from
        // either process); a pull (no duration) neither counts nor takes a place.
        const int pushes = int(kMaxLatencySamples) + 44;
        for (int part = 0; part < 2; ++part) {
            auto tx = (part == 0 ? a : b)->write();
            QVERIFY(tx.ok());
            MetricDelta pull;
            pull.pulls = 1;
            pull.events_pulled = 5;
            QVERIFY(tx.value()->addMetrics(tenant, 10'000, pull).ok());
            for (int i = part * pushes / 2; i < (part + 1) * pushes / 2; ++i) {
                MetricDelta push;
                push.pushes = 1;
                push.changes_pushed = 3;
                push.push_ms = i;
                QVERIFY(tx.value()->addMetrics(tenant, 10'000, push).ok());
            }
            QVERIFY(tx.value()->commit().ok());
        }
        auto buckets = a->read().value()->metricBuckets(tenant, 0, 20'000);
        QVERIFY(buckets.ok());
        QCOMPARE(buckets.value().size(), std::size_t(1));
        const auto& m = buckets.value()[0];
        QCOMPARE(m.pushes, std::int64_t(pushes));
        QCOMPARE(m.pulls, std::int64_t(2));
        QCOMPARE(m.changes_pushed, std::int64_t(3 * pushes));
        std::vector<double> kept = m.push_ms_samples;
        std::sort(kept.begin(), kept.end());
        std::vector<double> first;
        for (std::size_t i = 0; i < kMaxLatencySamples; ++i)
            first.push_back(double(i));
        QCOMPARE(kept, first);
        auto c = postgres::Connection::open(db->locationStd());
        QVERIFY(c.ok());
        auto rows = c.value()->query("SELECT count(*) FROM metric_samples");
        QVERIFY(rows.ok());
        QCOMPARE(rows.value().int64(0, 0), std::int64_t(kMaxLatencySamples));
    }

    void schemaChecks() {
        TestDatabase empty;
        QVERIFY(empty.valid());
        auto refused = openStore(empty.locationStd(), /*migrate=*/false);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.find("bridgecore-server init") != std::string::npos,
                 refused.error().message.c_str());
        QCOMPARE(a->schemaVersion(), latestSchemaVersion());
        auto c = postgres::Connection::open(db->locationStd());
        QVERIFY(c.ok());
        QVERIFY(c.value()->script("UPDATE bridgecore_schema SET version = 999").ok());
        auto tooNew = openStore(db->locationStd(), /*migrate=*/true);
        QVERIFY(!tooNew.ok());
        QCOMPARE(int(tooNew.error().code), int(ErrorCode::SchemaTooNew));
    }

    void passwordsAreRedacted_data() {
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("shown");
        QTest::newRow("user:password@") << "postgresql://ann:s3cr%40t@db.example:5433/sync"
                                        << "postgresql://ann:***@db.example:5433/sync";
        QTest::newRow("no password") << "postgresql://ann@/sync?host=/run/pg"
                                     << "postgresql://ann@/sync?host=/run/pg";
        QTest::newRow("query parameter")
            << "postgres:///sync?host=/run/pg&password=hunter2&sslmode=disable"
            << "postgres:///sync?host=/run/pg&password=***&sslmode=disable";
        QTest::newRow("sqlite path") << "/var/lib/bridgecore/sync.db"
                                     << "/var/lib/bridgecore/sync.db";
    }
    void passwordsAreRedacted() {
        QFETCH(QString, location);
        QFETCH(QString, shown);
        QCOMPARE(QString::fromStdString(displayLocation(location.toStdString())), shown);
    }
};

QTEST_GUILESS_MAIN(PostgresStoreTest)
#include "PostgresStoreTest.moc"
