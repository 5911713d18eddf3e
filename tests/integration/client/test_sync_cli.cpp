// The bridgecore-sync CLI as an offline device lives with it, against the real server:
// status tells the truth after a failed sync and after the server refused the session,
// a damaged cache is named and its queued work salvaged (recover, import-outbox), and a long
// pull shows progress and can be interrupted and resumed.

#include "ClientTestSupport.h"
#include "ServerProcess.h"

#include "client/ClientCache.h"
#include "client/HttpTransport.h"
#include "client/SyncClient.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace bridgecore;
using namespace bridgecore::clienttest;

namespace {
const QString kEmail = QStringLiteral("cli@acme.test");
const QString kPassword = QStringLiteral("password-123");
const json kConfig = {
    {"log_requests", false},
    {"rate_limits",
     {{"push", {{"requests", 0}}}, {"pull", {{"requests", 0}}}, {"login", {{"requests", 0}}}}}};

QByteArray fileBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestSyncCli : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void failedRefreshLeavesChangesPending();
    void refusedSessionIsNotLoggedIn();
    void damagedCacheIsNamedAndItsOutboxSalvaged();
    void longPullShowsProgressAndResumesAfterInterrupt();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<testsupport::ServerProcess> m_server;
    std::optional<qint64> m_tenant;
};

void TestSyncCli::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<testsupport::ServerProcess>(m_dir->filePath("server.db"));
    QVERIFY2(m_server->init(), qPrintable(m_server->lastError()));
    m_tenant = m_server->addTenant("acme");
    QVERIFY(m_tenant);
    QVERIFY(m_server->addUser("acme", kEmail, "user", kPassword));
    QVERIFY2(m_server->start(kConfig), qPrintable(m_server->lastError()));
}

void TestSyncCli::cleanup() {
    m_server.reset();
    m_dir.reset();
}

void TestSyncCli::failedRefreshLeavesChangesPending() {
    CliDevice device(m_dir->filePath("d.db"), "dev-refresh", m_server->baseUrl(), kEmail);
    QCOMPARE(device.run({"login"}, kPassword.toUtf8() + '\n').exitCode, 0);
    QStringList ids;
    for (int i = 0; i < 3; ++i) {
        const auto r = device.run({"create", "res.partner", QStringLiteral("{\"n\":%1}").arg(i)});
        QCOMPARE(r.exitCode, 0);
        ids << QString::fromStdString(r.last()["local_id"].get<std::string>());
    }
    m_server->stop(); // the server is down: the token refresh fails
    const auto sync = device.run({"sync", "--timeout", "5"});
    QCOMPARE(sync.exitCode, 1);
    QVERIFY2(sync.err.contains("network"), sync.err.constData());
    json status = device.run({"status"}).last();
    QCOMPARE(status["outbox"]["in_flight"].get<int>(), 0); // nothing was sent
    QCOMPARE(status["outbox"]["pending"].get<int>(), 3);
    // So a delete of a queued create still cancels it on the device.
    QCOMPARE(device.run({"delete", "res.partner", ids[0]}).exitCode, 0);
    status = device.run({"status"}).last();
    QCOMPARE(status["outbox"]["pending"].get<int>(), 2);
    QCOMPARE(status["outbox"]["active"].get<int>(), 2);
    QVERIFY2(m_server->start(kConfig), qPrintable(m_server->lastError()));
    device.setServer(m_server->baseUrl());
    const auto again = device.run({"sync"});
    QVERIFY2(again.exitCode == 0, again.err.constData());
    QCOMPARE(again.last()["push"]["sent"].get<int>(), 2);
    QCOMPARE(serverRecords(m_server->dbPath(), *m_tenant, "res.partner").size(), std::size_t(2));
}

