// A tenant attached to an https:// Odoo (the emulator over TLS with a certificate for 127.0.0.1
// signed by tests/odoo/tls/ca.pem, trusted through `tenant odoo --ca-file`): the real server
// pushes through to Odoo and its feed brings Odoo users' changes to devices, both over TLS.
#include "../server/ServerFixture.h"
#include "OdooEmulator.h"

using namespace bridgecore::testsupport;

namespace {
const QByteArray kSecretKey = "https-server-test-secret-key-0123456789";
} // namespace

class OdooHttpsServerTest : public QObject {
    Q_OBJECT
private slots:
    void pushAndFeedOverTls() {
        qputenv("BRIDGECORE_SECRET_KEY", kSecretKey);
        OdooEmulator odoo;
        QVERIFY2(odoo.startTls(QStringLiteral("server")), qPrintable(odoo.lastError()));
        ServerFixture f;
        QVERIFY(f.prepare());
        auto attach =
            runServerCommand({"tenant", "odoo", "--db", f.server->dbPath(), "--tenant", "acme",
                              "--url", odoo.httpsUrl(), "--database", "odoo", "--login", "admin",
                              "--ca-file", OdooEmulator::tlsFile(QStringLiteral("ca.pem"))},
                             "admin-api-key\n");
        QVERIFY2(attach.exitCode == 0, attach.err.constData());
        QVERIFY2(f.start(json{{"odoo", {{"poll_interval_ms", 100}}}}),
                 qPrintable(f.server->lastError()));

        auto device = f.client(QStringLiteral("user"));
        const auto push = device->post(
            QStringLiteral("/api/v1/offline-sync/push"),
            json{{"device_id", "van-tls"},
                 {"changes", json::array({json{{"local_id", "tls-1"},
                                               {"model", "res.partner"},
                                               {"action", "create"},
                                               {"data", {{"name", "Sent Over TLS"}}},
                                               {"local_timestamp", "2026-11-29T10:00:00Z"}}})}});
        QVERIFY2(push.status == 200 && push.json()["success"].get<bool>(), push.body.constData());
        QCOMPARE(odoo.count("res.partner", json::parse(R"([["name", "=", "Sent Over TLS"]])")),
                 1LL);

        // An Odoo user's record reaches the device through the feed, over TLS too.
        odoo.control(
            "create",
            {{"model", "res.partner"}, {"values", {{"name", "Typed In The Office"}}}, {"uid", 7}});
        QElapsedTimer t;
        t.start();
        bool seen = false;
        std::string last;
        while (!seen && t.elapsed() < 15000) {
            const auto pulled = device->post(QStringLiteral("/api/v1/offline-sync/pull"),
                                             json{{"device_id", "van-tls"},
                                                  {"app_type", "sales_app"},
                                                  {"last_event_id", 0},
                                                  {"limit", 100}});
            QCOMPARE(pulled.status, 200);
            last = pulled.body.toStdString();
            const json body = pulled.json();
            for (const auto& e : body["events"])
                if (e.contains("data") && e["data"].is_object() &&
                    e["data"].value("name", std::string()) == "Typed In The Office")
                    seen = true;
            if (!seen)
                QTest::qWait(100);
        }
        QVERIFY2(seen, (last + f.client(QStringLiteral("admin"))
                                   ->get(QStringLiteral("/api/v1/admin/odoo"))
                                   .body.toStdString())
                           .c_str()); // the last pull and the feed's state
        QCOMPARE(f.server->stop(), 0);
    }
};

QTEST_GUILESS_MAIN(OdooHttpsServerTest)
#include "OdooHttpsServerTest.moc"
