// A device's open (manual) conflict resolved by an admin on the server (the console's
// POST /api/v1/admin/conflicts/{id}/resolve): after its next sync the device's
// `bridgecore-sync conflicts` no longer lists it and its record has the resolved value; with
// `--all` it is still there as history. Real server process on 127.0.0.1, real CLI.

#include "ClientTestSupport.h"
#include "HttpClient.h"
#include "ServerProcess.h"

#include <QTemporaryDir>
#include <QTest>

using namespace bridgecore;
using namespace bridgecore::clienttest;

namespace {
const QString kEmail = QStringLiteral("ann@acme.test");
const QString kAdmin = QStringLiteral("boss@acme.test");
const QByteArray kPassword = "password-123\n";

#define JCOMPARE(a, b)                                                                             \
    QVERIFY2(json(a) == json(b), (json(a).dump() + " != " + json(b).dump()).c_str())

#define CLI_OK(expr)                                                                               \
    do {                                                                                           \
        const CliResult r_ = (expr);                                                               \
        QVERIFY2(r_.exitCode == 0, r_.err.constData());                                            \
    } while (0)
} // namespace

class TestClientServerResolution : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void resolvedByAdminIsGoneAfterPull_data();
    void resolvedByAdminIsGoneAfterPull();
    void unresolvedStaysListed();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<testsupport::ServerProcess> m_server;
    qint64 m_tenant = 0;
};

void TestClientServerResolution::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<testsupport::ServerProcess>(m_dir.filePath("server.db"));
    QVERIFY2(m_server->init(), qPrintable(m_server->lastError()));
    auto t = m_server->addTenant("acme");
    QVERIFY(t);
    m_tenant = *t;
    QVERIFY(m_server->addUser("acme", kEmail, "user", QString::fromLatin1(kPassword.trimmed())));
    QVERIFY(m_server->addUser("acme", kAdmin, "admin", QString::fromLatin1(kPassword.trimmed())));
    const json config = {{"log_requests", false},
                         {"rate_limits",
                          {{"push", {{"requests", 0}}},
                           {"pull", {{"requests", 0}}},
                           {"state", {{"requests", 0}}},
                           {"resolve", {{"requests", 0}}},
                           {"login", {{"requests", 0}}}}}};
    QVERIFY2(m_server->start(config), qPrintable(m_server->lastError()));
}

void TestClientServerResolution::cleanupTestCase() {
    if (m_server)
        m_server->stop();
}

namespace {
/// Device B holds an open manual conflict on a partner: A synced phone "A", B wrote "B".
struct Scenario {
    CliDevice a, b;
    std::int64_t id = 0;
    Scenario(const QTemporaryDir& dir, const QString& tag, const QString& url)
        : a(dir.filePath(tag + "-a.db"), "dev-a-" + tag, url, kEmail)
        , b(dir.filePath(tag + "-b.db"), "dev-b-" + tag, url, kEmail) {}
};

std::vector<json> open(const CliDevice& d) {
    return d.run({"conflicts"}).lines();
}
} // namespace

void TestClientServerResolution::resolvedByAdminIsGoneAfterPull_data() {
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<QString>("phone"); // after the resolution
    QTest::newRow("server_wins") << "server_wins"
                                 << "A";
    QTest::newRow("client_wins") << "client_wins"
                                 << "B";
    QTest::newRow("merge") << "merge"
                           << "M";
}

