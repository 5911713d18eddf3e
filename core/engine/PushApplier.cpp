#include "engine/PushApplier.h"

#include "engine/RecordWrites.h"

#include <QLoggingCategory>

#include <algorithm>
#include <charconv>

Q_DECLARE_LOGGING_CATEGORY(lcEngine)

namespace bridgecore::engine {

using namespace protocol;
using storage::ConflictRow;
using storage::EventRow;
using storage::LedgerEntry;
using storage::RecordRow;
using storage::WriteTransaction;

// ---- writing records ----------------------------------------------------------------------------

namespace {
/// The text of a record's data with "id" first: {"id":7,...}.
std::string withIdText(const std::string& dataText, std::int64_t id) {
    char idText[24];
    const char* idEnd = std::to_chars(idText, idText + sizeof idText, id).ptr;
    std::string out;
    out.reserve(8 + std::size_t(idEnd - idText) + dataText.size());
    out.append("{\"id\":").append(idText, std::size_t(idEnd - idText));
    if (dataText.size() > 2)
        out.append(",").append(dataText, 1, std::string::npos);
    else
        out.push_back('}');
    return out;
}
} // namespace

json withId(const json& data, std::int64_t id) {
    json out = json::object();
    out["id"] = id;
    for (const auto& [k, v] : data.items())
        if (k != "id")
            out[k] = v;
    return out;
}

Result<std::int64_t> writeRecord(WriteTransaction& tx, std::int64_t tenantId, RecordRow& row,
                                 EventAction action, std::vector<std::string> changed,
                                 const Writer& who) {
    if (row.data_text.empty())
        row.data_text = row.data.dump();
    if (row.id == 0) {
        auto id = tx.insertRecord(tenantId, row);
        if (!id.ok())
            return id.error();
        row.id = id.value();
    } else if (Status s = tx.updateRecord(tenantId, row); !s.ok()) {
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
    ev.priority = who.priority;
    ev.category = who.category;
    ev.user_id = who.user_id;
    ev.device_id = who.device_id;
    ev.local_id = who.local_id;
    ev.version = row.version;
    return tx.appendEvent(tenantId, ev);
}

Result<std::int64_t> writeFields(WriteTransaction& tx, std::int64_t tenantId, RecordRow& row,
                                 const json& fields, Millis now, const Writer& who) {
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
    return writeRecord(tx, tenantId, row, resurrect ? EventAction::Create : EventAction::Write,
                       std::move(changed), who);
}

Result<std::int64_t> deleteRecord(WriteTransaction& tx, std::int64_t tenantId, RecordRow& row,
                                  Millis now, const Writer& who) {
    row.deleted = true;
    row.version += 1;
    row.write_date = now;
    return writeRecord(tx, tenantId, row, EventAction::Unlink, {}, who);
}

// ---- PushRun ------------------------------------------------------------------------------------

PushRun::PushRun(const PushPlan& plan, const Caller& caller, Millis now, WriteTransaction& tx)
    : plan(plan)
    , caller(caller)
    , now(now)
    , tx(tx)
    , m_outcomes(plan.changes.size())
    , m_last(std::chrono::steady_clock::now())
    , m_nowText(formatTime(now)) {}

ChangeOutcome PushRun::outcome(std::size_t i, ChangeStatus status) const {
    ChangeOutcome o;
    const Change& c = plan.change(i);
    o.result.local_id = c.local_id;
    o.result.action = c.action;
    o.result.invalid_action = c.invalid_action;
    o.result.model = c.model;
    o.result.status = status;
    o.result.server_timestamp = m_nowText;
    return o;
}

ChangeOutcome PushRun::failure(std::size_t i, ErrorCode code, std::string message) const {
    ChangeOutcome o = outcome(i, ChangeStatus::Failed);
    o.result.error_code = code;
    o.result.error = std::move(message);
    return o;
}

std::optional<ChangeOutcome> PushRun::precheck(std::size_t i) const {
    const PlannedChange& pc = plan.changes[i];
    if (m_stopped)
        return failure(i, ErrorCode::NotAttempted,
                       "not attempted: an earlier change failed and stop_on_error is set");
    if (pc.failure)
        return failure(i, pc.failure->code, pc.failure->message);
    if (pc.remembered) { // a duplicate: the stored result, not applied again
        ChangeOutcome o = outcome(i, ChangeStatus::Success);
        json stored = json::parse(pc.remembered->result_json, nullptr, false);
        if (stored.is_number_integer()) { // a plain success: only its version was kept
            o.result.server_id = pc.remembered->server_id;
            o.result.version = stored.get<std::int64_t>();
        } else if (stored.is_object()) {
            o.result = changeResultFromJson(stored);
        }
        o.result.duplicate = true;
        return o;
    }
    for (auto dep : pc.depends_on) {
        const auto& d = m_outcomes[dep];
        if (!d || d->result.status != ChangeStatus::Success)
            return failure(i, ErrorCode::DependencyFailed,
                           "dependency '" + plan.change(dep).local_id + "' was not applied" +
                               (d && d->result.error ? ": " + *d->result.error : std::string()));
    }
    return std::nullopt;
}

std::optional<std::int64_t> PushRun::serverIdOf(const std::string& localId) const {
    if (auto it = plan.creates.find(localId); it != plan.creates.end()) {
        // Created in this push: known once applied (or answered from the ledger).
        const auto& o = m_outcomes[it->second];
        if (o && o->result.status != ChangeStatus::Failed && o->result.server_id)
            return o->result.server_id;
        return std::nullopt;
    }
    return plan.rememberedId(localId);
}

int PushRun::mapReferences(json& j) const {
    int replaced = 0;
    switch (j.type()) {
    case json::value_t::string: {
        const auto& s = j.get_ref<const std::string&>();
        if (s.size() >= kMinIdLength)
            if (auto id = serverIdOf(s)) {
                j = *id;
                ++replaced;
            }
        break;
    }
    case json::value_t::array:
        for (auto& v : j)
            replaced += mapReferences(v);
        break;
    case json::value_t::object:
        for (auto& [k, v] : j.items())
            replaced += mapReferences(v);
        break;
    default:
        break;
    }
    return replaced;
}

bool PushRun::hasReference(const json& j) const {
    switch (j.type()) {
    case json::value_t::string: {
        const auto& s = j.get_ref<const std::string&>();
        return s.size() >= kMinIdLength && serverIdOf(s).has_value();
    }
    case json::value_t::array:
    case json::value_t::object:
        for (const auto& v : j)
            if (hasReference(v))
                return true;
        return false;
    default:
        return false;
    }
}

bool PushRun::dataAsSent(std::size_t i) const {
    static const std::string kId = "id";
    const Change& c = plan.change(i);
    const PlannedChange& pc = plan.changes[i];
    if (!c.data.is_object() || pc.data_text.empty())
        return false;
    const auto& fields = c.data.get_ref<const json::object_t&>();
    return fields.find(kId) == fields.end() && !(pc.data_may_reference && hasReference(c.data));
}

json PushRun::data(std::size_t i, bool& asSent) const {
    const Change& c = plan.change(i);
    json data = c.data.is_object() ? c.data : json::object();
    const bool mapped = plan.changes[i].data_may_reference && mapReferences(data) > 0;
    const bool hadId = data.erase("id") > 0;
    asSent = !mapped && !hadId && c.data.is_object();
    return data;
}

Result<ConflictRow> PushRun::conflictRow(const Change& c, const RecordRow& row, const json& local,
                                         const ConflictCheck& check, const ServerSide& server,
                                         std::optional<std::int64_t> baseVersion) const {
    ConflictRow conflict;
    conflict.device_id = deviceId();
    conflict.user_id = caller.user_id;
    conflict.local_id = c.local_id;
    conflict.model = c.model;
    conflict.record_id = row.id;
    conflict.action = c.action;
    conflict.strategy = request().conflict_strategy;
    conflict.conflicting_fields = check.conflicting_fields;
    conflict.local_data = local;
    conflict.server_data = row.deleted ? json::object() : row.data;
    if (baseVersion) {
        auto base = tx.recordAtVersion(caller.tenant_id, c.model, row.id, *baseVersion);
        if (!base.ok())
            return base.error();
        conflict.base_data = std::move(base).value();
    }
    conflict.local_version = c.version;
    conflict.server_version = row.version;
    conflict.local_timestamp = c.local_time;
    conflict.server_timestamp = server.changed_at;
    conflict.created_at = now;
    return conflict;
}

Status PushRun::finish(std::size_t i, ChangeOutcome o) {
    const auto t = std::chrono::steady_clock::now();
    o.result.processing_time_ms = std::chrono::duration<double, std::milli>(t - m_last).count();
    m_last = t;
    if (o.remember) {
        const PlannedChange& pc = plan.changes[i];
        const Change& c = plan.change(i);
        const ChangeResult& r = o.result;
        m_entry.local_id.assign(c.local_id);
        m_entry.content_hash.assign(pc.content_hash);
        m_entry.model.assign(c.model);
        m_entry.server_id = r.server_id;
        m_entry.created = c.action == Action::Create;
        // A plain success is remembered by its version alone; anything else in full.
        if (r.status == ChangeStatus::Success && !r.conflict_info && r.version) {
            char version[24];
            m_entry.result_json.assign(
                version, std::to_chars(version, version + sizeof version, *r.version).ptr);
        } else {
            m_entry.result_json = toJson(r).dump();
        }
        if (Status s = tx.remember(caller.tenant_id, deviceId(), m_entry, now); !s.ok())
            return s;
    }
    if (o.result.status == ChangeStatus::Failed && request().stop_on_error)
        m_stopped = true;
    m_outcomes[i] = std::move(o);
    m_finished.push_back(i);
    return {};
}

void PushRun::dropSince(std::size_t mark) {
    while (m_finished.size() > mark) {
        m_outcomes[m_finished.back()].reset();
        m_finished.pop_back();
    }
}

// ---- StoreApplier -------------------------------------------------------------------------------

Status StoreApplier::apply(PushRun& run) {
    const auto& order = run.plan.order;
    const std::size_t batchSize =
        std::size_t(std::clamp(run.request().batch_size, 1, kMaxBatchSize));
    for (std::size_t start = 0; start < order.size(); start += batchSize) {
        const std::size_t end = std::min(order.size(), start + batchSize);
        const std::size_t mark = run.mark();
        storage::Savepoint batch(run.tx);
        Status s = batch.status();
        for (std::size_t k = start; k < end && s.ok(); ++k) {
            const std::size_t i = order[k];
            try {
                if (auto decided = run.precheck(i))
                    s = run.finish(i, std::move(*decided));
                else
                    s = applyOne(run, i);
            } catch (const std::exception& e) {
                s = Error{ErrorCode::Internal, e.what()};
            }
        }
        if (s.ok())
            s = batch.release();
        if (!s.ok()) {
            // The batch is rolled back: none of it was applied or remembered.
            qCWarning(lcEngine, "push batch rolled back: %s", s.error().message.c_str());
            run.dropSince(mark);
            for (std::size_t k = start; k < end; ++k) {
                const std::size_t i = order[k];
                if (Status f = run.finish(i, run.failure(i, ErrorCode::StorageError,
                                                         "not applied, the batch was rolled "
                                                         "back: " +
                                                             s.error().message));
                    !f.ok())
                    return f;
            }
        }
    }
    return {};
}

Status StoreApplier::applyOne(PushRun& run, std::size_t i) {
    const Change& c = run.plan.change(i);
    const PlannedChange& pc = run.plan.changes[i];
    const std::int64_t tenantId = run.caller.tenant_id;
    const Writer who{run.caller.user_id, run.deviceId(), c.local_id, pc.event_priority,
                     pc.category};
    if (c.action == Action::Create) {
        RecordRow row;
        row.model = c.model;
        std::vector<std::string> changed;
        if (run.dataAsSent(i)) { // stored as sent: no copy of the data
            row.data_text = pc.data_text;
            const auto& fields = c.data.get_ref<const json::object_t&>();
            changed.reserve(fields.size());
            for (const auto& field : fields)
                changed.push_back(field.first);
        } else {
            bool asSent = false;
            row.data = run.data(i, asSent);
            if (asSent)
                row.data_text = pc.data_text;
            for (const auto& [k, v] : row.data.items())
                changed.push_back(k);
        }
        row.version = 1;
        row.create_date = row.write_date = run.now;
        auto ev = writeRecord(run.tx, tenantId, row, EventAction::Create, std::move(changed), who);
        if (!ev.ok())
            return ev.error();
        ChangeOutcome o = run.outcome(i, ChangeStatus::Success);
        o.result.server_id = row.id;
        o.result.version = row.version;
        o.remember = true;
        return run.finish(i, std::move(o));
    }

    // update / delete: find the target.
    bool asSent = false;
    const json data = run.data(i, asSent);
    std::int64_t targetId = 0;
    if (auto id = std::get_if<std::int64_t>(&c.record_id)) {
        targetId = *id;
    } else {
        auto sid = run.serverIdOf(std::get<std::string>(c.record_id));
        if (!sid)
            return run.finish(i, run.failure(i, ErrorCode::UnresolvedReference,
                                             "record_id '" + std::get<std::string>(c.record_id) +
                                                 "' has no server id"));
        targetId = *sid;
    }
    auto found = run.tx.record(tenantId, c.model, targetId);
    if (!found.ok())
        return found.error();
    if (!found.value())
        return run.finish(
            i, run.failure(i, ErrorCode::RecordNotFound,
                           c.model + " " + std::to_string(targetId) + " does not exist"));
    RecordRow row = std::move(*found.value());
    ChangeOutcome o = run.outcome(i, ChangeStatus::Success);
    o.result.server_id = row.id;
    o.remember = true;

    if (c.action == Action::Delete && row.deleted) { // already gone: nothing to apply
        o.result.version = row.version;
        return run.finish(i, std::move(o));
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
        if (row.version > *c.version) {
            auto evs = run.tx.recordEvents(tenantId, c.model, row.id, *c.version, row.version);
            if (!evs.ok())
                return evs.error();
            concurrent = std::move(evs).value();
        }
        baseVersion = *c.version;
    } else {
        auto evs = run.tx.recordEventsAfter(tenantId, c.model, row.id, c.local_time);
        if (!evs.ok())
            return evs.error();
        concurrent = std::move(evs).value();
        if (!concurrent.empty())
            baseVersion = concurrent.front().version - 1;
    }
    ServerSide server;
    server.data = row.data;
    server.deleted = row.deleted;
    server.changed_concurrently = !concurrent.empty();
    for (const auto& e : concurrent) {
        server.changed_fields.insert(e.changed_fields.begin(), e.changed_fields.end());
        server.changed_at = std::max(server.changed_at, e.timestamp);
    }
    if (server.changed_at == 0)
        server.changed_at = row.write_date;

    const ConflictCheck check = ConflictPolicy::detect(c.action, local, server);
    auto writeOut = [&](ConflictDecision::Write what, const json& fields) -> Status {
        if (what == ConflictDecision::Write::Delete) {
            auto ev = deleteRecord(run.tx, tenantId, row, run.now, who);
            return ev.ok() ? Status{} : Status(ev.error());
        }
        if (what == ConflictDecision::Write::Nothing || (fields.empty() && !row.deleted))
            return {};
        auto ev = writeFields(run.tx, tenantId, row, fields, run.now, who);
        return ev.ok() ? Status{} : Status(ev.error());
    };

    if (!check.any()) { // no conflict, or a field-level auto-merge
        if (Status s = writeOut(c.action == Action::Delete ? ConflictDecision::Write::Delete
                                                           : ConflictDecision::Write::Fields,
                                local);
            !s.ok())
            return s;
        o.result.version = row.version;
        return run.finish(i, std::move(o));
    }

    // A conflict: the strategy decides.
    json merged = c.merged_data;
    if (merged.is_object()) {
        run.mapReferences(merged);
        merged.erase("id");
    }
    const ConflictStrategy strategy = run.request().conflict_strategy;
    const ConflictDecision decision =
        ConflictPolicy::decide(strategy, c.action, local, check, server, merged, c.local_time);

    auto stored = run.conflictRow(c, row, local, check, server, baseVersion);
    if (!stored.ok())
        return stored.error();
    ConflictRow& conflict = stored.value();

    if (Status s = writeOut(decision.write, decision.fields); !s.ok())
        return s;
    conflict.resolution = decision.resolution;
    conflict.open = decision.open;
    if (!decision.open) {
        conflict.resolved_at = run.now;
        conflict.resolved_by = run.caller.user_id;
        conflict.result_data = row.deleted ? json(nullptr) : withId(row.data, row.id);
    }
    auto id = run.tx.insertConflict(tenantId, conflict);
    if (!id.ok())
        return id.error();
    conflict.conflict_id = id.value();

    ConflictInfo info;
    info.conflict_id = conflict.conflict_id;
    info.strategy = conflict.strategy;
    info.resolution = conflict.resolution;
    info.conflicting_fields = conflict.conflicting_fields;
    info.local_data = conflict.local_data;
    info.server_data = conflict.server_data;
    info.base_data = conflict.base_data;
    info.local_version = conflict.local_version;
    info.server_version = conflict.server_version;
    info.local_timestamp = c.local_timestamp.empty() ? formatTime(c.local_time) : c.local_timestamp;
    info.server_timestamp = formatTime(conflict.server_timestamp);
    info.requires_resolution = conflict.open;
    o.result.status = decision.status;
    o.result.conflict_info = std::move(info);
    o.result.version = row.version;
    return run.finish(i, std::move(o));
}

} // namespace bridgecore::engine
