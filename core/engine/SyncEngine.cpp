#include "engine/SyncEngine.h"

#include "engine/GroupCommit.h"
#include "engine/PushApplier.h"
#include "engine/PushPlanner.h"
#include "engine/RecordWrites.h"

#include <QLoggingCategory>

#include <algorithm>
#include <chrono>
#include <queue>
#include <set>
#include <unordered_map>
#include <unordered_set>

Q_LOGGING_CATEGORY(lcEngine, "bridgecore.engine")

namespace bridgecore::engine {

using namespace protocol;
using storage::ConflictRow;
using storage::DeviceRow;
using storage::EventRow;
using storage::LedgerEntry;
using storage::ReadTransaction;
using storage::RecordRow;
using storage::WriteTransaction;

namespace {

constexpr Millis kMetricBucketMs = 10'000;

double msSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

std::string syncToken(std::int64_t userId, const std::string& deviceId, Millis now) {
    return std::to_string(userId) + "_" + deviceId + "_" + std::to_string(now / 1000);
}

std::optional<std::string> fmt(std::optional<Millis> t) {
    return t ? std::optional(formatTime(*t)) : std::nullopt;
}

/// The device's latest queue report, as fields of its state to set.
void applyReport(storage::DeviceUpdate& d, const QueueReport& r, Millis now) {
    if (r.pending_changes)
        d.pending_changes = *r.pending_changes;
    if (r.oldest_pending_at || r.pending_changes)
        d.oldest_pending_at = r.oldest_pending_at;
    if (r.last_error || r.pending_changes)
        d.last_error = r.last_error && !r.last_error->empty() ? r.last_error : std::nullopt;
    if (r.app_version)
        d.app_version = r.app_version;
    if (r.client_time)
        if (auto t = parseTime(*r.client_time))
            d.clock_skew_ms = *t - now;
}

/// A push or pull as its device's history keeps it, with the queue report it carried.
storage::DeviceHistoryRow historyRow(Millis at, const char* kind, const QueueReport& r) {
    storage::DeviceHistoryRow h;
    h.at = at;
    h.kind = kind;
    h.pending_changes = r.pending_changes;
    h.oldest_pending_at = r.oldest_pending_at;
    if (r.last_error && !r.last_error->empty())
        h.last_error = r.last_error;
    return h;
}

storage::DeviceUpdate deviceUpdate(const DeviceRow& device) {
    storage::DeviceUpdate u;
    u.device_id = device.device_id;
    u.user_id = device.user_id;
    u.created_at = device.created_at;
    return u;
}

/// What a push adds to its device's state.
storage::DeviceUpdate pushUpdate(const DeviceRow& device, const PushRequest& req,
                                 const PushResponse& resp, Millis now) {
    storage::DeviceUpdate u = deviceUpdate(device);
    u.last_push_time = now;
    u.last_sync_time = now;
    u.syncs = 1;
    u.pushes = 1;
    u.changes_pushed = std::int64_t(req.changes.size());
    u.changes_succeeded = resp.succeeded;
    u.changes_failed = resp.failed;
    u.changes_conflicted = resp.conflicts;
    u.push_ms = resp.total_processing_time_ms;
    applyReport(u, req.report, now);
    return u;
}

/// Folds a later update of the same device into `into`: fields set later win, counters add.
void mergeDeviceUpdate(storage::DeviceUpdate& into, const storage::DeviceUpdate& later) {
    auto set = [](auto& a, const auto& b) {
        if (b)
            a = b;
    };
    set(into.app_type, later.app_type);
    // Times keep the latest (a pull staged later may have read its clock earlier).
    auto latest = [](std::optional<Millis>& a, const std::optional<Millis>& b) {
        if (b && (!a || *b > *a))
            a = b;
    };
    set(into.last_event_id, later.last_event_id);
    latest(into.last_sync_time, later.last_sync_time);
    latest(into.last_push_time, later.last_push_time);
    latest(into.last_pull_time, later.last_pull_time);
    set(into.app_version, later.app_version);
    set(into.pending_changes, later.pending_changes);
    set(into.oldest_pending_at, later.oldest_pending_at);
    set(into.last_error, later.last_error);
    set(into.clock_skew_ms, later.clock_skew_ms);
    into.syncs += later.syncs;
    into.events_synced += later.events_synced;
    into.pushes += later.pushes;
    into.pulls += later.pulls;
    into.changes_pushed += later.changes_pushed;
    into.changes_succeeded += later.changes_succeeded;
    into.changes_failed += later.changes_failed;
    into.changes_conflicted += later.changes_conflicted;
    into.bytes_in += later.bytes_in;
    into.bytes_out += later.bytes_out;
    into.push_ms += later.push_ms;
    into.pull_ms += later.pull_ms;
}

SyncState toState(const DeviceRow& d, std::int64_t head) {
    SyncState s;
    s.device_id = d.device_id;
    s.user_id = d.user_id;
    s.last_event_id = d.last_event_id;
    s.last_sync_time = fmt(d.last_sync_time);
    s.last_push_time = fmt(d.last_push_time);
    s.last_pull_time = fmt(d.last_pull_time);
    s.next_sync_token = syncToken(d.user_id, d.device_id, d.last_sync_time.value_or(0));
    s.total_syncs = d.total_syncs;
    s.total_events_synced = d.total_events_synced;
    s.open_conflicts = d.open_conflicts;
    s.sync_status = d.open_conflicts > 0 ? "conflict" : d.last_error ? "error" : "idle";
    s.pending_changes = d.pending_changes;
    s.oldest_pending_at = d.oldest_pending_at;
    s.last_error = d.last_error;
    s.app_type = d.app_type;
    s.app_version = d.app_version;
    s.clock_skew_ms = d.clock_skew_ms;
    s.head_event_id = head;
    return s;
}

ConflictInfo toInfo(const ConflictRow& c, const std::string& localTimestamp) {
    ConflictInfo i;
    i.conflict_id = c.conflict_id;
    i.strategy = c.strategy;
    i.resolution = c.resolution;
    i.conflicting_fields = c.conflicting_fields;
    i.local_data = c.local_data;
    i.server_data = c.server_data;
    i.base_data = c.base_data;
    i.local_version = c.local_version;
    i.server_version = c.server_version;
    i.local_timestamp = localTimestamp.empty() ? formatTime(c.local_timestamp) : localTimestamp;
    i.server_timestamp = formatTime(c.server_timestamp);
    i.requires_resolution = c.open;
    return i;
}

ConflictRecord toRecord(const ConflictRow& c) {
    ConflictRecord r;
    r.conflict_id = c.conflict_id;
    r.device_id = c.device_id;
    r.user_id = c.user_id;
    r.local_id = c.local_id;
    r.model = c.model;
    r.record_id = c.record_id;
    r.action = c.action;
    r.status = c.open ? "open" : "resolved";
    r.info = toInfo(c, {});
    r.created_at = formatTime(c.created_at);
    r.resolved_at = fmt(c.resolved_at);
    r.resolved_by = c.resolved_by;
    r.result_data = c.result_data;
    return r;
}

Event toEvent(EventRow& e, bool withPayload, bool withMetadata, bool asText = false) {
    Event ev;
    ev.event_id = e.event_id;
    ev.model = e.model;
    ev.record_id = e.record_id;
    ev.action = e.action;
    ev.timestamp = formatTime(e.timestamp);
    if (withPayload && asText && !e.data_text.empty() && e.data_text != "null") {
        ev.data_text = std::move(e.data_text);
    } else if (withPayload && !e.data_text.empty()) {
        ev.data = json::parse(e.data_text, nullptr, false);
        if (ev.data.is_discarded())
            ev.data = nullptr;
    }
    ev.changed_fields = e.changed_fields;
    ev.priority = e.priority;
    ev.category = e.category;
    ev.user_id = e.user_id;
    ev.version = e.version;
    if (withMetadata)
        ev.metadata = {{"device_id", e.device_id}, {"local_id", e.local_id}};
    return ev;
}

} // namespace

// ---- JSON of console types ----------------------------------------------------------------------

json toJson(const ConflictRecord& c) {
    json j = toJson(c.info);
    j["device_id"] = c.device_id;
    j["user_id"] = c.user_id;
    j["local_id"] = c.local_id;
    j["model"] = c.model;
    j["record_id"] = c.record_id;
    j["action"] = toString(c.action);
    j["status"] = c.status;
    j["created_at"] = c.created_at;
    j["resolved_at"] = c.resolved_at ? json(*c.resolved_at) : json(nullptr);
    j["resolved_by"] = c.resolved_by ? json(*c.resolved_by) : json(nullptr);
    j["result_data"] = c.result_data;
    return j;
}

json toJson(const MetricPoint& p) {
    return {{"bucket_start", formatTime(p.bucket_start)},
            {"pushes", p.pushes},
            {"changes_pushed", p.changes_pushed},
            {"pulls", p.pulls},
            {"events_pulled", p.events_pulled},
            {"conflicts", p.conflicts},
            {"failures", p.failures},
            {"push_ms_avg", p.pushes ? p.push_ms_sum / double(p.pushes) : 0.0},
            {"push_ms_p50", p.push_ms_p50},
            {"push_ms_p95", p.push_ms_p95}};
}

json toJson(const TenantSummary& s) {
    return {{"devices", s.devices},
            {"stale_devices", s.stale_devices},
            {"pending_changes", s.pending_changes},
            {"open_conflicts", s.open_conflicts},
            {"head_event_id", s.head_event_id},
            {"users", s.users}};
}

std::vector<FieldConflict> fieldRows(const ConflictInfo& info) {
    std::set<std::string> names;
    for (const auto* obj : {&info.local_data, &info.server_data, &info.base_data})
        if (obj->is_object())
            for (const auto& [k, v] : obj->items())
                if (k != "id")
                    names.insert(k);
    const std::set<std::string> conflicting(info.conflicting_fields.begin(),
                                            info.conflicting_fields.end());
    std::vector<FieldConflict> rows;
    auto value = [](const json& obj, const std::string& k) {
        return obj.is_object() && obj.contains(k) ? obj.at(k) : json(nullptr);
    };
    // Conflicting fields first, then fields the client changed, then the rest.
    for (int pass = 0; pass < 3; ++pass)
        for (const std::string& n : names) {
            const bool isConflict = conflicting.count(n) > 0;
            const bool isLocal = info.local_data.is_object() && info.local_data.contains(n);
            if ((pass == 0) != isConflict || (pass == 1 && (!isLocal || isConflict)) ||
                (pass == 2 && (isLocal || isConflict)))
                continue;
            rows.push_back(FieldConflict{n, value(info.base_data, n), value(info.local_data, n),
                                         value(info.server_data, n), isConflict});
        }
    return rows;
}

// ---- engine -------------------------------------------------------------------------------------

struct SyncEngine::Impl {
    /// A device's state a pull posted to the writer (see pendingPulls).
    struct PendingPull {
        std::int64_t user_id = 0;
        std::int64_t last_event_id = 0;
        // Pulls of the device not yet taken by a unit, merged into one update (a device that
        // pulls faster than the writer commits adds nothing to its queue).
        std::optional<storage::DeviceUpdate> staged;
        std::map<Millis, storage::MetricDelta> stagedMetrics; // by bucket
        std::vector<storage::DeviceHistoryRow> stagedHistory; // one per pull, oldest first
        bool queued = false; // a unit for the device waits in the writer's queue
        int inflight = 0;    // units that took the staged state and have not committed yet
    };
    storage::SyncStore& store;
    const Clock& clock;
    GroupCommit writer;
    StoreApplier storeApplier;
    ApplierProvider applierProvider;

