// Two tenants on one bridgecore-server: "acme" attached to the Odoo emulator, "beta" plain.
// A push of an attached tenant talks to Odoo without holding the store's shared write
// transaction, so while Odoo hangs on acme's push, beta's pushes and pulls are answered; the
// same holds for a conflict resolution (client_wins) that acme writes to Odoo, which holds
// acme's turn: acme's next push waits for it.
#include "../server/ServerFixture.h"
#include "OdooEmulator.h"

#include <atomic>
#include <thread>

using namespace bridgecore::testsupport;

namespace {
const QByteArray kSecretKey = "isolation-test-secret-key-0123456789abcd";

json partnerPush(const std::string& device, const std::string& localId, const std::string& name) {
    return json{{"device_id", device},
                {"changes",
                 {{{"local_id", localId},
                   {"action", "create"},
                   {"model", "res.partner"},
                   {"record_id", nullptr},
                   {"data", {{"name", name}}},
                   {"local_timestamp", "2026-11-29T10:00:00Z"},
                   {"version", 1}}}}};
}
} // namespace

class OdooTenantIsolationTest : public QObject {
    Q_OBJECT
    OdooEmulator m_odoo;
    ServerFixture m_f;

    long long loadCalls() {
        const json stats = m_odoo.control("stats");
        return stats.is_object() ? stats["calls_by_method"].value("load", 0LL) : 0LL;
    }

    /// An open manual conflict of acme's: the device creates `<tag>-1` named `before`, an Odoo
    /// user renames it "<prefix>Renamed In The Office", then the device renames it "<prefix>
    /// Renamed On The Van" from version 1. `*id` is the record's Odoo id.
    void openConflict(HttpClient& acme, const std::string& tag, const std::string& before,
                      const std::string& prefix, std::int64_t* id) {
        const json created = acme.post(QStringLiteral("/api/v1/offline-sync/push"),
                                       partnerPush("acme-van", tag + "-1", before))
                                 .json();
        QVERIFY2(created.value("success", false), created.dump().c_str());
        *id = created["id_mapping"][tag + "-1"].get<std::int64_t>();
        m_odoo.control("edit", {{"model", "res.partner"},
                                {"id", *id},
                                {"values", {{"name", prefix + "Renamed In The Office"}}},
                                {"uid", 7}});
        json update = partnerPush("acme-van", tag + "-2", prefix + "Renamed On The Van");
        update["changes"][0]["action"] = "update";
        update["changes"][0]["record_id"] = *id;
        update["conflict_strategy"] = "manual";
        const json conflicted =
            acme.post(QStringLiteral("/api/v1/offline-sync/push"), update).json();
        QVERIFY2(conflicted["results"][0]["status"] == "conflict", conflicted.dump().c_str());
    }

private slots:
    void initTestCase() {
        qputenv("BRIDGECORE_SECRET_KEY", kSecretKey);
        QVERIFY(m_odoo.start());
        QVERIFY(m_f.prepare({QStringLiteral("acme"), QStringLiteral("beta")}));
        auto attach =
            runServerCommand({"tenant", "odoo", "--db", m_f.server->dbPath(), "--tenant", "acme",
                              "--url", m_odoo.url(), "--database", "odoo", "--login", "admin"},
                             "admin-api-key\n");
        QVERIFY2(attach.exitCode == 0, attach.err.constData());
        QVERIFY2(m_f.start(json{{"odoo", {{"poll_interval_ms", 100}}}}),
                 qPrintable(m_f.server->lastError()));
    }

