// Authentication, roles and tenant isolation against the real server.

#include "ServerFixture.h"

#include "auth/TokenService.h"

#include <QDateTime>

using namespace bridgecore;
using namespace bridgecore::testsupport;

namespace {
QByteArray b64url(const QByteArray& s) {
    return s.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}
const QString kState = QStringLiteral("/api/v1/offline-sync/state?device_id=shared-device");
} // namespace

class ServerAuthTest : public QObject {
    Q_OBJECT
    ServerFixture f;
    std::unique_ptr<HttpClient> acmeAdmin, acmeUser, globexAdmin, globexSupport;

    json update(long long id, const std::string& lid, const std::string& phone,
                const std::string& strategy = "server_wins") {
        return json{{"device_id", "shared-device"},
                    {"conflict_strategy", strategy},
                    {"changes",
                     {{{"local_id", lid},
                       {"action", "update"},
                       {"model", "res.partner"},
                       {"record_id", id},
                       {"data", {{"phone", phone}}},
                       {"local_timestamp", "2025-11-24T10:30:00Z"},
                       {"version", 1}}}}};
    }

private slots:
    void initTestCase() {
        QVERIFY2(f.prepare({QStringLiteral("acme"), QStringLiteral("globex")}),
                 qPrintable(f.server ? f.server->lastError() : QString()));
        QVERIFY(f.start(json{{"rate_limits", {{"login", {{"requests", 10000}}}}}}));
        acmeAdmin = f.client(QStringLiteral("admin"), QStringLiteral("acme"));
        acmeUser = f.client(QStringLiteral("user"), QStringLiteral("acme"));
        globexAdmin = f.client(QStringLiteral("admin"), QStringLiteral("globex"));
        globexSupport = f.client(QStringLiteral("support"), QStringLiteral("globex"));
        for (auto* c : {acmeAdmin.get(), acmeUser.get(), globexAdmin.get(), globexSupport.get()})
            QVERIFY(!c->token().isEmpty());
    }

    void rejectsBadTokens_data() {
        QTest::addColumn<QString>("token");
        const QByteArray secret = f.server->jwtSecret();
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        auth::TokenClaims c;
        c.user_id = 1;
        c.tenant_id = 1;
        c.role = protocol::Role::Admin;
        c.issued_at = now;
        c.expires_at = now + 600;
        auth::TokenService real(secret.toStdString());
        auth::TokenService other(std::string(48, 'z'));
        QTest::newRow("garbage") << QStringLiteral("not-a-jwt");
        QTest::newRow("three garbage parts") << QStringLiteral("aaa.bbb.ccc");
        QTest::newRow("wrong signature") << QString::fromStdString(other.sign(c));
        const QByteArray payload = b64url(QByteArray::fromStdString(json{
            {"sub", "1"},
            {"tenant_id", 1},
            {"role", "admin"},
            {"type", "access"},
            {"iat", now},
            {"exp", now + 600}}.dump()));
        QTest::newRow("alg none") << QString::fromLatin1(b64url(R"({"alg":"none","typ":"JWT"})") +
                                                         '.' + payload + '.');
        const std::string good = real.sign(c);
        QTest::newRow("alg none with signature")
            << QString::fromLatin1(b64url(R"({"alg":"none","typ":"JWT"})") + '.' + payload + '.' +
                                   QByteArray::fromStdString(good.substr(good.rfind('.') + 1)));
        QTest::newRow("tampered payload")
            << QString::fromStdString(good.substr(0, good.find('.') + 1) +
                                      b64url(QByteArray::fromStdString(json{
                                                 {"sub", "1"},
                                                 {"tenant_id", 2},
                                                 {"role", "admin"},
                                                 {"type", "access"},
                                                 {"iat", now},
                                                 {"exp", now + 600}}.dump()))
                                          .toStdString() +
                                      good.substr(good.rfind('.')));
        auth::TokenClaims expired = c;
        expired.issued_at = now - 7200;
        expired.expires_at = now - 3600;
        QTest::newRow("expired") << QString::fromStdString(real.sign(expired));
        auth::TokenClaims refresh = c;
        refresh.type = auth::TokenType::Refresh;
        QTest::newRow("refresh token as access") << QString::fromStdString(real.sign(refresh));
        // sanity: the same claims as an access token are accepted (see below)
    }

    void rejectsBadTokens() {
        QFETCH(QString, token);
        HttpClient c(f.server->baseUrl());
        c.setToken(token);
        const auto r = c.get(kState);
        QCOMPARE(r.status, 401);
        QVERIFY(r.json()["detail"].is_string());
        QCOMPARE(r.header("www-authenticate"), QByteArray("Bearer"));
    }

