#pragma once
// Who may do what: the roles of DESIGN.md §4 ("Details fixed"), decided in one place for the
// engine, the HTTP server, the console and core/auth.

#include "protocol/Protocol.h"
#include "protocol/Status.h"

#include <cstdint>
#include <string>

namespace bridgecore::engine {

/// Who makes a call: the tenant comes only from a verified token or the embedding application.
struct Caller {
    std::int64_t tenant_id = 0;
    std::int64_t user_id = 0;
    protocol::Role role = protocol::Role::User;
};

/// `user` syncs, reads, resets and resolves its own devices; `support` also reads every
/// device, conflict, event and metric of its tenant; `admin` also resets and resolves any
/// device of its tenant and manages users and the model map.
class AccessPolicy {
public:
    /// Push or pull as device `deviceId`, owned by `ownerId` (0: a new device, which becomes
    /// the caller's). Only the owner syncs a device.
    static Status maySync(const Caller& caller, std::int64_t ownerId, const std::string& deviceId);
    /// Read a device's state, statistics and conflicts.
    static Status mayReadDevice(const Caller& caller, std::int64_t ownerId,
                                const std::string& deviceId);
    /// Reset a device or resolve its conflicts.
    static Status mayManageDevice(const Caller& caller, std::int64_t ownerId,
                                  const std::string& deviceId);
    /// Resolve stored conflict `conflictId` of a device owned by `ownerId`.
    static Status mayResolve(const Caller& caller, std::int64_t ownerId, std::int64_t conflictId);
    /// Lists (devices, conflicts) show the whole tenant rather than the caller's own.
    static bool seesWholeTenant(const Caller& caller);
    /// The event log, metrics and the tenant summary; `what` names it in the refusal.
    static Status mayReadTenantActivity(const Caller& caller, const std::string& what);
    static Status mayEditModelMap(const Caller& caller);
    /// See the tenant's Odoo connection and test it (admin only).
    static Status mayManageOdoo(const Caller& caller);
    /// List the tenant's users.
    static Status mayListUsers(const Caller& caller);
    /// Add users, disable/enable them, set their passwords and roles. `targetUserId` 0: a new
    /// user. Nobody disables or demotes themselves (`selfLockout`).
    static Status mayManageUsers(const Caller& caller, std::int64_t targetUserId = 0,
                                 bool selfLockout = false);
};

} // namespace bridgecore::engine
