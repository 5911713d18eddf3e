#pragma once
// Everything the console runs. Embedded mode: its SQLite database in the data directory,
// the SyncEngine, the local tenant and admin user (created on first start), the console's
// own offline client (cache + outbox, in-process transport, scheduler), the optional HTTP
// API for devices on the network, and the demo devices. Connected mode: a logged-in
// HttpTransport to a bridgecore-server, the admin views over its /api/v1/admin endpoints
// (RemoteBackend) and the console's offline client of that server; no local engine (store(),
// engine() and accounts() must not be used, isConnected() tells).
//
// Data directory: --data-dir, else $BRIDGECORE_DATA_DIR, else AppDataLocation.
// First start: tenant "Local", admin "admin@bridgecore.local" with a random password that is
// returned once by initialAdminPassword() (the window shows it once; it is never stored in
// clear text; reset it in Users and app types).

#include "ConsoleSettings.h"
#include "EmbeddedBackend.h"
#include "auth/Accounts.h"
#include "client/ClientCache.h"
#include "client/HttpTransport.h"
#include "client/InProcessTransport.h"
#include "client/SyncClient.h"
#include "client/SyncScheduler.h"
#include "engine/SyncEngine.h"

#include <QObject>
#include <QThread>
#include <QThreadPool>

#include <atomic>
#include <mutex>

#include <memory>

namespace bridgecore::server {
class HttpApi;
}

namespace bridgecore::console {

class DemoSimulator;

class ConsoleSession : public QObject {
    Q_OBJECT
public:
    static constexpr const char* kTenantName = "Local";
    /// The console device's sync interval in --demo (the shortest ConsoleSettings allows).
    static constexpr int kDemoSyncIntervalSeconds = 5;
    static constexpr const char* kAdminEmail = "admin@bridgecore.local";

    /// The data directory to use: `requested`, else $BRIDGECORE_DATA_DIR, else AppDataLocation.
    static QString resolveDataDir(const QString& requested = {});
    /// Opens (creating on first start) the embedded console in `dataDir`.
    static Result<std::unique_ptr<ConsoleSession>> openEmbedded(const QString& dataDir);
    /// Opens the demo console: a fresh database of its own in <dataDir>/demo (the real one is
    /// never touched) with the simulated devices running.
    static Result<std::unique_ptr<ConsoleSession>> openDemo(const QString& dataDir);
    /// Logs in to `serverUrl` (blocking: run it off the UI thread); the logged-in transport.
    static Result<std::unique_ptr<client::HttpTransport>>
    login(const QString& serverUrl, const QString& email, const QString& password,
          client::LoginResult* result = nullptr);
    /// Opens the connected console over a transport that login() returned: the offline client
    /// of that server, its cache in `dataDir` (one cache per server and account).
    static Result<std::unique_ptr<ConsoleSession>>
    openConnected(const QString& dataDir, const QString& serverUrl, const QString& email,
                  std::unique_ptr<client::HttpTransport> transport,
                  const client::LoginResult& login);
    ~ConsoleSession() override;

    QString dataDir() const { return m_dataDir; }
    bool isConnected() const { return m_httpTransport != nullptr; }
    /// The --demo console (on its own database).
    bool isDemo() const { return m_isDemo; }
    /// The server URL in connected mode; empty when embedded.
    QString serverUrl() const { return m_serverUrl; }
    QString databasePath() const;
    /// What embedded mode opens: the settings' PostgreSQL URI, else databasePath().
    QString databaseLocation() const;
    QString settingsPath() const;
    bool isFirstStart() const { return m_firstStart; }
    /// The admin password generated on first start; empty afterwards.
    QString initialAdminPassword() const { return m_initialPassword; }
    const engine::Caller& caller() const { return m_caller; }

    storage::SyncStore& store() { return *m_store; }
    engine::SyncEngine& engine() { return *m_engine; }
    auth::Accounts& accounts() { return *m_accounts; }
    ConsoleBackend* backend() { return m_backend.get(); }
    client::ClientCache* cache() { return m_cache.get(); }
    client::SyncClient* syncClient() { return m_client.get(); }
    client::SyncScheduler* scheduler() { return m_scheduler.get(); }
    /// The in-process transport (embedded mode; null when connected).
    client::InProcessTransport* transport() { return m_transport.get(); }
    /// The HTTP transport (connected mode; null when embedded).
    client::HttpTransport* httpTransport() { return m_httpTransport.get(); }
    QThreadPool* clientPool() { return &m_clientPool; }

    ConsoleSettings settings() const;
    /// Saves settings and applies what can change at run time (interval, strategy, app type,
    /// serving the API) on the session's service thread: returns at once, settingsApplied()
    /// tells how it went. The UI thread never waits for a lock or the HTTP server's close.
    void applySettingsAsync(const ConsoleSettings& settings);
    /// The same, blocking the calling thread (not the UI's) until done.
    Status applySettings(const ConsoleSettings& settings);

    /// Serves the sync API on address:port (0 = free port); returns the bound port. The
    /// server lives on the service thread (blocking call: not from the UI thread at run time).
    Result<quint16> startServing(const QString& address, quint16 port);
    void stopServing();
    bool isServing() const { return m_servingPort.load() != 0; }
    quint16 servingPort() const { return m_servingPort.load(); }
    /// The thread that runs the HTTP server and applies settings.
    QThread* serviceThread() const { return m_serviceThread; }

    /// Starts the simulated devices of --demo.
    void startDemo(int devices = 12, int tickMs = 600);
    DemoSimulator* demo() { return m_demo.get(); }

    /// Marks the console's own local conflict settled after it was resolved by id.
    void settleLocalConflict(std::int64_t conflictId);

signals:
    void servingChanged(bool serving, const QString& where);
    /// applySettingsAsync() finished; `error` is empty on success.
    void settingsApplied(const QString& error);

private:
    ConsoleSession();
    Status init();
    /// Runs `work` on the service thread and waits for it.
    template <typename F> auto onServiceThread(F work) -> decltype(work());
    Status applySettingsHere(const ConsoleSettings& settings);
    Result<quint16> startServingHere(const QString& address, quint16 port);
    void stopServingHere();
    Status initClient(client::Transport& transport);

    QString m_dataDir;
    bool m_isDemo = false;
    bool m_firstStart = false;
    QString m_initialPassword;
    std::string m_jwtSecret;
    engine::Caller m_caller;
    mutable std::mutex m_settingsMutex;
    ConsoleSettings m_settings;
    std::shared_ptr<storage::SyncStore> m_store;
    std::unique_ptr<engine::SyncEngine> m_engine;
    std::unique_ptr<auth::Accounts> m_accounts;
    std::unique_ptr<ConsoleBackend> m_backend;
    std::unique_ptr<client::ClientCache> m_cache;
    std::unique_ptr<client::InProcessTransport> m_transport;
    std::unique_ptr<client::HttpTransport> m_httpTransport;
    QString m_serverUrl;
    std::unique_ptr<client::SyncClient> m_client;
    std::unique_ptr<client::SyncScheduler> m_scheduler;
    std::unique_ptr<server::HttpApi> m_httpApi; // lives on m_serviceThread
    std::atomic<quint16> m_servingPort{0};
    QThread* m_serviceThread = nullptr;
    QObject* m_serviceContext = nullptr; // lives on m_serviceThread
    std::unique_ptr<DemoSimulator> m_demo;
    QThreadPool m_clientPool;
};

} // namespace bridgecore::console
