// The real bridgecore-server with tenant "acme" attached to the Odoo emulator: a device's push
// lands in Odoo (dependency chain into sale.order + sale.order.line with x2many commands,
// Odoo's ids in id_mapping), a retry is a duplicate and creates nothing in Odoo, a pull sees
// the records under Odoo's ids, a device edit against an Odoo user's edit is a conflict, and
// while Odoo is down changes fail retryably and are applied once it is back.
#include "../server/ServerFixture.h"
#include "OdooEmulator.h"

#include <thread>

using namespace bridgecore::testsupport;

namespace {
const QByteArray kSecretKey = "push-server-test-secret-key-0123456789";

json change(const std::string& localId, const std::string& action, const std::string& model,
            json data, json recordId = nullptr, json version = 1) {
    return {{"local_id", localId},     {"action", action},
            {"model", model},          {"record_id", recordId},
            {"data", std::move(data)}, {"local_timestamp", "2026-11-29T10:00:00Z"},
            {"version", version}};
}
} // namespace

class OdooPushServerTest : public QObject {
    Q_OBJECT
    OdooEmulator m_odoo;
    ServerFixture m_f;
    std::unique_ptr<HttpClient> m_device;

    json push(const json& changes, const std::string& strategy = "server_wins") {
        const auto r = m_device->post(
            QStringLiteral("/api/v1/offline-sync/push"),
            json{{"device_id", "van-7"}, {"changes", changes}, {"conflict_strategy", strategy}});
        return r.status == 200 ? r.json()
                               : json{{"http", r.status}, {"body", r.body.toStdString()}};
    }

private slots:
    void initTestCase() {
        qputenv("BRIDGECORE_SECRET_KEY", kSecretKey);
        QVERIFY(m_odoo.start());
        QVERIFY(m_f.prepare());
        auto attach =
            runServerCommand({"tenant", "odoo", "--db", m_f.server->dbPath(), "--tenant", "acme",
                              "--url", m_odoo.url(), "--database", "odoo", "--login", "admin"},
                             "admin-api-key\n");
        QVERIFY2(attach.exitCode == 0, attach.err.constData());
        QVERIFY2(m_f.start(json{{"odoo", {{"poll_interval_ms", 100}}}}),
                 qPrintable(m_f.server->lastError()));
        m_device = m_f.client(QStringLiteral("user"));
    }

    void pushWritesADependencyChainIntoOdoo() {
        const json changes = json::array(
            {change("so-1", "create", "sale.order",
                    {{"partner_id", "cust-1"},
                     {"order_line",
                      json::parse(R"([[0, 0, {"name": "Desk", "product_uom_qty": 2}]])")}}),
             change("line-1", "create", "sale.order.line",
                    {{"order_id", "so-1"}, {"name", "Lamp"}, {"product_uom_qty", 1}}),
             change("cust-1", "create", "res.partner", {{"name", "Van Customer"}})});
        json r = push(changes);
        QVERIFY2(r.value("success", false), r.dump().c_str());
        const auto partner = r["id_mapping"]["cust-1"].get<std::int64_t>();
        const auto order = r["id_mapping"]["so-1"].get<std::int64_t>();
        QCOMPARE(m_odoo.count("res.partner", json::parse(R"([["name", "=", "Van Customer"]])")),
                 1LL);
        QCOMPARE(
            m_odoo.count("sale.order", json::array({json::array({"id", "=", order}),
                                                    json::array({"partner_id", "=", partner})})),
            1LL);
        QCOMPARE(
            m_odoo.count("sale.order.line", json::array({json::array({"order_id", "=", order})})),
            2LL);

        // The same push again (a lost response): duplicates, nothing new in Odoo.
        json again = push(changes);
        QVERIFY2(again.value("success", false), again.dump().c_str());
        for (const auto& res : again["results"])
            QVERIFY2(res.value("duplicate", false), again.dump().c_str());
        QCOMPARE(m_odoo.count("res.partner", json::parse(R"([["name", "=", "Van Customer"]])")),
                 1LL);
        QCOMPARE(
            m_odoo.count("sale.order.line", json::array({json::array({"order_id", "=", order})})),
            2LL);

        // Pulled under Odoo's ids.
        const auto p = m_device->post(QStringLiteral("/api/v1/offline-sync/pull"),
                                      json{{"device_id", "van-7"},
                                           {"app_type", "sales_app"},
                                           {"last_event_id", 0},
                                           {"limit", 500}});
        bool sawOrder = false;
        const json pulled = p.json();
        for (const auto& e : pulled["events"])
            if (e["model"] == "sale.order" && e["record_id"] == order)
                sawOrder = true;
        QVERIFY2(sawOrder, p.body.constData());
    }

