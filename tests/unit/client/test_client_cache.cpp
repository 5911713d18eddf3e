// ClientCache: schema, device id, local edits and their coalescing, the push/pull bookkeeping
// and the re-base of pulled data under pending local fields. No server involved.

#include "client/ClientCache.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <set>
#include <thread>

using namespace bridgecore;
using namespace bridgecore::client;
using protocol::json;

#define JCOMPARE(a, b)                                                                             \
    QVERIFY2(json(a) == json(b), (json(a).dump() + " != " + json(b).dump()).c_str())

namespace {

std::unique_ptr<ClientCache> openCache(const QString& path, const Clock& clock = Clock::system()) {
    auto r = ClientCache::open(path, clock);
    if (!r.ok())
        qFatal("open: %s", r.error().message.c_str());
    auto c = std::move(r.value());
    if (c->appType().empty() && !c->setAppType("sales_app").ok())
        qFatal("setAppType");
    return c;
}

protocol::Event ev(std::int64_t id, const std::string& model, std::int64_t recordId,
                   protocol::EventAction action, json data, std::int64_t version) {
    protocol::Event e;
    e.event_id = id;
    e.model = model;
    e.record_id = recordId;
    e.action = action;
    e.data = std::move(data);
    e.version = version;
    return e;
}

protocol::PullResponse page(std::vector<protocol::Event> events, bool hasMore = false) {
    protocol::PullResponse p;
    p.events = std::move(events);
    p.last_event_id = p.events.empty() ? 0 : p.events.back().event_id;
    p.has_more = hasMore;
    p.new_events_count = static_cast<int>(p.events.size());
    return p;
}

/// Seeds one server record res.partner/7 at version 3 through a pull.
void seedPartner(ClientCache& c) {
    auto r = c.applyPullPage(page({ev(1, "res.partner", 7, protocol::EventAction::Create,
                                      {{"id", 7}, {"name", "Ann"}, {"phone", "1"}}, 3)}));
    QVERIFY(r.ok());
}

protocol::ChangeResult result(const std::string& localId, protocol::ChangeStatus status) {
    protocol::ChangeResult r;
    r.local_id = localId;
    r.status = status;
    return r;
}

} // namespace

class TestClientCache : public QObject {
    Q_OBJECT
private slots:
    void schemaIsCreatedAndVersioned();
    void newerSchemaIsRefused();
    void deviceIdIsGeneratedOnceAndKept();
    void deviceIdMismatchIsRefused();
    void editIsCommittedBeforeReturning();
    void editOutsideAppTypeIsRefused();
    void createPlusUpdatesIsOneCreate();
    void updatePlusUpdateUnionsFieldsKeepsEarliestBase();
    void updatePlusDeleteIsDelete();
    void createPlusDeleteIsNothing();
    void editAfterInFlightIsNotCoalesced();
    void editAfterInFlightUpdateWaitsAndTakesItsVersion();
    void updateCarriesVersionAndFieldsChanged();
    void referenceToUnsyncedRecordUsesLocalId();
    void inFlightIsResentIdenticallyAfterCrash();
    void pushSuccessMapsIdsAndSettles();
    void pushFailureAndNotAttempted();
    void pushConflictIsStoredAndCacheFollowsServer();
    void pullPageCommitsLastEventId();
    void pullRebasesPendingFields();
    void pullUnlinkRemovesRecord();
    void ownCreateEchoIsAttachedNotDuplicated();
    void discardRevertsAndRetryRequeues();
    void queueReportCountsActiveEntries();
    void editDuringPullPageIsKept();
    void recordsPaginate();
    void purgeRemovesOnlyOldSyncedEntries();
    void preparedBatchStaysPendingUntilMarked();
    void markSentRefusesABatchAnEditChanged();
    void preparePushStopsAtARecordOnTheWire();
    void returnToPendingMakesCoalescingPossibleAgain();
    void truncatedCacheIsNamedAndLeftUntouched();
    void recoverAndImportRequeueTheOutbox();
};

void TestClientCache::schemaIsCreatedAndVersioned() {
    QTemporaryDir dir;
    auto c = openCache(dir.filePath("c.db"));
    QCOMPARE(c->schemaVersion(), ClientCache::latestSchemaVersion());
    QVERIFY(ClientCache::latestSchemaVersion() >= 1);
}

void TestClientCache::newerSchemaIsRefused() {
    QTemporaryDir dir;
    const QString path = dir.filePath("c.db");
    { auto c = openCache(path); }
    {
        auto db = QSqlDatabase::addDatabase("QSQLITE", "raw");
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec("PRAGMA user_version = 999"));
        db.close();
    }
    QSqlDatabase::removeDatabase("raw");
    auto r = ClientCache::open(path);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::SchemaTooNew);
}

