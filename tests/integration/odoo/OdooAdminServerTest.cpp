// The console's view of a tenant's Odoo link through the real bridgecore-server attached to
// the Odoo emulator: GET /api/v1/admin/odoo (settings + the running feed's figures, never the
// key) and POST /api/v1/admin/odoo/<tenant>/test (Odoo's version and user id, or one line
// saying what failed); both for admins only. GET /api/v1/admin/odoo/fields?model= (Odoo's
// fields_get for the console's records views; support and admins).
#include "../server/ServerFixture.h"
#include "OdooEmulator.h"

using namespace bridgecore::testsupport;

namespace {
const QByteArray kSecretKey = "admin-odoo-test-secret-key-0123456789";

/// Polls GET /api/v1/admin/odoo until `ready` holds for the first item; that body.
template <typename F> json waitForConnection(HttpClient& admin, F ready, int timeoutMs = 15000) {
    QElapsedTimer t;
    t.start();
    json body;
    while (t.elapsed() < timeoutMs) {
        const auto r = admin.get(QStringLiteral("/api/v1/admin/odoo"));
        if (r.status != 200)
            return json{{"status", r.status}, {"body", r.body.toStdString()}};
        body = r.json();
        if (!body["items"].empty() && ready(body["items"][0]))
            return body;
        QTest::qWait(50);
    }
    return body;
}
} // namespace

class OdooAdminServerTest : public QObject {
    Q_OBJECT
private slots:
    void aTenantWithoutOdooListsNothing() {
        ServerFixture f;
        QVERIFY(f.prepare());
        QVERIFY2(f.start(), qPrintable(f.server->lastError()));
        auto admin = f.client(QStringLiteral("admin"));
        const auto r = admin->get(QStringLiteral("/api/v1/admin/odoo"));
        QCOMPARE(r.status, 200);
        QVERIFY2(r.json()["items"] == json::array(), r.body.constData());
        const auto t = admin->post(QStringLiteral("/api/v1/admin/odoo/acme/test"), json::object());
        QCOMPARE(t.status, 404);
        // No Odoo, no field labels from it: the console keeps its own.
        QCOMPARE(admin->get(QStringLiteral("/api/v1/admin/odoo/fields?model=res.partner")).status,
                 404);
        QCOMPARE(f.server->stop(), 0);
    }

    void fieldLabelsComeFromOdoosFieldsGet() {
        qputenv("BRIDGECORE_SECRET_KEY", kSecretKey);
        OdooEmulator odoo;
        QVERIFY(odoo.start());
        // An Odoo admin renamed a field and added a custom one.
        QVERIFY(odoo.control(
                    "add_field",
                    {{"model", "res.partner"},
                     {"name", "x_site_ref"},
                     {"field",
                      {{"type", "char"}, {"string", "Site Reference"}, {"required", true}}}}) ==
                true);
        QVERIFY(odoo.control("add_field",
                             {{"model", "res.partner"},
                              {"name", "phone"},
                              {"field", {{"type", "char"}, {"string", "Work Phone"}}}}) == true);
        ServerFixture f;
        QVERIFY(f.prepare());
        auto attach =
            runServerCommand({"tenant", "odoo", "--db", f.server->dbPath(), "--tenant", "acme",
                              "--url", odoo.url(), "--database", "odoo", "--login", "admin"},
                             "admin-api-key\n");
        QVERIFY2(attach.exitCode == 0, attach.err.constData());
        QVERIFY2(f.start(), qPrintable(f.server->lastError()));

        for (const char* role : {"admin", "support"}) {
            auto who = f.client(QString::fromLatin1(role));
            const auto r = who->get(QStringLiteral("/api/v1/admin/odoo/fields?model=res.partner"));
            QVERIFY2(r.status == 200, r.body.constData());
            const json body = r.json();
            QCOMPARE(body["model"].get<std::string>(), std::string("res.partner"));
            const json& fields = body["fields"];
            QCOMPARE(fields["x_site_ref"]["string"].get<std::string>(),
                     std::string("Site Reference"));
            QVERIFY(fields["x_site_ref"]["required"].get<bool>());
            QCOMPARE(fields["phone"]["string"].get<std::string>(), std::string("Work Phone"));
            QCOMPARE(fields["parent_id"]["type"].get<std::string>(), std::string("many2one"));
            QCOMPARE(fields["parent_id"]["relation"].get<std::string>(),
                     std::string("res.partner"));
            // Only the attributes asked for (Odoo's fields_get `attributes`).
            QVERIFY2(!fields["name"].contains("default"), fields["name"].dump().c_str());
        }
        auto admin = f.client(QStringLiteral("admin"));
        const auto order = admin->get(QStringLiteral("/api/v1/admin/odoo/fields?model=sale.order"));
        QCOMPARE(order.status, 200);
        const json states = order.json()["fields"]["state"]["selection"];
        QVERIFY2(states[0] == json::array({"draft", "Quotation"}), states.dump().c_str());
        // A device user may not ask; a bad or missing model name is refused before Odoo.
        QCOMPARE(f.client(QStringLiteral("user"))
                     ->get(QStringLiteral("/api/v1/admin/odoo/fields?model=res.partner"))
                     .status,
                 403);
        QCOMPARE(admin->get(QStringLiteral("/api/v1/admin/odoo/fields")).status, 422);
        QCOMPARE(admin->get(QStringLiteral("/api/v1/admin/odoo/fields?model=res%20partner")).status,
                 422);
        // A model this Odoo does not have: Odoo's refusal, not a crash.
        const auto unknown = admin->get(QStringLiteral("/api/v1/admin/odoo/fields?model=x.nope"));
        QVERIFY2(unknown.status >= 400 && unknown.status < 600, unknown.body.constData());
        // Odoo gone: an error naming it, which the console turns into "built-in labels".
        odoo.stop();
        const auto down = admin->get(QStringLiteral("/api/v1/admin/odoo/fields?model=res.partner"));
        QVERIFY2(down.status >= 500, down.body.constData());
        QVERIFY2(down.body.contains("ODOO_UNAVAILABLE"), down.body.constData());
        QCOMPARE(f.server->stop(), 0);
    }

