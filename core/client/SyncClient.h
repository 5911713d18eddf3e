#pragma once
// SyncClient: one sync round of the offline client (DESIGN.md §5): push the outbox in requests
// of at most 1,000 changes, commit each response in one transaction, then pull pages until
// has_more is false, each page committed with its last_event_id. Both directions are
// pipelined over a network transport: request N+1 is prepared while request N is on the wire
// (its changes are marked in flight only just before it is sent), and page N+1 is fetched
// while page N is applied. Synchronous; SyncScheduler runs it on a worker thread.

#include "client/ClientCache.h"
#include "client/Transport.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>

namespace bridgecore::client {

struct SyncOptions {
    protocol::ConflictStrategy strategy = protocol::ConflictStrategy::ServerWins;
    std::size_t max_changes_per_push = protocol::kMaxChangesPerPush;
    int batch_size = protocol::kDefaultBatchSize;
    int pull_limit = protocol::kMaxPullLimit;
    std::string app_version;
};

/// Where the milliseconds of a push or pull went. The sync thread's share (prepare, mark,
/// wait, apply) is the critical path; `wire_ms` is the requests' round trips (gzip, HTTP,
/// the server, parsing the answer), which overlap with preparing the next request.
struct SyncTimings {
    double prepare_ms = 0; // push: reading the outbox, writing the wire form of changes
    double mark_ms = 0;    // push: marking a request's changes in flight (one commit)
    double wait_ms = 0;    // waiting for an answer that was not there yet
    double apply_ms = 0;   // committing results (push) or pages (pull)
    double wire_ms = 0;    // round trips, summed over requests
};

struct PushSummary {
    int requests = 0, sent = 0, succeeded = 0, failed = 0, conflicts = 0, duplicates = 0;
    bool interrupted = false; // cancel() stopped it; the rest stays queued
    SyncTimings timings;
};
struct PullSummary {
    int pages = 0, events = 0;
    std::int64_t last_event_id = 0;
    bool interrupted = false; // cancel() stopped it; the next pull resumes at last_event_id
    SyncTimings timings;
};
struct SyncSummary {
    PushSummary push;
    PullSummary pull;
    int conflicts_resolved_on_server = 0; // open conflicts an admin resolved on the server
};
/// Summaries as JSON (printed by the CLI, carried by SyncScheduler::finished).
json toJson(const PushSummary&);
json toJson(const PullSummary&);
json toJson(const SyncSummary&);
json toJson(const SyncTimings&);

/// A progress report of a long push or pull.
struct SyncProgress {
    enum class Phase { Push, Pull };
    Phase phase = Phase::Push;
    qint64 done = 0;       // changes pushed / events pulled so far in this phase
    qint64 total = 0;      // known work of the phase (grows if more arrives meanwhile)
    double per_second = 0; // rate so far
    /// Seconds left at the current rate; negative when unknown.
    double secondsLeft() const;
};
/// "pull 120000/1000000 events, 45000/s, 20 s left" (the CLI's --progress line).
std::string describe(const SyncProgress& progress);

/// This build's version, sent as app_version.
std::string clientVersion();

class SyncClient : public QObject {
    Q_OBJECT
public:
    /// Syncs `cache` through `transport`; both must outlive the client.
    SyncClient(ClientCache& cache, Transport& transport, SyncOptions options = {},
               QObject* parent = nullptr);
    ~SyncClient() override;

    /// Pushes every queued change (in_flight ones first, so a crash resends them).
    Result<PushSummary> push();
    /// Pulls pages until has_more is false.
    Result<PullSummary> pull();
    /// push() then pull(); then, when conflicts are open here, asks the server (GET /state)
    /// which it still holds open and closes the others (resolved on the server).
    Result<SyncSummary> sync();
    /// Resolves the stored conflict of `localId` on the server, then pulls the result.
    Result<protocol::ResolveResponse> resolve(const std::string& localId,
                                              protocol::ConflictStrategy strategy,
                                              const json& mergedData = nullptr);
    /// The server's view of this device (GET /state).
    Result<protocol::SyncState> serverState();
    /// After a pull: closes local open conflicts the server no longer holds open. Returns how
    /// many were closed.
    int closeConflictsResolvedOnServer();

    /// Strategy, request sizes and app version used by the next sync (thread-safe).
    SyncOptions options() const;
    /// Changes the options from any thread; a running push or pull keeps the ones it began
    /// with.
    void setOptions(const SyncOptions& options);
    /// The cache this client syncs.
    ClientCache& cache() { return m_cache; }
    /// Asks a running sync to stop after the current request or page (thread-safe and
    /// async-signal-safe); what is done stays committed and the next sync resumes there.
    void cancel() { m_cancel = true; }
    /// True once cancel() was called (until the next push/pull/sync starts).
    bool cancelled() const { return m_cancel; }

signals:
    /// Work done so far out of the work known (push changes, then pulled events).
    void progress(qint64 current, qint64 total);
    /// The same with the phase and rate (for a status line).
    void progressed(const bridgecore::client::SyncProgress& progress);

private:
    class Courier;
    Courier& courier();
    Status fail(const Error& error);
    Result<PushSummary> pushQueued();
    Result<PullSummary> pullPages();
    void report(SyncProgress::Phase phase, qint64 done, qint64 total,
                std::chrono::steady_clock::time_point started);

    ClientCache& m_cache;
    Transport& m_transport;
    mutable std::mutex m_optionsMutex;
    SyncOptions m_options;
    std::atomic<bool> m_cancel{false};
    std::unique_ptr<Courier> m_courier;
};

} // namespace bridgecore::client

Q_DECLARE_METATYPE(bridgecore::client::SyncProgress)
