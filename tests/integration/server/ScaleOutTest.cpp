// Several bridgecore-server processes on one PostgreSQL database (DESIGN.md §7): pullers paging
// with small limits while pushes race across three processes see every event exactly once in
// strictly increasing order; a retried push arriving at two processes at once is applied once;
// concurrent updates of one record lose nothing; rate limits hold across processes; `serve`
// refuses an older schema; a password never shows in what the server prints.

#include "ServerFixture.h"

#include "storage/Migrations.h"
#include "storage/postgres/PgConnection.h"

#include <QThread>

#include <atomic>
#include <barrier>
#include <functional>
#include <map>
#include <mutex>
#include <set>

using namespace bridgecore;
using namespace bridgecore::testsupport;

namespace {

constexpr int kProcesses = 3;
const json kNoLimits = {
    {"log_requests", false},
    {"rate_limits",
     {{"push", {{"requests", 0}}}, {"pull", {{"requests", 0}}}, {"login", {{"requests", 0}}}}}};

/// Runs work(0..n-1) on n threads and waits for all.
void parallel(int n, const std::function<void(int)>& work) {
    std::vector<QThread*> threads;
    for (int i = 0; i < n; ++i)
        threads.push_back(QThread::create([&work, i] { work(i); }));
    for (auto* t : threads)
        t->start();
    for (auto* t : threads) {
        t->wait();
        delete t;
    }
}

json create(const std::string& localId, const std::string& model, const json& data, int priority) {
    return {{"local_id", localId}, {"action", "create"},
            {"model", model},      {"record_id", nullptr},
            {"data", data},        {"local_timestamp", "2025-11-24T10:30:00Z"},
            {"version", 1},        {"priority", priority}};
}

} // namespace

class ScaleOutTest : public QObject {
    Q_OBJECT
    TestDatabase db;
    std::vector<std::unique_ptr<ServerProcess>> servers;

    std::unique_ptr<HttpClient> client(int process, const QString& role = QStringLiteral("user")) {
        auto c =
            std::make_unique<HttpClient>(servers[std::size_t(process % kProcesses)]->baseUrl());
        c->login(role + QStringLiteral("@acme.test"), kPassword);
        return c;
    }

private slots:
    void initTestCase() {
        if (!testingPostgres())
            QSKIP("needs the PostgreSQL test cluster (ctest label postgres)");
        QVERIFY2(db.valid(), qPrintable(db.error()));
        ServerProcess setup(db.location());
        QVERIFY2(setup.init(), qPrintable(setup.lastError()));
        QVERIFY2(setup.addTenant(QStringLiteral("acme")), qPrintable(setup.lastError()));
        for (const char* role : {"admin", "user"})
            QVERIFY(setup.addUser(QStringLiteral("acme"),
                                  QString::fromLatin1(role) + QStringLiteral("@acme.test"),
                                  QString::fromLatin1(role), kPassword));
        for (int i = 0; i < kProcesses; ++i) {
            servers.push_back(std::make_unique<ServerProcess>(db.location()));
            QVERIFY2(servers.back()->start(kNoLimits), qPrintable(servers.back()->lastError()));
        }
    }

