// SyncClient against an in-process engine: push/pull round trips, convergence of two devices
// under each strategy, exactly-once after lost responses, chunking, paging, queue reports,
// references to unsynced records and resolve-conflicts.

#include "client/InProcessTransport.h"
#include "client/SyncClient.h"
#include "engine/SyncEngine.h"
#include "storage/SyncStore.h"

#include <QTest>

#include <map>

using namespace bridgecore;
using namespace bridgecore::client;
using protocol::json;

#define JCOMPARE(a, b)                                                                             \
    QVERIFY2(json(a) == json(b), (json(a).dump() + " != " + json(b).dump()).c_str())

namespace {

struct Server {
    std::shared_ptr<storage::SyncStore> store;
    std::unique_ptr<engine::SyncEngine> engine;
    engine::Caller caller;

    Server() {
        auto s = storage::openSqliteStore(":memory:");
        if (!s.ok())
            qFatal("store: %s", s.error().message.c_str());
        store = s.value();
        engine = std::make_unique<engine::SyncEngine>(store);
        auto t = store->createTenant("acme");
        storage::User u;
        u.tenant_id = t.value();
        u.email = "ann@acme.test";
        u.name = "Ann";
        u.role = protocol::Role::User;
        auto uid = store->createUser(u);
        caller = engine::Caller{t.value(), uid.value(), protocol::Role::User};
    }

    /// server id -> data of the live records of `model`.
    std::map<std::int64_t, json> records(const std::string& model) {
        std::map<std::int64_t, json> out;
        const auto rows = store->records(caller.tenant_id, model, 1'000'000, 0).value();
        for (const auto& r : rows)
            if (!r.deleted)
                out[r.id] = r.data;
        return out;
    }
};

struct Device {
    std::unique_ptr<ClientCache> cache;
    std::unique_ptr<InProcessTransport> transport;
    std::unique_ptr<SyncClient> client;

    Device(Server& server, const std::string& id,
           protocol::ConflictStrategy strategy = protocol::ConflictStrategy::ServerWins) {
        auto c = ClientCache::open(":memory:");
        if (!c.ok())
            qFatal("cache");
        cache = std::move(c.value());
        if (!cache->setDeviceId(id).ok() || !cache->setAppType("sales_app").ok())
            qFatal("setup");
        transport = std::make_unique<InProcessTransport>(*server.engine, server.caller);
        SyncOptions o;
        o.strategy = strategy;
        client = std::make_unique<SyncClient>(*cache, *transport, o);
    }

    void setStrategy(protocol::ConflictStrategy s) {
        auto o = client->options();
        o.strategy = s;
        client->setOptions(o);
    }

    std::map<std::int64_t, json> records(const std::string& model) {
        std::map<std::int64_t, json> out;
        for (const auto& r : cache->records(model))
            if (r.server_id)
                out[*r.server_id] = r.data;
            else
                out[-r.row] = r.data; // local-only rows make the comparison fail
        return out;
    }
};

bool sameRecords(const std::map<std::int64_t, json>& a, const std::map<std::int64_t, json>& b) {
    if (a == b)
        return true;
    qWarning("%s\n  vs\n%s", json(a).dump().c_str(), json(b).dump().c_str());
    return false;
}

} // namespace

class TestSyncClient : public QObject {
    Q_OBJECT
private slots:
    void createSyncsAndIsMapped();
    void twoDevicesDifferentFieldsMerge();
    void sameFieldServerWins();
    void sameFieldClientWins();
    void manualConflictThenResolve();
    void resolvedOnServerIsClosedByTheNextSync_data();
    void resolvedOnServerIsClosedByTheNextSync();
    void conflictsStillOpenOnServerStayListed();
    void olderServerWithoutTheListClosesNothing();
    void updateVersusDelete();
    void lostPushResponseIsDeduplicated();
    void pushesInRequestsOfAtMost1000();
    void pullsPagesUntilDone();
    void queueReportReachesServer();
    void referenceToUnsyncedRecordIsMapped();
    void offlineErrorKeepsQueue();
    void unreachableServerLeavesChangesPending();
    void cancelledPullResumesWhereItStopped();
    void cancelledPushResumesWithTheRest();
    void progressReportsRateAndTotal();
};

