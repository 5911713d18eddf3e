#include "engine/SyncEngine.h"

#include <QCryptographicHash>
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
using storage::RecordRow;
using storage::Transaction;

namespace {

constexpr Millis kMetricBucketMs = 10'000;

double msSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

Error forbidden(const std::string& what) {
    return Error{ErrorCode::Forbidden, what};
}

bool isStaff(const Caller& c) {
    return c.role == Role::Support || c.role == Role::Admin;
}

/// Stable digest of what a change does; a resend with the same local_id must match it.
std::string contentHash(const Change& c, const std::string& dataText) {
    QCryptographicHash hash(QCryptographicHash::Sha1);
    auto add = [&](std::string_view part) {
        hash.addData(QByteArrayView(part.data(), qsizetype(part.size())));
        hash.addData(QByteArrayView("\0", 1));
    };
    add(toString(c.action));
    add(c.model);
    if (auto id = std::get_if<std::int64_t>(&c.record_id))
        add("#" + std::to_string(*id));
    else if (auto ref = std::get_if<std::string>(&c.record_id))
        add("$" + *ref);
    else
        add("-");
    add(c.version ? std::to_string(*c.version) : std::string("-"));
    add(dataText);
    return hash.result().toHex().toStdString();
}

/// The text of a record's data with "id" first: {"id":7,...}.
std::string withIdText(const std::string& dataText, std::int64_t id) {
    std::string out = "{\"id\":" + std::to_string(id);
    if (dataText.size() > 2)
        out.append(",").append(dataText, 1, std::string::npos);
    else
        out.push_back('}');
    return out;
}

template <typename F> void forEachString(const json& j, F&& f) {
    switch (j.type()) {
    case json::value_t::string:
        f(j.get_ref<const std::string&>());
        break;
    case json::value_t::array:
        for (const auto& v : j)
            forEachString(v, f);
        break;
    case json::value_t::object:
        for (const auto& [k, v] : j.items())
            forEachString(v, f);
        break;
    default:
        break;
    }
}

/// Replaces every string that names a created record's local_id by its server id.
/// Returns how many it replaced.
template <typename Lookup> int replaceRefs(json& j, const Lookup& lookup) {
    int replaced = 0;
    switch (j.type()) {
    case json::value_t::string:
        if (auto id = lookup(j.get_ref<const std::string&>())) {
            j = *id;
            ++replaced;
        }
        break;
    case json::value_t::array:
        for (auto& v : j)
            replaced += replaceRefs(v, lookup);
        break;
    case json::value_t::object:
        for (auto& [k, v] : j.items())
            replaced += replaceRefs(v, lookup);
        break;
    default:
        break;
    }
    return replaced;
}

json withId(const json& data, std::int64_t id) {
    json out = json::object();
    out["id"] = id;
    for (const auto& [k, v] : data.items())
        if (k != "id")
            out[k] = v;
    return out;
}

std::string syncToken(std::int64_t userId, const std::string& deviceId, Millis now) {
    return std::to_string(userId) + "_" + deviceId + "_" + std::to_string(now / 1000);
}

std::optional<std::string> fmt(std::optional<Millis> t) {
    return t ? std::optional(formatTime(*t)) : std::nullopt;
}

void applyReport(DeviceRow& d, const QueueReport& r, Millis now) {
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
    storage::SyncStore& store;
    const Clock& clock;

    struct ModelInfo {
        std::optional<EventPriority> priority;
        std::string category;
    };
    using Models = std::unordered_map<std::string, ModelInfo>;

    /// Every model of every app type of the tenant (a user may sync any of its app types).
    Models tenantModels(std::int64_t tenantId) {
        Models out;
        for (const auto& [appType, entries] : store.modelMap(tenantId))
            for (const auto& e : entries)
                out.try_emplace(e.model, ModelInfo{e.priority, e.category});
        return out;
    }

    /// The device's row for a sync call by its user; a new device is registered to the caller.
    Result<DeviceRow> ownDevice(const Caller& caller, const std::string& deviceId, Millis now) {
        auto d = store.device(caller.tenant_id, deviceId);
        if (!d) {
            DeviceRow row;
            row.device_id = deviceId;
            row.user_id = caller.user_id;
            row.created_at = now;
            return row;
        }
        if (d->user_id != caller.user_id)
            return forbidden("device '" + deviceId + "' belongs to another user");
        return *d;
    }

    /// The device for a read (owner, support or admin) or a management call (owner or admin).
    Result<std::optional<DeviceRow>> visibleDevice(const Caller& caller,
                                                   const std::string& deviceId, bool manage) {
        auto d = store.device(caller.tenant_id, deviceId);
        if (d && d->user_id != caller.user_id) {
            const bool allowed = manage ? caller.role == Role::Admin : isStaff(caller);
            if (!allowed)
                return forbidden("device '" + deviceId + "' belongs to another user");
        }
        return d;
    }

    /// Saves the device's state (and the call's metrics) in one transaction.
    Status saveDevice(std::int64_t tenantId, const DeviceRow& row,
                      const std::optional<storage::MetricDelta>& metrics = std::nullopt) {
        Transaction tx(store);
        Status s = tx.status();
        if (s.ok())
            s = store.saveDevice(tenantId, row);
        if (s.ok() && metrics)
            recordMetrics(tenantId, clock.now(), *metrics);
        return s.ok() ? tx.commit() : s;
    }

    void recordMetrics(std::int64_t tenantId, Millis now, const storage::MetricDelta& delta) {
        if (Status s = store.addMetrics(tenantId, now - now % kMetricBucketMs, delta); !s.ok())
            qCWarning(lcEngine, "metrics not recorded: %s", s.error().message.c_str());
    }

    EventPriority eventPriority(const Models& models, const std::string& model, int priority) {
        auto it = models.find(model);
        if (it != models.end() && it->second.priority)
            return *it->second.priority;
        return priorityClass(priority);
    }

    std::string category(const Models& models, const std::string& model) {
        auto it = models.find(model);
        return it != models.end() && !it->second.category.empty() ? it->second.category
                                                                  : "business";
    }

    /// Writes the record (insert when row.id == 0) and its event in the open transaction.
    Result<std::int64_t> write(std::int64_t tenantId, RecordRow& row, EventAction action,
                               std::vector<std::string> changed, EventPriority priority,
                               const std::string& category, const Caller& caller,
                               const std::string& deviceId, const std::string& localId) {
        if (row.data_text.empty())
            row.data_text = row.data.dump();
        if (row.id == 0) {
            auto id = store.insertRecord(tenantId, row);
            if (!id.ok())
                return id.error();
            row.id = id.value();
        } else if (Status s = store.updateRecord(tenantId, row); !s.ok()) {
            return s.error();
        }
        EventRow ev;
        ev.model = row.model;
        ev.record_id = row.id;
        ev.action = action;
        ev.timestamp = row.write_date;
        ev.data_text =
            withIdText(action == EventAction::Unlink ? std::string("{}") : row.data_text, row.id);
        row.data_text.clear(); // the text is only valid until data changes again
        ev.changed_fields = std::move(changed);
        ev.priority = priority;
        ev.category = category;
        ev.user_id = caller.user_id;
        ev.device_id = deviceId;
        ev.local_id = localId;
        ev.version = row.version;
        return store.appendEvent(tenantId, ev);
    }

    /// Merges `fields` into the record and writes it as one new version.
    Result<std::int64_t> writeFields(std::int64_t tenantId, RecordRow& row, const json& fields,
                                     Millis now, EventPriority priority,
                                     const std::string& category, const Caller& caller,
                                     const std::string& deviceId, const std::string& localId) {
        const bool resurrect = row.deleted;
        row.data_text.clear();
        std::vector<std::string> changed;
        for (const auto& [k, v] : fields.items()) {
            if (k == "id")
                continue;
            row.data[k] = v;
            changed.push_back(k);
        }
        row.deleted = false;
        row.version += 1;
        row.write_date = now;
        return write(tenantId, row, resurrect ? EventAction::Create : EventAction::Write,
                     std::move(changed), priority, category, caller, deviceId, localId);
    }

    Result<std::int64_t> deleteRecord(std::int64_t tenantId, RecordRow& row, Millis now,
                                      EventPriority priority, const std::string& category,
                                      const Caller& caller, const std::string& deviceId,
                                      const std::string& localId) {
        row.deleted = true;
        row.version += 1;
        row.write_date = now;
        return write(tenantId, row, EventAction::Unlink, {}, priority, category, caller, deviceId,
                     localId);
    }

    Result<ResolveResult> resolveStored(const Caller& caller, ConflictRow c,
                                        ConflictStrategy strategy, const json& merged);
};

SyncEngine::SyncEngine(std::shared_ptr<storage::SyncStore> store, const Clock& clock,
                       QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Impl>(Impl{*store, clock}))
    , m_store(std::move(store)) {}

SyncEngine::~SyncEngine() = default;

// ---- push ---------------------------------------------------------------------------------------

Result<PushResponse> SyncEngine::push(const Caller& caller, const PushRequest& req) {
    const auto started = std::chrono::steady_clock::now();
    std::lock_guard lock(m_store->mutex());
    const Millis now = d->clock.now();
    auto deviceResult = d->ownDevice(caller, req.device_id, now);
    if (!deviceResult.ok())
        return deviceResult.error();
    DeviceRow device = std::move(deviceResult).value();
    const auto models = d->tenantModels(caller.tenant_id);
    const std::size_t n = req.changes.size();

    PushResponse resp;
    resp.total = int(n);
    resp.results.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Change& c = req.changes[i];
        ChangeResult& r = resp.results[i];
        r.local_id = c.local_id;
        r.action = c.action;
        r.model = c.model;
    }

