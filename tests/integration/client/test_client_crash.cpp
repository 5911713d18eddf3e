// Crash safety of the offline client: `bridgecore-sync sync|push|pull` is killed with SIGKILL
// at random moments while it pushes and pulls against the real server, at least 50 times.
// After a final clean sync the server holds every queued change exactly once, there are no
// duplicate records, and the device's cache equals the server.

#include "ClientTestSupport.h"
#include "ServerProcess.h"

#include "client/ClientCache.h"
#include "client/HttpTransport.h"
#include "client/SyncClient.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <random>
#include <set>

using namespace bridgecore;
using namespace bridgecore::clienttest;
using client::ClientCache;
using client::LocalEdit;

namespace {
const QString kEmail = QStringLiteral("crash@acme.test");
const QString kPassword = QStringLiteral("password-123");
constexpr int kMinKills = 50;
constexpr int kMaxTrials = 200;
} // namespace

class TestClientCrash : public QObject {
    Q_OBJECT
private slots:
    void sigkillDuringPushAndPullLosesAndDuplicatesNothing();
};

void TestClientCrash::sigkillDuringPushAndPullLosesAndDuplicatesNothing() {
    QTemporaryDir dir;
    testsupport::ServerProcess server(dir.filePath("server.db"));
    QVERIFY2(server.init(), qPrintable(server.lastError()));
    const auto tenant = server.addTenant("acme");
    QVERIFY(tenant);
    QVERIFY(server.addUser("acme", kEmail, "user", kPassword));
    const json config = {
        {"log_requests", false},
        {"rate_limits",
         {{"push", {{"requests", 0}}}, {"pull", {{"requests", 0}}}, {"login", {{"requests", 0}}}}}};
    QVERIFY2(server.start(config), qPrintable(server.lastError()));

    // The crashing device, driven by the CLI; its edits are queued through the same cache file.
    const QString cachePath = dir.filePath("crash-device.db");
    CliDevice device(cachePath, "crash-device", server.baseUrl(), kEmail);
    const CliResult login = device.run({"login"}, kPassword.toUtf8() + '\n');
    QVERIFY2(login.exitCode == 0, login.err.constData());
    auto opened = ClientCache::open(cachePath);
    QVERIFY(opened.ok());
    ClientCache& queue = *opened.value();

    // Another device keeps writing, so every pull has pages to apply.
    auto writerCache = ClientCache::open(dir.filePath("writer.db"));
    QVERIFY(writerCache.ok());
    QVERIFY(writerCache.value()->setDeviceId("writer-device").ok());
    QVERIFY(writerCache.value()->setAppType("sales_app").ok());
    client::HttpTransport writerHttp{QUrl(server.baseUrl())};
    QVERIFY(writerHttp.login(kEmail.toStdString(), kPassword.toStdString()).ok());
    client::SyncClient writer(*writerCache.value(), writerHttp);

    std::mt19937 rng(20251125);
    std::map<std::string, int> expected;                   // tag -> last counter written (0 = none)
    std::vector<std::pair<std::string, std::string>> live; // (tag, local_id) not deleted
    std::set<std::string> deleted;
    std::set<std::string> writerTags;
    int tagSeq = 0, writerSeq = 0;

    auto queueEdits = [&](int trial) {
        std::vector<LocalEdit> edits;
        std::vector<std::string> newTags;
        for (int k = 0; k < 30; ++k) {
            const std::string tag = "c" + std::to_string(++tagSeq);
            edits.push_back({protocol::Action::Create,
                             "res.partner",
                             {},
                             {{"tag", tag}, {"name", "Customer " + tag}, {"counter", 0}},
                             5});
            newTags.push_back(tag);
        }
        auto ids = queue.applyEdits(edits);
        QVERIFY2(ids.ok(), ids.ok() ? "" : ids.error().message.c_str());
        for (std::size_t i = 0; i < newTags.size(); ++i) {
            expected[newTags[i]] = 0;
            live.emplace_back(newTags[i], ids.value()[i]);
        }
        for (int k = 0; k < 10 && !live.empty(); ++k) {
            auto& [tag, lid] = live[rng() % live.size()];
            QVERIFY(queue.updateRecord("res.partner", lid, {{"counter", trial}}).ok());
            expected[tag] = trial;
        }
        if (trial % 5 == 4 && live.size() > 10) {
            const std::size_t i = rng() % live.size();
            QVERIFY(queue.deleteRecord("res.partner", live[i].second).ok());
            deleted.insert(live[i].first);
            expected.erase(live[i].first);
            live.erase(live.begin() + static_cast<std::ptrdiff_t>(i));
        }
    };
    auto writerPush = [&] {
        std::vector<LocalEdit> edits;
        for (int k = 0; k < 800; ++k) {
            const std::string tag = "w" + std::to_string(++writerSeq);
            edits.push_back({protocol::Action::Create, "res.partner", {}, {{"wtag", tag}}, 5});
            writerTags.insert(tag);
        }
        QVERIFY(writerCache.value()->applyEdits(edits).ok());
        QVERIFY(writer.push().ok());
    };

    // Calibrate how long one run takes, so the kills land inside it.
    double avgMs = 0;
    for (int i = 0; i < 3; ++i) {
        writerPush();
        queueEdits(0);
        QElapsedTimer t;
        t.start();
        const CliResult r = device.run({"sync"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        avgMs += t.elapsed() / 3.0;
    }

    // How long the CLI takes to start and open its cache: kills land after that, inside the
    // push or pull.
    double startupMs = 0;
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer t;
        t.start();
        QCOMPARE(device.run({"status"}).exitCode, 0);
        startupMs += t.elapsed() / 3.0;
    }

    int kills = 0, trials = 0, killedInPull = 0, killedInPush = 0, leftInFlight = 0;
    const QStringList commands[] = {{"sync"}, {"push"}, {"pull"}};
    while (kills < kMinKills && trials < kMaxTrials) {
        ++trials;
        writerPush();
        queueEdits(trials);
        if (QTest::currentTestFailed())
            return;
        const QStringList& cmd = commands[trials % 3];
        const int lo = avgMs > startupMs * 1.5 ? int(startupMs) : 1;
        const int delayMs = lo + static_cast<int>(rng() % std::max(2, int(avgMs * 1.05) - lo));
        QElapsedTimer t;
        t.start();
        auto proc = device.start(cmd);
        if (!proc->waitForFinished(delayMs)) {
            proc->kill(); // SIGKILL
            proc->waitForFinished(10000);
            ++kills;
            (cmd.first() == "pull" ? killedInPull : killedInPush) += 1;
            // Changes marked in flight whose response never got committed: killed mid-push.
            if (queue.outboxCounts().in_flight > 0)
                ++leftInFlight;
        } else {
            QVERIFY2(proc->exitCode() == 0, proc->readAllStandardError().constData());
            avgMs = 0.8 * avgMs + 0.2 * t.elapsed();
        }
    }
    qInfo("trials %d, SIGKILLs %d (%d in push/sync runs, %d in pull runs), run ~%.0f ms, "
          "start-up ~%.0f ms",
          trials, kills, killedInPush, killedInPull, avgMs, startupMs);
    qInfo("after %d kills some changes were in flight (sent, outcome unknown; resent later)",
          leftInFlight);
    QVERIFY(kills >= kMinKills);
    QVERIFY(leftInFlight >= 1);

    // A clean sync finishes the job.
    const CliResult final1 = device.run({"sync"});
    QVERIFY2(final1.exitCode == 0, final1.err.constData());
    const CliResult final2 = device.run({"sync"});
    QVERIFY2(final2.exitCode == 0, final2.err.constData());
    const json status = device.run({"status"}).last();
    QCOMPARE(status["outbox"]["active"].get<int>(), 0);
    QCOMPARE(status["outbox"]["failed"].get<int>(), 0);
    QCOMPARE(status["outbox"]["conflict"].get<int>(), 0);

    const auto serverRows = serverRecords(server.dbPath(), *tenant, "res.partner");
    std::map<std::string, int> seen;
    std::map<std::string, int> seenWriter;
    for (const auto& [id, data] : serverRows) {
        if (data.contains("tag")) {
            const std::string tag = data["tag"].get<std::string>();
            ++seen[tag];
            QVERIFY2(expected.count(tag),
                     ("a deleted or unknown record is on the server: " + tag).c_str());
            QVERIFY2(data["counter"] == json(expected[tag]),
                     (tag + " has " + data.dump() + ", expected counter " +
                      std::to_string(expected[tag]))
                         .c_str());
        } else if (data.contains("wtag")) {
            ++seenWriter[data["wtag"].get<std::string>()];
        }
    }
    for (const auto& [tag, n] : seen)
        QVERIFY2(n == 1, ("duplicate record on the server: " + tag).c_str());
    QCOMPARE(seen.size(), expected.size()); // every queued create is there, once
    QCOMPARE(seenWriter.size(), writerTags.size());
    for (const auto& [tag, n] : seenWriter)
        QCOMPARE(n, 1);

    // The cache equals the server.
    const auto cached = device.records("res.partner");
    QCOMPARE(cached.size(), serverRows.size());
    QVERIFY2(cached == serverRows, "the device's cache differs from the server");
    server.stop();
}

QTEST_GUILESS_MAIN(TestClientCrash)
#include "test_client_crash.moc"
