#include "client/SyncClient.h"

#include <QCoreApplication>
#include <QThread>

#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <unordered_set>

#ifndef BRIDGECORE_VERSION
#define BRIDGECORE_VERSION "0.0.0"
#endif

namespace bridgecore::client {

using protocol::json;
using Clock = std::chrono::steady_clock;

namespace {
/// Settled outbox entries are kept this long (the console shows them), then purged.
constexpr protocol::Millis kKeepSyncedMs = 7LL * 24 * 3600 * 1000;

double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}
} // namespace

std::string clientVersion() {
    return BRIDGECORE_VERSION;
}

json toJson(const SyncTimings& t) {
    auto r = [](double ms) { return std::round(ms * 10) / 10; };
    return {{"prepare_ms", r(t.prepare_ms)},
            {"mark_ms", r(t.mark_ms)},
            {"wait_ms", r(t.wait_ms)},
            {"apply_ms", r(t.apply_ms)},
            {"wire_ms", r(t.wire_ms)}};
}

json toJson(const PushSummary& s) {
    json j = {{"requests", s.requests}, {"sent", s.sent},           {"succeeded", s.succeeded},
              {"failed", s.failed},     {"conflicts", s.conflicts}, {"duplicates", s.duplicates}};
    if (s.interrupted)
        j["interrupted"] = true;
    return j;
}

json toJson(const PullSummary& s) {
    json j = {{"pages", s.pages}, {"events", s.events}, {"last_event_id", s.last_event_id}};
    if (s.interrupted)
        j["interrupted"] = true;
    return j;
}

json toJson(const SyncSummary& s) {
    return {{"push", toJson(s.push)}, {"pull", toJson(s.pull)}};
}

double SyncProgress::secondsLeft() const {
    if (per_second <= 0 || total < done)
        return -1;
    return static_cast<double>(total - done) / per_second;
}

std::string describe(const SyncProgress& p) {
    char buf[160];
    const double left = p.secondsLeft();
    const char* what = p.phase == SyncProgress::Phase::Push ? "push" : "pull";
    const char* unit = p.phase == SyncProgress::Phase::Push ? "changes" : "events";
    if (left < 0)
        std::snprintf(buf, sizeof buf, "%s %lld/%lld %s, %.0f/s", what,
                      static_cast<long long>(p.done), static_cast<long long>(p.total), unit,
                      p.per_second);
    else
        std::snprintf(buf, sizeof buf, "%s %lld/%lld %s, %.0f/s, %.0f s left", what,
                      static_cast<long long>(p.done), static_cast<long long>(p.total), unit,
                      p.per_second, left);
    return buf;
}

// ---- Courier: the transport's calls on a thread of their own --------------------------------

/// Runs transport calls one at a time, in order, on its own QThread (so an HTTP request is on
/// the wire while the sync thread prepares the next one). For a transport that does not wait
/// on a network it runs each call at once on the caller's thread.
class SyncClient::Courier {
public:
    explicit Courier(Transport& transport)
        : m_transport(transport) {
        if (!transport.waitsOnNetwork())
            return;
        m_thread = QThread::create([this] { loop(); });
        m_thread->setObjectName(QStringLiteral("bridgecore-sync-wire"));
        m_thread->start();
    }
    ~Courier() {
        if (!m_thread)
            return;
        // The transport's per-thread state (the HTTP connection manager) goes with the thread.
        post([this] {
            m_transport.releaseThreadResources();
            return 0;
        }).wait();
        {
            std::unique_lock lock(m_mutex);
            m_stop = true;
            m_wake.notify_all();
            // The loop says it is done under the mutex: an end ThreadSanitizer can see (it
            // cannot see QThread::wait, a futex inside Qt, and took this delete for a race).
            m_wake.wait(lock, [this] { return m_done; });
        }
        m_thread->wait();
        delete m_thread;
    }
    Courier(const Courier&) = delete;
    Courier& operator=(const Courier&) = delete;