    // Index the request, and look up in one query every string that may name an earlier change.
    std::unordered_map<std::string, std::size_t> byLocalId, createByLocalId;
    std::vector<std::string> lookups;
    for (std::size_t i = 0; i < n; ++i) {
        const Change& c = req.changes[i];
        byLocalId.emplace(c.local_id, i);
        if (c.action == Action::Create)
            createByLocalId.emplace(c.local_id, i);
        lookups.push_back(c.local_id);
        for (const auto& dep : c.dependencies)
            lookups.push_back(dep);
        if (auto ref = std::get_if<std::string>(&c.record_id))
            lookups.push_back(*ref);
        forEachString(c.data, [&](const std::string& s) {
            if (s.size() >= kMinIdLength)
                lookups.push_back(s);
        });
    }
    std::sort(lookups.begin(), lookups.end());
    lookups.erase(std::unique(lookups.begin(), lookups.end()), lookups.end());
    std::unordered_map<std::string, LedgerEntry> ledger;
    for (auto& e : d->store.ledger(caller.tenant_id, req.device_id, lookups))
        ledger.emplace(e.local_id, std::move(e));

    // Dependency graph: explicit dependencies plus implicit references to creates.
    std::vector<std::vector<std::size_t>> deps(n), dependents(n);
    std::vector<std::optional<std::string>> unresolved(n);
    auto addEdge = [&](std::size_t from, std::size_t to) {
        if (from == to)
            return;
        if (std::find(deps[from].begin(), deps[from].end(), to) == deps[from].end()) {
            deps[from].push_back(to);
            dependents[to].push_back(from);
        }
    };
    for (std::size_t i = 0; i < n; ++i) {
        const Change& c = req.changes[i];
        for (const auto& dep : c.dependencies) {
            if (auto it = byLocalId.find(dep); it != byLocalId.end())
                addEdge(i, it->second);
            else if (!ledger.count(dep))
                unresolved[i] = "dependency '" + dep + "' is not in this push nor pushed before";
        }
        if (auto ref = std::get_if<std::string>(&c.record_id); ref && c.action != Action::Create) {
            if (auto it = createByLocalId.find(*ref); it != createByLocalId.end())
                addEdge(i, it->second);
            else if (auto l = ledger.find(*ref); l == ledger.end() || !l->second.created)
                unresolved[i] = "record_id '" + *ref + "' names no record created by this device";
        }
        forEachString(c.data, [&](const std::string& s) {
            if (auto it = createByLocalId.find(s); it != createByLocalId.end())
                addEdge(i, it->second);
        });
    }

