#pragma once
// ConsoleBackend: where the console's admin data comes from. The embedded implementation
// calls SyncEngine in-process; a remote one would use the /api/v1/admin endpoints.
// Every data call is blocking and thread-safe: views run them on pool() through runAsync().

#include "engine/SyncEngine.h"
#include "protocol/Protocol.h"
#include "storage/SyncStore.h"

#include <QObject>
#include <QString>

class QThreadPool;

namespace bridgecore::console {

/// A user of the tenant as the admin view shows it (never with a password hash).
struct UserInfo {
    std::int64_t id = 0;
    std::string email;
    std::string name;
    protocol::Role role = protocol::Role::User;
    bool disabled = false;
    protocol::Millis created_at = 0;
};

class ConsoleBackend : public QObject {
    Q_OBJECT
public:
    explicit ConsoleBackend(QObject* parent = nullptr)
        : QObject(parent) {}
    ~ConsoleBackend() override = default;

    /// The worker pool that runs this backend's calls off the UI thread.
    virtual QThreadPool* pool() = 0;
    /// The role of the signed-in user; admin views are shown to support and admin.
    virtual protocol::Role role() const = 0;
    /// A short human description, e.g. "Embedded database /path/bridgecore.db".
    virtual QString description() const = 0;

    virtual Result<engine::TenantSummary> summary() = 0;
    /// The exactly-once ledger's entry of a device's change (support's idempotency lookup).
    virtual Result<engine::LedgerLookup> ledgerLookup(const std::string& deviceId,
                                                      const std::string& localId) = 0;
    /// What a device would receive on a full pull: its app type's models, records and bytes.
    virtual Result<engine::ReceivePreview> receivePreview(const std::string& deviceId) = 0;
    /// The device's latest pushes and pulls with their queue reports, newest first.
    virtual Result<std::vector<storage::DeviceHistoryRow>>
    deviceHistory(const std::string& deviceId) = 0;
    virtual Result<engine::Page<protocol::SyncState>> devices(int limit, int offset,
                                                              const std::string& search) = 0;
    virtual Result<protocol::Statistics> deviceStatistics(const std::string& deviceId) = 0;
    virtual Result<protocol::ResetResponse> resetDevice(const std::string& deviceId) = 0;
    virtual Result<engine::Page<engine::ConflictRecord>> conflicts(const std::string& status,
                                                                   int limit, int offset) = 0;
    virtual Result<engine::ConflictRecord> conflict(std::int64_t conflictId) = 0;
    virtual Result<protocol::ResolveResult> resolveConflict(std::int64_t conflictId,
                                                            protocol::ConflictStrategy strategy,
                                                            const protocol::json& mergedData) = 0;
    virtual Result<engine::Page<protocol::Event>> events(const engine::EventQuery& query) = 0;
    /// One page of events without counting the total (the event log's deep pages: a count
    /// over a million events per page would dominate scrolling).
    virtual Result<std::vector<protocol::Event>> eventPage(const engine::EventQuery& query) = 0;
    virtual Result<std::vector<engine::MetricPoint>>
    metrics(protocol::Millis from, protocol::Millis to, protocol::Millis bucketMs) = 0;
    virtual Result<storage::ModelMap> modelMap() = 0;
    virtual Status setAppTypeModels(const std::string& appType,
                                    const std::vector<storage::ModelEntry>& models) = 0;

    /// The tenant's Odoo connection (empty when it is not attached); admin only. Embedded, no
    /// feed runs in the console: `feed_running` is false and the feed's figures are absent.
    virtual Result<std::vector<protocol::OdooConnection>> odooConnections() = 0;
    /// "Test connection": re-authenticates against Odoo with the stored settings; admin only.
    virtual Result<protocol::OdooCheck> testOdooConnection(const std::string& tenant) = 0;
    /// Odoo's fields_get of `model` (labels, types, required/readonly, selection, relation) for
    /// the records views. NotFound when the tenant is not attached to Odoo; OdooUnavailable (or
    /// another error) when Odoo cannot answer: the views then keep the built-in labels.
    virtual Result<protocol::json> odooFields(const std::string& model) {
        (void)model;
        return Error{ErrorCode::NotFound, "the tenant is not attached to Odoo"};
    }

    virtual Result<std::vector<UserInfo>> users() = 0;
    virtual Result<std::int64_t> addUser(const std::string& email, const std::string& name,
                                         protocol::Role role, const std::string& password) = 0;
    virtual Status setUserDisabled(std::int64_t userId, bool disabled) = 0;
    virtual Status setUserPassword(std::int64_t userId, const std::string& password) = 0;

signals:
    /// A device pushed (live, for the charts); delivered on the backend's thread.
    void pushed(const QString& deviceId, int changes, int conflicts, int failed, double ms);
    /// A device pulled.
    void pulled(const QString& deviceId, int events, double ms);
    /// Open conflicts changed.
    void conflictsChanged();
};

} // namespace bridgecore::console