    // `tenant odoo --lang fr_FR`: field labels come in the tenant's language (Odoo's
    // context.lang on fields_get); a language Odoo does not have active is refused at attach.
    void fieldLabelsInTheTenantsLanguage() {
        qputenv("BRIDGECORE_SECRET_KEY", kSecretKey);
        OdooEmulator odoo;
        QVERIFY(odoo.start());
        ServerFixture f;
        QVERIFY(f.prepare());
        const QStringList attach = {"tenant",     "odoo", "--db",    f.server->dbPath(),
                                    "--tenant",   "acme", "--url",   odoo.url(),
                                    "--database", "odoo", "--login", "admin"};
        auto refused = runServerCommand(attach + QStringList{"--lang", "xx_XX"}, "admin-api-key\n");
        QVERIFY2(refused.exitCode != 0, refused.out.constData());
        QVERIFY2(refused.err.contains("--lang xx_XX") &&
                     refused.err.contains("Invalid language code"),
                 refused.err.constData());
        auto bad = runServerCommand(attach + QStringList{"--lang", "fr FR"}, "admin-api-key\n");
        QCOMPARE(bad.exitCode, 2);
        auto ok = runServerCommand(attach + QStringList{"--lang", "fr_FR"}, "admin-api-key\n");
        QVERIFY2(ok.exitCode == 0, ok.err.constData());
        QVERIFY2(f.start(), qPrintable(f.server->lastError()));
        auto admin = f.client(QStringLiteral("admin"));
        const auto r = admin->get(QStringLiteral("/api/v1/admin/odoo/fields?model=res.partner"));
        QVERIFY2(r.status == 200, r.body.constData());
        const json fields = r.json()["fields"];
        QCOMPARE(fields["phone"]["string"].get<std::string>(), std::string("Téléphone"));
        QCOMPARE(fields["name"]["string"].get<std::string>(), std::string("Nom"));
        // A label Odoo has no translation for stays Odoo's source label.
        QCOMPARE(fields["is_company"]["string"].get<std::string>(), std::string("Is a Company"));
        // The connection shows the language it was attached with.
        const auto c = admin->get(QStringLiteral("/api/v1/admin/odoo"));
        QVERIFY2(c.status == 200 && c.json()["items"].size() == 1, c.body.constData());
        QVERIFY2(c.json()["items"][0]["lang"] == "fr_FR", c.body.constData());
        QCOMPARE(f.server->stop(), 0);
    }