    void pullersSeeEveryEventOnceInOrder() {
        constexpr int kPushers = 12, kPushes = 8, kChanges = 5, kPullers = 4, kPageLimit = 7;
        constexpr int kTotal = kPushers * kPushes * kChanges;
        std::atomic<bool> pushersDone{false};
        std::atomic<int> pushFailures{0};
        std::vector<std::vector<std::int64_t>> seen(kPullers);
        std::vector<QString> pullerErrors(kPullers);
        std::atomic<int> pushersLeft{kPushers};

        parallel(kPushers + kPullers, [&](int t) {
            if (t < kPushers) {
                std::vector<std::unique_ptr<HttpClient>> to; // one per process
                for (int i = 0; i < kProcesses; ++i)
                    to.push_back(client(i));
                for (int p = 0; p < kPushes; ++p) {
                    json changes = json::array();
                    for (int c = 0; c < kChanges; ++c) {
                        const std::string id = "r" + std::to_string(t) + "-" + std::to_string(p) +
                                               "-" + std::to_string(c);
                        changes.push_back(create(id, "res.partner", {{"name", id}}, (t + c) % 11));
                    }
                    // Each push goes to the next process in turn.
                    const auto r = to[std::size_t((t + p) % kProcesses)]->post(
                        QStringLiteral("/api/v1/offline-sync/push"),
                        json{{"device_id", "pusher-" + std::to_string(t)}, {"changes", changes}});
                    if (r.status != 200 || r.json().value("succeeded", 0) != kChanges)
                        ++pushFailures;
                }
                if (--pushersLeft == 0)
                    pushersDone = true;
                return;
            }
            const int k = t - kPushers;
            auto http = client(k);
            std::int64_t last = 0;
            for (int rounds = 0; rounds < 100000; ++rounds) {
                const bool doneBefore = pushersDone.load();
                const auto r = http->post(QStringLiteral("/api/v1/offline-sync/pull"),
                                          json{{"device_id", "puller-" + std::to_string(k)},
                                               {"app_type", "sales_app"},
                                               {"last_event_id", last},
                                               {"limit", kPageLimit}});
                const json body = r.json();
                if (r.status != 200 || !body.contains("events")) {
                    pullerErrors[std::size_t(k)] = QStringLiteral("pull answered %1: %2")
                                                       .arg(r.status)
                                                       .arg(QString::fromUtf8(r.body));
                    return;
                }
                for (const auto& e : body["events"]) {
                    last = e["event_id"].get<std::int64_t>();
                    seen[std::size_t(k)].push_back(last);
                }
                if (!body.value("has_more", true) && doneBefore)
                    return;
            }
            pullerErrors[std::size_t(k)] = QStringLiteral("never caught up");
        });

        QCOMPARE(pushFailures.load(), 0);
        for (int k = 0; k < kPullers; ++k) {
            QVERIFY2(pullerErrors[std::size_t(k)].isEmpty(),
                     qPrintable(pullerErrors[std::size_t(k)]));
            const auto& ids = seen[std::size_t(k)];
            for (std::size_t i = 1; i < ids.size(); ++i)
                QVERIFY2(ids[i] > ids[i - 1],
                         qPrintable(QStringLiteral("puller %1: event %2 after %3")
                                        .arg(k)
                                        .arg(ids[i])
                                        .arg(ids[i - 1])));
            // Ids come from the tenant's counter row: every applied change is one event, 1..N.
            QCOMPARE(qsizetype(ids.size()), qsizetype(kTotal));
            QCOMPARE(ids.front(), std::int64_t(1));
            QCOMPARE(ids.back(), std::int64_t(kTotal));
        }
    }

    void duplicatePushAtTwoProcessesAppliesOnce() {
        constexpr int kRounds = 15;
        std::barrier sync(2);
        std::vector<json> answers[2];
        parallel(2, [&](int side) {
            auto http = client(side); // processes 0 and 1
            for (int round = 0; round < kRounds; ++round) {
                json changes = json::array();
                for (int c = 0; c < 3; ++c)
                    changes.push_back(
                        create("dup-" + std::to_string(round) + "-" + std::to_string(c),
                               "sale.order", {{"name", "SO" + std::to_string(round)}}, 5));
                const json body{{"device_id", "retrying-device"}, {"changes", changes}};
                sync.arrive_and_wait(); // both sides send the same push at once
                answers[side].push_back(
                    http->post(QStringLiteral("/api/v1/offline-sync/push"), body).json());
            }
        });
        int duplicates = 0;
        for (int round = 0; round < kRounds; ++round) {
            const json& a = answers[0][std::size_t(round)];
            const json& b = answers[1][std::size_t(round)];
            QVERIFY2(a.contains("results") && b.contains("results"), (a.dump() + b.dump()).c_str());
            for (std::size_t c = 0; c < 3; ++c) {
                const json& ra = a["results"][c];
                const json& rb = b["results"][c];
                QCOMPARE(QString::fromStdString(ra["status"].get<std::string>()),
                         QStringLiteral("success"));
                QCOMPARE(QString::fromStdString(rb["status"].get<std::string>()),
                         QStringLiteral("success"));
                const bool da = ra.value("duplicate", false), dbl = rb.value("duplicate", false);
                QVERIFY2(da != dbl, (ra.dump() + " / " + rb.dump()).c_str()); // exactly one is new
                QCOMPARE(ra["server_id"].get<std::int64_t>(), rb["server_id"].get<std::int64_t>());
                duplicates += da + dbl;
            }
        }
        QCOMPARE(duplicates, kRounds * 3);
        // Applied once: one event per change.
        auto admin = client(2, QStringLiteral("admin"));
        const auto r = admin->post(QStringLiteral("/api/v1/offline-sync/pull"),
                                   json{{"device_id", "counting-device"},
                                        {"app_type", "sales_app"},
                                        {"models_filter", {"sale.order"}},
                                        {"last_event_id", 0},
                                        {"limit", 500}});
        QCOMPARE(r.status, 200);
        QCOMPARE(qsizetype(r.json()["events"].size()), qsizetype(kRounds * 3));
    }

