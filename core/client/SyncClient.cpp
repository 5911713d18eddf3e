#include "client/SyncClient.h"

#include <set>

#ifndef BRIDGECORE_VERSION
#define BRIDGECORE_VERSION "0.0.0"
#endif

namespace bridgecore::client {

using protocol::json;

namespace {
/// Settled outbox entries are kept this long (the console shows them), then purged.
constexpr protocol::Millis kKeepSyncedMs = 7LL * 24 * 3600 * 1000;
} // namespace

std::string clientVersion() {
    return BRIDGECORE_VERSION;
}

json toJson(const PushSummary& s) {
    return {{"requests", s.requests}, {"sent", s.sent},           {"succeeded", s.succeeded},
            {"failed", s.failed},     {"conflicts", s.conflicts}, {"duplicates", s.duplicates}};
}

json toJson(const PullSummary& s) {
    return {{"pages", s.pages}, {"events", s.events}, {"last_event_id", s.last_event_id}};
}

json toJson(const SyncSummary& s) {
    return {{"push", toJson(s.push)}, {"pull", toJson(s.pull)}};
}

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

} // namespace

SyncClient::SyncClient(ClientCache& cache, Transport& transport, SyncOptions options,
                       QObject* parent)
    : QObject(parent)
    , m_cache(cache)
    , m_transport(transport)
    , m_options(std::move(options)) {
    if (m_options.app_version.empty())
        m_options.app_version = clientVersion();
    m_options.max_changes_per_push =
        std::clamp<std::size_t>(m_options.max_changes_per_push, 1, protocol::kMaxChangesPerPush);
    m_options.pull_limit =
        std::clamp(m_options.pull_limit, protocol::kMinPullLimit, protocol::kMaxPullLimit);
    m_options.batch_size =
        std::clamp(m_options.batch_size, protocol::kMinBatchSize, protocol::kMaxBatchSize);
}

Status SyncClient::fail(const Error& error) {
    (void)m_cache.setLastError(error.message);
    return error;
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
    const SyncOptions opt = options(); // one consistent copy for the whole push
    PushSummary summary;
    const std::string device = m_cache.deviceId();
    if (device.empty())
        return Error{ErrorCode::StorageError, "the cache has no device id"};
    const OutboxCounts start = m_cache.outboxCounts();
    const qint64 total = start.pending + start.in_flight;
    qint64 done = 0;
    std::set<std::int64_t> sentSeqs;
    while (!m_cancel) {
        auto taken = m_cache.takeForPush(opt.max_changes_per_push);
        if (!taken.ok())
            return fail(taken.error()).error();
        auto& sent = taken.value();
        if (sent.empty())
            break;
        bool fresh = false;
        for (const auto& s : sent)
            fresh |= sentSeqs.insert(s.entry.seq).second;
        if (!fresh)
            break; // everything left was already tried in this round; next round retries it
        json body = {{"device_id", device},
                     {"changes", json::array()},
                     {"conflict_strategy", std::string(protocol::toString(opt.strategy))},
                     {"stop_on_error", false},
                     {"batch_size", opt.batch_size}};
        for (const auto& s : sent)
            body["changes"].push_back(s.wire);
        addReport(body, m_cache.queueReport(opt.app_version));
        auto parsed = protocol::parsePushRequest(body);
        if (auto* issues = std::get_if<protocol::ValidationIssues>(&parsed))
            return fail(Error{ErrorCode::ValidationError,
                              "a queued change is not valid: " + describe(*issues)})
                .error();
        auto response = m_transport.push(std::get<protocol::PushRequest>(parsed));
        if (!response.ok())
            return fail(response.error()).error();
        const auto& r = response.value();
        if (Status st = m_cache.applyPushResponse(sent, r); !st.ok())
            return fail(st.error()).error();
        ++summary.requests;
        summary.sent += static_cast<int>(sent.size());
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
        done += static_cast<qint64>(sent.size());
        emit progress(done, std::max(total, done));
    }
    (void)m_cache.setLastError(summary.failed > 0 ? "some changes failed; see the outbox" : "");
    // Settled entries are history; keep a week of it for the console.
    if (summary.requests > 0)
        (void)m_cache.purgeSynced(m_cache.nowMs() - kKeepSyncedMs);
    return summary;
}

Result<PullSummary> SyncClient::pull() {
    m_cancel = false;
    const SyncOptions opt = options();
    PullSummary summary;
    const std::string device = m_cache.deviceId();
    const std::string appType = m_cache.appType();
    if (appType.empty())
        return Error{ErrorCode::ValidationError, "no app type is set for this cache"};
    qint64 done = 0;
    while (!m_cancel) {
        const std::int64_t from = m_cache.lastEventId();
        json body = {{"device_id", device},     {"app_type", appType},
                     {"last_event_id", from},   {"limit", opt.pull_limit},
                     {"include_payload", true}, {"include_metadata", true}};
        addReport(body, m_cache.queueReport(opt.app_version));
        auto parsed = protocol::parsePullRequest(body);
        if (auto* issues = std::get_if<protocol::ValidationIssues>(&parsed))
            return fail(Error{ErrorCode::ValidationError, "pull request: " + describe(*issues)})
                .error();
        auto response = m_transport.pull(std::get<protocol::PullRequest>(parsed));
        if (!response.ok())
            return fail(response.error()).error();
        const auto& page = response.value();
        auto applied = m_cache.applyPullPage(page);
        if (!applied.ok())
            return fail(applied.error()).error();
        ++summary.pages;
        summary.events += applied.value();
        done += applied.value();
        const qint64 left = std::max<qint64>(0, page.total_available - applied.value());
        emit progress(done, done + (page.has_more ? left : 0));
        summary.last_event_id = m_cache.lastEventId();
        if (!page.has_more)
            break;
        if (page.events.empty() && summary.last_event_id <= from)
            return fail(Error{ErrorCode::Internal,
                              "the server reported more events but returned none"})
                .error();
    }
    summary.last_event_id = m_cache.lastEventId();
    return summary;
}

Result<SyncSummary> SyncClient::sync() {
    SyncSummary s;
    auto p = push();
    if (!p.ok())
        return p.error();
    s.push = p.value();
    auto q = pull();
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
    auto response = m_transport.resolve(req);
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
    return m_transport.state(m_cache.deviceId());
}

} // namespace bridgecore::client
