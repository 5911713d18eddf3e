#include "storage/SyncStore.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcStore, "bridgecore.storage.store")

namespace bridgecore::storage {

// ---- one-shot conveniences
// ------------------------------------------------------------------------

namespace {
/// Runs `f` on a read snapshot; "absent" (a default T) on a database error, which is logged.
template <typename T, typename F> T readOr(SyncStore& store, F&& f) {
    auto tx = store.read();
    if (!tx.ok()) {
        qCWarning(lcStore, "read failed: %s", tx.error().message.c_str());
        return T{};
    }
    auto r = f(*tx.value());
    if (!r.ok()) {
        qCWarning(lcStore, "read failed: %s", r.error().message.c_str());
        return T{};
    }
    return std::move(r).value();
}
/// Runs `f` in a write transaction of its own and commits when it succeeded.
template <typename R, typename F> R writeOnce(SyncStore& store, F&& f) {
    auto tx = store.write();
    if (!tx.ok())
        return tx.error();
    R r = f(*tx.value());
    if (!r.ok())
        return r;
    if (Status s = tx.value()->commit(); !s.ok())
        return s.error();
    return r;
}
} // namespace

Result<std::int64_t> SyncStore::createTenant(const std::string& name) {
    return writeOnce<Result<std::int64_t>>(
        *this, [&](WriteTransaction& t) { return t.createTenant(name); });
}
std::optional<Tenant> SyncStore::tenant(std::int64_t id) {
    return readOr<std::optional<Tenant>>(*this, [&](ReadTransaction& t) { return t.tenant(id); });
}
std::optional<Tenant> SyncStore::tenantByName(const std::string& name) {
    return readOr<std::optional<Tenant>>(*this,
                                         [&](ReadTransaction& t) { return t.tenantByName(name); });
}
std::vector<Tenant> SyncStore::tenants() {
    return readOr<std::vector<Tenant>>(*this, [&](ReadTransaction& t) { return t.tenants(); });
}
Result<std::int64_t> SyncStore::createUser(const User& user) {
    return writeOnce<Result<std::int64_t>>(*this,
                                           [&](WriteTransaction& t) { return t.createUser(user); });
}
std::optional<User> SyncStore::user(std::int64_t id) {
    return readOr<std::optional<User>>(*this, [&](ReadTransaction& t) { return t.user(id); });
}
std::optional<User> SyncStore::userByEmail(const std::string& email) {
    return readOr<std::optional<User>>(*this,
                                       [&](ReadTransaction& t) { return t.userByEmail(email); });
}
std::vector<User> SyncStore::users(std::int64_t tenantId) {
    return readOr<std::vector<User>>(*this, [&](ReadTransaction& t) { return t.users(tenantId); });
}
Status SyncStore::updateUser(const User& user) {
    return writeOnce<Status>(*this, [&](WriteTransaction& t) { return t.updateUser(user); });
}
ModelMap SyncStore::modelMap(std::int64_t tenantId) {
    return readOr<ModelMap>(*this, [&](ReadTransaction& t) { return t.modelMap(tenantId); });
}
Status SyncStore::setAppTypeModels(std::int64_t tenantId, const std::string& appType,
                                   const std::vector<ModelEntry>& models) {
    return writeOnce<Status>(
        *this, [&](WriteTransaction& t) { return t.setAppTypeModels(tenantId, appType, models); });
}
std::optional<RecordRow> SyncStore::record(std::int64_t tenantId, const std::string& model,
                                           std::int64_t id) {
    return readOr<std::optional<RecordRow>>(
        *this, [&](ReadTransaction& t) { return t.record(tenantId, model, id); });
}
std::int64_t SyncStore::countRecords(std::int64_t tenantId, const std::string& model) {
    return readOr<std::int64_t>(
        *this, [&](ReadTransaction& t) { return t.countRecords(tenantId, model); });
}
std::vector<RecordRow> SyncStore::records(std::int64_t tenantId, const std::string& model,
                                          int limit, int offset) {
    return readOr<std::vector<RecordRow>>(
        *this, [&](ReadTransaction& t) { return t.records(tenantId, model, limit, offset); });
}
std::int64_t SyncStore::headEventId(std::int64_t tenantId) {
    return readOr<std::int64_t>(*this, [&](ReadTransaction& t) { return t.headEventId(tenantId); });
}
std::vector<EventRow> SyncStore::events(std::int64_t tenantId, const EventFilter& filter,
                                        bool withPayload) {
    return readOr<std::vector<EventRow>>(
        *this, [&](ReadTransaction& t) { return t.events(tenantId, filter, withPayload); });
}
std::int64_t SyncStore::countEvents(std::int64_t tenantId, const EventFilter& filter) {
    return readOr<std::int64_t>(
        *this, [&](ReadTransaction& t) { return t.countEvents(tenantId, filter); });
}
std::optional<DeviceRow> SyncStore::device(std::int64_t tenantId, const std::string& deviceId) {
    return readOr<std::optional<DeviceRow>>(
        *this, [&](ReadTransaction& t) { return t.device(tenantId, deviceId); });
}
std::optional<ConflictRow> SyncStore::conflict(std::int64_t tenantId, std::int64_t conflictId) {
    return readOr<std::optional<ConflictRow>>(
        *this, [&](ReadTransaction& t) { return t.conflict(tenantId, conflictId); });
}
std::int64_t SyncStore::countConflicts(std::int64_t tenantId, std::int64_t userId,
                                       const std::string& status, const std::string& deviceId) {
    return readOr<std::int64_t>(*this, [&](ReadTransaction& t) {
        return t.countConflicts(tenantId, userId, status, deviceId);
    });
}

} // namespace bridgecore::storage
