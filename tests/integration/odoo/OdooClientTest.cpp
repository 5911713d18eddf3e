// OdooClient against the Odoo emulator, over both APIs: Odoo's shapes, its refusals mapped to
// per-change codes, retries with backoff, timeouts, the connection pool, load with external ids,
// https with certificate verification (tests/odoo/tls: a test CA and certificates).
#include "odoo/OdooClient.h"
#include "OdooEmulator.h"

#include <thread>

#include <QTest>

using namespace bridgecore;
using namespace bridgecore::odoo;
using bridgecore::testsupport::OdooEmulator;
using protocol::json;

namespace {
const char* kKey = "admin-api-key";
} // namespace

class OdooClientTest : public QObject {
    Q_OBJECT

    OdooEmulator m_odoo19, m_odoo17;

    OdooConfig config(OdooEmulator& odoo, std::optional<Api> api, std::string secret = kKey) {
        OdooConfig c;
        c.url = odoo.url().toStdString();
        c.database = "odoo";
        c.login = "admin";
        c.secret = std::move(secret);
        c.api = api;
        c.timeout_ms = 5000;
        c.backoff_ms = 20;
        return c;
    }
    void addApiRows() {
        QTest::addColumn<int>("api");
        QTest::newRow("json2") << int(Api::Json2);
        QTest::newRow("jsonrpc") << int(Api::JsonRpc);
    }
    OdooEmulator& emulatorFor(Api api) { return api == Api::Json2 ? m_odoo19 : m_odoo17; }

private slots:
    void initTestCase() {
        QVERIFY2(m_odoo19.start({"--version", "19.0"}), qPrintable(m_odoo19.lastError()));
        QVERIFY2(m_odoo17.start({"--version", "17.0"}), qPrintable(m_odoo17.lastError()));
    }

    void detectsTheApiFromTheVersion() {
        OdooClient c19(config(m_odoo19, std::nullopt));
        QVERIFY(c19.open().ok());
        auto v = c19.version();
        QVERIFY(v.ok());
        QCOMPARE(v.value().version, std::string("19.0"));
        QCOMPARE(c19.authenticate().value(), std::int64_t(2));
        QCOMPARE(c19.api(), Api::Json2);

        OdooClient c17(config(m_odoo17, std::nullopt, "admin"));
        QVERIFY(c17.open().ok());
        QCOMPARE(c17.version().value().major, 17);
        QCOMPARE(c17.authenticate().value(), std::int64_t(2));
        QCOMPARE(c17.api(), Api::JsonRpc);
    }

    void readsOdooShapes_data() { addApiRows(); }
    void readsOdooShapes() {
        QFETCH(int, api);
        OdooClient c(config(emulatorFor(Api(api)), Api(api)));
        QVERIFY(c.open().ok());
        auto partner = c.call("res.partner", "create", json::array(),
                              {{"vals_list", json::array({{{"name", "Deco Addict"}}})}});
        QVERIFY2(partner.ok(), partner.ok() ? "" : partner.error().message.c_str());
        QVERIFY(partner.value().is_array());
        const auto pid = partner.value()[0].get<std::int64_t>();
        auto order = c.call(
            "sale.order", "create", json::array(),
            {{"vals_list",
              json::array(
                  {{{"partner_id", pid},
                    {"order_line",
                     json::parse(R"([[0, 0, {"name": "Desk", "product_uom_qty": 2}]])")}}})}});
        QVERIFY2(order.ok(), order.ok() ? "" : order.error().message.c_str());
        const auto oid = order.value()[0].get<std::int64_t>();
        auto rows = c.call("sale.order", "read", json::array({oid}),
                           {{"fields", {"partner_id", "note", "order_line", "write_date"}}});
        QVERIFY(rows.ok());
        const json& r = rows.value()[0];
        QCOMPARE(r["partner_id"][0].get<std::int64_t>(), pid);
        QCOMPARE(r["partner_id"][1].get<std::string>(), std::string("Deco Addict"));
        QVERIFY(r["note"] == json(false));
        QCOMPARE(r["order_line"].size(), std::size_t(1));
        QVERIFY(parseOdooDatetime(r["write_date"]).has_value());
        auto count = c.call(
            "sale.order.line", "search_count", json::array(),
            {{"domain", json::parse(R"([["order_id", "=", )" + std::to_string(oid) + "]]")}});
        QCOMPARE(count.value().get<int>(), 1);
        auto fields = c.call("sale.order", "fields_get", json::array(),
                             {{"attributes", {"type", "string", "relation"}}});
        QCOMPARE(fields.value()["partner_id"]["type"].get<std::string>(), std::string("many2one"));
        QCOMPARE(fields.value()["order_line"]["relation"].get<std::string>(),
                 std::string("sale.order.line"));
    }