    void plainTenantIsAnsweredWhileOdooHangs() {
        auto acme = m_f.client(QStringLiteral("user"), QStringLiteral("acme"));
        auto beta = m_f.client(QStringLiteral("user"), QStringLiteral("beta"));
        QVERIFY(!acme->token().isEmpty() && !beta->token().isEmpty());
        // Odoo takes acme's load and does not answer for 4 s (then drops the connection; the
        // connector's retry succeeds).
        const long long loadsBefore = loadCalls();
        m_odoo.control("faults", {{"hang_next", 1}, {"hang_seconds", 4}, {"only_method", "load"}});
        std::atomic<bool> acmeAnswered{false};
        json acmeResult;
        const QString url = m_f.server->baseUrl();
        const QString token = acme->token();
        std::thread pusher([&] {
            HttpClient c(url);
            c.setToken(token);
            HttpRequestOptions opt;
            opt.timeoutMs = 60000;
            const auto r =
                c.post(QStringLiteral("/api/v1/offline-sync/push"),
                       partnerPush("acme-van", "slow-1", "Pushed While Odoo Hangs"), opt);
            acmeResult = r.status == 200 ? r.json() : json{{"http", r.status}};
            acmeAnswered = true;
        });
        QElapsedTimer t;
        t.start();
        while (loadCalls() == loadsBefore && t.elapsed() < 20000)
            QTest::qWait(10);
        QVERIFY2(loadCalls() > loadsBefore, "acme's push never reached Odoo");

        // Odoo is now hanging inside acme's push: beta is answered all the same.
        const auto pushed = beta->post(QStringLiteral("/api/v1/offline-sync/push"),
                                       partnerPush("beta-van", "quick-1", "Beta Customer"));
        // acme is still inside Odoo's hang when nothing answered it and the connector has not
        // sent its retry of the load yet.
        const bool betaBeforeAcme = !acmeAnswered.load() && loadCalls() == loadsBefore + 1;
        const auto pulled =
            beta->post(QStringLiteral("/api/v1/offline-sync/pull"),
                       json{{"device_id", "beta-van"}, {"app_type", "sales_app"}, {"limit", 10}});
        const bool pullBeforeAcme = !acmeAnswered.load() && loadCalls() == loadsBefore + 1;
        pusher.join();
        m_odoo.control("faults", {{"only_method", nullptr}, {"hang_next", 0}});

        QCOMPARE(pushed.status, 200);
        QCOMPARE(pushed.json()["succeeded"].get<int>(), 1);
        QVERIFY2(betaBeforeAcme, "beta's push waited for acme's Odoo call");
        QCOMPARE(pulled.status, 200);
        QCOMPARE(pulled.json()["events"].size(), std::size_t(1));
        QVERIFY2(pullBeforeAcme, "beta's pull waited for acme's Odoo call");
        // acme's push landed once in Odoo, beta's never went there.
        QVERIFY2(acmeResult.value("success", false), acmeResult.dump().c_str());
        QCOMPARE(m_odoo.count("res.partner",
                              json::parse(R"([["name", "=", "Pushed While Odoo Hangs"]])")),
                 1LL);
        QCOMPARE(m_odoo.count("res.partner", json::parse(R"([["name", "=", "Beta Customer"]])")),
                 0LL);
    }

    void plainTenantIsAnsweredWhileOdooHangsOnAResolution() {
        auto acme = m_f.client(QStringLiteral("user"), QStringLiteral("acme"));
        auto beta = m_f.client(QStringLiteral("user"), QStringLiteral("beta"));
        std::int64_t id = 0;
        openConflict(*acme, "res", "Before The Conflict", "", &id);
        if (QTest::currentTestFailed())
            return;

        // Odoo takes the resolution's write (an update goes through load) and hangs 4 s.
        const long long loadsBefore = loadCalls();
        m_odoo.control("faults", {{"hang_next", 1}, {"hang_seconds", 4}, {"only_method", "load"}});
        std::atomic<bool> acmeAnswered{false};
        json acmeResult;
        const QString url = m_f.server->baseUrl();
        const QString token = acme->token();
        std::thread resolver([&] {
            HttpClient c(url);
            c.setToken(token);
            HttpRequestOptions opt;
            opt.timeoutMs = 60000;
            const auto r = c.post(
                QStringLiteral("/api/v1/offline-sync/resolve-conflicts"),
                json{{"device_id", "acme-van"},
                     {"resolutions", {{{"local_id", "res-2"}, {"strategy", "client_wins"}}}}},
                opt);
            acmeResult = r.status == 200 ? r.json() : json{{"http", r.status}};
            acmeAnswered = true;
        });
        QElapsedTimer t;
        t.start();
        while (loadCalls() == loadsBefore && t.elapsed() < 20000)
            QTest::qWait(10);
        QVERIFY2(loadCalls() > loadsBefore, "acme's resolution never reached Odoo");

        const auto pushed = beta->post(QStringLiteral("/api/v1/offline-sync/push"),
                                       partnerPush("beta-van", "quick-2", "Beta During Resolve"));
        const bool pushBeforeAcme = !acmeAnswered.load() && loadCalls() == loadsBefore + 1;
        const auto pulled =
            beta->post(QStringLiteral("/api/v1/offline-sync/pull"),
                       json{{"device_id", "beta-van-2"}, {"app_type", "sales_app"}, {"limit", 10}});
        const bool pullBeforeAcme = !acmeAnswered.load() && loadCalls() == loadsBefore + 1;
        resolver.join();
        m_odoo.control("faults", {{"only_method", nullptr}, {"hang_next", 0}});

        QCOMPARE(pushed.status, 200);
        QCOMPARE(pushed.json()["succeeded"].get<int>(), 1);
        QVERIFY2(pushBeforeAcme, "beta's push waited for acme's resolution in Odoo");
        QCOMPARE(pulled.status, 200);
        QVERIFY2(pullBeforeAcme, "beta's pull waited for acme's resolution in Odoo");
        // The resolution reached Odoo and the store, once.
        QVERIFY2(acmeResult.value("success", false) && acmeResult["resolved"] == 1,
                 acmeResult.dump().c_str());
        QCOMPARE(m_odoo.count("res.partner",
                              json::array({json::array({"id", "=", id}),
                                           json::array({"name", "=", "Renamed On The Van"})})),
                 1LL);
        const json open =
            acme->get(QStringLiteral("/api/v1/offline-sync/state?device_id=acme-van")).json();
        QVERIFY2(!open.contains("open_conflict_local_ids") ||
                     open["open_conflict_local_ids"] == json::array(),
                 open.dump().c_str());
    }