void TestClientServerResolution::resolvedByAdminIsGoneAfterPull() {
    QFETCH(QString, strategy);
    QFETCH(QString, phone);
    Scenario s(m_dir, strategy, m_server->baseUrl());
    CLI_OK(s.a.run({"login"}, kPassword));
    CLI_OK(s.b.run({"login"}, kPassword));
    const CliResult created =
        s.a.run({"create", "res.partner",
                 QString::fromStdString(
                     json({{"name", "P-" + strategy.toStdString()}, {"phone", "0"}}).dump())});
    QVERIFY2(created.exitCode == 0, created.err.constData());
    CLI_OK(s.a.run({"sync"}));
    const std::int64_t id = s.a.serverId(
        "res.partner", QString::fromStdString(created.last()["local_id"].get<std::string>()));
    QVERIFY(id > 0);
    CLI_OK(s.b.run({"sync"}));
    const QString sid = QString::number(id);
    CLI_OK(s.a.run({"update", "res.partner", sid, R"({"phone":"A"})"}));
    CLI_OK(s.a.run({"sync"}));
    CLI_OK(s.b.run({"update", "res.partner", sid, R"({"phone":"B"})"}));
    CLI_OK(s.b.run({"sync", "--strategy", "manual"}));

    // B lists its open conflict.
    auto listed = open(s.b);
    QCOMPARE(listed.size(), std::size_t(1));
    QCOMPARE(listed[0]["status"].get<std::string>(), std::string("open"));
    const std::int64_t conflictId = listed[0]["conflict_info"]["conflict_id"].get<std::int64_t>();
    QVERIFY(conflictId > 0);

    // An admin resolves it on the server, as the console's merge editor does.
    testsupport::HttpClient admin(m_server->baseUrl());
    QCOMPARE(admin.login(kAdmin, QString::fromLatin1(kPassword.trimmed())).status, 200);
    json body = {{"strategy", strategy.toStdString()}};
    if (strategy == "merge")
        body["merged_data"] = {{"phone", "M"}};
    const auto resolved =
        admin.post(QStringLiteral("/api/v1/admin/conflicts/%1/resolve").arg(conflictId), body);
    QVERIFY2(resolved.status == 200, resolved.body.constData());

    // Still listed until B syncs; gone afterwards, with the resolved record.
    QCOMPARE(open(s.b).size(), std::size_t(1));
    const CliResult synced = s.b.run({"sync"});
    QVERIFY2(synced.exitCode == 0, synced.err.constData());
    QCOMPARE(synced.last()["conflicts_resolved_on_server"].get<int>(), 1);
    QCOMPARE(open(s.b).size(), std::size_t(0));
    const json expected = {{"name", "P-" + strategy.toStdString()}, {"phone", phone.toStdString()}};
    JCOMPARE(serverRecords(m_server->dbPath(), m_tenant, "res.partner").at(id), expected);
    JCOMPARE(s.b.records("res.partner").at(id), expected);
    // History: still there with --all, as resolved; nothing left in B's outbox.
    const auto all = s.b.run({"conflicts", "--all"}).lines();
    QCOMPARE(all.size(), std::size_t(1));
    QCOMPARE(all[0]["status"].get<std::string>(), std::string("resolved"));
    const json status = s.b.run({"status"}).last();
    QCOMPARE(status["open_conflicts"].get<int>(), 0);
}

void TestClientServerResolution::unresolvedStaysListed() {
    Scenario s(m_dir, QStringLiteral("open"), m_server->baseUrl());
    CLI_OK(s.a.run({"login"}, kPassword));
    CLI_OK(s.b.run({"login"}, kPassword));
    const CliResult created = s.a.run({"create", "res.partner", R"({"name":"Kept","phone":"0"})"});
    QVERIFY2(created.exitCode == 0, created.err.constData());
    CLI_OK(s.a.run({"sync"}));
    const std::int64_t id = s.a.serverId(
        "res.partner", QString::fromStdString(created.last()["local_id"].get<std::string>()));
    CLI_OK(s.b.run({"sync"}));
    CLI_OK(s.a.run({"update", "res.partner", QString::number(id), R"({"phone":"A"})"}));
    CLI_OK(s.a.run({"sync"}));
    CLI_OK(s.b.run({"update", "res.partner", QString::number(id), R"({"phone":"B"})"}));
    CLI_OK(s.b.run({"sync", "--strategy", "manual"}));
    QCOMPARE(open(s.b).size(), std::size_t(1));
    // Syncing again without any resolution keeps it listed.
    const CliResult synced = s.b.run({"sync"});
    QVERIFY2(synced.exitCode == 0, synced.err.constData());
    QCOMPARE(synced.last()["conflicts_resolved_on_server"].get<int>(), 0);
    QCOMPARE(open(s.b).size(), std::size_t(1));
}

QTEST_GUILESS_MAIN(TestClientServerResolution)
#include "test_client_server_resolution.moc"