void TestSyncClient::createSyncsAndIsMapped() {
    Server server;
    Device a(server, "dev-a");
    auto id = a.cache->createRecord("res.partner", {{"name", "Ann"}});
    QVERIFY(id.ok());
    auto r = a.client->sync();
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r.value().push.succeeded, 1);
    auto rec = a.cache->record("res.partner", id.value());
    QVERIFY(rec && rec->server_id);
    QCOMPARE(a.cache->countRecords("res.partner"), 1); // the pulled echo did not duplicate
    QVERIFY(sameRecords(a.records("res.partner"), server.records("res.partner")));
    QCOMPARE(a.cache->outboxCounts().active(), 0);
    QCOMPARE(a.cache->outboxCounts().synced, 1);
}

void TestSyncClient::twoDevicesDifferentFieldsMerge() {
    Server server;
    Device a(server, "dev-a"), b(server, "dev-b");
    auto id = a.cache->createRecord("res.partner", {{"name", "Ann"}, {"phone", "1"}});
    QVERIFY(a.client->sync().ok());
    QVERIFY(b.client->sync().ok());
    const auto sid = *a.cache->record("res.partner", id.value())->server_id;
    QVERIFY(a.cache->updateRecord("res.partner", sid, {{"name", "Anna"}}).ok());
    QVERIFY(b.cache->updateRecord("res.partner", sid, {{"phone", "2"}}).ok());
    QVERIFY(a.client->sync().ok());
    auto rb = b.client->sync();
    QVERIFY(rb.ok());
    QCOMPARE(rb.value().push.conflicts, 0); // different fields merge automatically
    QVERIFY(a.client->sync().ok());
    const auto expected = std::map<std::int64_t, json>{{sid, {{"name", "Anna"}, {"phone", "2"}}}};
    QVERIFY(sameRecords(server.records("res.partner"), expected));
    QVERIFY(sameRecords(a.records("res.partner"), expected));
    QVERIFY(sameRecords(b.records("res.partner"), expected));
}

void TestSyncClient::sameFieldServerWins() {
    Server server;
    Device a(server, "dev-a"), b(server, "dev-b");
    auto id = a.cache->createRecord("res.partner", {{"name", "Ann"}, {"phone", "1"}});
    QVERIFY(a.client->sync().ok());
    QVERIFY(b.client->sync().ok());
    const auto sid = *a.cache->record("res.partner", id.value())->server_id;
    QVERIFY(a.cache->updateRecord("res.partner", sid, {{"phone", "A"}}).ok());
    QVERIFY(b.cache->updateRecord("res.partner", sid, {{"phone", "B"}, {"name", "Bee"}}).ok());
    QVERIFY(a.client->sync().ok());
    auto rb = b.client->sync();
    QVERIFY(rb.ok());
    QCOMPARE(rb.value().push.conflicts, 1);
    QVERIFY(a.client->sync().ok());
    // The conflicting field keeps the server value; the other local field is applied.
    const auto expected = std::map<std::int64_t, json>{{sid, {{"name", "Bee"}, {"phone", "A"}}}};
    QVERIFY(sameRecords(server.records("res.partner"), expected));
    QVERIFY(sameRecords(a.records("res.partner"), expected));
    QVERIFY(sameRecords(b.records("res.partner"), expected));
    auto conflicts = b.cache->conflicts();
    QCOMPARE(conflicts.size(), std::size_t(1));
    QVERIFY(!conflicts[0].open);
    QVERIFY(conflicts[0].info.conflicting_fields == std::vector<std::string>{"phone"});
    QCOMPARE(b.cache->outboxCounts().active(), 0);
}