    /// Queues `f`; its result arrives through the future.
    template <typename F> auto post(F f) -> std::future<decltype(f())> {
        using R = decltype(f());
        auto task = std::make_shared<std::packaged_task<R()>>(std::move(f));
        auto result = task->get_future();
        if (!m_thread) {
            (*task)();
            return result;
        }
        {
            std::lock_guard lock(m_mutex);
            m_jobs.emplace_back([task] { (*task)(); });
        }
        m_wake.notify_one();
        return result;
    }

private:
    void loop() {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
                if (m_jobs.empty()) {
                    m_done = true;
                    m_wake.notify_all();
                    return;
                }
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
            job();
        }
    }

    Transport& m_transport;
    QThread* m_thread = nullptr;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_jobs;
    bool m_stop = false;
    bool m_done = false; // the loop has returned
};

// ---- SyncClient -----------------------------------------------------------------------------

namespace {

void addReport(json& body, const protocol::QueueReport& r) {
    if (r.pending_changes)
        body["pending_changes"] = *r.pending_changes;
    if (r.oldest_pending_at)
        body["oldest_pending_at"] = *r.oldest_pending_at;
    if (r.last_error)
        body["last_error"] = *r.last_error;
    if (r.client_time)
        body["client_time"] = *r.client_time;
    if (r.app_version)
        body["app_version"] = *r.app_version;
}

std::string describe(const protocol::ValidationIssues& issues) {
    std::string out;
    for (const auto& i : issues) {
        if (!out.empty())
            out += "; ";
        out += i.loc.dump() + ": " + i.msg;
    }
    return out;
}

/// The push request as text: the envelope written by nlohmann, the changes spliced in as
/// their stored wire text (no tree of 1,000 changes is built).
std::string pushBody(const json& envelope, const PushBatch& batch) {
    std::string body = envelope.dump(-1, ' ', false, json::error_handler_t::replace);
    body.pop_back(); // the closing brace
    body += ",\"changes\":";
    body += batch.changesText();
    body += '}';
    return body;
}

} // namespace

SyncClient::SyncClient(ClientCache& cache, Transport& transport, SyncOptions options,
                       QObject* parent)
    : QObject(parent)
    , m_cache(cache)
    , m_transport(transport)
    , m_options(std::move(options)) {
    qRegisterMetaType<SyncProgress>();
    if (m_options.app_version.empty())
        m_options.app_version = clientVersion();
    m_options.max_changes_per_push =
        std::clamp<std::size_t>(m_options.max_changes_per_push, 1, protocol::kMaxChangesPerPush);
    m_options.pull_limit =
        std::clamp(m_options.pull_limit, protocol::kMinPullLimit, protocol::kMaxPullLimit);
    m_options.batch_size =
        std::clamp(m_options.batch_size, protocol::kMinBatchSize, protocol::kMaxBatchSize);
}

SyncClient::~SyncClient() = default;

SyncClient::Courier& SyncClient::courier() {
    if (!m_courier)
        m_courier = std::make_unique<Courier>(m_transport);
    return *m_courier;
}

Status SyncClient::fail(const Error& error) {
    (void)m_cache.setLastError(error.message);
    return error;
}

void SyncClient::report(SyncProgress::Phase phase, qint64 done, qint64 total,
                        Clock::time_point started) {
    SyncProgress p;
    p.phase = phase;
    p.done = done;
    p.total = std::max(total, done);
    const double s = msSince(started) / 1000.0;
    p.per_second = s > 0 ? static_cast<double>(done) / s : 0;
    emit progress(p.done, p.total);
    emit progressed(p);
}

SyncOptions SyncClient::options() const {
    std::lock_guard lock(m_optionsMutex);
    return m_options;
}

void SyncClient::setOptions(const SyncOptions& options) {
    std::lock_guard lock(m_optionsMutex);
    m_options = options;
}

