#include "odoo/ScratchTransaction.h"

#include <algorithm>

namespace bridgecore::odoo {

using namespace storage;
using protocol::Millis;

namespace {
Error refused(const char* what) {
    return Error{ErrorCode::Internal, std::string("a push rehearsal does not ") + what};
}
} // namespace

ScratchTransaction::ScratchTransaction(std::unique_ptr<ReadTransaction> snapshot,
                                       std::unique_lock<std::mutex> turn)
    : m_read(std::move(snapshot))
    , m_turn(std::move(turn)) {}

Status ScratchTransaction::savepoint() {
    m_savepoints.push_back(m_overlay);
    return {};
}

Status ScratchTransaction::releaseSavepoint() {
    if (m_savepoints.empty())
        return refused("release a savepoint it has not");
    m_savepoints.pop_back();
    return {};
}

Status ScratchTransaction::rollbackToSavepoint() {
    if (m_savepoints.empty())
        return refused("roll back a savepoint it has not");
    m_overlay = std::move(m_savepoints.back());
    m_savepoints.pop_back();
    return {};
}

// ---- reads with the overlay ----

Result<std::optional<RecordRow>>
ScratchTransaction::record(std::int64_t tenantId, const std::string& model, std::int64_t id) {
    if (auto it = m_overlay.records.find({model, id}); it != m_overlay.records.end())
        return std::optional<RecordRow>(it->second);
    return m_read->record(tenantId, model, id);
}

Result<std::vector<EventRow>> ScratchTransaction::recordEvents(std::int64_t tenantId,
                                                               const std::string& model,
                                                               std::int64_t recordId,
                                                               std::int64_t fromVersion,
                                                               std::int64_t toVersion) {
    auto out = m_read->recordEvents(tenantId, model, recordId, fromVersion, toVersion);
    if (!out.ok())
        return out;
    std::vector<EventRow> events = std::move(out).value();
    if (auto it = m_overlay.events.find({model, recordId}); it != m_overlay.events.end())
        for (const auto& e : it->second)
            if (e.version > fromVersion && e.version <= toVersion)
                events.push_back(e);
    return events;
}

Result<std::vector<EventRow>> ScratchTransaction::recordEventsAfter(std::int64_t tenantId,
                                                                    const std::string& model,
                                                                    std::int64_t recordId,
                                                                    Millis after) {
    auto out = m_read->recordEventsAfter(tenantId, model, recordId, after);
    if (!out.ok())
        return out;
    std::vector<EventRow> events = std::move(out).value();
    if (auto it = m_overlay.events.find({model, recordId}); it != m_overlay.events.end())
        for (const auto& e : it->second)
            if (e.timestamp > after)
                events.push_back(e);
    return events;
}

// ---- writes kept in the overlay ----

Status ScratchTransaction::putRecord(std::int64_t, const RecordRow& row) {
    RecordRow kept = row;
    kept.data_text.clear();
    m_overlay.records[{row.model, row.id}] = std::move(kept);
    return {};
}

Status ScratchTransaction::updateRecord(std::int64_t tenantId, const RecordRow& row) {
    auto found = record(tenantId, row.model, row.id);
    if (!found.ok())
        return found.error();
    if (!found.value())
        return Error{ErrorCode::RecordNotFound,
                     row.model + " " + std::to_string(row.id) + " does not exist"};
    return putRecord(tenantId, row);
}

Result<std::int64_t> ScratchTransaction::appendEvent(std::int64_t, const EventRow& row) {
    m_overlay.events[{row.model, row.record_id}].push_back(row);
    return ++m_events;
}

// ---- writes refused ----

Result<std::int64_t> ScratchTransaction::insertRecord(std::int64_t, const RecordRow&) {
    return refused("insert records under ids of its own");
}
Result<std::int64_t> ScratchTransaction::createTenant(const std::string&) {
    return refused("create tenants");
}
Result<std::int64_t> ScratchTransaction::createUser(const User&) {
    return refused("create users");
}
Status ScratchTransaction::updateUser(std::int64_t, std::int64_t, const UserChange&) {
    return refused("update users");
}
Status ScratchTransaction::setAppTypeModels(std::int64_t, const std::string&,
                                            const std::vector<ModelEntry>&) {
    return refused("change the model map");
}
Status ScratchTransaction::setTenantSetting(std::int64_t, const std::string&,
                                            const std::optional<std::string>&) {
    return refused("change settings");
}
Status ScratchTransaction::updateDevice(std::int64_t, const DeviceUpdate&) {
    return refused("update devices");
}
Status ScratchTransaction::addDeviceHistory(std::int64_t, const std::string&,
                                            const storage::DeviceHistoryRow&) {
    return refused("record device history");
}
Status ScratchTransaction::updateConflict(std::int64_t, const ConflictRow&) {
    return {}; // a rehearsed resolution closes its conflict only when it is replayed
}
Status ScratchTransaction::addMetrics(std::int64_t, Millis, const MetricDelta&) {
    return refused("add metrics");
}

// ---- reads of the snapshot ----

Result<std::optional<Tenant>> ScratchTransaction::tenant(std::int64_t id) {
    return m_read->tenant(id);
}
Result<std::optional<Tenant>> ScratchTransaction::tenantByName(const std::string& name) {
    return m_read->tenantByName(name);
}
Result<std::vector<Tenant>> ScratchTransaction::tenants() {
    return m_read->tenants();
}
Result<std::optional<User>> ScratchTransaction::user(std::int64_t id) {
    return m_read->user(id);
}
Result<std::optional<User>> ScratchTransaction::userByEmail(const std::string& email) {
    return m_read->userByEmail(email);
}
Result<std::vector<User>> ScratchTransaction::users(std::int64_t tenantId) {
    return m_read->users(tenantId);
}
Result<std::shared_ptr<const ModelMap>> ScratchTransaction::modelMap(std::int64_t tenantId) {
    return m_read->modelMap(tenantId);
}
Result<std::optional<std::string>> ScratchTransaction::tenantSetting(std::int64_t tenantId,
                                                                     const std::string& section) {
    return m_read->tenantSetting(tenantId, section);
}
Result<std::int64_t> ScratchTransaction::countRecords(std::int64_t tenantId,
                                                      const std::string& model) {
    return m_read->countRecords(tenantId, model);
}
Result<storage::RecordVolume> ScratchTransaction::recordVolume(std::int64_t tenantId,
                                                               const std::string& model) {
    return m_read->recordVolume(tenantId, model);
}
Result<std::vector<RecordRow>> ScratchTransaction::records(std::int64_t tenantId,
                                                           const std::string& model, int limit,
                                                           int offset) {
    return m_read->records(tenantId, model, limit, offset);
}
Result<std::int64_t> ScratchTransaction::headEventId(std::int64_t tenantId) {
    return m_read->headEventId(tenantId);
}
Result<storage::json> ScratchTransaction::recordAtVersion(std::int64_t tenantId,
                                                          const std::string& model,
                                                          std::int64_t recordId,
                                                          std::int64_t version) {
    return m_read->recordAtVersion(tenantId, model, recordId, version);
}
Result<std::vector<EventRow>>
ScratchTransaction::events(std::int64_t tenantId, const EventFilter& filter, bool withPayload) {
    return m_read->events(tenantId, filter, withPayload);
}
Result<std::int64_t> ScratchTransaction::countEvents(std::int64_t tenantId,
                                                     const EventFilter& filter) {
    return m_read->countEvents(tenantId, filter);
}
Result<std::vector<LedgerEntry>> ScratchTransaction::ledger(std::int64_t tenantId,
                                                            const std::string& deviceId,
                                                            const std::vector<std::string>& ids) {
    return m_read->ledger(tenantId, deviceId, ids);
}
Result<std::optional<DeviceRow>> ScratchTransaction::device(std::int64_t tenantId,
                                                            const std::string& deviceId) {
    return m_read->device(tenantId, deviceId);
}
Result<std::vector<DeviceRow>> ScratchTransaction::devices(std::int64_t tenantId,
                                                           std::int64_t userId, int limit,
                                                           int offset, const std::string& search) {
    return m_read->devices(tenantId, userId, limit, offset, search);
}
Result<std::int64_t> ScratchTransaction::countDevices(std::int64_t tenantId, std::int64_t userId,
                                                      const std::string& search) {
    return m_read->countDevices(tenantId, userId, search);
}
Result<std::int64_t> ScratchTransaction::countStaleDevices(std::int64_t tenantId,
                                                           Millis syncedBefore) {
    return m_read->countStaleDevices(tenantId, syncedBefore);
}
Result<std::int64_t> ScratchTransaction::sumPendingChanges(std::int64_t tenantId) {
    return m_read->sumPendingChanges(tenantId);
}
Result<std::optional<ConflictRow>> ScratchTransaction::conflict(std::int64_t tenantId,
                                                                std::int64_t conflictId) {
    return m_read->conflict(tenantId, conflictId);
}
Result<std::optional<ConflictRow>> ScratchTransaction::openConflict(std::int64_t tenantId,
                                                                    const std::string& deviceId,
                                                                    const std::string& localId) {
    return m_read->openConflict(tenantId, deviceId, localId);
}
Result<std::vector<ConflictRow>>
ScratchTransaction::conflicts(std::int64_t tenantId, std::int64_t userId, const std::string& status,
                              int limit, int offset, const std::string& deviceId) {
    return m_read->conflicts(tenantId, userId, status, limit, offset, deviceId);
}
Result<std::int64_t> ScratchTransaction::countConflicts(std::int64_t tenantId, std::int64_t userId,
                                                        const std::string& status,
                                                        const std::string& deviceId) {
    return m_read->countConflicts(tenantId, userId, status, deviceId);
}
Result<std::vector<MetricBucket>> ScratchTransaction::metricBuckets(std::int64_t tenantId,
                                                                    Millis from, Millis to) {
    return m_read->metricBuckets(tenantId, from, to);
}

Result<std::vector<storage::DeviceHistoryRow>>
ScratchTransaction::deviceHistory(std::int64_t tenantId, const std::string& deviceId, int limit) {
    return m_read->deviceHistory(tenantId, deviceId, limit);
}

} // namespace bridgecore::odoo