    // Cycles: strongly connected components of more than one change (Tarjan).
    std::vector<bool> inCycle(n, false);
    {
        std::vector<int> index(n, -1), low(n, 0);
        std::vector<bool> onStack(n, false);
        std::vector<std::size_t> stack;
        int counter = 0;
        // Iterative DFS to survive long dependency chains.
        for (std::size_t root = 0; root < n; ++root) {
            if (index[root] != -1)
                continue;
            std::vector<std::pair<std::size_t, std::size_t>> work{{root, 0}};
            while (!work.empty()) {
                auto& [v, next] = work.back();
                if (next == 0 && index[v] == -1) {
                    index[v] = low[v] = counter++;
                    stack.push_back(v);
                    onStack[v] = true;
                }
                if (next < deps[v].size()) {
                    std::size_t w = deps[v][next++];
                    if (index[w] == -1)
                        work.emplace_back(w, 0);
                    else if (onStack[w])
                        low[v] = std::min(low[v], index[w]);
                    continue;
                }
                if (low[v] == index[v]) {
                    std::vector<std::size_t> scc;
                    std::size_t w;
                    do {
                        w = stack.back();
                        stack.pop_back();
                        onStack[w] = false;
                        scc.push_back(w);
                    } while (w != v);
                    if (scc.size() > 1)
                        for (auto m : scc)
                            inCycle[m] = true;
                }
                std::size_t finished = v;
                work.pop_back();
                if (!work.empty())
                    low[work.back().first] = std::min(low[work.back().first], low[finished]);
            }
        }
    }

    // Order: topological, ties by higher priority then request order. Cycle members go first
    // (they fail at once), so everything that depends on them sees the failure.
    std::vector<std::size_t> order;
    order.reserve(n);
    {
        std::vector<std::size_t> pending(n, 0);
        auto cmp = [&](std::size_t a, std::size_t b) {
            const int pa = req.changes[a].priority, pb = req.changes[b].priority;
            return pa != pb ? pa < pb : a > b;
        };
        std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(cmp)> ready(cmp);
        for (std::size_t i = 0; i < n; ++i) {
            if (inCycle[i]) {
                order.push_back(i);
                continue;
            }
            for (auto dep : deps[i])
                if (!inCycle[dep])
                    ++pending[i];
            if (pending[i] == 0)
                ready.push(i);
        }
        while (!ready.empty()) {
            std::size_t i = ready.top();
            ready.pop();
            order.push_back(i);
            for (auto dependent : dependents[i])
                if (!inCycle[dependent] && --pending[dependent] == 0)
                    ready.push(dependent);
        }
    }

    // Server ids of records created by this device, in this push or before.
    std::unordered_map<std::string, std::int64_t> idMap;
    auto serverIdOf = [&](const std::string& localId) -> std::optional<std::int64_t> {
        if (auto it = idMap.find(localId); it != idMap.end())
            return it->second;
        if (createByLocalId.count(localId))
            return std::nullopt; // created in this push but not (yet, or successfully) applied
        if (auto l = ledger.find(localId); l != ledger.end() && l->second.created)
            return l->second.server_id;
        return std::nullopt;
    };
    auto refLookup = [&](const std::string& s) -> std::optional<std::int64_t> {
        if (s.size() < kMinIdLength)
            return std::nullopt;
        return serverIdOf(s);
    };

    std::vector<bool> done(n, false);
    auto fail = [&](std::size_t i, ErrorCode code, std::string message) {
        ChangeResult& r = resp.results[i];
        r.status = ChangeStatus::Failed;
        r.error_code = code;
        r.error = std::move(message);
        r.server_timestamp = formatTime(now);
    };

