// PushPlanner: order, cycles, references and ledger state of a push, without a store.

#include "engine/PushPlanner.h"
#include "EngineFixture.h"

#include <QCryptographicHash>

using namespace bridgecore;
using namespace bridgecore::engine;
using namespace bridgecore::test;

namespace {
const Models kModels = modelsOf(storage::defaultModelMap());

json change(const std::string& localId, const std::string& action, const json& recordId,
            const json& data, int priority = 5, json deps = json::array()) {
    return {{"local_id", localId},
            {"action", action},
            {"model", "res.partner"},
            {"record_id", recordId},
            {"data", data},
            {"local_timestamp", "2025-01-01T00:00:00Z"},
            {"version", 1},
            {"priority", priority},
            {"dependencies", std::move(deps)}};
}

std::vector<std::string> orderOf(const PushPlan& p) {
    std::vector<std::string> out;
    for (auto i : p.order)
        out.push_back(p.change(i).local_id);
    return out;
}

std::optional<ErrorCode> failureOf(const PushPlan& p, std::size_t i) {
    return p.changes[i].failure ? std::optional(p.changes[i].failure->code) : std::nullopt;
}
} // namespace

class PushPlannerTest : public QObject {
    Q_OBJECT

private slots:
    void referencesOrderCreatesFirstAndTiesByPriorityThenRequestOrder() {
        const auto req = EngineFixture::pushRequest(
            {{"device_id", "dev-1"},
             {"changes",
              {change("line-1", "create", nullptr, {{"partner", "partner-1"}}, 9),
               change("low-1", "create", nullptr, {{"name", "x"}}, 1),
               change("high-1", "create", nullptr, {{"name", "y"}}, 8),
               change("partner-1", "create", nullptr, {{"name", "p"}}, 2)}}});
        const auto plan = PushPlanner::plan(req, {}, kModels);
        QCOMPARE(orderOf(plan),
                 (std::vector<std::string>{"high-1", "partner-1", "line-1", "low-1"}));
        QCOMPARE(plan.changes[0].depends_on, std::vector<std::size_t>{3});
        for (std::size_t i = 0; i < 4; ++i)
            QVERIFY(!plan.changes[i].failure);
    }

    void withoutReferencesOrderIsPriorityThenRequestOrder() {
        const auto req =
            EngineFixture::pushRequest({{"device_id", "dev-1"},
                                        {"changes",
                                         {change("a-1", "create", nullptr, {{"name", "a"}}, 3),
                                          change("b-1", "update", 7, {{"name", "b"}}, 9),
                                          change("c-1", "create", nullptr, {{"name", "c"}}, 3),
                                          change("d-1", "delete", 8, json::object(), 9),
                                          change("e-1", "create", nullptr, {{"name", "e"}}, 1)}}});
        const auto plan = PushPlanner::plan(req, {}, kModels);
        QCOMPARE(orderOf(plan), (std::vector<std::string>{"b-1", "d-1", "a-1", "c-1", "e-1"}));
        for (std::size_t i = 0; i < 5; ++i)
            QVERIFY(plan.changes[i].depends_on.empty() && !plan.changes[i].failure);
    }

    void cyclesFailAndComeFirst() {
        const auto req = EngineFixture::pushRequest(
            {{"device_id", "dev-1"},
             {"changes",
              {change("free-1", "create", nullptr, {{"name", "x"}}),
               change("a-1", "create", nullptr, {{"name", "a"}}, 5, {"b-1"}),
               change("b-1", "create", nullptr, {{"name", "b"}}, 5, {"a-1"})}}});
        const auto plan = PushPlanner::plan(req, {}, kModels);
        QCOMPARE(orderOf(plan), (std::vector<std::string>{"a-1", "b-1", "free-1"}));
        QCOMPARE(failureOf(plan, 1), std::optional(ErrorCode::DependencyCycle));
        QCOMPARE(failureOf(plan, 2), std::optional(ErrorCode::DependencyCycle));
        QVERIFY(!failureOf(plan, 0));
    }

    void plannedFailures() {
        json unknown = change("unk-1", "create", nullptr, {{"name", "x"}});
        unknown["model"] = "no.such.model";
        const auto req = EngineFixture::pushRequest(
            {{"device_id", "dev-1"},
             {"changes",
              {change("bad-1", "frobnicate", nullptr, {{"name", "x"}}), unknown,
               change("upd-1", "update", nullptr, {{"name", "x"}}),
               change("upd-2", "update", "never-created", {{"name", "x"}}),
               change("dep-1", "create", nullptr, {{"name", "x"}}, 5, {"nowhere"})}}});
        const auto plan = PushPlanner::plan(req, {}, kModels);
        QCOMPARE(failureOf(plan, 0), std::optional(ErrorCode::InvalidAction));
        QCOMPARE(failureOf(plan, 1), std::optional(ErrorCode::UnknownModel));
        QCOMPARE(failureOf(plan, 2), std::optional(ErrorCode::MissingRecordId));
        QCOMPARE(failureOf(plan, 3), std::optional(ErrorCode::UnresolvedReference));
        QCOMPARE(failureOf(plan, 4), std::optional(ErrorCode::UnresolvedReference));
    }