    Impl(storage::SyncStore& store, const Clock& clock)
        : store(store)
        , clock(clock)
        , writer(store) {}

    /// A read snapshot.
    Result<std::unique_ptr<ReadTransaction>> snapshot() { return store.read(); }

    std::shared_ptr<PushApplier> applierFor(std::int64_t tenantId) {
        if (applierProvider)
            if (auto a = applierProvider(tenantId))
                return a;
        return std::shared_ptr<PushApplier>(std::shared_ptr<PushApplier>{}, &storeApplier);
    }

    /// Every model of every app type of the tenant (a user may sync any of its app types),
    /// made once per model map the store hands out (a store that caches its maps hands out
    /// the same one until the map changes).
    Result<std::shared_ptr<const Models>> tenantModels(ReadTransaction& tx, std::int64_t tenantId) {
        auto map = tx.modelMap(tenantId);
        if (!map.ok())
            return map.error();
        std::lock_guard lock(modelsMutex);
        ModelsOfMap& cached = models[tenantId];
        if (cached.map != map.value()) {
            cached.models = std::make_shared<const Models>(modelsOf(*map.value()));
            cached.map = std::move(map).value(); // held: no other map gets its address
        }
        return cached.models;
    }
    struct ModelsOfMap {
        std::shared_ptr<const storage::ModelMap> map;
        std::shared_ptr<const Models> models;
    };
    std::mutex modelsMutex;
    std::map<std::int64_t, ModelsOfMap> models; // by tenant

    /// A device as a sync call of its user sees it.
    struct OwnDevice {
        DeviceRow row;
        /// The row is stored (or a pull registered it): a device row is never deleted and keeps
        /// its owner, user_id and created_at, so these hold in every later transaction too.
        bool stored = false;
    };
    /// The device's row for a sync call by its user; a new device is registered to the caller.
    /// `pending`: the device's state a pull posted and the writer has not committed yet.
    static Result<OwnDevice> ownDevice(ReadTransaction& tx, const Caller& caller,
                                       const std::string& deviceId, Millis now,
                                       const std::optional<PendingPull>& pending = std::nullopt) {
        auto found = tx.device(caller.tenant_id, deviceId);
        if (!found.ok())
            return found.error();
        auto& d = found.value();
        if (pending) {
            if (!d) { // registered by that pull: its owner is the puller
                d.emplace();
                d->device_id = deviceId;
                d->user_id = pending->user_id;
                d->created_at = now;
            }
            d->last_event_id = pending->last_event_id;
        }
        if (Status s = AccessPolicy::maySync(caller, d ? d->user_id : 0, deviceId); !s.ok())
            return s.error();
        if (!d) {
            DeviceRow row;
            row.device_id = deviceId;
            row.user_id = caller.user_id;
            row.created_at = now;
            return OwnDevice{std::move(row), false};
        }
        return OwnDevice{std::move(*d), true};
    }

    /// The device for a read (owner, support or admin) or a management call (owner or admin).
    static Result<std::optional<DeviceRow>> visibleDevice(ReadTransaction& tx, const Caller& caller,
                                                          const std::string& deviceId,
                                                          bool manage) {
        auto found = tx.device(caller.tenant_id, deviceId);
        if (!found.ok())
            return found.error();
        auto& d = found.value();
        const std::int64_t owner = d ? d->user_id : 0;
        if (Status s = manage ? AccessPolicy::mayManageDevice(caller, owner, deviceId)
                              : AccessPolicy::mayReadDevice(caller, owner, deviceId);
            !s.ok())
            return s.error();
        return d;
    }

    /// A support read about one device (receive preview, history, ledger): the device's staged
    /// pull state settled, a snapshot, and the device as `caller` may read it. A device that
    /// never synced is NotFound unless `mayBeUnknown` (then `device` is empty).
    struct DeviceRead {
        std::unique_ptr<ReadTransaction> tx;
        std::optional<DeviceRow> device;
    };
    Result<DeviceRead> readDevice(const Caller& caller, const std::string& deviceId,
                                  bool mayBeUnknown = false) {
        if (Status s = settle(caller.tenant_id, deviceId); !s.ok())
            return s.error();
        auto opened = snapshot();
        if (!opened.ok())
            return opened.error();
        auto device = visibleDevice(*opened.value(), caller, deviceId, /*manage=*/false);
        if (!device.ok())
            return device.error();
        if (!device.value() && !mayBeUnknown)
            return Error{ErrorCode::NotFound,
                         "no device '" + deviceId + "' has synced with this tenant"};
        return DeviceRead{std::move(opened).value(), std::move(device).value()};
    }

    static Status recordMetrics(WriteTransaction& tx, std::int64_t tenantId, Millis now,
                                const storage::MetricDelta& delta) {
        return tx.addMetrics(tenantId, now - now % kMetricBucketMs, delta);
    }

    static std::string category(const Models& models, const std::string& model) {
        auto it = models.find(model);
        return it != models.end() && !it->second.category.empty() ? it->second.category
                                                                  : "business";
    }

    // ---- traffic: sizes the HTTP layer reports after answering, saved with the device's
    // next write (a push's or pull's own transaction) instead of a transaction of their own.
    struct Traffic {
        std::int64_t bytes_in = 0, bytes_out = 0;
    };
    std::mutex trafficMutex;
    std::map<std::pair<std::int64_t, std::string>, Traffic> traffic;

    void addTraffic(std::int64_t tenantId, const std::string& deviceId, Traffic t) {
        if (t.bytes_in == 0 && t.bytes_out == 0)
            return;
        std::lock_guard lock(trafficMutex);
        Traffic& p = traffic[{tenantId, deviceId}];
        p.bytes_in += t.bytes_in;
        p.bytes_out += t.bytes_out;
    }
    Traffic pendingTraffic(std::int64_t tenantId, const std::string& deviceId) {
        std::lock_guard lock(trafficMutex);
        auto it = traffic.find({tenantId, deviceId});
        return it == traffic.end() ? Traffic{} : it->second;
    }
    /// Takes what is pending, for a write; give it back with addTraffic() when that failed.
    Traffic takeTraffic(std::int64_t tenantId, const std::string& deviceId) {
        std::lock_guard lock(trafficMutex);
        auto it = traffic.find({tenantId, deviceId});
        if (it == traffic.end())
            return {};
        Traffic t = it->second;
        traffic.erase(it);
        return t;
    }

