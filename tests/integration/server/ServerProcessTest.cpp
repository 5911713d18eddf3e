// The bridgecore-server executable: subcommands, secret checks, clean shutdown on SIGTERM and
// durability of a pushed change across a restart (a retry is then a duplicate).

#include "ServerFixture.h"

#include <QFile>

#include <csignal>
#include <map>
#include <memory>

using namespace bridgecore::testsupport;

class ServerProcessTest : public QObject {
    Q_OBJECT
    std::map<std::string, std::unique_ptr<TestDatabase>> dbs;

    /// The `--db` of a database named `name` in this test (SQLite file or PostgreSQL database).
    QString db(const char* name) {
        auto& d = dbs[name];
        if (!d)
            d = std::make_unique<TestDatabase>();
        if (!d->valid())
            qFatal("test database: %s", qPrintable(d->error()));
        return d->location();
    }

private slots:
    void subcommands() {
        const QString path = db("cli.db");
        auto r = runServerCommand({QStringLiteral("init"), QStringLiteral("--db"), path});
        QCOMPARE(r.exitCode, 0);
        r = runServerCommand({QStringLiteral("tenant"), QStringLiteral("add"),
                              QStringLiteral("--db"), path, QStringLiteral("--name"),
                              QStringLiteral("acme")});
        QCOMPARE(r.exitCode, 0);
        bool ok = false;
        QVERIFY(r.out.trimmed().toLongLong(&ok) > 0 && ok);
        // the same tenant twice: a one-line error, non-zero exit
        r = runServerCommand({QStringLiteral("tenant"), QStringLiteral("add"),
                              QStringLiteral("--db"), path, QStringLiteral("--name"),
                              QStringLiteral("acme")});
        QVERIFY(r.exitCode != 0);
        QCOMPARE(r.err.trimmed().count('\n'), 0);
        r = runServerCommand({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--db"),
                              path, QStringLiteral("--tenant"), QStringLiteral("acme"),
                              QStringLiteral("--email"), QStringLiteral("ann@acme.test"),
                              QStringLiteral("--role"), QStringLiteral("admin"),
                              QStringLiteral("--name"), QStringLiteral("Ann")},
                             "s3cret-password\n");
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.trimmed().toLongLong() > 0);
        r = runServerCommand({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--db"),
                              path, QStringLiteral("--tenant"), QStringLiteral("acme"),
                              QStringLiteral("--email"), QStringLiteral("bob@acme.test"),
                              QStringLiteral("--role"), QStringLiteral("emperor")},
                             "s3cret-password\n");
        QVERIFY(r.exitCode != 0);
        r = runServerCommand({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--db"),
                              path, QStringLiteral("--tenant"), QStringLiteral("nope"),
                              QStringLiteral("--email"), QStringLiteral("bob@acme.test"),
                              QStringLiteral("--role"), QStringLiteral("user")},
                             "s3cret-password\n");
        QVERIFY(r.exitCode != 0);
        r = runServerCommand({QStringLiteral("frobnicate")});
        QVERIFY(r.exitCode != 0);
    }

    void serveRefusesAMissingOrShortSecret() {
        const QString path = db("secret.db");
        QCOMPARE(runServerCommand({QStringLiteral("init"), QStringLiteral("--db"), path}).exitCode,
                 0);
        const QStringList serve{QStringLiteral("serve"), QStringLiteral("--db"), path,
                                QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")};
        auto r = runServerCommand(serve, {}, QByteArray(), 20000);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("secret"), r.err.constData());
        QVERIFY(!r.out.contains("listening"));
        r = runServerCommand(serve, {}, QByteArray(31, 'k'), 20000);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("32 bytes"), r.err.constData());
        // a bad listen address is refused too
        r = runServerCommand({QStringLiteral("serve"), QStringLiteral("--db"), path,
                              QStringLiteral("--listen"), QStringLiteral("localhost-ish")},
                             {}, testJwtSecret(), 20000);
        QVERIFY(r.exitCode != 0);
    }

    void secretFromConfigFile() {
        ServerProcess server(db("config.db"), QByteArray()); // no env secret
        QVERIFY(server.init());
        QVERIFY(
            server.start(json{{"jwt_secret", std::string(40, 'c')}, {"access_token_seconds", 60}}));
        HttpClient c(server.baseUrl());
        QCOMPARE(c.get(QStringLiteral("/api/v1/offline-sync/health")).status, 200);
        QCOMPARE(server.stop(), 0);
        // a config file with a bad field is refused with a message naming it
        ServerProcess bad(db("config.db"));
        QVERIFY(!bad.start(json{{"max_body_bytes", "lots"}}, 20000));
        QVERIFY2(bad.lastError().contains(QStringLiteral("max_body_bytes")),
                 qPrintable(bad.lastError()));
    }

    void pushedChangeSurvivesRestart() {
        ServerFixture f;
        QVERIFY(f.prepare());
        QVERIFY(f.start());
        const json push = createsBody("restart-device", "res.partner", 5, "durable-");
        {
            auto admin = f.client(QStringLiteral("admin"));
            const auto r = admin->post(QStringLiteral("/api/v1/offline-sync/push"), push);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json()["succeeded"].get<int>(), 5);
        }
        QCOMPARE(f.server->stop(), 0); // SIGTERM: a clean exit
        QVERIFY(f.server->stderrText().contains("stopped"));

        QVERIFY(f.start());
        auto admin = f.client(QStringLiteral("admin"));
        QVERIFY(!admin->token().isEmpty());
        const auto pull = admin->post(
            QStringLiteral("/api/v1/offline-sync/pull"),
            json{{"device_id", "restart-reader"}, {"app_type", "sales_app"}, {"last_event_id", 0}});
        QCOMPARE(pull.status, 200);
        int seen = 0;
        const json pullJson = pull.json(); // keep the document alive for the loop
        for (const auto& e : pullJson["events"])
            if (e["data"].value("name", "").rfind("durable-", 0) == 0)
                ++seen;
        QVERIFY2(seen == 5, pull.body.left(600).constData());
        const auto retry = admin->post(QStringLiteral("/api/v1/offline-sync/push"), push);
        QCOMPARE(retry.status, 200);
        const json retryJson = retry.json(); // keep the document alive for the loop
        for (const auto& r : retryJson["results"]) {
            QVERIFY(r.value("duplicate", false));
            QCOMPARE(r["status"].get<std::string>(), std::string("success"));
        }
        const auto again = admin->post(QStringLiteral("/api/v1/offline-sync/pull"),
                                       json{{"device_id", "restart-reader2"},
                                            {"app_type", "sales_app"},
                                            {"last_event_id", 0}});
        QCOMPARE(again.json()["total_available"].get<long long>(), 5LL); // nothing applied twice
        QCOMPARE(f.server->stop(), 0);
    }

    void sigintAlsoStopsCleanly() {
        ServerFixture f;
        QVERIFY(f.prepare());
        QVERIFY(f.start());
        ::kill(static_cast<pid_t>(f.server->pid()), SIGINT);
        QCOMPARE(f.server->waitForExit(20000), 0);
        QVERIFY(f.server->stderrText().contains("stopped"));
    }
};

QTEST_GUILESS_MAIN(ServerProcessTest)
#include "ServerProcessTest.moc"
