#pragma once
// Writing a record and its event together (DESIGN.md §4 push rule 3: every applied change
// writes exactly one event in the same transaction as the record).

#include "protocol/Protocol.h"
#include "storage/SyncStore.h"

namespace bridgecore::engine {

/// Who writes, for the event's metadata.
struct Writer {
    std::int64_t user_id = 0;
    std::string device_id;
    std::string local_id;
    protocol::EventPriority priority = protocol::EventPriority::Medium;
    std::string category = "business";
};

/// Writes the record (inserted when row.id == 0) and its event; returns the event id.
Result<std::int64_t> writeRecord(storage::WriteTransaction& tx, std::int64_t tenantId,
                                 storage::RecordRow& row, protocol::EventAction action,
                                 std::vector<std::string> changed, const Writer& who);
/// Merges `fields` into the record and writes it as one new version (a deleted record
/// comes back to life).
Result<std::int64_t> writeFields(storage::WriteTransaction& tx, std::int64_t tenantId,
                                 storage::RecordRow& row, const protocol::json& fields,
                                 protocol::Millis now, const Writer& who);
/// Marks the record deleted as one new version.
Result<std::int64_t> deleteRecord(storage::WriteTransaction& tx, std::int64_t tenantId,
                                  storage::RecordRow& row, protocol::Millis now, const Writer& who);
/// The record's data with "id" first.
protocol::json withId(const protocol::json& data, std::int64_t id);

} // namespace bridgecore::engine