    void anAttachedTenantShowsItsConnectionAndTestsIt() {
        qputenv("BRIDGECORE_SECRET_KEY", kSecretKey);
        OdooEmulator odoo;
        QVERIFY(odoo.start());
        ServerFixture f;
        QVERIFY(f.prepare());
        auto attach =
            runServerCommand({"tenant", "odoo", "--db", f.server->dbPath(), "--tenant", "acme",
                              "--url", odoo.url(), "--database", "odoo", "--login", "admin"},
                             "admin-api-key\n");
        QVERIFY2(attach.exitCode == 0, attach.err.constData());
        QVERIFY2(f.start(json{{"odoo", {{"poll_interval_ms", 100}}}}),
                 qPrintable(f.server->lastError()));
        auto admin = f.client(QStringLiteral("admin"));

        // An Odoo user's change, so the feed has a lag to report.
        odoo.control(
            "create",
            {{"model", "res.partner"}, {"values", {{"name", "Made in the office"}}}, {"uid", 7}});
        json body = waitForConnection(
            *admin, [](const json& c) { return c["feed_events"].get<long long>() > 0; });
        QVERIFY2(body.contains("items") && body["items"].size() == 1, body.dump().c_str());
        const json c = body["items"][0];
        QCOMPARE(c["tenant"].get<std::string>(), std::string("acme"));
        QCOMPARE(c["url"].get<std::string>(), odoo.url().toStdString());
        QCOMPARE(c["database"].get<std::string>(), std::string("odoo"));
        QCOMPARE(c["login"].get<std::string>(), std::string("admin"));
        QCOMPARE(c["api"].get<std::string>(), std::string("json2"));
        QCOMPARE(c["version"].get<std::string>(), std::string("19.0"));
        QCOMPARE(c["uid"].get<int>(), 2);
        QVERIFY2(c.contains("lang") && c["lang"].is_null(), c.dump().c_str()); // no --lang
        QVERIFY(c["feed_running"].get<bool>());
        QVERIFY2(c["last_contact"].is_string(), c.dump().c_str());
        QVERIFY2(c["feed_lag_ms"].is_number_integer() && c["feed_lag_ms"].get<long long>() >= 0,
                 c.dump().c_str());
        QVERIFY2(c["last_error"].is_null(), c.dump().c_str());
        QVERIFY(c["write_latency_ms"].is_null()); // nothing pushed yet

        // A push through to Odoo gives the write latency.
        auto device = f.client(QStringLiteral("user"));
        const auto push = device->post(
            QStringLiteral("/api/v1/offline-sync/push"),
            json{{"device_id", "van-7"},
                 {"app_type", "sales_app"},
                 {"changes", json::array({json{{"local_id", "p-1"},
                                               {"model", "res.partner"},
                                               {"action", "create"},
                                               {"data", {{"name", "From the van"}}},
                                               {"local_timestamp", "2026-01-01T10:00:00Z"}}})}});
        QVERIFY2(push.status == 200 && push.json()["success"].get<bool>(), push.body.constData());
        body = waitForConnection(*admin, [](const json& c) { return c["write_batches"] > 0; });
        QVERIFY2(body["items"][0]["write_latency_ms"].is_number() &&
                     body["items"][0]["write_latency_ms"].get<double>() > 0,
                 body.dump().c_str());

        // Never the key, in any answer.
        const auto raw = admin->get(QStringLiteral("/api/v1/admin/odoo"));
        QVERIFY(!raw.body.contains("admin-api-key"));
        QVERIFY(!raw.body.contains("secret"));

        const auto ok = admin->post(QStringLiteral("/api/v1/admin/odoo/acme/test"), json::object());
        QCOMPARE(ok.status, 200);
        const json check = ok.json();
        QVERIFY2(check["ok"].get<bool>(), ok.body.constData());
        QCOMPARE(check["version"].get<std::string>(), std::string("19.0"));
        QCOMPARE(check["uid"].get<int>(), 2);
        QCOMPARE(check["api"].get<std::string>(), std::string("json2"));
        QVERIFY(check["error"].is_null());
        QVERIFY(!ok.body.contains("admin-api-key"));

        // Another tenant's name is not found (nor learnt).
        QCOMPARE(
            admin->post(QStringLiteral("/api/v1/admin/odoo/globex/test"), json::object()).status,
            404);
        // GET on the test path is a wrong method.
        QCOMPARE(admin->get(QStringLiteral("/api/v1/admin/odoo/acme/test")).status, 405);

        // Support and plain users may neither see nor test it.
        for (const char* role : {"support", "user"}) {
            auto other = f.client(QString::fromLatin1(role));
            QCOMPARE(other->get(QStringLiteral("/api/v1/admin/odoo")).status, 403);
            QCOMPARE(
                other->post(QStringLiteral("/api/v1/admin/odoo/acme/test"), json::object()).status,
                403);
        }

        // Odoo gone: the test says so in one line and the feed reports its error.
        odoo.stop();
        const auto down =
            admin->post(QStringLiteral("/api/v1/admin/odoo/acme/test"), json::object());
        QCOMPARE(down.status, 200);
        const json failed = down.json();
        QVERIFY(!failed["ok"].get<bool>());
        const std::string error = failed["error"].get<std::string>();
        QVERIFY2(error.find("unreachable") != std::string::npos, error.c_str());
        QVERIFY(error.find('\n') == std::string::npos);
        QVERIFY(failed["version"].is_null());
        body = waitForConnection(*admin, [](const json& c) { return c["last_error"].is_string(); });
        QVERIFY2(body["items"][0]["last_error"].is_string(), body.dump().c_str());
        QCOMPARE(f.server->stop(), 0);
    }
};

QTEST_GUILESS_MAIN(OdooAdminServerTest)
#include "OdooAdminServerTest.moc"
