// The real bridgecore-server with tenant "acme" attached to the Odoo emulator: what an Odoo
// user creates, edits and deletes in Odoo reaches a device's pull, with Odoo's ids, with the
// guide's update.webhook addon and without it (write_date polling).
#include "../server/ServerFixture.h"
#include "OdooEmulator.h"

using namespace bridgecore::testsupport;

namespace {
const QByteArray kSecretKey = "feed-server-test-secret-key-0123456789";
}

class OdooFeedServerTest : public QObject {
    Q_OBJECT

    /// Pulls (sales_app) until an event for (model, id) with `action` arrives; the event.
    static json waitForEvent(HttpClient& device, std::int64_t& lastEventId,
                             const std::string& model, std::int64_t id, const std::string& action,
                             int timeoutMs = 15000) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            const auto r = device.post(QStringLiteral("/api/v1/offline-sync/pull"),
                                       json{{"device_id", "van-7"},
                                            {"app_type", "sales_app"},
                                            {"last_event_id", lastEventId}});
            if (r.status != 200)
                return json{{"error", r.body.toStdString()}};
            const json body = r.json();
            for (const auto& e : body["events"]) {
                lastEventId = std::max(lastEventId, e["event_id"].get<std::int64_t>());
                if (e["model"] == model && e["record_id"] == id && e["action"] == action)
                    return e;
            }
            QTest::qWait(50);
        }
        return json();
    }