    void acceptsAWellSignedToken() {
        // The control for the rows above: the same construction with the right secret passes.
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        auth::TokenClaims c;
        c.user_id = 1;
        c.tenant_id = 1;
        c.role = protocol::Role::Admin;
        c.issued_at = now;
        c.expires_at = now + 600;
        HttpClient client(f.server->baseUrl());
        client.setToken(QString::fromStdString(
            auth::TokenService(f.server->jwtSecret().toStdString()).sign(c)));
        QCOMPARE(client.get(QStringLiteral("/api/v1/admin/devices")).status, 200);
    }

    void noTokenIs401() {
        HttpClient c(f.server->baseUrl());
        for (const char* p :
             {"/api/v1/offline-sync/state?device_id=abc", "/api/v1/admin/devices", "/metrics"})
            QCOMPARE(c.get(QString::fromLatin1(p)).status, 401);
        QCOMPARE(
            c.post(QStringLiteral("/api/v1/offline-sync/push"), json{{"device_id", "abc"}}).status,
            401);
        HttpRequestOptions basic;
        basic.headers.emplace_back("Authorization", "Basic dXNlcjpwYXNz");
        QCOMPARE(c.get(QStringLiteral("/api/v1/admin/devices"), basic).status, 401);
    }

    void wrongPasswordAndUnknownEmailLookAlike() {
        HttpClient c(f.server->baseUrl());
        const auto wrong =
            c.login(QStringLiteral("admin@acme.test"), QStringLiteral("wrong-password"));
        const auto unknown = c.login(QStringLiteral("nobody@acme.test"), kPassword);
        QCOMPARE(wrong.status, 401);
        QCOMPARE(unknown.status, 401);
        QVERIFY(wrong.json()["detail"] == unknown.json()["detail"]);
        QCOMPARE(wrong.body, unknown.body);
        QVERIFY(c.token().isEmpty());
    }

    void userIsForbiddenOnAdminEndpoints() {
        for (const char* p :
             {"/api/v1/admin/devices", "/api/v1/admin/conflicts", "/api/v1/admin/events",
              "/api/v1/admin/metrics", "/api/v1/admin/summary", "/api/v1/admin/conflicts/1",
              "/api/v1/admin/devices/shared-device/receive-preview",
              "/api/v1/admin/devices/shared-device/history",
              "/api/v1/admin/devices/shared-device/ledger/rec-0", "/metrics"}) {
            const auto r = acmeUser->get(QString::fromLatin1(p));
            QVERIFY2(r.status == 403, p);
            QCOMPARE(r.json()["error_code"].get<std::string>(), std::string("FORBIDDEN"));
        }
        QCOMPARE(acmeUser
                     ->post(QStringLiteral("/api/v1/admin/conflicts/1/resolve"),
                            json{{"strategy", "client_wins"}})
                     .status,
                 403);
        QCOMPARE(globexSupport->get(QStringLiteral("/api/v1/admin/devices")).status, 200);
    }

    void tenantsAreIsolated() {
        // Both tenants: the same device name, the same local ids, the same model.
        const json creates = createsBody("shared-device", "res.partner", 3, "rec-");
        const auto a = acmeAdmin->post(QStringLiteral("/api/v1/offline-sync/push"), creates);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json()["succeeded"].get<int>(), 3);
        const long long aId = a.json()["results"][0]["server_id"].get<long long>();
        // A: an open conflict and a device only A has
        QCOMPARE(
            acmeAdmin
                ->post(QStringLiteral("/api/v1/offline-sync/push"), update(aId, "upd-1", "+111"))
                .status,
            200);
        const auto held = acmeAdmin->post(QStringLiteral("/api/v1/offline-sync/push"),
                                          update(aId, "upd-2", "+222", "manual"));
        QCOMPARE(held.json()["results"][0]["status"].get<std::string>(), std::string("conflict"));
        const long long aConflict =
            held.json()["results"][0]["conflict_info"]["conflict_id"].get<long long>();
        QCOMPARE(acmeAdmin
                     ->post(QStringLiteral("/api/v1/offline-sync/push"),
                            createsBody("acme-only-device", "res.partner", 2, "solo-"))
                     .status,
                 200);
        const auto aStateBefore = acmeAdmin->get(kState).json();