void TestClientCache::deviceIdIsGeneratedOnceAndKept() {
    QTemporaryDir dir;
    std::string id;
    {
        auto c = openCache(dir.filePath("c.db"));
        id = c->deviceId();
        QVERIFY(id.size() >= 32);
        QCOMPARE(c->deviceId(), id);
    }
    auto c = openCache(dir.filePath("c.db"));
    QCOMPARE(c->deviceId(), id);
    QVERIFY(c->setDeviceId(id).ok());
}

void TestClientCache::deviceIdMismatchIsRefused() {
    auto c = openCache(":memory:");
    QVERIFY(c->setDeviceId("tablet-1").ok());
    auto st = c->setDeviceId("tablet-2");
    QVERIFY(!st.ok());
    QVERIFY(st.error().message.find("tablet-1") != std::string::npos);
    QCOMPARE(c->deviceId(), std::string("tablet-1"));
}

void TestClientCache::editIsCommittedBeforeReturning() {
    QTemporaryDir dir;
    const QString path = dir.filePath("c.db");
    auto writer = openCache(path);
    auto id = writer->createRecord("res.partner", {{"name", "Bob"}});
    QVERIFY(id.ok());
    // A second connection sees it at once: the edit was committed.
    auto reader = openCache(path);
    auto rec = reader->record("res.partner", id.value());
    QVERIFY(rec);
    JCOMPARE(rec->data["name"], json("Bob"));
    QCOMPARE(reader->outboxCounts().pending, 1);
}

void TestClientCache::editOutsideAppTypeIsRefused() {
    auto c = openCache(":memory:");
    auto r = c->createRecord("stock.picking", {{"name", "P1"}});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::UnknownModel);
    QVERIFY(r.error().message.find("sales_app") != std::string::npos);
    QCOMPARE(c->outboxCounts().active(), 0);
    auto none = ClientCache::open(":memory:");
    QVERIFY(none.ok());
    QVERIFY(!none.value()->createRecord("res.partner", json::object()).ok());
}

void TestClientCache::createPlusUpdatesIsOneCreate() {
    auto c = openCache(":memory:");
    auto id = c->createRecord("res.partner", {{"name", "A"}, {"phone", "1"}});
    QVERIFY(id.ok());
    QVERIFY(c->updateRecord("res.partner", id.value(), {{"phone", "2"}}).ok());
    QVERIFY(c->updateRecord("res.partner", id.value(), {{"email", "a@x"}}).ok());
    auto rows = c->outbox();
    QCOMPARE(rows.size(), std::size_t(1));
    QVERIFY(rows[0].action == protocol::Action::Create);
    QCOMPARE(rows[0].local_id, id.value());
    JCOMPARE(rows[0].data, json({{"name", "A"}, {"phone", "2"}, {"email", "a@x"}}));
    JCOMPARE(c->record("res.partner", id.value())->data, rows[0].data);
}

void TestClientCache::updatePlusUpdateUnionsFieldsKeepsEarliestBase() {
    auto c = openCache(":memory:");
    seedPartner(*c);
    QVERIFY(c->updateRecord("res.partner", std::int64_t(7), {{"name", "B"}}).ok());
    // The server moves on (version 5) while the edit is queued.
    QVERIFY(c->applyPullPage(page({ev(2, "res.partner", 7, protocol::EventAction::Write,
                                      {{"name", "Ann"}, {"phone", "9"}}, 5)}))
                .ok());
    QVERIFY(c->updateRecord("res.partner", std::int64_t(7), {{"email", "e"}, {"name", "C"}}).ok());
    auto rows = c->outbox();
    QCOMPARE(rows.size(), std::size_t(1));
    QVERIFY(rows[0].action == protocol::Action::Update);
    QCOMPARE(rows[0].base_version, std::optional<std::int64_t>(3));
    JCOMPARE(rows[0].data, json({{"name", "C"}, {"email", "e"}}));
    QCOMPARE(rows[0].fields_changed, (std::vector<std::string>{"name", "email"}));
}

void TestClientCache::updatePlusDeleteIsDelete() {
    auto c = openCache(":memory:");
    seedPartner(*c);
    QVERIFY(c->updateRecord("res.partner", std::int64_t(7), {{"name", "B"}}).ok());
    QVERIFY(c->deleteRecord("res.partner", std::int64_t(7)).ok());
    auto rows = c->outbox();
    QCOMPARE(rows.size(), std::size_t(1));
    QVERIFY(rows[0].action == protocol::Action::Delete);
    QCOMPARE(rows[0].base_version, std::optional<std::int64_t>(3));
    QVERIFY(!c->record("res.partner", std::int64_t(7)));
    QCOMPARE(c->countRecords("res.partner"), 0);
    // Editing a deleted record is refused.
    QVERIFY(!c->updateRecord("res.partner", std::int64_t(7), {{"name", "X"}}).ok());
}

