#pragma once
// OdooApplier: the push applier of a tenant attached to Odoo (engine::PushApplier). Per batch
// of batch_size changes, in the plan's order:
//   1. the records the batch updates or deletes are read from Odoo and Odoo users' changes
//      since we last saw them enter the log first (applyFeed), so conflict detection compares
//      the device's base with what changed in Odoo; when an Odoo user wrote a record last
//      (write_uid), a value no event showed devices (a field the mirror never held) counts as
//      that user's change too, so a device changing it meets it instead of overwriting it;
//   2. conflicts are decided by the tenant's strategy (ConflictPolicy) on that mirror;
//   3. what is to be written goes to Odoo through OdooPushWriter (batched, external ids for
//      exactly-once creates);
//   4. what Odoo accepted is mirrored under Odoo's ids with its event (x2many fields as the
//      id lists Odoo holds after the write, read back in the same round, so the feed knows
//      our own write when it comes back), and remembered;
//      Odoo's refusals are per-change failures (ACCESS_DENIED, ODOO_VALIDATION,
//      RECORD_NOT_FOUND, DEPENDENCY_FAILED); ODOO_UNAVAILABLE is never remembered, so the
//      device's retry tries again.
// Steps 1-3 never run inside the store's shared write transaction: prepare() rehearses the
// whole push on a ScratchTransaction over a read snapshot (Odoo is read and written there),
// then apply(), in the push's short transaction, replays what the rehearsal decided: Odoo's
// state into the mirror, the rows, events, conflicts and ledger of what Odoo accepted. A slow
// Odoo therefore holds only its own tenant's pushes (one at a time, the tenant's turn), never
// the writer. A crash between Odoo's commit and ours is the window external ids cover (the
// retry finds the record through ir.model.data); a change remembered meanwhile by the same
// device's other push is answered as the duplicate it is.

#include "engine/PushApplier.h"
#include "odoo/OdooClient.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>

namespace bridgecore::odoo {

class OdooApplier final : public engine::PushApplier {
public:
    /// With `store`, prepare() writes to Odoo outside the store's writer (a rehearsal on a
    /// snapshot) and apply() only records the outcome; without, apply() does both.
    explicit OdooApplier(std::shared_ptr<OdooClient> client,
                         std::shared_ptr<storage::SyncStore> store = nullptr);
    ~OdooApplier() override;

    Result<std::unique_ptr<engine::PreparedPush>> prepare(const engine::PushPlan& plan,
                                                          const engine::Caller& caller,
                                                          protocol::Millis now) override;
    Status apply(engine::PushRun& run) override;
    /// Writes a resolution into Odoo (write, or unlink) through OdooPushWriter; the fields to
    /// store are its x2many ones as Odoo holds them after the write (read back), like a push's.
    Result<json> writeResolution(std::int64_t tenantId, const std::string& model, std::int64_t id,
                                 const json& fields, bool deleteIt) override;
    /// With `store`: a ScratchTransaction over a snapshot, so the engine writes resolutions to
    /// Odoo outside its writer and replays them in a short transaction. It holds the tenant's
    /// turn (taken before the snapshot) until it is destroyed. A snapshot that does not open
    /// is the resolution's error: it is never written to Odoo without the turn.
    Result<std::unique_ptr<storage::WriteTransaction>> rehearsal() override;
    /// The tenant's turn: held by a push from prepare() to its commit, by a resolution from
    /// rehearsal() to its commit, and by whoever else mirrors Odoo's changes for the tenant
    /// (the feed), so none reads the mirror while another has written Odoo but not yet the
    /// mirror.
    std::mutex& turn() { return m_turn; }
    /// Where the turn stands (taken before reading Odoo outside it): whether a push or a
    /// resolution held it since, and so may have mirrored Odoo's state newer than that read.
    struct TurnMark {
        std::uint64_t taken = 0;
        bool held = false;
    };
    TurnMark turnMark();
    bool turnTakenSince(const TurnMark& mark) const;

    /// Pushes' writes into Odoo so far: batches written (one OdooPushWriter::write each) and
    /// the wall time they took, for the console's "Odoo write latency".
    struct WriteStats {
        std::int64_t batches = 0;
        double ms_total = 0;
    };
    WriteStats writeStats() const;

private:
    struct Wave;
    struct Rehearsal;
    /// Steps 1-4 on run.tx, batch by batch in waves; `keep` collects what apply() replays.
    Status rehearse(engine::PushRun& run, Rehearsal* keep);
    /// The rehearsal's outcome recorded in the push's transaction.
    Status replay(engine::PushRun& run, Rehearsal& rehearsal);
    /// Steps 0-3 of a wave: what is decided without Odoo, Odoo's current state of the
    /// targets into the mirror, conflicts, and the writes into Odoo.
    Status decide(engine::PushRun& run, Wave& wave);
    /// Step 4: the mirror rows, events and conflicts of what Odoo accepted; every change
    /// finished.
    Status record(engine::PushRun& run, Wave& wave);
    Status failBatch(engine::PushRun& run, const std::vector<std::size_t>& batch, const Error& e);
    /// fields_get of `model` (type and relation), cached per thread.
    Result<json> fieldTypes(const std::string& model);
    /// The x2many fields among `written` (model -> record id -> fields written) as Odoo holds
    /// them now (id lists), one search_read per model; records or models Odoo did not answer
    /// for are left out.
    std::map<std::string, std::map<std::int64_t, json>>
    heldX2many(const std::map<std::string, std::map<std::int64_t, json>>& written);

    std::shared_ptr<OdooClient> m_client;
    std::shared_ptr<storage::SyncStore> m_store;
    std::mutex m_turn;
    std::atomic<std::uint64_t> m_turnsTaken{0}; // by pushes and resolutions
    std::atomic<std::int64_t> m_writeBatches{0}, m_writeUs{0};
};

} // namespace bridgecore::odoo
