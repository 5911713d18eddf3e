// ConflictPolicy: detection (DESIGN.md §4 push rule 4) and the five strategies (rule 5), as
// pure functions, without a store.

#include "engine/ConflictPolicy.h"

#include <QTest>

using namespace bridgecore;
using namespace bridgecore::engine;
using protocol::Action;
using protocol::ChangeStatus;
using protocol::ConflictStrategy;
using protocol::json;
using protocol::Resolution;
using Write = ConflictDecision::Write;

namespace {
ServerSide changedServer(json data, std::set<std::string> fields, protocol::Millis at) {
    ServerSide s;
    s.data = std::move(data);
    s.changed_concurrently = true;
    s.changed_fields = std::move(fields);
    s.changed_at = at;
    return s;
}
} // namespace

class ConflictPolicyTest : public QObject {
    Q_OBJECT

private slots:
    void noConcurrentChangeIsNoConflict() {
        ServerSide s;
        s.data = {{"name", "A"}, {"qty", 1}};
        QVERIFY(!ConflictPolicy::detect(Action::Update, {{"name", "B"}}, s).any());
        QVERIFY(!ConflictPolicy::detect(Action::Delete, json::object(), s).any());
    }

    void sameFieldDifferentValueConflicts() {
        const auto s = changedServer({{"name", "Server"}, {"qty", 1}}, {"name"}, 100);
        const auto c = ConflictPolicy::detect(Action::Update, {{"name", "Local"}, {"qty", 2}}, s);
        QVERIFY(c.any());
        QVERIFY(!c.whole_record);
        QCOMPARE(c.conflicting_fields, std::vector<std::string>{"name"});
    }

    void sameValueOrOtherFieldIsAnAutomaticMerge() {
        const auto s = changedServer({{"name", "Same"}, {"qty", 1}}, {"name"}, 100);
        QVERIFY(!ConflictPolicy::detect(Action::Update, {{"name", "Same"}}, s).any());
        QVERIFY(!ConflictPolicy::detect(Action::Update, {{"qty", 9}}, s).any());
    }

    void updateOfDeletedOrDeleteOfChangedIsWholeRecord() {
        ServerSide gone;
        gone.deleted = true;
        const auto u = ConflictPolicy::detect(Action::Update, {{"name", "x"}}, gone);
        QVERIFY(u.whole_record);
        QCOMPARE(u.conflicting_fields, std::vector<std::string>{"name"});
        const auto s = changedServer({{"name", "S"}}, {"name"}, 100);
        const auto d = ConflictPolicy::detect(Action::Delete, json::object(), s);
        QVERIFY(d.whole_record);
        QCOMPARE(d.conflicting_fields, std::vector<std::string>{"name"});
    }

    void serverWinsKeepsContestedAppliesTheRest() {
        const auto s = changedServer({{"name", "S"}, {"qty", 1}}, {"name"}, 100);
        const json local = {{"name", "L"}, {"qty", 2}};
        const auto c = ConflictPolicy::detect(Action::Update, local, s);
        const auto d = ConflictPolicy::decide(ConflictStrategy::ServerWins, Action::Update, local,
                                              c, s, nullptr, 200);
        QVERIFY(d.write == Write::Fields);
        QCOMPARE(d.fields.dump(), json({{"qty", 2}}).dump());
        QVERIFY(d.resolution == Resolution::ServerWins);
        QVERIFY(d.status == ChangeStatus::Conflict);
        QVERIFY(!d.open);
    }

    void clientWinsAppliesEverything() {
        const auto s = changedServer({{"name", "S"}}, {"name"}, 100);
        const json local = {{"name", "L"}, {"qty", 2}};
        const auto c = ConflictPolicy::detect(Action::Update, local, s);
        const auto d = ConflictPolicy::decide(ConflictStrategy::ClientWins, Action::Update, local,
                                              c, s, nullptr, 50);
        QVERIFY(d.write == Write::Fields);
        QCOMPARE(d.fields.dump(), local.dump());
        QVERIFY(d.status == ChangeStatus::Success);
        QVERIFY(d.resolution == Resolution::ClientWins);
        const auto del = ConflictPolicy::decide(ConflictStrategy::ClientWins, Action::Delete,
                                                json::object(), c, s, nullptr, 50);
        QVERIFY(del.write == Write::Delete);
    }

    void newestWinsComparesTimesAndTiesGoToTheServer() {
        const auto s = changedServer({{"name", "S"}}, {"name"}, 100);
        const json local = {{"name", "L"}};
        const auto c = ConflictPolicy::detect(Action::Update, local, s);
        auto newer = ConflictPolicy::decide(ConflictStrategy::NewestWins, Action::Update, local, c,
                                            s, nullptr, 101);
        QVERIFY(newer.resolution == Resolution::ClientWins);
        QVERIFY(newer.status == ChangeStatus::Success);
        auto tie = ConflictPolicy::decide(ConflictStrategy::NewestWins, Action::Update, local, c, s,
                                          nullptr, 100);
        QVERIFY(tie.resolution == Resolution::ServerWins);
        QVERIFY(tie.status == ChangeStatus::Conflict);
    }

    void mergeTakesMergedDataOrHoldsAsManual() {
        const auto s = changedServer({{"name", "S"}, {"qty", 1}}, {"name"}, 100);
        const json local = {{"name", "L"}, {"qty", 2}};
        const auto c = ConflictPolicy::detect(Action::Update, local, s);
        auto merged = ConflictPolicy::decide(ConflictStrategy::Merge, Action::Update, local, c, s,
                                             {{"name", "S+L"}}, 50);
        QVERIFY(merged.resolution == Resolution::Merged);
        QVERIFY(merged.status == ChangeStatus::Success);
        QCOMPARE(merged.fields.dump(), json({{"name", "S+L"}, {"qty", 2}}).dump());
        auto held = ConflictPolicy::decide(ConflictStrategy::Merge, Action::Update, local, c, s,
                                           {{"other", 1}}, 50);
        QVERIFY(held.resolution == Resolution::Manual);
        QVERIFY(held.open);
        QVERIFY(held.write == Write::Fields);
        QCOMPARE(held.fields.dump(), json({{"qty", 2}}).dump());
    }

    void manualAppliesNothing() {
        const auto s = changedServer({{"name", "S"}}, {"name"}, 100);
        const json local = {{"name", "L"}, {"qty", 2}};
        const auto c = ConflictPolicy::detect(Action::Update, local, s);
        auto d = ConflictPolicy::decide(ConflictStrategy::Manual, Action::Update, local, c, s,
                                        nullptr, 500);
        QVERIFY(d.write == Write::Nothing);
        QVERIFY(d.open);
        QVERIFY(d.status == ChangeStatus::Conflict);
    }
};

QTEST_GUILESS_MAIN(ConflictPolicyTest)
#include "ConflictPolicyTest.moc"