    void mapsOdooRefusals_data() { addApiRows(); }
    void mapsOdooRefusals() {
        QFETCH(int, api);
        auto& odoo = emulatorFor(Api(api));
        OdooClient admin(config(odoo, Api(api)));
        OdooClient reader(config(odoo, Api(api), "reader-api-key"));
        auto rc = config(odoo, Api(api), "reader");
        rc.login = "reader";
        OdooClient readerRpc(rc);
        OdooClient& ro = Api(api) == Api::Json2 ? reader : readerRpc;
        QVERIFY(admin.open().ok());
        QVERIFY(ro.open().ok());

        auto missing = admin.call("sale.order", "create", json::array(),
                                  {{"vals_list", json::array({{{"note", "no customer"}}})}});
        QCOMPARE(missing.error().code, ErrorCode::OdooValidation);
        QVERIFY(missing.error().message.find("partner_id") != std::string::npos);

        auto gone =
            admin.call("res.partner", "write", json::array({99999}), {{"vals", {{"name", "x"}}}});
        QCOMPARE(gone.error().code, ErrorCode::RecordNotFound);
        QVERIFY(gone.error().message.find("Record does not exist") != std::string::npos);

        auto denied = ro.call("res.partner", "create", json::array(),
                              {{"vals_list", json::array({{{"name", "x"}}})}});
        QCOMPARE(denied.error().code, ErrorCode::AccessDenied);
        QVERIFY(denied.error().message.find("not allowed") != std::string::npos);
        QVERIFY(
            ro.call("res.partner", "search_read", json::array(), {{"domain", json::array()}}).ok());

        auto unknown =
            admin.call("no.such.model", "search_read", json::array(), {{"domain", json::array()}});
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().code != ErrorCode::OdooUnavailable);

