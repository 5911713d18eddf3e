// Push semantics of DESIGN.md §4: exactly once, dependencies, batches, stop_on_error.

#include "EngineFixture.h"
#include "engine/PushApplier.h"

#include <functional>
#include <utility>

using namespace bridgecore;
using namespace bridgecore::test;
using bridgecore::ErrorCode;
using protocol::ChangeStatus;

namespace {
/// The store's applier, running `between` once when a push is prepared: after the push was
/// planned on its snapshot and before its write transaction.
class InterleavingApplier final : public engine::PushApplier {
public:
    std::function<void()> between;

    Result<std::unique_ptr<engine::PreparedPush>>
    prepare(const engine::PushPlan&, const engine::Caller&, protocol::Millis) override {
        if (auto run = std::exchange(between, nullptr))
            run();
        return std::unique_ptr<engine::PreparedPush>();
    }
    Status apply(engine::PushRun& run) override { return m_store.apply(run); }

private:
    engine::StoreApplier m_store;
};
} // namespace

class SyncEnginePushTest : public QObject {
    Q_OBJECT

private slots:
    void unknownActionFailsOnlyThatChange() {
        // DESIGN.md §4 push rule 7: "frobnicate" is a per-change INVALID_ACTION; the others apply.
        EngineFixture f;
        json bad = f.create("bad-1", "res.partner", {{"name", "X"}});
        bad["action"] = "frobnicate";
        auto r = f.push({{"device_id", "phone-1"},
                         {"changes", {bad, f.create("good-1", "res.partner", {{"name", "A"}})}}});
        QCOMPARE(r.total, 2);
        QCOMPARE(r.succeeded, 1);
        QCOMPARE(r.failed, 1);
        QCOMPARE(int(*r.results[0].error_code), int(ErrorCode::InvalidAction));
        QCOMPARE(protocol::toJson(r.results[0])["action"].get<std::string>(),
                 std::string("frobnicate"));
        QVERIFY(r.results[1].status == ChangeStatus::Success);
        QCOMPARE(f.eventCount(), 1);
        QCOMPARE(r.id_mapping.size(), std::size_t(1));
    }

    void createReturnsServerIdsAndWritesOneEventEach() {
        EngineFixture f;
        auto r = f.push({{"device_id", "phone-1"},
                         {"changes",
                          {f.create("loc-a", "res.partner", {{"name", "A"}}),
                           f.create("loc-b", "res.partner", {{"name", "B"}})}}});
        QVERIFY(r.success);
        QCOMPARE(r.total, 2);
        QCOMPARE(r.succeeded, 2);
        QCOMPARE(r.id_mapping.size(), std::size_t(2));
        QCOMPARE(f.eventCount(), 2);
        const auto id = *r.results[0].server_id;
        QCOMPARE_JSON(f.recordData("res.partner", id)["name"], "A");
        QCOMPARE(f.recordVersion("res.partner", id), 1);
        QCOMPARE(*r.results[0].version, 1);
    }

    void retryIsDuplicateAndNotAppliedTwice() {
        EngineFixture f;
        json body = {{"device_id", "phone-1"},
                     {"changes",
                      {f.create("loc-a", "res.partner", {{"name", "A"}}),
                       f.create("loc-b", "sale.order", {{"partner_id", "loc-a"}})}}};
        auto first = f.push(body);
        QCOMPARE(first.succeeded, 2);
        const auto events = f.eventCount();
        auto second = f.push(body);
        QCOMPARE(second.succeeded, 2);
        QCOMPARE(f.eventCount(), events);
        QCOMPARE(f.store->countRecords(f.user.tenant_id, "res.partner").value(), 1);
        QCOMPARE(f.store->countRecords(f.user.tenant_id, "sale.order").value(), 1);
        for (int i = 0; i < 2; ++i) {
            QVERIFY(second.results[i].duplicate);
            QVERIFY(!first.results[i].duplicate);
            QCOMPARE(second.results[i].server_id, first.results[i].server_id);
        }
        QCOMPARE(second.id_mapping, first.id_mapping);
    }

