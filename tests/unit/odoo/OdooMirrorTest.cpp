// applyFeed: Odoo users' changes become mirror rows and events; our own writes coming back
// (echoes) do not.
#include "odoo/OdooMirror.h"

#include <QTest>

using namespace bridgecore;
using namespace bridgecore::odoo;
using protocol::EventAction;
using protocol::json;

namespace {
class FakeMirror : public OdooMirror {
public:
    std::map<std::pair<std::string, std::int64_t>, storage::RecordRow> rows;
    std::vector<storage::EventRow> events;
    Result<std::optional<storage::RecordRow>> record(const std::string& model,
                                                     std::int64_t id) override {
        auto it = rows.find({model, id});
        if (it == rows.end())
            return std::optional<storage::RecordRow>();
        return std::optional<storage::RecordRow>(it->second);
    }
    Result<LoggedFields> loggedFields(const std::string& model, std::int64_t id) override {
        std::vector<storage::EventRow> mine;
        for (const auto& e : events)
            if (e.model == model && e.record_id == id)
                mine.push_back(e);
        return loggedIn(mine);
    }
    Status apply(const std::vector<std::pair<storage::RecordRow, std::optional<storage::EventRow>>>&
                     writes) override {
        for (const auto& [row, ev] : writes) {
            rows[{row.model, row.id}] = row;
            if (ev)
                events.push_back(*ev);
        }
        return Status::success();
    }
};

/// The event of one of our own writes to record 42.
storage::EventRow ourEvent(std::int64_t version, std::vector<std::string> changed) {
    storage::EventRow e;
    e.model = "res.partner";
    e.record_id = 42;
    e.version = version;
    e.device_id = "van-1";
    e.changed_fields = std::move(changed);
    return e;
}

std::pair<std::string, std::int64_t> key42() {
    return {"res.partner", 42};
}

/// Partner 42 as the mirror holds it after our own writes.
storage::RecordRow ourPartner42(std::int64_t version, json data) {
    storage::RecordRow row;
    row.model = "res.partner";
    row.id = 42;
    row.version = version;
    row.data = std::move(data);
    return row;
}

FeedChange change(EventAction action, json data, std::vector<std::string> changed = {}) {
    FeedChange c;
    c.model = "res.partner";
    c.odoo_id = 42;
    c.action = action;
    c.data = std::move(data);
    c.write_date = 1'764'000'000'000;
    c.changed = std::move(changed);
    return c;
}
} // namespace

class OdooMirrorTest : public QObject {
    Q_OBJECT
private slots:
    void odooUsersChangesBecomeEvents() {
        FakeMirror m;
        auto r = applyFeed(
            m,
            {change(EventAction::Create,
                    {{"name", "Deco"}, {"phone", nullptr}, {"write_date", "2025-11-24 10:30:00"}})},
            1);
        QVERIFY(r.ok());
        QCOMPARE(r.value().events, 1);
        QCOMPARE(m.events.size(), std::size_t(1));
        QVERIFY(m.events[0].action == EventAction::Create);
        QCOMPARE(m.events[0].version, std::int64_t(1));
        QCOMPARE(m.events[0].record_id, std::int64_t(42));
        QVERIFY(!m.rows[key42()].data.contains("write_date")); // Odoo's own field

        r = applyFeed(
            m, {change(EventAction::Write, {{"name", "Deco"}, {"phone", "+33 1"}}, {"phone"})}, 2);
        QCOMPARE(r.value().events, 1);
        QVERIFY(m.events[1].action == EventAction::Write);
        QVERIFY(m.events[1].changed_fields == std::vector<std::string>{"phone"});
        QCOMPARE(m.events[1].version, std::int64_t(2));

        r = applyFeed(m, {change(EventAction::Unlink, nullptr)}, 3);
        QCOMPARE(r.value().events, 1);
        QVERIFY(m.events[2].action == EventAction::Unlink);
        QVERIFY(m.rows[key42()].deleted);
        r = applyFeed(m, {change(EventAction::Unlink, nullptr)}, 4);
        QCOMPARE(r.value().events, 0);
    }

    void ourOwnWritesAreNotEchoed() {
        FakeMirror m;
        m.rows[key42()] = ourPartner42(3, {{"name", "From the van"}, {"phone", "1"}});
        m.events.push_back(ourEvent(3, {"name", "phone"}));
        // Odoo's row of our write: the same values, plus fields the device never sent.
        auto r = applyFeed(
            m,
            {change(
                EventAction::Write,
                {{"name", "From the van"}, {"phone", "1"}, {"email", nullptr}, {"write_uid", 2}},
                {"name", "phone"})},
            5);
        QCOMPARE(r.value().events, 0);
        QCOMPARE(r.value().echoes, 1);
        QCOMPARE(m.events.size(), std::size_t(1));
        QCOMPARE(m.rows[key42()].version, std::int64_t(3));
        QVERIFY(m.rows[key42()].data.contains("email")); // filled in quietly
        m.events.clear();

        // An Odoo user then edits a field the device never sent: that is news.
        r = applyFeed(
            m,
            {change(EventAction::Write,
                    {{"name", "From the van"}, {"phone", "1"}, {"email", "x@y.z"}}, {"email"})},
            6);
        QCOMPARE(r.value().events, 1);
        QVERIFY(m.events[0].changed_fields == std::vector<std::string>{"email"});
        QCOMPARE(m.events[0].version, std::int64_t(4));
    }

