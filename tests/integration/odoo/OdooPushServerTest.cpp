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

    // Waits until the feed has read Odoo past everything done so far: a partner an Odoo user
    // creates now reaches a device's pull (webhook rows are read in id order).
    bool feedCaughtUp() {
        const json made = m_odoo.control(
            "create", {{"model", "res.partner"}, {"values", {{"name", "Feed Mark"}}}, {"uid", 7}});
        if (!made.is_number_integer())
            return false;
        QElapsedTimer t;
        t.start();
        std::int64_t last = 0;
        while (t.elapsed() < 15000) {
            const auto p = m_device->post(QStringLiteral("/api/v1/offline-sync/pull"),
                                          json{{"device_id", "van-7"},
                                               {"app_type", "sales_app"},
                                               {"last_event_id", last},
                                               {"limit", 500}});
            if (p.status != 200)
                return false;
            const json body = p.json();
            for (const auto& e : body["events"]) {
                last = std::max(last, e["event_id"].get<std::int64_t>());
                if (e["model"] == "res.partner" && e["record_id"] == made)
                    return true;
            }
            QTest::qWait(300); // the device's rate limit: 200 requests a minute
        }
        return false;
    }

    /// Every event of one record a device pulls (sales_app), in log order.
    json eventsOf(const std::string& model, std::int64_t id) {
        json out = json::array();
        std::int64_t last = 0;
        for (int page = 0; page < 100; ++page) {
            const auto p = m_device->post(QStringLiteral("/api/v1/offline-sync/pull"),
                                          json{{"device_id", "van-7"},
                                               {"app_type", "sales_app"},
                                               {"last_event_id", last},
                                               {"limit", 500}});
            if (p.status != 200)
                return json{{"http", p.status}};
            const json body = p.json();
            for (const auto& e : body["events"]) {
                last = std::max(last, e["event_id"].get<std::int64_t>());
                if (e["model"] == model && e["record_id"] == id)
                    out.push_back(e);
            }
            if (!body.value("has_more", false))
                break;
        }
        return out;
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

    // An Odoo user sets a field our mirror never held (the device created the partner without
    // a phone, and the feed, held in Odoo, has not read it since); the device changes that
    // field before the feed polls. The push meets Odoo's value: a conflict (manual: open, with
    // Odoo's phone as "server"), nothing overwritten in Odoo. The device's change of a field
    // the user did not touch merges cleanly, and the user's phone reaches the device as an
    // event.
    void odooEditOfAFieldNeverMirroredIsAConflict() {
        m_odoo.control("faults", {{"hang_next", 100000},
                                  {"hang_seconds", 1},
                                  {"only_method", "search_read"},
                                  {"only_model", "update.webhook"}});
        json r = push(json::array(
            {change("never-1", "create", "res.partner", {{"name", "Never Mirrored"}})}));
        const std::int64_t id = r["id_mapping"].value("never-1", std::int64_t(0));
        json phone, email;
        if (id > 0) {
            m_odoo.control("edit", {{"model", "res.partner"},
                                    {"id", id},
                                    {"values", {{"phone", "office-555"}}},
                                    {"uid", 7}});
            phone = push(json::array({change("never-phone", "update", "res.partner",
                                             {{"phone", "van-999"}}, id, 1)}),
                         "manual");
            email = push(json::array({change("never-email", "update", "res.partner",
                                             {{"email", "van@never.example"}}, id, 1)}),
                         "manual");
        }
        m_odoo.control("faults",
                       {{"hang_next", 0}, {"only_method", nullptr}, {"only_model", nullptr}});
        QVERIFY2(r.value("success", false), r.dump().c_str());

        QVERIFY2(phone["results"][0]["status"] == "conflict", phone.dump().c_str());
        const json& info = phone["results"][0]["conflict_info"];
        QVERIFY2(info.value("requires_resolution", false), phone.dump().c_str());
        QVERIFY2(info["conflicting_fields"] == json::array({"phone"}), phone.dump().c_str());
        QCOMPARE(info["server_data"]["phone"].get<std::string>(), std::string("office-555"));
        QCOMPARE(info["local_data"]["phone"].get<std::string>(), std::string("van-999"));

        QVERIFY2(email["results"][0]["status"] == "success", email.dump().c_str());
        QVERIFY2(!email["results"][0].contains("conflict_info") ||
                     email["results"][0]["conflict_info"].is_null(),
                 email.dump().c_str());
        // Odoo holds the user's phone and the device's email.
        QCOMPARE(m_odoo.count("res.partner",
                              json::array({json::array({"id", "=", id}),
                                           json::array({"phone", "=", "office-555"}),
                                           json::array({"email", "=", "van@never.example"})})),
                 1LL);
        // The device pulls the user's phone as an event of Odoo's.
        const json events = eventsOf("res.partner", id);
        bool sawPhone = false;
        for (const auto& e : events)
            sawPhone =
                sawPhone || (e["data"].value("phone", json()) == "office-555" &&
                             e["changed_fields"].is_array() &&
                             std::find(e["changed_fields"].begin(), e["changed_fields"].end(),
                                       "phone") != e["changed_fields"].end());
        QVERIFY2(sawPhone, events.dump().c_str());
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
        json failed = push(json::array({twoLines}));
        QVERIFY2(failed["results"][0]["status"] == "failed", failed.dump().c_str());
        QCOMPARE(failed["results"][0].value("error_code", std::string()),
                 std::string("ODOO_UNAVAILABLE"));
        m_odoo.control(
            "faults",
            {{"only_method", nullptr}, {"only_model", nullptr}, {"drop_after_commit_next", 0}});
        QCOMPARE(lines("Second Line"), 1LL);
        // The device's retry at its old version: Odoo already holds its lines (the feed may
        // have logged them as a version of their own meanwhile), so it is the same change,
        // not a conflict with itself.
        json retried = push(json::array({twoLines}));
        QVERIFY2(retried["results"][0]["status"] == "success", retried.dump().c_str());
        QVERIFY2(!retried["results"][0].contains("conflict_info") ||
                     retried["results"][0]["conflict_info"].is_null(),
                 retried.dump().c_str());
        QCOMPARE(lines("Second Line"), 1LL);
        QCOMPARE(lines("Third Line"), 1LL);
        QCOMPARE(lines("Added Later"), 1LL);
        // remembered once: the next retry is the duplicate and adds nothing
        json again = push(json::array({twoLines}));
        QVERIFY2(again["results"][0].value("duplicate", false), again.dump().c_str());
        QCOMPARE(lines("Second Line"), 1LL);
    }

    // A line update ([1, id, {...}]) next to a new line in an update whose every answer is
    // lost: Odoo holds both, so the device's retry is the same change, not a conflict with
    // itself (the line already has the values the command asks).
    void lineUpdateInARetriedUpdateIsTheSameChange() {
        json r = push(json::array(
            {change("upd-line-so", "create", "sale.order",
                    {{"partner_id", "upd-line-cust"},
                     {"order_line", json::parse(R"([[0, 0, {"name": "Line As Made"}]])")}}),
             change("upd-line-cust", "create", "res.partner",
                    {{"name", "Line Update Customer"}})}));
        QVERIFY2(r.value("success", false), r.dump().c_str());
        const auto order = r["id_mapping"]["upd-line-so"].get<std::int64_t>();
        const json made = eventsOf("sale.order", order);
        QVERIFY2(made.is_array() && !made.empty() && made[0]["data"]["order_line"].size() == 1,
                 made.dump().c_str());
        const auto line = made[0]["data"]["order_line"][0].get<std::int64_t>();
        auto lines = [&](const char* name) {
            return m_odoo.count("sale.order.line",
                                json::array({json::array({"order_id", "=", order}),
                                             json::array({"name", "=", name})}));
        };
        m_odoo.control("faults", {{"drop_after_commit_next", 10},
                                  {"only_method", "load"},
                                  {"only_model", "sale.order.line"}});
        const json both = change(
            "upd-line-upd", "update", "sale.order",
            {{"order_line",
              json::array({json::array({1, line, {{"name", "Line Renamed"}, {"price_unit", 7}}}),
                           json::parse(R"([0, 0, {"name": "Line Added"}])")})}},
            order, 1);
        json failed = push(json::array({both}));
        m_odoo.control(
            "faults",
            {{"only_method", nullptr}, {"only_model", nullptr}, {"drop_after_commit_next", 0}});
        QVERIFY2(failed["results"][0]["status"] == "failed", failed.dump().c_str());
        QCOMPARE(lines("Line Renamed"), 1LL);
        QCOMPARE(lines("Line Added"), 1LL);

        json retried = push(json::array({both}));
        QVERIFY2(retried["results"][0]["status"] == "success", retried.dump().c_str());
        QVERIFY2(!retried["results"][0].contains("conflict_info") ||
                     retried["results"][0]["conflict_info"].is_null(),
                 retried.dump().c_str());
        QCOMPARE(lines("Line Renamed"), 1LL);
        QCOMPARE(lines("Line Added"), 1LL);
        QCOMPARE(lines("Line As Made"), 0LL);
    }

    // Our own x2many writes come back through the feed as Odoo's id lists: they are echoes,
    // not an Odoo user's edit, so the record keeps the version we answered and the device's
    // next change of the same field at that version applies without a conflict.
    void ownX2manyWritesAreNotEchoedBack() {
        json r = push(json::array(
            {change("echo-so", "create", "sale.order",
                    {{"partner_id", "echo-cust"},
                     {"order_line", json::parse(R"([[0, 0, {"name": "Echo One"}]])")}}),
             change("echo-cust", "create", "res.partner", {{"name", "Echo Customer"}})}));
        QVERIFY2(r.value("success", false), r.dump().c_str());
        const auto order = r["id_mapping"]["echo-so"].get<std::int64_t>();
        QCOMPARE(r["results"][0]["version"].get<std::int64_t>(), 1LL);
        QVERIFY(feedCaughtUp());

        json u = push(json::array({change(
            "echo-upd-1", "update", "sale.order",
            {{"order_line", json::parse(R"([[0, 0, {"name": "Echo Two"}]])")}}, order, 1)}));
        QVERIFY2(u["results"][0]["status"] == "success", u.dump().c_str());
        QVERIFY2(!u["results"][0].contains("conflict_info") ||
                     u["results"][0]["conflict_info"].is_null(),
                 u.dump().c_str());
        const auto v2 = u["results"][0]["version"].get<std::int64_t>();
        QCOMPARE(v2, 2LL);
        QVERIFY(feedCaughtUp());

        json w = push(json::array({change(
            "echo-upd-2", "update", "sale.order",
            {{"order_line", json::parse(R"([[0, 0, {"name": "Echo Three"}]])")}}, order, v2)}));
        QVERIFY2(w["results"][0]["status"] == "success", w.dump().c_str());
        QVERIFY2(!w["results"][0].contains("conflict_info") ||
                     w["results"][0]["conflict_info"].is_null(),
                 w.dump().c_str());
        QCOMPARE(w["results"][0]["version"].get<std::int64_t>(), v2 + 1);
        QCOMPARE(
            m_odoo.count("sale.order.line", json::array({json::array({"order_id", "=", order})})),
            3LL);
    }

    // A resolution's x2many commands are kept as the ids Odoo holds after the write, like a
    // push's: the device pulls Odoo's shape and the feed does not log the resolution back as
    // an Odoo user's version.
    void resolvedX2manyIsKeptAsOdooHoldsIt() {
        json r = push(
            json::array({change("rx-so", "create", "sale.order",
                                {{"partner_id", "rx-cust"},
                                 {"order_line", json::parse(R"([[0, 0, {"name": "Rx One"}]])")}}),
                         change("rx-cust", "create", "res.partner", {{"name", "Rx Customer"}})}));
        QVERIFY2(r.value("success", false), r.dump().c_str());
        const auto order = r["id_mapping"]["rx-so"].get<std::int64_t>();
        QVERIFY(feedCaughtUp());
        m_odoo.control("edit", {{"model", "sale.order"},
                                {"id", order},
                                {"values", {{"order_line", json::parse(R"([[0, 0, {"name":
                                              "Rx Office"}]])")}}},
                                {"uid", 7}});
        json u =
            push(json::array({change(
                     "rx-upd", "update", "sale.order",
                     {{"order_line", json::parse(R"([[0, 0, {"name": "Rx Van"}]])")}}, order, 1)}),
                 "manual");
        QVERIFY2(u["results"][0]["status"] == "conflict", u.dump().c_str());

        const auto resolved = m_device->post(
            QStringLiteral("/api/v1/offline-sync/resolve-conflicts"),
            json{{"device_id", "van-7"},
                 {"resolutions", {{{"local_id", "rx-upd"}, {"strategy", "client_wins"}}}}});
        QCOMPARE(resolved.status, 200);
        const json res = resolved.json();
        QVERIFY2(res.value("resolved", 0) == 1, res.dump().c_str());
        QCOMPARE(
            m_odoo.count("sale.order.line", json::array({json::array({"order_id", "=", order})})),
            3LL);
        QVERIFY(feedCaughtUp());

        const json events = eventsOf("sale.order", order);
        QVERIFY2(events.is_array() && !events.empty(), events.dump().c_str());
        const json& newest = events.back();
        // The resolution's own version is the newest: nothing logged back after it.
        QVERIFY2(res["results"][0].contains("version"), res.dump().c_str());
        QVERIFY2(newest["version"] == res["results"][0]["version"],
                 (res.dump() + " newest: " + newest.dump()).c_str());
        const json lines = newest["data"]["order_line"];
        QVERIFY2(lines.is_array() && lines.size() == 3, newest.dump().c_str());
        for (const auto& l : lines)
            QVERIFY2(l.is_number_integer(), newest.dump().c_str());
    }

    // The feed reads a record an Odoo user edited, and Odoo's answer is slow; meanwhile the
    // device's push of another field lands (and mirrors the user's edit too). The feed's late
    // answer is older than the mirror: it never steps the record back.
    void aSlowFeedReadNeverStepsARecordBack() {
        json r = push(json::array({change("slow-cust", "create", "res.partner",
                                          {{"name", "Slow Read"}, {"email", "old@example.com"}})}));
        QVERIFY2(r.value("success", false), r.dump().c_str());
        const auto id = r["id_mapping"]["slow-cust"].get<std::int64_t>();
        QVERIFY(feedCaughtUp());
        m_odoo.control("faults", {{"slow_answer_next", 1},
                                  {"hang_seconds", 2},
                                  {"only_method", "search_read"},
                                  {"only_model", "res.partner"}});
        m_odoo.control(
            "edit",
            {{"model", "res.partner"}, {"id", id}, {"values", {{"phone", "office"}}}, {"uid", 7}});
        QElapsedTimer t;
        t.start();
        while (m_odoo.control("faults", json::object()).value("slow_answer_next", 1) != 0 &&
               t.elapsed() < 10000)
            QTest::qWait(10);
        QVERIFY2(t.elapsed() < 10000, "the feed never read the edited record");

        json u = push(json::array(
            {change("slow-upd", "update", "res.partner", {{"email", "new@example.com"}}, id, 1)}));
        QVERIFY2(u["results"][0]["status"] == "success", u.dump().c_str());
        const json pushedVersion = u["results"][0]["version"];
        QVERIFY(feedCaughtUp());
        m_odoo.control("faults", {{"only_method", nullptr}, {"only_model", nullptr}});

        const json events = eventsOf("res.partner", id);
        QVERIFY2(events.is_array() && !events.empty(), events.dump().c_str());
        QVERIFY2(events.back()["version"] == pushedVersion, events.dump().c_str());
        QVERIFY2(events.back()["data"]["email"] == "new@example.com", events.dump().c_str());
        QVERIFY2(events.back()["data"]["phone"] == "office", events.dump().c_str());
    }

    // Odoo commits a device's update but every answer is lost: the change fails retryably,
    // and the device's retry, finding Odoo already holding exactly its values, is the same
    // change applied (no conflict with itself), remembered once.
    void committedUpdateWithALostAnswer() {
        json r = push(json::array({change("lost-ans-cust", "create", "res.partner",
                                          {{"name", "Lost Update Customer"}, {"phone", "100"}})}));
        QVERIFY2(r.value("success", false), r.dump().c_str());
        const auto id = r["id_mapping"]["lost-ans-cust"].get<std::int64_t>();
        const json edit = json::array(
            {change("lost-ans-upd", "update", "res.partner", {{"phone", "200"}}, id, 1)});
        m_odoo.control("faults", {{"drop_after_commit_next", 10},
                                  {"only_method", "load"},
                                  {"only_model", "res.partner"}});
        json failed = push(edit);
        m_odoo.control(
            "faults",
            {{"only_method", nullptr}, {"only_model", nullptr}, {"drop_after_commit_next", 0}});
        QVERIFY2(failed["results"][0]["status"] == "failed", failed.dump().c_str());
        QCOMPARE(failed["results"][0].value("error_code", std::string()),
                 std::string("ODOO_UNAVAILABLE"));
        const json phone200 =
            json::array({json::array({"id", "=", id}), json::array({"phone", "=", "200"})});
        QCOMPARE(m_odoo.count("res.partner", phone200), 1LL); // Odoo did commit it

        json retried = push(edit);
        QVERIFY2(retried["results"][0]["status"] == "success", retried.dump().c_str());
        QVERIFY2(!retried["results"][0].contains("conflict_info") ||
                     retried["results"][0]["conflict_info"].is_null(),
                 retried.dump().c_str());
        QVERIFY(!retried["results"][0].value("duplicate", false));
        QCOMPARE(m_odoo.count("res.partner", phone200), 1LL);
        // remembered once: the next retry is the duplicate with the same answer
        json again = push(edit);
        QVERIFY2(again["results"][0].value("duplicate", false), again.dump().c_str());
        QVERIFY2(again["results"][0]["version"] == retried["results"][0]["version"],
                 again.dump().c_str());
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