    void aPushOfTheDeviceCommittedAfterTheSnapshotIsSeenByTheWriter() {
        // The same changes pushed again (a retry racing the first attempt) while the first
        // push is between its plan (on a snapshot) and its write transaction: the writer sees
        // the other push's ledger entries and answers duplicates.
        EngineFixture f;
        auto applier = std::make_shared<InterleavingApplier>();
        f.engine->setApplierProvider([&](std::int64_t) { return applier; });
        json body = {{"device_id", "phone-1"},
                     {"changes",
                      {f.create("loc-a", "res.partner", {{"name", "A"}}),
                       f.create("loc-b", "sale.order", {{"partner_id", "loc-a"}})}}};
        protocol::PushResponse racing;
        applier->between = [&] { racing = f.push(body); };
        auto late = f.push(body);
        QCOMPARE(racing.succeeded, 2);
        QCOMPARE(late.succeeded, 2);
        for (int i = 0; i < 2; ++i) {
            QVERIFY(!racing.results[i].duplicate);
            QVERIFY(late.results[i].duplicate);
            QCOMPARE(late.results[i].server_id, racing.results[i].server_id);
        }
        QCOMPARE(f.eventCount(), 2);
        QCOMPARE(f.store->countRecords(f.user.tenant_id, "res.partner").value(), 1);

        // A reference to a create the snapshot did not have yet is mapped, not unresolved.
        applier->between = [&] {
            racing = f.push({{"device_id", "phone-1"},
                             {"changes", {f.create("partner-7", "res.partner", {{"n", 7}})}}});
        };
        late = f.push(
            {{"device_id", "phone-1"},
             {"changes", {f.create("order-7", "sale.order", {{"partner_id", "partner-7"}})}}});
        QVERIFY(late.success);
        QCOMPARE_JSON(f.recordData("sale.order", *late.results[0].server_id)["partner_id"],
                      *racing.results[0].server_id);
    }

    void sameLocalIdWithOtherContentIsRejected() {
        EngineFixture f;
        f.push({{"device_id", "phone-1"},
                {"changes", {f.create("loc-a", "res.partner", {{"name", "A"}})}}});
        auto r = f.push({{"device_id", "phone-1"},
                         {"changes", {f.create("loc-a", "res.partner", {{"name", "Other"}})}}});
        QCOMPARE_ENUM(r.results[0].status, ChangeStatus::Failed);
        QCOMPARE(str(r.results[0].error_code), "LOCAL_ID_REUSED");
        QVERIFY(!r.success);
        QCOMPARE(f.store->countRecords(f.user.tenant_id, "res.partner").value(), 1);
    }

    void failedChangesAreNotRememberedSoARetryTriesAgain() {
        EngineFixture f;
        json body = {{"device_id", "phone-1"},
                     {"changes", {f.update("loc-u", "res.partner", 4242, {{"name", "X"}}, 1)}}};
        auto first = f.push(body);
        QCOMPARE(str(first.results[0].error_code), "RECORD_NOT_FOUND");
        auto second = f.push(body);
        QVERIFY(!second.results[0].duplicate);
        QCOMPARE(str(second.results[0].error_code), "RECORD_NOT_FOUND");
    }

    void orderAndLinesAreAppliedInDependencyOrder() {
        EngineFixture f;
        // Lines come first in the request and reference the order through x2many commands,
        // a plain many2one value and a record_id; the order references the partner.
        json lineCreate =
            f.create("line-1", "sale.order.line", {{"order_id", "order-1"}, {"name", "Widget"}}, 9);
        json orderCreate = f.create(
            "order-1", "sale.order",
            {{"partner_id", "partner-1"}, {"order_line", {{0, 0, {{"product_ref", "partner-1"}}}}}},
            1);
        json orderUpdate = f.update("order-upd", "sale.order", "order-1", {{"note", "rush"}}, 1);
        json partner = f.create("partner-1", "res.partner", {{"name", "Customer"}}, 0);
        auto r = f.push({{"device_id", "phone-1"},
                         {"changes", {lineCreate, orderUpdate, orderCreate, partner}}});
        QVERIFY2(r.success, toJson(r).dump().c_str());
        std::map<std::string, std::int64_t> ids(r.id_mapping.begin(), r.id_mapping.end());
        QCOMPARE(ids.size(), std::size_t(3));
        const json order = f.recordData("sale.order", ids["order-1"]);
        QCOMPARE_JSON(order["partner_id"], ids["partner-1"]);
        QCOMPARE_JSON(order["order_line"][0][2]["product_ref"], ids["partner-1"]);
        QCOMPARE_JSON(order["note"], "rush");
        QCOMPARE(f.recordVersion("sale.order", ids["order-1"]), 2);
        QCOMPARE_JSON(f.recordData("sale.order.line", ids["line-1"])["order_id"], ids["order-1"]);
        // Events record the order in which changes were applied: partner, order, then the rest.
        storage::EventFilter all;
        all.all_models = true;
        auto events = f.store->events(f.user.tenant_id, all, false).value();
        QCOMPARE(events.size(), std::size_t(4));
        QCOMPARE(events[0].local_id, std::string("partner-1"));
        QCOMPARE(events[1].local_id, std::string("order-1"));
        // Ties after the order: the line (priority 9) before the update (priority 5).
        QCOMPARE(events[2].local_id, std::string("line-1"));
        QCOMPARE(events[3].local_id, std::string("order-upd"));
    }

