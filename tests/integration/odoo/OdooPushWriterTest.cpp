// OdooPushWriter against the Odoo emulator: dependency chains with x2many commands, batching,
// exactly-once creates across a lost answer and across a crash, Odoo's refusals per change,
// Odoo down.
#include "odoo/OdooPushWriter.h"
#include "OdooEmulator.h"

#include <QTest>

using namespace bridgecore;
using namespace bridgecore::odoo;
using bridgecore::testsupport::OdooEmulator;
using protocol::Action;
using protocol::json;

namespace {
OdooChange create(std::string localId, std::string model, json values) {
    OdooChange c;
    c.local_id = std::move(localId);
    c.model = std::move(model);
    c.action = Action::Create;
    c.values = std::move(values);
    return c;
}
OdooChange update(std::string localId, std::string model, std::string ref, json values) {
    OdooChange c;
    c.local_id = std::move(localId);
    c.model = std::move(model);
    c.action = Action::Update;
    c.record_ref = std::move(ref);
    c.values = std::move(values);
    return c;
}
} // namespace

class OdooPushWriterTest : public QObject {
    Q_OBJECT
    OdooEmulator m_odoo;
    std::unique_ptr<OdooClient> m_client;
    int m_device = 0;

    OdooConfig config(std::string key = "admin-api-key") {
        OdooConfig c;
        c.url = m_odoo.url().toStdString();
        c.database = "odoo";
        c.login = "admin";
        c.secret = std::move(key);
        c.api = Api::Json2;
        c.timeout_ms = 5000;
        c.backoff_ms = 10;
        return c;
    }
    std::string freshDevice() { return "van-" + std::to_string(++m_device); }
    static QByteArray describe(const std::vector<OdooOutcome>& out) {
        QByteArray s;
        for (const auto& o : out)
            s += o.error ? QByteArray(QByteArray(errorCodeName(o.error->code).data()) + ": " +
                                      QByteArray::fromStdString(o.error->message) + "\n")
                         : QByteArray("ok " + QByteArray::number(qint64(o.odoo_id)) + "\n");
        return s;
    }

private slots:
    void initTestCase() {
        QVERIFY2(m_odoo.start({"--version", "19.0"}), qPrintable(m_odoo.lastError()));
        m_client = std::make_unique<OdooClient>(config());
        QVERIFY(m_client->open().ok());
    }