    // ---- device state a pull left to the writer: a pull answers without waiting for the
    // group commit; until its unit committed, the device's next pull reads the new
    // last_event_id (and, for a new device, its owner) from here, and calls that show the
    // device's state (state, statistics, lists, summary) first let the writer catch up.
    // A state the writer failed to save is staged again and saved with the device's next
    // pull or the next read that settles it; a pull that ran across a reset of its device
    // keeps its counters but not its last_event_id, so the reset wins.
    using DeviceKey = std::pair<std::int64_t, std::string>;
    std::mutex pendingMutex; // guards pendingPulls, resetsBegun and resets
    std::map<DeviceKey, PendingPull> pendingPulls;
    struct ResetMark {
        std::uint64_t begun = 0; // resetsBegun when the device's last reset began
        int running = 0;
    };
    std::uint64_t resetsBegun = 0;
    std::map<DeviceKey, ResetMark> resets; // devices reset since the engine started

    /// Where the device's resets stood when a pull began reading (or a unit took its state).
    struct ResetView {
        std::uint64_t begun = 0;
        bool running = false;
    };
    ResetView resetView(const DeviceKey& key) const { // pendingMutex held
        auto r = resets.find(key);
        return {resetsBegun, r != resets.end() && r->second.running > 0};
    }
    /// True when a reset of the device ran across, or began after, `seen`.
    bool resetSince(const DeviceKey& key, const ResetView& seen) const { // pendingMutex held
        if (seen.running)
            return true;
        auto r = resets.find(key);
        return r != resets.end() && (r->second.running > 0 || r->second.begun > seen.begun);
    }

    struct PullStart {
        std::optional<PendingPull> pending;
        ResetView resets;
    };
    /// What a pull needs before it opens its snapshot.
    PullStart beginPull(std::int64_t tenantId, const std::string& deviceId) {
        std::lock_guard lock(pendingMutex);
        const DeviceKey key{tenantId, deviceId};
        PullStart s;
        auto it = pendingPulls.find(key);
        if (it != pendingPulls.end())
            s.pending = it->second;
        s.resets = resetView(key);
        return s;
    }
    /// Stages a pull's update of its device; true when the caller must post a unit for it.
    bool stagePull(std::int64_t tenantId, storage::DeviceUpdate update, std::int64_t eventsPulled,
                   Millis now, const ResetView& seen, storage::DeviceHistoryRow history) {
        std::lock_guard lock(pendingMutex);
        const DeviceKey key{tenantId, update.device_id};
        if (resetSince(key, seen))
            update.last_event_id.reset(); // read before the reset: the reset wins
        PendingPull& p = pendingPulls[key];
        p.user_id = update.user_id;
        p.last_event_id = update.last_event_id.value_or(p.last_event_id);
        if (p.staged)
            mergeDeviceUpdate(*p.staged, update);
        else
            p.staged = std::move(update);
        storage::MetricDelta& m = p.stagedMetrics[now - now % kMetricBucketMs];
        m.pulls += 1;
        m.events_pulled += eventsPulled;
        keepHistory(p.stagedHistory, std::move(history));
        const bool post = !p.queued;
        p.queued = true;
        return post;
    }
    /// Appends to a device's staged history, which keeps no more rows than the store would.
    static void keepHistory(std::vector<storage::DeviceHistoryRow>& rows,
                            storage::DeviceHistoryRow row) {
        rows.push_back(std::move(row));
        if (rows.size() > std::size_t(storage::kDeviceHistoryRows))
            rows.erase(rows.begin(), rows.end() - storage::kDeviceHistoryRows);
    }
    struct TakenPull {
        std::optional<storage::DeviceUpdate> update;
        std::map<Millis, storage::MetricDelta> metrics;
        std::vector<storage::DeviceHistoryRow> history;
        ResetView resets; // when it was taken
    };
    /// What is staged for the device, for the unit writing it.
    TakenPull takePull(std::int64_t tenantId, const std::string& deviceId) {
        std::lock_guard lock(pendingMutex);
        const DeviceKey key{tenantId, deviceId};
        auto it = pendingPulls.find(key);
        if (it == pendingPulls.end())
            return {};
        PendingPull& p = it->second;
        TakenPull t{std::move(p.staged), std::move(p.stagedMetrics), std::move(p.stagedHistory),
                    resetView(key)};
        p.staged.reset();
        p.stagedMetrics.clear();
        p.stagedHistory.clear();
        p.queued = false;
        ++p.inflight;
        return t;
    }
    /// A taken state's unit is over: committed, or failed and `failed` goes back to staging
    /// (before what was staged since; posted again by the device's next pull or a settle()).
    void pullDone(std::int64_t tenantId, const std::string& deviceId, TakenPull* failed) {
        std::lock_guard lock(pendingMutex);
        const DeviceKey key{tenantId, deviceId};
        auto it = pendingPulls.find(key);
        if (it == pendingPulls.end())
            return;
        PendingPull& p = it->second;
        --p.inflight;
        if (failed && failed->update) {
            storage::DeviceUpdate& u = *failed->update;
            u.bytes_in = u.bytes_out = 0; // the traffic went back on its own
            if (resetSince(key, failed->resets))
                u.last_event_id.reset();
            if (p.staged)
                mergeDeviceUpdate(u, *p.staged);
            p.staged = std::move(u);
            for (const auto& [bucket, d] : failed->metrics) {
                storage::MetricDelta& m = p.stagedMetrics[bucket];
                m.pulls += d.pulls;
                m.events_pulled += d.events_pulled;
            }
            // Older than what was staged since: in front of it.
            std::vector<storage::DeviceHistoryRow> history = std::move(failed->history);
            for (auto& row : p.stagedHistory)
                keepHistory(history, std::move(row));
            p.stagedHistory = std::move(history);
        }
        if (p.inflight <= 0 && !p.queued && !p.staged)
            pendingPulls.erase(it);
    }
    /// Queues a unit writing what is staged for the device (stagePull() said to).
    void postPull(std::int64_t tenantId, const std::string& deviceId) {
        auto taken = std::make_shared<TakenPull>();
        auto traffic = std::make_shared<Traffic>();
        writer.post(
            [this, tenantId, deviceId, taken, traffic](WriteTransaction& tx) -> Status {
                *taken = takePull(tenantId, deviceId);
                if (!taken->update)
                    return Status{};
                *traffic = takeTraffic(tenantId, deviceId);
                storage::DeviceUpdate update = *taken->update;
                update.bytes_in = traffic->bytes_in;
                update.bytes_out = traffic->bytes_out;
                if (Status s = tx.updateDevice(tenantId, update); !s.ok())
                    return s;
                for (const auto& row : taken->history)
                    if (Status s = tx.addDeviceHistory(tenantId, deviceId, row); !s.ok())
                        return s;
                for (const auto& [bucket, delta] : taken->metrics)
                    if (Status s = tx.addMetrics(tenantId, bucket, delta); !s.ok())
                        return s;
                return Status{};
            },
            [this, tenantId, deviceId, taken, traffic](const Status& s) {
                if (!s.ok()) {
                    addTraffic(tenantId, deviceId, *traffic);
                    qCWarning(lcEngine,
                              "a pull's device state was not saved (kept for the "
                              "device's next write): %s",
                              s.error().message.c_str());
                }
                pullDone(tenantId, deviceId, s.ok() ? nullptr : taken.get());
            });
    }
    /// A reset of the device begins / ended (`done`: committed).
    void beginReset(std::int64_t tenantId, const std::string& deviceId) {
        std::lock_guard lock(pendingMutex);
        ResetMark& r = resets[{tenantId, deviceId}];
        r.begun = ++resetsBegun;
        ++r.running;
    }
    void endReset(std::int64_t tenantId, const std::string& deviceId, bool done) {
        std::lock_guard lock(pendingMutex);
        const DeviceKey key{tenantId, deviceId};
        --resets[key].running;
        if (!done)
            return;
        // What is still staged ran across the reset; the next pull starts from the first event.
        auto it = pendingPulls.find(key);
        if (it != pendingPulls.end()) {
            it->second.last_event_id = 0;
            if (it->second.staged)
                it->second.staged->last_event_id.reset();
        }
    }
    /// Waits until the pulls staged so far for the device (every device of the tenant when
    /// `deviceId` is empty) are committed, so that a read shows them. A state whose write
    /// failed is posted again here.
    Status settle(std::int64_t tenantId, const std::string& deviceId = {}) {
        bool any = false;
        std::vector<std::string> repost;
        {
            std::lock_guard lock(pendingMutex);
            auto it = deviceId.empty() ? pendingPulls.lower_bound({tenantId, std::string()})
                                       : pendingPulls.find({tenantId, deviceId});
            for (; it != pendingPulls.end() && it->first.first == tenantId &&
                   (deviceId.empty() || it->first.second == deviceId);
                 ++it) {
                any = true;
                if (it->second.staged && !it->second.queued) {
                    it->second.queued = true;
                    repost.push_back(it->first.second);
                }
            }
        }
        if (!any)
            return {};
        for (const std::string& device : repost)
            postPull(tenantId, device);
        // Units commit in queue order: once this empty one has, the pulls before it have.
        return writer.run([](WriteTransaction&) { return Status{}; });
    }

