// `bridgecore-server backup` and `restore` against the real server: backups taken while a
// device pushes continuously restore to consistent prefixes of the live database, pulling from
// a restored copy never skips an event, and restore refuses what it must.

#include "ServerFixture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <vector>

using namespace bridgecore::testsupport;

namespace {

/// Rate limits off: the pusher sends far more than 100 pushes a minute.
json unlimited() {
    json limits = json::object();
    for (const char* name : {"push", "pull", "resolve", "state", "reset", "login"})
        limits[name] = {{"requests", 0}};
    return json{{"rate_limits", limits}};
}

/// A read-only connection for checks, closed on destruction.
struct Db {
    sqlite3* db = nullptr;
    explicit Db(const QString& path) {
        sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    }
    ~Db() { sqlite3_close_v2(db); }
    /// The first column of the first row as an integer; -1 on an error (the test fails).
    qint64 scalar(const std::string& sql) const {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
            qWarning("%s: %s", sql.c_str(), sqlite3_errmsg(db));
            return -1;
        }
        qint64 v = -1;
        if (sqlite3_step(stmt) == SQLITE_ROW)
            v = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
        return v;
    }
    bool exec(const std::string& sql) const {
        return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    std::string text(const std::string& sql) const {
        sqlite3_stmt* stmt = nullptr;
        std::string out;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
            out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
        return out;
    }
    std::vector<qint64> column(const std::string& sql) const {
        std::vector<qint64> out;
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
            return out;
        while (sqlite3_step(stmt) == SQLITE_ROW)
            out.push_back(sqlite3_column_int64(stmt, 0));
        sqlite3_finalize(stmt);
        return out;
    }
};

bool setUserVersion(const QString& path, int version) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) !=
        SQLITE_OK) {
        sqlite3_close_v2(db);
        return false;
    }
    const std::string sql = "PRAGMA user_version = " + std::to_string(version);
    const bool ok = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close_v2(db);
    return ok;
}

QByteArray fileBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int schemaVersion(const QString& db) {
    return int(Db(db).scalar("PRAGMA user_version"));
}

} // namespace

class BackupRestoreTest : public QObject {
    Q_OBJECT

private slots:
    void backupsWhilePushingAreConsistentPrefixes();
    void restoreRefusesADatabaseAServerHolds();
    void restoreChecksTheBackup();
    void backupNeverOverwritesAFile();
    void postgresUrisPointToPostgresTools();
};