void TestSyncClient::sameFieldClientWins() {
    Server server;
    Device a(server, "dev-a"), b(server, "dev-b", protocol::ConflictStrategy::ClientWins);
    auto id = a.cache->createRecord("res.partner", {{"name", "Ann"}, {"phone", "1"}});
    QVERIFY(a.client->sync().ok());
    QVERIFY(b.client->sync().ok());
    const auto sid = *a.cache->record("res.partner", id.value())->server_id;
    QVERIFY(a.cache->updateRecord("res.partner", sid, {{"phone", "A"}}).ok());
    QVERIFY(b.cache->updateRecord("res.partner", sid, {{"phone", "B"}}).ok());
    QVERIFY(a.client->sync().ok());
    auto rb = b.client->sync();
    QVERIFY(rb.ok());
    QCOMPARE(rb.value().push.succeeded, 1);
    QVERIFY(a.client->sync().ok());
    const auto expected = std::map<std::int64_t, json>{{sid, {{"name", "Ann"}, {"phone", "B"}}}};
    QVERIFY(sameRecords(server.records("res.partner"), expected));
    QVERIFY(sameRecords(a.records("res.partner"), expected));
    QVERIFY(sameRecords(b.records("res.partner"), expected));
}

void TestSyncClient::manualConflictThenResolve() {
    Server server;
    Device a(server, "dev-a"), b(server, "dev-b", protocol::ConflictStrategy::Manual);
    auto id = a.cache->createRecord("res.partner", {{"name", "Ann"}, {"phone", "1"}});
    QVERIFY(a.client->sync().ok());
    QVERIFY(b.client->sync().ok());
    const auto sid = *a.cache->record("res.partner", id.value())->server_id;
    QVERIFY(a.cache->updateRecord("res.partner", sid, {{"phone", "A"}}).ok());
    QVERIFY(b.cache->updateRecord("res.partner", sid, {{"phone", "B"}}).ok());
    const std::string bChange = b.cache->outbox()[0].local_id;
    QVERIFY(a.client->sync().ok());
    QVERIFY(b.client->sync().ok());
    auto open = b.cache->conflicts(true);
    QCOMPARE(open.size(), std::size_t(1));
    QCOMPARE(open[0].local_id, bChange);
    // Nothing applied yet: every copy shows the server's value.
    const auto before = std::map<std::int64_t, json>{{sid, {{"name", "Ann"}, {"phone", "A"}}}};
    QVERIFY(sameRecords(server.records("res.partner"), before));
    QVERIFY(sameRecords(b.records("res.partner"), before));
    auto res = b.client->resolve(bChange, protocol::ConflictStrategy::ClientWins);
    QVERIFY2(res.ok(), res.ok() ? "" : res.error().message.c_str());
    QCOMPARE(b.cache->conflicts(true).size(), std::size_t(0));
    QVERIFY(a.client->sync().ok());
    const auto after = std::map<std::int64_t, json>{{sid, {{"name", "Ann"}, {"phone", "B"}}}};
    QVERIFY(sameRecords(server.records("res.partner"), after));
    QVERIFY(sameRecords(a.records("res.partner"), after));
    QVERIFY(sameRecords(b.records("res.partner"), after));
}

namespace {

/// B holds an open (manual) conflict on res.partner: A wrote phone "A", B wrote phone "B".
struct ManualConflict {
    Server server;
    Device a{server, "dev-a"};
    Device b{server, "dev-b", protocol::ConflictStrategy::Manual};
    std::int64_t sid = 0;
    std::string bChange;

    bool setUp() {
        auto id = a.cache->createRecord("res.partner", {{"name", "Ann"}, {"phone", "1"}});
        if (!a.client->sync().ok() || !b.client->sync().ok())
            return false;
        sid = *a.cache->record("res.partner", id.value())->server_id;
        if (!a.cache->updateRecord("res.partner", sid, {{"phone", "A"}}).ok() ||
            !b.cache->updateRecord("res.partner", sid, {{"phone", "B"}}).ok())
            return false;
        bChange = b.cache->outbox()[0].local_id;
        return a.client->sync().ok() && b.client->sync().ok() &&
               b.cache->conflicts(true).size() == 1;
    }

