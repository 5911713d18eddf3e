// The guide's requests sent verbatim to the real server, the login/refresh contract, the
// console endpoints, and 422 answers that name the offending field.
//
// Run twice (tests/integration/server/CMakeLists.txt): on a plain tenant, and as
// ServerApiTest_odoo (BRIDGECORE_TEST_ODOO=1) with the tenant attached to the Odoo emulator,
// where every push, pull and resolve must hold the same contract and, in addition, reach Odoo.
// The one case that cannot hold with Odoo as the system of record is a model Odoo does not
// have (modelMapIsReadByStaffAndChangedByAdmins): Odoo refuses it, so the change fails.

#include "../../unit/protocol/GuideExamples.h"
#include "OdooEmulator.h"
#include "ServerFixture.h"

using namespace bridgecore::testsupport;

namespace {

// ---- the guide's examples, verbatim (one copy, shared with the protocol tests) ----
const char* kPushRequest = guide::kGuidePushRequest;
const char* kPushResponse = guide::kGuidePushResponse;
const char* kPullRequest = guide::kGuidePullRequest;
const char* kPullResponse = guide::kGuidePullResponse;
const char* kResolveRequest = guide::kGuideResolveRequest;
const char* kResolveResponse = guide::kGuideResolveResponse;
const char* kStateResponse = guide::kGuideStateResponse;
const char* kResetResponse = guide::kGuideResetResponse;

QByteArray bytes(const char* s) {
    return QByteArray(s);
}

/// The tenant is attached to the Odoo emulator in this run (ServerApiTest_odoo).
bool withOdoo() {
    return qEnvironmentVariableIsSet("BRIDGECORE_TEST_ODOO");
}

/// createsBody for res.partner, which has no partner_id (Odoo refuses unknown fields).
json partnersBody(const std::string& device, int count, const std::string& prefix) {
    json body = createsBody(device, "res.partner", count, prefix);
    for (auto& c : body["changes"])
        c["data"].erase("partner_id");
    return body;
}

} // namespace

class ServerApiTest : public QObject {
    Q_OBJECT
    ServerFixture f;
    OdooEmulator odoo;
    std::unique_ptr<HttpClient> admin, support, user;

    /// In the Odoo run: Odoo's record `model` `id` has `field` = `value` (else true).
    bool odooHas(const std::string& model, long long id, const std::string& field,
                 const json& value) {
        if (!withOdoo())
            return true;
        return odoo.count(model, json::array({json::array({"id", "=", id}),
                                              json::array({field, "=", value})})) == 1;
    }

private slots:
    void initTestCase() {
        QVERIFY2(f.prepare(), qPrintable(f.server ? f.server->lastError() : QString()));
        json config{{"rate_limits",
                     {{"push", {{"requests", 10000}}},
                      {"pull", {{"requests", 10000}}},
                      {"login", {{"requests", 10000}}}}}};
        if (withOdoo()) {
            qputenv("BRIDGECORE_SECRET_KEY", "server-api-test-secret-key-0123456789");
            QVERIFY2(odoo.start(), qPrintable(odoo.lastError()));
            const auto attach =
                runServerCommand({"tenant", "odoo", "--db", f.server->dbPath(), "--tenant", "acme",
                                  "--url", odoo.url(), "--database", "odoo", "--login", "admin"},
                                 "admin-api-key\n");
            QVERIFY2(attach.exitCode == 0, attach.err.constData());
            config["odoo"] = {{"poll_interval_ms", 200}};
        }
        QVERIFY2(f.start(config), qPrintable(f.server->lastError()));
        admin = f.client(QStringLiteral("admin"));
        support = f.client(QStringLiteral("support"));
        user = f.client(QStringLiteral("user"));
        QVERIFY(!admin->token().isEmpty());
        QVERIFY(!support->token().isEmpty());
        QVERIFY(!user->token().isEmpty());
    }

