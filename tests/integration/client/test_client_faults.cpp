// The offline client under faults, against the real server: the server killed and restarted
// during a push, a proxy answering 500 / closing connections / dropping responses, an access
// token expiring in the middle of a sync, and a local edit made while a pull is applying pages.

#include "ClientTestSupport.h"
#include "ServerProcess.h"

#include "client/ClientCache.h"
#include "client/HttpTransport.h"
#include "client/SyncClient.h"
#include "client/SyncScheduler.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

using namespace bridgecore;
using namespace bridgecore::clienttest;
using client::ClientCache;
using client::LocalEdit;

#define JCOMPARE(a, b)                                                                             \
    QVERIFY2(json(a) == json(b), (json(a).dump() + " != " + json(b).dump()).c_str())

namespace {
const QString kEmail = QStringLiteral("faults@acme.test");
const QString kPassword = QStringLiteral("password-123");

json serverConfig(json extra = json::object()) {
    json c = {{"log_requests", false},
              {"rate_limits",
               {{"push", {{"requests", 0}}},
                {"pull", {{"requests", 0}}},
                {"state", {{"requests", 0}}},
                {"login", {{"requests", 0}}}}}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        c[it.key()] = it.value();
    return c;
}

struct Env {
    QTemporaryDir dir;
    std::unique_ptr<testsupport::ServerProcess> server;
    qint64 tenant = 0;
    json config;

    bool up(json cfg = serverConfig()) {
        config = cfg;
        server = std::make_unique<testsupport::ServerProcess>(dir.filePath("server.db"));
        if (!server->init())
            return false;
        auto t = server->addTenant("acme");
        if (!t)
            return false;
        tenant = *t;
        return server->addUser("acme", kEmail, "user", kPassword) && server->start(config);
    }
};

std::unique_ptr<ClientCache> deviceCache(const QString& path, const std::string& device) {
    auto c = ClientCache::open(path);
    if (!c.ok())
        qFatal("cache: %s", c.error().message.c_str());
    auto cache = std::move(c.value());
    if (!cache->setDeviceId(device).ok() || !cache->setAppType("sales_app").ok())
        qFatal("cache setup");
    return cache;
}

std::vector<LocalEdit> taggedCreates(const std::string& prefix, int n) {
    std::vector<LocalEdit> edits;
    for (int i = 0; i < n; ++i)
        edits.push_back({protocol::Action::Create,
                         "res.partner",
                         {},
                         {{"tag", prefix + std::to_string(i)}, {"name", "N" + std::to_string(i)}},
                         5});
    return edits;
}

/// Every tag with `prefix` on the server exactly once, `n` of them.
void verifyExactlyOnce(const Env& env, const std::string& prefix, int n) {
    std::map<std::string, int> seen;
    for (const auto& [id, data] : serverRecords(env.server->dbPath(), env.tenant, "res.partner"))
        if (data.contains("tag") && data["tag"].get<std::string>().rfind(prefix, 0) == 0)
            ++seen[data["tag"].get<std::string>()];
    QCOMPARE(int(seen.size()), n);
    for (const auto& [tag, count] : seen)
        QVERIFY2(count == 1, ("duplicate on the server: " + tag).c_str());
}

/// Cached records of `model` equal the server's.
void verifyCacheEqualsServer(const Env& env, ClientCache& cache) {
    std::map<std::int64_t, json> cached;
    for (const auto& r : cache.records("res.partner"))
        cached[r.server_id.value_or(-r.row)] = r.data;
    QVERIFY2(cached == serverRecords(env.server->dbPath(), env.tenant, "res.partner"),
             "the cache differs from the server");
}

/// Sleeps before the n-th pull, long enough for a 1 s access token to expire mid-sync.
class SlowSecondPull : public client::Transport {
public:
    explicit SlowSecondPull(client::Transport& inner)
        : m_inner(inner) {}
    Result<protocol::PushResponse> push(const protocol::PushRequest& r) override {
        return m_inner.push(r);
    }
    Result<protocol::PullResponse> pull(const protocol::PullRequest& r) override {
        if (++pulls == 2)
            QThread::msleep(2100);
        return m_inner.pull(r);
    }
    Result<protocol::ResolveResponse> resolve(const protocol::ResolveRequest& r) override {
        return m_inner.resolve(r);
    }
    Result<protocol::SyncState> state(const std::string& d) override { return m_inner.state(d); }
    Result<protocol::ResetResponse> reset(const std::string& d) override {
        return m_inner.reset(d);
    }
    int pulls = 0;

private:
    client::Transport& m_inner;
};

} // namespace

class TestClientFaults : public QObject {
    Q_OBJECT
private slots:
    void serverKilledAndRestartedDuringPush();
    void errorsAndClosedConnectionsBackOffAndRetry();
    void tokenExpiryMidSyncIsRefreshed();
    void localEditDuringPullIsKept();
};

void TestClientFaults::serverKilledAndRestartedDuringPush() {
    Env env;
    QVERIFY2(env.up(), qPrintable(env.server->lastError()));
    FaultProxy proxy(env.server->port());
    QVERIFY(proxy.listen());
    auto cache = deviceCache(env.dir.filePath("dev.db"), "restart-device");
    QVERIFY(cache->applyEdits(taggedCreates("r", 3000)).ok());
    client::HttpTransport http{QUrl(proxy.url())};
    http.setTimeoutMs(15000);
    QVERIFY(http.login(kEmail.toStdString(), kPassword.toStdString()).ok());
    client::SyncClient syncClient(*cache, http);
    client::SyncScheduler scheduler(syncClient);
    scheduler.setIntervalMs(600000);
    scheduler.setBackoff(50, 400);
    QSignalSpy finished(&scheduler, &client::SyncScheduler::finished);
    QSignalSpy failed(&scheduler, &client::SyncScheduler::failed);

    bool killed = false;
    connect(&proxy, &FaultProxy::requestSeen, this, [&](const QByteArray& line) {
        if (killed || !line.contains("/offline-sync/push"))
            return;
        killed = true;
        // Let the server start applying the first 1,000 changes, kill it mid-push, and bring
        // it back a little later (until then every attempt fails).
        QTimer::singleShot(40, this, [&] {
            env.server->kill();
            QTimer::singleShot(500, this, [&] {
                QVERIFY(env.server->start(env.config));
                proxy.setUpstreamPort(env.server->port());
            });
        });
    });
    scheduler.start();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1, 120000);
    qInfo("failures %d, proxy connections %d, summary %s", int(failed.count()),
          proxy.connectionsSeen(), qPrintable(finished.first().first().toString()));
    QVERIFY(killed);
    QVERIFY(failed.count() >= 1); // the killed push failed and was retried after a backoff
    // Part of the first request was applied before the kill: the resend found it in the ledger.
    const json summary = json::parse(finished.last().first().toString().toStdString());
    qInfo("duplicates reported by the server on the resend: %d",
          summary["push"]["duplicates"].get<int>());
    QCOMPARE(cache->outboxCounts().active(), 0);
    QCOMPARE(cache->outboxCounts().synced, 3000);
    verifyExactlyOnce(env, "r", 3000);
    verifyCacheEqualsServer(env, *cache);
}