    // Applies one change inside the open transaction. Returns a storage error to roll back.
    auto apply = [&](std::size_t i) -> Status {
        const Change& c = req.changes[i];
        ChangeResult& r = resp.results[i];
        const auto changeStarted = std::chrono::steady_clock::now();
        r.server_timestamp = formatTime(now);
        std::string dataText = c.data.dump(); // hashed, and stored as is when nothing is mapped
        const std::string hash = contentHash(c, dataText);

        if (auto l = ledger.find(c.local_id); l != ledger.end()) {
            if (l->second.content_hash != hash) {
                fail(i, ErrorCode::LocalIdReused,
                     "local_id '" + c.local_id + "' was pushed before with other content");
                return {};
            }
            json stored = json::parse(l->second.result_json, nullptr, false);
            if (stored.is_number_integer()) { // a plain success: only its version was kept
                r.status = ChangeStatus::Success;
                r.server_id = l->second.server_id;
                r.version = stored.get<std::int64_t>();
            } else if (stored.is_object()) {
                r = changeResultFromJson(stored);
            }
            r.duplicate = true;
            if (l->second.created && l->second.server_id)
                idMap[c.local_id] = *l->second.server_id;
            r.processing_time_ms = msSince(changeStarted);
            return {};
        }
        if (!models.count(c.model)) {
            fail(i, ErrorCode::UnknownModel,
                 "model '" + c.model + "' is not in any app type of this tenant");
            return {};
        }
        if (c.action != Action::Create && std::holds_alternative<std::monostate>(c.record_id)) {
            fail(i, ErrorCode::MissingRecordId,
                 "an " + std::string(toString(c.action)) + " needs a record_id");
            return {};
        }
        if (inCycle[i]) {
            fail(i, ErrorCode::DependencyCycle,
                 "change '" + c.local_id + "' is part of a dependency cycle");
            return {};
        }
        if (unresolved[i]) {
            fail(i, ErrorCode::UnresolvedReference, *unresolved[i]);
            return {};
        }
        for (auto dep : deps[i]) {
            const ChangeResult& dr = resp.results[dep];
            if (!done[dep] || dr.status != ChangeStatus::Success) {
                fail(i, ErrorCode::DependencyFailed,
                     "dependency '" + dr.local_id + "' was not applied" +
                         (dr.error ? ": " + *dr.error : std::string()));
                return {};
            }
        }

        const EventPriority priority = d->eventPriority(models, c.model, c.priority);
        const std::string category = d->category(models, c.model);
        json data = c.data.is_object() ? c.data : json::object();
        if (replaceRefs(data, refLookup) > 0 || data.erase("id") > 0 || !c.data.is_object())
            dataText.clear();
        LedgerEntry entry{c.local_id, hash, c.model, std::nullopt, c.action == Action::Create, {}};

        auto finish = [&]() -> Status {
            r.processing_time_ms = msSince(changeStarted);
            entry.server_id = r.server_id;
            // A plain success is remembered by its version alone; anything else in full.
            entry.result_json = r.status == ChangeStatus::Success && !r.conflict_info && r.version
                                    ? std::to_string(*r.version)
                                    : toJson(r).dump();
            return d->store.remember(caller.tenant_id, req.device_id, entry, now);
        };

        if (c.action == Action::Create) {
            RecordRow row;
            row.model = c.model;
            row.data = std::move(data);
            row.data_text = std::move(dataText);
            row.version = 1;
            row.create_date = row.write_date = now;
            std::vector<std::string> changed;
            for (const auto& [k, v] : row.data.items())
                changed.push_back(k);
            auto ev = d->write(caller.tenant_id, row, EventAction::Create, std::move(changed),
                               priority, category, caller, req.device_id, c.local_id);
            if (!ev.ok())
                return ev.error();
            r.status = ChangeStatus::Success;
            r.server_id = row.id;
            r.version = row.version;
            idMap[c.local_id] = row.id;
            return finish();
        }

        // update / delete: find the target.
        std::int64_t targetId = 0;
        if (auto id = std::get_if<std::int64_t>(&c.record_id)) {
            targetId = *id;
        } else {
            auto sid = serverIdOf(std::get<std::string>(c.record_id));
            if (!sid) {
                fail(i, ErrorCode::UnresolvedReference,
                     "record_id '" + std::get<std::string>(c.record_id) + "' has no server id");
                return {};
            }
            targetId = *sid;
        }
        auto found = d->store.record(caller.tenant_id, c.model, targetId);
        if (!found) {
            fail(i, ErrorCode::RecordNotFound,
                 c.model + " " + std::to_string(targetId) + " does not exist");
            return {};
        }
        RecordRow row = std::move(*found);
        r.server_id = row.id;

        if (c.action == Action::Delete && row.deleted) {
            r.status = ChangeStatus::Success; // already gone: nothing to apply
            r.version = row.version;
            return finish();
        }

        // The client's changed fields, with their new values.
        json local = json::object();
        if (c.action == Action::Update)
            for (const auto& f : c.changedFields())
                if (data.contains(f) && f != "id")
                    local[f] = data[f];

        // Server changes concurrent with this one.
        std::vector<EventRow> concurrent;
        std::optional<std::int64_t> baseVersion; // the version the client edited, when known
        if (c.version && *c.version >= 1) {
            if (row.version > *c.version)
                concurrent = d->store.recordEvents(caller.tenant_id, c.model, row.id, *c.version,
                                                   row.version);
            baseVersion = *c.version;
        } else {
            concurrent =
                d->store.recordEventsAfter(caller.tenant_id, c.model, row.id, c.local_time);
            if (!concurrent.empty())
                baseVersion = concurrent.front().version - 1;
        }
        std::set<std::string> serverChanged;
        Millis serverTime = 0;
        for (const auto& e : concurrent) {
            serverChanged.insert(e.changed_fields.begin(), e.changed_fields.end());
            serverTime = std::max(serverTime, e.timestamp);
        }
        if (serverTime == 0)
            serverTime = row.write_date;

        std::vector<std::string> conflicting;
        bool wholeRecord = false;
        if (row.deleted) { // update of a record deleted on the server
            wholeRecord = true;
            for (const auto& [k, v] : local.items())
                conflicting.push_back(k);
        } else if (c.action == Action::Delete) {
            if (!concurrent.empty()) { // delete of a record updated concurrently
                wholeRecord = true;
                conflicting.assign(serverChanged.begin(), serverChanged.end());
            }
        } else {
            for (const auto& [k, v] : local.items())
                if (serverChanged.count(k) && (!row.data.contains(k) || row.data[k] != v))
                    conflicting.push_back(k);
        }

        auto applyLocal = [&](const json& fields) -> Status {
            if (c.action == Action::Delete) {
                auto ev = d->deleteRecord(caller.tenant_id, row, now, priority, category, caller,
                                          req.device_id, c.local_id);
                return ev.ok() ? Status{} : Status(ev.error());
            }
            if (fields.empty() && !row.deleted)
                return {};
            auto ev = d->writeFields(caller.tenant_id, row, fields, now, priority, category, caller,
                                     req.device_id, c.local_id);
            return ev.ok() ? Status{} : Status(ev.error());
        };

        if (conflicting.empty() && !wholeRecord) { // no conflict, or a field-level auto-merge
            if (Status s = applyLocal(local); !s.ok())
                return s;
            r.status = ChangeStatus::Success;
            r.version = row.version;
            return finish();
        }

        // A conflict: decide by strategy.
        ConflictRow conflict;
        conflict.device_id = req.device_id;
        conflict.user_id = caller.user_id;
        conflict.local_id = c.local_id;
        conflict.model = c.model;
        conflict.record_id = row.id;
        conflict.action = c.action;
        conflict.strategy = req.conflict_strategy;
        conflict.conflicting_fields = conflicting;
        conflict.local_data = local;
        conflict.server_data = row.deleted ? json::object() : row.data;
        conflict.base_data =
            baseVersion ? d->store.recordAtVersion(caller.tenant_id, c.model, row.id, *baseVersion)
                        : json(nullptr);
        conflict.local_version = c.version;
        conflict.server_version = row.version;
        conflict.local_timestamp = c.local_time;
        conflict.server_timestamp = serverTime;
        conflict.created_at = now;

        const std::set<std::string> conflictSet(conflicting.begin(), conflicting.end());
        json nonConflicting = json::object();
        for (const auto& [k, v] : local.items())
            if (!conflictSet.count(k))
                nonConflicting[k] = v;

        enum class Outcome { ClientWins, ServerWins, Merged, Held };
        Outcome outcome = Outcome::Held;
        json mergedFields;
        switch (req.conflict_strategy) {
        case ConflictStrategy::ClientWins:
            outcome = Outcome::ClientWins;
            break;
        case ConflictStrategy::ServerWins:
            outcome = Outcome::ServerWins;
            break;
        case ConflictStrategy::NewestWins:
            outcome = c.local_time > serverTime ? Outcome::ClientWins : Outcome::ServerWins;
            break;
        case ConflictStrategy::Merge: {
            bool covered = c.merged_data.is_object();
            for (const auto& f : conflicting)
                covered = covered && c.merged_data.contains(f);
            if (covered) {
                outcome = Outcome::Merged;
                mergedFields = c.merged_data;
                replaceRefs(mergedFields, refLookup);
                mergedFields.erase("id");
            }
            break;
        }
        case ConflictStrategy::Manual:
            break;
        }

        Status s;
        switch (outcome) {
        case Outcome::ClientWins:
            s = applyLocal(local);
            conflict.resolution = Resolution::ClientWins;
            r.status = ChangeStatus::Success;
            break;
        case Outcome::ServerWins:
            // The server keeps the conflicting fields; the client's other fields still apply.
            if (c.action == Action::Update && !row.deleted)
                s = applyLocal(nonConflicting);
            conflict.resolution = Resolution::ServerWins;
            r.status = ChangeStatus::Conflict;
            break;
        case Outcome::Merged: {
            json fields = nonConflicting;
            for (const auto& [k, v] : mergedFields.items())
                fields[k] = v;
            if (!fields.empty() || row.deleted) {
                auto ev = d->writeFields(caller.tenant_id, row, fields, now, priority, category,
                                         caller, req.device_id, c.local_id);
                if (!ev.ok())
                    s = ev.error();
            }
            conflict.resolution = Resolution::Merged;
            r.status = ChangeStatus::Success;
            break;
        }
        case Outcome::Held:
            // merge without usable merged_data keeps the uncontested fields; manual applies none.
            if (req.conflict_strategy == ConflictStrategy::Merge && c.action == Action::Update &&
                !row.deleted)
                s = applyLocal(nonConflicting);
            conflict.resolution = Resolution::Manual;
            conflict.open = true;
            r.status = ChangeStatus::Conflict;
            break;
        }
        if (!s.ok())
            return s;
        if (outcome != Outcome::Held) {
            conflict.open = false;
            conflict.resolved_at = now;
            conflict.resolved_by = caller.user_id;
            conflict.result_data = row.deleted ? json(nullptr) : withId(row.data, row.id);
        }
        auto id = d->store.insertConflict(caller.tenant_id, conflict);
        if (!id.ok())
            return id.error();
        conflict.conflict_id = id.value();
        r.conflict_info = toInfo(conflict, c.local_timestamp);
        r.version = row.version;
        return finish();
    };

