#pragma once
// The console's admin data straight from an in-process SyncEngine; users through core/auth.

#include "ConsoleBackend.h"
#include "auth/Accounts.h"

#include <QThreadPool>

namespace bridgecore::console {

class EmbeddedBackend : public ConsoleBackend {
    Q_OBJECT
public:
    /// Users are administered through `accounts` (core/auth, the server's own), which must
    /// outlive the backend.
    EmbeddedBackend(engine::SyncEngine& engine, auth::Accounts& accounts, engine::Caller caller,
                    QString databasePath, QObject* parent = nullptr);
    ~EmbeddedBackend() override;

    QThreadPool* pool() override { return &m_pool; }
    protocol::Role role() const override { return m_caller.role; }
    QString description() const override;
    const engine::Caller& caller() const { return m_caller; }

    Result<engine::TenantSummary> summary() override;
    Result<engine::LedgerLookup> ledgerLookup(const std::string& deviceId,
                                              const std::string& localId) override;
    Result<engine::ReceivePreview> receivePreview(const std::string& deviceId) override;
    Result<std::vector<storage::DeviceHistoryRow>>
    deviceHistory(const std::string& deviceId) override;
    Result<engine::Page<protocol::SyncState>> devices(int limit, int offset,
                                                      const std::string& search) override;
    Result<protocol::Statistics> deviceStatistics(const std::string& deviceId) override;
    Result<protocol::ResetResponse> resetDevice(const std::string& deviceId) override;
    Result<engine::Page<engine::ConflictRecord>> conflicts(const std::string& status, int limit,
                                                           int offset) override;
    Result<engine::ConflictRecord> conflict(std::int64_t conflictId) override;
    Result<protocol::ResolveResult> resolveConflict(std::int64_t conflictId,
                                                    protocol::ConflictStrategy strategy,
                                                    const protocol::json& mergedData) override;
    Result<engine::Page<protocol::Event>> events(const engine::EventQuery& query) override;
    Result<std::vector<protocol::Event>> eventPage(const engine::EventQuery& query) override;
    Result<std::vector<engine::MetricPoint>> metrics(protocol::Millis from, protocol::Millis to,
                                                     protocol::Millis bucketMs) override;
    Result<storage::ModelMap> modelMap() override;
    Status setAppTypeModels(const std::string& appType,
                            const std::vector<storage::ModelEntry>& models) override;
    Result<std::vector<protocol::OdooConnection>> odooConnections() override;
    Result<protocol::OdooCheck> testOdooConnection(const std::string& tenant) override;
    Result<protocol::json> odooFields(const std::string& model) override;
    Result<std::vector<UserInfo>> users() override;
    Result<std::int64_t> addUser(const std::string& email, const std::string& name,
                                 protocol::Role role, const std::string& password) override;
    Status setUserDisabled(std::int64_t userId, bool disabled) override;
    Status setUserPassword(std::int64_t userId, const std::string& password) override;

private:
    Status requireAdmin() const;
    Result<std::string> emailOf(std::int64_t userId);

    engine::SyncEngine& m_engine;
    engine::Caller m_caller;
    auth::Accounts& m_accounts;
    QString m_databasePath;
    QThreadPool m_pool;
};

} // namespace bridgecore::console