    /// The system of record's side of resolutions (PushApplier::writeResolution), kept out of
    /// the writer when the applier offers a rehearsal: rehearsing, each write goes to the
    /// applier and its answer is kept; replaying (in the write transaction), the same write is
    /// answered from the rehearsal, and one it did not make (the conflict or record changed in
    /// between) fails the resolution, to be tried again, rather than call Odoo in the writer.
    struct ResolutionWrites {
        enum class Mode { Direct, Rehearse, Replay };
        std::shared_ptr<PushApplier> applier;
        std::int64_t tenantId = 0;
        Mode mode = Mode::Direct;
        struct Done {
            std::string model;
            std::int64_t id = 0;
            json fields;
            bool deleteIt = false;
            Result<json> kept; // writeResolution's answer: the fields to store
            bool used = false;
        };
        std::vector<Done> done;

        /// The fields to store (as the system of record holds them), or its refusal.
        Result<json> write(const std::string& model, std::int64_t id, const json& fields,
                           bool deleteIt) {
            if (mode == Mode::Replay) {
                for (Done& d : done)
                    if (!d.used && d.model == model && d.id == id && d.deleteIt == deleteIt &&
                        d.fields == fields) {
                        d.used = true;
                        return d.kept;
                    }
                return Error{ErrorCode::OdooUnavailable,
                             model + " " + std::to_string(id) +
                                 " changed while the resolution was written to the system of "
                                 "record; resolve it again"};
            }
            Result<json> kept = applier->writeResolution(tenantId, model, id, fields, deleteIt);
            if (mode == Mode::Rehearse)
                done.push_back({model, id, fields, deleteIt, kept, false});
            return kept;
        }
    };

    Result<ResolveResult> resolveStored(WriteTransaction& tx, const Caller& caller, ConflictRow c,
                                        ConflictStrategy strategy, const json& merged,
                                        ResolutionWrites& writes);
};

SyncEngine::SyncEngine(std::shared_ptr<storage::SyncStore> store, const Clock& clock,
                       QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Impl>(*store, clock))
    , m_store(std::move(store)) {}

SyncEngine::~SyncEngine() {
    d->writer.shutdown(); // commits the pulls' posted device states while the store lives
}

void SyncEngine::setApplierProvider(ApplierProvider provider) {
    d->applierProvider = std::move(provider);
}

// ---- push ---------------------------------------------------------------------------------------

namespace {
/// The response of a push from its outcomes (request order).
PushResponse responseOf(const PushRequest& req, std::vector<std::optional<ChangeOutcome>> outcomes,
                        Millis now, std::int64_t userId) {
    PushResponse resp;
    const std::size_t n = req.changes.size();
    resp.total = int(n);
    resp.results.reserve(n);
    resp.id_mapping.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        ChangeResult& r = outcomes[i] ? resp.results.emplace_back(std::move(outcomes[i]->result))
                                      : resp.results.emplace_back();
        if (!outcomes[i]) { // an applier that left a change out: never silently applied
            r.local_id = req.changes[i].local_id;
            r.action = req.changes[i].action;
            r.model = req.changes[i].model;
            r.status = ChangeStatus::Failed;
            r.error_code = ErrorCode::NotAttempted;
            r.error = "not attempted";
            r.server_timestamp = formatTime(now);
        }
        if (r.status == ChangeStatus::Success)
            ++resp.succeeded;
        else if (r.status == ChangeStatus::Failed)
            ++resp.failed;
        else
            ++resp.conflicts;
        if (req.changes[i].action == Action::Create && !req.changes[i].invalid_action &&
            r.server_id && r.status != ChangeStatus::Failed)
            resp.id_mapping.emplace_back(r.local_id, *r.server_id);
    }
    resp.success = resp.failed == 0;
    resp.server_timestamp = formatTime(now);
    resp.next_sync_token = syncToken(userId, req.device_id, now);
    return resp;
}
} // namespace

Result<PushResponse> SyncEngine::push(const Caller& caller, const PushRequest& req) {
    const auto started = std::chrono::steady_clock::now();
    const Millis now = d->clock.now();

    // Plan on a snapshot, without waiting for the writer.
    std::shared_ptr<const Models> models;
    PushPlan plan;
    std::optional<Impl::OwnDevice> device;
    {
        auto opened = d->snapshot();
        if (!opened.ok())
            return opened.error();
        ReadTransaction& tx = *opened.value();
        auto own = Impl::ownDevice(tx, caller, req.device_id, now);
        if (!own.ok())
            return own.error();
        device = std::move(own).value();
        auto tenantModels = d->tenantModels(tx, caller.tenant_id);
        if (!tenantModels.ok())
            return tenantModels.error();
        models = std::move(tenantModels).value();
        // Planned as if the device had pushed none of these changes before; the ledger is
        // read once, inside the write transaction, and a plan it contradicts is made again.
        plan = PushPlanner::plan(req, {}, *models);
    }
    const std::shared_ptr<PushApplier> applier = d->applierFor(caller.tenant_id);
    // What the applier does outside the writer (Odoo's writes), before the transaction.
    auto preparedResult = applier->prepare(plan, caller, now);
    if (!preparedResult.ok())
        return preparedResult.error();
    const std::unique_ptr<PreparedPush> prepared = std::move(preparedResult).value();

    // Apply in the writer's next group: one savepoint of one write transaction holds the
    // records, events, conflicts, ledger entries, device state, traffic and metrics.
    PushResponse resp;
    Impl::Traffic traffic;
    Status applied = d->writer.run([&](WriteTransaction& tx) -> Status {
        // A device the snapshot did not have may have been registered since (by another user
        // too): looked at again. A stored one stays as the snapshot saw it.
        if (!device->stored) {
            auto own = Impl::ownDevice(tx, caller, req.device_id, now);
            if (!own.ok())
                return own.error();
            device = std::move(own).value();
        }
        // The ledger read here, inside the write transaction, is the one that counts (another
        // push of this device may have committed a moment ago).
        auto ledger = tx.ledger(caller.tenant_id, req.device_id, plan.ledger_keys);
        if (!ledger.ok())
            return ledger.error();
        if (PushPlanner::ledgerChanged(plan, ledger.value()))
            plan = PushPlanner::plan(req, std::move(ledger).value(), *models);
        PushRun run(plan, caller, now, tx);
        run.prepared = prepared.get();
        if (Status s = applier->apply(run); !s.ok())
            return s;
        resp = responseOf(req, run.takeOutcomes(), now, caller.user_id);
        resp.total_processing_time_ms = msSince(started);
        storage::DeviceUpdate update = pushUpdate(device->row, req, resp, now);
        traffic = d->takeTraffic(caller.tenant_id, req.device_id);
        update.bytes_in = traffic.bytes_in;
        update.bytes_out = traffic.bytes_out;
        if (Status s = tx.updateDevice(caller.tenant_id, update); !s.ok())
            return s;
        storage::DeviceHistoryRow history = historyRow(now, "push", req.report);
        history.changes = std::int64_t(req.changes.size());
        history.applied = resp.succeeded;
        history.conflicts = resp.conflicts;
        history.failed = resp.failed;
        history.duration_ms = resp.total_processing_time_ms;
        if (Status s = tx.addDeviceHistory(caller.tenant_id, req.device_id, history); !s.ok())
            return s;
        return Impl::recordMetrics(tx, caller.tenant_id, now,
                                   storage::MetricDelta{1, std::int64_t(req.changes.size()), 0, 0,
                                                        resp.conflicts, resp.failed,
                                                        resp.total_processing_time_ms});
    });
    if (!applied.ok()) {
        d->addTraffic(caller.tenant_id, req.device_id, traffic);
        return applied.error(); // nothing of the push was kept: the client sends it again
    }

    // Published only now that it is committed.
    resp.total_processing_time_ms = msSince(started);
    resp.average_processing_time_ms =
        resp.total ? resp.total_processing_time_ms / double(resp.total) : 0.0;
    emit pushed(caller.tenant_id, QString::fromStdString(req.device_id), resp.total, resp.conflicts,
                resp.failed, resp.total_processing_time_ms);
    if (resp.conflicts > 0)
        emit conflictsChanged(caller.tenant_id);
    return resp;
}