Result<PushSummary> SyncClient::push() {
    m_cancel = false;
    return pushQueued();
}

Result<PushSummary> SyncClient::pushQueued() {
    const SyncOptions opt = options(); // one consistent copy for the whole push
    PushSummary summary;
    const std::string device = m_cache.deviceId();
    if (device.empty())
        return Error{ErrorCode::StorageError, "the cache has no device id"};
    const auto started = Clock::now();
    const OutboxCounts start = m_cache.outboxCounts();
    const qint64 total = start.pending + start.in_flight;
    if (total == 0)
        return summary;
    // A session first: when that fails (server down, session refused) nothing is marked.
    if (Status st = courier().post([this] { return m_transport.prepare(); }).get(); !st.ok())
        return fail(st.error()).error();

    json envelope = {{"device_id", device},
                     {"conflict_strategy", std::string(protocol::toString(opt.strategy))},
                     {"stop_on_error", false},
                     {"batch_size", opt.batch_size}};

    struct Outgoing {
        PushBatch batch;
        std::future<std::pair<Result<protocol::PushResponse>, double>> response;
    };
    std::optional<Outgoing> outgoing;
    std::unordered_set<std::int64_t> busy; // record rows of the request on the wire
    PushCursor cursor;
    bool more = true;
    qint64 done = 0;

    // Waits for the request on the wire and commits its results.
    auto finish = [&]() -> Status {
        Outgoing out = std::move(*outgoing);
        outgoing.reset();
        busy.clear();
        auto t = Clock::now();
        auto [response, wireMs] = out.response.get();
        summary.timings.wait_ms += msSince(t);
        summary.timings.wire_ms += wireMs;
        if (!response.ok()) {
            // Refused as a whole (e.g. the session): never applied, so back to pending.
            if (refusedAsAWhole(response.error()))
                (void)m_cache.returnToPending(out.batch);
            return response.error();
        }
        const auto& r = response.value();
        t = Clock::now();
        if (Status st = m_cache.applyPushResponse(out.batch.changes, r); !st.ok())
            return st;
        summary.timings.apply_ms += msSince(t);
        ++summary.requests;
        summary.sent += static_cast<int>(out.batch.changes.size());
        for (const auto& res : r.results) {
            switch (res.status) {
            case protocol::ChangeStatus::Success:
                ++summary.succeeded;
                break;
            case protocol::ChangeStatus::Failed:
                ++summary.failed;
                break;
            case protocol::ChangeStatus::Conflict:
                ++summary.conflicts;
                break;
            }
            if (res.duplicate)
                ++summary.duplicates;
        }
        done += static_cast<qint64>(out.batch.changes.size());
        report(SyncProgress::Phase::Push, done, total, started);
        return Status::success();
    };

    for (;;) {
        // Prepare the next request while the previous one is on the wire: read the outbox,
        // write the body, mark its changes in flight (it goes out the moment the answer to
        // the previous one is committed; if it does not, its changes go back to pending).
        std::optional<PushBatch> next;
        std::string body;
        if (more && !m_cancel) {
            auto t = Clock::now();
            auto prepared = m_cache.preparePush(cursor, opt.max_changes_per_push, busy);
            summary.timings.prepare_ms += msSince(t);
            if (!prepared.ok()) {
                if (outgoing)
                    (void)finish();
                return fail(prepared.error()).error();
            }
            if (!prepared.value().changes.empty())
                next = std::move(prepared.value());
            else if (busy.empty())
                more = false; // nothing left (an empty batch with busy rows waits for them)
        }
        if (next) {
            auto t = Clock::now();
            auto marked = m_cache.markSent(*next);
            summary.timings.mark_ms += msSince(t);
            if (!marked.ok()) {
                if (outgoing)
                    (void)finish();
                return fail(marked.error()).error();
            }
            if (!marked.value()) {
                // An edit changed one of its entries since it was prepared: prepare again.
                cursor = PushCursor{next->resend, next->changes.front().entry.seq - 1};
                next.reset();
                if (!outgoing)
                    continue;
            } else {
                t = Clock::now();
                json head = envelope;
                addReport(head, m_cache.queueReport(opt.app_version));
                body = pushBody(head, *next);
                summary.timings.prepare_ms += msSince(t);
            }
        }
        if (outgoing) {
            if (Status st = finish(); !st.ok()) {
                if (next)
                    (void)m_cache.returnToPending(*next); // never sent
                return fail(st.error()).error();
            }
            if (m_cancel) {
                // Stopped: the request prepared next is dropped unsent, its changes pending.
                if (next)
                    (void)m_cache.returnToPending(*next);
                summary.interrupted = next.has_value() || more;
                break;
            }
            if (!next && more)
                continue; // blocked by the request just finished: prepare again
        }
        if (!next) {
            summary.interrupted = m_cancel && more;
            break;
        }
        for (const auto& c : next->changes)
            if (c.entry.record_row)
                busy.insert(c.entry.record_row);
        auto response = courier().post([this, body = std::move(body)] {
            const auto t0 = Clock::now();
            auto r = m_transport.pushText(body);
            return std::make_pair(std::move(r), msSince(t0));
        });
        outgoing = Outgoing{std::move(*next), std::move(response)};
    }
    (void)m_cache.setLastError(summary.failed > 0 ? "some changes failed; see the outbox" : "");
    // Settled entries are history; keep a week of it for the console.
    if (summary.requests > 0)
        (void)m_cache.purgeSynced(m_cache.nowMs() - kKeepSyncedMs);
    return summary;
}

