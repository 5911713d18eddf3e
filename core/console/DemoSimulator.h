#pragma once
// --demo: simulated devices of several app types, each a real offline client (in-memory
// cache + outbox) syncing through the in-process transport. On a timer they edit records
// offline, push, pull and collide on shared records, so every view and chart has live data.
// Some devices stay offline for long stretches (stale, with a queue), one pushes a model its
// app type does not allow (failed pushes with an error).

#include "auth/Accounts.h"
#include "client/ClientCache.h"
#include "client/InProcessTransport.h"
#include "client/SyncClient.h"
#include "engine/SyncEngine.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <memory>
#include <random>

namespace bridgecore::console {

class DemoSimulator : public QObject {
    Q_OBJECT
public:
    DemoSimulator(engine::SyncEngine& engine, auth::Accounts& accounts, std::int64_t tenantId,
                  QObject* parent = nullptr);
    ~DemoSimulator() override;

    /// Creates the devices (once) and starts ticking every `tickMs`.
    void start(int devices, int tickMs);
    void stop();
    int deviceCount() const { return int(m_devices.size()); }
    /// Runs one simulation step synchronously (tests).
    void step();
    std::int64_t steps() const { return m_steps.load(); }

signals:
    void failed(const QString& message);

private:
    struct Device {
        std::string id;
        std::string appType;
        std::vector<std::string> models;
        std::unique_ptr<client::ClientCache> cache;
        std::unique_ptr<client::InProcessTransport> transport;
        std::unique_ptr<client::SyncClient> client;
        bool flaky = false; // offline most of the time
        bool bad = false;   // pushes a model outside its app type
    };
    Status createDevices(int count);
    void stepDevice(Device& d);

    engine::SyncEngine& m_engine;
    auth::Accounts& m_accounts;
    std::int64_t m_tenantId;
    std::vector<std::unique_ptr<Device>> m_devices;
    QThreadPool m_pool;
    QTimer m_timer;
    std::mt19937 m_rng{20251125};
    std::atomic<bool> m_busy{false};
    std::atomic<std::int64_t> m_steps{0};
};

} // namespace bridgecore::console
