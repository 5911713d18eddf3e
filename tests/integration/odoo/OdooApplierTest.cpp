// OdooApplier in process (a SyncEngine on a SQLite file, the Odoo emulator): what it does when
// the store fails it.
#include "odoo/OdooApplier.h"
#include "OdooEmulator.h"
#include "engine/SyncEngine.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace bridgecore;
using namespace bridgecore::odoo;
using bridgecore::testsupport::OdooEmulator;
using protocol::json;

namespace {
/// A store whose read snapshots can be made to fail (the writer keeps working).
class SnapshotsCanFail final : public storage::SyncStore {
public:
    explicit SnapshotsCanFail(std::shared_ptr<storage::SyncStore> inner)
        : m_inner(std::move(inner)) {}
    std::atomic<bool> failReads{false};
    Result<std::unique_ptr<storage::ReadTransaction>> read() override {
        if (failReads)
            return Error{ErrorCode::StorageError, "disk I/O error (injected)"};
        return m_inner->read();
    }
    Result<std::unique_ptr<storage::WriteTransaction>> write() override { return m_inner->write(); }
    int schemaVersion() override { return m_inner->schemaVersion(); }
    bool healthy() override { return m_inner->healthy(); }

private:
    std::shared_ptr<storage::SyncStore> m_inner;
};

protocol::PushRequest pushRequest(const json& body) {
    auto parsed = protocol::parsePushRequest(body);
    if (auto issues = std::get_if<protocol::ValidationIssues>(&parsed))
        qFatal("invalid push request in test: %s", protocol::toJson(*issues).dump().c_str());
    return std::get<protocol::PushRequest>(parsed);
}

json change(const std::string& localId, const std::string& action, json data, json recordId) {
    return {{"local_id", localId},
            {"action", action},
            {"model", "res.partner"},
            {"record_id", std::move(recordId)},
            {"data", std::move(data)},
            {"local_timestamp", "2026-11-29T10:00:00Z"},
            {"version", 1}};
}
} // namespace

class OdooApplierTest : public QObject {
    Q_OBJECT
private slots:
    // A manual conflict between a device and an Odoo user; the resolution's snapshot does not
    // open. The resolution fails naming that, and Odoo keeps the user's value: it is not
    // written from inside the writer without the tenant's turn. Once reads work it resolves.
    void aResolutionWithoutItsSnapshotFailsAndWritesNothing() {
        OdooEmulator odoo;
        QVERIFY2(odoo.start(), qPrintable(odoo.lastError()));
        QTemporaryDir dir;
        auto opened = storage::openSqliteStore(dir.filePath("sync.db").toStdString());
        QVERIFY(opened.ok());
        auto store = std::make_shared<SnapshotsCanFail>(opened.value());
        auto tenant = store->createTenant("acme");
        QVERIFY(tenant.ok());
        storage::User u;
        u.tenant_id = tenant.value();
        u.email = "rep@acme.test";
        u.role = protocol::Role::User;
        u.password_hash = "x";
        auto userId = store->createUser(u);
        QVERIFY(userId.ok());
        const engine::Caller rep{tenant.value(), userId.value(), protocol::Role::User};

        OdooConfig cfg;
        cfg.url = odoo.url().toStdString();
        cfg.database = "odoo";
        cfg.login = "admin";
        cfg.secret = "admin-api-key";
        cfg.api = Api::Json2;
        cfg.backoff_ms = 10;
        auto client = std::make_shared<OdooClient>(cfg);
        QVERIFY(client->open().ok());
        auto applier = std::make_shared<OdooApplier>(client, store);
        engine::SyncEngine engine(store);
        engine.setApplierProvider([&](std::int64_t) { return applier; });

        auto made = engine.push(
            rep, pushRequest(
                     {{"device_id", "van-1"},
                      {"changes",
                       {change("p-1", "create", {{"name", "Desk"}, {"phone", "111"}}, nullptr)}}}));
        QVERIFY(made.ok() && made.value().success);
        const std::int64_t id = made.value().results.at(0).server_id.value_or(0);
        odoo.control(
            "edit",
            {{"model", "res.partner"}, {"id", id}, {"values", {{"phone", "office"}}}, {"uid", 7}});
        auto pushed = engine.push(
            rep, pushRequest({{"device_id", "van-1"},
                              {"conflict_strategy", "manual"},
                              {"changes", {change("p-2", "update", {{"phone", "van"}}, id)}}}));
        QVERIFY(pushed.ok());
        const auto& result = pushed.value().results.at(0);
        QVERIFY2(result.conflict_info && result.conflict_info->requires_resolution,
                 protocol::toJson(pushed.value()).dump().c_str());
        const std::int64_t conflictId = result.conflict_info->conflict_id;

        store->failReads = true;
        auto failed =
            engine.resolveConflict(rep, conflictId, protocol::ConflictStrategy::ClientWins);
        store->failReads = false;
        QVERIFY2(!failed.ok() || failed.value().status != protocol::ChangeStatus::Success,
                 "resolved although its snapshot did not open");
        if (!failed.ok())
            QVERIFY2(failed.error().message.find("snapshot") != std::string::npos,
                     failed.error().message.c_str());
        QCOMPARE(odoo.count("res.partner", json::array({json::array({"id", "=", id}),
                                                        json::array({"phone", "=", "office"})})),
                 1LL);

        auto resolved =
            engine.resolveConflict(rep, conflictId, protocol::ConflictStrategy::ClientWins);
        QVERIFY2(resolved.ok() && resolved.value().status == protocol::ChangeStatus::Success,
                 resolved.ok() ? resolved.value().error.value_or("").c_str()
                               : resolved.error().message.c_str());
        QCOMPARE(odoo.count("res.partner", json::array({json::array({"id", "=", id}),
                                                        json::array({"phone", "=", "van"})})),
                 1LL);
    }
};

QTEST_GUILESS_MAIN(OdooApplierTest)
#include "OdooApplierTest.moc"
