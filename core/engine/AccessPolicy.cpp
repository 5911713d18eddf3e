#include "engine/AccessPolicy.h"

namespace bridgecore::engine {

using protocol::Role;

namespace {
Error forbidden(std::string what) {
    return Error{ErrorCode::Forbidden, std::move(what)};
}
bool isStaff(const Caller& c) {
    return c.role == Role::Support || c.role == Role::Admin;
}
} // namespace

Status AccessPolicy::maySync(const Caller& caller, std::int64_t ownerId,
                             const std::string& deviceId) {
    if (ownerId != 0 && ownerId != caller.user_id)
        return forbidden("device '" + deviceId + "' belongs to another user");
    return {};
}

Status AccessPolicy::mayReadDevice(const Caller& caller, std::int64_t ownerId,
                                   const std::string& deviceId) {
    if (ownerId != 0 && ownerId != caller.user_id && !isStaff(caller))
        return forbidden("device '" + deviceId + "' belongs to another user");
    return {};
}

Status AccessPolicy::mayManageDevice(const Caller& caller, std::int64_t ownerId,
                                     const std::string& deviceId) {
    if (ownerId != 0 && ownerId != caller.user_id && caller.role != Role::Admin)
        return forbidden("device '" + deviceId + "' belongs to another user");
    return {};
}

Status AccessPolicy::mayResolve(const Caller& caller, std::int64_t ownerId,
                                std::int64_t conflictId) {
    if (ownerId != caller.user_id && caller.role != Role::Admin)
        return forbidden("only an admin or the device's user may resolve conflict " +
                         std::to_string(conflictId));
    return {};
}

bool AccessPolicy::seesWholeTenant(const Caller& caller) {
    return isStaff(caller);
}

Status AccessPolicy::mayReadTenantActivity(const Caller& caller, const std::string& what) {
    if (!isStaff(caller))
        return forbidden(what + " is for support and admin users");
    return {};
}

Status AccessPolicy::mayEditModelMap(const Caller& caller) {
    if (caller.role != Role::Admin)
        return forbidden("only an admin may change the model map");
    return {};
}

Status AccessPolicy::mayManageOdoo(const Caller& caller) {
    if (caller.role != Role::Admin)
        return forbidden("only an admin may see and test the Odoo connection");
    return {};
}

Status AccessPolicy::mayListUsers(const Caller& caller) {
    if (!isStaff(caller))
        return forbidden("only support and admin users may list users");
    return {};
}

Status AccessPolicy::mayManageUsers(const Caller& caller, std::int64_t targetUserId,
                                    bool selfLockout) {
    if (caller.role != Role::Admin)
        return forbidden("only an admin may manage users");
    if (selfLockout && targetUserId == caller.user_id)
        return Error{ErrorCode::ValidationError, "you cannot lock yourself out of your account"};
    return {};
}

} // namespace bridgecore::engine