Result<PullSummary> SyncClient::pull() {
    m_cancel = false;
    return pullPages();
}

Result<PullSummary> SyncClient::pullPages() {
    const SyncOptions opt = options(); // one consistent copy for the whole pull
    PullSummary summary;
    const std::string device = m_cache.deviceId();
    const std::string appType = m_cache.appType();
    if (appType.empty())
        return Error{ErrorCode::ValidationError, "no app type is set for this cache"};
    const auto started = Clock::now();
    using Page = std::pair<Result<protocol::PullResponse>, double>;
    auto request = [&](std::int64_t from) -> Result<std::future<Page>> {
        json body = {{"device_id", device},     {"app_type", appType},
                     {"last_event_id", from},   {"limit", opt.pull_limit},
                     {"include_payload", true}, {"include_metadata", true}};
        addReport(body, m_cache.queueReport(opt.app_version));
        auto parsed = protocol::parsePullRequest(body);
        if (auto* issues = std::get_if<protocol::ValidationIssues>(&parsed))
            return Error{ErrorCode::ValidationError, "pull request: " + describe(*issues)};
        return courier().post([this, req = std::get<protocol::PullRequest>(std::move(parsed))] {
            const auto t0 = Clock::now();
            auto r = m_transport.pull(req);
            return Page(std::move(r), msSince(t0));
        });
    };
    std::int64_t from = m_cache.lastEventId();
    auto first = request(from);
    if (!first.ok())
        return fail(first.error()).error();
    std::future<Page> inFlight = std::move(first.value());
    qint64 done = 0, total = 0;
    for (;;) {
        auto t = Clock::now();
        auto [response, wireMs] = inFlight.get();
        summary.timings.wait_ms += msSince(t);
        summary.timings.wire_ms += wireMs;
        if (!response.ok())
            return fail(response.error()).error();
        const protocol::PullResponse page = std::move(response.value());
        std::int64_t next = std::max(from, page.last_event_id);
        if (!page.events.empty())
            next = std::max(next, page.events.back().event_id);
        if (summary.pages == 0)
            total = page.total_available;
        // Fetch page N+1 while page N is applied; each page commits with its last_event_id,
        // so a crash in between loses nothing (the next pull starts after the last commit).
        const bool prefetch = page.has_more && !m_cancel && next > from;
        if (prefetch) {
            auto r = request(next);
            if (!r.ok())
                return fail(r.error()).error();
            inFlight = std::move(r.value());
        }
        t = Clock::now();
        auto applied = m_cache.applyPullPage(page);
        summary.timings.apply_ms += msSince(t);
        if (!applied.ok()) {
            if (prefetch)
                inFlight.wait();
            return fail(applied.error()).error();
        }
        ++summary.pages;
        summary.events += applied.value();
        done += applied.value();
        report(SyncProgress::Phase::Pull, done, page.has_more ? std::max(total, done) : done,
               started);
        if (!page.has_more)
            break;
        if (m_cancel) {
            // Stopped between pages: the next pull starts after this one (a page fetched
            // ahead is dropped unapplied).
            summary.interrupted = true;
            if (prefetch)
                inFlight.wait();
            break;
        }
        if (!prefetch) {
            return fail(Error{ErrorCode::Internal,
                              "the server reported more events but returned none"})
                .error();
        }
        from = next;
    }
    summary.last_event_id = m_cache.lastEventId();
    return summary;
}