    // Apply in transactions of batch_size, in dependency order.
    bool stopped = false;
    const std::size_t batchSize = std::size_t(std::clamp(req.batch_size, 1, kMaxBatchSize));
    for (std::size_t start = 0; start < order.size(); start += batchSize) {
        const std::size_t end = std::min(order.size(), start + batchSize);
        if (stopped) {
            for (std::size_t k = start; k < end; ++k) {
                fail(order[k], ErrorCode::NotAttempted,
                     "not attempted: an earlier change failed and stop_on_error is set");
                done[order[k]] = true;
            }
            continue;
        }
        Transaction tx(*m_store);
        Status batchStatus = tx.status();
        std::size_t k = start;
        for (; k < end && batchStatus.ok(); ++k) {
            const std::size_t i = order[k];
            if (stopped) {
                fail(i, ErrorCode::NotAttempted,
                     "not attempted: an earlier change failed and stop_on_error is set");
            } else {
                try {
                    batchStatus = apply(i);
                } catch (const std::exception& e) {
                    batchStatus = Error{ErrorCode::Internal, e.what()};
                }
                if (batchStatus.ok() && req.stop_on_error &&
                    resp.results[i].status == ChangeStatus::Failed)
                    stopped = true;
            }
            done[i] = true;
        }
        if (batchStatus.ok())
            batchStatus = tx.commit();
        if (!batchStatus.ok()) {
            // The whole batch is rolled back: none of it was applied or remembered.
            qCWarning(lcEngine, "push batch rolled back: %s", batchStatus.error().message.c_str());
            for (std::size_t j = start; j < end; ++j) {
                const std::size_t i = order[j];
                if (resp.results[i].status == ChangeStatus::Failed && done[i] &&
                    resp.results[i].error_code != ErrorCode::NotAttempted)
                    continue;
                idMap.erase(req.changes[i].local_id);
                resp.results[i].conflict_info.reset();
                resp.results[i].version.reset();
                resp.results[i].server_id.reset();
                resp.results[i].duplicate = false;
                fail(i, ErrorCode::StorageError,
                     "not applied, the batch was rolled back: " + batchStatus.error().message);
                done[i] = true;
            }
            if (req.stop_on_error)
                stopped = true;
        }
    }