void TestClientFaults::errorsAndClosedConnectionsBackOffAndRetry() {
    Env env;
    QVERIFY2(env.up(), qPrintable(env.server->lastError()));
    FaultProxy proxy(env.server->port());
    QVERIFY(proxy.listen());
    auto cache = deviceCache(env.dir.filePath("dev.db"), "fault-device");
    QVERIFY(cache->applyEdits(taggedCreates("f", 1500)).ok());
    client::HttpTransport http{QUrl(proxy.url())};
    http.setTimeoutMs(15000);
    QVERIFY(http.login(kEmail.toStdString(), kPassword.toStdString()).ok());
    client::SyncClient syncClient(*cache, http);
    client::SyncScheduler scheduler(syncClient);
    scheduler.setIntervalMs(600000);
    scheduler.setBackoff(20, 200);
    QSignalSpy finished(&scheduler, &client::SyncScheduler::finished);
    QSignalSpy failed(&scheduler, &client::SyncScheduler::failed);
    std::vector<int> delays;
    connect(&scheduler, &client::SyncScheduler::failed, this, [&](const QString& reason) {
        qInfo("sync failed: %s", qPrintable(reason));
        QTimer::singleShot(0, this, [&] { delays.push_back(scheduler.nextDelayMs()); });
    });

    using M = FaultProxy::Mode;
    // 500s, closed connections, and responses lost after the server applied the push.
    proxy.script({M::Error500, M::Error500, M::Close, M::DropResponse, M::Close, M::DropResponse,
                  M::Error500});
    scheduler.start();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1, 120000);
    QCOMPARE(proxy.faultsLeft(), 0);
    QVERIFY(failed.count() >= 3);
    QVERIFY(delays.size() >= 3);
    QVERIFY2(delays[1] > delays[0] && delays[2] > delays[1], "the backoff did not grow");
    QCOMPARE(cache->outboxCounts().active(), 0);
    verifyExactlyOnce(env, "f", 1500);
    verifyCacheEqualsServer(env, *cache);
    QCOMPARE(scheduler.consecutiveFailures(), 0);
}

