// OdooFeed against the emulator, with the guide's update.webhook addon and without it
// (write_date polling and id reconciliation): creates, writes and unlinks made by an Odoo user
// come out once, in order, with the records' current values; the cursor survives storage.
#include "odoo/OdooFeed.h"
#include "OdooEmulator.h"

#include <QTest>

using namespace bridgecore;
using namespace bridgecore::odoo;
using bridgecore::testsupport::OdooEmulator;
using protocol::EventAction;
using protocol::json;

class OdooFeedTest : public QObject {
    Q_OBJECT

    static OdooConfig config(OdooEmulator& odoo) {
        OdooConfig c;
        c.url = odoo.url().toStdString();
        c.database = "odoo";
        c.login = "admin";
        c.secret = "admin-api-key";
        c.api = Api::Json2;
        c.backoff_ms = 10;
        return c;
    }

private slots:
    void reportsOdooUsersChanges_data() {
        QTest::addColumn<bool>("webhook");
        QTest::newRow("update.webhook") << true;
        QTest::newRow("write_date polling") << false;
    }
    void reportsOdooUsersChanges() {
        QFETCH(bool, webhook);
        OdooEmulator odoo;
        QVERIFY(odoo.start(webhook ? QStringList{} : QStringList{"--no-webhook"}));
        OdooClient client(config(odoo));
        QVERIFY(client.open().ok());
        OdooFeed feed(client, {"res.partner", "sale.order"}, /*reconcileEvery*/ 1);
        FeedCursor cursor;
        auto first = feed.poll(cursor);
        QVERIFY(first.ok());
        QCOMPARE(first.value().size(), std::size_t(0));
        QCOMPARE(*feed.usesWebhook(), webhook);

        const auto pid = odoo.control(
            "create",
            {{"model", "res.partner"}, {"values", {{"name", "Office Made"}}}, {"uid", 7}});
        QVERIFY2(pid.is_number_integer(), pid.dump().c_str());
        odoo.control("create",
                     {{"model", "product.product"}, {"values", {{"name", "Not watched"}}}});
        auto second = feed.poll(cursor);
        QVERIFY(second.ok());
        QCOMPARE(second.value().size(), std::size_t(1));
        const FeedChange& c = second.value()[0];
        QCOMPARE(c.model, std::string("res.partner"));
        QCOMPARE(c.odoo_id, pid.get<std::int64_t>());
        QVERIFY(c.action == EventAction::Create);
        QCOMPARE(c.data["name"].get<std::string>(), std::string("Office Made"));
        QVERIFY(c.data["email"].is_null()); // Odoo's false for empty
        QVERIFY(c.write_date > 0);

        // Stored and restored between polls: nothing is reported twice.
        FeedCursor restored = FeedCursor::fromJson(json::parse(cursor.toJson().dump()));
        QCOMPARE(feed.poll(restored).value().size(), std::size_t(0));

        if (!webhook)
            QTest::qWait(1100); // write_date has whole seconds: make the edit a later second
        odoo.control("edit",
                     {{"model", "res.partner"}, {"id", pid}, {"values", {{"phone", "+33 1"}}}});
        auto third = feed.poll(restored);
        QVERIFY(third.ok());
        QCOMPARE(third.value().size(), std::size_t(1));
        QVERIFY(third.value()[0].action == EventAction::Write);
        QCOMPARE(third.value()[0].data["phone"].get<std::string>(), std::string("+33 1"));
        if (webhook)
            QVERIFY(third.value()[0].changed == std::vector<std::string>{"phone"});

        odoo.control("unlink", {{"model", "res.partner"}, {"id", pid}});
        auto fourth = feed.poll(restored);
        QVERIFY(fourth.ok());
        QCOMPARE(fourth.value().size(), std::size_t(1));
        QVERIFY(fourth.value()[0].action == EventAction::Unlink);
        QCOMPARE(fourth.value()[0].odoo_id, pid.get<std::int64_t>());
        QVERIFY(fourth.value()[0].data.is_null());
        QCOMPARE(feed.poll(restored).value().size(), std::size_t(0));
    }

    void odooDownIsAnErrorAndTheCursorStays() {
        OdooEmulator odoo;
        QVERIFY(odoo.start());
        auto cfg = config(odoo);
        cfg.retries = 0;
        OdooClient client(cfg);
        QVERIFY(client.open().ok());
        OdooFeed feed(client, {"res.partner"});
        FeedCursor cursor;
        QVERIFY(feed.poll(cursor).ok());
        odoo.control("create", {{"model", "res.partner"}, {"values", {{"name", "Queued"}}}});
        odoo.control("faults", {{"fail_next", 1}});
        const auto before = cursor.last_webhook_id;
        auto down = feed.poll(cursor);
        QVERIFY(!down.ok());
        QCOMPARE(down.error().code, ErrorCode::OdooUnavailable);
        QCOMPARE(cursor.last_webhook_id, before);
        auto after = feed.poll(cursor);
        QVERIFY(after.ok());
        QCOMPARE(after.value().size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(OdooFeedTest)
#include "OdooFeedTest.moc"