    void concurrentUpdatesOfOneRecordLoseNothing() {
        auto seed = client(0);
        const auto created = seed->post(
            QStringLiteral("/api/v1/offline-sync/push"),
            json{{"device_id", "seeder"},
                 {"changes", {create("contested", "product.product", {{"name", "v1"}}, 5)}}});
        QCOMPARE(created.status, 200);
        const std::int64_t id = created.json()["results"][0]["server_id"].get<std::int64_t>();
        constexpr int kWriters = 6;
        std::barrier sync(kWriters);
        std::vector<std::string> status(kWriters);
        parallel(kWriters, [&](int w) {
            auto http = client(w);
            const json change{{"local_id", "upd-" + std::to_string(w)},
                              {"action", "update"},
                              {"model", "product.product"},
                              {"record_id", id},
                              {"data", {{"name", "writer-" + std::to_string(w)}}},
                              {"local_timestamp", "2025-11-24T10:31:00Z"},
                              {"version", 1}};
            sync.arrive_and_wait();
            const auto r = http->post(QStringLiteral("/api/v1/offline-sync/push"),
                                      json{{"device_id", "writer-" + std::to_string(w)},
                                           {"conflict_strategy", "manual"},
                                           {"changes", {change}}});
            status[std::size_t(w)] = r.json()["results"][0].value("status", "?");
        });
        // All wrote over version 1: one applies, every other one is a conflict, none is lost.
        QCOMPARE(int(std::count(status.begin(), status.end(), "success")), 1);
        QCOMPARE(int(std::count(status.begin(), status.end(), "conflict")), kWriters - 1);
        auto admin = client(1, QStringLiteral("admin"));
        const auto r = admin->post(QStringLiteral("/api/v1/offline-sync/pull"),
                                   json{{"device_id", "checker"},
                                        {"app_type", "sales_app"},
                                        {"models_filter", {"product.product"}},
                                        {"last_event_id", 0},
                                        {"limit", 500}});
        QCOMPARE(r.status, 200);
        const json events = r.json()["events"];
        std::vector<std::int64_t> versions;
        for (const auto& e : events)
            if (e["record_id"].get<std::int64_t>() == id)
                versions.push_back(e["version"].get<std::int64_t>());
        QCOMPARE(versions, (std::vector<std::int64_t>{1, 2}));
    }

    void rateLimitsHoldAcrossProcesses() {
        // A documented per-process share: with "server_processes": 3 each process allows a
        // third of the limit, so the user's total over all processes stays within it.
        std::vector<std::unique_ptr<ServerProcess>> limited;
        for (int i = 0; i < kProcesses; ++i) {
            limited.push_back(std::make_unique<ServerProcess>(db.location()));
            QVERIFY(limited.back()->start(json{{"log_requests", false},
                                               {"server_processes", kProcesses},
                                               {"rate_limits", {{"state", {{"requests", 6}}}}}}));
        }
        int allowed = 0;
        for (int i = 0; i < 12; ++i) {
            HttpClient http(limited[std::size_t(i % kProcesses)]->baseUrl());
            http.login(QStringLiteral("admin@acme.test"), kPassword);
            const auto r =
                http.get(QStringLiteral("/api/v1/offline-sync/state?device_id=rate-dev"));
            QVERIFY2(r.status == 200 || r.status == 429, r.body.constData());
            allowed += r.status == 200;
            if (r.status == 200)
                QCOMPARE(r.header("x-ratelimit-limit"), QByteArray("2"));
        }
        QCOMPARE(allowed, 6);
        for (auto& s : limited)
            QCOMPARE(s->stop(), 0);
    }

