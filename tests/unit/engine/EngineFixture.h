#pragma once
// A SyncEngine on a private store (in-memory SQLite; in the _pg runs a fresh PostgreSQL
// database) with one tenant, a user and a settable clock.

#include "TestDatabase.h"
#include "engine/SyncEngine.h"
#include "storage/OpenStore.h"

#include <QTemporaryDir>

#include <QTest>

/// Compares two JSON values by their text, printing both on failure.
#define QCOMPARE_JSON(actual, expected)                                                            \
    QCOMPARE(QString::fromStdString(::bridgecore::protocol::json(actual).dump()),                  \
             QString::fromStdString(::bridgecore::protocol::json(expected).dump()))

/// Compares wire enums by their wire spelling.
#define QCOMPARE_ENUM(actual, expected)                                                            \
    QCOMPARE(QString::fromUtf8(::bridgecore::protocol::toString(actual).data()),                   \
             QString::fromUtf8(::bridgecore::protocol::toString(expected).data()))

namespace bridgecore::test {

using protocol::json;

/// Where a SQLite run's database lives: in memory (one connection: a reader and the writer
/// take turns) or in a file (WAL: readers run beside the writer, as in the server).
enum class SqliteOn { Memory, File };

struct EngineFixture {
    QTemporaryDir dir;
    std::shared_ptr<storage::SyncStore> store;
    ManualClock clock;
    std::unique_ptr<engine::SyncEngine> engine;
    engine::Caller user;  // role user
    engine::Caller admin; // same tenant

    explicit EngineFixture(SqliteOn where = SqliteOn::Memory) {
        // SQLite, or PostgreSQL in the _pg runs
        auto opened = where == SqliteOn::File && !testsupport::testingPostgres()
                          ? storage::openSqliteStore(dir.filePath("engine.db").toStdString())
                          : testsupport::openTestStore();
        if (!opened.ok())
            qFatal("cannot open store: %s", opened.error().message.c_str());
        store = opened.value();
        engine = std::make_unique<engine::SyncEngine>(store, clock);
        user = addTenantUser("acme", "rep@acme.test", protocol::Role::User);
        admin = addUser(user.tenant_id, "boss@acme.test", protocol::Role::Admin);
    }

    engine::Caller addTenantUser(const std::string& tenant, const std::string& email,
                                 protocol::Role role) {
        auto t = store->createTenant(tenant);
        if (!t.ok())
            qFatal("tenant: %s", t.error().message.c_str());
        return addUser(t.value(), email, role);
    }

    engine::Caller addUser(std::int64_t tenantId, const std::string& email, protocol::Role role) {
        storage::User u;
        u.tenant_id = tenantId;
        u.email = email;
        u.role = role;
        u.password_hash = "x";
        auto id = store->createUser(u);
        if (!id.ok())
            qFatal("user: %s", id.error().message.c_str());
        return engine::Caller{tenantId, id.value(), role};
    }

    /// A push request from its JSON form (as a client would send it); fails the test if invalid.
    static protocol::PushRequest pushRequest(const json& body) {
        auto parsed = protocol::parsePushRequest(body);
        if (auto issues = std::get_if<protocol::ValidationIssues>(&parsed))
            qFatal("invalid push request in test: %s", protocol::toJson(*issues).dump().c_str());
        return std::get<protocol::PushRequest>(parsed);
    }

    static protocol::PullRequest pullRequest(const json& body) {
        auto parsed = protocol::parsePullRequest(body);
        if (auto issues = std::get_if<protocol::ValidationIssues>(&parsed))
            qFatal("invalid pull request in test: %s", protocol::toJson(*issues).dump().c_str());
        return std::get<protocol::PullRequest>(parsed);
    }

    std::string now() const { return protocol::formatTime(clock.now()); }

    protocol::PushResponse push(const engine::Caller& who, const json& body) {
        auto r = engine->push(who, pushRequest(body));
        if (!r.ok())
            qFatal("push failed: %s", r.error().message.c_str());
        return r.value();
    }

    protocol::PushResponse push(const json& body) { return push(user, body); }

    protocol::PullResponse pull(const engine::Caller& who, const json& body) {
        auto r = engine->pull(who, pullRequest(body));
        if (!r.ok())
            qFatal("pull failed: %s", r.error().message.c_str());
        return r.value();
    }

    /// A create change of `model` with `data`, stamped now.
    json create(const std::string& localId, const std::string& model, const json& data,
                int priority = 5) const {
        return {{"local_id", localId},  {"action", "create"},  {"model", model},
                {"record_id", nullptr}, {"data", data},        {"local_timestamp", now()},
                {"version", 1},         {"priority", priority}};
    }

    json update(const std::string& localId, const std::string& model, const json& recordId,
                const json& data, const json& version) const {
        return {{"local_id", localId},   {"action", "update"}, {"model", model},
                {"record_id", recordId}, {"data", data},       {"local_timestamp", now()},
                {"version", version}};
    }

    json remove(const std::string& localId, const std::string& model, const json& recordId,
                const json& version) const {
        return {{"local_id", localId},   {"action", "delete"},     {"model", model},
                {"record_id", recordId}, {"data", json::object()}, {"local_timestamp", now()},
                {"version", version}};
    }

    /// Creates one record through a push from `device` and returns its server id.
    std::int64_t seed(const std::string& model, const json& data,
                      const std::string& device = "seed-device") {
        static int counter = 0;
        auto r =
            push(admin, {{"device_id", device},
                         {"changes", {create("seed-" + std::to_string(++counter), model, data)}}});
        if (r.results.size() != 1 || !r.results[0].server_id)
            qFatal("seed failed");
        return *r.results[0].server_id;
    }

    json recordData(const std::string& model, std::int64_t id) {
        auto r = store->record(user.tenant_id, model, id).value();
        return r ? r->data : json(nullptr);
    }

    std::int64_t recordVersion(const std::string& model, std::int64_t id) {
        auto r = store->record(user.tenant_id, model, id).value();
        return r ? r->version : -1;
    }

    std::int64_t eventCount(std::int64_t tenantId = 0) {
        storage::EventFilter f;
        f.all_models = true;
        return store->countEvents(tenantId ? tenantId : user.tenant_id, f).value();
    }
};

inline const char* str(const std::optional<ErrorCode>& code) {
    static std::string s;
    s = code ? std::string(errorCodeName(*code)) : std::string("none");
    return s.c_str();
}

} // namespace bridgecore::test