    // Totals, id mapping, device state.
    for (std::size_t i = 0; i < n; ++i) {
        const ChangeResult& r = resp.results[i];
        if (r.status == ChangeStatus::Success)
            ++resp.succeeded;
        else if (r.status == ChangeStatus::Failed)
            ++resp.failed;
        else
            ++resp.conflicts;
        if (req.changes[i].action == Action::Create && r.server_id &&
            r.status != ChangeStatus::Failed)
            resp.id_mapping.emplace_back(r.local_id, *r.server_id);
    }
    resp.success = resp.failed == 0;
    resp.server_timestamp = formatTime(now);
    resp.next_sync_token = syncToken(caller.user_id, req.device_id, now);
    resp.total_processing_time_ms = msSince(started);
    resp.average_processing_time_ms = n ? resp.total_processing_time_ms / double(n) : 0.0;

    device.last_push_time = now;
    device.last_sync_time = now;
    device.total_syncs += 1;
    device.total_pushes += 1;
    device.changes_pushed += std::int64_t(n);
    device.changes_succeeded += resp.succeeded;
    device.changes_failed += resp.failed;
    device.changes_conflicted += resp.conflicts;
    device.push_ms_total += resp.total_processing_time_ms;
    applyReport(device, req.report, now);
    if (Status s = d->saveDevice(caller.tenant_id, device,
                                 storage::MetricDelta{1, std::int64_t(n), 0, 0, resp.conflicts,
                                                      resp.failed, resp.total_processing_time_ms});
        !s.ok())
        qCWarning(lcEngine, "device state not saved: %s", s.error().message.c_str());
    emit pushed(caller.tenant_id, QString::fromStdString(req.device_id), int(n), resp.conflicts,
                resp.failed, resp.total_processing_time_ms);
    if (resp.conflicts > 0)
        emit conflictsChanged(caller.tenant_id);
    return resp;
}

// ---- pull ---------------------------------------------------------------------------------------

Result<PullResponse> SyncEngine::pull(const Caller& caller, const PullRequest& req,
                                      PayloadForm form) {
    const auto started = std::chrono::steady_clock::now();
    std::lock_guard lock(m_store->mutex());
    const Millis now = d->clock.now();
    auto deviceResult = d->ownDevice(caller, req.device_id, now);
    if (!deviceResult.ok())
        return deviceResult.error();
    DeviceRow device = std::move(deviceResult).value();

    const auto map = d->store.modelMap(caller.tenant_id);
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
        rows = d->store.events(caller.tenant_id, filter, req.include_payload);
        resp.total_available = d->store.countEvents(caller.tenant_id, filter);
    }
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

    device.app_type = req.app_type;
    device.last_event_id = resp.last_event_id;
    device.last_pull_time = now;
    device.last_sync_time = now;
    device.total_syncs += 1;
    device.total_pulls += 1;
    device.total_events_synced += resp.new_events_count;
    const double ms = msSince(started);
    device.pull_ms_total += ms;
    applyReport(device, req.report, now);
    if (Status s = d->saveDevice(caller.tenant_id, device,
                                 storage::MetricDelta{0, 0, 1, resp.new_events_count, 0, 0, 0});
        !s.ok())
        return s.error(); // the state did not advance: the client must not either
    emit pulled(caller.tenant_id, QString::fromStdString(req.device_id), resp.new_events_count, ms);
    return resp;
}

// ---- resolve ------------------------------------------------------------------------------------