        // B pushes the same names: its own records, not A's duplicates
        const auto b = globexAdmin->post(QStringLiteral("/api/v1/offline-sync/push"), creates);
        QCOMPARE(b.status, 200);
        QCOMPARE(b.json()["succeeded"].get<int>(), 3);
        const json bJson = b.json(); // keep the document alive for the loop
        for (const auto& r : bJson["results"])
            QVERIFY(!r.value("duplicate", false));

        // pull: B sees only its own 3 events
        const auto bPull = globexAdmin->post(
            QStringLiteral("/api/v1/offline-sync/pull"),
            json{{"device_id", "shared-device"}, {"app_type", "sales_app"}, {"last_event_id", 0}});
        QCOMPARE(bPull.status, 200);
        QCOMPARE(bPull.json()["events"].size(), std::size_t(3));
        QCOMPARE(bPull.json()["total_available"].get<long long>(), 3LL);
        const json bPullJson = bPull.json(); // keep the document alive for the loop
        for (const auto& e : bPullJson["events"])
            QVERIFY(e["data"].value("phone", "") != "+111");

        // state: B's own device, not A's counts; A's device is unknown to B
        const auto bState = globexAdmin->get(kState).json();
        QVERIFY(bState["total_syncs"] != aStateBefore["total_syncs"]);
        QCOMPARE(bState["open_conflicts"].get<long long>(), 0LL);
        const auto bOther = globexAdmin->get(
            QStringLiteral("/api/v1/offline-sync/state?device_id=acme-only-device"));
        const auto bNever = globexAdmin->get(
            QStringLiteral("/api/v1/offline-sync/state?device_id=never-seen-device"));
        QCOMPARE(bOther.status, bNever.status);
        // the answer about A's device is the answer about a device nobody has
        json other = bOther.json(), never = bNever.json();
        for (json* j : {&other, &never})
            if (j->is_object())
                for (const char* k : {"device_id", "next_sync_token", "detail"})
                    j->erase(k);
        QVERIFY2(other == never, bOther.body.constData());
        const auto bStats = globexAdmin->get(
            QStringLiteral("/api/v1/offline-sync/statistics?device_id=acme-only-device"));
        QVERIFY(bStats.status != 200 || bStats.json().value("total_pushes", 0) == 0);

        // resolve: B's resolution of "upd-2" touches B's record, A's conflict stays open
        const auto bResolve = globexAdmin->post(
            QStringLiteral("/api/v1/offline-sync/resolve-conflicts"),
            json{{"device_id", "shared-device"},
                 {"resolutions", {{{"local_id", "upd-2"}, {"strategy", "client_wins"}}}}});
        QVERIFY(bResolve.status == 200 || bResolve.status == 404 || bResolve.status == 422);
        QCOMPARE(globexAdmin
                     ->post(QStringLiteral("/api/v1/admin/conflicts/%1/resolve").arg(aConflict),
                            json{{"strategy", "client_wins"}})
                     .status,
                 404);
        QCOMPARE(
            globexSupport->get(QStringLiteral("/api/v1/admin/conflicts/%1").arg(aConflict)).status,
            404);

        // reset: B resetting A's device name changes nothing for A
        globexAdmin->post(QStringLiteral("/api/v1/offline-sync/reset?device_id=acme-only-device"),
                          QByteArray());
        globexAdmin->post(QStringLiteral("/api/v1/offline-sync/reset?device_id=shared-device"),
                          QByteArray());
        const auto aStateAfter = acmeAdmin->get(kState).json();
        QVERIFY(aStateAfter["total_syncs"] == aStateBefore["total_syncs"]);
        QCOMPARE(aStateAfter["open_conflicts"].get<long long>(), 1LL);

        // console lists: only B's devices, conflicts, events; counts are B's
        const auto devices = globexSupport->get(QStringLiteral("/api/v1/admin/devices")).json();
        QCOMPARE(devices["total"].get<long long>(), 1LL);
        QCOMPARE(devices["items"][0]["device_id"].get<std::string>(), std::string("shared-device"));
        const auto conflicts =
            globexSupport->get(QStringLiteral("/api/v1/admin/conflicts?status=all")).json();
        QCOMPARE(conflicts["total"].get<long long>(), 0LL);
        const auto events = globexSupport->get(QStringLiteral("/api/v1/admin/events")).json();
        QCOMPARE(events["total"].get<long long>(), 3LL);
        const auto aEvents = acmeAdmin->get(QStringLiteral("/api/v1/admin/events")).json();
        QVERIFY(aEvents["total"].get<long long>() >= 6);
        const auto summary = globexSupport->get(QStringLiteral("/api/v1/admin/summary")).json();
        QCOMPARE(summary["devices"].get<long long>(), 1LL);
        QCOMPARE(summary["open_conflicts"].get<long long>(), 0LL);
        const auto prom = globexSupport->get(QStringLiteral("/metrics"));
        QVERIFY(prom.body.contains("bridgecore_open_conflicts 0"));
        QVERIFY(prom.body.contains("bridgecore_devices 1"));