    /// The id of B's conflict as the server stores it.
    std::int64_t serverConflictId() { return b.cache->conflicts(true).at(0).info.conflict_id; }
};

/// A server that does not send open_conflict_local_ids (written before it existed).
class OlderServerTransport : public InProcessTransport {
public:
    using InProcessTransport::InProcessTransport;
    Result<protocol::SyncState> state(const std::string& deviceId) override {
        auto s = InProcessTransport::state(deviceId);
        if (s.ok())
            s.value().open_conflict_local_ids.reset();
        return s;
    }
};

} // namespace

void TestSyncClient::resolvedOnServerIsClosedByTheNextSync_data() {
    QTest::addColumn<int>("strategy");
    QTest::addColumn<QString>("phone"); // the record's value after the resolution
    QTest::newRow("server_wins") << int(protocol::ConflictStrategy::ServerWins) << "A";
    QTest::newRow("client_wins") << int(protocol::ConflictStrategy::ClientWins) << "B";
    QTest::newRow("merge") << int(protocol::ConflictStrategy::Merge) << "M";
}

void TestSyncClient::resolvedOnServerIsClosedByTheNextSync() {
    QFETCH(int, strategy);
    QFETCH(QString, phone);
    ManualConflict m;
    QVERIFY(m.setUp());
    // Another change of B's, queued after the conflict, must survive the closing.
    auto other = m.b.cache->createRecord("res.partner", {{"name", "Other"}});
    QVERIFY(other.ok());
    // An admin (here the device's owner) resolves it on the server, e.g. in the console.
    const auto s = protocol::ConflictStrategy(strategy);
    auto res = m.server.engine->resolveConflict(
        m.server.caller, m.serverConflictId(), s,
        s == protocol::ConflictStrategy::Merge ? json{{"phone", "M"}} : json(nullptr));
    QVERIFY2(res.ok(), res.ok() ? "" : res.error().message.c_str());
    // Until B syncs, B still lists it.
    QCOMPARE(m.b.cache->conflicts(true).size(), std::size_t(1));
    auto synced = m.b.client->sync();
    QVERIFY(synced.ok());
    QCOMPARE(synced.value().conflicts_resolved_on_server, 1);
    QCOMPARE(m.b.cache->conflicts(true).size(), std::size_t(0));
    // Kept as history, marked resolved.
    auto all = m.b.cache->conflicts(false);
    QCOMPARE(all.size(), std::size_t(1));
    QVERIFY(!all[0].open);
    QVERIFY(all[0].resolved_at);
    // The change is settled; the other one went out with this sync.
    QCOMPARE(m.b.cache->outboxCounts().conflict, 0);
    QCOMPARE(m.b.cache->outboxCounts().active(), 0);
    QVERIFY(m.b.cache->outboxEntry(m.bChange)->status == OutboxStatus::Synced);
    // The record has the resolved value everywhere.
    const json expected = {{"name", "Ann"}, {"phone", phone.toStdString()}};
    JCOMPARE(m.server.records("res.partner").at(m.sid), expected);
    JCOMPARE(m.b.records("res.partner").at(m.sid), expected);
    QVERIFY(m.b.cache->record("res.partner", other.value())->server_id);
}

void TestSyncClient::conflictsStillOpenOnServerStayListed() {
    ManualConflict m;
    QVERIFY(m.setUp());
    // Nothing resolved on the server: syncing again keeps it open, and its change in conflict.
    auto synced = m.b.client->sync();
    QVERIFY(synced.ok());
    QCOMPARE(synced.value().conflicts_resolved_on_server, 0);
    QCOMPARE(m.b.cache->conflicts(true).size(), std::size_t(1));
    QCOMPARE(m.b.cache->outboxCounts().conflict, 1);
    // A conflict stored after the server's answer was read is not judged by it.
    const auto firstId = m.b.cache->conflicts(true).at(0).id;
    auto closed = m.b.cache->closeResolvedOnServer({}, firstId - 1);
    QVERIFY(closed.ok());
    QCOMPARE(closed.value(), 0);
    QCOMPARE(m.b.cache->conflicts(true).size(), std::size_t(1));
    // A later edit of the same record stays pending (and on top) when the conflict is closed.
    QVERIFY(m.b.cache->updateRecord("res.partner", m.sid, {{"name", "Bea"}}).ok());
    closed = m.b.cache->closeResolvedOnServer({}, firstId);
    QCOMPARE(closed.value(), 1);
    QVERIFY(m.b.cache->outboxEntry(m.bChange)->status == OutboxStatus::Synced);
    QCOMPARE(m.b.cache->outboxCounts().pending, 1);
    JCOMPARE(m.b.records("res.partner").at(m.sid), json({{"name", "Bea"}, {"phone", "A"}}));
}