void TestClientCache::createPlusDeleteIsNothing() {
    auto c = openCache(":memory:");
    auto id = c->createRecord("res.partner", {{"name", "Tmp"}});
    QVERIFY(id.ok());
    QVERIFY(c->updateRecord("res.partner", id.value(), {{"name", "Tmp2"}}).ok());
    QVERIFY(c->deleteRecord("res.partner", id.value()).ok());
    QCOMPARE(c->outbox().size(), std::size_t(0));
    QVERIFY(!c->record("res.partner", id.value()));
    QCOMPARE(c->countRecords("res.partner"), 0);
}

void TestClientCache::editAfterInFlightIsNotCoalesced() {
    auto c = openCache(":memory:");
    auto id = c->createRecord("res.partner", {{"name", "A"}});
    auto taken = c->takeForPush(1000);
    QVERIFY(taken.ok());
    QCOMPARE(taken.value().size(), std::size_t(1));
    QVERIFY(c->updateRecord("res.partner", id.value(), {{"name", "B"}}).ok());
    auto rows = c->outbox();
    QCOMPARE(rows.size(), std::size_t(2));
    QVERIFY(rows[0].status == OutboxStatus::InFlight);
    JCOMPARE(rows[0].data, json({{"name", "A"}}));
    QVERIFY(rows[1].action == protocol::Action::Update);
    QCOMPARE(std::get<std::string>(rows[1].record_ref), id.value());
    // Deleting now cannot cancel the create that already left: a delete is queued.
    QVERIFY(c->deleteRecord("res.partner", id.value()).ok());
    rows = c->outbox();
    QCOMPARE(rows.size(), std::size_t(2));
    QVERIFY(rows[1].action == protocol::Action::Delete);
}

void TestClientCache::editAfterInFlightUpdateWaitsAndTakesItsVersion() {
    auto c = openCache(":memory:");
    seedPartner(*c); // version 3
    QVERIFY(c->updateRecord("res.partner", std::int64_t(7), {{"phone", "A"}}).ok());
    auto first = c->takeForPush(10);
    QCOMPARE(first.value().size(), std::size_t(1));
    // Edited while the first update is in flight (e.g. its response is lost in a crash).
    QVERIFY(c->updateRecord("res.partner", std::int64_t(7), {{"phone", "B"}}).ok());
    auto again = c->takeForPush(10);
    QCOMPARE(again.value().size(), std::size_t(1)); // only the resend; the new edit waits
    QCOMPARE(again.value()[0].entry.local_id, first.value()[0].entry.local_id);
    protocol::PushResponse resp;
    auto r = result(first.value()[0].entry.local_id, protocol::ChangeStatus::Success);
    r.server_id = 7;
    r.version = 4;
    resp.results.push_back(r);
    QVERIFY(c->applyPushResponse(again.value(), resp).ok());
    auto next = c->takeForPush(10);
    QCOMPARE(next.value().size(), std::size_t(1));
    // Its base is the version the first update produced, so the server sees no concurrency.
    JCOMPARE(next.value()[0].wireJson()["version"], json(4));
    JCOMPARE(next.value()[0].wireJson()["data"], json({{"phone", "B"}}));
}

void TestClientCache::updateCarriesVersionAndFieldsChanged() {
    auto c = openCache(":memory:");
    seedPartner(*c);
    QVERIFY(c->updateRecord("res.partner", std::int64_t(7), {{"phone", "2"}}).ok());
    auto taken = c->takeForPush(10);
    QVERIFY(taken.ok());
    const json w = taken.value().at(0).wireJson();
    JCOMPARE(w["action"], json("update"));
    JCOMPARE(w["record_id"], json(7));
    JCOMPARE(w["version"], json(3));
    JCOMPARE(w["fields_changed"], json({"phone"}));
    JCOMPARE(w["data"], json({{"phone", "2"}}));
    QVERIFY(w["local_timestamp"].is_string());
}

void TestClientCache::referenceToUnsyncedRecordUsesLocalId() {
    auto c = openCache(":memory:");
    auto partner = c->createRecord("res.partner", {{"name", "New"}});
    auto order = c->createRecord("sale.order", {{"partner_id", partner.value()}});
    QVERIFY(order.ok());
    auto taken = c->takeForPush(10);
    QVERIFY(taken.ok());
    QCOMPARE(taken.value().size(), std::size_t(2));
    JCOMPARE(taken.value()[0].wireJson()["local_id"], json(partner.value()));
    JCOMPARE(taken.value()[1].wireJson()["data"]["partner_id"], json(partner.value()));
}