    void loginAnswersTheContract() {
        HttpClient c(f.server->baseUrl());
        const auto r = c.login(QStringLiteral("Admin@acme.test"), kPassword);
        QCOMPARE(r.status, 200);
        const json j = r.json();
        const json shape = json::parse(R"({"access_token":"a","refresh_token":"r",
            "token_type":"bearer","expires_in":900,
            "user":{"id":1,"email":"e","name":"n","role":"admin"},"tenant":{"id":1,"name":"acme"}})");
        QVERIFY2(shapeMismatch(j, shape).empty(), shapeMismatch(j, shape).c_str());
        QCOMPARE(j["token_type"].get<std::string>(), std::string("bearer"));
        QCOMPARE(j["user"]["role"].get<std::string>(), std::string("admin"));
        QCOMPARE(j["tenant"]["name"].get<std::string>(), std::string("acme"));
        QCOMPARE(j["expires_in"].get<int>(), 900);
        QVERIFY(r.body.indexOf("password") < 0);

        // refresh gives new working tokens
        const auto rr = c.post(QStringLiteral("/api/v1/auth/tenant/refresh"),
                               json{{"refresh_token", j["refresh_token"]}});
        QCOMPARE(rr.status, 200);
        QVERIFY(shapeMismatch(rr.json(), shape).empty());
        c.setToken(QString::fromStdString(rr.json()["access_token"].get<std::string>()));
        QCOMPARE(c.get(QStringLiteral("/api/v1/admin/devices")).status, 200);
        // an access token is not a refresh token
        QCOMPARE(c.post(QStringLiteral("/api/v1/auth/tenant/refresh"),
                        json{{"refresh_token", j["access_token"]}})
                     .status,
                 401);
    }

    void guideExamplesVerbatim() {
        // Records and events enough for the examples to touch real data: res.partner 123 for
        // the resolve example (and 42 for the orders' customer), more than 1250 events for the
        // pull example.
        auto seed = admin->post(QStringLiteral("/api/v1/offline-sync/push"),
                                partnersBody("seed-device", 300, "rp-"));
        QCOMPARE(seed.status, 200);
        QVERIFY2(seed.json()["succeeded"].get<int>() == 300, seed.body.left(600).constData());
        seed = admin->post(QStringLiteral("/api/v1/offline-sync/push"),
                           createsBody("seed-device", "sale.order", 1000, "so-"));
        QCOMPARE(seed.status, 200);
        QVERIFY2(seed.json()["succeeded"].get<int>() == 1000, seed.body.left(600).constData());
        if (withOdoo()) {
            QCOMPARE(odoo.count("res.partner"), 300LL);
            QCOMPARE(odoo.count("sale.order", json::parse(R"([["partner_id", "=", 42]])")), 1000LL);
        }

        const auto push =
            user->post(QStringLiteral("/api/v1/offline-sync/push"), bytes(kPushRequest));
        QCOMPARE(push.status, 200);
        auto m = shapeMismatch(push.json(), json::parse(kPushResponse));
        QVERIFY2(m.empty(), m.c_str());
        QCOMPARE(push.json()["results"][0]["status"].get<std::string>(), std::string("success"));
        QVERIFY(push.json()["id_mapping"]["local_uuid_1"].is_number_integer());
        QVERIFY(odooHas("sale.order", push.json()["id_mapping"]["local_uuid_1"].get<long long>(),
                        "partner_id", 42));

        const auto pull =
            user->post(QStringLiteral("/api/v1/offline-sync/pull"), bytes(kPullRequest));
        QCOMPARE(pull.status, 200);
        m = shapeMismatch(pull.json(), json::parse(kPullResponse));
        QVERIFY2(m.empty(), m.c_str());
        QVERIFY(pull.json()["events"][0]["event_id"].get<long long>() > 1250);

        const auto resolve = user->post(QStringLiteral("/api/v1/offline-sync/resolve-conflicts"),
                                        bytes(kResolveRequest));
        QCOMPARE(resolve.status, 200);
        m = shapeMismatch(resolve.json(), json::parse(kResolveResponse));
        QVERIFY2(m.empty(), (m + " " + resolve.body.toStdString()).c_str());
        QCOMPARE(resolve.json()["results"][0]["server_id"].get<long long>(), 123LL);
        QVERIFY2(odooHas("res.partner", 123, "phone", "+1234567890"),
                 "client_wins did not reach Odoo");

        const auto state =
            user->get(QStringLiteral("/api/v1/offline-sync/state?device_id=iphone-abc123"));
        QCOMPARE(state.status, 200);
        m = shapeMismatch(state.json(), json::parse(kStateResponse));
        QVERIFY2(m.empty(), (m + " " + state.body.toStdString()).c_str());
        for (const char* extra :
             {"last_push_time", "last_pull_time", "app_version", "open_conflicts",
              "oldest_pending_at", "last_error", "clock_skew_ms"})
            QVERIFY2(state.json().contains(extra), extra);

        const auto reset = user->post(
            QStringLiteral("/api/v1/offline-sync/reset?device_id=iphone-abc123"), QByteArray());
        QCOMPARE(reset.status, 200);
        m = shapeMismatch(reset.json(), json::parse(kResetResponse));
        QVERIFY2(m.empty(), m.c_str());
        const auto after =
            user->get(QStringLiteral("/api/v1/offline-sync/state?device_id=iphone-abc123"));
        QCOMPARE(after.json()["last_event_id"].get<long long>(), 0LL);
        QCOMPARE(after.json()["total_syncs"].get<long long>(), 0LL);

        const auto stats =
            user->get(QStringLiteral("/api/v1/offline-sync/statistics?device_id=iphone-abc123"));
        QCOMPARE(stats.status, 200);
        for (const char* k : {"success_rate", "conflict_rate", "average_push_time_ms",
                              "average_pull_time_ms", "bytes_received", "bytes_sent"})
            QVERIFY2(stats.json().contains(k), k);
        QVERIFY(stats.json()["bytes_received"].get<long long>() > 0);
    }

    void statisticsSpeakBridgeCoreNames() {
        // DESIGN.md §4: BridgeCore's SyncStatistics field names, rates as fractions 0..1.
        const auto push = user->post(QStringLiteral("/api/v1/offline-sync/push"),
                                     createsBody("stats-device", "sale.order", 3, "st-"));
        QCOMPARE(push.status, 200);
        const auto pull =
            user->post(QStringLiteral("/api/v1/offline-sync/pull"),
                       json{{"device_id", "stats-device"}, {"app_type", "sales_app"}});
        QCOMPARE(pull.status, 200);
        const auto r =
            user->get(QStringLiteral("/api/v1/offline-sync/statistics?device_id=stats-device"));
        QCOMPARE(r.status, 200);
        const json s = r.json();
        QVERIFY2(s.contains("total_syncs") && s["total_syncs"].is_number_integer(),
                 r.body.constData());
        QCOMPARE(s["total_syncs"].get<long long>(), 2LL); // one push, one pull
        QVERIFY(s["total_events_synced"].is_number_integer());
        QCOMPARE(s["total_events_synced"].get<long long>(),
                 static_cast<long long>(pull.json()["events"].size()));
        QCOMPARE(s["total_conflicts"].get<long long>(), 0LL);
        QCOMPARE(s["success_rate"].get<double>(), 1.0);
        QCOMPARE(s["conflict_rate"].get<double>(), 0.0);
        for (const char* k :
             {"average_sync_time_ms", "average_push_time_ms", "average_pull_time_ms",
              "total_data_uploaded_kb", "total_data_downloaded_kb"}) {
            QVERIFY2(s.contains(k) && s[k].is_number(), k);
            QVERIFY2(s[k].get<double>() > 0, k);
        }
        QVERIFY(s["last_sync_time"].is_string());
        QVERIFY(s["last_sync_time"].get<std::string>().back() == 'Z');
        QCOMPARE(s["last_sync_status"].get<std::string>(), std::string("success"));
        // A device that never synced: no time, no status.
        const auto none =
            user->get(QStringLiteral("/api/v1/offline-sync/statistics?device_id=never-synced"));
        if (none.status == 200) {
            QVERIFY(none.json()["last_sync_time"].is_null());
            QVERIFY(none.json()["last_sync_status"].is_null());
        }
    }

    void healthNeedsNoToken() {
        HttpClient anon(f.server->baseUrl());
        const auto r = anon.get(QStringLiteral("/api/v1/offline-sync/health"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()["database"].get<std::string>(), std::string("ok"));
    }

    void consoleEndpoints() {
        for (const char* path : {"/api/v1/admin/devices", "/api/v1/admin/conflicts?status=open",
                                 "/api/v1/admin/events?limit=5", "/api/v1/admin/conflicts"}) {
            const auto r = support->get(QString::fromLatin1(path));
            QVERIFY2(r.status == 200, path);
            const json j = r.json();
            for (const char* k : {"items", "total", "limit", "offset"})
                QVERIFY2(j.contains(k), k);
        }
        const auto devices = support->get(QStringLiteral("/api/v1/admin/devices"));
        QVERIFY(devices.json()["total"].get<long long>() >= 2); // seed-device and iphone-abc123
        const auto events = support->get(QStringLiteral("/api/v1/admin/events?limit=5"));
        QCOMPARE(events.json()["items"].size(), std::size_t(5));
        const auto metrics =
            support->get(QStringLiteral("/api/v1/admin/metrics?bucket_seconds=60"));
        QCOMPARE(metrics.status, 200);
        QVERIFY(metrics.json()["items"].is_array());
        QVERIFY(!metrics.json()["items"].empty());

        const auto prom = admin->get(QStringLiteral("/metrics"));
        QCOMPARE(prom.status, 200);
        QVERIFY(prom.header("content-type").startsWith("text/plain"));
        QVERIFY(
            prom.body.contains("bridgecore_http_requests_total{endpoint=\"push\",status=\"200\"}"));
        QVERIFY(prom.body.contains("bridgecore_devices "));
    }

    void adminResolvesStoredConflict() {
        // create a record, change it from another device, then push a stale update with manual
        auto c = admin->post(QStringLiteral("/api/v1/offline-sync/push"),
                             partnersBody("conf-a", 1, "conf-rec-"));
        const long long id = c.json()["results"][0]["server_id"].get<long long>();
        auto change = [&](const std::string& device, const std::string& lid,
                          const std::string& phone, const std::string& strategy) {
            json b{{"device_id", device},
                   {"conflict_strategy", strategy},
                   {"changes",
                    {{{"local_id", lid},
                      {"action", "update"},
                      {"model", "res.partner"},
                      {"record_id", id},
                      {"data", {{"phone", phone}}},
                      {"local_timestamp", "2025-11-24T10:30:00Z"},
                      {"version", 1}}}}};
            return admin->post(QStringLiteral("/api/v1/offline-sync/push"), b);
        };
        QCOMPARE(change("conf-a", "upd-a1", "+111", "server_wins")
                     .json()["results"][0]["status"]
                     .get<std::string>(),
                 std::string("success"));
        const auto held = change("conf-b", "upd-b1", "+222", "manual");
        QCOMPARE(held.json()["results"][0]["status"].get<std::string>(), std::string("conflict"));
        QVERIFY(odooHas("res.partner", id, "phone", "+111")); // held back, Odoo keeps its value
        const long long conflictId =
            held.json()["results"][0]["conflict_info"]["conflict_id"].get<long long>();

        const QString path = QStringLiteral("/api/v1/admin/conflicts/%1/resolve").arg(conflictId);
        QCOMPARE(support->post(path, json{{"strategy", "client_wins"}}).status, 403);
        QCOMPARE(admin->post(path, json{{"strategy", "bogus"}}).status, 422);
        const auto ok = admin->post(path, json{{"strategy", "client_wins"}});
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.json()["status"].get<std::string>(), std::string("success"));
        const auto one = support->get(QStringLiteral("/api/v1/admin/conflicts/%1").arg(conflictId));
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json()["status"].get<std::string>(), std::string("resolved"));
        QVERIFY2(odooHas("res.partner", id, "phone", "+222"), "client_wins did not reach Odoo");
        QCOMPARE(admin
                     ->post(QStringLiteral("/api/v1/admin/conflicts/999999/resolve"),
                            json{{"strategy", "client_wins"}})
                     .status,
                 404);
    }

    void validationNamesTheField_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("loc");
        const QString push = QStringLiteral("/api/v1/offline-sync/push");
        const QString pull = QStringLiteral("/api/v1/offline-sync/pull");
        json valid = json::parse(kPushRequest);
        auto with = [&](const char* key, const json& value) {
            json b = valid;
            b[key] = value;
            return QByteArray::fromStdString(b.dump());
        };
        QTest::newRow("malformed json")
            << push << QByteArray("{\"device_id\": \"abc\", ") << QByteArray(R"(["body")");
        QTest::newRow("device_id wrong type")
            << push << with("device_id", 123) << QByteArray(R"(["body","device_id"])");
        QTest::newRow("changes wrong type")
            << push << with("changes", "many") << QByteArray(R"(["body","changes"])");
        QTest::newRow("missing device_id")
            << push << QByteArray(R"({"changes": []})") << QByteArray(R"(["body","device_id"])");
        QTest::newRow("missing changes") << push << QByteArray(R"({"device_id": "iphone-abc123"})")
                                         << QByteArray(R"(["body","changes"])");
        json many = createsBody("iphone-abc123", "sale.order", 1001, "x-");
        QTest::newRow("1001 changes") << push << QByteArray::fromStdString(many.dump())
                                      << QByteArray(R"(["body","changes"])");
        QTest::newRow("batch_size 0")
            << push << with("batch_size", 0) << QByteArray(R"(["body","batch_size"])");
        QTest::newRow("batch_size 501")
            << push << with("batch_size", 501) << QByteArray(R"(["body","batch_size"])");
        QTest::newRow("unknown strategy") << push << with("conflict_strategy", "coin_flip")
                                          << QByteArray(R"(["body","conflict_strategy"])");
        json change = valid["changes"][0];
        change.erase("local_timestamp");
        json missingTs = valid;
        missingTs["changes"][0] = change;
        QTest::newRow("change missing local_timestamp")
            << push << QByteArray::fromStdString(missingTs.dump())
            << QByteArray(R"(["body","changes",0,"local_timestamp"])");
        json pullBody = json::parse(kPullRequest);
        pullBody["limit"] = 0;
        QTest::newRow("limit 0") << pull << QByteArray::fromStdString(pullBody.dump())
                                 << QByteArray(R"(["body","limit"])");
        pullBody["limit"] = 501;
        QTest::newRow("limit 501") << pull << QByteArray::fromStdString(pullBody.dump())
                                   << QByteArray(R"(["body","limit"])");
        pullBody["limit"] = "ten";
        QTest::newRow("limit wrong type") << pull << QByteArray::fromStdString(pullBody.dump())
                                          << QByteArray(R"(["body","limit"])");
        QTest::newRow("state without device_id")
            << QStringLiteral("GET /api/v1/offline-sync/state") << QByteArray()
            << QByteArray(R"(["query","device_id"])");
        QTest::newRow("reset short device_id")
            << QStringLiteral("/api/v1/offline-sync/reset?device_id=ab") << QByteArray()
            << QByteArray(R"(["query","device_id"])");
        QTest::newRow("admin events bad limit")
            << QStringLiteral("GET /api/v1/admin/events?limit=abc") << QByteArray()
            << QByteArray(R"(["query","limit"])");
        QTest::newRow("too deeply nested")
            << push << QByteArray(std::string(5000, '[').c_str()) << QByteArray(R"(["body"])");
    }

    void validationNamesTheField() {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, loc);
        HttpResponse r = path.startsWith(QStringLiteral("GET ")) ? admin->get(path.mid(4))
                                                                 : admin->post(path, body);
        QCOMPARE(r.status, 422);
        const json j = r.json();
        QVERIFY2(j.contains("detail") && j["detail"].is_array() && !j["detail"].empty(),
                 r.body.constData());
        bool found = false;
        for (const auto& l : locs(j))
            found = found || QByteArray::fromStdString(l).startsWith(loc);
        QVERIFY2(found, r.body.constData());
        for (const auto& d : j["detail"]) {
            QVERIFY(d["msg"].is_string());
            QVERIFY(d["type"].is_string());
            const std::string first = d["loc"][0].get<std::string>();
            QVERIFY(first == "body" || first == "query");
        }
    }

    void modelMapIsReadByStaffAndChangedByAdmins() {
        const auto map = support->get(QStringLiteral("/api/v1/admin/model-map"));
        QCOMPARE(map.status, 200);
        QVERIFY(map.json().contains("sales_app"));
        QCOMPARE(user->get(QStringLiteral("/api/v1/admin/model-map")).status, 403);
        const QByteArray models =
            R"({"models": [{"model": "fleet.vehicle", "priority": "high"}, "fleet.trip"]})";
        QCOMPARE(support->send("PUT", QStringLiteral("/api/v1/admin/model-map/fleet_app"), models)
                     .status,
                 403);
        const auto bad = admin->send("PUT", QStringLiteral("/api/v1/admin/model-map/fleet_app"),
                                     R"({"models": ["Fleet; DROP TABLE records"]})");
        QCOMPARE(bad.status, 422);
        QVERIFY(hasLoc(bad.json(), json::array({"body", "models", 0, "model"})));
        const auto ok =
            admin->send("PUT", QStringLiteral("/api/v1/admin/model-map/fleet_app"), models);
        QCOMPARE(ok.status, 200);
        const auto after = support->get(QStringLiteral("/api/v1/admin/model-map")).json();
        QVERIFY(after.contains("fleet_app"));
        QCOMPARE(after["fleet_app"].size(), std::size_t(2));
        // the new app type syncs its models
        const json push{{"device_id", "fleet-device"},
                        {"changes",
                         {{{"local_id", "veh-1"},
                           {"action", "create"},
                           {"model", "fleet.vehicle"},
                           {"data", {{"name", "Truck"}}},
                           {"local_timestamp", "2025-11-24T10:30:00Z"}}}}};
        const auto pushed = admin->post(QStringLiteral("/api/v1/offline-sync/push"), push);
        if (withOdoo()) {
            // Odoo is the system of record and has no fleet.vehicle (the fleet module is not
            // installed): the change fails with Odoo's reason, nothing reaches devices.
            const json r = pushed.json()["results"][0];
            QVERIFY2(r["status"] == "failed", pushed.body.constData());
            QVERIFY2(r["error"].get<std::string>().find("fleet.vehicle") != std::string::npos,
                     pushed.body.constData());
            return;
        }
        QCOMPARE(pushed.json()["succeeded"].get<int>(), 1);
        const auto pull = admin->post(
            QStringLiteral("/api/v1/offline-sync/pull"),
            json{{"device_id", "fleet-device"}, {"app_type", "fleet_app"}, {"last_event_id", 0}});
        QCOMPARE(pull.status, 200);
        const json pj = pull.json();
        QCOMPARE(pj["events"].size(), std::size_t(1));
        QCOMPARE(pj["events"][0]["priority"].get<std::string>(), std::string("high"));
    }

    void unknownPathAndMethod() {
        QCOMPARE(admin->get(QStringLiteral("/api/v1/offline-sync/nope")).status, 404);
        QCOMPARE(admin->get(QStringLiteral("/api/v1/offline-sync/push")).status, 405);
    }

    void requestLogHasNoSecrets() {
        const QByteArray log = f.server->stderrText();
        QVERIFY(log.contains("\"path\":\"/api/v1/offline-sync/push\""));
        QVERIFY(log.contains("\"device\":\"iphone-abc123\""));
        QVERIFY(!log.contains(admin->token().toUtf8()));
        QVERIFY(!log.contains(kPassword.toUtf8()));
        QVERIFY(!log.contains("eyJ"));           // no JWT at all
        QVERIFY(!log.contains("admin-api-key")); // nor Odoo's API key
    }

    void cleanupTestCase() { QCOMPARE(f.server->stop(), 0); }
};

QTEST_GUILESS_MAIN(ServerApiTest)
#include "ServerApiTest.moc"
