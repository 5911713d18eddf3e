#pragma once
// The first part of a push (DESIGN.md §4 push rules 1, 2 and 7): validation, content hashes,
// the dependency graph and its order, and what the exactly-once ledger knows. Pure: it reads
// nothing itself and takes no lock, so it runs before the push queues for the writer.

#include "protocol/Protocol.h"
#include "storage/SyncStore.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bridgecore::engine {

/// How the tenant's model map classifies a model's events.
struct ModelInfo {
    std::optional<protocol::EventPriority> priority; // fixed event priority, if any
    std::string category = "business";
};
/// Every model of every app type of a tenant.
using Models = std::unordered_map<std::string, ModelInfo>;
Models modelsOf(const storage::ModelMap& map);

/// One change of a push as planned.
struct PlannedChange {
    std::size_t index = 0; // position in the request
    std::string data_text; // the data as sent: hashed, and stored as is when nothing is mapped
    std::string content_hash;
    /// Whether a string of the data names a create of this push or one the ledger remembers
    /// (false: the data holds no reference to map, so it can be stored as sent).
    bool data_may_reference = false;
    /// The ledger's entry for this local_id: the change was pushed before (a duplicate when
    /// the hash matches; LOCAL_ID_REUSED otherwise, already in `failure`).
    std::optional<storage::LedgerEntry> remembered;
    /// Decided without applying: LOCAL_ID_REUSED, UNKNOWN_MODEL, INVALID_ACTION,
    /// MISSING_RECORD_ID, DEPENDENCY_CYCLE or UNRESOLVED_REFERENCE.
    std::optional<Error> failure;
    /// Changes of this push (request indices) that must have succeeded before this one.
    std::vector<std::size_t> depends_on;
    protocol::EventPriority event_priority = protocol::EventPriority::Medium;
    std::string category = "business";
};

/// A planned push: ordered changes, their references and the ledger state they were planned on.
struct PushPlan {
    const protocol::PushRequest* request = nullptr;
    std::vector<PlannedChange> changes; // request order
    std::vector<std::size_t> order;     // application order: topological, priority, request order
    /// Every string of the request that may name an earlier change: what the ledger was asked.
    std::vector<std::string> ledger_keys;
    /// The ledger's entries among ledger_keys when planned.
    std::unordered_map<std::string, storage::LedgerEntry> ledger;
    /// local_id (a view into the request) -> request index, for the creates of this push.
    std::unordered_map<std::string_view, std::size_t> creates;

    const protocol::Change& change(std::size_t i) const { return request->changes[i]; }
    /// The server id a local_id names when an earlier push created it (from the ledger).
    std::optional<std::int64_t> rememberedId(const std::string& localId) const;
};

class PushPlanner {
public:
    /// The strings of `req` to look up in the ledger.
    static std::vector<std::string> ledgerKeys(const protocol::PushRequest& req);
    /// Plans `req` (which must outlive the plan) against the ledger's entries for
    /// ledgerKeys(req) and the tenant's models.
    static PushPlan plan(const protocol::PushRequest& req, std::vector<storage::LedgerEntry> ledger,
                         const Models& models);
    /// Whether the ledger now answers differently from what `plan` was made on.
    static bool ledgerChanged(const PushPlan& plan,
                              const std::vector<storage::LedgerEntry>& ledgerNow);
};

} // namespace bridgecore::engine