void TestClientCache::inFlightIsResentIdenticallyAfterCrash() {
    QTemporaryDir dir;
    const QString path = dir.filePath("c.db");
    std::string first;
    {
        auto c = openCache(path);
        auto id = c->createRecord("res.partner", {{"name", "A"}});
        QVERIFY(c->createRecord("res.partner", {{"name", "B"}}).ok());
        auto taken = c->takeForPush(1);
        QVERIFY(taken.ok());
        first = taken.value().at(0).wire;
        // "Crash": the response never arrives, the process goes away.
    }
    auto c = openCache(path);
    auto counts = c->outboxCounts();
    QCOMPARE(counts.in_flight, 1);
    QCOMPARE(counts.pending, 1);
    auto again = c->takeForPush(10);
    QVERIFY(again.ok());
    QCOMPARE(again.value().size(), std::size_t(2));
    QCOMPARE(again.value()[0].wire, first); // in_flight first, byte-identical
    QCOMPARE(again.value()[0].entry.attempts, 2);
}

void TestClientCache::pushSuccessMapsIdsAndSettles() {
    auto c = openCache(":memory:");
    auto id = c->createRecord("res.partner", {{"name", "A"}});
    auto taken = c->takeForPush(10);
    QVERIFY(taken.ok());
    // An edit made while the push is in flight.
    QVERIFY(c->updateRecord("res.partner", id.value(), {{"phone", "5"}}).ok());
    protocol::PushResponse resp;
    auto r = result(id.value(), protocol::ChangeStatus::Success);
    r.server_id = 41;
    r.version = 1;
    resp.results.push_back(r);
    resp.id_mapping.emplace_back(id.value(), 41);
    QVERIFY(c->applyPushResponse(taken.value(), resp).ok());
    QCOMPARE(c->mappedId(id.value()), std::optional<std::int64_t>(41));
    auto rec = c->record("res.partner", std::int64_t(41));
    QVERIFY(rec);
    QCOMPARE(rec->local_id, id.value());
    QVERIFY(!rec->local_only);
    JCOMPARE(rec->data, json({{"name", "A"}, {"phone", "5"}}));
    QVERIFY(c->outboxEntry(id.value())->status == OutboxStatus::Synced);
    // The queued update now targets the server id.
    auto next = c->takeForPush(10);
    QVERIFY(next.ok());
    QCOMPARE(next.value().size(), std::size_t(1));
    JCOMPARE(next.value()[0].wireJson()["record_id"], json(41));
    JCOMPARE(next.value()[0].wireJson()["version"], json(1));
}

void TestClientCache::pushFailureAndNotAttempted() {
    auto c = openCache(":memory:");
    auto a = c->createRecord("res.partner", {{"name", "A"}});
    auto b = c->createRecord("res.partner", {{"name", "B"}});
    auto taken = c->takeForPush(10);
    protocol::PushResponse resp;
    auto ra = result(a.value(), protocol::ChangeStatus::Failed);
    ra.error = "bad field";
    ra.error_code = ErrorCode::ValidationError;
    auto rb = result(b.value(), protocol::ChangeStatus::Failed);
    rb.error = "not attempted";
    rb.error_code = ErrorCode::NotAttempted;
    resp.results = {ra, rb};
    QVERIFY(c->applyPushResponse(taken.value(), resp).ok());
    auto ea = c->outboxEntry(a.value());
    QVERIFY(ea->status == OutboxStatus::Failed);
    QCOMPARE(ea->last_error, std::string("bad field"));
    QCOMPARE(ea->error_code, std::string("VALIDATION_ERROR"));
    QVERIFY(c->outboxEntry(b.value())->status == OutboxStatus::Pending);
    // The failed record stays visible with its local data: nothing is dropped.
    QVERIFY(c->record("res.partner", a.value()));
    QCOMPARE(c->outboxCounts().active(), 2);
}