void TestSyncClient::olderServerWithoutTheListClosesNothing() {
    ManualConflict m;
    QVERIFY(m.setUp());
    OlderServerTransport older(*m.server.engine, m.server.caller);
    SyncClient client(*m.b.cache, older);
    QVERIFY(m.server.engine
                ->resolveConflict(m.server.caller, m.serverConflictId(),
                                  protocol::ConflictStrategy::ServerWins)
                .ok());
    auto synced = client.sync();
    QVERIFY(synced.ok());
    QCOMPARE(synced.value().conflicts_resolved_on_server, 0);
    QCOMPARE(m.b.cache->conflicts(true).size(), std::size_t(1));
}

void TestSyncClient::updateVersusDelete() {
    Server server;
    Device a(server, "dev-a"), b(server, "dev-b");
    auto id = a.cache->createRecord("res.partner", {{"name", "Ann"}});
    QVERIFY(a.client->sync().ok());
    QVERIFY(b.client->sync().ok());
    const auto sid = *a.cache->record("res.partner", id.value())->server_id;
    QVERIFY(a.cache->deleteRecord("res.partner", sid).ok());
    QVERIFY(b.cache->updateRecord("res.partner", sid, {{"name", "Bee"}}).ok());
    QVERIFY(a.client->sync().ok());
    auto rb = b.client->sync();
    QVERIFY(rb.ok());
    QCOMPARE(rb.value().push.conflicts, 1); // update of a record deleted on the server
    QVERIFY(a.client->sync().ok());
    QVERIFY(server.records("res.partner").empty());
    QVERIFY(sameRecords(a.records("res.partner"), {}));
    QVERIFY(sameRecords(b.records("res.partner"), {}));
}

void TestSyncClient::lostPushResponseIsDeduplicated() {
    Server server;
    Device a(server, "dev-a");
    for (int i = 0; i < 5; ++i)
        QVERIFY(a.cache->createRecord("res.partner", {{"name", "P" + std::to_string(i)}}).ok());
    a.transport->dropNextPushResponses(1);
    QVERIFY(!a.client->sync().ok());
    QCOMPARE(a.cache->outboxCounts().in_flight, 5);
    QCOMPARE(server.records("res.partner").size(), std::size_t(5)); // applied once already
    auto r = a.client->sync();
    QVERIFY(r.ok());
    QCOMPARE(r.value().push.duplicates, 5);
    QCOMPARE(server.records("res.partner").size(), std::size_t(5));
    QVERIFY(sameRecords(a.records("res.partner"), server.records("res.partner")));
}

void TestSyncClient::pushesInRequestsOfAtMost1000() {
    Server server;
    Device a(server, "dev-a");
    std::vector<LocalEdit> edits;
    for (int i = 0; i < 2500; ++i)
        edits.push_back({protocol::Action::Create, "res.partner", {}, {{"n", i}}, 5});
    QVERIFY(a.cache->applyEdits(edits).ok());
    std::vector<std::pair<qint64, qint64>> progress;
    connect(a.client.get(), &SyncClient::progress, this,
            [&](qint64 c, qint64 t) { progress.emplace_back(c, t); });
    auto r = a.client->push();
    QVERIFY(r.ok());
    QCOMPARE(r.value().requests, 3);
    QCOMPARE(r.value().succeeded, 2500);
    QCOMPARE(server.records("res.partner").size(), std::size_t(2500));
    QVERIFY(progress.size() >= 3);
    QCOMPARE(progress.back().first, 2500);
    QCOMPARE(progress.back().second, 2500);
}