        OdooClient bad(config(odoo, Api(api), "not-the-key"));
        QVERIFY(bad.open().ok());
        auto refused = bad.call("res.partner", "search_read", json::array(), json::object());
        QCOMPARE(refused.error().code, ErrorCode::Unauthorized);
        QVERIFY(refused.error().message.find("not-the-key") == std::string::npos);
    }

    void retriesServerErrorsWithBackoff_data() { addApiRows(); }
    void retriesServerErrorsWithBackoff() {
        QFETCH(int, api);
        auto& odoo = emulatorFor(Api(api));
        OdooClient c(config(odoo, Api(api)));
        QVERIFY(c.open().ok());
        QVERIFY(
            c.call("res.partner", "search_count", json::array(), {{"domain", json::array()}}).ok());
        odoo.control("faults", {{"fail_next", 2}, {"fail_status", 503}});
        const auto before = c.stats();
        auto r = c.call("res.partner", "search_count", json::array(), {{"domain", json::array()}});
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(c.stats().retries - before.retries, std::int64_t(2));

        odoo.control("faults", {{"fail_next", 10}, {"fail_status", 502}});
        auto down =
            c.call("res.partner", "search_count", json::array(), {{"domain", json::array()}});
        QCOMPARE(down.error().code, ErrorCode::OdooUnavailable);
        QVERIFY(down.error().message.find("4 attempts") != std::string::npos);
        odoo.control("faults", {{"fail_next", 0}});
    }

    void timesOutAHangingOdoo() {
        auto cfg = config(m_odoo19, Api::Json2);
        cfg.timeout_ms = 300;
        cfg.retries = 1;
        OdooClient c(cfg);
        QVERIFY(c.open().ok());
        m_odoo19.control("faults", {{"hang_next", 1}, {"hang_seconds", 3}});
        auto r = c.call("res.partner", "search_count", json::array(), {{"domain", json::array()}});
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str()); // the retry is answered
        QCOMPARE(c.stats().retries, std::int64_t(1));
        m_odoo19.control("faults", {{"hang_next", 2}, {"hang_seconds", 3}});
        auto down =
            c.call("res.partner", "search_count", json::array(), {{"domain", json::array()}});
        QCOMPARE(down.error().code, ErrorCode::OdooUnavailable);
        QVERIFY(down.error().message.find("no response within 300 ms") != std::string::npos);
    }

    void unreachableOdooIsUnavailable() {
        OdooConfig cfg;
        cfg.url = "http://127.0.0.1:1"; // nothing listens on port 1
        cfg.secret = kKey;
        cfg.api = Api::Json2;
        cfg.retries = 1;
        cfg.backoff_ms = 10;
        OdooClient c(cfg);
        QVERIFY(c.open().ok());
        auto r = c.call("res.partner", "search_count", json::array(), json::object());
        QCOMPARE(r.error().code, ErrorCode::OdooUnavailable);
        QVERIFY(r.error().message.find("cannot connect") != std::string::npos);
        QVERIFY(r.error().message.find(kKey) == std::string::npos);
        OdooConfig badScheme;
        badScheme.url = "ftp://127.0.0.1:8069";
        QCOMPARE(OdooClient(badScheme).open().error().code, ErrorCode::ValidationError);
    }

    // https through Qt's TLS: the emulator's certificate for 127.0.0.1 is signed by the test
    // CA, trusted through the CA file; both APIs and the pool's TLS connections work.
    void httpsWithTheCaFile() {
        OdooEmulator odoo;
        QVERIFY2(odoo.startTls(QStringLiteral("server")), qPrintable(odoo.lastError()));
        auto cfg = config(odoo, std::nullopt);
        cfg.url = odoo.httpsUrl().toStdString();
        cfg.ca_file = OdooEmulator::tlsFile(QStringLiteral("ca.pem")).toStdString();
        OdooClient c(cfg);
        QVERIFY(c.open().ok());
        auto v = c.version();
        QVERIFY2(v.ok(), v.ok() ? "" : v.error().message.c_str());
        QCOMPARE(v.value().version, std::string("19.0"));
        QCOMPARE(c.authenticate().value(), std::int64_t(2));
        auto id = c.call("res.partner", "create", json::array(),
                         {{"vals_list", json::array({{{"name", "Over TLS"}}})}});
        QVERIFY2(id.ok(), id.ok() ? "" : id.error().message.c_str());
        QCOMPARE(odoo.count("res.partner", json::parse(R"([["name", "=", "Over TLS"]])")), 1LL);
        auto rpcCfg = cfg;
        rpcCfg.api = Api::JsonRpc;
        OdooClient rpc(rpcCfg);
        QVERIFY(rpc.open().ok());
        const auto n = rpc.call("res.partner", "search_count", json::array(),
                                {{"domain", json::parse(R"([["name", "=", "Over TLS"]])")}});
        QVERIFY2(n.ok() && n.value() == 1,
                 n.ok() ? n.value().dump().c_str() : n.error().message.c_str());
    }

    // TLS connections are kept per thread: a thread's calls share one handshake, another
    // thread makes its own, and a connection the server closed is replaced, not failed on.
    void httpsKeepsAConnectionPerThread() {
        OdooEmulator odoo;
        QVERIFY2(odoo.startTls(QStringLiteral("server")), qPrintable(odoo.lastError()));
        auto cfg = config(odoo, Api::Json2);
        cfg.url = odoo.httpsUrl().toStdString();
        cfg.ca_file = OdooEmulator::tlsFile(QStringLiteral("ca.pem")).toStdString();
        OdooClient c(cfg);
        QVERIFY(c.open().ok());
        auto count = [&c] {
            return c.call("res.partner", "search_count", json::array(), {{"domain", json::array()}})
                .ok();
        };
        for (int i = 0; i < 10; ++i)
            QVERIFY(count());
        QCOMPARE(c.connectionsOpened(), 1);
        bool otherOk = true;
        std::thread other([&] {
            for (int i = 0; i < 5; ++i)
                otherOk = count() && otherOk;
        });
        other.join();
        QVERIFY(otherOk);
        QCOMPARE(c.connectionsOpened(), 2);
        // The server drops this thread's connection after answering nothing: the client's
        // retry opens a new one, which is kept again.
        odoo.control("faults", {{"drop_after_commit_next", 1}, {"only_method", "search_count"}});
        QVERIFY(count());
        odoo.control("faults", {{"only_method", nullptr}});
        QCOMPARE(c.connectionsOpened(), 3);
        QVERIFY(count());
        QCOMPARE(c.connectionsOpened(), 3);
    }

    // A certificate the client cannot verify is refused with one line naming the TLS failure,
    // and nothing is sent: unknown issuer (no CA file), a name other than 127.0.0.1. Asking
    // again cannot mend it: no retry, although retries are allowed.
    void httpsRefusesAnUnverifiedCertificate() {
        OdooEmulator odoo;
        QVERIFY2(odoo.startTls(QStringLiteral("server")), qPrintable(odoo.lastError()));
        auto cfg = config(odoo, Api::Json2);
        cfg.url = odoo.httpsUrl().toStdString();
        cfg.retries = 3;
        OdooClient unknownCa(cfg);
        QVERIFY(unknownCa.open().ok());
        auto r = unknownCa.version();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::OdooUnavailable);
        const std::string& m = r.error().message;
        QVERIFY2(m.find("TLS handshake with 127.0.0.1:") != std::string::npos, m.c_str());
        QVERIFY2(m.find("issuer") != std::string::npos ||
                     m.find("self signed") != std::string::npos ||
                     m.find("self-signed") != std::string::npos,
                 m.c_str());
        QVERIFY(m.find('\n') == std::string::npos);
        QCOMPARE(odoo.calls(), 0LL);
        QCOMPARE(unknownCa.stats().retries, std::int64_t(0));
        QVERIFY2(m.find("attempts") == std::string::npos, m.c_str());

        OdooEmulator wrongName;
        QVERIFY2(wrongName.startTls(QStringLiteral("wrongname")),
                 qPrintable(wrongName.lastError()));
        auto wcfg = config(wrongName, Api::Json2);
        wcfg.url = wrongName.httpsUrl().toStdString();
        wcfg.ca_file = OdooEmulator::tlsFile(QStringLiteral("ca.pem")).toStdString();
        wcfg.retries = 0;
        OdooClient w(wcfg);
        QVERIFY(w.open().ok());
        auto wr = w.version();
        QVERIFY(!wr.ok());
        QVERIFY2(wr.error().message.find("host name did not match") != std::string::npos,
                 wr.error().message.c_str());
        QVERIFY(wr.error().message.find('\n') == std::string::npos);

        // A CA file that is not one, or one given for plain http: refused when opening.
        auto bad = cfg;
        bad.ca_file = OdooEmulator::tlsFile(QStringLiteral("README.md")).toStdString();
        auto opened = OdooClient(bad).open();
        QCOMPARE(opened.error().code, ErrorCode::ValidationError);
        QVERIFY2(opened.error().message.find("holds no PEM certificate") != std::string::npos,
                 opened.error().message.c_str());
        auto missing = cfg;
        missing.ca_file = "/nonexistent/ca.pem";
        QVERIFY(OdooClient(missing).open().error().message.find("cannot read the CA file") !=
                std::string::npos);
        auto plain = config(odoo, Api::Json2);
        plain.ca_file = OdooEmulator::tlsFile(QStringLiteral("ca.pem")).toStdString();
        QCOMPARE(OdooClient(plain).open().error().code, ErrorCode::ValidationError);
    }

    void reusesPooledConnections() {
        OdooClient c(config(m_odoo19, Api::Json2));
        QVERIFY(c.open().ok());
        for (int i = 0; i < 20; ++i)
            QVERIFY(
                c.call("res.partner", "search_count", json::array(), {{"domain", json::array()}})
                    .ok());
        QCOMPARE(c.connectionsOpened(), 1);
    }

    // load() writes the record and its external id in one Odoo transaction; when the answer is
    // lost after Odoo committed, the retried load finds the external id: no second record.
    void loadWithExternalIdsIsExactlyOnce_data() { addApiRows(); }
    void loadWithExternalIdsIsExactlyOnce() {
        QFETCH(int, api);
        auto& odoo = emulatorFor(Api(api));
        OdooClient c(config(odoo, Api(api)));
        QVERIFY(c.open().ok());
        const std::string xmlid = std::string("__bridgecore__.t1_van7_L") + (api ? "rpc" : "j2");
        const json args = {{"fields", {"id", "name", "email"}},
                           {"data", json::array({{xmlid, "Once Only", "once@example.com"}})}};
        odoo.control("faults", {{"drop_after_commit_next", 1}, {"only_method", "load"}});
        auto r = c.call("res.partner", "load", json::array(), args);
        odoo.control("faults", {{"only_method", nullptr}});
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r.value()["messages"].size(), std::size_t(0));
        QVERIFY(c.stats().retries >= 1);
        QCOMPARE(odoo.count("res.partner", json::parse(R"([["name", "=", "Once Only"]])")), 1LL);
        auto xid = c.call("ir.model.data", "search_read", json::array(),
                          {{"domain", json::array({json::array({"module", "=", "__bridgecore__"}),
                                                   json::array({"name", "=", xmlid.substr(15)})})},
                           {"fields", {"res_id", "model"}}});
        QCOMPARE(xid.value().size(), std::size_t(1));
        QVERIFY(xid.value()[0]["res_id"] == r.value()["ids"][0]);

        // A row Odoo refuses rolls the whole load back and says which row.
        auto bad = c.call(
            "sale.order", "load", json::array(),
            {{"fields", {"id", "note"}}, {"data", json::array({{xmlid + "_so", "no customer"}})}});
        QVERIFY(bad.ok());
        QVERIFY(bad.value()["ids"] == json(false));
        QCOMPARE(bad.value()["messages"][0]["type"].get<std::string>(), std::string("error"));
    }
};

QTEST_GUILESS_MAIN(OdooClientTest)
#include "OdooClientTest.moc"
