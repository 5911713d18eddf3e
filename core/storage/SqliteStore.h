#pragma once
// SyncStore on SQLite: Qt Sql owns the connection, statements run on its native handle
// (prepared once, reused) because the push and pull hot paths need the C API's speed.

#include "storage/SyncStore.h"

#include <QString>

#include <map>
#include <memory>
#include <mutex>
#include <tuple>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace bridgecore::storage {

/// A prepared statement on the native handle, reset on every use.
class Statement {
public:
    Statement(sqlite3* db, const char* sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool valid() const { return m_stmt != nullptr; }
    Statement& reset();
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, const std::string& value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bindNull(int index);
    template <typename T> Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bindNull(index);
    }
    /// SQLITE_ROW, SQLITE_DONE or an error code.
    int step();
    /// Runs to completion; false on error.
    bool exec();

    bool isNull(int col) const;
    std::int64_t int64(int col) const;
    double real(int col) const;
    std::string text(int col) const;
    std::optional<std::int64_t> optInt64(int col) const;
    std::optional<std::string> optText(int col) const;

private:
    sqlite3_stmt* m_stmt = nullptr;
};

class SqliteStore final : public SyncStore {
public:
    ~SqliteStore() override;
    static Result<std::shared_ptr<SqliteStore>> open(const std::string& path);

    Status begin() override;
    Status commit() override;
    void rollback() override;
    std::recursive_mutex& mutex() override { return m_mutex; }
    int schemaVersion() override;
    bool healthy() override;

    Result<std::int64_t> createTenant(const std::string& name) override;
    std::optional<Tenant> tenant(std::int64_t id) override;
    std::optional<Tenant> tenantByName(const std::string& name) override;
    std::vector<Tenant> tenants() override;
    Result<std::int64_t> createUser(const User& user) override;
    std::optional<User> user(std::int64_t id) override;
    std::optional<User> userByEmail(const std::string& email) override;
    std::vector<User> users(std::int64_t tenantId) override;
    Status updateUser(const User& user) override;

    ModelMap modelMap(std::int64_t tenantId) override;
    Result<std::optional<std::string>> tenantSetting(std::int64_t tenantId,
                                                     const std::string& section) override;
    Status setTenantSetting(std::int64_t tenantId, const std::string& section,
                            const std::optional<std::string>& value) override;
    Status setAppTypeModels(std::int64_t tenantId, const std::string& appType,
                            const std::vector<ModelEntry>& models) override;

    std::optional<RecordRow> record(std::int64_t tenantId, const std::string& model,
                                    std::int64_t id) override;
    Result<std::int64_t> insertRecord(std::int64_t tenantId, const RecordRow& row) override;
    Status updateRecord(std::int64_t tenantId, const RecordRow& row) override;
    Status putRecord(std::int64_t tenantId, const RecordRow& row) override;
    std::int64_t countRecords(std::int64_t tenantId, const std::string& model) override;
    std::vector<RecordRow> records(std::int64_t tenantId, const std::string& model, int limit,
                                   int offset) override;

    Result<std::int64_t> appendEvent(std::int64_t tenantId, const EventRow& row) override;
    std::int64_t headEventId(std::int64_t tenantId) override;
    std::vector<EventRow> recordEvents(std::int64_t tenantId, const std::string& model,
                                       std::int64_t recordId, std::int64_t fromVersion,
                                       std::int64_t toVersion) override;
    std::vector<EventRow> recordEventsAfter(std::int64_t tenantId, const std::string& model,
                                            std::int64_t recordId, Millis after) override;
    json recordAtVersion(std::int64_t tenantId, const std::string& model, std::int64_t recordId,
                         std::int64_t version) override;
    std::vector<EventRow> events(std::int64_t tenantId, const EventFilter& filter,
                                 bool withPayload) override;
    std::int64_t countEvents(std::int64_t tenantId, const EventFilter& filter) override;

    std::vector<LedgerEntry> ledger(std::int64_t tenantId, const std::string& deviceId,
                                    const std::vector<std::string>& localIds) override;
    Status remember(std::int64_t tenantId, const std::string& deviceId, const LedgerEntry& entry,
                    Millis at) override;

    std::optional<DeviceRow> device(std::int64_t tenantId, const std::string& deviceId) override;
    Status saveDevice(std::int64_t tenantId, const DeviceRow& row) override;
    std::vector<DeviceRow> devices(std::int64_t tenantId, std::int64_t userId, int limit,
                                   int offset, const std::string& search) override;
    std::int64_t countDevices(std::int64_t tenantId, std::int64_t userId,
                              const std::string& search) override;
    std::int64_t countStaleDevices(std::int64_t tenantId, Millis syncedBefore) override;
    std::int64_t sumPendingChanges(std::int64_t tenantId) override;

    Result<std::int64_t> insertConflict(std::int64_t tenantId, const ConflictRow& row) override;
    Status updateConflict(std::int64_t tenantId, const ConflictRow& row) override;
    std::optional<ConflictRow> conflict(std::int64_t tenantId, std::int64_t conflictId) override;
    std::optional<ConflictRow> openConflict(std::int64_t tenantId, const std::string& deviceId,
                                            const std::string& localId) override;
    std::vector<ConflictRow> conflicts(std::int64_t tenantId, std::int64_t userId,
                                       const std::string& status, int limit, int offset) override;
    std::int64_t countConflicts(std::int64_t tenantId, std::int64_t userId,
                                const std::string& status, const std::string& deviceId) override;

    Status addMetrics(std::int64_t tenantId, Millis bucketStart, const MetricDelta& d) override;
    std::vector<MetricBucket> metricBuckets(std::int64_t tenantId, Millis from, Millis to) override;

    /// The native handle, for benchmarks comparing against the raw C API.
    sqlite3* handle() const { return m_db; }

private:
    SqliteStore() = default;
    Status migrate();
    Statement& stmt(const char* sql);
    Error lastError(const char* what) const;
    Status execScript(const char* sql);
    /// (tenant, model, priority) naming one id sequence.
    using SequenceKey = std::tuple<std::int64_t, std::string, std::string>;
    /// The next value after what `query` (a MAX) returns, cached for the open transaction.
    std::int64_t nextValue(std::map<SequenceKey, std::int64_t>& cache, const SequenceKey& key,
                           Statement& query);
    void clearSequences();

    /// Locks the store for one call; resets the statements it used when the outermost returns.
    class Access {
    public:
        explicit Access(SqliteStore& store);
        ~Access();

    private:
        SqliteStore& m_store;
    };

    QString m_connectionName;
    std::vector<Statement*> m_used;
    int m_depth = 0;
    int m_txDepth = 0;
    std::map<SequenceKey, std::int64_t> m_nextRecordId, m_nextEventId, m_nextSeq;
    sqlite3* m_db = nullptr;
    std::recursive_mutex m_mutex;
    std::unordered_map<const char*, std::unique_ptr<Statement>> m_statements;
    int m_schemaVersion = 0;
};

} // namespace bridgecore::storage