void TestClientFaults::tokenExpiryMidSyncIsRefreshed() {
    Env env;
    QVERIFY2(env.up(serverConfig({{"access_token_seconds", 1}})),
             qPrintable(env.server->lastError()));
    // Another device fills the server with 1,500 events (three pages of 500).
    auto writerCache = deviceCache(env.dir.filePath("writer.db"), "writer");
    QVERIFY(writerCache->applyEdits(taggedCreates("t", 1500)).ok());
    client::HttpTransport writerHttp{QUrl(env.server->baseUrl())};
    QVERIFY(writerHttp.login(kEmail.toStdString(), kPassword.toStdString()).ok());
    client::SyncClient writer(*writerCache, writerHttp);
    QVERIFY(writer.push().ok());

    auto cache = deviceCache(env.dir.filePath("reader.db"), "reader");
    client::HttpTransport http{QUrl(env.server->baseUrl())};
    int issued = 0;
    http.setTokenListener([&](const std::string& refresh) {
        ++issued;
        (void)cache->setStateValue("refresh_token", refresh);
    });
    QVERIFY(http.login(kEmail.toStdString(), kPassword.toStdString()).ok());
    QCOMPARE(issued, 1);
    const std::string firstAccess = http.accessToken();
    SlowSecondPull slow(http);
    client::SyncClient reader(*cache, slow);
    auto r = reader.sync(); // the token expires between the first and the second page
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QVERIFY(slow.pulls >= 3);
    QCOMPARE(r.value().pull.events, 1500);
    QVERIFY(issued >= 2); // refreshed without a new login
    QVERIFY(http.accessToken() != firstAccess);
    QCOMPARE(cache->stateValue("refresh_token"), http.refreshToken()); // kept for next time
    verifyCacheEqualsServer(env, *cache);
}

void TestClientFaults::localEditDuringPullIsKept() {
    Env env;
    QVERIFY2(env.up(), qPrintable(env.server->lastError()));
    const QString cachePath = env.dir.filePath("cli.db");
    CliDevice device(cachePath, "edit-device", env.server->baseUrl(), kEmail);
    QCOMPARE(device.run({"login"}, kPassword.toUtf8() + '\n').exitCode, 0);
    const CliResult created =
        device.run({"create", "res.partner", R"({"name":"x0","phone":"p0"})"});
    QCOMPARE(created.exitCode, 0);
    QCOMPARE(device.run({"sync"}).exitCode, 0);
    const std::int64_t x = device.serverId(
        "res.partner", QString::fromStdString(created.last()["local_id"].get<std::string>()));
    QVERIFY(x > 0);

    // The server moves on: 3,000 new records and, last, a change of x's name.
    auto writerCache = deviceCache(env.dir.filePath("writer.db"), "writer");
    client::HttpTransport writerHttp{QUrl(env.server->baseUrl())};
    QVERIFY(writerHttp.login(kEmail.toStdString(), kPassword.toStdString()).ok());
    client::SyncClient writer(*writerCache, writerHttp);
    QVERIFY(writer.pull().ok());
    QVERIFY(writerCache->applyEdits(taggedCreates("e", 3000)).ok());
    QVERIFY(writerCache->updateRecord("res.partner", x, {{"name", "server-name"}}).ok());
    QVERIFY(writer.push().ok());

    // The device pulls the pages while the user keeps editing x's phone.
    auto pull = device.start({"pull"});
    int during = 0;
    QString last;
    for (int k = 1; k <= 200; ++k) {
        const bool running = pull->state() != QProcess::NotRunning;
        last = QStringLiteral("edit-%1").arg(k);
        const CliResult r =
            device.run({"update", "res.partner", QString::number(x),
                        QString::fromStdString(json({{"phone", last.toStdString()}}).dump())});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        if (running)
            ++during;
        else
            break;
    }
    QVERIFY(pull->waitForFinished(60000));
    QVERIFY2(pull->exitCode() == 0, pull->readAllStandardError().constData());
    QVERIFY2(during >= 1, "no edit overlapped the pull");

    const auto cached = device.records("res.partner");
    JCOMPARE(cached.at(x)["phone"], json(last.toStdString())); // not overwritten, not lost
    JCOMPARE(cached.at(x)["name"], json("server-name"));       // the pulled field landed
    QCOMPARE(device.run({"sync"}).exitCode, 0);
    const auto server = serverRecords(env.server->dbPath(), env.tenant, "res.partner");
    JCOMPARE(server.at(x)["phone"], json(last.toStdString()));
    JCOMPARE(server.at(x)["name"], json("server-name"));
    QVERIFY(device.records("res.partner") == server);
}

QTEST_GUILESS_MAIN(TestClientFaults)
#include "test_client_faults.moc"
