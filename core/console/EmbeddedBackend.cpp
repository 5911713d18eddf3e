#include "EmbeddedBackend.h"

#include "AsyncCall.h"
#include "odoo/OdooConnections.h"

namespace bridgecore::console {

EmbeddedBackend::EmbeddedBackend(engine::SyncEngine& engine, auth::Accounts& accounts,
                                 engine::Caller caller, QString databasePath, QObject* parent)
    : ConsoleBackend(parent)
    , m_engine(engine)
    , m_caller(caller)
    , m_accounts(accounts)
    , m_databasePath(std::move(databasePath)) {
    // Reads may run side by side; the store serialises writers itself.
    m_pool.setMaxThreadCount(2);
    m_pool.setExpiryTimeout(-1);
    const qint64 tenant = m_caller.tenant_id;
    connect(&m_engine, &engine::SyncEngine::pushed, this,
            [this, tenant](qint64 t, const QString& device, int changes, int conflicts, int failed,
                           double ms) {
                if (t == tenant)
                    emit pushed(device, changes, conflicts, failed, ms);
            });
    connect(&m_engine, &engine::SyncEngine::pulled, this,
            [this, tenant](qint64 t, const QString& device, int events, double ms) {
                if (t == tenant)
                    emit pulled(device, events, ms);
            });
    connect(&m_engine, &engine::SyncEngine::conflictsChanged, this, [this, tenant](qint64 t) {
        if (t == tenant)
            emit conflictsChanged();
    });
}

EmbeddedBackend::~EmbeddedBackend() {
    m_pool.waitForDone();
    acquireDrainedPool(m_pool);
}

QString EmbeddedBackend::description() const {
    return m_databasePath;
}

Status EmbeddedBackend::requireAdmin() const {
    return engine::AccessPolicy::mayManageUsers(m_caller);
}

Result<engine::TenantSummary> EmbeddedBackend::summary() {
    return m_engine.summary(m_caller);
}

Result<engine::Page<protocol::SyncState>> EmbeddedBackend::devices(int limit, int offset,
                                                                   const std::string& search) {
    return m_engine.devices(m_caller, limit, offset, search);
}

Result<engine::LedgerLookup> EmbeddedBackend::ledgerLookup(const std::string& deviceId,
                                                           const std::string& localId) {
    return m_engine.ledgerLookup(m_caller, deviceId, localId);
}

Result<engine::ReceivePreview> EmbeddedBackend::receivePreview(const std::string& deviceId) {
    return m_engine.receivePreview(m_caller, deviceId);
}

Result<std::vector<storage::DeviceHistoryRow>>
EmbeddedBackend::deviceHistory(const std::string& deviceId) {
    return m_engine.deviceHistory(m_caller, deviceId);
}

Result<protocol::Statistics> EmbeddedBackend::deviceStatistics(const std::string& deviceId) {
    return m_engine.statistics(m_caller, deviceId);
}

Result<protocol::ResetResponse> EmbeddedBackend::resetDevice(const std::string& deviceId) {
    return m_engine.reset(m_caller, deviceId);
}

Result<engine::Page<engine::ConflictRecord>> EmbeddedBackend::conflicts(const std::string& status,
                                                                        int limit, int offset) {
    return m_engine.conflicts(m_caller, status, limit, offset);
}

Result<engine::ConflictRecord> EmbeddedBackend::conflict(std::int64_t conflictId) {
    return m_engine.conflict(m_caller, conflictId);
}

Result<protocol::ResolveResult>
EmbeddedBackend::resolveConflict(std::int64_t conflictId, protocol::ConflictStrategy strategy,
                                 const protocol::json& mergedData) {
    return m_engine.resolveConflict(m_caller, conflictId, strategy, mergedData);
}

Result<engine::Page<protocol::Event>> EmbeddedBackend::events(const engine::EventQuery& query) {
    return m_engine.events(m_caller, query);
}

Result<std::vector<protocol::Event>> EmbeddedBackend::eventPage(const engine::EventQuery& query) {
    if (m_caller.role == protocol::Role::User)
        return Error{ErrorCode::Forbidden, "the event log is for support and admin users"};
    storage::EventFilter f;
    f.all_models = !query.model;
    if (query.model)
        f.models = {*query.model};
    f.action = query.action;
    f.device_id = query.device_id;
    f.after_event_id = query.after_event_id.value_or(0);
    f.limit = std::clamp(query.limit, 1, 1000);
    f.offset = std::max(0, query.offset);
    f.descending = query.newest_first;
    auto snapshot = m_engine.store().read();
    if (!snapshot.ok())
        return snapshot.error();
    auto found = snapshot.value()->events(m_caller.tenant_id, f, true);
    if (!found.ok())
        return found.error();
    std::vector<storage::EventRow> rows = std::move(found).value();
    std::vector<protocol::Event> out;
    out.reserve(rows.size());
    for (auto& e : rows) {
        protocol::Event ev;
        ev.event_id = e.event_id;
        ev.model = std::move(e.model);
        ev.record_id = e.record_id;
        ev.action = e.action;
        ev.timestamp = protocol::formatTime(e.timestamp);
        if (!e.data_text.empty()) {
            ev.data = protocol::json::parse(e.data_text, nullptr, false);
            if (ev.data.is_discarded())
                ev.data = nullptr;
        }
        ev.changed_fields = std::move(e.changed_fields);
        ev.priority = e.priority;
        ev.category = std::move(e.category);
        ev.user_id = e.user_id;
        ev.version = e.version;
        ev.metadata = {{"device_id", e.device_id}, {"local_id", e.local_id}};
        out.push_back(std::move(ev));
    }
    return out;
}

Result<std::vector<engine::MetricPoint>>
EmbeddedBackend::metrics(protocol::Millis from, protocol::Millis to, protocol::Millis bucketMs) {
    return m_engine.metrics(m_caller, from, to, bucketMs);
}

Result<storage::ModelMap> EmbeddedBackend::modelMap() {
    return m_engine.modelMap(m_caller);
}

Result<std::vector<protocol::OdooConnection>> EmbeddedBackend::odooConnections() {
    if (Status s = engine::AccessPolicy::mayManageOdoo(m_caller); !s.ok())
        return s.error();
    // No OdooBridge runs in the console: the stored settings only.
    return odoo::OdooConnections(m_engine.store(), nullptr).list(m_caller.tenant_id);
}

Result<protocol::OdooCheck> EmbeddedBackend::testOdooConnection(const std::string& tenant) {
    if (Status s = engine::AccessPolicy::mayManageOdoo(m_caller); !s.ok())
        return s.error();
    return odoo::OdooConnections(m_engine.store(), nullptr).test(m_caller.tenant_id, tenant);
}

Result<protocol::json> EmbeddedBackend::odooFields(const std::string& model) {
    if (Status s = engine::AccessPolicy::mayReadTenantActivity(m_caller, "Odoo's field labels");
        !s.ok())
        return s.error();
    return odoo::OdooConnections(m_engine.store(), nullptr).fields(m_caller.tenant_id, model);
}

Status EmbeddedBackend::setAppTypeModels(const std::string& appType,
                                         const std::vector<storage::ModelEntry>& models) {
    return m_engine.setAppTypeModels(m_caller, appType, models);
}

Result<std::vector<UserInfo>> EmbeddedBackend::users() {
    if (auto s = engine::AccessPolicy::mayListUsers(m_caller); !s)
        return s.error();
    auto users = m_accounts.users(m_caller.tenant_id);
    if (!users.ok())
        return users.error();
    std::vector<UserInfo> out;
    for (const auto& u : users.value())
        out.push_back({u.id, u.email, u.name, u.role, u.disabled, u.created_at});
    return out;
}

Result<std::int64_t> EmbeddedBackend::addUser(const std::string& email, const std::string& name,
                                              protocol::Role role, const std::string& password) {
    if (auto s = requireAdmin(); !s)
        return s.error();
    return m_accounts.createUser(m_caller.tenant_id, email, name, role, password);
}

/// The email of a user of the caller's tenant.
Result<std::string> EmbeddedBackend::emailOf(std::int64_t userId) {
    auto found = m_engine.store().user(userId);
    if (!found.ok())
        return found.error();
    const auto& user = found.value();
    if (!user || user->tenant_id != m_caller.tenant_id)
        return Error{ErrorCode::NotFound, "no such user"};
    return user->email;
}

Status EmbeddedBackend::setUserDisabled(std::int64_t userId, bool disabled) {
    if (auto s = requireAdmin(); !s)
        return s;
    if (userId == m_caller.user_id && disabled)
        return Error{ErrorCode::ValidationError, "you cannot disable your own account"};
    auto email = emailOf(userId);
    if (!email)
        return email.error();
    return m_accounts.setDisabled(email.value(), disabled);
}

Status EmbeddedBackend::setUserPassword(std::int64_t userId, const std::string& password) {
    if (auto s = requireAdmin(); !s)
        return s;
    auto email = emailOf(userId);
    if (!email)
        return email.error();
    return m_accounts.changePassword(email.value(), password);
}

} // namespace bridgecore::console
