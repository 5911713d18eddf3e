#pragma once
// The console's admin data from a bridgecore-server over its /api/v1/admin endpoints (connected
// mode). Every call goes through the session's HttpTransport (HttpTransport::request: the
// login's token, its refresh on a 401, its errors), the one HTTP client the sync client uses.
// Every call blocks its calling thread: views run them on pool() through runAsync(), never on
// the UI thread.

#include "ConsoleBackend.h"
#include "client/HttpTransport.h"

#include <QThreadPool>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

namespace bridgecore::console {

class RemoteBackend : public ConsoleBackend {
    Q_OBJECT
public:
    /// `transport` is logged in and outlives the backend; `role` is the signed-in user's.
    RemoteBackend(client::HttpTransport& transport, QUrl baseUrl, protocol::Role role,
                  QString email, QObject* parent = nullptr);
    ~RemoteBackend() override;

    QThreadPool* pool() override { return &m_pool; }
    protocol::Role role() const override { return m_role; }
    QString description() const override;
    /// Polls the server's metrics every `intervalMs` and emits pushed / pulled /
    /// conflictsChanged for each new finished 10-second bucket with traffic (device ""), so the
    /// dashboard's live charts work against a server too (about 10 s behind).
    void startLiveUpdates(int intervalMs = 5000);

    Result<engine::TenantSummary> summary() override;
    Result<engine::Page<protocol::SyncState>> devices(int limit, int offset,
                                                      const std::string& search) override;
    Result<protocol::Statistics> deviceStatistics(const std::string& deviceId) override;
    /// GET /api/v1/admin/devices/<device>/ledger/<local_id> (support and admin).
    Result<engine::LedgerLookup> ledgerLookup(const std::string& deviceId,
                                              const std::string& localId) override;
    /// GET /api/v1/admin/devices/<device>/receive-preview (support and admin).
    Result<engine::ReceivePreview> receivePreview(const std::string& deviceId) override;
    /// GET /api/v1/admin/devices/<device>/history (support and admin).
    Result<std::vector<storage::DeviceHistoryRow>>
    deviceHistory(const std::string& deviceId) override;
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
    /// The server has no user administration over HTTP: these answer a clear error.
    Result<std::vector<protocol::OdooConnection>> odooConnections() override;
    Result<protocol::OdooCheck> testOdooConnection(const std::string& tenant) override;
    Result<protocol::json> odooFields(const std::string& model) override;
    Result<std::vector<UserInfo>> users() override;
    Result<std::int64_t> addUser(const std::string& email, const std::string& name,
                                 protocol::Role role, const std::string& password) override;
    Status setUserDisabled(std::int64_t userId, bool disabled) override;
    Status setUserPassword(std::int64_t userId, const std::string& password) override;

private:
    void pollLive();

    client::HttpTransport& m_transport;
    QUrl m_base;
    protocol::Role m_role;
    QString m_email;
    QThreadPool m_pool;
    QTimer m_liveTimer;
    bool m_polling = false;
    protocol::Millis m_liveFrom = 0; // the first second not yet reported
};

} // namespace bridgecore::console
