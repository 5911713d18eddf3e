#pragma once
// The tenant's store as the Odoo bridge sees it: a mirror of Odoo's records (record ids are
// Odoo ids) and the event log devices pull. applyFeed() turns what OdooFeed reports into
// mirror rows and events, leaving out the echoes of our own writes.

#include "odoo/OdooFeed.h"
#include "storage/SyncStore.h"

#include <limits>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace bridgecore::odoo {

/// Fields Odoo maintains itself; never a reason for an event.
bool isOdooLogField(const std::string& field);

/// What a record's events told devices. A field the mirror holds that no event named was
/// filled in quietly from one of Odoo's reads; one no event's data held was never seen by a
/// device at all.
struct LoggedFields {
    std::set<std::string> stated; // named as changed by some event (ours or an Odoo user's)
    std::set<std::string> shown;  // in some event's data (an event carries the whole record)
};

class OdooMirror {
public:
    virtual ~OdooMirror() = default;
    /// The mirrored record (deleted ones included); nullopt when never mirrored.
    virtual Result<std::optional<storage::RecordRow>> record(const std::string& model,
                                                             std::int64_t odooId) = 0;
    /// What the record's events told devices (see LoggedFields).
    virtual Result<LoggedFields> loggedFields(const std::string& model, std::int64_t odooId) = 0;
    /// In one write transaction: each record row (inserted under its Odoo id when new, else
    /// updated) and, when given, its event.
    virtual Status
    apply(const std::vector<std::pair<storage::RecordRow, std::optional<storage::EventRow>>>&
              writes) = 0;
};

/// recordEvents' upper bound for all of a record's events.
inline constexpr std::int64_t kEveryVersion = std::numeric_limits<std::int64_t>::max();

/// LoggedFields of a record's `events` (OdooMirror::loggedFields).
Result<LoggedFields> loggedIn(const Result<std::vector<storage::EventRow>>& events);

/// An empty value as Odoo's code tests one (Python falsiness: false, null, 0, "", []):
/// overwriting it loses nothing an Odoo user typed in.
bool isEmptyOdooValue(const json& value);

struct FeedApplied {
    int events = 0; // appended to the log
    int echoes = 0; // our own writes coming back: mirrored quietly, no event
};

/// Mirrors `changes` and appends an event for each one an Odoo user made. A change is an echo
/// when every field it shares with the mirrored record has the same value and (when Odoo says
/// which fields changed) every changed field is one the mirror holds with that value and an
/// event stated (loggedFields); an echo only fills in fields the mirror lacked (computed ones,
/// defaults), without an event. Those fill-ins come from a read that may already hold an Odoo
/// user's later edit, so they never make that edit's own row an echo. When Odoo's last write
/// was an Odoo user's (by_odoo_user), a field holding a value no event showed devices is news
/// too: unseen, it may be that user's edit (a default Odoo filled in at our create is counted
/// too when it is not empty; an empty one loses nothing when a device writes it).
Result<FeedApplied> applyFeed(OdooMirror& mirror, const std::vector<FeedChange>& changes,
                              protocol::Millis now);

} // namespace bridgecore::odoo