    void serveRefusesAnOlderSchema() {
        TestDatabase old;
        QVERIFY2(old.valid(), qPrintable(old.error()));
        const QStringList serve{QStringLiteral("serve"), QStringLiteral("--db"), old.location(),
                                QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")};
        // No schema at all.
        auto r = runServerCommand(serve, {}, testJwtSecret(), 20000);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("no BridgeCore schema") && r.err.contains("init"),
                 r.err.constData());
        // Schema version 1, as an older build left it.
        {
            auto c = storage::postgres::Connection::open(old.locationStd());
            QVERIFY(c.ok());
            QVERIFY(c.value()->script(storage::migrations()[0].postgres).ok());
            QVERIFY(c.value()
                        ->script("CREATE TABLE bridgecore_schema (version INTEGER NOT NULL);"
                                 "INSERT INTO bridgecore_schema VALUES (1)")
                        .ok());
        }
        r = runServerCommand(serve, {}, testJwtSecret(), 20000);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("schema version 1, older than this BridgeCore build"),
                 r.err.constData());
        QVERIFY(!r.out.contains("listening"));
        // `init` upgrades it; then serve starts.
        r = runServerCommand({QStringLiteral("init"), QStringLiteral("--db"), old.location()});
        QCOMPARE(r.exitCode, 0);
        ServerProcess server(old.location());
        QVERIFY2(server.start(), qPrintable(server.lastError()));
        QCOMPARE(server.stop(), 0);
    }

    void passwordComesFromUriOrEnvironmentAndIsNeverShown() {
        // The cluster's role bridgecore_pw must authenticate with its password.
        const std::string base = qEnvironmentVariable("BRIDGECORE_PG_URI").toStdString();
        auto admin = storage::postgres::Connection::open(base);
        QVERIFY(admin.ok());
        const std::string name = "bc_pw_" + std::to_string(QCoreApplication::applicationPid());
        QVERIFY(admin.value()->script("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").ok());
        QVERIFY(admin.value()->script("CREATE DATABASE " + name + " OWNER bridgecore_pw").ok());
        const std::string host = base.substr(base.find('?'));
        const QString secret = QStringLiteral("pw-secret-4711");
        const QString inUri = QString::fromStdString("postgresql://bridgecore_pw:") + secret +
                              QString::fromStdString("@/" + name + host);
        const QString noPassword =
            QString::fromStdString("postgresql://bridgecore_pw@/" + name + host);
        const QString wrong =
            QString::fromStdString("postgresql://bridgecore_pw:wrong-pass-99@/" + name + host);

        auto r = runServerCommand({QStringLiteral("init"), QStringLiteral("--db"), inUri});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!r.out.contains(secret.toUtf8()) && !r.err.contains(secret.toUtf8()));
        // Without a password: refused, and the message says why.
        r = runServerCommand({QStringLiteral("tenant"), QStringLiteral("add"),
                              QStringLiteral("--db"), noPassword, QStringLiteral("--name"),
                              QStringLiteral("pw")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("password"), r.err.constData());
        // A wrong one: refused, and never echoed.
        r = runServerCommand({QStringLiteral("tenant"), QStringLiteral("add"),
                              QStringLiteral("--db"), wrong, QStringLiteral("--name"),
                              QStringLiteral("pw")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(!r.err.contains("wrong-pass-99") && r.err.contains("***"), r.err.constData());
        // PGPASSWORD, as libpq reads it.
        qputenv("PGPASSWORD", secret.toUtf8());
        r = runServerCommand({QStringLiteral("tenant"), QStringLiteral("add"),
                              QStringLiteral("--db"), noPassword, QStringLiteral("--name"),
                              QStringLiteral("pw")});
        qunsetenv("PGPASSWORD");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // A serving process with the password in its URI prints it nowhere.
        ServerProcess server(inUri);
        QVERIFY2(server.start(json{{"log_requests", true}}), qPrintable(server.lastError()));
        HttpClient http(server.baseUrl());
        QCOMPARE(http.get(QStringLiteral("/api/v1/offline-sync/health")).status, 200);
        QCOMPARE(server.stop(), 0);
        QVERIFY(!server.stderrText().contains(secret.toUtf8()));
        admin.value()->script("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").ok();
    }

    void cleanupTestCase() {
        for (auto& s : servers)
            QCOMPARE(s->stop(), 0);
    }
};

QTEST_GUILESS_MAIN(ScaleOutTest)
#include "ScaleOutTest.moc"
