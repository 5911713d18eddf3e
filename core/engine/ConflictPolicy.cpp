#include "engine/ConflictPolicy.h"

namespace bridgecore::engine {

using namespace protocol;

ConflictCheck ConflictPolicy::detect(Action action, const json& local, const ServerSide& server) {
    ConflictCheck c;
    if (server.deleted) { // update of a record deleted on the server
        c.whole_record = true;
        for (const auto& [k, v] : local.items())
            c.conflicting_fields.push_back(k);
    } else if (action == Action::Delete) {
        if (server.changed_concurrently) { // delete of a record updated concurrently
            c.whole_record = true;
            c.conflicting_fields.assign(server.changed_fields.begin(), server.changed_fields.end());
        }
    } else {
        for (const auto& [k, v] : local.items())
            if (server.changed_fields.count(k) && (!server.data.contains(k) || server.data[k] != v))
                c.conflicting_fields.push_back(k);
    }
    return c;
}

ConflictDecision ConflictPolicy::decide(ConflictStrategy strategy, Action action, const json& local,
                                        const ConflictCheck& check, const ServerSide& server,
                                        const json& mergedData, Millis localTime) {
    const std::set<std::string> conflicting(check.conflicting_fields.begin(),
                                            check.conflicting_fields.end());
    json nonConflicting = json::object();
    for (const auto& [k, v] : local.items())
        if (!conflicting.count(k))
            nonConflicting[k] = v;
    // The device's fields other than the contested ones still apply to a live record.
    const bool uncontestedApply = action == Action::Update && !server.deleted;

    if (strategy == ConflictStrategy::NewestWins) // ties go to the server
        strategy = localTime > server.changed_at ? ConflictStrategy::ClientWins
                                                 : ConflictStrategy::ServerWins;
    ConflictDecision d;
    switch (strategy) {
    case ConflictStrategy::ClientWins:
        d.write = action == Action::Delete ? ConflictDecision::Write::Delete
                                           : ConflictDecision::Write::Fields;
        d.fields = local;
        d.resolution = Resolution::ClientWins;
        d.status = ChangeStatus::Success;
        d.open = false;
        break;
    case ConflictStrategy::ServerWins:
    case ConflictStrategy::NewestWins:
        if (uncontestedApply) {
            d.write = ConflictDecision::Write::Fields;
            d.fields = nonConflicting;
        }
        d.resolution = Resolution::ServerWins;
        d.status = ChangeStatus::Conflict;
        d.open = false;
        break;
    case ConflictStrategy::Merge: {
        bool covered = mergedData.is_object();
        for (const auto& f : check.conflicting_fields)
            covered = covered && mergedData.contains(f);
        if (covered) {
            d.write = ConflictDecision::Write::Fields;
            d.fields = nonConflicting;
            for (const auto& [k, v] : mergedData.items())
                if (k != "id")
                    d.fields[k] = v;
            d.resolution = Resolution::Merged;
            d.status = ChangeStatus::Success;
            d.open = false;
        } else { // without usable merged_data: keep the uncontested fields, hold the rest
            if (uncontestedApply) {
                d.write = ConflictDecision::Write::Fields;
                d.fields = nonConflicting;
            }
            d.resolution = Resolution::Manual;
        }
        break;
    }
    case ConflictStrategy::Manual: // nothing applied
        d.resolution = Resolution::Manual;
        break;
    }
    return d;
}

} // namespace bridgecore::engine