    void referencesToRecordsCreatedInAnEarlierPushAreMapped() {
        EngineFixture f;
        auto first = f.push({{"device_id", "phone-1"},
                             {"changes", {f.create("partner-9", "res.partner", {{"n", 1}})}}});
        const auto partnerId = *first.results[0].server_id;
        auto second = f.push({{"device_id", "phone-1"},
                              {"changes",
                               {f.create("order-9", "sale.order", {{"partner_id", "partner-9"}}),
                                f.update("upd-9", "res.partner", "partner-9", {{"n", 2}}, 1)}}});
        QVERIFY(second.success);
        QCOMPARE_JSON(f.recordData("sale.order", *second.results[0].server_id)["partner_id"],
                      partnerId);
        QCOMPARE_JSON(f.recordData("res.partner", partnerId)["n"], 2);
        // Another device's local ids mean nothing to this one.
        auto other =
            f.push({{"device_id", "phone-2"},
                    {"changes", {f.update("u-x", "res.partner", "partner-9", {{"n", 3}}, 2)}}});
        QCOMPARE(str(other.results[0].error_code), "UNRESOLVED_REFERENCE");
    }

    void cyclesFailAndTheirDependentsToo() {
        EngineFixture f;
        json a = f.create("cyc-a", "res.partner", {{"parent", "cyc-b"}});
        json b = f.create("cyc-b", "res.partner", {{"parent", "cyc-a"}});
        json c = f.create("cyc-c", "res.partner", {{"parent", "cyc-a"}});
        json ok = f.create("free-1", "res.partner", {{"name", "free"}});
        auto r = f.push({{"device_id", "phone-1"}, {"changes", {a, b, c, ok}}});
        QCOMPARE(str(r.results[0].error_code), "DEPENDENCY_CYCLE");
        QCOMPARE(str(r.results[1].error_code), "DEPENDENCY_CYCLE");
        QCOMPARE(str(r.results[2].error_code), "DEPENDENCY_FAILED");
        QCOMPARE_ENUM(r.results[3].status, ChangeStatus::Success);
        QCOMPARE(r.failed, 3);
        QCOMPARE(f.store->countRecords(f.user.tenant_id, "res.partner").value(), 1);
    }

    void explicitDependencyCycle() {
        EngineFixture f;
        json a = f.create("dep-a", "res.partner", {{"name", "a"}});
        a["dependencies"] = {"dep-b"};
        json b = f.create("dep-b", "res.partner", {{"name", "b"}});
        b["dependencies"] = {"dep-a"};
        auto r = f.push({{"device_id", "phone-1"}, {"changes", {a, b}}});
        QCOMPARE(str(r.results[0].error_code), "DEPENDENCY_CYCLE");
        QCOMPARE(str(r.results[1].error_code), "DEPENDENCY_CYCLE");
    }

    void dependentOfFailedChangeIsNotApplied() {
        EngineFixture f;
        json bad = f.create("bad-order", "no.such.model", {{"x", 1}});
        json line = f.create("line-x", "sale.order.line", {{"order_id", "bad-order"}});
        json explicitDep = f.create("other", "res.partner", {{"name", "n"}});
        explicitDep["dependencies"] = {"bad-order"};
        auto r = f.push({{"device_id", "phone-1"}, {"changes", {bad, line, explicitDep}}});
        QCOMPARE(str(r.results[0].error_code), "UNKNOWN_MODEL");
        QCOMPARE(str(r.results[1].error_code), "DEPENDENCY_FAILED");
        QCOMPARE(str(r.results[2].error_code), "DEPENDENCY_FAILED");
        QCOMPARE(f.eventCount(), 0);
    }

    void dependentOfConflictIsNotApplied() {
        EngineFixture f;
        const auto id = f.seed("res.partner", {{"phone", "1"}});
        f.push(f.admin, {{"device_id", "desk"},
                         {"changes", {f.update("srv", "res.partner", id, {{"phone", "2"}}, 1)}}});
        json conflicting = f.update("mine", "res.partner", id, {{"phone", "3"}}, 1);
        json after = f.create("after", "res.partner", {{"name", "later"}});
        after["dependencies"] = {"mine"};
        auto r = f.push({{"device_id", "phone-1"},
                         {"conflict_strategy", "manual"},
                         {"changes", {conflicting, after}}});
        QCOMPARE_ENUM(r.results[0].status, ChangeStatus::Conflict);
        QCOMPARE(str(r.results[1].error_code), "DEPENDENCY_FAILED");
    }

    void unresolvedReferences() {
        EngineFixture f;
        json upd = f.update("u-1", "res.partner", "never-created", {{"n", 1}}, 1);
        json dep = f.create("c-1", "res.partner", {{"n", 1}});
        dep["dependencies"] = {"ghost-id"};
        auto r = f.push({{"device_id", "phone-1"}, {"changes", {upd, dep}}});
        QCOMPARE(str(r.results[0].error_code), "UNRESOLVED_REFERENCE");
        QCOMPARE(str(r.results[1].error_code), "UNRESOLVED_REFERENCE");
    }

