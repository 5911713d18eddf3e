// Two devices edit the same record offline through the bridgecore-sync CLI against the real
// server (same field, different fields, update vs delete) under every conflict strategy; both
// caches and the server end in the state DESIGN.md §4 documents.

#include "ClientTestSupport.h"
#include "ServerProcess.h"

#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace bridgecore;
using namespace bridgecore::clienttest;

namespace {
const QString kEmail = QStringLiteral("ann@acme.test");
const QByteArray kPassword = "password-123\n";

#define JCOMPARE(a, b)                                                                             \
    QVERIFY2(json(a) == json(b), (json(a).dump() + " != " + json(b).dump()).c_str())

#define CLI_OK(expr)                                                                               \
    do {                                                                                           \
        const CliResult r_ = (expr);                                                               \
        QVERIFY2(r_.exitCode == 0, r_.err.constData());                                            \
    } while (0)
} // namespace

class TestClientConvergence : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void twoDevices_data();
    void twoDevices();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<testsupport::ServerProcess> m_server;
    qint64 m_tenant = 0;
};

void TestClientConvergence::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<testsupport::ServerProcess>(m_dir.filePath("server.db"));
    QVERIFY2(m_server->init(), qPrintable(m_server->lastError()));
    auto t = m_server->addTenant("acme");
    QVERIFY(t);
    m_tenant = *t;
    QVERIFY(m_server->addUser("acme", kEmail, "user", QString::fromLatin1(kPassword.trimmed())));
    const json config = {{"log_requests", false},
                         {"rate_limits",
                          {{"push", {{"requests", 0}}},
                           {"pull", {{"requests", 0}}},
                           {"resolve", {{"requests", 0}}},
                           {"login", {{"requests", 0}}}}}};
    QVERIFY2(m_server->start(config), qPrintable(m_server->lastError()));
}

void TestClientConvergence::cleanupTestCase() {
    if (m_server)
        m_server->stop();
}

void TestClientConvergence::twoDevices_data() {
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<QString>("edit"); // same_field | different_fields | update_delete
    for (const char* s : {"server_wins", "client_wins", "newest_wins", "merge", "manual"})
        for (const char* e : {"same_field", "different_fields", "update_delete"})
            QTest::addRow("%s/%s", s, e) << QString::fromLatin1(s) << QString::fromLatin1(e);
}

void TestClientConvergence::twoDevices() {
    QFETCH(QString, strategy);
    QFETCH(QString, edit);
    const QString tag = strategy + QLatin1Char('-') + edit;
    CliDevice a(m_dir.filePath(tag + "-a.db"), "dev-a-" + tag, m_server->baseUrl(), kEmail);
    CliDevice b(m_dir.filePath(tag + "-b.db"), "dev-b-" + tag, m_server->baseUrl(), kEmail);
    CLI_OK(a.run({"login"}, kPassword));
    CLI_OK(b.run({"login"}, kPassword));

    // A creates the record; both devices know it.
    const CliResult created =
        a.run({"create", "res.partner",
               QString::fromStdString(
                   json({{"name", tag.toStdString()}, {"phone", "0"}, {"email", "e0"}}).dump())});
    QVERIFY2(created.exitCode == 0, created.err.constData());
    const QString localId = QString::fromStdString(created.last()["local_id"].get<std::string>());
    CLI_OK(a.run({"sync"}));
    const std::int64_t id = a.serverId("res.partner", localId);
    QVERIFY(id > 0);
    CLI_OK(b.run({"sync"}));
    QVERIFY(b.records("res.partner").count(id));
    const QString sid = QString::number(id);

    // A edits and syncs first; B edits afterwards (so B's edit is the newer one) offline.
    if (edit == "update_delete")
        CLI_OK(a.run({"delete", "res.partner", sid}));
    else
        CLI_OK(a.run({"update", "res.partner", sid, R"({"phone":"A"})"}));
    CLI_OK(a.run({"sync"}));
    QThread::msleep(5);
    if (edit == "different_fields")
        CLI_OK(b.run({"update", "res.partner", sid, R"({"email":"B"})"}));
    else
        CLI_OK(b.run({"update", "res.partner", sid, R"({"phone":"B"})"}));
    const CliResult bSync = b.run({"sync", "--strategy", strategy});
    QVERIFY2(bSync.exitCode == 0, bSync.err.constData());
    const json summary = bSync.last();

    // Open conflicts are resolved by the user.
    const auto conflicts = b.run({"conflicts"}).lines();
    int open = 0;
    for (const auto& c : conflicts) {
        if (c["status"] != "open")
            continue;
        ++open;
        const QString lid = QString::fromStdString(c["local_id"].get<std::string>());
        if (edit == "update_delete")
            CLI_OK(b.run({"resolve", lid, "server_wins"}));
        else if (strategy == "merge")
            CLI_OK(b.run({"resolve", lid, "merge", R"({"phone":"M"})"}));
        else
            CLI_OK(b.run({"resolve", lid, "client_wins"}));
    }
    CLI_OK(a.run({"sync"}));
    CLI_OK(b.run({"sync"}));

    const auto server = serverRecords(m_server->dbPath(), m_tenant, "res.partner");
    auto ra = a.records("res.partner");
    auto rb = b.records("res.partner");
    // Only this scenario's record matters (other rows come from other scenarios of the tenant).
    auto only = [&](std::map<std::int64_t, json> m) {
        std::map<std::int64_t, json> out;
        if (m.count(id))
            out[id] = m[id];
        for (const auto& [k, v] : m)
            if (k < 0)
                out[k] = v; // local-only leftovers must not exist
        return out;
    };
    const auto sOnly = only(server), aOnly = only(ra), bOnly = only(rb);
    QVERIFY2(aOnly == sOnly, (json(aOnly).dump() + " vs server " + json(sOnly).dump()).c_str());
    QVERIFY2(bOnly == sOnly, (json(bOnly).dump() + " vs server " + json(sOnly).dump()).c_str());
    QCOMPARE(a.run({"status"}).last()["outbox"]["active"].get<int>(), 0);
    QCOMPARE(b.run({"status"}).last()["outbox"]["active"].get<int>(), 0);

    // The documented outcome.
    if (edit == "different_fields") {
        QCOMPARE(summary["push"]["conflicts"].get<int>(), 0); // field-level merge, no conflict
        JCOMPARE(sOnly.at(id)["phone"], json("A"));
        JCOMPARE(sOnly.at(id)["email"], json("B"));
    } else if (edit == "same_field") {
        const bool clientConflictStatus =
            strategy == "server_wins" || strategy == "merge" || strategy == "manual";
        QCOMPARE(summary["push"]["conflicts"].get<int>(), clientConflictStatus ? 1 : 0);
        QString expected = "A";
        if (strategy == "client_wins" || strategy == "newest_wins" || strategy == "manual")
            expected = "B"; // client_wins; newest_wins: B's edit is newer; manual: resolved so
        if (strategy == "merge")
            expected = "M";
        JCOMPARE(sOnly.at(id)["phone"], json(expected.toStdString()));
        QCOMPARE(open, (strategy == "merge" || strategy == "manual") ? 1 : 0);
    } else {
        // update of a record deleted on the server: a conflict on the whole record.
        if (strategy == "server_wins" || strategy == "manual")
            QVERIFY2(!sOnly.count(id), json(sOnly).dump().c_str());
    }
}

QTEST_GUILESS_MAIN(TestClientConvergence)
#include "test_client_convergence.moc"