void TestSyncClient::pullsPagesUntilDone() {
    Server server;
    Device a(server, "dev-a"), b(server, "dev-b");
    std::vector<LocalEdit> edits;
    for (int i = 0; i < 1200; ++i)
        edits.push_back({protocol::Action::Create, "res.partner", {}, {{"n", i}}, 5});
    QVERIFY(a.cache->applyEdits(edits).ok());
    QVERIFY(a.client->push().ok());
    auto r = b.client->pull();
    QVERIFY(r.ok());
    QCOMPARE(r.value().pages, 3);
    QCOMPARE(r.value().events, 1200);
    QCOMPARE(b.cache->lastEventId(), server.store->headEventId(server.caller.tenant_id).value());
    QVERIFY(sameRecords(b.records("res.partner"), server.records("res.partner")));
}

void TestSyncClient::queueReportReachesServer() {
    Server server;
    Device a(server, "dev-a");
    for (int i = 0; i < 3; ++i)
        QVERIFY(a.cache->createRecord("res.partner", {{"n", i}}).ok());
    QVERIFY(a.client->pull().ok());
    auto st = server.engine->state(server.caller, "dev-a");
    QVERIFY(st.ok());
    QCOMPARE(st.value().pending_changes, 3);
    QVERIFY(st.value().oldest_pending_at.has_value());
    QCOMPARE(st.value().app_version, std::optional<std::string>(clientVersion()));
    QVERIFY(a.client->sync().ok());
    QCOMPARE(server.engine->state(server.caller, "dev-a").value().pending_changes, 0);
}

void TestSyncClient::referenceToUnsyncedRecordIsMapped() {
    Server server;
    Device a(server, "dev-a");
    auto partner = a.cache->createRecord("res.partner", {{"name", "New"}});
    auto order = a.cache->createRecord("sale.order", {{"partner_id", partner.value()}});
    QVERIFY(order.ok());
    QVERIFY(a.client->sync().ok());
    const auto pid = *a.cache->record("res.partner", partner.value())->server_id;
    const auto oid = *a.cache->record("sale.order", order.value())->server_id;
    JCOMPARE(server.records("sale.order")[oid]["partner_id"], json(pid));
    JCOMPARE(a.cache->record("sale.order", oid)->data["partner_id"], json(pid));
}

void TestSyncClient::offlineErrorKeepsQueue() {
    Server server;
    Device a(server, "dev-a");
    QVERIFY(a.cache->createRecord("res.partner", {{"name", "x"}}).ok());
    a.transport->setOffline(true);
    auto r = a.client->sync();
    QVERIFY(!r.ok());
    QVERIFY(isRetryable(r.error()));
    QCOMPARE(a.cache->outboxCounts().active(), 1);
    QVERIFY(!a.cache->stateValue("last_error").empty());
    a.transport->setOffline(false);
    QVERIFY(a.client->sync().ok());
    QCOMPARE(server.records("res.partner").size(), std::size_t(1));
    QVERIFY(a.cache->stateValue("last_error").empty());
}

void TestSyncClient::unreachableServerLeavesChangesPending() {
    // Nothing reached the server: the changes are not "in flight", and a delete of a queued
    // create still cancels it on the device instead of sending create-then-delete.
    Server server;
    Device a(server, "dev-a");
    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i)
        ids.push_back(a.cache->createRecord("res.partner", {{"n", i}}).value());
    a.transport->setOffline(true);
    auto r = a.client->sync();
    QVERIFY(!r.ok());
    QVERIFY(isNetworkError(r.error()));
    auto counts = a.cache->outboxCounts();
    QCOMPARE(counts.in_flight, 0);
    QCOMPARE(counts.pending, 5);
    QVERIFY(a.cache->deleteRecord("res.partner", ids[0]).ok());
    QCOMPARE(a.cache->outbox().size(), std::size_t(4));
    a.transport->setOffline(false);
    QVERIFY(a.client->sync().ok());
    QCOMPARE(server.records("res.partner").size(), std::size_t(4));
}

