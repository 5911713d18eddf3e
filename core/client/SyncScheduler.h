#pragma once
// SyncScheduler: background sync of the offline client (DESIGN.md §5). Syncs every interval
// (30 s by default) while online, at once on demand, and after a failure waits an exponential
// backoff with jitter (1 s doubling to 5 min). The sync itself runs on a worker thread so the
// UI thread never blocks; signals arrive in the scheduler's thread.

#include "client/SyncClient.h"

#include <QObject>
#include <QTimer>

#include <random>

class QThread;

namespace bridgecore::client {

class SyncScheduler : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 30'000;
    static constexpr int kDefaultBackoffBaseMs = 1'000;
    static constexpr int kDefaultBackoffMaxMs = 300'000;

    /// Delay before retry number `failures` (>= 1): base * 2^(failures-1) capped at max, then
    /// scaled by a jitter factor in [0.8, 1.2) from `unit` in [0, 1) (never above max).
    static int backoffDelayMs(int failures, int baseMs, int maxMs, double unit);

    /// Schedules syncs of `client`; runs them on a worker thread when `useWorkerThread`.
    explicit SyncScheduler(SyncClient& client, bool useWorkerThread = true,
                           QObject* parent = nullptr);
    ~SyncScheduler() override;

    /// Interval between syncs while online and healthy.
    void setIntervalMs(int ms);
    int intervalMs() const { return m_intervalMs; }
    /// Backoff bounds after failures.
    void setBackoff(int baseMs, int maxMs);
    /// Seeds the jitter (tests).
    void setJitterSeed(std::uint32_t seed) { m_rng.seed(seed); }

    /// Starts periodic syncing (the first sync runs at once when online).
    void start();
    /// Stops scheduling; a sync that is running finishes.
    void stop();
    /// Syncs as soon as possible (coalesced with one already running); without start() it is a
    /// single attempt with no retry.
    void syncNow();
    /// Tells the scheduler whether the network is usable; going online syncs at once.
    void setOnline(bool online);
    /// Follows the system's network reachability when a QNetworkInformation backend exists.
    bool followSystemNetwork();

    bool isRunning() const { return m_running; }
    bool isOnline() const { return m_online; }
    bool isSyncing() const { return m_syncing; }
    int consecutiveFailures() const { return m_failures; }
    /// The delay chosen for the next sync (interval or backoff), in ms.
    int nextDelayMs() const { return m_nextDelayMs; }
    /// Blocks until the running sync (if any) has finished; for CLI and tests.
    void waitForIdle();

signals:
    void started();
    void progress(qint64 current, qint64 total);
    /// The same with phase, rate and time left (the console's status bar shows it).
    void progressed(const bridgecore::client::SyncProgress& progress);
    /// A sync completed; `summary` is toJson(SyncSummary) as text.
    void finished(const QString& summary);
    /// A sync failed; the next one follows after the backoff.
    void failed(const QString& reason);
    void onlineChanged(bool online);

private:
    void runSync();
    void onDone(bool ok, const QString& text, bool networkError);
    void scheduleNext(int delayMs);

    SyncClient& m_client;
    QThread* m_thread = nullptr;
    QObject* m_worker = nullptr;
    QTimer m_timer;
    std::mt19937 m_rng{std::random_device{}()};
    int m_intervalMs = kDefaultIntervalMs;
    int m_backoffBaseMs = kDefaultBackoffBaseMs;
    int m_backoffMaxMs = kDefaultBackoffMaxMs;
    int m_failures = 0;
    int m_nextDelayMs = 0;
    bool m_running = false;
    bool m_online = true;
    bool m_syncing = false;
    bool m_again = false;
};

} // namespace bridgecore::client
