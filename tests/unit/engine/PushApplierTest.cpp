// The applier boundary: a second applier (as an Odoo writer would be) plugs in per tenant,
// gets the planned changes in order with references mapped, gives its own server ids, and a
// retryable failure is never remembered in the ledger.

#include "engine/PushApplier.h"
#include "EngineFixture.h"

using namespace bridgecore;
using namespace bridgecore::engine;
using namespace bridgecore::test;
using protocol::ChangeStatus;

namespace {
/// Applies runs of same-model creates in one "call", numbering records from 1000; a change
/// whose data says {"offline": true} fails as a remote system being unavailable.
class RemoteApplier final : public PushApplier {
public:
    std::vector<std::vector<std::string>> calls; // local_ids per batched call
    std::vector<json> seenData;

    Status apply(PushRun& run) override {
        std::vector<std::size_t> batch;
        auto flush = [&]() -> Status {
            if (batch.empty())
                return {};
            calls.emplace_back();
            for (auto i : batch) {
                bool asSent = false;
                json data = run.data(i, asSent);
                seenData.push_back(data);
                calls.back().push_back(run.plan.change(i).local_id);
                if (data.value("offline", false)) {
                    ChangeOutcome o = run.failure(i, ErrorCode::Internal, "remote unavailable");
                    o.remember = false; // retryable
                    if (Status s = run.finish(i, std::move(o)); !s.ok())
                        return s;
                    continue;
                }
                ChangeOutcome o = run.outcome(i, ChangeStatus::Success);
                o.result.server_id = ++m_next;
                o.result.version = 1;
                o.remember = true;
                if (Status s = run.finish(i, std::move(o)); !s.ok())
                    return s;
            }
            batch.clear();
            return {};
        };
        for (auto i : run.plan.order) {
            // A change depending on one in the open batch needs that one's outcome first.
            bool dependsOnBatch = false;
            for (auto dep : run.plan.changes[i].depends_on)
                dependsOnBatch =
                    dependsOnBatch || std::find(batch.begin(), batch.end(), dep) != batch.end();
            if (dependsOnBatch || (!batch.empty() && run.plan.change(batch.front()).model !=
                                                         run.plan.change(i).model))
                if (Status s = flush(); !s.ok())
                    return s;
            if (auto decided = run.precheck(i)) {
                if (Status s = run.finish(i, std::move(*decided)); !s.ok())
                    return s;
                continue;
            }
            batch.push_back(i);
        }
        return flush();
    }

private:
    std::int64_t m_next = 1000;
};
} // namespace

class PushApplierTest : public QObject {
    Q_OBJECT

private slots:
    void aSecondApplierPlugsInPerTenant() {
        EngineFixture f;
        auto remote = std::make_shared<RemoteApplier>();
        const auto tenant = f.user.tenant_id;
        f.engine->setApplierProvider([&](std::int64_t t) -> std::shared_ptr<PushApplier> {
            return t == tenant ? remote : nullptr;
        });
        json body = {{"device_id", "phone-1"},
                     {"changes",
                      {f.create("p-1", "res.partner", {{"name", "A"}}),
                       f.create("p-2", "res.partner", {{"name", "B"}}),
                       f.create("o-1", "sale.order", {{"partner_id", "p-2"}}),
                       f.create("p-3", "res.partner", {{"name", "C"}, {"offline", true}})}}};
        auto r = f.push(body);
        QCOMPARE(r.succeeded, 3);
        QCOMPARE(r.failed, 1);
        QCOMPARE(*r.results[0].server_id, 1001);
        QCOMPARE(*r.results[2].server_id, 1003);
        QCOMPARE(r.id_mapping.size(), std::size_t(3));
        // Same-model runs were batched; the order's reference was mapped to the remote id.
        QCOMPARE(remote->calls.size(), std::size_t(3));
        QCOMPARE(remote->calls[0], (std::vector<std::string>{"p-1", "p-2"}));
        QCOMPARE_JSON(remote->seenData[2]["partner_id"], 1002);
        QCOMPARE(f.eventCount(), 0); // the store's records were not touched

        // The retry: the three applied ones are duplicates, the retryable one is tried again.
        remote->calls.clear();
        auto again = f.push(body);
        QVERIFY(again.results[0].duplicate && again.results[1].duplicate &&
                again.results[2].duplicate);
        QVERIFY(!again.results[3].duplicate);
        QCOMPARE(remote->calls.size(), std::size_t(1));
        QCOMPARE(remote->calls[0], std::vector<std::string>{"p-3"});

        // Another tenant keeps the store's applier.
        const auto other = f.addTenantUser("other", "rep@other.test", protocol::Role::User);
        auto own = f.push(other, {{"device_id", "phone-9"},
                                  {"changes", {f.create("x-1", "res.partner", {{"n", 1}})}}});
        QCOMPARE(own.succeeded, 1);
        QCOMPARE(f.eventCount(other.tenant_id), 1);
    }

    void storeApplierRemembersOnlyWhatItApplied() {
        EngineFixture f;
        json body = {{"device_id", "phone-1"},
                     {"stop_on_error", true},
                     {"changes",
                      {f.create("ok-1", "res.partner", {{"name", "A"}}),
                       f.update("bad-1", "res.partner", 999, {{"name", "B"}}, 1),
                       f.create("later-1", "res.partner", {{"name", "C"}}, 1)}}};
        auto r = f.push(body);
        QCOMPARE(r.succeeded, 1);
        QCOMPARE(int(*r.results[1].error_code), int(ErrorCode::RecordNotFound));
        QCOMPARE(int(*r.results[2].error_code), int(ErrorCode::NotAttempted));
        auto again = f.push(body);
        QVERIFY(again.results[0].duplicate);
        QVERIFY(!again.results[1].duplicate); // failures are tried again
        QVERIFY(!again.results[2].duplicate);
        QCOMPARE(f.eventCount(), 1);
    }
};

QTEST_GUILESS_MAIN(PushApplierTest)
#include "PushApplierTest.moc"