Result<SyncSummary> SyncClient::sync() {
    m_cancel = false;
    SyncSummary s;
    auto p = pushQueued();
    if (!p.ok())
        return p.error();
    s.push = p.value();
    if (s.push.interrupted)
        return s;
    auto q = pullPages();
    if (!q.ok())
        return q.error();
    s.pull = q.value();
    if (s.push.failed == 0)
        (void)m_cache.setLastError("");
    return s;
}

Result<protocol::ResolveResponse> SyncClient::resolve(const std::string& localId,
                                                      protocol::ConflictStrategy strategy,
                                                      const json& mergedData) {
    if (strategy == protocol::ConflictStrategy::Manual)
        return Error{ErrorCode::ValidationError,
                     "manual is not a resolution; use server_wins, client_wins, merge or "
                     "newest_wins"};
    if (strategy == protocol::ConflictStrategy::Merge && !mergedData.is_object())
        return Error{ErrorCode::ValidationError, "merge needs merged data (a JSON object)"};
    auto local = m_cache.conflict(localId);
    if (!local)
        return Error{ErrorCode::NotFound, "no conflict is stored for local id '" + localId + "'"};
    protocol::ResolveRequest req;
    req.device_id = m_cache.deviceId();
    protocol::ClientConflict c;
    c.local_id = localId;
    c.server_id = local->record_id;
    c.model = local->model;
    c.local_data = local->info.local_data.is_object() ? local->info.local_data : json::object();
    c.server_data = local->info.server_data.is_object() ? local->info.server_data : json::object();
    if (!local->info.local_timestamp.empty())
        c.local_timestamp = local->info.local_timestamp;
    req.conflicts.push_back(c);
    protocol::ConflictResolution res;
    res.local_id = localId;
    res.strategy = strategy;
    res.merged_data = mergedData;
    req.resolutions.push_back(res);
    auto response = courier().post([this, &req] { return m_transport.resolve(req); }).get();
    if (!response.ok())
        return fail(response.error()).error();
    for (const auto& r : response.value().results) {
        if (r.local_id != localId)
            continue;
        if (r.status == protocol::ChangeStatus::Failed)
            return Error{r.error_code.value_or(ErrorCode::Internal),
                         "the server did not resolve '" + localId +
                             "': " + r.error.value_or("failed")};
        if (Status st = m_cache.markResolved(localId, r); !st.ok())
            return st.error();
    }
    auto pulled = pull();
    if (!pulled.ok())
        return pulled.error();
    return response;
}

Result<protocol::SyncState> SyncClient::serverState() {
    const std::string device = m_cache.deviceId();
    return courier().post([this, &device] { return m_transport.state(device); }).get();
}

} // namespace bridgecore::client