// ---- pull ---------------------------------------------------------------------------------------

Result<PullResponse> SyncEngine::pull(const Caller& caller, const PullRequest& req,
                                      PayloadForm form) {
    const auto started = std::chrono::steady_clock::now();
    // Looked at before the snapshot opens: a posted state that committed since is in it.
    const Impl::PullStart start = d->beginPull(caller.tenant_id, req.device_id);
    auto opened = d->snapshot();
    if (!opened.ok())
        return opened.error();
    ReadTransaction& tx = *opened.value();
    const Millis now = d->clock.now();
    auto deviceResult = Impl::ownDevice(tx, caller, req.device_id, now, start.pending);
    if (!deviceResult.ok())
        return deviceResult.error();
    DeviceRow device = std::move(deviceResult).value().row;

    auto mapResult = tx.modelMap(caller.tenant_id);
    if (!mapResult.ok())
        return mapResult.error();
    const storage::ModelMap& map = *mapResult.value();
    auto appModels = map.find(req.app_type);
    if (appModels == map.end())
        return Error{ErrorCode::ValidationError, "unknown app_type '" + req.app_type + "'"};

    storage::EventFilter filter;
    filter.after_event_id = req.last_event_id.value_or(device.last_event_id);
    for (const auto& e : appModels->second)
        if (!req.models_filter || std::find(req.models_filter->begin(), req.models_filter->end(),
                                            e.model) != req.models_filter->end())
            filter.models.push_back(e.model);
    if (req.priority_filter)
        filter.priorities = *req.priority_filter;
    filter.limit = std::clamp(req.limit, kMinPullLimit, kMaxPullLimit);
    filter.offset = std::max(0, req.offset);

    PullResponse resp;
    // An empty priority filter matches nothing, as an empty models list does.
    const bool matchesNothing =
        filter.models.empty() || (req.priority_filter && req.priority_filter->empty());
    std::vector<EventRow> rows;
    if (!matchesNothing) {
        auto found = tx.events(caller.tenant_id, filter, req.include_payload);
        if (!found.ok())
            return found.error();
        rows = std::move(found).value();
        auto count = tx.countEvents(caller.tenant_id, filter);
        if (!count.ok())
            return count.error();
        resp.total_available = count.value();
    }
    opened.value().reset(); // the snapshot ends before the device's state is written
    resp.events.reserve(rows.size());
    for (auto& e : rows)
        resp.events.push_back(
            toEvent(e, req.include_payload, req.include_metadata, form == PayloadForm::Text));
    resp.new_events_count = int(resp.events.size());
    resp.has_updates = !resp.events.empty();
    resp.has_more =
        std::int64_t(filter.offset) + std::int64_t(resp.events.size()) < resp.total_available;
    resp.last_event_id = rows.empty() ? filter.after_event_id : rows.back().event_id;
    resp.last_sync_time = formatTime(now);
    resp.server_timestamp = resp.last_sync_time;
    resp.next_sync_token = syncToken(caller.user_id, req.device_id, now);

    storage::DeviceUpdate update = deviceUpdate(device);
    update.app_type = req.app_type;
    update.last_event_id = resp.last_event_id;
    update.last_pull_time = now;
    update.last_sync_time = now;
    update.syncs = 1;
    update.pulls = 1;
    update.events_synced = resp.new_events_count;
    const double ms = msSince(started);
    update.pull_ms = ms;
    applyReport(update, req.report, now);
    storage::DeviceHistoryRow history = historyRow(now, "pull", req.report);
    history.changes = resp.new_events_count;
    history.duration_ms = ms;
    // The device's state advances in the writer's next group without the answer waiting for
    // it: a pull never queues behind a committing group. Should that write fail, the state
    // stays staged (the device's next pull reads it) and is written again later.
    if (d->stagePull(caller.tenant_id, std::move(update), resp.new_events_count, now, start.resets,
                     std::move(history)))
        d->postPull(caller.tenant_id, req.device_id);
    // else a unit for the device is queued already and will carry this one too
    emit pulled(caller.tenant_id, QString::fromStdString(req.device_id), resp.new_events_count, ms);
    return resp;
}

// ---- resolve ------------------------------------------------------------------------------------

Result<ResolveResult> SyncEngine::Impl::resolveStored(WriteTransaction& tx, const Caller& caller,
                                                      ConflictRow c, ConflictStrategy strategy,
                                                      const json& merged,
                                                      ResolutionWrites& writes) {
    const Millis now = clock.now();
    ResolveResult r;
    r.local_id = c.local_id;
    r.model = c.model;
    r.server_id = c.record_id;
    r.conflict_id = c.conflict_id;
    r.action = c.action;
    if (!c.open) {
        r.status = ChangeStatus::Failed;
        r.error_code = ErrorCode::ValidationError;
        r.error = "conflict " + std::to_string(c.conflict_id) + " is already resolved";
        return r;
    }
    if (strategy == ConflictStrategy::Merge && !merged.is_object()) {
        r.status = ChangeStatus::Failed;
        r.error_code = ErrorCode::ValidationError;
        r.error = "merge needs merged_data";
        return r;
    }
    if (strategy == ConflictStrategy::NewestWins)
        strategy = c.local_timestamp > c.server_timestamp ? ConflictStrategy::ClientWins
                                                          : ConflictStrategy::ServerWins;
    auto found = tx.record(caller.tenant_id, c.model, c.record_id);
    if (!found.ok())
        return found.error();
    if (!found.value()) {
        r.status = ChangeStatus::Failed;
        r.error_code = ErrorCode::RecordNotFound;
        r.error = c.model + " " + std::to_string(c.record_id) + " does not exist";
        return r;
    }
    RecordRow row = std::move(*found.value());
    auto modelsResult = tenantModels(tx, caller.tenant_id);
    if (!modelsResult.ok())
        return modelsResult.error();
    const Models& models = *modelsResult.value();
    Writer who{caller.user_id, c.device_id, c.local_id, EventPriority::Medium,
               category(models, c.model)};
    if (auto it = models.find(c.model); it != models.end() && it->second.priority)
        who.priority = *it->second.priority;

    Result<std::int64_t> written = std::int64_t(0);
    // A system of record's refusal (Odoo) is this resolution's failure; nothing is kept.
    auto refused = [&r](const Error& e) {
        r.status = ChangeStatus::Failed;
        r.error_code = e.code;
        r.error = e.message;
        return r;
    };
    switch (strategy) {
    case ConflictStrategy::ClientWins:
        if (c.action == Action::Delete) {
            if (!row.deleted) {
                if (auto s = writes.write(c.model, row.id, json::object(), true); !s.ok())
                    return refused(s.error());
                written = deleteRecord(tx, caller.tenant_id, row, now, who);
            }
        } else {
            auto kept = writes.write(c.model, row.id, c.local_data, false);
            if (!kept.ok())
                return refused(kept.error());
            written = writeFields(tx, caller.tenant_id, row, kept.value(), now, who);
        }
        c.resolution = Resolution::ClientWins;
        break;
    case ConflictStrategy::Merge: {
        json fields = c.action == Action::Delete ? json::object() : c.local_data;
        for (const auto& [k, v] : merged.items())
            fields[k] = v;
        auto kept = writes.write(c.model, row.id, fields, false);
        if (!kept.ok())
            return refused(kept.error());
        written = writeFields(tx, caller.tenant_id, row, kept.value(), now, who);
        c.resolution = Resolution::Merged;
        break;
    }
    case ConflictStrategy::ServerWins:
    case ConflictStrategy::NewestWins:
    case ConflictStrategy::Manual:
        c.resolution = Resolution::ServerWins;
        break;
    }
    if (!written.ok())
        return written.error();
    c.open = false;
    c.resolved_at = now;
    c.resolved_by = caller.user_id;
    c.result_data = row.deleted ? json(nullptr) : withId(row.data, row.id);
    if (Status s = tx.updateConflict(caller.tenant_id, c); !s.ok())
        return s.error();
    r.status = ChangeStatus::Success;
    r.version = row.version;
    return r;
}