private slots:
    void odooEditsReachADevice_data() {
        QTest::addColumn<bool>("webhook");
        QTest::newRow("update.webhook") << true;
        QTest::newRow("write_date polling") << false;
    }
    void odooEditsReachADevice() {
        QFETCH(bool, webhook);
        qputenv("BRIDGECORE_SECRET_KEY", kSecretKey);
        OdooEmulator odoo;
        QVERIFY(odoo.start(webhook ? QStringList{} : QStringList{"--no-webhook"}));
        ServerFixture f;
        QVERIFY(f.prepare());
        auto attach =
            runServerCommand({"tenant", "odoo", "--db", f.server->dbPath(), "--tenant", "acme",
                              "--url", odoo.url(), "--database", "odoo", "--login", "admin"},
                             "admin-api-key\n");
        QVERIFY2(attach.exitCode == 0, attach.err.constData());
        QVERIFY2(f.start(json{{"odoo", {{"poll_interval_ms", 100}}}}),
                 qPrintable(f.server->lastError()));
        auto device = f.client(QStringLiteral("user"));
        std::int64_t last = 0;

        const auto pid = odoo.control(
            "create",
            {{"model", "res.partner"}, {"values", {{"name", "Made in the office"}}}, {"uid", 7}});
        QVERIFY(pid.is_number_integer());
        json e = waitForEvent(*device, last, "res.partner", pid.get<std::int64_t>(), "create");
        QVERIFY2(e.is_object() && !e.contains("error"), e.dump().c_str());
        QCOMPARE(e["data"]["name"].get<std::string>(), std::string("Made in the office"));
        QVERIFY(e["data"]["email"].is_null());

        if (!webhook)
            QTest::qWait(1100); // write_date has whole seconds
        odoo.control(
            "edit",
            {{"model", "res.partner"}, {"id", pid}, {"values", {{"phone", "+1 2"}}}, {"uid", 7}});
        e = waitForEvent(*device, last, "res.partner", pid.get<std::int64_t>(), "write");
        QVERIFY2(e.is_object(), "the Odoo edit did not reach the device");
        QCOMPARE(e["data"]["phone"].get<std::string>(), std::string("+1 2"));
        QVERIFY(e["changed_fields"] == json::array({"phone"}));
        QCOMPARE(e["version"].get<int>(), 2);

        odoo.control("unlink", {{"model", "res.partner"}, {"id", pid}, {"uid", 7}});
        e = waitForEvent(*device, last, "res.partner", pid.get<std::int64_t>(), "unlink");
        QVERIFY2(e.is_object(), "the Odoo delete did not reach the device");

        // A model outside the device's app types never shows up.
        odoo.control("create", {{"model", "crm.lead"}, {"values", {{"name", "Not for vans"}}}});
        QTest::qWait(400);
        const auto r = device->post(
            QStringLiteral("/api/v1/offline-sync/pull"),
            json{{"device_id", "van-7"}, {"app_type", "sales_app"}, {"last_event_id", last}});
        const json pulled = r.json();
        for (const auto& ev : pulled["events"])
            QVERIFY(ev["model"] != "crm.lead");
        QCOMPARE(f.server->stop(), 0);
    }

    // A device creates a partner; an Odoo user sets its phone before the feed's next poll
    // (the poll is held in Odoo until the edit is made). With the webhook the feed reads the
    // record once for both rows: the phone came with our create's row, yet it is the user's
    // edit. Polling, the feed's first read of the record already holds the phone, and
    // write_uid says an Odoo user wrote it last. Either way it reaches a pulling device.
    void anOdooEditBeforeTheNextPollReachesADevice_data() {
        QTest::addColumn<bool>("webhook");
        QTest::newRow("update.webhook") << true;
        QTest::newRow("write_date polling") << false;
    }
    void anOdooEditBeforeTheNextPollReachesADevice() {
        QFETCH(bool, webhook);
        qputenv("BRIDGECORE_SECRET_KEY", kSecretKey);
        OdooEmulator odoo;
        QVERIFY(odoo.start(webhook ? QStringList{} : QStringList{"--no-webhook"}));
        ServerFixture f;
        QVERIFY(f.prepare());
        auto attach =
            runServerCommand({"tenant", "odoo", "--db", f.server->dbPath(), "--tenant", "acme",
                              "--url", odoo.url(), "--database", "odoo", "--login", "admin"},
                             "admin-api-key\n");
        QVERIFY2(attach.exitCode == 0, attach.err.constData());
        QVERIFY2(f.start(json{{"odoo", {{"poll_interval_ms", 100}}}}),
                 qPrintable(f.server->lastError()));
        auto device = f.client(QStringLiteral("user"));
        std::int64_t last = 0;

        odoo.control("faults", {{"hang_next", 1},
                                {"hang_seconds", 2},
                                {"only_method", "search_read"},
                                {"only_model", webhook ? "update.webhook" : "res.partner"}});
        const json pushed = device
                                ->post(QStringLiteral("/api/v1/offline-sync/push"),
                                       json{{"device_id", "van-8"},
                                            {"changes",
                                             {{{"local_id", "p-1"},
                                               {"action", "create"},
                                               {"model", "res.partner"},
                                               {"record_id", nullptr},
                                               {"data", {{"name", "Made on the van"}}},
                                               {"local_timestamp", "2026-11-29T10:00:00Z"},
                                               {"version", 1}}}}})
                                .json();
        QVERIFY2(pushed.value("success", false), pushed.dump().c_str());
        const auto pid = pushed["id_mapping"]["p-1"].get<std::int64_t>();
        odoo.control("edit", {{"model", "res.partner"},
                              {"id", pid},
                              {"values", {{"phone", "+33 6 12"}}},
                              {"uid", 7}});

        json e = waitForEvent(*device, last, "res.partner", pid, "write", 10000);
        odoo.control("faults",
                     {{"only_method", nullptr}, {"only_model", nullptr}, {"hang_next", 0}});
        QVERIFY2(e.is_object() && !e.contains("error"), "the Odoo user's edit was swallowed");
        QCOMPARE(e["data"]["phone"].get<std::string>(), std::string("+33 6 12"));
        if (webhook)
            QVERIFY2(e["changed_fields"] == json::array({"phone"}), e.dump().c_str());
        else // polling cannot say which field: every unseen non-empty one is named
            QVERIFY2(e["changed_fields"] == json::array({"active", "phone"}), e.dump().c_str());
        QCOMPARE(e["version"].get<int>(), 2);
        QCOMPARE(f.server->stop(), 0);
    }

    void serveNeedsTheSecretKeyWhenATenantIsAttached() {
        qputenv("BRIDGECORE_SECRET_KEY", kSecretKey);
        OdooEmulator odoo;
        QVERIFY(odoo.start());
        ServerFixture f;
        QVERIFY(f.prepare());
        auto attach =
            runServerCommand({"tenant", "odoo", "--db", f.server->dbPath(), "--tenant", "acme",
                              "--url", odoo.url(), "--database", "odoo", "--login", "admin"},
                             "admin-api-key\n");
        QCOMPARE(attach.exitCode, 0);
        qunsetenv("BRIDGECORE_SECRET_KEY");
        QVERIFY(!f.start());
        qputenv("BRIDGECORE_SECRET_KEY", kSecretKey);
        QVERIFY(f.server->stderrText().contains("BRIDGECORE_SECRET_KEY"));
    }
};

QTEST_GUILESS_MAIN(OdooFeedServerTest)
#include "OdooFeedServerTest.moc"