void TestSyncClient::cancelledPullResumesWhereItStopped() {
    Server server;
    Device a(server, "dev-a"), b(server, "dev-b");
    std::vector<LocalEdit> edits;
    for (int i = 0; i < 1200; ++i)
        edits.push_back({protocol::Action::Create, "res.partner", {}, {{"n", i}}, 5});
    QVERIFY(a.cache->applyEdits(edits).ok());
    QVERIFY(a.client->push().ok());
    // Interrupted after the first page (as Ctrl-C does in the CLI).
    auto conn = QObject::connect(b.client.get(), &SyncClient::progressed,
                                 [&](const SyncProgress&) { b.client->cancel(); });
    auto first = b.client->pull();
    QObject::disconnect(conn);
    QVERIFY(first.ok());
    QVERIFY(first.value().interrupted);
    QCOMPARE(first.value().pages, 1);
    QCOMPARE(first.value().events, 500);
    const std::int64_t stopped = b.cache->lastEventId();
    QVERIFY(stopped > 0);
    QCOMPARE(b.cache->countRecords("res.partner"), 500);
    // Resumed: the rest, nothing twice.
    auto rest = b.client->pull();
    QVERIFY(rest.ok());
    QVERIFY(!rest.value().interrupted);
    QCOMPARE(rest.value().events, 700);
    QVERIFY(sameRecords(b.records("res.partner"), server.records("res.partner")));
}

void TestSyncClient::cancelledPushResumesWithTheRest() {
    Server server;
    Device a(server, "dev-a");
    std::vector<LocalEdit> edits;
    for (int i = 0; i < 2500; ++i)
        edits.push_back({protocol::Action::Create, "res.partner", {}, {{"n", i}}, 5});
    QVERIFY(a.cache->applyEdits(edits).ok());
    auto conn = QObject::connect(a.client.get(), &SyncClient::progressed,
                                 [&](const SyncProgress&) { a.client->cancel(); });
    auto first = a.client->sync();
    QObject::disconnect(conn);
    QVERIFY(first.ok());
    QVERIFY(first.value().push.interrupted);
    QCOMPARE(first.value().push.sent, 1000);
    auto counts = a.cache->outboxCounts();
    QCOMPARE(counts.in_flight, 0); // the request prepared next was never marked
    QCOMPARE(counts.pending, 1500);
    auto rest = a.client->sync();
    QVERIFY(rest.ok());
    QCOMPARE(rest.value().push.sent, 1500);
    QCOMPARE(server.records("res.partner").size(), std::size_t(2500));
    QVERIFY(sameRecords(a.records("res.partner"), server.records("res.partner")));
}

void TestSyncClient::progressReportsRateAndTotal() {
    Server server;
    Device a(server, "dev-a"), b(server, "dev-b");
    std::vector<LocalEdit> edits;
    for (int i = 0; i < 1200; ++i)
        edits.push_back({protocol::Action::Create, "res.partner", {}, {{"n", i}}, 5});
    QVERIFY(a.cache->applyEdits(edits).ok());
    std::vector<SyncProgress> pushed, pulled;
    QObject::connect(a.client.get(), &SyncClient::progressed,
                     [&](const SyncProgress& p) { pushed.push_back(p); });
    QObject::connect(b.client.get(), &SyncClient::progressed,
                     [&](const SyncProgress& p) { pulled.push_back(p); });
    QVERIFY(a.client->push().ok());
    QVERIFY(b.client->pull().ok());
    QCOMPARE(pushed.size(), std::size_t(2));
    QCOMPARE(pushed.back().done, 1200);
    QCOMPARE(pushed.front().total, 1200);
    QCOMPARE(pulled.size(), std::size_t(3));
    QCOMPARE(pulled.front().done, 500);
    QCOMPARE(pulled.front().total, 1200); // total available, known from the first page
    QVERIFY(pulled.front().per_second > 0);
    QVERIFY(pulled.front().secondsLeft() >= 0);
    QCOMPARE(pulled.back().done, 1200);
    const std::string line = describe(pulled.front());
    QVERIFY2(line.rfind("pull 500/1200 events, ", 0) == 0, line.c_str());
    QVERIFY2(line.find(" s left") != std::string::npos, line.c_str());
}

QTEST_GUILESS_MAIN(TestSyncClient)
#include "test_sync_client.moc"