void TestSyncCli::refusedSessionIsNotLoggedIn() {
    CliDevice device(m_dir->filePath("d.db"), "dev-refused", m_server->baseUrl(), kEmail);
    QCOMPARE(device.run({"login"}, kPassword.toUtf8() + '\n').exitCode, 0);
    QVERIFY(device.run({"status"}).last()["logged_in"].get<bool>());
    QCOMPARE(device.run({"create", "res.partner", "{\"n\":1}"}).exitCode, 0);
    // The server's secret changes: the kept refresh token is no good any more.
    m_server->stop();
    testsupport::ServerProcess rotated(
        m_server->dbPath(), QByteArrayLiteral("another-secret-0123456789-abcdefghijklmnopq"));
    QVERIFY2(rotated.start(kConfig), qPrintable(rotated.lastError()));
    device.setServer(rotated.baseUrl());
    const auto sync = device.run({"sync"});
    QCOMPARE(sync.exitCode, 1);
    QVERIFY2(sync.err.contains("log in again"), sync.err.constData());
    const json status = device.run({"status"}).last();
    QCOMPARE(status["logged_in"].get<bool>(), false);
    QVERIFY(status["session_refused"].is_string());
    QCOMPARE(status["outbox"]["pending"].get<int>(), 1); // refused as a whole: still pending
    QCOMPARE(status["outbox"]["in_flight"].get<int>(), 0);
    const auto next = device.run({"sync"});
    QCOMPARE(next.exitCode, 1);
    QVERIFY2(next.err.contains("login"), next.err.constData());
    // Logging in again clears it, and the queued change goes out.
    QCOMPARE(device.run({"login"}, kPassword.toUtf8() + '\n').exitCode, 0);
    const json after = device.run({"status"}).last();
    QVERIFY(after["logged_in"].get<bool>());
    QVERIFY(after["session_refused"].is_null());
    QCOMPARE(device.run({"sync"}).exitCode, 0);
    rotated.stop();
}

void TestSyncCli::damagedCacheIsNamedAndItsOutboxSalvaged() {
    const QString path = m_dir->filePath("damaged.db");
    CliDevice device(path, "dev-damaged", m_server->baseUrl(), kEmail);
    QCOMPARE(device.run({"login"}, kPassword.toUtf8() + '\n').exitCode, 0);
    // Some work went out, the rest was queued offline.
    std::set<std::string> queued;
    for (int i = 0; i < 20; ++i)
        QCOMPARE(device.run({"create", "res.partner", QStringLiteral("{\"tag\":\"s%1\"}").arg(i)})
                     .exitCode,
                 0);
    QCOMPARE(device.run({"sync"}).exitCode, 0);
    {
        auto cache = client::ClientCache::open(path);
        QVERIFY(cache.ok());
        std::vector<client::LocalEdit> edits;
        for (int i = 0; i < 400; ++i)
            edits.push_back({protocol::Action::Create,
                             "res.partner",
                             {},
                             {{"tag", "q" + std::to_string(i)}, {"notes", std::string(300, 'x')}},
                             5});
        auto ids = cache.value()->applyEdits(edits);
        QVERIFY(ids.ok());
        queued.insert(ids.value().begin(), ids.value().end());
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.resize(f.size() * 7 / 10));
    f.close();
    const QByteArray before = fileBytes(path);

    // Every command names the file and the way out, and leaves the file as it is.
    const auto status = device.run({"status"});
    QCOMPARE(status.exitCode, 1);
    QVERIFY2(status.err.contains(path.toUtf8()), status.err.constData());
    QVERIFY2(status.err.contains("bridgecore-sync recover --cache"), status.err.constData());
    QCOMPARE(fileBytes(path), before);

    const QString out = m_dir->filePath("outbox.json");
    const auto rec = device.run({"recover", "--out", out});
    QVERIFY2(rec.exitCode == 0, rec.err.constData());
    QCOMPARE(fileBytes(path), before);
    const int salvaged = rec.last()["active"].get<int>();
    QVERIFY(salvaged > 0);
    QVERIFY(salvaged <= int(queued.size()));
    qInfo("recover salvaged %d of %zu queued changes from a cache cut to 70%%", salvaged,
          queued.size());

    // A fresh cache takes device, app type and server from the file (no --device given).
    const QString freshPath = m_dir->filePath("fresh.db");
    QProcess p;
    p.start(cliBinary(), {"--cache", freshPath, "--email", kEmail, "import-outbox", out});
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    const json imported =
        json::parse(p.readAllStandardOutput().trimmed().split('\n').last().toStdString());
    QCOMPARE(imported["queued"].get<int>(), salvaged);
    QCOMPARE(imported["device_id"].get<std::string>(), std::string("dev-damaged"));
    // Not on another device's cache: the server would not recognise them there.
    CliDevice other(m_dir->filePath("other.db"), "dev-other", m_server->baseUrl(), kEmail);
    const auto refused = other.run({"import-outbox", out});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("dev-damaged"), refused.err.constData());
    CliDevice fresh(freshPath, "dev-damaged", m_server->baseUrl(), kEmail);
    QCOMPARE(fresh.run({"login"}, kPassword.toUtf8() + '\n').exitCode, 0);
    const auto sync = fresh.run({"sync"});
    QVERIFY2(sync.exitCode == 0, sync.err.constData());
    QCOMPARE(sync.last()["push"]["succeeded"].get<int>(), salvaged);
    // On the server: the 20 synced before, and each salvaged change once.
    std::map<std::string, int> tags;
    for (const auto& [id, data] : serverRecords(m_server->dbPath(), *m_tenant, "res.partner"))
        ++tags[data["tag"].get<std::string>()];
    QCOMPARE(int(tags.size()), 20 + salvaged);
    for (const auto& [tag, n] : tags)
        QVERIFY2(n == 1, tag.c_str());
}

