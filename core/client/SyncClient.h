#pragma once
// SyncClient: one sync round of the offline client (DESIGN.md §5): push the outbox in requests
// of at most 1,000 changes, commit each response in one transaction, then pull pages until
// has_more is false, each page committed with its last_event_id. Synchronous; SyncScheduler
// runs it on a worker thread.

#include "client/ClientCache.h"
#include "client/Transport.h"

#include <QObject>

#include <atomic>
#include <mutex>

namespace bridgecore::client {

struct SyncOptions {
    protocol::ConflictStrategy strategy = protocol::ConflictStrategy::ServerWins;
    std::size_t max_changes_per_push = protocol::kMaxChangesPerPush;
    int batch_size = protocol::kDefaultBatchSize;
    int pull_limit = protocol::kMaxPullLimit;
    std::string app_version;
};

struct PushSummary {
    int requests = 0, sent = 0, succeeded = 0, failed = 0, conflicts = 0, duplicates = 0;
};
struct PullSummary {
    int pages = 0, events = 0;
    std::int64_t last_event_id = 0;
};
struct SyncSummary {
    PushSummary push;
    PullSummary pull;
};
/// Summaries as JSON (printed by the CLI, carried by SyncScheduler::finished).
json toJson(const PushSummary&);
json toJson(const PullSummary&);
json toJson(const SyncSummary&);

/// This build's version, sent as app_version.
std::string clientVersion();

class SyncClient : public QObject {
    Q_OBJECT
public:
    /// Syncs `cache` through `transport`; both must outlive the client.
    SyncClient(ClientCache& cache, Transport& transport, SyncOptions options = {},
               QObject* parent = nullptr);

    /// Pushes every queued change (in_flight ones first, so a crash resends them).
    Result<PushSummary> push();
    /// Pulls pages until has_more is false.
    Result<PullSummary> pull();
    /// push() then pull().
    Result<SyncSummary> sync();
    /// Resolves the stored conflict of `localId` on the server, then pulls the result.
    Result<protocol::ResolveResponse> resolve(const std::string& localId,
                                              protocol::ConflictStrategy strategy,
                                              const json& mergedData = nullptr);
    /// The server's view of this device (GET /state).
    Result<protocol::SyncState> serverState();

    /// Strategy, request sizes and app version used by the next sync (thread-safe).
    SyncOptions options() const;
    /// Changes the options from any thread; a running push or pull keeps the ones it began
    /// with.
    void setOptions(const SyncOptions& options);
    /// The cache this client syncs.
    ClientCache& cache() { return m_cache; }
    /// Asks a running sync to stop after the current request (thread-safe).
    void cancel() { m_cancel = true; }

signals:
    /// Work done so far out of the work known (push changes, then pulled events).
    void progress(qint64 current, qint64 total);

private:
    Status fail(const Error& error);

    ClientCache& m_cache;
    Transport& m_transport;
    mutable std::mutex m_optionsMutex;
    SyncOptions m_options;
    std::atomic<bool> m_cancel{false};
};

} // namespace bridgecore::client