void TestClientCache::pushConflictIsStoredAndCacheFollowsServer() {
    auto c = openCache(":memory:");
    seedPartner(*c);
    QVERIFY(c->updateRecord("res.partner", std::int64_t(7), {{"phone", "L"}, {"name", "Z"}}).ok());
    auto taken = c->takeForPush(10);
    const std::string lid = taken.value().at(0).entry.local_id;
    protocol::PushResponse resp;
    auto r = result(lid, protocol::ChangeStatus::Conflict);
    r.server_id = 7;
    r.version = 5;
    protocol::ConflictInfo info;
    info.conflict_id = 99;
    info.strategy = protocol::ConflictStrategy::ServerWins;
    info.resolution = protocol::Resolution::ServerWins;
    info.conflicting_fields = {"phone"};
    info.local_data = {{"phone", "L"}, {"name", "Z"}};
    info.server_data = {{"name", "Ann"}, {"phone", "S"}};
    info.server_version = 4;
    r.conflict_info = info;
    resp.results.push_back(r);
    QVERIFY(c->applyPushResponse(taken.value(), resp).ok());
    QVERIFY(c->outboxEntry(lid)->status == OutboxStatus::Conflict);
    auto conflicts = c->conflicts();
    QCOMPARE(conflicts.size(), std::size_t(1));
    QCOMPARE(conflicts[0].info.conflict_id, 99);
    QVERIFY(!conflicts[0].open); // server_wins settled it
    auto rec = c->record("res.partner", std::int64_t(7));
    JCOMPARE(rec->data, json({{"name", "Z"}, {"phone", "S"}}));
    QCOMPARE(rec->server_version, 5);
    QVERIFY(!rec->pending);
}

void TestClientCache::pullPageCommitsLastEventId() {
    QTemporaryDir dir;
    const QString path = dir.filePath("c.db");
    {
        auto c = openCache(path);
        QCOMPARE(c->lastEventId(), 0);
        auto r = c->applyPullPage(
            page({ev(4, "res.partner", 1, protocol::EventAction::Create, {{"name", "a"}}, 1),
                  ev(9, "res.partner", 2, protocol::EventAction::Create, {{"name", "b"}}, 1)},
                 true));
        QVERIFY(r.ok());
        QCOMPARE(r.value(), 2);
    }
    auto c = openCache(path);
    QCOMPARE(c->lastEventId(), 9);
    QCOMPARE(c->countRecords("res.partner"), 2);
}

void TestClientCache::pullRebasesPendingFields() {
    auto c = openCache(":memory:");
    seedPartner(*c);
    QVERIFY(c->updateRecord("res.partner", std::int64_t(7), {{"phone", "local"}}).ok());
    QVERIFY(c->applyPullPage(page({ev(2, "res.partner", 7, protocol::EventAction::Write,
                                      {{"id", 7}, {"name", "Server"}, {"phone", "server"}}, 4)}))
                .ok());
    auto rec = c->record("res.partner", std::int64_t(7));
    JCOMPARE(rec->data, json({{"name", "Server"}, {"phone", "local"}}));
    JCOMPARE(rec->server_data, json({{"name", "Server"}, {"phone", "server"}}));
    QCOMPARE(rec->server_version, 4);
    QVERIFY(rec->pending);
    // The queued change keeps its original base version so the server sees the concurrency.
    QCOMPARE(c->outbox()[0].base_version, std::optional<std::int64_t>(3));
}

void TestClientCache::pullUnlinkRemovesRecord() {
    auto c = openCache(":memory:");
    seedPartner(*c);
    QVERIFY(
        c->applyPullPage(page({ev(2, "res.partner", 7, protocol::EventAction::Unlink, nullptr, 4)}))
            .ok());
    QVERIFY(!c->record("res.partner", std::int64_t(7)));
}

void TestClientCache::ownCreateEchoIsAttachedNotDuplicated() {
    auto c = openCache(":memory:");
    QVERIFY(c->setDeviceId("dev-1").ok());
    auto id = c->createRecord("res.partner", {{"name", "A"}});
    auto taken = c->takeForPush(10); // the response is lost
    auto echo = ev(5, "res.partner", 77, protocol::EventAction::Create, {{"name", "A"}}, 1);
    echo.metadata = {{"device_id", "dev-1"}, {"local_id", id.value()}};
    QVERIFY(c->applyPullPage(page({echo})).ok());
    QCOMPARE(c->countRecords("res.partner"), 1);
    QCOMPARE(c->record("res.partner", std::int64_t(77))->local_id, id.value());
    // The resend comes back as a duplicate with the same id: still one record.
    protocol::PushResponse resp;
    auto r = result(id.value(), protocol::ChangeStatus::Success);
    r.server_id = 77;
    r.duplicate = true;
    resp.results.push_back(r);
    QVERIFY(c->applyPushResponse(taken.value(), resp).ok());
    QCOMPARE(c->countRecords("res.partner"), 1);
    QCOMPARE(c->outboxCounts().active(), 0);
}