    void perChangeValidationErrors() {
        EngineFixture f;
        json noId = f.update("u-1", "res.partner", nullptr, {{"n", 1}}, 1);
        json missing = f.update("u-2", "res.partner", 999, {{"n", 1}}, 1);
        json unknown = f.create("c-1", "account.secret", {{"n", 1}});
        auto r = f.push({{"device_id", "phone-1"}, {"changes", {noId, missing, unknown}}});
        QCOMPARE(str(r.results[0].error_code), "MISSING_RECORD_ID");
        QCOMPARE(str(r.results[1].error_code), "RECORD_NOT_FOUND");
        QCOMPARE(str(r.results[2].error_code), "UNKNOWN_MODEL");
        QCOMPARE(r.failed, 3);
        QVERIFY(!r.success);
    }

    void failingChangeInABatchLeavesNothingBehind() {
        EngineFixture f;
        const auto id = f.seed("res.partner", {{"name", "p"}});
        const auto eventsBefore = f.eventCount();
        json good1 = f.create("g-1", "res.partner", {{"name", "g1"}});
        json bad = f.update("b-1", "res.partner", 777, {{"name", "nope"}}, 1);
        json good2 = f.update("g-2", "res.partner", id, {{"name", "renamed"}}, 1);
        auto r =
            f.push({{"device_id", "phone-1"}, {"batch_size", 2}, {"changes", {good1, bad, good2}}});
        QCOMPARE(r.succeeded, 2);
        QCOMPARE(r.failed, 1);
        QCOMPARE(f.eventCount(), eventsBefore + 2);
        QVERIFY(!f.store->record(f.user.tenant_id, "res.partner", 777).value());
        QCOMPARE_JSON(f.recordData("res.partner", id)["name"], "renamed");
    }

    void stopOnErrorMarksTheRestNotAttempted() {
        EngineFixture f;
        json first = f.create("s-1", "res.partner", {{"n", 1}});
        json bad = f.create("s-2", "bogus.model", {{"n", 2}});
        json rest1 = f.create("s-3", "res.partner", {{"n", 3}});
        json rest2 = f.create("s-4", "res.partner", {{"n", 4}});
        auto r = f.push({{"device_id", "phone-1"},
                         {"stop_on_error", true},
                         {"batch_size", 1},
                         {"changes", {first, bad, rest1, rest2}}});
        QCOMPARE_ENUM(r.results[0].status, ChangeStatus::Success);
        QCOMPARE(str(r.results[1].error_code), "UNKNOWN_MODEL");
        QCOMPARE(str(r.results[2].error_code), "NOT_ATTEMPTED");
        QCOMPARE(str(r.results[3].error_code), "NOT_ATTEMPTED");
        QCOMPARE(f.store->countRecords(f.user.tenant_id, "res.partner").value(), 1);
        // Not attempted changes are not remembered: sending them again applies them.
        auto again = f.push({{"device_id", "phone-1"}, {"changes", {rest1, rest2}}});
        QCOMPARE(again.succeeded, 2);
        QVERIFY(!again.results[0].duplicate);
    }

    void deviceOfAnotherUserIsForbidden() {
        EngineFixture f;
        f.push({{"device_id", "phone-1"},
                {"changes", {f.create("a-1", "res.partner", json::object())}}});
        auto other = f.addUser(f.user.tenant_id, "other@acme.test", protocol::Role::User);
        auto r = f.engine->push(
            other, EngineFixture::pushRequest(
                       {{"device_id", "phone-1"},
                        {"changes", {f.create("a-2", "res.partner", json::object())}}}));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Forbidden);
    }

    void queueReportLandsInDeviceState() {
        EngineFixture f;
        json body = {{"device_id", "phone-1"},
                     {"changes", {f.create("q-1", "res.partner", json::object())}},
                     {"pending_changes", 7},
                     {"oldest_pending_at", "2025-11-24T10:00:00Z"},
                     {"last_error", "timeout"},
                     {"app_version", "2.1.0"},
                     {"client_time", protocol::formatTime(f.clock.now() + 5000)}};
        f.push(body);
        auto s = f.engine->state(f.user, "phone-1");
        QVERIFY(s.ok());
        QCOMPARE(s.value().pending_changes, 7);
        QCOMPARE(*s.value().oldest_pending_at, std::string("2025-11-24T10:00:00Z"));
        QCOMPARE(*s.value().last_error, std::string("timeout"));
        QCOMPARE(*s.value().app_version, std::string("2.1.0"));
        QCOMPARE(*s.value().clock_skew_ms, 5000);
        QCOMPARE(s.value().sync_status, std::string("error"));
    }
};

QTEST_GUILESS_MAIN(SyncEnginePushTest)
#include "SyncEnginePushTest.moc"
