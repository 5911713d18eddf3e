#pragma once
// The second part of a push: applying a PushPlan inside the push's write transaction.
// PushRun carries what every applier shares (the rules of DESIGN.md §4 that do not depend on
// where records live: duplicates, planned failures, dependency failures, stop_on_error,
// reference mapping, the ledger); a PushApplier decides how changes reach the records: the
// store's own tables (StoreApplier), or another system of record (e.g. Odoo, batched per run
// of same-model, same-action changes).

#include "engine/AccessPolicy.h"
#include "engine/ConflictPolicy.h"
#include "engine/PushPlanner.h"

#include <chrono>
#include <memory>

namespace bridgecore::engine {

/// The outcome of one change.
struct ChangeOutcome {
    protocol::ChangeResult result; // status, error_code/error, server_id, version, conflict_info
    /// Keep it in the exactly-once ledger: applied, or stored as a conflict. A failure, or a
    /// retryable error such as a system of record being unavailable, is never remembered.
    bool remember = false;
};

/// What an applier did for one push before its write transaction (PushApplier::prepare), for
/// its apply() of the same push; destroyed once the push's transaction ended.
class PreparedPush {
public:
    virtual ~PreparedPush() = default;
};

/// One push being applied. Outcomes stay private to the run; the engine publishes them only
/// after the write transaction committed.
class PushRun {
public:
    PushRun(const PushPlan& plan, const Caller& caller, protocol::Millis now,
            storage::WriteTransaction& tx);

    const PushPlan& plan;
    const Caller& caller;
    const protocol::Millis now;
    storage::WriteTransaction& tx;

    /// The applier's prepare() of this push (nullptr when it prepared nothing).
    PreparedPush* prepared = nullptr;

    const protocol::PushRequest& request() const { return *plan.request; }
    const std::string& deviceId() const { return plan.request->device_id; }

    /// The outcome of change i when it is decided without applying it: a duplicate (the
    /// stored result), a planned failure, a failed dependency, or NOT_ATTEMPTED after a
    /// failure under stop_on_error. nullopt: apply it.
    std::optional<ChangeOutcome> precheck(std::size_t i) const;
    /// The server id of the record that `localId` names: created by this device before, or
    /// created and applied earlier in this push.
    std::optional<std::int64_t> serverIdOf(const std::string& localId) const;
    /// Replaces every string in `j` naming a created record by its server id; the count.
    int mapReferences(protocol::json& j) const;
    /// Change i's data as an object, references mapped, without "id". `asSent` is true when
    /// nothing was changed, so PlannedChange::data_text still spells it.
    protocol::json data(std::size_t i, bool& asSent) const;
    /// True when change i's data is an object without "id" whose references map to nothing:
    /// PlannedChange::data_text then spells the data to store, and data() need not copy it.
    bool dataAsSent(std::size_t i) const;
    /// A failed outcome for change i.
    ChangeOutcome failure(std::size_t i, ErrorCode code, std::string message) const;
    /// A success, or the start of any other outcome, for change i.
    ChangeOutcome outcome(std::size_t i, protocol::ChangeStatus status) const;
    /// The conflict to store for change `c` against `row` (strategy, fields, both sides, the
    /// base at `baseVersion` when known, versions and times); resolution and open are the
    /// caller's, from the ConflictPolicy decision.
    Result<storage::ConflictRow> conflictRow(const protocol::Change& c,
                                             const storage::RecordRow& row,
                                             const protocol::json& local,
                                             const ConflictCheck& check, const ServerSide& server,
                                             std::optional<std::int64_t> baseVersion) const;
    /// Records change i's outcome, and remembers it in the ledger (in tx) when it says so.
    Status finish(std::size_t i, ChangeOutcome outcome);

    /// Staging for savepoints: outcomes finished after mark() are dropped by dropSince().
    std::size_t mark() const { return m_finished.size(); }
    void dropSince(std::size_t mark);

    bool finished(std::size_t i) const { return m_outcomes[i].has_value(); }
    /// Every change's outcome (after the applier ran: all set).
    const std::vector<std::optional<ChangeOutcome>>& outcomes() const { return m_outcomes; }
    /// The outcomes, moved out (the run is over).
    std::vector<std::optional<ChangeOutcome>> takeOutcomes() { return std::move(m_outcomes); }

private:
    /// True when `j` holds a string mapReferences() would replace.
    bool hasReference(const protocol::json& j) const;
    std::vector<std::optional<ChangeOutcome>> m_outcomes;
    std::vector<std::size_t> m_finished; // in finishing order
    bool m_stopped = false;
    std::chrono::steady_clock::time_point m_last;
    std::string m_nowText; // formatTime(now), once per run
    /// The ledger row being remembered, reused: its strings keep their buffers between changes.
    storage::LedgerEntry m_entry;
};

class PushApplier {
public:
    virtual ~PushApplier() = default;
    /// Work for a push before its write transaction, without holding the store's writer: an
    /// applier writing to a system of record that may be slow (Odoo) does it here, so other
    /// tenants' pushes never wait for it; apply() then records the outcome in a short
    /// transaction (run.prepared). An error fails the whole push (nothing kept). Default:
    /// nothing to prepare.
    virtual Result<std::unique_ptr<PreparedPush>>
    prepare(const PushPlan& plan, const Caller& caller, protocol::Millis now) {
        (void)plan, (void)caller, (void)now;
        return std::unique_ptr<PreparedPush>();
    }
    /// Applies run.plan's changes in run.plan.order, finishing every one of them with
    /// run.finish(). An error means the storage failed; the engine then rolls the push back.
    virtual Status apply(PushRun& run) = 0;
    /// A conflict resolution's write (client_wins, merge) of `fields` into record `id` of
    /// `model`, or its delete, before the store records it: a system of record (Odoo) takes it
    /// first; an error fails that resolution and the store keeps nothing of it. The answer is
    /// `fields` as the store is to keep them: as the system of record holds them after the
    /// write (Odoo: x2many commands become the id lists it holds). The store's own records
    /// need nothing more: `fields` as given.
    virtual Result<protocol::json> writeResolution(std::int64_t tenantId, const std::string& model,
                                                   std::int64_t id, const protocol::json& fields,
                                                   bool deleteIt) {
        (void)tenantId, (void)model, (void)id, (void)deleteIt;
        return fields;
    }
    /// Where resolutions are rehearsed outside the store's writer, for an applier whose
    /// writeResolution() may be slow (Odoo): a transaction over a read snapshot whose writes
    /// stay in memory. The engine runs the resolutions on it first, calling writeResolution()
    /// there, then replays them in its write transaction with the rehearsal's answers, so the
    /// writer never waits for the system of record. The transaction may hold a lock of the
    /// applier's (Odoo: the tenant's turn) until destroyed: the engine keeps it until the
    /// replay committed. Null (the default): no rehearsal needed. An error: none can be had
    /// (its snapshot did not open); the resolution fails with it instead of writing the system
    /// of record from inside the writer without the applier's lock.
    virtual Result<std::unique_ptr<storage::WriteTransaction>> rehearsal() {
        return std::unique_ptr<storage::WriteTransaction>();
    }
};

/// Applies changes to the store's own records: records, events, conflicts and the ledger, in
/// savepoints of batch_size changes (a storage failure fails only its batch).
class StoreApplier final : public PushApplier {
public:
    Status apply(PushRun& run) override;

private:
    /// Applies one change that passed run.precheck(); an error is a storage failure.
    Status applyOne(PushRun& run, std::size_t i);
};

} // namespace bridgecore::engine