    // Our create's row is polled after an Odoo user already set the phone: the read behind it
    // fills the phone in quietly. The user's own row, in the same poll or the next, is news.
    void anEditReadWithOurCreateIsNotSwallowed_data() {
        QTest::addColumn<bool>("samePoll");
        QTest::newRow("same poll") << true;
        QTest::newRow("next poll") << false;
    }
    void anEditReadWithOurCreateIsNotSwallowed() {
        QFETCH(bool, samePoll);
        FakeMirror m;
        m.rows[key42()] = ourPartner42(1, {{"name", "From the van"}});
        m.events.push_back(ourEvent(1, {"name"}));
        const json now = {{"name", "From the van"}, {"phone", "+33 1"}, {"email", false}};
        const FeedChange create = change(EventAction::Create, now, {"name"});
        const FeedChange edit = change(EventAction::Write, now, {"phone"});
        FeedApplied applied;
        if (samePoll) {
            auto r = applyFeed(m, {create, edit}, 5);
            QVERIFY(r.ok());
            applied = r.value();
        } else {
            auto r = applyFeed(m, {create}, 5);
            QVERIFY(r.ok());
            QCOMPARE(r.value().echoes, 1);
            QVERIFY(m.rows[key42()].data.contains("phone")); // filled in quietly
            r = applyFeed(m, {edit}, 6);
            QVERIFY(r.ok());
            applied.events = r.value().events;
        }
        QCOMPARE(applied.events, 1);
        QCOMPARE(m.events.size(), std::size_t(2));
        QVERIFY(m.events[1].action == EventAction::Write);
        QVERIFY(m.events[1].changed_fields == std::vector<std::string>{"phone"});
        QCOMPARE(m.events[1].version, std::int64_t(2));
        QVERIFY(json::parse(m.events[1].data_text)["phone"] == "+33 1");
        // The edit's row coming again (a replay after a crash) is an echo now.
        auto again = applyFeed(m, {edit}, 7);
        QCOMPARE(again.value().events, 0);
    }

    // A read with no field list (a push reading the records it updates, or polling) of a
    // record we created with only a name. When an Odoo user wrote it last, every value no
    // event showed devices is news: the phone the user typed, and also `active`, a default
    // the device never saw (counted: unseen and not empty); the empty email and the name our
    // event showed are not. When our own write was the last, it is a quiet fill-in.
    void unseenValuesOfAnOdooUsersWriteAreNews_data() {
        QTest::addColumn<bool>("byOdooUser");
        QTest::newRow("an Odoo user wrote last") << true;
        QTest::newRow("we wrote last") << false;
    }
    void unseenValuesOfAnOdooUsersWriteAreNews() {
        QFETCH(bool, byOdooUser);
        FakeMirror m;
        m.rows[key42()] = ourPartner42(1, {{"name", "From the van"}});
        storage::EventRow created = ourEvent(1, {"name"});
        created.data_text = R"({"id": 42, "name": "From the van"})";
        m.events.push_back(created);
        FeedChange read = change(EventAction::Write, {{"name", "From the van"},
                                                      {"phone", "+33 1"},
                                                      {"email", nullptr},
                                                      {"is_company", false},
                                                      {"active", true}});
        read.by_odoo_user = byOdooUser;
        auto r = applyFeed(m, {read}, 5);
        QVERIFY(r.ok());
        QVERIFY(m.rows[key42()].data.contains("phone"));
        if (!byOdooUser) {
            QCOMPARE(r.value().echoes, 1);
            QCOMPARE(m.events.size(), std::size_t(1));
            QCOMPARE(m.rows[key42()].version, std::int64_t(1));
            return;
        }
        QCOMPARE(r.value().events, 1);
        QCOMPARE(m.events.size(), std::size_t(2));
        QVERIFY2(m.events[1].changed_fields == (std::vector<std::string>{"active", "phone"}),
                 json(m.events[1].changed_fields).dump().c_str());
        QCOMPARE(m.events[1].version, std::int64_t(2));
        // Read again, still last written by that user: everything was shown; nothing new.
        r = applyFeed(m, {read}, 6);
        QCOMPARE(r.value().events, 0);
        QCOMPARE(r.value().echoes, 1);
    }
};

QTEST_GUILESS_MAIN(OdooMirrorTest)
#include "OdooMirrorTest.moc"