Result<ResolveResult> SyncEngine::Impl::resolveStored(const Caller& caller, ConflictRow c,
                                                      ConflictStrategy strategy,
                                                      const json& merged) {
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
    auto found = store.record(caller.tenant_id, c.model, c.record_id);
    if (!found) {
        r.status = ChangeStatus::Failed;
        r.error_code = ErrorCode::RecordNotFound;
        r.error = c.model + " " + std::to_string(c.record_id) + " does not exist";
        return r;
    }
    RecordRow row = std::move(*found);
    const Models models = tenantModels(caller.tenant_id);
    const std::string cat = category(models, c.model);
    const auto priority = [&] {
        auto it = models.find(c.model);
        return it != models.end() && it->second.priority ? *it->second.priority
                                                         : EventPriority::Medium;
    }();

    Transaction tx(store);
    if (!tx.status().ok())
        return tx.status().error();
    Result<std::int64_t> written = std::int64_t(0);
    switch (strategy) {
    case ConflictStrategy::ClientWins:
        if (c.action == Action::Delete) {
            if (!row.deleted)
                written = deleteRecord(caller.tenant_id, row, now, priority, cat, caller,
                                       c.device_id, c.local_id);
        } else {
            written = writeFields(caller.tenant_id, row, c.local_data, now, priority, cat, caller,
                                  c.device_id, c.local_id);
        }
        c.resolution = Resolution::ClientWins;
        break;
    case ConflictStrategy::Merge: {
        json fields = c.action == Action::Delete ? json::object() : c.local_data;
        for (const auto& [k, v] : merged.items())
            fields[k] = v;
        written = writeFields(caller.tenant_id, row, fields, now, priority, cat, caller,
                              c.device_id, c.local_id);
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
    if (Status s = store.updateConflict(caller.tenant_id, c); !s.ok())
        return s.error();
    if (Status s = tx.commit(); !s.ok())
        return s.error();
    r.status = ChangeStatus::Success;
    r.version = row.version;
    return r;
}

Result<ResolveResponse> SyncEngine::resolveConflicts(const Caller& caller,
                                                     const ResolveRequest& req) {
    std::lock_guard lock(m_store->mutex());
    const Millis now = d->clock.now();
    auto device = d->visibleDevice(caller, req.device_id, /*manage=*/true);
    if (!device.ok())
        return device.error();
    const auto models = d->tenantModels(caller.tenant_id);

    ResolveResponse resp;
    for (const ConflictResolution& res : req.resolutions) {
        ResolveResult r;
        r.local_id = res.local_id;
        auto failWith = [&](ErrorCode code, std::string message) {
            r.status = ChangeStatus::Failed;
            r.error_code = code;
            r.error = std::move(message);
        };
        if (auto stored = d->store.openConflict(caller.tenant_id, req.device_id, res.local_id)) {
            auto out = d->resolveStored(caller, *stored, res.strategy, res.merged_data);
            if (out.ok())
                r = out.value();
            else
                failWith(out.error().code, out.error().message);
        } else {
            // No stored conflict: apply the client's view as an update by the caller.
            auto it =
                std::find_if(req.conflicts.begin(), req.conflicts.end(),
                             [&](const ClientConflict& c) { return c.local_id == res.local_id; });
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
            } else if (auto found = d->store.record(caller.tenant_id, it->model, *it->server_id);
                       !found) {
                r.model = it->model;
                failWith(ErrorCode::RecordNotFound,
                         it->model + " " + std::to_string(*it->server_id) + " does not exist");
            } else {
                RecordRow row = std::move(*found);
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
                Status s;
                if (fields.is_object() && !fields.empty()) {
                    Transaction tx(*m_store);
                    s = tx.status();
                    if (s.ok()) {
                        auto ev = d->writeFields(
                            caller.tenant_id, row, fields, now, EventPriority::Medium,
                            d->category(models, it->model), caller, req.device_id, res.local_id);
                        s = ev.ok() ? tx.commit() : Status(ev.error());
                    }
                }
                if (s.ok()) {
                    r.status = ChangeStatus::Success;
                    r.version = row.version;
                } else {
                    failWith(s.error().code, s.error().message);
                }
            }
        }
        if (r.status == ChangeStatus::Success)
            ++resp.resolved;
        else
            ++resp.failed;
        resp.results.push_back(std::move(r));
    }
    resp.success = resp.failed == 0;
    emit conflictsChanged(caller.tenant_id);
    return resp;
}

Result<ResolveResult> SyncEngine::resolveConflict(const Caller& caller, std::int64_t conflictId,
                                                  ConflictStrategy strategy,
                                                  const json& mergedData) {
    std::lock_guard lock(m_store->mutex());
    auto c = d->store.conflict(caller.tenant_id, conflictId);
    if (!c)
        return Error{ErrorCode::NotFound, "no conflict " + std::to_string(conflictId)};
    if (c->user_id != caller.user_id && caller.role != Role::Admin)
        return forbidden("only an admin or the device's user may resolve this conflict");
    if (strategy == ConflictStrategy::Manual)
        return Error{ErrorCode::ValidationError, "manual is not a resolution"};
    auto r = d->resolveStored(caller, *c, strategy, mergedData);
    if (r.ok())
        emit conflictsChanged(caller.tenant_id);
    return r;
}

// ---- state, reset, statistics -------------------------------------------------------------------

Result<SyncState> SyncEngine::state(const Caller& caller, const std::string& deviceId) {
    std::lock_guard lock(m_store->mutex());
    auto device = d->visibleDevice(caller, deviceId, /*manage=*/false);
    if (!device.ok())
        return device.error();
    DeviceRow row;
    if (device.value()) {
        row = *device.value();
    } else { // a device that never synced: its state is the initial one
        row.device_id = deviceId;
        row.user_id = caller.user_id;
    }
    return toState(row, d->store.headEventId(caller.tenant_id));
}

Result<ResetResponse> SyncEngine::reset(const Caller& caller, const std::string& deviceId) {
    std::lock_guard lock(m_store->mutex());
    auto device = d->visibleDevice(caller, deviceId, /*manage=*/true);
    if (!device.ok())
        return device.error();
    if (device.value()) {
        DeviceRow row = *device.value();
        row.last_event_id = 0;
        row.total_syncs = 0;
        if (Status s = d->saveDevice(caller.tenant_id, row); !s.ok())
            return s.error();
    }
    ResetResponse r;
    r.device_id = deviceId;
    return r;
}

Result<Statistics> SyncEngine::statistics(const Caller& caller, const std::string& deviceId) {
    std::lock_guard lock(m_store->mutex());
    auto device = d->visibleDevice(caller, deviceId, /*manage=*/false);
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
        s.bytes_received = row->bytes_in;
        s.bytes_sent = row->bytes_out;
        s.last_push_time = fmt(row->last_push_time);
        s.last_pull_time = fmt(row->last_pull_time);
    }
    return s;
}

void SyncEngine::recordTraffic(const Caller& caller, const std::string& deviceId,
                               std::int64_t bytesIn, std::int64_t bytesOut) {
    std::lock_guard lock(m_store->mutex());
    auto row = d->store.device(caller.tenant_id, deviceId);
    if (!row || row->user_id != caller.user_id)
        return;
    row->bytes_in += bytesIn;
    row->bytes_out += bytesOut;
    if (Status s = d->saveDevice(caller.tenant_id, *row); !s.ok())
        qCWarning(lcEngine, "traffic not recorded: %s", s.error().message.c_str());
}

// ---- console ------------------------------------------------------------------------------------