Result<ResolveResponse> SyncEngine::resolveConflicts(const Caller& caller,
                                                     const ResolveRequest& req) {
    // A unit of the writer's next group (each resolution a savepoint inside it), rehearsed
    // first outside the writer when a system of record takes the writes (ResolutionWrites).
    ResolveResponse resp;
    Impl::ResolutionWrites writes;
    writes.applier = d->applierFor(caller.tenant_id);
    writes.tenantId = caller.tenant_id;
    auto resolveAll = [&](WriteTransaction& tx) -> Status {
        resp = ResolveResponse{};
        const Millis now = d->clock.now();
        auto device = Impl::visibleDevice(tx, caller, req.device_id, /*manage=*/true);
        if (!device.ok())
            return device.error();
        auto modelsResult = d->tenantModels(tx, caller.tenant_id);
        if (!modelsResult.ok())
            return modelsResult.error();
        const Models& models = *modelsResult.value();

        for (const ConflictResolution& res : req.resolutions) {
            ResolveResult r;
            r.local_id = res.local_id;
            auto failWith = [&](ErrorCode code, std::string message) {
                r.status = ChangeStatus::Failed;
                r.error_code = code;
                r.error = std::move(message);
            };
            // Each resolution is its own unit: a failed one leaves nothing behind.
            storage::Savepoint unit(tx);
            Status s = unit.status();
            auto stored = tx.openConflict(caller.tenant_id, req.device_id, res.local_id);
            if (!s.ok() || !stored.ok()) {
                const Error& e = s.ok() ? stored.error() : s.error();
                failWith(e.code, e.message);
            } else if (stored.value()) {
                auto out = d->resolveStored(tx, caller, *stored.value(), res.strategy,
                                            res.merged_data, writes);
                if (out.ok())
                    r = out.value();
                else
                    failWith(out.error().code, out.error().message);
            } else {
                // No stored conflict: apply the client's view as an update by the caller.
                auto it = std::find_if(
                    req.conflicts.begin(), req.conflicts.end(),
                    [&](const ClientConflict& c) { return c.local_id == res.local_id; });
                auto found = it != req.conflicts.end() && it->server_id && models.count(it->model)
                                 ? tx.record(caller.tenant_id, it->model, *it->server_id)
                                 : Result<std::optional<RecordRow>>(std::nullopt);
                if (it == req.conflicts.end()) {
                    failWith(ErrorCode::NotFound, "no open conflict for local_id '" + res.local_id +
                                                      "' and none sent in conflicts[]");
                } else if (!models.count(it->model)) {
                    r.model = it->model;
                    failWith(ErrorCode::UnknownModel,
                             "model '" + it->model + "' is not in any app type of this tenant");
                } else if (!it->server_id) {
                    r.model = it->model;
                    failWith(ErrorCode::MissingRecordId, "the conflict names no server_id");
                } else if (!found.ok()) {
                    r.model = it->model;
                    failWith(found.error().code, found.error().message);
                } else if (!found.value()) {
                    r.model = it->model;
                    failWith(ErrorCode::RecordNotFound,
                             it->model + " " + std::to_string(*it->server_id) + " does not exist");
                } else {
                    RecordRow row = std::move(*found.value());
                    r.model = it->model;
                    r.server_id = row.id;
                    ConflictStrategy strategy = res.strategy;
                    if (strategy == ConflictStrategy::NewestWins) {
                        auto localTime =
                            it->local_timestamp ? parseTime(*it->local_timestamp) : std::nullopt;
                        strategy = localTime && *localTime > row.write_date
                                       ? ConflictStrategy::ClientWins
                                       : ConflictStrategy::ServerWins;
                    }
                    json fields = strategy == ConflictStrategy::ClientWins ? it->local_data
                                  : strategy == ConflictStrategy::Merge    ? res.merged_data
                                                                           : json::object();
                    Status w;
                    if (fields.is_object() && !fields.empty()) {
                        const Writer who{caller.user_id, req.device_id, res.local_id,
                                         EventPriority::Medium, Impl::category(models, it->model)};
                        auto kept = writes.write(it->model, row.id, fields, false);
                        if (!kept.ok())
                            w = kept.error();
                        else if (auto ev =
                                     writeFields(tx, caller.tenant_id, row, kept.value(), now, who);
                                 !ev.ok())
                            w = ev.error();
                    }
                    if (w.ok()) {
                        r.status = ChangeStatus::Success;
                        r.version = row.version;
                    } else {
                        failWith(w.error().code, w.error().message);
                    }
                }
            }
            if (r.status == ChangeStatus::Success) {
                if (Status kept = unit.release(); !kept.ok())
                    failWith(kept.error().code, kept.error().message);
            }
            if (r.status == ChangeStatus::Success)
                ++resp.resolved;
            else
                ++resp.failed;
            resp.results.push_back(std::move(r));
        }
        return Status{};
    };
    // Lives until the replay committed: it may hold the tenant's turn (PushApplier::rehearsal).
    auto rehearsal = writes.applier->rehearsal();
    if (!rehearsal.ok())
        return rehearsal.error();
    std::unique_ptr<WriteTransaction> scratch = std::move(rehearsal).value();
    if (scratch) {
        writes.mode = Impl::ResolutionWrites::Mode::Rehearse;
        if (Status s = resolveAll(*scratch); !s.ok())
            return s.error();
        writes.mode = Impl::ResolutionWrites::Mode::Replay;
    }
    Status done = d->writer.run(resolveAll);
    scratch.reset();
    if (!done.ok())
        return done.error();
    resp.success = resp.failed == 0;
    emit conflictsChanged(caller.tenant_id);
    return resp;
}

Result<ResolveResult> SyncEngine::resolveConflict(const Caller& caller, std::int64_t conflictId,
                                                  ConflictStrategy strategy,
                                                  const json& mergedData) {
    if (strategy == ConflictStrategy::Manual)
        return Error{ErrorCode::ValidationError, "manual is not a resolution"};
    // A unit of the writer's next group; kept only when the resolution succeeded.
    std::optional<ResolveResult> result;
    Impl::ResolutionWrites writes;
    writes.applier = d->applierFor(caller.tenant_id);
    writes.tenantId = caller.tenant_id;
    auto resolveOne = [&](WriteTransaction& tx) -> Status {
        result.reset();
        auto c = tx.conflict(caller.tenant_id, conflictId);
        if (!c.ok())
            return c.error();
        if (!c.value())
            return Error{ErrorCode::NotFound, "no conflict " + std::to_string(conflictId)};
        if (Status s = AccessPolicy::mayResolve(caller, c.value()->user_id, conflictId); !s.ok())
            return s;
        auto r = d->resolveStored(tx, caller, *c.value(), strategy, mergedData, writes);
        if (!r.ok())
            return r.error();
        result = std::move(r).value();
        if (result->status != ChangeStatus::Success) // an answer, not a write: roll back
            return Error{ErrorCode::ValidationError, "not resolved"};
        return Status{};
    };
    // Lives until the replay committed: it may hold the tenant's turn (PushApplier::rehearsal).
    auto rehearsal = writes.applier->rehearsal();
    if (!rehearsal.ok())
        return rehearsal.error();
    std::unique_ptr<WriteTransaction> scratch = std::move(rehearsal).value();
    if (scratch) {
        writes.mode = Impl::ResolutionWrites::Mode::Rehearse;
        Status rehearsed = resolveOne(*scratch);
        if (!rehearsed.ok() && !(result && result->status != ChangeStatus::Success))
            return rehearsed.error();
        if (result && result->status != ChangeStatus::Success) {
            emit conflictsChanged(caller.tenant_id);
            return *result; // refused (by Odoo, or already resolved): nothing to record
        }
        writes.mode = Impl::ResolutionWrites::Mode::Replay;
    }
    Status done = d->writer.run(resolveOne);
    scratch.reset();
    if (!done.ok() && !(result && result->status != ChangeStatus::Success))
        return done.error();
    emit conflictsChanged(caller.tenant_id);
    return *result;
}

// ---- state, reset, statistics -------------------------------------------------------------------

Result<SyncState> SyncEngine::state(const Caller& caller, const std::string& deviceId) {
    if (Status s = d->settle(caller.tenant_id, deviceId); !s.ok())
        return s.error();
    auto opened = d->snapshot();
    if (!opened.ok())
        return opened.error();
    ReadTransaction& tx = *opened.value();
    auto device = Impl::visibleDevice(tx, caller, deviceId, /*manage=*/false);
    if (!device.ok())
        return device.error();
    DeviceRow row;
    if (device.value()) {
        row = *device.value();
    } else { // a device that never synced: its state is the initial one
        row.device_id = deviceId;
        row.user_id = caller.user_id;
    }
    auto head = tx.headEventId(caller.tenant_id);
    if (!head.ok())
        return head.error();
    SyncState state = toState(row, head.value());
    // The open conflicts themselves, so a device can drop those resolved on the server.
    std::vector<std::string> open;
    constexpr int kPage = 500;
    for (int offset = 0;; offset += kPage) {
        auto rows = tx.conflicts(caller.tenant_id, 0, "open", kPage, offset, deviceId);
        if (!rows.ok())
            return rows.error();
        for (const auto& c : rows.value())
            open.push_back(c.local_id);
        if (int(rows.value().size()) < kPage)
            break;
    }
    state.open_conflict_local_ids = std::move(open);
    return state;
}