    void resolutionHoldsTheTenantsTurn() {
        auto acme = m_f.client(QStringLiteral("user"), QStringLiteral("acme"));
        auto beta = m_f.client(QStringLiteral("user"), QStringLiteral("beta"));
        std::int64_t id = 0;
        openConflict(*acme, "turn", "Before The Turn", "Turn ", &id);
        if (QTest::currentTestFailed())
            return;

        // The resolution's write hangs in Odoo for 4 s (then the connector's retry lands).
        const long long loadsBefore = loadCalls();
        m_odoo.control("faults", {{"hang_next", 1}, {"hang_seconds", 4}, {"only_method", "load"}});
        const QString url = m_f.server->baseUrl();
        const QString token = acme->token();
        std::atomic<bool> resolved{false}, pushed{false};
        json resolveResult, pushResult;
        auto post = [&](const QString& path, const json& body, json& out,
                        std::atomic<bool>& answered) {
            HttpClient c(url);
            c.setToken(token);
            HttpRequestOptions opt;
            opt.timeoutMs = 60000;
            const auto r = c.post(path, body, opt);
            out = r.status == 200 ? r.json() : json{{"http", r.status}};
            answered = true;
        };
        std::thread resolver([&] {
            post(QStringLiteral("/api/v1/offline-sync/resolve-conflicts"),
                 json{{"device_id", "acme-van"},
                      {"resolutions", {{{"local_id", "turn-2"}, {"strategy", "client_wins"}}}}},
                 resolveResult, resolved);
        });
        QElapsedTimer t;
        t.start();
        while (loadCalls() == loadsBefore && t.elapsed() < 20000)
            QTest::qWait(10);
        QVERIFY2(loadCalls() > loadsBefore, "acme's resolution never reached Odoo");

        // While the resolution is inside Odoo, another push of acme's waits for the tenant's
        // turn (it reaches Odoo only after the resolution committed); beta is answered.
        std::thread pusher([&] {
            post(QStringLiteral("/api/v1/offline-sync/push"),
                 partnerPush("acme-van-3", "turn-3", "Pushed During The Resolution"), pushResult,
                 pushed);
        });
        const auto betaPushed = beta->post(QStringLiteral("/api/v1/offline-sync/push"),
                                           partnerPush("beta-van", "turn-b", "Beta During Turn"));
        const bool betaDuringResolution = !resolved.load();
        QTest::qWait(1000);
        const bool pushWaited =
            !resolved.load() && !pushed.load() && loadCalls() == loadsBefore + 1;
        resolver.join();
        pusher.join();
        m_odoo.control("faults", {{"only_method", nullptr}, {"hang_next", 0}});

        QCOMPARE(betaPushed.status, 200);
        QCOMPARE(betaPushed.json()["succeeded"].get<int>(), 1);
        QVERIFY2(betaDuringResolution, "beta's push waited for acme's resolution in Odoo");
        QVERIFY2(pushWaited, "acme's push went to Odoo while acme's resolution was inside it");
        QVERIFY2(resolveResult.value("success", false) && resolveResult["resolved"] == 1,
                 resolveResult.dump().c_str());
        QVERIFY2(pushResult.value("success", false), pushResult.dump().c_str());
        QCOMPARE(m_odoo.count("res.partner",
                              json::array({json::array({"id", "=", id}),
                                           json::array({"name", "=", "Turn Renamed On The Van"})})),
                 1LL);
        QCOMPARE(m_odoo.count("res.partner",
                              json::parse(R"([["name", "=", "Pushed During The Resolution"]])")),
                 1LL);
    }

    void cleanupTestCase() { QCOMPARE(m_f.server->stop(), 0); }
};

QTEST_GUILESS_MAIN(OdooTenantIsolationTest)
#include "OdooTenantIsolationTest.moc"
