#pragma once
// ScratchTransaction: a write transaction over a read snapshot whose writes stay in memory.
// The Odoo applier rehearses a push on it outside the store's writer (reading the mirror,
// deciding conflicts and writing to Odoo), then records the outcome in a short real write
// transaction. Reads see the scratch's own record and event writes; savepoints nest; nothing
// ever reaches the store. Resolutions are rehearsed on it the same way (a conflict update is
// accepted and forgotten). Writes neither makes (tenants, users, settings, devices, metrics)
// are refused. A resolution's scratch also holds the tenant's turn (OdooApplier::turn) for as
// long as it lives, so the engine keeps it until the replay committed.

#include "storage/SyncStore.h"

#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace bridgecore::odoo {

class ScratchTransaction final : public storage::WriteTransaction {
public:
    explicit ScratchTransaction(std::unique_ptr<storage::ReadTransaction> snapshot,
                                std::unique_lock<std::mutex> turn = {});

    Status commit() override { return {}; }
    Status savepoint() override;
    Status releaseSavepoint() override;
    Status rollbackToSavepoint() override;

    // ---- reads: the snapshot, with this scratch's records and events over it ----
    Result<std::optional<storage::RecordRow>>
    record(std::int64_t tenantId, const std::string& model, std::int64_t id) override;
    Result<std::vector<storage::EventRow>>
    recordEvents(std::int64_t tenantId, const std::string& model, std::int64_t recordId,
                 std::int64_t fromVersion, std::int64_t toVersion) override;
    Result<std::vector<storage::EventRow>> recordEventsAfter(std::int64_t tenantId,
                                                             const std::string& model,
                                                             std::int64_t recordId,
                                                             protocol::Millis after) override;

    // ---- reads: the snapshot as it is ----
    Result<std::optional<storage::Tenant>> tenant(std::int64_t id) override;
    Result<std::optional<storage::Tenant>> tenantByName(const std::string& name) override;
    Result<std::vector<storage::Tenant>> tenants() override;
    Result<std::optional<storage::User>> user(std::int64_t id) override;
    Result<std::optional<storage::User>> userByEmail(const std::string& email) override;
    Result<std::vector<storage::User>> users(std::int64_t tenantId) override;
    Result<std::shared_ptr<const storage::ModelMap>> modelMap(std::int64_t tenantId) override;
    Result<std::optional<std::string>> tenantSetting(std::int64_t tenantId,
                                                     const std::string& section) override;
    Result<std::int64_t> countRecords(std::int64_t tenantId, const std::string& model) override;
    Result<storage::RecordVolume> recordVolume(std::int64_t tenantId,
                                               const std::string& model) override;
    Result<std::vector<storage::RecordRow>> records(std::int64_t tenantId, const std::string& model,
                                                    int limit, int offset) override;
    Result<std::int64_t> headEventId(std::int64_t tenantId) override;
    Result<storage::json> recordAtVersion(std::int64_t tenantId, const std::string& model,
                                          std::int64_t recordId, std::int64_t version) override;
    Result<std::vector<storage::EventRow>>
    events(std::int64_t tenantId, const storage::EventFilter& filter, bool withPayload) override;
    Result<std::int64_t> countEvents(std::int64_t tenantId,
                                     const storage::EventFilter& filter) override;
    Result<std::vector<storage::LedgerEntry>>
    ledger(std::int64_t tenantId, const std::string& deviceId,
           const std::vector<std::string>& localIds) override;
    Result<std::optional<storage::DeviceRow>> device(std::int64_t tenantId,
                                                     const std::string& deviceId) override;
    Result<std::vector<storage::DeviceRow>> devices(std::int64_t tenantId, std::int64_t userId,
                                                    int limit, int offset,
                                                    const std::string& search) override;
    Result<std::int64_t> countDevices(std::int64_t tenantId, std::int64_t userId,
                                      const std::string& search) override;
    Result<std::int64_t> countStaleDevices(std::int64_t tenantId,
                                           protocol::Millis syncedBefore) override;
    Result<std::int64_t> sumPendingChanges(std::int64_t tenantId) override;
    Result<std::optional<storage::ConflictRow>> conflict(std::int64_t tenantId,
                                                         std::int64_t conflictId) override;
    Result<std::optional<storage::ConflictRow>> openConflict(std::int64_t tenantId,
                                                             const std::string& deviceId,
                                                             const std::string& localId) override;
    Result<std::vector<storage::ConflictRow>> conflicts(std::int64_t tenantId, std::int64_t userId,
                                                        const std::string& status, int limit,
                                                        int offset,
                                                        const std::string& deviceId) override;
    Result<std::int64_t> countConflicts(std::int64_t tenantId, std::int64_t userId,
                                        const std::string& status,
                                        const std::string& deviceId) override;
    Result<std::vector<storage::MetricBucket>>
    metricBuckets(std::int64_t tenantId, protocol::Millis from, protocol::Millis to) override;
    Result<std::vector<storage::DeviceHistoryRow>>
    deviceHistory(std::int64_t tenantId, const std::string& deviceId, int limit) override;

    // ---- writes a push makes: kept here ----
    Status putRecord(std::int64_t tenantId, const storage::RecordRow& row) override;
    Status updateRecord(std::int64_t tenantId, const storage::RecordRow& row) override;
    Result<std::int64_t> appendEvent(std::int64_t tenantId, const storage::EventRow& row) override;
    Status remember(std::int64_t, const std::string&, const storage::LedgerEntry&,
                    protocol::Millis) override {
        return {};
    }
    Result<std::int64_t> insertConflict(std::int64_t, const storage::ConflictRow&) override {
        return ++m_conflicts;
    }

    // ---- writes a push never makes: refused ----
    Result<std::int64_t> insertRecord(std::int64_t, const storage::RecordRow&) override;
    Result<std::int64_t> createTenant(const std::string&) override;
    Result<std::int64_t> createUser(const storage::User&) override;
    Status updateUser(std::int64_t, std::int64_t, const storage::UserChange&) override;
    Status setAppTypeModels(std::int64_t, const std::string&,
                            const std::vector<storage::ModelEntry>&) override;
    Status setTenantSetting(std::int64_t, const std::string&,
                            const std::optional<std::string>&) override;
    Status updateDevice(std::int64_t, const storage::DeviceUpdate&) override;
    Status addDeviceHistory(std::int64_t, const std::string&,
                            const storage::DeviceHistoryRow&) override;
    Status updateConflict(std::int64_t, const storage::ConflictRow&) override;
    Status addMetrics(std::int64_t, protocol::Millis, const storage::MetricDelta&) override;

private:
    using Key = std::pair<std::string, std::int64_t>; // model, record id
    struct Overlay {
        std::map<Key, storage::RecordRow> records;
        std::map<Key, std::vector<storage::EventRow>> events;
    };
    std::unique_ptr<storage::ReadTransaction> m_read;
    Overlay m_overlay;
    std::vector<Overlay> m_savepoints;
    std::int64_t m_events = 0, m_conflicts = 0;
    std::unique_lock<std::mutex> m_turn; // released when the scratch is destroyed
};

} // namespace bridgecore::odoo