Result<ResetResponse> SyncEngine::reset(const Caller& caller, const std::string& deviceId) {
    // A unit of the writer's next group, after any pull of the device posted before it; a
    // pull running across it does not move the device's last_event_id afterwards.
    d->beginReset(caller.tenant_id, deviceId);
    Status done = d->writer.run([&](WriteTransaction& tx) -> Status {
        auto device = Impl::visibleDevice(tx, caller, deviceId, /*manage=*/true);
        if (!device.ok())
            return device.error();
        if (!device.value())
            return Status{};
        storage::DeviceUpdate u = deviceUpdate(*device.value());
        u.last_event_id = 0;
        u.reset_syncs = true;
        return tx.updateDevice(caller.tenant_id, u);
    });
    d->endReset(caller.tenant_id, deviceId, done.ok());
    if (!done.ok())
        return done.error();
    ResetResponse r;
    r.device_id = deviceId;
    return r;
}

Result<ReceivePreview> SyncEngine::receivePreview(const Caller& caller,
                                                  const std::string& deviceId) {
    // Settled: the device's last pull may still be recording its app type.
    auto read = d->readDevice(caller, deviceId);
    if (!read.ok())
        return read.error();
    ReadTransaction& tx = *read.value().tx;
    ReceivePreview out;
    if (!read.value().device->app_type)
        return out;
    out.app_type = read.value().device->app_type;
    auto map = tx.modelMap(caller.tenant_id);
    if (!map.ok())
        return map.error();
    auto models = map.value()->find(*out.app_type);
    if (models == map.value()->end())
        return out;
    for (const auto& entry : models->second) {
        auto volume = tx.recordVolume(caller.tenant_id, entry.model);
        if (!volume.ok())
            return volume.error();
        out.models.push_back({entry.model, volume.value().records, volume.value().bytes});
    }
    return out;
}

Result<std::vector<storage::DeviceHistoryRow>>
SyncEngine::deviceHistory(const Caller& caller, const std::string& deviceId, int limit) {
    // Settled: the device's latest pulls may still be on their way to the store.
    auto read = d->readDevice(caller, deviceId);
    if (!read.ok())
        return read.error();
    return read.value().tx->deviceHistory(caller.tenant_id, deviceId,
                                          std::clamp(limit, 1, storage::kDeviceHistoryRows));
}

json toJson(const storage::DeviceHistoryRow& h) {
    return json{{"at", formatTime(h.at)},
                {"kind", h.kind},
                {"changes", h.changes},
                {"applied", h.applied},
                {"conflicts", h.conflicts},
                {"failed", h.failed},
                {"duration_ms", h.duration_ms},
                {"pending_changes", h.pending_changes ? json(*h.pending_changes) : json()},
                {"oldest_pending_at", h.oldest_pending_at ? json(*h.oldest_pending_at) : json()},
                {"last_error", h.last_error ? json(*h.last_error) : json()}};
}

Result<Statistics> SyncEngine::statistics(const Caller& caller, const std::string& deviceId) {
    if (Status s = d->settle(caller.tenant_id, deviceId); !s.ok())
        return s.error();
    auto opened = d->snapshot();
    if (!opened.ok())
        return opened.error();
    auto device = Impl::visibleDevice(*opened.value(), caller, deviceId, /*manage=*/false);
    if (!device.ok())
        return device.error();
    Statistics s;
    s.device_id = deviceId;
    if (const auto& row = device.value()) {
        s.total_pushes = row->total_pushes;
        s.total_pulls = row->total_pulls;
        s.total_changes_pushed = row->changes_pushed;
        s.successful_changes = row->changes_succeeded;
        s.failed_changes = row->changes_failed;
        s.conflicts = row->changes_conflicted;
        s.total_events_pulled = row->total_events_synced;
        if (row->changes_pushed > 0) {
            s.success_rate = double(row->changes_succeeded) / double(row->changes_pushed);
            s.conflict_rate = double(row->changes_conflicted) / double(row->changes_pushed);
        }
        if (row->total_pushes > 0)
            s.average_push_time_ms = row->push_ms_total / double(row->total_pushes);
        if (row->total_pulls > 0)
            s.average_pull_time_ms = row->pull_ms_total / double(row->total_pulls);
        if (row->total_pushes + row->total_pulls > 0)
            s.average_sync_time_ms = (row->push_ms_total + row->pull_ms_total) /
                                     double(row->total_pushes + row->total_pulls);
        s.total_syncs = row->total_syncs;
        s.last_sync_time = fmt(row->last_sync_time);
        if (row->last_sync_time)
            s.last_sync_status = row->open_conflicts > 0 ? "conflict"
                                 : row->last_error       ? "error"
                                                         : "success";
        const Impl::Traffic pending = d->pendingTraffic(caller.tenant_id, deviceId);
        s.bytes_received = row->bytes_in + pending.bytes_in;
        s.bytes_sent = row->bytes_out + pending.bytes_out;
        s.last_push_time = fmt(row->last_push_time);
        s.last_pull_time = fmt(row->last_pull_time);
    }
    return s;
}

void SyncEngine::recordTraffic(const Caller& caller, const std::string& deviceId,
                               std::int64_t bytesIn, std::int64_t bytesOut) {
    // Saved with the device's next push or pull, in that call's transaction.
    d->addTraffic(caller.tenant_id, deviceId, {bytesIn, bytesOut});
}

// ---- console ------------------------------------------------------------------------------------

Result<Page<SyncState>> SyncEngine::devices(const Caller& caller, int limit, int offset,
                                            const std::string& search) {
    if (Status s = d->settle(caller.tenant_id); !s.ok())
        return s.error();
    auto opened = d->snapshot();
    if (!opened.ok())
        return opened.error();
    ReadTransaction& tx = *opened.value();
    const std::int64_t userFilter = AccessPolicy::seesWholeTenant(caller) ? 0 : caller.user_id;
    Page<SyncState> page;
    page.limit = std::clamp(limit, 1, 1000);
    page.offset = std::max(0, offset);
    auto head = tx.headEventId(caller.tenant_id);
    auto rows = tx.devices(caller.tenant_id, userFilter, page.limit, page.offset, search);
    auto total = tx.countDevices(caller.tenant_id, userFilter, search);
    if (!head.ok() || !rows.ok() || !total.ok())
        return !head.ok() ? head.error() : !rows.ok() ? rows.error() : total.error();
    for (const auto& row : rows.value())
        page.items.push_back(toState(row, head.value()));
    page.total = total.value();
    return page;
}

Result<Page<ConflictRecord>> SyncEngine::conflicts(const Caller& caller, const std::string& status,
                                                   int limit, int offset) {
    if (!status.empty() && status != "open" && status != "resolved")
        return Error{ErrorCode::ValidationError, "status must be open or resolved"};
    auto opened = d->snapshot();
    if (!opened.ok())
        return opened.error();
    ReadTransaction& tx = *opened.value();
    const std::int64_t userFilter = AccessPolicy::seesWholeTenant(caller) ? 0 : caller.user_id;
    Page<ConflictRecord> page;
    page.limit = std::clamp(limit, 1, 1000);
    page.offset = std::max(0, offset);
    auto rows = tx.conflicts(caller.tenant_id, userFilter, status, page.limit, page.offset);
    auto total = tx.countConflicts(caller.tenant_id, userFilter, status);
    if (!rows.ok() || !total.ok())
        return !rows.ok() ? rows.error() : total.error();
    for (const auto& row : rows.value())
        page.items.push_back(toRecord(row));
    page.total = total.value();
    return page;
}

Result<ConflictRecord> SyncEngine::conflict(const Caller& caller, std::int64_t conflictId) {
    auto opened = d->snapshot();
    if (!opened.ok())
        return opened.error();
    auto c = opened.value()->conflict(caller.tenant_id, conflictId);
    if (!c.ok())
        return c.error();
    const auto& row = c.value();
    if (!row || !AccessPolicy::mayReadDevice(caller, row->user_id, row->device_id).ok())
        return Error{ErrorCode::NotFound, "no conflict " + std::to_string(conflictId)};
    return toRecord(*row);
}

