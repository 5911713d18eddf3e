#pragma once
// Conflict detection and the five strategies (DESIGN.md §4 push rules 4 and 5), as pure
// functions of what the device sent and what the server holds: no storage, no clock.

#include "protocol/Protocol.h"

#include <set>
#include <string>
#include <vector>

namespace bridgecore::engine {

/// The server's side of an update or delete.
struct ServerSide {
    protocol::json data = protocol::json::object(); // the record now (without "id")
    bool deleted = false;
    bool changed_concurrently = false;    // some server change since the device's base
    std::set<std::string> changed_fields; // fields those concurrent changes wrote
    protocol::Millis changed_at = 0;      // when the newest of them was written
};

struct ConflictCheck {
    std::vector<std::string> conflicting_fields;
    bool whole_record = false; // update of a deleted record, delete of a changed one
    bool any() const { return whole_record || !conflicting_fields.empty(); }
};

/// What to write for a change in conflict.
struct ConflictDecision {
    enum class Write { Nothing, Fields, Delete };
    Write write = Write::Nothing;
    protocol::json fields = protocol::json::object(); // for Write::Fields
    protocol::Resolution resolution = protocol::Resolution::Manual;
    protocol::ChangeStatus status = protocol::ChangeStatus::Conflict;
    bool open = true; // stored as an open conflict awaiting a resolution
};

class ConflictPolicy {
public:
    /// Conflicting fields = fields the device changed (`local`) that a concurrent server change
    /// also changed and whose values now differ; none means an automatic field-level merge.
    static ConflictCheck detect(protocol::Action action, const protocol::json& local,
                                const ServerSide& server);

    /// The strategy's answer to a detected conflict. `mergedData` is the change's
    /// merged_data with references already mapped; `localTime` its local_timestamp.
    static ConflictDecision decide(protocol::ConflictStrategy strategy, protocol::Action action,
                                   const protocol::json& local, const ConflictCheck& check,
                                   const ServerSide& server, const protocol::json& mergedData,
                                   protocol::Millis localTime);
};

} // namespace bridgecore::engine
