// Conflict detection, the five strategies and conflict resolution (DESIGN.md §4 push 4–5).

#include "EngineFixture.h"

using namespace bridgecore;
using namespace bridgecore::test;
using protocol::ChangeStatus;
using protocol::Resolution;

namespace {

/// One record edited on the server (by the admin's desk device) and on a phone, offline.
struct Scenario {
    EngineFixture f;
    std::int64_t id = 0;
    protocol::Millis seededAt = 0;

    Scenario() {
        seededAt = f.clock.now();
        id = f.seed("res.partner", {{"name", "Base"}, {"phone", "100"}, {"email", "a@x.test"}},
                    "desk");
        f.clock.advance(60'000);
    }

    void serverUpdate(const json& data) {
        auto r = f.push(
            f.admin,
            {{"device_id", "desk"},
             {"changes",
              {f.update("srv-" + std::to_string(f.clock.now()), "res.partner", id, data, 1)}}});
        QVERIFY(r.success);
        f.clock.advance(60'000);
    }

    void serverDelete() {
        auto r = f.push(f.admin, {{"device_id", "desk"},
                                  {"changes", {f.remove("srv-del", "res.partner", id, 1)}}});
        QVERIFY(r.success);
        f.clock.advance(60'000);
    }

    protocol::ChangeResult client(json change, const std::string& strategy,
                                  const json& merged = nullptr) {
        if (!merged.is_null())
            change["merged_data"] = merged;
        auto r = f.push(
            {{"device_id", "phone-1"}, {"conflict_strategy", strategy}, {"changes", {change}}});
        return r.results.at(0);
    }

    json clientUpdate(const json& data, protocol::Millis at) const {
        json c = f.update("cli-upd", "res.partner", id, data, 1);
        c["local_timestamp"] = protocol::formatTime(at);
        return c;
    }

    json clientDelete(protocol::Millis at) const {
        json c = f.remove("cli-del", "res.partner", id, 1);
        c["local_timestamp"] = protocol::formatTime(at);
        return c;
    }

    json data() { return f.recordData("res.partner", id); }
    bool deleted() { return f.store->record(f.user.tenant_id, "res.partner", id).value()->deleted; }
    std::int64_t openConflicts() {
        return f.store->countConflicts(f.user.tenant_id, 0, "open", {}).value();
    }
};

} // namespace

class SyncEngineConflictTest : public QObject {
    Q_OBJECT

private slots:
    void disjointFieldsMergeAutomatically() {
        Scenario s;
        s.serverUpdate({{"phone", "200"}});
        auto r = s.client(s.clientUpdate({{"email", "b@x.test"}}, s.seededAt + 1000), "manual");
        QCOMPARE_ENUM(r.status, ChangeStatus::Success);
        QVERIFY(!r.conflict_info);
        QCOMPARE_JSON(s.data()["phone"], "200");
        QCOMPARE_JSON(s.data()["email"], "b@x.test");
        QCOMPARE(*r.version, 3);
        QCOMPARE(s.f.store->countConflicts(s.f.user.tenant_id, 0, "", {}).value(), 0);
    }

    void sameValueOnBothSidesIsNoConflict() {
        Scenario s;
        s.serverUpdate({{"phone", "200"}});
        auto r = s.client(s.clientUpdate({{"phone", "200"}}, s.seededAt + 1000), "manual");
        QCOMPARE_ENUM(r.status, ChangeStatus::Success);
        QVERIFY(!r.conflict_info);
    }

    void updateUpdate_data() {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<bool>("localNewer");
        QTest::addColumn<QString>("merged");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("resolution");
        QTest::addColumn<QString>("phone");
        QTest::addColumn<QString>("email"); // the client's uncontested field
        QTest::addColumn<bool>("open");
        // strategy, local newer, merged_data, status, resolution, phone after, email after, open
        QTest::newRow("server_wins") << "server_wins" << true << ""
                                     << "conflict"
                                     << "server_wins"
                                     << "200"
                                     << "c@x.test" << false;
        QTest::newRow("client_wins") << "client_wins" << false << ""
                                     << "success"
                                     << "client_wins"
                                     << "300"
                                     << "c@x.test" << false;
        QTest::newRow("newest_wins local newer") << "newest_wins" << true << ""
                                                 << "success"
                                                 << "client_wins"
                                                 << "300"
                                                 << "c@x.test" << false;
        QTest::newRow("newest_wins server newer") << "newest_wins" << false << ""
                                                  << "conflict"
                                                  << "server_wins"
                                                  << "200"
                                                  << "c@x.test" << false;
        QTest::newRow("merge with merged_data") << "merge" << false << R"({"phone":"250"})"
                                                << "success"
                                                << "merged"
                                                << "250"
                                                << "c@x.test" << false;
        QTest::newRow("merge without merged_data") << "merge" << false << ""
                                                   << "conflict"
                                                   << "manual"
                                                   << "200"
                                                   << "c@x.test" << true;
        QTest::newRow("manual") << "manual" << false << ""
                                << "conflict"
                                << "manual"
                                << "200"
                                << "a@x.test" << true;
    }

    void updateUpdate() {
        QFETCH(QString, strategy);
        QFETCH(bool, localNewer);
        QFETCH(QString, merged);
        QFETCH(QString, status);
        QFETCH(QString, resolution);
        QFETCH(QString, phone);
        QFETCH(QString, email);
        QFETCH(bool, open);

        Scenario s;
        const auto serverAt = s.f.clock.now();
        s.serverUpdate({{"phone", "200"}});
        const auto localAt = localNewer ? serverAt + 30'000 : serverAt - 30'000;
        auto r = s.client(s.clientUpdate({{"phone", "300"}, {"email", "c@x.test"}}, localAt),
                          strategy.toStdString(),
                          merged.isEmpty() ? json(nullptr) : json::parse(merged.toStdString()));

        QCOMPARE(QString::fromUtf8(protocol::toString(r.status).data()), status);
        QVERIFY(r.conflict_info);
        const auto& info = *r.conflict_info;
        QCOMPARE(QString::fromUtf8(protocol::toString(info.resolution).data()), resolution);
        QCOMPARE(info.requires_resolution, open);
        QCOMPARE(info.conflicting_fields, std::vector<std::string>{"phone"});
        QCOMPARE_JSON(info.local_data, json({{"phone", "300"}, {"email", "c@x.test"}}));
        QCOMPARE_JSON(info.server_data["phone"], "200");
        QCOMPARE_JSON(info.base_data["phone"], "100");
        QCOMPARE(*info.local_version, 1);
        QCOMPARE(info.server_version, 2);
        QCOMPARE(info.server_timestamp, protocol::formatTime(serverAt));
        QCOMPARE_JSON(s.data()["phone"], phone.toStdString());
        QCOMPARE_JSON(s.data()["email"], email.toStdString());
        QCOMPARE(s.openConflicts(), open ? 1 : 0);

        // The stored conflict carries the same data as conflict_info.
        auto stored = s.f.store->conflict(s.f.user.tenant_id, info.conflict_id).value();
        QVERIFY(stored);
        QCOMPARE(stored->open, open);
        QCOMPARE_JSON(stored->local_data, info.local_data);
        QCOMPARE_JSON(stored->base_data, info.base_data);
        QCOMPARE(stored->conflicting_fields, info.conflicting_fields);
    }

    void updateOfServerDeleted_data() {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("deletedAfter");
        QTest::addColumn<bool>("open");
        QTest::newRow("server_wins") << "server_wins"
                                     << "conflict" << true << false;
        QTest::newRow("client_wins") << "client_wins"
                                     << "success" << false << false;
        QTest::newRow("newest_wins (server newer)") << "newest_wins"
                                                    << "conflict" << true << false;
        QTest::newRow("merge without merged_data") << "merge"
                                                   << "conflict" << true << true;
        QTest::newRow("manual") << "manual"
                                << "conflict" << true << true;
    }

    void updateOfServerDeleted() {
        QFETCH(QString, strategy);
        QFETCH(QString, status);
        QFETCH(bool, deletedAfter);
        QFETCH(bool, open);
        Scenario s;
        s.serverDelete();
        auto r =
            s.client(s.clientUpdate({{"phone", "300"}}, s.seededAt + 1000), strategy.toStdString());
        QCOMPARE(QString::fromUtf8(protocol::toString(r.status).data()), status);
        QVERIFY(r.conflict_info);
        QCOMPARE(r.conflict_info->conflicting_fields, std::vector<std::string>{"phone"});
        QCOMPARE_JSON(r.conflict_info->base_data["phone"], "100");
        QCOMPARE(s.deleted(), deletedAfter);
        if (!deletedAfter)
            QCOMPARE_JSON(s.data()["phone"], "300");
        QCOMPARE(s.openConflicts(), open ? 1 : 0);
    }

    void deleteOfServerUpdated_data() {
        QTest::addColumn<QString>("strategy");
        QTest::addColumn<bool>("localNewer");
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("deletedAfter");
        QTest::addColumn<bool>("open");
        QTest::newRow("server_wins") << "server_wins" << true << "conflict" << false << false;
        QTest::newRow("client_wins") << "client_wins" << false << "success" << true << false;
        QTest::newRow("newest_wins (local newer)")
            << "newest_wins" << true << "success" << true << false;
        QTest::newRow("merge without merged_data")
            << "merge" << true << "conflict" << false << true;
        QTest::newRow("manual") << "manual" << true << "conflict" << false << true;
    }

    void deleteOfServerUpdated() {
        QFETCH(QString, strategy);
        QFETCH(bool, localNewer);
        QFETCH(QString, status);
        QFETCH(bool, deletedAfter);
        QFETCH(bool, open);
        Scenario s;
        const auto serverAt = s.f.clock.now();
        s.serverUpdate({{"phone", "200"}});
        auto r = s.client(s.clientDelete(localNewer ? serverAt + 1000 : serverAt - 1000),
                          strategy.toStdString());
        QCOMPARE(QString::fromUtf8(protocol::toString(r.status).data()), status);
        QVERIFY(r.conflict_info);
        QCOMPARE(r.conflict_info->conflicting_fields, std::vector<std::string>{"phone"});
        QCOMPARE_JSON(r.conflict_info->server_data["phone"], "200");
        QCOMPARE(s.deleted(), deletedAfter);
        QCOMPARE(s.openConflicts(), open ? 1 : 0);
    }

    void timestampRuleWithoutVersion() {
        Scenario s;
        const auto before = s.f.clock.now() - 1000;
        s.serverUpdate({{"phone", "200"}});
        const auto after = s.f.clock.now();

        json older = s.clientUpdate({{"phone", "300"}}, before);
        older["version"] = nullptr;
        auto r1 = s.client(older, "manual");
        QCOMPARE_ENUM(r1.status, ChangeStatus::Conflict);
        QCOMPARE(r1.conflict_info->conflicting_fields, std::vector<std::string>{"phone"});
        QVERIFY(!r1.conflict_info->local_version);
        QCOMPARE_JSON(r1.conflict_info->base_data["phone"], "100");

        json newer = s.clientUpdate({{"phone", "400"}}, after);
        newer.erase("version");
        newer["local_id"] = "cli-upd-2";
        auto r2 = s.client(newer, "manual");
        QCOMPARE_ENUM(r2.status, ChangeStatus::Success);
        QCOMPARE_JSON(s.data()["phone"], "400");
    }

    void resolveStoredConflictWithMergedData() {
        Scenario s;
        s.serverUpdate({{"phone", "200"}});
        auto r = s.client(s.clientUpdate({{"phone", "300"}, {"email", "m@x.test"}}, 0), "manual");
        QCOMPARE_ENUM(r.status, ChangeStatus::Conflict);
        const auto versionBefore = s.f.recordVersion("res.partner", s.id);
        const auto eventsBefore = s.f.eventCount();

        protocol::ResolveRequest req;
        req.device_id = "phone-1";
        req.resolutions.push_back(
            {"cli-upd", protocol::ConflictStrategy::Merge, json{{"phone", "250"}}});
        auto resolved = s.f.engine->resolveConflicts(s.f.user, req);
        QVERIFY(resolved.ok());
        QCOMPARE(resolved.value().resolved, 1);
        QCOMPARE_ENUM(resolved.value().results[0].status, ChangeStatus::Success);
        QCOMPARE(s.f.recordVersion("res.partner", s.id), versionBefore + 1);
        QCOMPARE(s.f.eventCount(), eventsBefore + 1);
        QCOMPARE_JSON(s.data()["phone"], "250");
        QCOMPARE_JSON(s.data()["email"], "m@x.test");
        QCOMPARE(s.openConflicts(), 0);
        auto stored = s.f.store->conflict(s.f.user.tenant_id, r.conflict_info->conflict_id).value();
        QCOMPARE_ENUM(stored->resolution, Resolution::Merged);
        QCOMPARE_JSON(stored->result_data["phone"], "250");

        // Resolving again finds no open conflict.
        auto again = s.f.engine->resolveConflicts(s.f.user, req);
        QCOMPARE(again.value().failed, 1);
    }

    void resolveByIdNeedsAdminOrOwner() {
        Scenario s;
        s.serverUpdate({{"phone", "200"}});
        auto r = s.client(s.clientUpdate({{"phone", "300"}}, 0), "manual");
        const auto id = r.conflict_info->conflict_id;
        auto support = s.f.addUser(s.f.user.tenant_id, "help@acme.test", protocol::Role::Support);
        auto denied =
            s.f.engine->resolveConflict(support, id, protocol::ConflictStrategy::ClientWins);
        QVERIFY(!denied.ok());
        QCOMPARE(int(denied.error().code), int(ErrorCode::Forbidden));
        auto ok =
            s.f.engine->resolveConflict(s.f.admin, id, protocol::ConflictStrategy::ClientWins);
        QVERIFY(ok.ok());
        QCOMPARE_JSON(s.data()["phone"], "300");
    }

    void stateListsTheDevicesOpenConflicts() {
        Scenario s;
        s.serverUpdate({{"phone", "200"}});
        // An auto-resolved conflict (server_wins) is stored resolved: never listed as open.
        json auto_ = s.clientUpdate({{"phone", "250"}}, 0);
        auto_["local_id"] = "cli-auto";
        QCOMPARE_ENUM(s.client(auto_, "server_wins").status, ChangeStatus::Conflict);
        auto r = s.client(s.clientUpdate({{"phone", "300"}}, 0), "manual");
        QCOMPARE_ENUM(r.status, ChangeStatus::Conflict);
        auto state = s.f.engine->state(s.f.user, "phone-1");
        QVERIFY(state.ok());
        QCOMPARE(state.value().open_conflicts, std::int64_t(1));
        QVERIFY(state.value().open_conflict_local_ids == std::vector<std::string>{"cli-upd"});
        // Another device's state does not list it.
        auto desk = s.f.engine->state(s.f.admin, "desk");
        QVERIFY(desk.ok());
        QVERIFY(desk.value().open_conflict_local_ids == std::vector<std::string>{});
        // Resolved on the server (server_wins writes no event): no longer open for the device.
        auto ok = s.f.engine->resolveConflict(s.f.admin, r.conflict_info->conflict_id,
                                              protocol::ConflictStrategy::ServerWins);
        QVERIFY(ok.ok());
        auto after = s.f.engine->state(s.f.user, "phone-1");
        QCOMPARE(after.value().open_conflicts, std::int64_t(0));
        QVERIFY(after.value().open_conflict_local_ids == std::vector<std::string>{});
    }

    void resolveWithoutStoredConflictAppliesClientData() {
        Scenario s;
        protocol::ResolveRequest req;
        req.device_id = "phone-1";
        protocol::ClientConflict c;
        c.local_id = "local_uuid_5";
        c.server_id = s.id;
        c.model = "res.partner";
        c.local_data = {{"phone", "+1234567890"}};
        c.server_data = {{"phone", "100"}};
        req.conflicts.push_back(c);
        req.resolutions.push_back(
            {"local_uuid_5", protocol::ConflictStrategy::ClientWins, nullptr});
        auto r = s.f.engine->resolveConflicts(s.f.user, req);
        QVERIFY(r.ok());
        QCOMPARE(r.value().resolved, 1);
        QCOMPARE(*r.value().results[0].server_id, s.id);
        QCOMPARE_JSON(s.data()["phone"], "+1234567890");
    }

    void mergeEditorRowsPutConflictsFirst() {
        protocol::ConflictInfo info;
        info.local_data = {{"phone", "3"}, {"email", "e"}};
        info.server_data = {{"phone", "2"}, {"email", "e0"}, {"name", "n"}};
        info.base_data = {{"phone", "1"}, {"email", "e0"}, {"name", "n"}};
        info.conflicting_fields = {"phone"};
        auto rows = engine::fieldRows(info);
        QCOMPARE(rows.size(), std::size_t(3));
        QCOMPARE(rows[0].field, std::string("phone"));
        QVERIFY(rows[0].conflicting);
        QCOMPARE_JSON(rows[0].base, "1");
        QCOMPARE(rows[1].field, std::string("email"));
        QCOMPARE(rows[2].field, std::string("name"));
        QVERIFY(rows[2].local.is_null());
    }
};

QTEST_GUILESS_MAIN(SyncEngineConflictTest)
#include "SyncEngineConflictTest.moc"