    void ledgerAnswersDuplicatesReusedIdsAndEarlierCreates() {
        const auto first = EngineFixture::pushRequest(
            {{"device_id", "dev-1"},
             {"changes", {change("made-1", "create", nullptr, {{"name", "x"}})}}});
        const auto firstPlan = PushPlanner::plan(first, {}, kModels);
        const storage::LedgerEntry made{
            "made-1", firstPlan.changes[0].content_hash, "res.partner", 41, true, "1"};

        const auto again =
            EngineFixture::pushRequest({{"device_id", "dev-1"},
                                        {"changes",
                                         {change("made-1", "create", nullptr, {{"name", "x"}}),
                                          change("upd-1", "update", "made-1", {{"name", "y"}})}}});
        const auto keys = PushPlanner::ledgerKeys(again);
        QVERIFY(std::find(keys.begin(), keys.end(), "made-1") != keys.end());
        const auto plan = PushPlanner::plan(again, {made}, kModels);
        QVERIFY(plan.changes[0].remembered);
        QVERIFY(!plan.changes[0].failure); // same content: a duplicate
        QCOMPARE(plan.rememberedId("made-1").value_or(0), 41);
        QVERIFY(!plan.changes[1].failure);

        const auto reused = EngineFixture::pushRequest(
            {{"device_id", "dev-1"},
             {"changes", {change("made-1", "create", nullptr, {{"name", "other"}})}}});
        const auto reusedPlan = PushPlanner::plan(reused, {made}, kModels);
        QCOMPARE(failureOf(reusedPlan, 0), std::optional(ErrorCode::LocalIdReused));

        QVERIFY(!PushPlanner::ledgerChanged(plan, {made}));
        QVERIFY(PushPlanner::ledgerChanged(plan, {}));
        storage::LedgerEntry moved = made;
        moved.server_id = 42;
        QVERIFY(PushPlanner::ledgerChanged(plan, {moved}));
    }

    void contentHashesStayAsStored() {
        // The ledger keeps these digests: a resend after an upgrade must still match them.
        // Values computed by the planner before its hashing was rewritten (the first one checked
        // by hand: SHA-1 of "create\0res.partner\0-\0" "1\0" <data text> "\0").
        const auto req = EngineFixture::pushRequest(
            {{"device_id", "dev-1"},
             {"changes",
              {change("c-1", "create", nullptr,
                      {{"name", "Zoë \"Z\""}, {"n", 1.5}, {"l", {1, "x"}}}),
               change("u-1", "update", 7, {{"name", "y"}}, 5),
               change("u-2", "update", "c-1", {{"name", "y"}}, 5),
               change("d-1", "delete", 9, json::object())}}});
        auto noVersion = req;
        noVersion.changes[3].version.reset();
        const auto plan = PushPlanner::plan(req, {}, kModels);
        QCOMPARE(plan.changes[0].content_hash,
                 std::string("55cc3fb812b1a133f32fa3fca9e3f3f95ec9456e"));
        QCOMPARE(plan.changes[1].content_hash,
                 std::string("0463e3a49caa8a9a4f66db8cbcd7577f19b35795"));
        QCOMPARE(plan.changes[2].content_hash,
                 std::string("b1504b6e2e93f4026f68cfc9c9a7ab8ac4fae28c"));
        QCOMPARE(PushPlanner::plan(noVersion, {}, kModels).changes[3].content_hash,
                 std::string("e7c31057e5a7c4baa8ddce960bbf3f1bce9fd0fb"));
        QCOMPARE(plan.changes[0].data_text, req.changes[0].data.dump());
    }

    void contentHashIsSha1OfItsPartsAtEveryLength() {
        // Every message length across the 64-byte blocks and their padding (55, 56, 64, ...):
        // the planner's digest is the SHA-1 Qt computes over the documented byte stream.
        std::vector<json> changes;
        for (int n = 0; n < 200; ++n)
            changes.push_back(change("len-" + std::to_string(1000 + n), "update", 7,
                                     {{"name", std::string(std::size_t(n), 'x')}}));
        const auto req = EngineFixture::pushRequest({{"device_id", "dev-1"}, {"changes", changes}});
        const auto plan = PushPlanner::plan(req, {}, kModels);
        for (std::size_t i = 0; i < req.changes.size(); ++i) {
            using namespace std::string_literals;
            const std::string stream =
                "update\0res.partner\0#7\0"s + "1\0"s + req.changes[i].data.dump() + "\0"s;
            const QByteArray expected = QCryptographicHash::hash(QByteArray::fromStdString(stream),
                                                                 QCryptographicHash::Sha1)
                                            .toHex();
            QCOMPARE(QByteArray::fromStdString(plan.changes[i].content_hash), expected);
        }
    }
};

QTEST_GUILESS_MAIN(PushPlannerTest)
#include "PushPlannerTest.moc"
