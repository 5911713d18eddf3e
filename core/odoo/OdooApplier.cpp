#include "odoo/OdooApplier.h"

#include "engine/RecordWrites.h"
#include "odoo/OdooMirror.h"
#include "odoo/OdooPushWriter.h"
#include "odoo/ScratchTransaction.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

namespace bridgecore::odoo {

using engine::ChangeOutcome;
using engine::ConflictDecision;
using engine::ConflictPolicy;
using engine::PushRun;
using engine::ServerSide;
using engine::Writer;
using protocol::Action;
using protocol::Change;
using protocol::ChangeStatus;
using protocol::EventAction;
using storage::RecordRow;

namespace {

constexpr int kMaxBatchSize = 500;

/// OdooMirror over the push's own write transaction.
class TxMirror : public OdooMirror {
public:
    TxMirror(storage::WriteTransaction& tx, std::int64_t tenantId)
        : m_tx(tx)
        , m_tenantId(tenantId) {}
    Result<std::optional<RecordRow>> record(const std::string& model, std::int64_t id) override {
        return m_tx.record(m_tenantId, model, id);
    }
    Result<LoggedFields> loggedFields(const std::string& model, std::int64_t id) override {
        return loggedIn(m_tx.recordEvents(m_tenantId, model, id, 0, kEveryVersion));
    }
    Status apply(const std::vector<std::pair<RecordRow, std::optional<storage::EventRow>>>& writes)
        override {
        for (const auto& [row, ev] : writes) {
            if (Status s = m_tx.putRecord(m_tenantId, row); !s.ok())
                return s;
            if (ev)
                if (auto id = m_tx.appendEvent(m_tenantId, *ev); !id.ok())
                    return id.error();
        }
        return {};
    }

private:
    storage::WriteTransaction& m_tx;
    std::int64_t m_tenantId;
};

struct Item {
    std::size_t i = 0;
    json data;
    std::optional<std::int64_t> target;   // update/delete: the Odoo id
    std::optional<std::string> targetRef; // update/delete of a create in this batch
    json fields = json::object();         // what to write
    bool toOdoo = true;
    bool deleteIt = false;
    std::optional<storage::ConflictRow> conflict;
    ChangeStatus status = ChangeStatus::Success;
    std::optional<std::size_t> writerIndex;
    json odooValues = json::object(); // x2many fields as Odoo holds them after our write
};

/// `fields` as the mirror keeps them: x2many commands replaced by the id lists Odoo answered
/// after the write, so the feed sees our own write coming back as the echo it is.
json asOdooHolds(json fields, const json& odooValues) {
    for (const auto& [f, v] : odooValues.items())
        if (fields.contains(f))
            fields[f] = v;
    return fields;
}

} // namespace

/// One wave of a batch (changes not depending on each other): what Odoo had of the records
/// it targets, what was decided and written, and Odoo's answers.
struct OdooApplier::Wave {
    std::vector<std::size_t> changes;
    std::vector<FeedChange> seen;
    std::vector<Item> items;
    std::vector<OdooOutcome> outcomes; // per Item::writerIndex
    std::set<std::size_t> recorded;    // changes left to record() once decide() ran
};

/// A push rehearsed outside the writer (prepare): Odoo is written, the mirror's part waits
/// for apply(). Holds the tenant's turn until the push's transaction ended.
struct OdooApplier::Rehearsal final : engine::PreparedPush {
    std::unique_lock<std::mutex> turn;
    struct Batch {
        std::vector<std::size_t> changes;
        std::vector<Wave> waves;
        std::optional<Error> failed; // the rehearsal's storage failed: nothing was written
    };
    std::vector<Batch> batches;
    std::vector<std::optional<ChangeOutcome>> outcomes; // as the rehearsal decided them
};

OdooApplier::OdooApplier(std::shared_ptr<OdooClient> client,
                         std::shared_ptr<storage::SyncStore> store)
    : m_client(std::move(client))
    , m_store(std::move(store)) {}

OdooApplier::~OdooApplier() = default;

Result<std::unique_ptr<engine::PreparedPush>> OdooApplier::prepare(const engine::PushPlan& plan,
                                                                   const engine::Caller& caller,
                                                                   protocol::Millis now) {
    if (!m_store)
        return std::unique_ptr<engine::PreparedPush>(); // apply() does it all in the transaction
    auto rehearsal = std::make_unique<Rehearsal>();
    // One push of the tenant at a time from here to its commit: the mirror this push reads
    // then already holds what the previous one wrote to Odoo.
    rehearsal->turn = std::unique_lock(m_turn);
    ++m_turnsTaken;
    auto snapshot = m_store->read();
    if (!snapshot.ok())
        return snapshot.error();
    ScratchTransaction scratch(std::move(snapshot).value());
    PushRun run(plan, caller, now, scratch);
    if (Status s = rehearse(run, rehearsal.get()); !s.ok())
        return s.error();
    rehearsal->outcomes = run.outcomes();
    return std::unique_ptr<engine::PreparedPush>(std::move(rehearsal));
}

Status OdooApplier::apply(PushRun& run) {
    if (auto* rehearsal = dynamic_cast<Rehearsal*>(run.prepared))
        return replay(run, *rehearsal);
    return rehearse(run, nullptr);
}

Status OdooApplier::rehearse(PushRun& run, Rehearsal* keep) {
    const auto& order = run.plan.order;
    const std::size_t batchSize =
        std::size_t(std::clamp(run.request().batch_size, 1, kMaxBatchSize));
    for (std::size_t start = 0; start < order.size(); start += batchSize) {
        const std::size_t end = std::min(order.size(), start + batchSize);
        std::vector<std::size_t> batch(order.begin() + long(start), order.begin() + long(end));
        Rehearsal::Batch kept;
        kept.changes = batch;
        const std::size_t mark = run.mark();
        storage::Savepoint sp(run.tx);
        Status s = sp.status();
        // A change is checked (run.precheck) once what it depends on is finished: the batch
        // goes to Odoo in waves, a new one where a change depends on one of the current wave.
        Wave wave;
        std::set<std::size_t> inWave;
        auto flush = [&]() -> Status {
            Status w = decide(run, wave);
            for (const auto& it : wave.items)
                if (!run.finished(it.i))
                    wave.recorded.insert(it.i);
            if (w.ok())
                w = record(run, wave);
            kept.waves.push_back(std::move(wave));
            wave = Wave();
            inWave.clear();
            return w;
        };
        for (auto i : batch) {
            if (!s.ok())
                break;
            bool dependsOnWave = false;
            for (auto d : run.plan.changes[i].depends_on)
                dependsOnWave = dependsOnWave || inWave.count(d) > 0;
            if (dependsOnWave)
                s = flush();
            wave.changes.push_back(i);
            inWave.insert(i);
        }
        if (s.ok() && !wave.changes.empty())
            s = flush();
        if (s.ok())
            s = sp.release();
        if (!s.ok()) {
            run.dropSince(mark);
            kept.failed = s.error();
            if (Status f = failBatch(run, batch, s.error()); !f.ok())
                return f;
        }
        if (keep)
            keep->batches.push_back(std::move(kept));
    }
    return {};
}

Status OdooApplier::failBatch(PushRun& run, const std::vector<std::size_t>& batch, const Error& e) {
    for (auto i : batch)
        if (!run.finished(i))
            if (Status f = run.finish(
                    i, run.failure(i, ErrorCode::StorageError, "not applied: " + e.message));
                !f.ok())
                return f;
    return {};
}

Status OdooApplier::replay(PushRun& run, Rehearsal& rehearsal) {
    const std::int64_t tenantId = run.caller.tenant_id;
    for (auto& batch : rehearsal.batches) {
        const std::size_t mark = run.mark();
        storage::Savepoint sp(run.tx);
        Status s = sp.status();
        if (s.ok() && batch.failed)
            s = *batch.failed;
        for (auto& wave : batch.waves) {
            if (!s.ok())
                break;
            // Odoo's state as the rehearsal read it (an Odoo user's edit becomes its event
            // here, unless the feed logged it meanwhile: then it is an echo).
            TxMirror mirror(run.tx, tenantId);
            if (auto r = applyFeed(mirror, wave.seen, run.now); !r.ok()) {
                s = r.error();
                break;
            }
            const std::set<std::size_t>& written = wave.recorded;
            for (auto i : wave.changes) {
                if (run.finished(i))
                    continue;
                // Remembered meanwhile (the same push from the same device committed while
                // this one was in Odoo): the stored answer.
                if (auto decided = run.precheck(i); decided && decided->result.duplicate) {
                    s = run.finish(i, std::move(*decided));
                } else if (!written.count(i)) {
                    const auto& o = rehearsal.outcomes[i];
                    s = run.finish(i, o ? *o
                                        : run.failure(i, ErrorCode::NotAttempted, "not attempted"));
                }
                if (!s.ok())
                    break;
            }
            if (s.ok())
                s = record(run, wave);
        }
        if (s.ok())
            s = sp.release();
        if (!s.ok()) {
            run.dropSince(mark);
            if (Status f = failBatch(run, batch.changes, s.error()); !f.ok())
                return f;
        }
    }
    return {};
}

Result<std::unique_ptr<storage::WriteTransaction>> OdooApplier::rehearsal() {
    if (!m_store)
        return std::unique_ptr<storage::WriteTransaction>();
    // The tenant's turn, like a push's (prepare): no push or feed of the tenant reads the
    // mirror while this resolution has written Odoo but not yet the store, and the snapshot,
    // taken once the turn is ours, holds what the previous holder wrote. The scratch keeps
    // the turn until the engine drops it after the replay's commit.
    std::unique_lock turn(m_turn);
    ++m_turnsTaken;
    auto snapshot = m_store->read();
    if (!snapshot.ok()) // without it the engine would write Odoo from the writer, turnless
        return Error{snapshot.error().code, "the resolution was not written to Odoo: its "
                                            "snapshot did not open (" +
                                                snapshot.error().message + ")"};
    return std::unique_ptr<storage::WriteTransaction>(
        std::make_unique<ScratchTransaction>(std::move(snapshot).value(), std::move(turn)));
}

Result<json> OdooApplier::writeResolution(std::int64_t tenantId, const std::string& model,
                                          std::int64_t id, const json& fields, bool deleteIt) {
    OdooChange oc;
    // Names the new lines an update loads (OdooPushWriter): the same resolution written again
    // finds them, another one on the same record does not.
    oc.local_id = "resolution-" + model + "-" + std::to_string(id) + "-" +
                  std::to_string(std::hash<std::string>{}(fields.dump()));
    oc.model = model;
    oc.action = deleteIt ? Action::Delete : Action::Update;
    oc.odoo_id = id;
    for (const auto& [k, v] : fields.items())
        if (k != "id")
            oc.values[k] = v;
    if (!deleteIt && oc.values.empty())
        return fields;
    OdooPushWriter writer(*m_client, OdooPushWriter::externalIdPrefix(tenantId, "resolution"));
    const auto outcomes = writer.write({oc});
    if (outcomes.empty() || !outcomes[0].done)
        return outcomes.empty() || !outcomes[0].error
                   ? Error{ErrorCode::Internal, "not written to Odoo"}
                   : *outcomes[0].error;
    if (deleteIt)
        return fields;
    // x2many commands as the id lists Odoo holds now, so the feed knows this write when it
    // comes back (unread: the commands, and the feed logs Odoo's ids as a version of its own).
    auto held = heldX2many({{model, {{id, fields}}}});
    return asOdooHolds(fields, held[model][id]);
}

Result<json> OdooApplier::fieldTypes(const std::string& model) {
    static thread_local std::map<std::string, json> cache;
    if (auto it = cache.find(model); it != cache.end())
        return it->second;
    auto r =
        m_client->call(model, "fields_get", json::array(), {{"attributes", {"type", "relation"}}});
    if (r.ok())
        cache[model] = r.value();
    return r;
}

std::map<std::string, std::map<std::int64_t, json>>
OdooApplier::heldX2many(const std::map<std::string, std::map<std::int64_t, json>>& written) {
    std::map<std::string, std::map<std::int64_t, json>> out;
    for (const auto& [model, records] : written) {
        auto types = fieldTypes(model);
        if (!types.ok())
            continue;
        std::set<std::int64_t> ids;
        std::set<std::string> x2many;
        for (const auto& [id, fields] : records)
            for (const auto& [f, v] : fields.items()) {
                const json& t = types.value().contains(f) ? types.value()[f] : json();
                const std::string type = t.is_object() ? t.value("type", std::string()) : "";
                if (type == "one2many" || type == "many2many") {
                    ids.insert(id);
                    x2many.insert(f);
                }
            }
        if (ids.empty())
            continue;
        auto recs = m_client->call(
            model, "search_read", json::array(),
            {{"domain", json::array({json::array({"id", "in", ids})})}, {"fields", x2many}});
        if (!recs.ok())
            continue;
        for (const auto& r : recs.value()) {
            const std::int64_t id = r.value("id", std::int64_t(0));
            auto mine = records.find(id);
            if (mine == records.end())
                continue;
            const json now = normaliseRecord(r, types.value());
            json& held = out[model][id];
            held = json::object();
            for (const auto& [f, v] : now.items())
                if (mine->second.contains(f) && x2many.count(f))
                    held[f] = v;
        }
    }
    return out;
}

Status OdooApplier::decide(PushRun& run, Wave& wave) {
    const std::vector<std::size_t>& batch = wave.changes;
    const std::int64_t tenantId = run.caller.tenant_id;
    auto failAll = [&](const std::vector<Item>& items, const Error& e) -> Status {
        for (const auto& it : items)
            if (!run.finished(it.i))
                if (Status s = run.finish(it.i, run.failure(it.i, e.code, e.message)); !s.ok())
                    return s;
        return {};
    };

    std::set<std::string> batchCreates;
    for (auto i : batch)
        if (run.plan.change(i).action == Action::Create)
            batchCreates.insert(run.plan.change(i).local_id);

    // 0. What is decided without Odoo.
    std::vector<Item>& items = wave.items;
    for (auto i : batch) {
        if (auto decided = run.precheck(i)) {
            if (Status s = run.finish(i, std::move(*decided)); !s.ok())
                return s;
            continue;
        }
        const Change& c = run.plan.change(i);
        Item it;
        it.i = i;
        bool asSent = false;
        it.data = run.data(i, asSent);
        if (c.action != Action::Create) {
            if (auto id = std::get_if<std::int64_t>(&c.record_id))
                it.target = *id;
            else if (auto sid = run.serverIdOf(std::get<std::string>(c.record_id)))
                it.target = *sid;
            else if (batchCreates.count(std::get<std::string>(c.record_id)))
                it.targetRef = std::get<std::string>(c.record_id);
            else {
                if (Status s = run.finish(i, run.failure(i, ErrorCode::UnresolvedReference,
                                                         "record_id has no server id"));
                    !s.ok())
                    return s;
                continue;
            }
        }
        items.push_back(std::move(it));
    }
    if (items.empty())
        return {};

    // 1. Odoo's current state of the records this batch updates or deletes.
    std::map<std::string, std::set<std::int64_t>> targets;
    for (const auto& it : items)
        if (it.target)
            targets[run.plan.change(it.i).model].insert(*it.target);
    std::vector<FeedChange>& seen = wave.seen;
    for (const auto& [model, ids] : targets) {
        auto types = fieldTypes(model);
        if (!types.ok())
            return failAll(items, types.error());
        auto recs = m_client->call(model, "search_read", json::array(),
                                   {{"domain", json::array({json::array({"id", "in", ids})})}});
        if (!recs.ok())
            return failAll(items, recs.error());
        std::set<std::int64_t> found;
        for (const auto& r : recs.value()) {
            // Last written by an Odoo user: a value our mirror never showed devices (a field
            // it never held, say) is news, so the device's change of it meets it below.
            FeedChange fc = readChange(model, r, types.value(), m_client->uid());
            found.insert(fc.odoo_id);
            seen.push_back(std::move(fc));
        }
        for (auto id : ids)
            if (!found.count(id)) {
                FeedChange fc;
                fc.model = model;
                fc.odoo_id = id;
                fc.action = EventAction::Unlink;
                seen.push_back(std::move(fc));
            }
    }
    TxMirror mirror(run.tx, tenantId);
    if (auto r = applyFeed(mirror, seen, run.now); !r.ok())
        return r.error();

    static thread_local auto sharedTypes = std::make_shared<std::map<std::string, json>>();
    OdooPushWriter writer(*m_client, OdooPushWriter::externalIdPrefix(tenantId, run.deviceId()),
                          sharedTypes);

    // 2. Conflicts against the mirror, decided by the strategy.
    for (auto& it : items) {
        const Change& c = run.plan.change(it.i);
        if (c.action == Action::Create) {
            it.fields = it.data;
            continue;
        }
        json local = json::object();
        if (c.action == Action::Update)
            for (const auto& f : c.changedFields())
                if (it.data.contains(f) && f != "id")
                    local[f] = it.data[f];
        it.fields = local;
        it.deleteIt = c.action == Action::Delete;
        if (!it.target)
            continue; // a record created in this batch: nobody else changed it yet
        auto found = run.tx.record(tenantId, c.model, *it.target);
        if (!found.ok())
            return found.error();
        if (!found.value() || (found.value()->deleted && c.action == Action::Delete)) {
            if (!found.value()) {
                it.toOdoo = false;
                if (Status s =
                        run.finish(it.i, run.failure(it.i, ErrorCode::RecordNotFound,
                                                     c.model + " " + std::to_string(*it.target) +
                                                         " does not exist in Odoo"));
                    !s.ok())
                    return s;
            } else {
                it.toOdoo = false; // already deleted: nothing to do
                ChangeOutcome o = run.outcome(it.i, ChangeStatus::Success);
                o.result.server_id = *it.target;
                o.result.version = found.value()->version;
                o.remember = true;
                if (Status s = run.finish(it.i, std::move(o)); !s.ok())
                    return s;
            }
            continue;
        }
        const RecordRow& row = *found.value();
        std::vector<storage::EventRow> concurrent;
        std::optional<std::int64_t> baseVersion;
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
        // An x2many field whose commands Odoo already holds (this change's earlier attempt
        // committed, its answer lost) is compared as Odoo's ids: the same change, not a
        // conflict with itself. Scalars already compare by value.
        json compared = local;
        if (server.changed_concurrently && c.action == Action::Update) {
            auto types = fieldTypes(c.model);
            for (const auto& [f, v] : local.items()) {
                if (!types.ok() || !server.changed_fields.count(f) || !row.data.contains(f) ||
                    !types.value().contains(f) || !types.value()[f].is_object())
                    continue;
                const std::string type = types.value()[f].value("type", std::string());
                if (type != "one2many" && type != "many2many")
                    continue;
                auto held = writer.holds(c.model, c.local_id, f, v, row.data[f]);
                if (!held.ok())
                    return failAll(items, held.error());
                if (held.value())
                    compared[f] = row.data[f];
            }
        }
        const auto check = ConflictPolicy::detect(c.action, compared, server);
        if (!check.any())
            continue;
        json merged = c.merged_data;
        if (merged.is_object()) {
            run.mapReferences(merged);
            merged.erase("id");
        }
        const auto strategy = run.request().conflict_strategy;
        const ConflictDecision d =
            ConflictPolicy::decide(strategy, c.action, local, check, server, merged, c.local_time);
        auto stored = run.conflictRow(c, row, local, check, server, baseVersion);
        if (!stored.ok())
            return stored.error();
        storage::ConflictRow conflict = std::move(stored).value();
        conflict.resolution = d.resolution;
        conflict.open = d.open;
        it.conflict = std::move(conflict);
        it.status = d.status;
        it.deleteIt = d.write == ConflictDecision::Write::Delete;
        it.fields = d.fields;
        it.toOdoo =
            d.write != ConflictDecision::Write::Nothing && (it.deleteIt || !d.fields.empty());
    }

    // 3. Into Odoo, batched.
    std::vector<OdooChange> changes;
    for (auto& it : items) {
        if (run.finished(it.i) || !it.toOdoo)
            continue;
        const Change& c = run.plan.change(it.i);
        OdooChange oc;
        oc.local_id = c.local_id;
        oc.model = c.model;
        oc.action = it.deleteIt ? Action::Delete : c.action;
        oc.odoo_id = it.target;
        oc.record_ref = it.targetRef;
        oc.values = it.fields;
        it.writerIndex = changes.size();
        changes.push_back(std::move(oc));
    }
    const auto started = std::chrono::steady_clock::now();
    wave.outcomes = writer.write(changes);
    m_writeUs += std::chrono::duration_cast<std::chrono::microseconds>(
                     std::chrono::steady_clock::now() - started)
                     .count();
    ++m_writeBatches;

    // 3b. x2many fields written with commands ([0, 0, {...}], [4, id], ...): what Odoo holds
    // now (id lists), one read per model, so the mirror holds Odoo's shape. Unread (Odoo
    // gone meanwhile), the commands are mirrored and the feed later logs Odoo's ids as a
    // version of its own.
    std::map<std::string, std::map<std::int64_t, json>> written;
    for (const auto& it : items)
        if (it.writerIndex && !it.deleteIt && wave.outcomes[*it.writerIndex].done) {
            json& w = written[run.plan.change(it.i).model][wave.outcomes[*it.writerIndex].odoo_id];
            if (!w.is_object())
                w = json::object();
            w.update(it.fields);
        }
    auto held = heldX2many(written);
    for (auto& it : items)
        if (it.writerIndex && !it.deleteIt && wave.outcomes[*it.writerIndex].done)
            if (auto m = held.find(run.plan.change(it.i).model); m != held.end())
                if (auto r = m->second.find(wave.outcomes[*it.writerIndex].odoo_id);
                    r != m->second.end())
                    it.odooValues = r->second;
    return {};
}

OdooApplier::TurnMark OdooApplier::turnMark() {
    TurnMark mark;
    mark.taken = m_turnsTaken.load(); // first: a holder taking it after this one is counted
    if (m_turn.try_lock())            // a holder from before is seen here
        m_turn.unlock();
    else
        mark.held = true;
    return mark;
}

bool OdooApplier::turnTakenSince(const TurnMark& mark) const {
    return mark.held || m_turnsTaken.load() != mark.taken;
}

OdooApplier::WriteStats OdooApplier::writeStats() const {
    return {m_writeBatches.load(), double(m_writeUs.load()) / 1000.0};
}

Status OdooApplier::record(PushRun& run, Wave& wave) {
    // 4. Mirror what Odoo accepted; finish every change.
    const std::int64_t tenantId = run.caller.tenant_id;
    const auto& outcomes = wave.outcomes;
    auto& items = wave.items;
    const Writer whoBase{
        run.caller.user_id, run.deviceId(), {}, protocol::EventPriority::Medium, "business"};
    for (auto& it : items) {
        if (run.finished(it.i))
            continue;
        const Change& c = run.plan.change(it.i);
        const auto& pc = run.plan.changes[it.i];
        Writer who = whoBase;
        who.local_id = c.local_id;
        who.priority = pc.event_priority;
        who.category = pc.category;
        std::int64_t odooId = it.target.value_or(0);
        if (it.writerIndex) {
            const OdooOutcome& o = outcomes[*it.writerIndex];
            if (!o.done) {
                const Error e = o.error.value_or(Error{ErrorCode::Internal, "not written"});
                if (Status s = run.finish(it.i, run.failure(it.i, e.code, e.message)); !s.ok())
                    return s;
                continue;
            }
            odooId = o.odoo_id;
        }
        ChangeOutcome out = run.outcome(it.i, it.status);
        out.remember = true;
        out.result.server_id = odooId;
        if (c.action == Action::Create) {
            RecordRow row;
            row.model = c.model;
            row.id = odooId;
            row.data = asOdooHolds(it.fields, it.odooValues);
            row.version = 1;
            row.create_date = row.write_date = run.now;
            if (Status s = run.tx.putRecord(tenantId, row); !s.ok())
                return s;
            std::vector<std::string> changed;
            for (const auto& [k, v] : row.data.items())
                changed.push_back(k);
            auto ev = engine::writeRecord(run.tx, tenantId, row, EventAction::Create,
                                          std::move(changed), who);
            if (!ev.ok())
                return ev.error();
            out.result.version = row.version;
        } else {
            auto found = run.tx.record(tenantId, c.model, odooId);
            if (!found.ok())
                return found.error();
            RecordRow row;
            if (found.value()) {
                row = std::move(*found.value());
            } else { // created earlier in this batch and already mirrored above? not yet: new
                row.model = c.model;
                row.id = odooId;
                row.version = 0;
                row.create_date = run.now;
                if (Status s = run.tx.putRecord(tenantId, row); !s.ok())
                    return s;
            }
            if (it.toOdoo) {
                auto ev = it.deleteIt ? engine::deleteRecord(run.tx, tenantId, row, run.now, who)
                                      : engine::writeFields(run.tx, tenantId, row,
                                                            asOdooHolds(it.fields, it.odooValues),
                                                            run.now, who);
                if (!ev.ok())
                    return ev.error();
            }
            out.result.version = row.version;
            if (it.conflict) {
                auto& conflict = *it.conflict;
                if (!conflict.open) {
                    conflict.resolved_at = run.now;
                    conflict.resolved_by = run.caller.user_id;
                    conflict.result_data =
                        row.deleted ? json(nullptr) : engine::withId(row.data, row.id);
                }
                auto id = run.tx.insertConflict(tenantId, conflict);
                if (!id.ok())
                    return id.error();
                protocol::ConflictInfo info;
                info.conflict_id = id.value();
                info.strategy = conflict.strategy;
                info.resolution = conflict.resolution;
                info.conflicting_fields = conflict.conflicting_fields;
                info.local_data = conflict.local_data;
                info.server_data = conflict.server_data;
                info.base_data = conflict.base_data;
                info.local_version = conflict.local_version;
                info.server_version = conflict.server_version;
                info.local_timestamp = c.local_timestamp.empty()
                                           ? protocol::formatTime(c.local_time)
                                           : c.local_timestamp;
                info.server_timestamp = protocol::formatTime(conflict.server_timestamp);
                info.requires_resolution = conflict.open;
                out.result.conflict_info = std::move(info);
            }
        }
        if (Status s = run.finish(it.i, std::move(out)); !s.ok())
            return s;
    }
    return {};
}

} // namespace bridgecore::odoo