void TestClientCache::discardRevertsAndRetryRequeues() {
    auto c = openCache(":memory:");
    seedPartner(*c);
    QVERIFY(c->updateRecord("res.partner", std::int64_t(7), {{"phone", "X"}}).ok());
    const auto seq = c->outbox()[0].seq;
    QVERIFY(c->discard(seq).ok());
    JCOMPARE(c->record("res.partner", std::int64_t(7))->data["phone"], json("1"));
    QCOMPARE(c->outbox().size(), std::size_t(0));

    auto id = c->createRecord("res.partner", {{"name", "N"}});
    auto taken = c->takeForPush(10);
    QVERIFY(!c->discard(taken.value()[0].entry.seq).ok()); // in flight: may be applied
    protocol::PushResponse resp;
    auto r = result(id.value(), protocol::ChangeStatus::Failed);
    r.error_code = ErrorCode::ValidationError;
    resp.results.push_back(r);
    QVERIFY(c->applyPushResponse(taken.value(), resp).ok());
    const auto failedSeq = c->outboxEntry(id.value())->seq;
    QVERIFY(c->retry(failedSeq).ok());
    QVERIFY(c->outboxEntry(id.value())->status == OutboxStatus::Pending);
    QVERIFY(c->retry(failedSeq).ok() == false); // only failed entries
    QVERIFY(c->discard(failedSeq).ok());
    QVERIFY(!c->record("res.partner", id.value())); // the create is undone
}

void TestClientCache::queueReportCountsActiveEntries() {
    ManualClock clock(1'764'000'000'000);
    auto c = openCache(":memory:", clock);
    QVERIFY(c->createRecord("res.partner", {{"name", "A"}}).ok());
    clock.advance(1000);
    QVERIFY(c->createRecord("res.partner", {{"name", "B"}}).ok());
    QVERIFY(c->setLastError("network: down").ok());
    auto r = c->queueReport("1.2.3");
    QCOMPARE(r.pending_changes, std::optional<std::int64_t>(2));
    QCOMPARE(r.oldest_pending_at,
             std::optional<std::string>(protocol::formatTime(1'764'000'000'000)));
    QCOMPARE(r.last_error, std::optional<std::string>("network: down"));
    QCOMPARE(r.app_version, std::optional<std::string>("1.2.3"));
    QCOMPARE(r.client_time, std::optional<std::string>(protocol::formatTime(clock.now())));
}

void TestClientCache::editDuringPullPageIsKept() {
    QTemporaryDir dir;
    auto c = openCache(dir.filePath("c.db"));
    seedPartner(*c);
    std::thread editor;
    bool started = false;
    bool editOk = false;
    c->setPullApplyHook([&] {
        if (started)
            return;
        started = true;
        // Another thread edits while this page is half applied; it must wait, then land.
        editor = std::thread([&] {
            editOk = c->updateRecord("res.partner", std::int64_t(7), {{"phone", "edited"}}).ok();
        });
        QThread::msleep(50);
    });
    auto r = c->applyPullPage(
        page({ev(2, "res.partner", 8, protocol::EventAction::Create, {{"name", "x"}}, 1),
              ev(3, "res.partner", 7, protocol::EventAction::Write,
                 {{"name", "Server"}, {"phone", "server"}}, 4)}));
    QVERIFY(r.ok());
    editor.join();
    QVERIFY(editOk);
    c->setPullApplyHook({});
    auto rec = c->record("res.partner", std::int64_t(7));
    JCOMPARE(rec->data["phone"], json("edited")); // not overwritten
    JCOMPARE(rec->data["name"], json("Server"));  // the page landed
    QCOMPARE(c->outboxCounts().pending, 1);       // not lost
    // A later page for the same record keeps the edit too.
    QVERIFY(c->applyPullPage(page({ev(4, "res.partner", 7, protocol::EventAction::Write,
                                      {{"name", "S2"}, {"phone", "s2"}}, 5)}))
                .ok());
    JCOMPARE(c->record("res.partner", std::int64_t(7))->data["phone"], json("edited"));
}

void TestClientCache::recordsPaginate() {
    auto c = openCache(":memory:");
    std::vector<protocol::Event> evs;
    for (int i = 1; i <= 25; ++i)
        evs.push_back(ev(i, "res.partner", i, protocol::EventAction::Create, {{"n", i}}, 1));
    QVERIFY(c->applyPullPage(page(evs)).ok());
    QCOMPARE(c->countRecords("res.partner"), 25);
    auto p1 = c->records("res.partner", 10, 0);
    auto p3 = c->records("res.partner", 10, 20);
    QCOMPARE(p1.size(), std::size_t(10));
    QCOMPARE(p3.size(), std::size_t(5));
    QCOMPARE(p3.back().server_id, std::optional<std::int64_t>(25));
    QCOMPARE(c->cachedModels(), std::vector<std::string>{"res.partner"});
}

