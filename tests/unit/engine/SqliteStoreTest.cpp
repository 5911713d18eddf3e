// The SQLite store: migrations, WAL, transactions and parameterised SQL.

#include "storage/SqliteStore.h"
#include "EngineFixture.h"
#include "storage/Migrations.h"

#include <QFileInfo>
#include <QTemporaryDir>

#include <sqlite3.h>

using namespace bridgecore;
using namespace bridgecore::test;

namespace {
void setUserVersion(const std::string& path, int version) {
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    const std::string sql = "PRAGMA user_version = " + std::to_string(version);
    QCOMPARE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
}

/// Runs `sql` on the database at `path`; the first column of its first row as text ("" if none).
std::string sqliteText(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    std::string out;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK)
        out = "cannot open";
    auto keep = [](void* o, int n, char** values, char**) {
        auto& text = *static_cast<std::string*>(o);
        if (text.empty() && n > 0 && values[0])
            text = values[0];
        return 0;
    };
    char* err = nullptr;
    if (out.empty() && sqlite3_exec(db, sql.c_str(), keep, &out, &err) != SQLITE_OK)
        out = std::string("error: ") + (err ? err : "?");
    sqlite3_free(err);
    sqlite3_close(db);
    return out;
}
} // namespace

class SqliteStoreTest : public QObject {
    Q_OBJECT

private slots:
    void newDatabaseIsMigratedToTheLatestSchema() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("new.db").toStdString();
        auto store = storage::openSqliteStore(path);
        QVERIFY(store.ok());
        QCOMPARE(store.value()->schemaVersion(), storage::latestSchemaVersion());
        QVERIFY(store.value()->healthy());
        auto sqlite = std::static_pointer_cast<storage::SqliteStore>(store.value());
        storage::Statement mode(sqlite->handle(), "PRAGMA journal_mode");
        QCOMPARE(mode.step(), SQLITE_ROW);
        QCOMPARE(mode.text(0), std::string("wal"));
    }

    void reopeningKeepsData() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("keep.db").toStdString();
        {
            auto store = storage::openSqliteStore(path).value();
            QVERIFY(store->createTenant("acme").ok());
        }
        auto store = storage::openSqliteStore(path);
        QVERIFY(store.ok());
        QVERIFY(store.value()->tenantByName("acme").value());
        QCOMPARE(
            store.value()->modelMap(store.value()->tenantByName("acme").value()->id).value().size(),
            storage::defaultModelMap().size());
    }

    void convenienceReadsReportADatabaseError() {
        // A database that fails (here: its tables are gone) is an error, never "absent".
        QTemporaryDir dir;
        const std::string path = dir.filePath("broken.db").toStdString();
        auto store = storage::openSqliteStore(path).value();
        const auto tenantId = store->createTenant("acme");
        QVERIFY(tenantId.ok());
        QVERIFY(store->tenantByName("acme").ok());
        auto sqlite = std::static_pointer_cast<storage::SqliteStore>(store);
        for (const char* table : {"tenants", "users", "records", "events", "devices"}) {
            const std::string sql =
                std::string("ALTER TABLE ") + table + " RENAME TO " + table + "_gone";
            QCOMPARE(sqlite3_exec(sqlite->handle(), sql.c_str(), nullptr, nullptr, nullptr),
                     SQLITE_OK);
        }
        auto isStorageError = [](const auto& r) {
            return !r.ok() && r.error().code == ErrorCode::StorageError;
        };
        QVERIFY(isStorageError(store->tenant(tenantId.value())));
        QVERIFY(isStorageError(store->tenantByName("acme")));
        QVERIFY(isStorageError(store->tenants()));
        QVERIFY(isStorageError(store->userByEmail("rep@acme.test")));
        QVERIFY(isStorageError(store->users(tenantId.value())));
        QVERIFY(isStorageError(store->record(tenantId.value(), "res.partner", 1)));
        QVERIFY(isStorageError(store->countRecords(tenantId.value(), "res.partner")));
        QVERIFY(isStorageError(store->headEventId(tenantId.value())));
        QVERIFY(isStorageError(store->device(tenantId.value(), "phone-1")));
    }

    void metricBucketKeepsTheDurationsOfItsFirstPushes() {
        // Each push adds its duration until the bucket has had kMaxLatencySamples pushes;
        // a pull (no duration) neither counts nor takes a place.
        QTemporaryDir dir;
        const std::string path = dir.filePath("metrics.db").toStdString();
        auto store = storage::openSqliteStore(path).value();
        const auto tenant = store->createTenant("acme").value();
        const int pushes = int(storage::kMaxLatencySamples) + 44;
        for (int part = 0; part < 2; ++part) { // across transactions
            auto tx = store->write();
            QVERIFY(tx.ok());
            storage::MetricDelta pull;
            pull.pulls = 1;
            pull.events_pulled = 5;
            QVERIFY(tx.value()->addMetrics(tenant, 10'000, pull).ok());
            for (int i = part * pushes / 2; i < (part + 1) * pushes / 2; ++i) {
                storage::MetricDelta push;
                push.pushes = 1;
                push.changes_pushed = 3;
                push.push_ms = i;
                QVERIFY(tx.value()->addMetrics(tenant, 10'000, push).ok());
            }
            QVERIFY(tx.value()->commit().ok());
        }
        auto buckets = store->read().value()->metricBuckets(tenant, 0, 20'000);
        QVERIFY(buckets.ok());
        QCOMPARE(buckets.value().size(), std::size_t(1));
        const auto& b = buckets.value()[0];
        QCOMPARE(b.pushes, std::int64_t(pushes));
        QCOMPARE(b.pulls, std::int64_t(2));
        QCOMPARE(b.changes_pushed, std::int64_t(3 * pushes));
        std::vector<double> first;
        for (std::size_t i = 0; i < storage::kMaxLatencySamples; ++i)
            first.push_back(double(i));
        QCOMPARE(b.push_ms_samples, first);
        QCOMPARE(sqliteText(path, "SELECT count(*) FROM metric_samples"),
                 std::to_string(storage::kMaxLatencySamples));
    }

    void metricsOfARolledBackSavepointAreNotCounted() {
        // A group commit's pushes add their metrics in savepoints of one transaction; they are
        // written at commit, and a push rolled back takes its own with it, nothing else.
        QTemporaryDir dir;
        auto store = storage::openSqliteStore(dir.filePath("m.db").toStdString()).value();
        const auto tenant = store->createTenant("acme").value();
        auto push = [](double ms) {
            storage::MetricDelta d;
            d.pushes = 1;
            d.changes_pushed = 10;
            d.push_ms = ms;
            return d;
        };
        auto tx = store->write();
        QVERIFY(tx.ok());
        storage::WriteTransaction& w = *tx.value();
        QVERIFY(w.addMetrics(tenant, 10'000, push(1)).ok());
        {
            storage::Savepoint kept(w);
            QVERIFY(w.addMetrics(tenant, 10'000, push(2)).ok());
            {
                storage::Savepoint failed(w);
                QVERIFY(w.addMetrics(tenant, 10'000, push(3)).ok());
                QVERIFY(w.addMetrics(tenant, 20'000, push(4)).ok());
            } // rolled back
            QVERIFY(kept.release().ok());
        }
        {
            storage::Savepoint failed(w);
            QVERIFY(w.addMetrics(tenant, 10'000, push(5)).ok());
        } // rolled back
        QVERIFY(w.addMetrics(tenant, 10'000, push(6)).ok());
        // Read back inside the transaction: its own metrics are there.
        auto inside = w.metricBuckets(tenant, 0, 30'000);
        QVERIFY(inside.ok());
        QCOMPARE(inside.value().size(), std::size_t(1));
        QCOMPARE(inside.value()[0].pushes, std::int64_t(3));
        QVERIFY(w.addMetrics(tenant, 10'000, push(7)).ok());
        QVERIFY(w.commit().ok());
        tx.value().reset();
        auto buckets = store->read().value()->metricBuckets(tenant, 0, 30'000);
        QVERIFY(buckets.ok());
        QCOMPARE(buckets.value().size(), std::size_t(1));
        const auto& b = buckets.value()[0];
        QCOMPARE(b.pushes, std::int64_t(4));
        QCOMPARE(b.changes_pushed, std::int64_t(40));
        QCOMPARE(b.push_ms_sum, 1.0 + 2 + 6 + 7);
        QCOMPARE(b.push_ms_samples, (std::vector<double>{1, 2, 6, 7}));
    }

    void olderDatabaseIsMigrated() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("old.db").toStdString();
        setUserVersion(path, 0); // a database created before any schema existed
        auto store = storage::openSqliteStore(path);
        QVERIFY(store.ok());
        QCOMPARE(store.value()->schemaVersion(), storage::latestSchemaVersion());
    }

    void newerDatabaseIsRefusedClearly() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("future.db").toStdString();
        setUserVersion(path, storage::latestSchemaVersion() + 5);
        auto store = storage::openSqliteStore(path);
        QVERIFY(!store.ok());
        QCOMPARE(int(store.error().code), int(ErrorCode::SchemaTooNew));
        QVERIFY(store.error().message.find("newer") != std::string::npos);
    }

    void namesAreDataNotSql() {
        EngineFixture f;
        const std::string evil = "x'); DROP TABLE records; --";
        QVERIFY(
            f.store->setAppTypeModels(f.user.tenant_id, "evil_app", {{evil, {}, "business"}}).ok());
        auto r =
            f.push({{"device_id", "phone-1"},
                    {"changes", {f.create("e-1", evil, {{"name", "'; DELETE FROM events"}})}}});
        QVERIFY(r.success);
        QCOMPARE(f.store->countRecords(f.user.tenant_id, evil).value(), 1);
        QCOMPARE(f.eventCount(), 1);
    }

    void rolledBackTransactionLeavesNothing() {
        EngineFixture f;
        {
            auto tx = f.store->write();
            QVERIFY(tx.ok());
            storage::RecordRow row;
            row.model = "res.partner";
            row.version = 1;
            QVERIFY(tx.value()->insertRecord(f.user.tenant_id, row).ok());
            // no commit
        }
        QCOMPARE(f.store->countRecords(f.user.tenant_id, "res.partner").value(), 0);
    }

    void idsComeFromCountersThatRollBackWithTheirSavepoint() {
        EngineFixture f;
        storage::RecordRow row;
        row.model = "res.partner";
        row.version = 1;
        {
            auto tx = f.store->write().value();
            QVERIFY(tx->savepoint().ok());
            QCOMPARE(tx->insertRecord(f.user.tenant_id, row).value(), 1);
            QVERIFY(tx->rollbackToSavepoint().ok());
            QCOMPARE(tx->insertRecord(f.user.tenant_id, row).value(), 1); // no gap
            QCOMPARE(tx->insertRecord(f.user.tenant_id, row).value(), 2);
            QVERIFY(tx->commit().ok());
        }
        {
            auto tx = f.store->write().value();
            QCOMPARE(tx->insertRecord(f.user.tenant_id, row).value(), 3);
            // not committed: the next transaction takes 3 again
        }
        auto tx = f.store->write().value();
        QCOMPARE(tx->insertRecord(f.user.tenant_id, row).value(), 3);
    }

    void aFailingDatabaseIsAnErrorNotAnAbsentRow() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("broken.db").toStdString();
        auto store = storage::openSqliteStore(path).value();
        const auto tenant = store->createTenant("acme").value();
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "DROP TABLE records", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
        auto read = store->read();
        QVERIFY(read.ok());
        auto row = read.value()->record(tenant, "res.partner", 1);
        QVERIFY(!row.ok());
        QCOMPARE(int(row.error().code), int(ErrorCode::StorageError));
    }

    void readersSeeASnapshotBesideTheWriter() {
        QTemporaryDir dir;
        auto store = storage::openSqliteStore(dir.filePath("wal.db").toStdString()).value();
        const auto tenant = store->createTenant("acme").value();
        auto before = store->read().value();
        QCOMPARE(before->headEventId(tenant).value(), 0);
        {
            auto tx = store->write().value();
            storage::EventRow e;
            e.model = "res.partner";
            e.record_id = 1;
            e.data_text = "{}";
            QCOMPARE(tx->appendEvent(tenant, e).value(), 1);
            QCOMPARE(before->headEventId(tenant).value(), 0); // uncommitted: not seen
            QVERIFY(tx->commit().ok());
        }
        QCOMPARE(before->headEventId(tenant).value(), 0); // its snapshot stays
        QCOMPARE(store->read().value()->headEventId(tenant).value(), 1);
    }

    void modelMapChangedByAnotherProcessIsSeen() {
        // Two stores on one file, as two server processes: each caches the model maps its
        // snapshots read, and a change made through the other is seen by the next snapshot
        // (not by one opened before it committed).
        QTemporaryDir dir;
        const std::string path = dir.filePath("models.db").toStdString();
        auto first = storage::SqliteStore::open(path).value();
        auto second = storage::SqliteStore::open(path).value();
        const auto tenant = first->createTenant("acme").value();
        auto models = [](storage::SyncStore& store, std::int64_t t) {
            return store.read().value()->modelMap(t).value()->at("sales_app");
        };
        QCOMPARE(models(*first, tenant).size(), std::size_t(4)); // the defaults, now cached
        QCOMPARE(models(*first, tenant).size(), std::size_t(4));
        auto before = first->read().value(); // its snapshot starts at its first read
        QCOMPARE(before->modelMap(tenant).value()->at("sales_app").size(), std::size_t(4));
        {
            auto tx = second->write().value();
            QVERIFY(tx->setAppTypeModels(tenant, "sales_app",
                                         {storage::ModelEntry{"crm.lead", std::nullopt, "crm"}})
                        .ok());
            // Inside the writing transaction the new map, before its version is saved.
            QCOMPARE(tx->modelMap(tenant).value()->at("sales_app").size(), std::size_t(1));
            QVERIFY(tx->commit().ok());
        }
        const auto now = models(*first, tenant);
        QCOMPARE(now.size(), std::size_t(1));
        QCOMPARE(now[0].model, std::string("crm.lead"));
        QCOMPARE(now[0].category, std::string("crm"));
        QCOMPARE(before->modelMap(tenant).value()->at("sales_app").size(), std::size_t(4));
        QCOMPARE(models(*second, tenant).size(), std::size_t(1));
    }

    void checkpointsRunOnTheirOwnThread() {
        // SQLite's automatic checkpoint (inside the COMMIT that passes 1,000 log pages) is
        // off; the store's checkpointer copies the log into the database file instead, once
        // the log holds WalCheckpointer::kPages pages.
        QTemporaryDir dir;
        const std::string path = dir.filePath("checkpoint.db").toStdString();
        auto opened = storage::SqliteStore::open(path);
        QVERIFY(opened.ok());
        auto store = opened.value();
        const auto tenant = store->createTenant("acme").value();
        store->waitForCheckpoints();
        const auto before = store->checkpointStats().checkpoints;
        const QFileInfo file(QString::fromStdString(path));
        const qint64 sizeBefore = file.size();
        const std::string payload = "{\"note\":\"" + std::string(8000, 'x') + "\"}";
        // 100 events of 8 kB: ~200 log pages a transaction; twice the checkpoint's threshold.
        const int transactions = 2 * storage::WalCheckpointer::kPages / 200;
        for (int t = 0; t < transactions; ++t) {
            auto tx = store->write().value();
            for (int i = 0; i < 100; ++i) {
                storage::EventRow e;
                e.model = "res.partner";
                e.record_id = t * 100 + i + 1;
                e.data_text = payload;
                QVERIFY(tx->appendEvent(tenant, e).ok());
            }
            QVERIFY(tx->commit().ok());
        }
        store->waitForCheckpoints();
        QVERIFY(store->checkpointStats().checkpoints > before);
        QFileInfo after(QString::fromStdString(path));
        after.refresh();
        QVERIFY2(
            after.size() > sizeBefore + 4'000'000,
            qPrintable(QString("database file %1 -> %2 bytes").arg(sizeBefore).arg(after.size())));
        QCOMPARE(store->read().value()->headEventId(tenant).value(), transactions * 100);
    }

    void ledgerAnswersEachEntryOnce() {
        // Keys in any order and repeated: each remembered change once.
        EngineFixture f;
        const auto tenant = f.user.tenant_id;
        {
            auto tx = f.store->write().value();
            for (const char* id : {"loc-a", "loc-b"}) {
                storage::LedgerEntry e{id, "hash", "res.partner", 7, true, "1"};
                QVERIFY(tx->remember(tenant, "dev-1", e, 1).ok());
            }
            QVERIFY(tx->commit().ok());
        }
        auto tx = f.store->read().value();
        auto found = tx->ledger(tenant, "dev-1", {"loc-b", "loc-a", "loc-b", "loc-zz"});
        QVERIFY(found.ok());
        QCOMPARE(found.value().size(), std::size_t(2));
        auto sorted = tx->ledger(tenant, "dev-1", {"loc-a", "loc-b"});
        QCOMPARE(sorted.value().size(), std::size_t(2));
    }

    void ledgerRowsRememberedAreSeenAndRollBackWithTheirSavepoint() {
        // Ledger rows are inserted several at a time: the transaction still reads every one it
        // remembered, a rolled-back savepoint takes its own along, and a release that cannot
        // write them undoes the savepoint instead of keeping half of it.
        EngineFixture f;
        const auto tenant = f.user.tenant_id;
        auto entry = [](const std::string& id) {
            return storage::LedgerEntry{id, "hash-" + id, "res.partner", 7, true, "1"};
        };
        std::vector<std::string> keys;
        for (int i = 0; i < 150; ++i)
            keys.push_back("kept-" + std::to_string(1000 + i));
        {
            auto tx = f.store->write().value();
            for (const auto& k : keys)
                QVERIFY(tx->remember(tenant, "dev-1", entry(k), 1).ok());
            auto seen = tx->ledger(tenant, "dev-1", keys);
            QVERIFY(seen.ok());
            QCOMPARE(seen.value().size(), keys.size());
            QCOMPARE(seen.value()[149].content_hash, "hash-" + keys[149]);
            {
                storage::Savepoint sp(*tx);
                for (int i = 0; i < 70; ++i)
                    QVERIFY(tx->remember(tenant, "dev-1", entry("dropped-" + std::to_string(i)), 1)
                                .ok());
            } // rolled back
            {
                storage::Savepoint sp(*tx);
                QVERIFY(tx->remember(tenant, "dev-1", entry("twice-1"), 1).ok());
                // The unique key refuses the second row: at once, or when the savepoint is
                // released (the rows written later); either way none of the savepoint is kept.
                const bool second = tx->remember(tenant, "dev-1", entry("twice-1"), 1).ok();
                QVERIFY(!second || !sp.release().ok());
            }
            QVERIFY(tx->remember(tenant, "dev-1", entry("after-1"), 1).ok());
            QVERIFY(tx->commit().ok());
        }
        auto tx = f.store->read().value();
        QCOMPARE(tx->ledger(tenant, "dev-1", keys).value().size(), keys.size());
        QCOMPARE(tx->ledger(tenant, "dev-1", {"after-1"}).value().size(), std::size_t(1));
        QVERIFY(
            tx->ledger(tenant, "dev-1", {"dropped-0", "dropped-69", "twice-1"}).value().empty());
    }

    void recordsAndEventsWrittenAreSeenAndRollBackWithTheirSavepoint() {
        // Record and event rows are inserted several at a time: every read of the transaction
        // sees the ones written before it, a rolled-back savepoint takes its own along, and rows
        // that cannot be inserted fail the reads and writes after them until their savepoint rolls
        // back, never vanishing quietly.
        EngineFixture f(SqliteOn::File);
        const auto tenant = f.user.tenant_id;
        auto event = [](const std::string& localId) {
            storage::EventRow e;
            e.model = "res.partner";
            e.record_id = 1;
            e.data_text = "{\"name\":\"" + localId + "\"}";
            e.changed_fields = {"name"};
            e.user_id = 1;
            e.device_id = "dev-1";
            e.local_id = localId;
            e.version = 1;
            return e;
        };
        storage::EventFilter all;
        all.all_models = true;
        all.limit = 1000;
        storage::RecordRow record;
        record.model = "res.partner";
        record.data = {{"name", "A"}};
        record.version = 1;
        auto sqlite = std::static_pointer_cast<storage::SqliteStore>(f.store);
        QCOMPARE(sqlite3_exec(sqlite->handle(),
                              "CREATE TRIGGER refuse BEFORE INSERT ON events WHEN "
                              "NEW.local_id = 'refused' BEGIN SELECT RAISE(ABORT, 'refused by "
                              "test'); END",
                              nullptr, nullptr, nullptr),
                 SQLITE_OK);
        {
            auto tx = f.store->write().value();
            for (int i = 1; i <= 100; ++i) {
                QCOMPARE(tx->insertRecord(tenant, record).value(), std::int64_t(i));
                QCOMPARE(tx->appendEvent(tenant, event("kept-" + std::to_string(i))).value(),
                         std::int64_t(i));
            }
            QCOMPARE(tx->countEvents(tenant, all).value(), std::int64_t(100));
            QCOMPARE(tx->countRecords(tenant, "res.partner").value(), std::int64_t(100));
            auto last = tx->record(tenant, "res.partner", 100);
            QVERIFY(last.ok() && last.value());
            QCOMPARE_JSON(last.value()->data, record.data);
            {
                storage::Savepoint sp(*tx);
                for (int i = 0; i < 70; ++i) {
                    QVERIFY(tx->insertRecord(tenant, record).ok());
                    QVERIFY(tx->appendEvent(tenant, event("dropped-" + std::to_string(i))).ok());
                }
                QCOMPARE(tx->countEvents(tenant, all).value(), std::int64_t(170));
                QCOMPARE(tx->countRecords(tenant, "res.partner").value(), std::int64_t(170));
            } // rolled back
            QCOMPARE(tx->countEvents(tenant, all).value(), std::int64_t(100));
            QCOMPARE(tx->countRecords(tenant, "res.partner").value(), std::int64_t(100));
            {
                storage::Savepoint sp(*tx);
                QVERIFY(tx->appendEvent(tenant, event("lost-1")).ok());
                QVERIFY(tx->appendEvent(tenant, event("refused")).ok()); // queued
                auto read = tx->countEvents(tenant, all);
                QVERIFY(!read.ok());
                QCOMPARE(int(read.error().code), int(ErrorCode::StorageError));
                QVERIFY2(read.error().message.find("refused by test") != std::string::npos,
                         read.error().message.c_str());
                QVERIFY(!tx->appendEvent(tenant, event("after-refusal")).ok());
                QVERIFY(!tx->insertRecord(tenant, record).ok());
                QVERIFY(!sp.release().ok()); // the savepoint is rolled back whole
            }
            QCOMPARE(tx->countEvents(tenant, all).value(), std::int64_t(100));
            {
                storage::Savepoint sp(*tx);
                for (int i = 0; i < 10; ++i) {
                    QVERIFY(tx->insertRecord(tenant, record).ok());
                    QVERIFY(tx->appendEvent(tenant, event("released-" + std::to_string(i))).ok());
                }
                QVERIFY(sp.release().ok());
            }
            QCOMPARE(tx->appendEvent(tenant, event("last")).value(), std::int64_t(111));
            QVERIFY(tx->commit().ok());
        }
        auto events = f.store->events(tenant, all, true).value();
        QCOMPARE(events.size(), std::size_t(111));
        for (std::size_t i = 0; i < events.size(); ++i)
            QCOMPARE(events[i].event_id, std::int64_t(i + 1)); // gap-free, in order
        QCOMPARE(events[0].local_id, std::string("kept-1"));
        QCOMPARE(events[0].data_text, std::string("{\"name\":\"kept-1\"}"));
        QCOMPARE(events[0].changed_fields, std::vector<std::string>{"name"});
        QCOMPARE(events[100].local_id, std::string("released-0"));
        QCOMPARE(events[110].local_id, std::string("last"));
        QCOMPARE(f.store->countRecords(tenant, "res.partner").value(), std::int64_t(110));
        QVERIFY(f.store->record(tenant, "res.partner", 110).value());
        QVERIFY(!f.store->record(tenant, "res.partner", 111).value());
    }

    void ledgerKeepsItsEntriesWhenItsKeyIsMigrated() {
        // Schema 6 puts local_id first in the ledger's key. A database of schema 5 keeps every
        // entry: devices re-pushing old local ids get the same server ids and nothing twice.
        EngineFixture f(SqliteOn::File);
        const std::string path = f.dir.filePath("engine.db").toStdString();
        const json phone1 = {{"device_id", "phone-1"},
                             {"changes",
                              {f.create("partner-1", "res.partner", {{"name", "A"}}),
                               f.create("order-1", "sale.order", {{"partner_id", "partner-1"}})}}};
        const json phone2 = {{"device_id", "phone-2"},
                             {"changes", {f.create("partner-1", "res.partner", {{"name", "B"}})}}};
        const auto first1 = f.push(phone1);
        const auto first2 = f.push(phone2);
        QVERIFY(first1.success && first2.success);
        const auto events = f.eventCount();
        f.engine.reset();
        f.store.reset();

        // The ledger as schema 5 left it (the table of migration 1, rows kept).
        const std::string v1 = storage::migrations()[0].sqlite;
        const auto from = v1.find("CREATE TABLE push_ledger (");
        const auto to = v1.find(';', from);
        QVERIFY(from != std::string::npos && to != std::string::npos);
        const std::string oldLedger = v1.substr(from, to + 1 - from);
        QVERIFY(oldLedger.find("PRIMARY KEY (tenant_id, device_id, local_id)") !=
                std::string::npos);
        const std::string downgraded =
            sqliteText(path, "BEGIN; ALTER TABLE push_ledger RENAME TO ledger_now; " + oldLedger +
                                 " INSERT INTO push_ledger SELECT * FROM ledger_now; "
                                 "DROP TABLE ledger_now; PRAGMA user_version = 5; COMMIT");
        QVERIFY2(downgraded.empty(), downgraded.c_str());
        const std::string ledgerSql = "SELECT sql FROM sqlite_master WHERE name = 'push_ledger'";
        QVERIFY(sqliteText(path, ledgerSql).find("PRIMARY KEY (tenant_id, device_id, local_id)") !=
                std::string::npos);
        QCOMPARE(sqliteText(path, "SELECT count(*) FROM push_ledger"), std::string("3"));

        auto reopened = storage::openSqliteStore(path);
        QVERIFY2(reopened.ok(), reopened.ok() ? "" : reopened.error().message.c_str());
        f.store = reopened.value();
        f.engine = std::make_unique<engine::SyncEngine>(f.store, f.clock);
        QCOMPARE(f.store->schemaVersion(), storage::latestSchemaVersion());
        QVERIFY(sqliteText(path, ledgerSql).find("PRIMARY KEY (local_id, device_id, tenant_id)") !=
                std::string::npos);

        const auto again1 = f.push(phone1);
        const auto again2 = f.push(phone2);
        QCOMPARE(again1.results.size(), std::size_t(2));
        for (std::size_t i = 0; i < 2; ++i) {
            QVERIFY(again1.results[i].duplicate);
            QCOMPARE(again1.results[i].server_id, first1.results[i].server_id);
        }
        QVERIFY(again2.results[0].duplicate);
        QCOMPARE(again2.results[0].server_id, first2.results[0].server_id);
        QVERIFY(first1.results[0].server_id != first2.results[0].server_id);
        QCOMPARE(f.eventCount(), events);
        QCOMPARE(f.store->countRecords(f.user.tenant_id, "res.partner").value(), 2);
        QCOMPARE(f.store->countRecords(f.user.tenant_id, "sale.order").value(), 1);
        // Other content under an old local id is still refused, and an old local id still
        // names the device's record in a new change.
        auto reused =
            f.push({{"device_id", "phone-1"},
                    {"changes", {f.create("partner-1", "res.partner", {{"name", "X"}})}}});
        QCOMPARE(str(reused.results[0].error_code), "LOCAL_ID_REUSED");
        auto later = f.push(
            {{"device_id", "phone-2"},
             {"changes", {f.create("order-2", "sale.order", {{"partner_id", "partner-1"}})}}});
        QVERIFY(later.success);
        QCOMPARE_JSON(f.recordData("sale.order", *later.results[0].server_id)["partner_id"],
                      *first2.results[0].server_id);
    }

    void duplicateEmailsAndTenantsAreRefused() {
        EngineFixture f;
        QVERIFY(!f.store->createTenant("acme").ok());
        storage::User u;
        u.tenant_id = f.user.tenant_id;
        u.email = "REP@acme.test"; // emails compare case-insensitively
        u.password_hash = "x";
        QVERIFY(!f.store->createUser(u).ok());
    }

    void userUpdatesSetOnlyTheirFields() {
        // A password reset and a re-enable at once must both hold: each update sets its own
        // fields in SQL and never writes back a copy of the row read before.
        EngineFixture f;
        const std::int64_t tenant = f.user.tenant_id, id = f.user.user_id;
        const std::int64_t version = f.store->user(id).value()->token_version;
        storage::UserChange password, disable, enable;
        password.password_hash = "new-hash";
        disable.disabled = true;
        enable.disabled = false;
        QVERIFY(f.store->updateUser(tenant, id, disable).ok());
        QVERIFY(f.store->updateUser(tenant, id, password).ok());
        auto u = f.store->user(id).value();
        QVERIFY(u && u->disabled);
        QCOMPARE(u->password_hash, std::string("new-hash"));
        QCOMPARE(u->token_version, version + 1); // tokens issued before are revoked
        QVERIFY(f.store->updateUser(tenant, id, enable).ok());
        u = f.store->user(id).value();
        QVERIFY(u && !u->disabled);
        QCOMPARE(u->password_hash, std::string("new-hash"));
        QCOMPARE(u->token_version, version + 1);
        // Another tenant's user id is not found, and nothing changes.
        QCOMPARE(int(f.store->updateUser(tenant + 1, id, disable).error().code),
                 int(ErrorCode::NotFound));
        QVERIFY(!f.store->user(id).value()->disabled);
    }
};

QTEST_GUILESS_MAIN(SqliteStoreTest)
#include "SqliteStoreTest.moc"