    void deviceAgainstOdooUserIsAConflict() {
        json r = push(json::array({change("cust-2", "create", "res.partner",
                                          {{"name", "Conflicted"}, {"phone", "111"}})}));
        QVERIFY2(r.value("success", false), r.dump().c_str());
        const auto id = r["id_mapping"]["cust-2"].get<std::int64_t>();
        // An Odoo user changes the phone; the device, still at version 1, changes it too.
        m_odoo.control(
            "edit",
            {{"model", "res.partner"}, {"id", id}, {"values", {{"phone", "222"}}}, {"uid", 7}});
        json u = push(
            json::array({change("edit-2", "update", "res.partner", {{"phone", "333"}}, id, 1)}));
        QVERIFY2(u["results"][0]["status"] == "conflict", u.dump().c_str());
        const json& info = u["results"][0]["conflict_info"];
        QCOMPARE(info["server_data"]["phone"].get<std::string>(), std::string("222"));
        QVERIFY(info["conflicting_fields"] == json::array({"phone"}));
        // server_wins: Odoo keeps its value
        auto rows = m_odoo.control("count",
                                   {{"model", "res.partner"},
                                    {"domain", json::array({json::array({"id", "=", id}),
                                                            json::array({"phone", "=", "222"})})}});
        QCOMPARE(rows.get<long long>(), 1LL);

        // A device edit of a field Odoo did not touch merges without a conflict.
        json m = push(json::array(
            {change("edit-3", "update", "res.partner", {{"email", "van@example.com"}}, id, 1)}));
        QVERIFY2(m["results"][0]["status"] == "success", m.dump().c_str());
        QCOMPARE(m_odoo.count("res.partner",
                              json::array({json::array({"email", "=", "van@example.com"})})),
                 1LL);
    }

    void odooDownKeepsChangesRetryable() {
        m_odoo.control("faults", {{"fail_next", 1000}, {"fail_status", 503}});
        const json changes = json::array(
            {change("down-1", "create", "res.partner", {{"name", "Pushed While Down"}})});
        json r = push(changes);
        m_odoo.control("faults", {{"fail_next", 0}});
        QVERIFY2(r["results"][0]["status"] == "failed", r.dump().c_str());
        QCOMPARE(r["results"][0]["error_code"].get<std::string>(), std::string("ODOO_UNAVAILABLE"));
        QCOMPARE(
            m_odoo.count("res.partner", json::parse(R"([["name", "=", "Pushed While Down"]])")),
            0LL);
        json later = push(changes);
        QVERIFY2(later.value("success", false), later.dump().c_str());
        QVERIFY(!later["results"][0].value("duplicate", false));
        QCOMPARE(
            m_odoo.count("res.partner", json::parse(R"([["name", "=", "Pushed While Down"]])")),
            1LL);
    }

    void refusalsComeBackPerChange() {
        json r =
            push(json::array({change("bad-1", "create", "sale.order", {{"note", "no customer"}}),
                              change("ok-1", "create", "res.partner", {{"name", "Fine One"}})}));
        QCOMPARE(r["results"][0]["error_code"].get<std::string>(), std::string("ODOO_VALIDATION"));
        QVERIFY(r["results"][0]["error"].get<std::string>().find("partner_id") !=
                std::string::npos);
        QCOMPARE(r["results"][1]["status"].get<std::string>(), std::string("success"));
    }

    // SIGKILL of the server after Odoo committed the create but before our ledger did: the
    // device's retry must not create a second record in Odoo.
    void crashAfterOdooCommittedCreatesNoDuplicate() {
        const long long commitsBefore = m_odoo.control("stats").value("commits", 0LL);
        m_odoo.control(
            "faults",
            {{"hang_after_commit_next", 1}, {"hang_seconds", 5}, {"only_method", "load"}});
        const json changes = json::array(
            {change("crash-1", "create", "res.partner", {{"name", "Crash Window Customer"}})});
        const QString url = m_f.server->baseUrl();
        const QString token = m_device->token();
        std::thread pusher([&] {
            HttpClient c(url);
            c.setToken(token);
            HttpRequestOptions opt;
            opt.timeoutMs = 20000;
            c.post(QStringLiteral("/api/v1/offline-sync/push"),
                   json{{"device_id", "van-7"}, {"changes", changes}}, opt);
        });
        QElapsedTimer t;
        t.start();
        bool committed = false;
        while (!committed && t.elapsed() < 15000) {
            // the load is committed in Odoo once the commit count moved past the probe's own
            QTest::qWait(20);
            committed =
                m_odoo.count("res.partner",
                             json::parse(R"([["name", "=", "Crash Window Customer"]])")) == 1;
        }
        QVERIFY(committed);
        m_f.server->kill(); // SIGKILL: our transaction never commits
        pusher.join();
        m_odoo.control("faults", {{"only_method", nullptr}, {"hang_after_commit_next", 0}});
        QVERIFY(m_odoo.control("stats").value("commits", 0LL) > commitsBefore);

        QVERIFY2(m_f.start(json{{"odoo", {{"poll_interval_ms", 100}}}}),
                 qPrintable(m_f.server->lastError()));
        m_device = m_f.client(QStringLiteral("user"));
        json r = push(changes);
        QVERIFY2(r.value("success", false), r.dump().c_str());
        QVERIFY(!r["results"][0].value("duplicate", false)); // our ledger never had it
        QCOMPARE(
            m_odoo.count("res.partner", json::parse(R"([["name", "=", "Crash Window Customer"]])")),
            1LL);
        // and the id is the one Odoo made before the crash
        json again = push(changes);
        QVERIFY(again["results"][0].value("duplicate", false));
        QVERIFY(again["id_mapping"]["crash-1"] == r["id_mapping"]["crash-1"]);
    }