void BackupRestoreTest::backupsWhilePushingAreConsistentPrefixes() {
    ServerFixture fx;
    QVERIFY(fx.prepare());
    QVERIFY2(fx.start(unlimited()), qPrintable(fx.server->lastError()));
    const QString live = fx.server->dbPath();

    QElapsedTimer clock;
    clock.start();
    // Some history before the device starts: 2,000 orders.
    {
        auto seed = fx.client(QStringLiteral("admin"));
        for (int from = 0; from < 2000; from += 500) {
            const auto r = seed->post(QStringLiteral("/api/v1/offline-sync/push"),
                                      createsBody("seed-device", "sale.order", 500, "seed-", from));
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json()["succeeded"].get<int>(), 500);
        }
    }

    // One device pushes without pause: each push creates three orders and updates two it
    // created before, so events, records and ledger rows of both kinds keep growing.
    std::atomic<bool> stop{false};
    std::atomic<int> pushes{0}, failures{0};
    QString firstFailure; // written by the pusher, read after it finished
    const QString url = fx.server->baseUrl();
    QThread* pusher = QThread::create([&] {
        HttpClient http(url);
        http.login(QStringLiteral("user@acme.test"), kPassword);
        std::map<long long, long long> versions; // server id -> version
        int n = 0;
        while (!stop) {
            json changes = json::array();
            for (int i = 0; i < 3; ++i, ++n)
                changes.push_back({{"local_id", "c-" + std::to_string(n)},
                                   {"action", "create"},
                                   {"model", "sale.order"},
                                   {"record_id", nullptr},
                                   {"data", {{"name", "order " + std::to_string(n)}}},
                                   {"local_timestamp", "2025-11-24T10:30:00Z"},
                                   {"version", 1}});
            int updates = 0;
            for (auto& [id, version] : versions) {
                if (updates == 2 || (id + n) % 7 != 0)
                    continue;
                changes.push_back(
                    {{"local_id", "u-" + std::to_string(n) + "-" + std::to_string(id)},
                     {"action", "update"},
                     {"model", "sale.order"},
                     {"record_id", id},
                     {"data", {{"note", "edit " + std::to_string(n)}}},
                     {"local_timestamp", "2025-11-24T10:31:00Z"},
                     {"version", version}});
                ++updates;
            }
            // A lost response is sent again, as a client does; exactly-once makes that safe.
            const json request{{"device_id", "van-1"}, {"changes", changes}};
            HttpResponse r;
            for (int attempt = 0; attempt < 5 && r.status == 0; ++attempt)
                r = http.post(QStringLiteral("/api/v1/offline-sync/push"), request);
            const json body = r.json();
            if (r.status != 200 || body["failed"].get<int>() != 0) {
                if (failures++ == 0)
                    firstFailure = QStringLiteral("HTTP %1 %2: %3")
                                       .arg(r.status)
                                       .arg(r.error, QString::fromUtf8(r.body.left(500)));
                continue;
            }
            for (const auto& result : body["results"]) {
                if (!result["server_id"].is_number_integer() ||
                    !result["version"].is_number_integer()) {
                    ++failures;
                    continue;
                }
                versions[result["server_id"].get<long long>()] = result["version"].get<long long>();
            }
            ++pushes;
        }
    });
    pusher->start();

    QTemporaryDir backups;
    QVERIFY(backups.isValid());
    QStringList files;
    int pushesDuringBackups = 0;
    for (int i = 0; i < 5; ++i) {
        while (pushes < 5 * (i + 1)) { // keep pushing between backups
            // Read the server's log (one line per request) as it comes: QProcess reads the pipe
            // only in an event loop, and a full pipe (~370 lines) blocks the server mid-request.
            QCoreApplication::processEvents();
            QThread::msleep(10);
        }
        const QString out = backups.filePath(QStringLiteral("backup-%1.db").arg(i));
        const int before = pushes;
        const auto r = runServerCommand(
            {QStringLiteral("backup"), QStringLiteral("--db"), live, QStringLiteral("--out"), out});
        pushesDuringBackups += pushes - before;
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("backed up"));
        files << out;
    }
    stop = true;
    pusher->wait();
    delete pusher;
    QVERIFY2(failures == 0, qPrintable(firstFailure));
    qInfo("%d pushes in all, %d of them completed while one of the 5 backups ran (%lld ms)",
          pushes.load(), pushesDuringBackups, static_cast<long long>(clock.elapsed()));
    // The device kept pushing while the backups ran; without that this test proves nothing.
    QVERIFY(pushesDuringBackups > 0);
    QCOMPARE(fx.server->stop(), 0);

    qint64 previousHead = 0;
    for (int i = 0; i < files.size(); ++i) {
        const QString restored = backups.filePath(QStringLiteral("restored-%1.db").arg(i));
        const auto r = runServerCommand({QStringLiteral("restore"), QStringLiteral("--db"),
                                         restored, QStringLiteral("--from"), files[i]});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        Db db(restored);
        QVERIFY(db.db);
        QCOMPARE(db.text("PRAGMA integrity_check"), std::string("ok"));
        QVERIFY(db.exec("ATTACH '" + live.toStdString() + "' AS live"));

        const qint64 events = db.scalar("SELECT count(*) FROM events");
        const qint64 head = db.scalar("SELECT max(event_id) FROM events");
        QVERIFY(events > 2000);
        // A prefix: exactly the live events up to its head, identical, and later backups
        // hold more.
        QVERIFY(head > previousHead);
        previousHead = head;
        QCOMPARE(
            db.scalar("SELECT count(*) FROM live.events WHERE event_id <= " + std::to_string(head)),
            events);
        QCOMPARE(db.scalar("SELECT count(*) FROM events e JOIN live.events l USING (tenant_id, "
                           "event_id) WHERE e.data IS l.data AND e.version = l.version AND "
                           "e.record_id = l.record_id AND e.local_id IS l.local_id"),
                 events);
        // Every event comes from a push, has its record (at its version or later) and its
        // ledger row; every ledger row has its event; every record is as its last event says.
        QCOMPARE(db.scalar("SELECT count(*) FROM events WHERE local_id IS NULL"), 0);
        QCOMPARE(db.scalar("SELECT count(*) FROM events e LEFT JOIN records r ON r.tenant_id = "
                           "e.tenant_id AND r.model = e.model AND r.id = e.record_id "
                           "WHERE r.id IS NULL OR r.version < e.version"),
                 0);
        QCOMPARE(db.scalar("SELECT count(*) FROM events e LEFT JOIN push_ledger p ON "
                           "p.tenant_id = e.tenant_id AND p.device_id = e.device_id AND "
                           "p.local_id = e.local_id WHERE p.local_id IS NULL"),
                 0);
        QCOMPARE(db.scalar("SELECT count(*) FROM push_ledger p LEFT JOIN events e ON "
                           "e.tenant_id = p.tenant_id AND e.device_id = p.device_id AND "
                           "e.local_id = p.local_id WHERE e.event_id IS NULL"),
                 0);
        QCOMPARE(db.scalar("SELECT count(*) FROM records r WHERE r.version != (SELECT "
                           "max(e.version) FROM events e WHERE e.tenant_id = r.tenant_id AND "
                           "e.model = r.model AND e.record_id = r.id)"),
                 0);
        QVERIFY(db.scalar("SELECT count(*) FROM events WHERE action = 'write'") > 0);
        const std::vector<qint64> ids = db.column("SELECT event_id FROM events ORDER BY event_id");

        // A server on the restored copy hands a new device every event, in order, none skipped.
        ServerProcess server(restored);
        QVERIFY2(server.start(unlimited()), qPrintable(server.lastError()));
        HttpClient http(server.baseUrl());
        QCOMPARE(http.login(QStringLiteral("user@acme.test"), kPassword).status, 200);
        std::vector<qint64> pulled;
        qint64 last = 0;
        for (bool more = true; more;) {
            const auto p = http.post(QStringLiteral("/api/v1/offline-sync/pull"),
                                     json{{"device_id", "restored-reader"},
                                          {"app_type", "sales_app"},
                                          {"last_event_id", last},
                                          {"limit", 500},
                                          {"include_payload", false}});
            QCOMPARE(p.status, 200);
            const json page = p.json();
            for (const auto& e : page["events"])
                pulled.push_back(e["event_id"].get<qint64>());
            more = page["has_more"].get<bool>();
            QVERIFY(!pulled.empty());
            QVERIFY(pulled.back() > last);
            last = pulled.back();
        }
        QCOMPARE(server.stop(), 0);
        QCOMPARE(pulled.size(), ids.size());
        QVERIFY(pulled == ids);
        qInfo("backup %d: %lld events, all pulled in order (%lld ms)", i,
              static_cast<long long>(events), static_cast<long long>(clock.elapsed()));
    }
    // The live database went on past the last backup.
    QVERIFY(Db(live).scalar("SELECT max(event_id) FROM events") > previousHead);
}

