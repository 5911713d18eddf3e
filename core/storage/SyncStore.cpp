#include "storage/SyncStore.h"

namespace bridgecore::storage {

// ---- one-shot conveniences
// ------------------------------------------------------------------------

namespace {
/// Runs `f` on a read snapshot of its own.
template <typename F> auto readOnce(SyncStore& store, F&& f) -> decltype(f(*store.read().value())) {
    auto tx = store.read();
    if (!tx.ok())
        return tx.error();
    return f(*tx.value());
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
Result<std::optional<Tenant>> SyncStore::tenant(std::int64_t id) {
    return readOnce(*this, [&](ReadTransaction& t) { return t.tenant(id); });
}
Result<std::optional<Tenant>> SyncStore::tenantByName(const std::string& name) {
    return readOnce(*this, [&](ReadTransaction& t) { return t.tenantByName(name); });
}
Result<std::vector<Tenant>> SyncStore::tenants() {
    return readOnce(*this, [&](ReadTransaction& t) { return t.tenants(); });
}
Result<std::int64_t> SyncStore::createUser(const User& user) {
    return writeOnce<Result<std::int64_t>>(*this,
                                           [&](WriteTransaction& t) { return t.createUser(user); });
}
Result<std::optional<User>> SyncStore::user(std::int64_t id) {
    return readOnce(*this, [&](ReadTransaction& t) { return t.user(id); });
}
Result<std::optional<User>> SyncStore::userByEmail(const std::string& email) {
    return readOnce(*this, [&](ReadTransaction& t) { return t.userByEmail(email); });
}
Result<std::vector<User>> SyncStore::users(std::int64_t tenantId) {
    return readOnce(*this, [&](ReadTransaction& t) { return t.users(tenantId); });
}
Status SyncStore::updateUser(std::int64_t tenantId, std::int64_t userId, const UserChange& change) {
    return writeOnce<Status>(
        *this, [&](WriteTransaction& t) { return t.updateUser(tenantId, userId, change); });
}
Result<ModelMap> SyncStore::modelMap(std::int64_t tenantId) {
    return readOnce(*this, [&](ReadTransaction& t) -> Result<ModelMap> {
        auto map = t.modelMap(tenantId);
        if (!map.ok())
            return map.error();
        return *map.value();
    });
}
Status SyncStore::setAppTypeModels(std::int64_t tenantId, const std::string& appType,
                                   const std::vector<ModelEntry>& models) {
    return writeOnce<Status>(
        *this, [&](WriteTransaction& t) { return t.setAppTypeModels(tenantId, appType, models); });
}
Result<std::optional<RecordRow>> SyncStore::record(std::int64_t tenantId, const std::string& model,
                                                   std::int64_t id) {
    return readOnce(*this, [&](ReadTransaction& t) { return t.record(tenantId, model, id); });
}
Result<std::int64_t> SyncStore::countRecords(std::int64_t tenantId, const std::string& model) {
    return readOnce(*this, [&](ReadTransaction& t) { return t.countRecords(tenantId, model); });
}
Result<std::vector<RecordRow>> SyncStore::records(std::int64_t tenantId, const std::string& model,
                                                  int limit, int offset) {
    return readOnce(*this,
                    [&](ReadTransaction& t) { return t.records(tenantId, model, limit, offset); });
}
Result<std::int64_t> SyncStore::headEventId(std::int64_t tenantId) {
    return readOnce(*this, [&](ReadTransaction& t) { return t.headEventId(tenantId); });
}
Result<std::vector<EventRow>> SyncStore::events(std::int64_t tenantId, const EventFilter& filter,
                                                bool withPayload) {
    return readOnce(*this,
                    [&](ReadTransaction& t) { return t.events(tenantId, filter, withPayload); });
}
Result<std::int64_t> SyncStore::countEvents(std::int64_t tenantId, const EventFilter& filter) {
    return readOnce(*this, [&](ReadTransaction& t) { return t.countEvents(tenantId, filter); });
}
Result<std::optional<DeviceRow>> SyncStore::device(std::int64_t tenantId,
                                                   const std::string& deviceId) {
    return readOnce(*this, [&](ReadTransaction& t) { return t.device(tenantId, deviceId); });
}
Result<std::optional<ConflictRow>> SyncStore::conflict(std::int64_t tenantId,
                                                       std::int64_t conflictId) {
    return readOnce(*this, [&](ReadTransaction& t) { return t.conflict(tenantId, conflictId); });
}
Result<std::int64_t> SyncStore::countConflicts(std::int64_t tenantId, std::int64_t userId,
                                               const std::string& status,
                                               const std::string& deviceId) {
    return readOnce(*this, [&](ReadTransaction& t) {
        return t.countConflicts(tenantId, userId, status, deviceId);
    });
}

} // namespace bridgecore::storage