void TestSyncCli::longPullShowsProgressAndResumesAfterInterrupt() {
    // Another device puts 30,000 records on the server.
    auto writer = client::ClientCache::open(m_dir->filePath("writer.db"));
    QVERIFY(writer.ok());
    QVERIFY(writer.value()->setDeviceId("writer").ok());
    QVERIFY(writer.value()->setAppType("sales_app").ok());
    for (int done = 0; done < 30000;) {
        std::vector<client::LocalEdit> edits;
        for (int k = 0; k < 1000; ++k, ++done)
            edits.push_back({protocol::Action::Create, "res.partner", {}, {{"w", done}}, 5});
        QVERIFY(writer.value()->applyEdits(edits).ok());
    }
    client::HttpTransport http{QUrl(m_server->baseUrl())};
    http.setGzipRequests(true); // off by default to loopback; the server takes gzip bodies
    QVERIFY(http.login(kEmail.toStdString(), kPassword.toStdString()).ok());
    client::SyncClient w(*writer.value(), http);
    QVERIFY(w.push().ok());

    CliDevice device(m_dir->filePath("d.db"), "dev-pull", m_server->baseUrl(), kEmail);
    QCOMPARE(device.run({"login"}, kPassword.toUtf8() + '\n').exitCode, 0);
    auto proc = device.start({"pull", "--progress"});
    // Interrupted (SIGTERM, as Ctrl-C's SIGINT) once progress shows.
    QByteArray err;
    while (!err.contains("pull ") && proc->state() == QProcess::Running) {
        proc->waitForReadyRead(100);
        err += proc->readAllStandardError();
    }
    proc->terminate();
    QVERIFY(proc->waitForFinished(60000));
    err += proc->readAllStandardError();
    QCOMPARE(proc->exitCode(), 130);
    const json stopped = json::parse(proc->readAllStandardOutput().trimmed().toStdString());
    QVERIFY(stopped["interrupted"].get<bool>());
    const int first = stopped["pull"]["events"].get<int>();
    QVERIFY(first > 0 && first < 30000);
    QVERIFY2(QRegularExpression(QStringLiteral("pull \\d+/30000 events, \\d+/s"))
                 .match(QString::fromUtf8(err))
                 .hasMatch(),
             err.constData());
    QVERIFY2(err.contains("run pull again to resume"), err.constData());
    // The pages applied are kept: the status shows where it stopped.
    const json status = device.run({"status"}).last();
    QVERIFY(status["last_event_id"] == stopped["pull"]["last_event_id"]);
    // Resumed where it stopped: the rest, and nothing twice.
    const auto rest = device.run({"pull", "--progress"});
    QVERIFY2(rest.exitCode == 0, rest.err.constData());
    QCOMPARE(first + rest.last()["pull"]["events"].get<int>(), 30000);
    QVERIFY2(rest.err.contains("s left") || rest.err.contains("/s"), rest.err.constData());
    QCOMPARE(device.records("res.partner").size(), std::size_t(30000));
}

QTEST_GUILESS_MAIN(TestSyncCli)
#include "test_sync_cli.moc"