Result<Page<SyncState>> SyncEngine::devices(const Caller& caller, int limit, int offset,
                                            const std::string& search) {
    std::lock_guard lock(m_store->mutex());
    const std::int64_t userFilter = isStaff(caller) ? 0 : caller.user_id;
    Page<SyncState> page;
    page.limit = std::clamp(limit, 1, 1000);
    page.offset = std::max(0, offset);
    const std::int64_t head = d->store.headEventId(caller.tenant_id);
    for (const auto& row :
         d->store.devices(caller.tenant_id, userFilter, page.limit, page.offset, search))
        page.items.push_back(toState(row, head));
    page.total = d->store.countDevices(caller.tenant_id, userFilter, search);
    return page;
}

Result<Page<ConflictRecord>> SyncEngine::conflicts(const Caller& caller, const std::string& status,
                                                   int limit, int offset) {
    if (!status.empty() && status != "open" && status != "resolved")
        return Error{ErrorCode::ValidationError, "status must be open or resolved"};
    std::lock_guard lock(m_store->mutex());
    const std::int64_t userFilter = isStaff(caller) ? 0 : caller.user_id;
    Page<ConflictRecord> page;
    page.limit = std::clamp(limit, 1, 1000);
    page.offset = std::max(0, offset);
    for (const auto& row :
         d->store.conflicts(caller.tenant_id, userFilter, status, page.limit, page.offset))
        page.items.push_back(toRecord(row));
    page.total = d->store.countConflicts(caller.tenant_id, userFilter, status);
    return page;
}

Result<ConflictRecord> SyncEngine::conflict(const Caller& caller, std::int64_t conflictId) {
    std::lock_guard lock(m_store->mutex());
    auto c = d->store.conflict(caller.tenant_id, conflictId);
    if (!c || (!isStaff(caller) && c->user_id != caller.user_id))
        return Error{ErrorCode::NotFound, "no conflict " + std::to_string(conflictId)};
    return toRecord(*c);
}

Result<Page<Event>> SyncEngine::events(const Caller& caller, const EventQuery& query) {
    if (!isStaff(caller))
        return forbidden("the event log is for support and admin users");
    std::lock_guard lock(m_store->mutex());
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
    for (auto& e : d->store.events(caller.tenant_id, f, true))
        page.items.push_back(toEvent(e, true, true));
    page.total = d->store.countEvents(caller.tenant_id, f);
    return page;
}

Result<std::vector<MetricPoint>> SyncEngine::metrics(const Caller& caller, Millis from, Millis to,
                                                     Millis bucketMs) {
    if (!isStaff(caller))
        return forbidden("metrics are for support and admin users");
    if (bucketMs < kMetricBucketMs || to < from || (to - from) / bucketMs > 10'000)
        return Error{ErrorCode::ValidationError,
                     "the window must be ordered, in steps of at least 10 s, at most 10,000"};
    std::lock_guard lock(m_store->mutex());
    from -= from % bucketMs;
    std::vector<MetricPoint> out;
    std::vector<std::vector<double>> samples;
    for (Millis t = from; t <= to; t += bucketMs) {
        out.push_back(MetricPoint{t});
        samples.emplace_back();
    }
    for (const auto& b : d->store.metricBuckets(caller.tenant_id, from, to)) {
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
        const std::size_t idx = std::min(s.size() - 1, std::size_t(0.95 * double(s.size())));
        std::nth_element(s.begin(), s.begin() + std::ptrdiff_t(idx), s.end());
        out[k].push_ms_p95 = s[idx];
    }
    return out;
}

Result<TenantSummary> SyncEngine::summary(const Caller& caller) {
    if (!isStaff(caller))
        return forbidden("the summary is for support and admin users");
    std::lock_guard lock(m_store->mutex());
    TenantSummary s;
    s.devices = d->store.countDevices(caller.tenant_id, 0, {});
    s.stale_devices = d->store.countStaleDevices(caller.tenant_id, d->clock.now() - kStaleAfterMs);
    s.pending_changes = d->store.sumPendingChanges(caller.tenant_id);
    s.open_conflicts = d->store.countConflicts(caller.tenant_id, 0, "open");
    s.head_event_id = d->store.headEventId(caller.tenant_id);
    s.users = std::int64_t(d->store.users(caller.tenant_id).size());
    return s;
}

Result<json> SyncEngine::record(const Caller& caller, const std::string& model, std::int64_t id) {
    std::lock_guard lock(m_store->mutex());
    if (!d->tenantModels(caller.tenant_id).count(model))
        return Error{ErrorCode::UnknownModel, "model '" + model + "' is not in any app type"};
    auto row = d->store.record(caller.tenant_id, model, id);
    if (!row || row->deleted)
        return Error{ErrorCode::RecordNotFound, model + " " + std::to_string(id) + " not found"};
    return json{{"id", row->id},
                {"model", model},
                {"version", row->version},
                {"write_date", formatTime(row->write_date)},
                {"data", withId(row->data, row->id)}};
}

Result<storage::ModelMap> SyncEngine::modelMap(const Caller& caller) {
    std::lock_guard lock(m_store->mutex());
    return d->store.modelMap(caller.tenant_id);
}

Status SyncEngine::setAppTypeModels(const Caller& caller, const std::string& appType,
                                    const std::vector<storage::ModelEntry>& models) {
    if (caller.role != Role::Admin)
        return forbidden("only an admin may change the model map");
    if (appType.empty())
        return Error{ErrorCode::ValidationError, "an app type needs a name"};
    for (const auto& m : models)
        if (m.model.empty())
            return Error{ErrorCode::ValidationError, "a model needs a name"};
    std::lock_guard lock(m_store->mutex());
    return d->store.setAppTypeModels(caller.tenant_id, appType, models);
}

Health SyncEngine::health() {
    std::lock_guard lock(m_store->mutex());
    Health h;
    h.database_ok = d->store.healthy();
    h.schema_version = d->store.schemaVersion();
    h.detail = h.database_ok ? "ok" : "the database does not answer";
    return h;
}

} // namespace bridgecore::engine
