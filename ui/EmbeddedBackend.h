#pragma once
// The console's admin data straight from an in-process SyncEngine.

#include "ConsoleBackend.h"

#include <QThreadPool>

#include <functional>

namespace bridgecore::ui {

class EmbeddedBackend : public ConsoleBackend {
    Q_OBJECT
public:
    /// Hashes a password for storage (the auth module's argon2id); injected so that ui does
    /// not decide how passwords are stored.
    using PasswordHasher = std::function<Result<std::string>(const std::string& password)>;

    EmbeddedBackend(engine::SyncEngine& engine, engine::Caller caller, QString databasePath,
                    PasswordHasher hasher, QObject* parent = nullptr);
    ~EmbeddedBackend() override;

    QThreadPool* pool() override { return &m_pool; }
    protocol::Role role() const override { return m_caller.role; }
    QString description() const override;
    const engine::Caller& caller() const { return m_caller; }

    Result<engine::TenantSummary> summary() override;
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
    Result<std::vector<UserInfo>> users() override;
    Result<std::int64_t> addUser(const std::string& email, const std::string& name,
                                 protocol::Role role, const std::string& password) override;
    Status setUserDisabled(std::int64_t userId, bool disabled) override;
    Status setUserPassword(std::int64_t userId, const std::string& password) override;

private:
    Status requireAdmin() const;

    engine::SyncEngine& m_engine;
    engine::Caller m_caller;
    QString m_databasePath;
    PasswordHasher m_hasher;
    QThreadPool m_pool;
};

} // namespace bridgecore::ui