    // `[0, 0, {...}]` inside an update: the new line is loaded under an external id of its own
    // (the change's, the field, the command's position), so when Odoo commits it and the
    // answer is lost, neither the connector's retry nor the device's adds it a second time.
    void newLineInAnUpdateAcrossALostAnswer() {
        json r = push(json::array(
            {change("lost-so", "create", "sale.order", {{"partner_id", "lost-cust"}}),
             change("lost-cust", "create", "res.partner", {{"name", "Lost Answer Customer"}})}));
        QVERIFY2(r.value("success", false), r.dump().c_str());
        const auto order = r["id_mapping"]["lost-so"].get<std::int64_t>();
        auto lines = [&](const char* name) {
            return m_odoo.count("sale.order.line",
                                json::array({json::array({"order_id", "=", order}),
                                             json::array({"name", "=", name})}));
        };
        // One lost answer: the connector's own retry of the load finds the line.
        m_odoo.control("faults", {{"drop_after_commit_next", 1},
                                  {"only_method", "load"},
                                  {"only_model", "sale.order.line"}});
        json u = push(json::array({change(
            "lost-upd", "update", "sale.order",
            {{"note", "one more line"},
             {"order_line", json::parse(R"([[0, 0, {"name": "Added Later", "price_unit": 4}]])")}},
            order, 1)}));
        QVERIFY2(u["results"][0]["status"] == "success", u.dump().c_str());
        QCOMPARE(lines("Added Later"), 1LL);

        // Every attempt's answer lost: the change fails retryably, Odoo holds the line once,
        // and the device's retry completes the change without adding it again.
        m_odoo.control("faults", {{"drop_after_commit_next", 10},
                                  {"only_method", "load"},
                                  {"only_model", "sale.order.line"}});
        const json twoLines = change(
            "lost-upd-2", "update", "sale.order",
            {{"order_line",
              json::parse(R"([[0, 0, {"name": "Second Line"}], [0, 0, {"name": "Third Line"}]])")}},
            order, 2);
        // client_wins: the feed may have logged the first update's lines as a new version
        // of the order meanwhile; the device's lines are written whatever the version.
        json failed = push(json::array({twoLines}), "client_wins");
        QVERIFY2(failed["results"][0]["status"] == "failed", failed.dump().c_str());
        QCOMPARE(failed["results"][0].value("error_code", std::string()),
                 std::string("ODOO_UNAVAILABLE"));
        m_odoo.control(
            "faults",
            {{"only_method", nullptr}, {"only_model", nullptr}, {"drop_after_commit_next", 0}});
        QCOMPARE(lines("Second Line"), 1LL);
        json retried = push(json::array({twoLines}), "client_wins");
        QVERIFY2(retried["results"][0]["status"] == "success", retried.dump().c_str());
        QCOMPARE(lines("Second Line"), 1LL);
        QCOMPARE(lines("Third Line"), 1LL);
        QCOMPARE(lines("Added Later"), 1LL);
    }

    // The guide's user.sync.state in Odoo follows each device's state (this emulator has the
    // model; a database without it is simply not written to).
    void deviceStateReachesUserSyncState() {
        const auto p = m_device->post(QStringLiteral("/api/v1/offline-sync/pull"),
                                      json{{"device_id", "van-7"},
                                           {"app_type", "sales_app"},
                                           {"last_event_id", 0},
                                           {"limit", 500}});
        QCOMPARE(p.status, 200);
        const long long last = p.json()["last_event_id"].get<long long>();
        QVERIFY(last > 0);
        const json domain = json::array({json::array({"device_id", "=", "van-7"}),
                                         json::array({"app_type", "=", "sales_app"}),
                                         json::array({"last_event_id", "=", last})});
        QElapsedTimer t;
        t.start();
        while (m_odoo.count("user.sync.state", domain) == 0 && t.elapsed() < 15000)
            QTest::qWait(50);
        QVERIFY2(m_odoo.count("user.sync.state", domain) == 1,
                 m_f.server->stderrText().right(1000).constData()); // the feed's last error
        // one row per device, kept up to date rather than added to
        QCOMPARE(m_odoo.count("user.sync.state",
                              json::array({json::array({"device_id", "=", "van-7"})})),
                 1LL);
        QVERIFY(m_odoo.count("user.sync.state",
                             json::array({json::array({"device_id", "=", "van-7"}),
                                          json::array({"sync_count", ">", 1}),
                                          json::array({"last_sync_time", "!=", false})})) == 1);
    }

    void cleanupTestCase() { QCOMPARE(m_f.server->stop(), 0); }
};

QTEST_GUILESS_MAIN(OdooPushServerTest)
#include "OdooPushServerTest.moc"