Result<Page<Event>> SyncEngine::events(const Caller& caller, const EventQuery& query) {
    if (Status s = AccessPolicy::mayReadTenantActivity(caller, "the event log"); !s.ok())
        return s.error();
    auto opened = d->snapshot();
    if (!opened.ok())
        return opened.error();
    ReadTransaction& tx = *opened.value();
    storage::EventFilter f;
    f.all_models = !query.model;
    if (query.model)
        f.models = {*query.model};
    f.action = query.action;
    f.device_id = query.device_id;
    f.after_event_id = query.after_event_id.value_or(0);
    f.limit = std::clamp(query.limit, 1, 1000);
    f.offset = std::max(0, query.offset);
    f.descending = query.newest_first;
    Page<Event> page;
    page.limit = f.limit;
    page.offset = f.offset;
    auto rows = tx.events(caller.tenant_id, f, true);
    // A tenant's events are numbered 1..head without gaps (its counter row, advanced in the
    // write transaction) and never deleted: unfiltered, the total needs no count.
    const bool unfiltered = !query.model && !query.action && !query.device_id;
    auto total =
        unfiltered ? tx.headEventId(caller.tenant_id) : tx.countEvents(caller.tenant_id, f);
    if (unfiltered && total.ok())
        total = std::max<std::int64_t>(0, total.value() - f.after_event_id);
    if (!rows.ok() || !total.ok())
        return !rows.ok() ? rows.error() : total.error();
    for (auto& e : rows.value())
        page.items.push_back(toEvent(e, true, true));
    page.total = total.value();
    return page;
}

Result<std::vector<MetricPoint>> SyncEngine::metrics(const Caller& caller, Millis from, Millis to,
                                                     Millis bucketMs) {
    if (Status s = AccessPolicy::mayReadTenantActivity(caller, "metrics"); !s.ok())
        return s.error();
    if (bucketMs < kMetricBucketMs || to < from || (to - from) / bucketMs > 10'000)
        return Error{ErrorCode::ValidationError,
                     "the window must be ordered, in steps of at least 10 s, at most 10,000"};
    from -= from % bucketMs;
    if (Status s = d->settle(caller.tenant_id); !s.ok())
        return s.error();
    auto opened = d->snapshot();
    if (!opened.ok())
        return opened.error();
    auto buckets = opened.value()->metricBuckets(caller.tenant_id, from, to);
    if (!buckets.ok())
        return buckets.error();
    std::vector<MetricPoint> out;
    std::vector<std::vector<double>> samples;
    for (Millis t = from; t <= to; t += bucketMs) {
        out.push_back(MetricPoint{t});
        samples.emplace_back();
    }
    for (const auto& b : buckets.value()) {
        const std::size_t k = std::size_t((b.bucket_start - from) / bucketMs);
        if (k >= out.size())
            continue;
        MetricPoint& p = out[k];
        p.pushes += b.pushes;
        p.changes_pushed += b.changes_pushed;
        p.pulls += b.pulls;
        p.events_pulled += b.events_pulled;
        p.conflicts += b.conflicts;
        p.failures += b.failures;
        p.push_ms_sum += b.push_ms_sum;
        samples[k].insert(samples[k].end(), b.push_ms_samples.begin(), b.push_ms_samples.end());
    }
    for (std::size_t k = 0; k < out.size(); ++k) {
        auto& s = samples[k];
        if (s.empty())
            continue;
        const auto quantile = [&s](double q) {
            const std::size_t idx = std::min(s.size() - 1, std::size_t(q * double(s.size())));
            std::nth_element(s.begin(), s.begin() + std::ptrdiff_t(idx), s.end());
            return s[idx];
        };
        out[k].push_ms_p50 = quantile(0.5);
        out[k].push_ms_p95 = quantile(0.95);
    }
    return out;
}

Result<TenantSummary> SyncEngine::summary(const Caller& caller) {
    if (Status s = AccessPolicy::mayReadTenantActivity(caller, "the summary"); !s.ok())
        return s.error();
    if (Status s = d->settle(caller.tenant_id); !s.ok())
        return s.error();
    auto opened = d->snapshot();
    if (!opened.ok())
        return opened.error();
    ReadTransaction& tx = *opened.value();
    auto devices = tx.countDevices(caller.tenant_id, 0, {});
    auto stale = tx.countStaleDevices(caller.tenant_id, d->clock.now() - kStaleAfterMs);
    auto pending = tx.sumPendingChanges(caller.tenant_id);
    auto open = tx.countConflicts(caller.tenant_id, 0, "open");
    auto head = tx.headEventId(caller.tenant_id);
    auto users = tx.users(caller.tenant_id);
    for (const Error* e :
         {devices.ok() ? nullptr : &devices.error(), stale.ok() ? nullptr : &stale.error(),
          pending.ok() ? nullptr : &pending.error(), open.ok() ? nullptr : &open.error(),
          head.ok() ? nullptr : &head.error(), users.ok() ? nullptr : &users.error()})
        if (e)
            return *e;
    TenantSummary s;
    s.devices = devices.value();
    s.stale_devices = stale.value();
    s.pending_changes = pending.value();
    s.open_conflicts = open.value();
    s.head_event_id = head.value();
    s.users = std::int64_t(users.value().size());
    return s;
}

Result<LedgerLookup> SyncEngine::ledgerLookup(const Caller& caller, const std::string& deviceId,
                                              const std::string& localId) {
    if (Status s = AccessPolicy::mayReadTenantActivity(caller, "the ledger"); !s.ok())
        return s.error();
    // A device this tenant never saw is not an error: its change was not applied (and another
    // tenant's device id tells the caller nothing).
    auto read = d->readDevice(caller, deviceId, /*mayBeUnknown=*/true);
    if (!read.ok())
        return read.error();
    ReadTransaction& tx = *read.value().tx;
    auto entries = tx.ledger(caller.tenant_id, deviceId, {localId});
    if (!entries.ok())
        return entries.error();
    LedgerLookup out;
    if (entries.value().empty())
        return out;
    const LedgerEntry& e = entries.value().front();
    out.found = true;
    out.model = e.model;
    out.server_id = e.server_id;
    out.created = e.created;
    out.status = "success";
    // A plain success is stored as its version; anything else as the first answer.
    const json result = json::parse(e.result_json, nullptr, false);
    if (result.is_number_integer()) {
        out.version = result.get<std::int64_t>();
    } else if (result.is_object()) {
        if (auto it = result.find("status"); it != result.end() && it->is_string())
            out.status = it->get<std::string>();
        if (auto it = result.find("version"); it != result.end() && it->is_number_integer())
            out.version = it->get<std::int64_t>();
        if (auto it = result.find("conflict_info"); it != result.end() && it->is_object())
            if (auto id = it->find("conflict_id"); id != it->end() && id->is_number_integer())
                out.conflict_id = id->get<std::int64_t>();
    }
    if (out.server_id && out.version && *out.version > 0) {
        auto events = tx.recordEvents(caller.tenant_id, e.model, *out.server_id, *out.version - 1,
                                      *out.version);
        if (!events.ok())
            return events.error();
        for (const auto& ev : events.value())
            if (ev.device_id == deviceId && ev.local_id == localId) {
                out.applied_at = formatTime(ev.timestamp);
                out.event_id = ev.event_id;
            }
    }
    return out;
}

Result<json> SyncEngine::record(const Caller& caller, const std::string& model, std::int64_t id) {
    auto opened = d->snapshot();
    if (!opened.ok())
        return opened.error();
    ReadTransaction& tx = *opened.value();
    auto models = d->tenantModels(tx, caller.tenant_id);
    if (!models.ok())
        return models.error();
    if (!models.value()->count(model))
        return Error{ErrorCode::UnknownModel, "model '" + model + "' is not in any app type"};
    auto found = tx.record(caller.tenant_id, model, id);
    if (!found.ok())
        return found.error();
    const auto& row = found.value();
    if (!row || row->deleted)
        return Error{ErrorCode::RecordNotFound, model + " " + std::to_string(id) + " not found"};
    return json{{"id", row->id},
                {"model", model},
                {"version", row->version},
                {"write_date", formatTime(row->write_date)},
                {"data", withId(row->data, row->id)}};
}

Result<storage::ModelMap> SyncEngine::modelMap(const Caller& caller) {
    auto opened = d->snapshot();
    if (!opened.ok())
        return opened.error();
    auto map = opened.value()->modelMap(caller.tenant_id);
    if (!map.ok())
        return map.error();
    return *map.value();
}

Status SyncEngine::setAppTypeModels(const Caller& caller, const std::string& appType,
                                    const std::vector<storage::ModelEntry>& models) {
    if (Status s = AccessPolicy::mayEditModelMap(caller); !s.ok())
        return s;
    if (appType.empty())
        return Error{ErrorCode::ValidationError, "an app type needs a name"};
    for (const auto& m : models)
        if (m.model.empty())
            return Error{ErrorCode::ValidationError, "a model needs a name"};
    return d->writer.run([&](WriteTransaction& tx) {
        return tx.setAppTypeModels(caller.tenant_id, appType, models);
    });
}

Health SyncEngine::health() {
    Health h;
    h.database_ok = m_store->healthy();
    h.schema_version = m_store->schemaVersion();
    h.detail = h.database_ok ? "ok" : "the database does not answer";
    return h;
}

} // namespace bridgecore::engine