    void writesADependencyChainWithX2manyCommands() {
        OdooPushWriter w(*m_client, OdooPushWriter::externalIdPrefix(1, freshDevice()));
        std::vector<OdooChange> changes = {
            create("P1", "res.partner", {{"name", "Chain Customer"}}),
            create("T1", "res.partner.category", {{"name", "vip"}}),
            create("SO1", "sale.order",
                   {{"partner_id", "P1"},
                    {"note", "from the van"},
                    {"order_line", json::parse(R"([[0, 0, {"name": "Desk", "product_uom_qty": 2}],
                                                   [0, 0, {"name": "Chair", "product_uom_qty": 4}]])")}}),
            create("L3", "sale.order.line",
                   {{"order_id", "SO1"}, {"name", "Lamp"}, {"product_uom_qty", 1}}),
            update("U1", "res.partner", "P1",
                   {{"category_id", json::parse(R"([[6, 0, ["T1"]]])")}}),
            update("U2", "sale.order", "SO1", {{"note", "changed"}}),
        };
        auto out = w.write(changes);
        for (const auto& o : out)
            QVERIFY2(o.done && !o.error, describe(out).constData());
        const auto so = out[2].odoo_id;
        auto order = m_client->call("sale.order", "read", json::array({so}),
                                    {{"fields", {"partner_id", "note", "order_line"}}});
        QVERIFY(order.ok());
        QCOMPARE(order.value()[0]["partner_id"][0].get<std::int64_t>(), out[0].odoo_id);
        QCOMPARE(order.value()[0]["note"].get<std::string>(), std::string("changed"));
        QCOMPARE(order.value()[0]["order_line"].size(), std::size_t(3)); // 2 via load + L3
        auto partner = m_client->call("res.partner", "read", json::array({out[0].odoo_id}),
                                      {{"fields", {"category_id"}}});
        QVERIFY(partner.value()[0]["category_id"] == json::array({out[1].odoo_id}));
    }

    void batchesRunsOfCreatesAndUpdates() {
        OdooPushWriter w(*m_client, OdooPushWriter::externalIdPrefix(1, freshDevice()));
        std::vector<OdooChange> changes;
        for (int k = 0; k < 200; ++k)
            changes.push_back(
                create("C" + std::to_string(k), "res.partner",
                       {{"name", "Batch " + std::to_string(k)}, {"is_company", k % 2 == 0}}));
        auto out = w.write(changes);
        for (const auto& o : out)
            QVERIFY2(o.done, describe(out).constData());
        // one ir.model.data look-up, one fields_get, one load
        QCOMPARE(w.callsMade(), 3);
        std::vector<OdooChange> updates;
        for (int k = 0; k < 200; ++k) {
            OdooChange u;
            u.local_id = "U" + std::to_string(k);
            u.model = "res.partner";
            u.action = Action::Update;
            u.odoo_id = out[k].odoo_id;
            u.values = {{"phone", "+1 555 " + std::to_string(k)}};
            updates.push_back(u);
        }
        auto upd = w.write(updates);
        for (const auto& o : upd)
            QVERIFY2(o.done, describe(upd).constData());
        QCOMPARE(w.callsMade(), 1); // fields_get is cached: one load
        auto check = m_client->call("res.partner", "read", json::array({out[199].odoo_id}),
                                    {{"fields", {"phone", "is_company"}}});
        QCOMPARE(check.value()[0]["phone"].get<std::string>(), std::string("+1 555 199"));
        QCOMPARE(check.value()[0]["is_company"].get<bool>(), false);
    }

    // The answer of a committed load is lost: the client's retry finds the records by their
    // external ids (load updates them) and nothing is created twice.
    void lostAnswerCreatesNothingTwice() {
        OdooPushWriter w(*m_client, OdooPushWriter::externalIdPrefix(1, freshDevice()));
        m_odoo.control("faults", {{"drop_after_commit_next", 1}, {"only_method", "load"}});
        auto out = w.write({create("D1", "res.partner", {{"name", "Dropped Once"}})});
        m_odoo.control("faults", {{"only_method", nullptr}});
        QVERIFY2(out[0].done, describe(out).constData());
        QCOMPARE(m_odoo.count("res.partner", json::parse(R"([["name", "=", "Dropped Once"]])")),
                 1LL);
    }

    // The server dies after Odoo committed (here: the only attempt times out, as a SIGKILLed
    // server would never read the answer). A later push of the same changes finds them by their
    // external ids instead of creating them again.
    void crashAfterOdooCommittedCreatesNothingTwice() {
        const std::string device = freshDevice();
        auto cfg = config();
        cfg.timeout_ms = 300;
        cfg.retries = 0;
        OdooClient impatient(cfg);
        QVERIFY(impatient.open().ok());
        std::vector<OdooChange> changes = {
            create("K1", "res.partner", {{"name", "Crash Window"}}),
            create("K2", "sale.order",
                   {{"partner_id", "K1"},
                    {"order_line", json::parse(R"([[0, 0, {"name": "Only once"}]])")}})};
        OdooPushWriter first(impatient, OdooPushWriter::externalIdPrefix(1, device));
        m_odoo.control(
            "faults",
            {{"hang_after_commit_next", 1}, {"hang_seconds", 1}, {"only_method", "load"}});
        auto out = first.write(changes);
        m_odoo.control("faults", {{"only_method", nullptr}});
        QVERIFY(out[0].error && out[0].error->code == ErrorCode::OdooUnavailable);
        QVERIFY(out[1].error && out[1].error->code == ErrorCode::OdooUnavailable);
        QTest::qWait(1200);
        OdooPushWriter retry(*m_client, OdooPushWriter::externalIdPrefix(1, device));
        auto again = retry.write(changes);
        QVERIFY2(again[0].done && again[1].done, describe(again).constData());
        QVERIFY(again[0].found_existing);
        QVERIFY(!again[1].found_existing);
        QCOMPARE(m_odoo.count("res.partner", json::parse(R"([["name", "=", "Crash Window"]])")),
                 1LL);
        QCOMPARE(m_odoo.count("sale.order.line", json::parse(R"([["name", "=", "Only once"]])")),
                 1LL);
        // and once more: both found, nothing new
        auto third = retry.write(changes);
        QVERIFY(third[0].found_existing && third[1].found_existing);
        QCOMPARE(third[1].odoo_id, again[1].odoo_id);
        QCOMPARE(m_odoo.count("sale.order.line", json::parse(R"([["name", "=", "Only once"]])")),
                 1LL);
    }

    void refusalsArePerChange() {
        OdooPushWriter w(*m_client, OdooPushWriter::externalIdPrefix(1, freshDevice()));
        OdooChange gone;
        gone.local_id = "G1";
        gone.model = "res.partner";
        gone.action = Action::Update;
        gone.odoo_id = 987654;
        gone.values = {{"phone", "1"}};
        auto out = w.write({
            create("V1", "sale.order", {{"note", "no customer"}}),
            create("V2", "res.partner", {{"name", "Fine"}}),
            create("V3", "sale.order.line", {{"order_id", "V1"}, {"name", "orphan"}}),
            gone,
        });
        QVERIFY2(out[0].error && out[0].error->code == ErrorCode::OdooValidation,
                 describe(out).constData());
        QVERIFY(out[0].error->message.find("partner_id") != std::string::npos);
        QVERIFY(out[1].done);
        QVERIFY(out[2].error && out[2].error->code == ErrorCode::DependencyFailed);
        QVERIFY2(out[3].error && out[3].error->code == ErrorCode::RecordNotFound,
                 describe(out).constData());

        OdooClient reader(config("reader-api-key"));
        QVERIFY(reader.open().ok());
        OdooPushWriter r(reader, OdooPushWriter::externalIdPrefix(1, freshDevice()));
        auto denied = r.write({create("A1", "res.partner", {{"name", "Not allowed"}})});
        QVERIFY2(denied[0].error && denied[0].error->code == ErrorCode::AccessDenied,
                 describe(denied).constData());
    }

    void odooDownFailsEverythingRetryably() {
        const std::string device = freshDevice();
        OdooPushWriter w(*m_client, OdooPushWriter::externalIdPrefix(1, device));
        m_odoo.control("faults", {{"fail_next", 100}, {"fail_status", 503}});
        auto out = w.write({create("O1", "res.partner", {{"name", "While Down"}}),
                            create("O2", "res.partner", {{"name", "While Down 2"}})});
        m_odoo.control("faults", {{"fail_next", 0}});
        for (const auto& o : out)
            QVERIFY2(o.error && o.error->code == ErrorCode::OdooUnavailable,
                     describe(out).constData());
        QCOMPARE(m_odoo.count("res.partner", json::parse(R"([["name", "like", "While Down"]])")),
                 0LL);
        auto later = OdooPushWriter(*m_client, OdooPushWriter::externalIdPrefix(1, device))
                         .write({create("O1", "res.partner", {{"name", "While Down"}})});
        QVERIFY(later[0].done);
    }
};

QTEST_GUILESS_MAIN(OdooPushWriterTest)
#include "OdooPushWriterTest.moc"