        // A's record is untouched by everything B did
        const auto aPull = acmeAdmin->post(QStringLiteral("/api/v1/offline-sync/pull"),
                                           json{{"device_id", "acme-check"},
                                                {"app_type", "sales_app"},
                                                {"last_event_id", 0},
                                                {"limit", 500}});
        long long acmeEvents = aPull.json()["total_available"].get<long long>();
        QCOMPARE(acmeEvents, aEvents["total"].get<long long>());
    }

    /// The drill-down's endpoints (extensions beyond DESIGN.md): what a device would receive,
    /// and the ledger's answer about one of its changes; support and admin of the device's
    /// own tenant only.
    void deviceReceivePreviewAndLedger() {
        const QString base = QStringLiteral("/api/v1/admin/devices/drill-phone");
        const auto pushed = acmeUser->post(QStringLiteral("/api/v1/offline-sync/push"),
                                           createsBody("drill-phone", "res.partner", 2, "order-"));
        QCOMPARE(pushed.status, 200);
        const long long id = pushed.json()["results"][0]["server_id"].get<long long>();
        // Before its first pull the app type is unknown: no models yet, but the device exists.
        auto preview = acmeAdmin->get(base + QStringLiteral("/receive-preview"));
        QCOMPARE(preview.status, 200);
        QVERIFY(preview.json()["app_type"].is_null());
        QVERIFY(preview.json()["models"].empty());
        QCOMPARE(acmeUser
                     ->post(QStringLiteral("/api/v1/offline-sync/pull"),
                            json{{"device_id", "drill-phone"}, {"app_type", "sales_app"}})
                     .status,
                 200);
        auto acmeSupport = f.client(QStringLiteral("support"), QStringLiteral("acme"));
        for (auto* c : {acmeAdmin.get(), acmeSupport.get()}) {
            preview = c->get(base + QStringLiteral("/receive-preview"));
            QCOMPARE(preview.status, 200);
            const json p = preview.json();
            QCOMPARE(p["device_id"].get<std::string>(), std::string("drill-phone"));
            QCOMPARE(p["app_type"].get<std::string>(), std::string("sales_app"));
            bool partners = false;
            for (const auto& m : p["models"])
                if (m["model"] == "res.partner") {
                    partners = true;
                    QVERIFY(m["records"].get<long long>() >= 2);
                    QVERIFY(m["bytes"].get<long long>() > 0);
                }
            QVERIFY2(partners, preview.body.constData());
        }
        // The ledger: applied, as which record and when.
        const auto applied = acmeSupport->get(base + QStringLiteral("/ledger/order-0"));
        QCOMPARE(applied.status, 200);
        const json a = applied.json();
        QCOMPARE(a["found"].get<bool>(), true);
        QCOMPARE(a["local_id"].get<std::string>(), std::string("order-0"));
        QCOMPARE(a["model"].get<std::string>(), std::string("res.partner"));
        QCOMPARE(a["server_id"].get<long long>(), id);
        QCOMPARE(a["created"].get<bool>(), true);
        QCOMPARE(a["status"].get<std::string>(), std::string("success"));
        QCOMPARE(a["version"].get<long long>(), 1LL);
        QVERIFY(a["event_id"].get<long long>() > 0);
        QVERIFY(a["applied_at"].is_string());
        // Never applied: an answer, not an error.
        const auto never = acmeAdmin->get(base + QStringLiteral("/ledger/order-77"));
        QCOMPARE(never.status, 200);
        QCOMPARE(never.json()["found"].get<bool>(), false);
        // A device user may not look; another tenant sees nothing of acme's device.
        const QStringList guarded = {QString(base + QStringLiteral("/receive-preview")),
                                     QString(base + QStringLiteral("/ledger/order-0"))};
        for (const QString& p : guarded) {
            const auto r = acmeUser->get(p);
            QCOMPARE(r.status, 403);
            QCOMPARE(r.json()["error_code"].get<std::string>(), std::string("FORBIDDEN"));
        }
        const auto foreign = globexSupport->get(base + QStringLiteral("/receive-preview"));
        QCOMPARE(foreign.status, 404);
        QCOMPARE(foreign.json()["error_code"].get<std::string>(), std::string("NOT_FOUND"));
        QVERIFY2(foreign.json()["detail"].get<std::string>().find("drill-phone") !=
                     std::string::npos,
                 foreign.body.constData());
        QVERIFY(globexSupport->get(base + QStringLiteral("/ledger/order-0")).json()["found"] ==
                json(false));
        QCOMPARE(
            acmeAdmin->get(QStringLiteral("/api/v1/admin/devices/nobody/receive-preview")).status,
            404);
        // Paths that name nothing: 404; the right path with the wrong method: 405.
        for (const char* p : {"/api/v1/admin/devices/drill-phone/ledger",
                              "/api/v1/admin/devices/drill-phone/whatever",
                              "/api/v1/admin/devices/drill-phone/ledger/a/b",
                              "/api/v1/admin/devices//receive-preview"})
            QVERIFY2(acmeAdmin->get(QString::fromLatin1(p)).status == 404, p);
        QCOMPARE(acmeAdmin->post(base + QStringLiteral("/receive-preview"), json::object()).status,
                 405);
    }

    /// The drill-down's history (an extension beyond DESIGN.md): the device's latest pushes
    /// and pulls with the queue each reported, newest first; support and admin of the
    /// device's own tenant only.
    void deviceHistory() {
        const QString path = QStringLiteral("/api/v1/admin/devices/hist-phone/history");
        json push = createsBody("hist-phone", "res.partner", 2, "hist-");
        push["pending_changes"] = 4;
        QCOMPARE(acmeUser->post(QStringLiteral("/api/v1/offline-sync/push"), push).status, 200);
        QCOMPARE(acmeUser
                     ->post(QStringLiteral("/api/v1/offline-sync/pull"),
                            json{{"device_id", "hist-phone"},
                                 {"app_type", "sales_app"},
                                 {"pending_changes", 1},
                                 {"last_error", "timeout"}})
                     .status,
                 200);
        auto acmeSupport = f.client(QStringLiteral("support"), QStringLiteral("acme"));
        for (auto* c : {acmeAdmin.get(), acmeSupport.get()}) {
            const auto r = c->get(path);
            QCOMPARE(r.status, 200);
            const json j = r.json();
            QCOMPARE(j["device_id"].get<std::string>(), std::string("hist-phone"));
            const json& h = j["history"];
            QCOMPARE(int(h.size()), 2);
            QCOMPARE(h[0]["kind"].get<std::string>(), std::string("pull"));
            QCOMPARE(h[0]["pending_changes"].get<long long>(), 1LL);
            QCOMPARE(h[0]["last_error"].get<std::string>(), std::string("timeout"));
            QVERIFY(h[0]["changes"].get<long long>() >= 2); // its own two partners at least
            QCOMPARE(h[1]["kind"].get<std::string>(), std::string("push"));
            QCOMPARE(h[1]["changes"].get<long long>(), 2LL);
            QCOMPARE(h[1]["applied"].get<long long>(), 2LL);
            QCOMPARE(h[1]["conflicts"].get<long long>(), 0LL);
            QCOMPARE(h[1]["failed"].get<long long>(), 0LL);
            QCOMPARE(h[1]["pending_changes"].get<long long>(), 4LL);
            QVERIFY(h[1]["last_error"].is_null());
            QVERIFY(h[1]["duration_ms"].get<double>() >= 0);
            QVERIFY(protocol::parseTime(h[1]["at"].get<std::string>()));
        }
        // A device user may not look; another tenant sees nothing of acme's device.
        const auto user = acmeUser->get(path);
        QCOMPARE(user.status, 403);
        QCOMPARE(user.json()["error_code"].get<std::string>(), std::string("FORBIDDEN"));
        for (auto* c : {globexSupport.get(), globexAdmin.get()}) {
            const auto foreign = c->get(path);
            QCOMPARE(foreign.status, 404);
            QCOMPARE(foreign.json()["error_code"].get<std::string>(), std::string("NOT_FOUND"));
        }
        QCOMPARE(acmeAdmin->get(QStringLiteral("/api/v1/admin/devices/nobody/history")).status,
                 404);
        QCOMPARE(acmeAdmin->post(path, json::object()).status, 405);
    }

    void cleanupTestCase() { QCOMPARE(f.server->stop(), 0); }
};

QTEST_GUILESS_MAIN(ServerAuthTest)
#include "ServerAuthTest.moc"