void BackupRestoreTest::restoreRefusesADatabaseAServerHolds() {
    ServerFixture fx;
    QVERIFY(fx.prepare());
    QVERIFY(fx.start());
    const QString live = fx.server->dbPath();
    const QString backup = fx.dir.filePath(QStringLiteral("backup.db"));
    auto r = runServerCommand(
        {QStringLiteral("backup"), QStringLiteral("--db"), live, QStringLiteral("--out"), backup});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // Something to lose: a push after the backup.
    auto admin = fx.client(QStringLiteral("admin"));
    QCOMPARE(admin
                 ->post(QStringLiteral("/api/v1/offline-sync/push"),
                        createsBody("dev-1", "res.partner", 3, "p-"))
                 .status,
             200);

    r = runServerCommand({QStringLiteral("restore"), QStringLiteral("--db"), live,
                          QStringLiteral("--from"), backup});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("in use by a running bridgecore-server"), r.err.constData());
    QCOMPARE(Db(live).scalar("SELECT count(*) FROM events"), 3);

    QCOMPARE(fx.server->stop(), 0);
    // While a restore holds the database (its lock taken the way restore takes it), no server
    // starts on it.
    {
        const int fd = ::open((live + QStringLiteral(".lock")).toUtf8().constData(), O_RDONLY);
        QVERIFY(fd >= 0);
        QCOMPARE(::flock(fd, LOCK_EX | LOCK_NB), 0);
        QVERIFY(!fx.start());
        QVERIFY2(fx.server->lastError().contains(QStringLiteral("being restored")),
                 qPrintable(fx.server->lastError()));
        ::close(fd);
    }
    r = runServerCommand({QStringLiteral("restore"), QStringLiteral("--db"), live,
                          QStringLiteral("--from"), backup});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(Db(live).scalar("SELECT count(*) FROM events"), 0);
    QVERIFY(fx.start());
    QCOMPARE(fx.client(QStringLiteral("admin"))->token().isEmpty(), false);
    QCOMPARE(fx.server->stop(), 0);
}