void TestClientCache::purgeRemovesOnlyOldSyncedEntries() {
    ManualClock clock(1'764'000'000'000);
    auto c = openCache(":memory:", clock);
    auto a = c->createRecord("res.partner", {{"name", "A"}});
    auto taken = c->takeForPush(10);
    protocol::PushResponse resp;
    auto r = result(a.value(), protocol::ChangeStatus::Success);
    r.server_id = 1;
    resp.results.push_back(r);
    QVERIFY(c->applyPushResponse(taken.value(), resp).ok());
    QVERIFY(c->createRecord("res.partner", {{"name", "B"}}).ok()); // pending: never purged
    clock.advance(10'000);
    QVERIFY(c->purgeSynced(clock.now() - 20'000).ok());
    QCOMPARE(c->outboxCounts().synced, 1); // too recent
    QVERIFY(c->purgeSynced(clock.now()).ok());
    QCOMPARE(c->outboxCounts().synced, 0);
    QCOMPARE(c->outboxCounts().pending, 1);
    QVERIFY(c->record("res.partner", std::int64_t(1))); // the record itself stays
}

void TestClientCache::preparedBatchStaysPendingUntilMarked() {
    auto c = openCache(":memory:");
    for (int i = 0; i < 3; ++i)
        QVERIFY(c->createRecord("res.partner", {{"n", i}}).ok());
    PushCursor cursor;
    auto batch = c->preparePush(cursor, 10);
    QVERIFY(batch.ok());
    QCOMPARE(batch.value().changes.size(), std::size_t(3));
    QVERIFY(!batch.value().resend);
    QCOMPARE(c->outboxCounts().pending, 3); // nothing written by preparing
    QCOMPARE(c->outboxCounts().in_flight, 0);
    // The changes text is the wire forms spliced into one JSON array.
    const json arr = json::parse(batch.value().changesText());
    QCOMPARE(arr.size(), std::size_t(3));
    JCOMPARE(arr[1], batch.value().changes[1].wireJson());
    auto marked = c->markSent(batch.value());
    QVERIFY(marked.ok() && marked.value());
    QCOMPARE(c->outboxCounts().in_flight, 3);
    // The next round resends them first, byte-identical.
    PushCursor again;
    auto resend = c->preparePush(again, 10);
    QVERIFY(resend.value().resend);
    for (std::size_t i = 0; i < 3; ++i)
        QCOMPARE(resend.value().changes[i].wire, batch.value().changes[i].wire);
}

void TestClientCache::markSentRefusesABatchAnEditChanged() {
    auto c = openCache(":memory:");
    auto a = c->createRecord("res.partner", {{"name", "A"}});
    auto b = c->createRecord("res.partner", {{"name", "B"}});
    PushCursor cursor;
    auto batch = c->preparePush(cursor, 10);
    QCOMPARE(batch.value().changes.size(), std::size_t(2));
    // Edited after the request was prepared, before it was sent: coalesced into the create.
    QVERIFY(c->updateRecord("res.partner", a.value(), {{"name", "A2"}}).ok());
    auto marked = c->markSent(batch.value());
    QVERIFY(marked.ok());
    QVERIFY(!marked.value());
    QCOMPARE(c->outboxCounts().in_flight, 0); // all or nothing
    PushCursor fresh;
    auto again = c->preparePush(fresh, 10);
    JCOMPARE(again.value().changes[0].wireJson()["data"], json({{"name", "A2"}}));
    // A delete of a queued create removes the entry: the batch is stale too.
    QVERIFY(c->deleteRecord("res.partner", b.value()).ok());
    QVERIFY(!c->markSent(again.value()).value());
}

void TestClientCache::preparePushStopsAtARecordOnTheWire() {
    auto c = openCache(":memory:");
    seedPartner(*c); // server id 7
    auto x = c->createRecord("res.partner", {{"name", "x"}});
    QVERIFY(c->updateRecord("res.partner", std::int64_t(7), {{"phone", "1"}}).ok());
    auto y = c->createRecord("res.partner", {{"name", "y"}});
    PushCursor cursor;
    auto first = c->preparePush(cursor, 1);
    QCOMPARE(first.value().changes.size(), std::size_t(1));
    QVERIFY(c->markSent(first.value()).value());
    // While x's create is on the wire, record 7's update is prepared...
    const std::int64_t xRow = first.value().changes[0].entry.record_row;
    auto second = c->preparePush(cursor, 10, {xRow});
    QCOMPARE(second.value().changes.size(), std::size_t(2));
    // ...but a batch stops before an entry of a record that is on the wire.
    const std::int64_t sevenRow = second.value().changes[0].entry.record_row;
    QVERIFY(c->updateRecord("res.partner", std::int64_t(7), {{"phone", "2"}}).ok());
    QVERIFY(!c->markSent(second.value()).value()); // stale: coalesced with the new edit
    PushCursor c2{false, 0};
    auto third = c->preparePush(c2, 10, {sevenRow});
    QCOMPARE(third.value().changes.size(), std::size_t(0));
    (void)y;
}

void TestClientCache::returnToPendingMakesCoalescingPossibleAgain() {
    auto c = openCache(":memory:");
    auto a = c->createRecord("res.partner", {{"name", "A"}});
    PushCursor cursor;
    auto batch = c->preparePush(cursor, 10);
    QVERIFY(c->markSent(batch.value()).value());
    QCOMPARE(c->outboxCounts().in_flight, 1);
    QVERIFY(c->returnToPending(batch.value()).ok());
    QCOMPARE(c->outboxCounts().in_flight, 0);
    QCOMPARE(c->outboxCounts().pending, 1);
    QCOMPARE(c->outbox().at(0).attempts, 0);
    QVERIFY(c->deleteRecord("res.partner", a.value()).ok());
    QCOMPARE(c->outbox().size(), std::size_t(0)); // create + delete cancel out on the device
}

namespace {
QByteArray fileBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
/// A cache file with `n` queued creates, closed cleanly, then cut to `keep` of its size.
QString truncatedCache(const QTemporaryDir& dir, int n, double keep,
                       std::vector<std::string>* ids = nullptr) {
    const QString path = dir.filePath("damaged.db");
    {
        auto c = openCache(path);
        if (!c->setDeviceId("dev-1").ok())
            qFatal("device");
        std::vector<LocalEdit> edits;
        for (int i = 0; i < n; ++i)
            edits.push_back({protocol::Action::Create,
                             "res.partner",
                             {},
                             {{"name", "Customer " + std::to_string(i)},
                              {"notes", std::string(300, char('a' + i % 26))}},
                             5});
        auto r = c->applyEdits(edits);
        if (ids)
            *ids = r.value();
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || !f.resize(qint64(f.size() * keep)))
        qFatal("cannot truncate");
    return path;
}
} // namespace

void TestClientCache::truncatedCacheIsNamedAndLeftUntouched() {
    QTemporaryDir dir;
    const QString path = truncatedCache(dir, 400, 0.6);
    const QByteArray before = fileBytes(path);
    auto r = ClientCache::open(path);
    QVERIFY(!r.ok());
    const std::string msg = r.error().message;
    QVERIFY2(msg.find(path.toStdString()) != std::string::npos, msg.c_str());
    QVERIFY2(msg.find("damaged") != std::string::npos, msg.c_str());
    QVERIFY2(msg.find("bridgecore-sync recover --cache") != std::string::npos, msg.c_str());
    QCOMPARE(fileBytes(path), before);
    QVERIFY(!QFile::exists(path + "-wal") || QFileInfo(path + "-wal").size() == 0);
}

void TestClientCache::recoverAndImportRequeueTheOutbox() {
    QTemporaryDir dir;
    std::vector<std::string> ids;
    const QString path = truncatedCache(dir, 400, 0.6, &ids);
    const QByteArray before = fileBytes(path);
    auto rec = recoverOutbox(path);
    QVERIFY2(rec.ok(), rec.ok() ? "" : rec.error().message.c_str());
    QCOMPARE(fileBytes(path), before); // read-only
    const auto& entries = rec.value().entries;
    QVERIFY2(entries.size() > 0, "nothing salvaged");
    QCOMPARE(rec.value().device_id, std::string("dev-1"));
    std::set<std::string> queued(ids.begin(), ids.end()), seen;
    for (const auto& e : entries) {
        const std::string lid = e["local_id"].get<std::string>();
        QVERIFY2(queued.count(lid), lid.c_str()); // nothing invented
        QVERIFY(seen.insert(lid).second);         // nothing twice
        QCOMPARE(e["status"].get<std::string>(), std::string("pending"));
        QVERIFY(e["data"]["name"].is_string());
    }
    qInfo("salvaged %zu of %zu queued entries from a file cut to 60%%", entries.size(), ids.size());
    // Queued again on a fresh cache, as they were.
    auto fresh = openCache(dir.filePath("fresh.db"));
    auto n = fresh->importOutbox(entries);
    QVERIFY2(n.ok(), n.ok() ? "" : n.error().message.c_str());
    QCOMPARE(n.value(), int(entries.size()));
    QCOMPARE(fresh->outboxCounts().pending, std::int64_t(entries.size()));
    const std::string first = entries[0]["local_id"].get<std::string>();
    QVERIFY(fresh->record("res.partner", first)); // the record is back, local-only
    PushCursor cursor;
    auto batch = fresh->preparePush(cursor, 1000);
    QCOMPARE(batch.value().changes.size(), entries.size());
    JCOMPARE(batch.value().changes[0].wireJson()["local_id"], json(first));
    // Importing twice queues nothing more.
    QCOMPARE(fresh->importOutbox(entries).value(), 0);
}

QTEST_GUILESS_MAIN(TestClientCache)
#include "test_client_cache.moc"