void BackupRestoreTest::restoreChecksTheBackup() {
    ServerFixture fx;
    QVERIFY(fx.prepare());
    const QString live = fx.server->dbPath();
    const QString backup = fx.dir.filePath(QStringLiteral("backup.db"));
    auto r = runServerCommand(
        {QStringLiteral("backup"), QStringLiteral("--db"), live, QStringLiteral("--out"), backup});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const int latest = schemaVersion(backup); // a fresh database has the latest
    QVERIFY(latest >= 1);
    const QByteArray before = fileBytes(live);

    auto restore = [&](const QString& from) {
        return runServerCommand({QStringLiteral("restore"), QStringLiteral("--db"), live,
                                 QStringLiteral("--from"), from});
    };
    // A backup from a newer BridgeCore: refused, naming both versions.
    QVERIFY(setUserVersion(backup, latest + 1));
    r = restore(backup);
    QVERIFY(r.exitCode != 0);
    const QByteArray newer = "schema version " + QByteArray::number(latest + 1);
    const QByteArray ours = "(" + QByteArray::number(latest) + ")";
    QVERIFY2(r.err.contains(newer) && r.err.contains(ours), r.err.constData());
    // A SQLite file that is not BridgeCore's, a file that is not SQLite, no file at all.
    const QString other = fx.dir.filePath(QStringLiteral("other.db"));
    {
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(other.toUtf8().constData(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "CREATE TABLE t (x); PRAGMA user_version = 1", nullptr, nullptr,
                              nullptr),
                 SQLITE_OK);
        sqlite3_close(db);
    }
    r = restore(other);
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("not a BridgeCore database"), r.err.constData());
    const QString text = fx.dir.filePath(QStringLiteral("notes.txt"));
    {
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
    }
    r = restore(text);
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("restore refused"), r.err.constData());
    r = restore(fx.dir.filePath(QStringLiteral("missing.db")));
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("no backup file"), r.err.constData());
    // None of that touched the database.
    QCOMPARE(fileBytes(live), before);

    // The server binary refuses a database newer than itself, naming both versions.
    QVERIFY(setUserVersion(live, latest + 1));
    QVERIFY(!fx.start());
    QVERIFY2(fx.server->lastError().contains(QStringLiteral("schema version %1").arg(latest + 1)) &&
                 fx.server->lastError().contains(QStringLiteral("(%1)").arg(latest)),
             qPrintable(fx.server->lastError()));
    QVERIFY(!fx.server->init());
}

void BackupRestoreTest::backupNeverOverwritesAFile() {
    ServerFixture fx;
    QVERIFY(fx.prepare());
    const QString out = fx.dir.filePath(QStringLiteral("precious.db"));
    {
        QFile f(out);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("keep me");
    }
    const auto r = runServerCommand({QStringLiteral("backup"), QStringLiteral("--db"),
                                     fx.server->dbPath(), QStringLiteral("--out"), out});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("exists"), r.err.constData());
    QCOMPARE(fileBytes(out), QByteArray("keep me"));
    QVERIFY(!QFile::exists(out + QStringLiteral(".partial")));
}

void BackupRestoreTest::postgresUrisPointToPostgresTools() {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("dump"));
    auto r = runServerCommand({QStringLiteral("backup"), QStringLiteral("--db"),
                               QStringLiteral("postgresql://bc@localhost/bridgecore"),
                               QStringLiteral("--out"), out});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("pg_dump"), r.err.constData());
    QVERIFY(!QFile::exists(out));
    r = runServerCommand({QStringLiteral("restore"), QStringLiteral("--db"),
                          QStringLiteral("postgresql://bc@localhost/bridgecore"),
                          QStringLiteral("--from"), out});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains("pg_restore"), r.err.constData());
}

QTEST_GUILESS_MAIN(BackupRestoreTest)
#include "BackupRestoreTest.moc"
