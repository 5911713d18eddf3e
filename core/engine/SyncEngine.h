#pragma once
// SyncEngine: the push / pull / resolve / state semantics of DESIGN.md §4 over a SyncStore.
// Knows nothing of HTTP or widgets. Every call names its caller (tenant, user, role); the
// tenant comes only from a verified token or the embedding application.

#include "engine/AccessPolicy.h"
#include "engine/Clock.h"
#include "protocol/Protocol.h"
#include "storage/SyncStore.h"

#include <QObject>

#include <functional>
#include <memory>

namespace bridgecore::engine {

using protocol::json;

class PushApplier;
/// The applier for a tenant's pushes; nullptr (or no provider) = the store's own.
using ApplierProvider = std::function<std::shared_ptr<PushApplier>(std::int64_t tenantId)>;

template <typename T> struct Page {
    std::vector<T> items;
    std::int64_t total = 0;
    int limit = 0;
    int offset = 0;
};

/// A stored conflict, open or resolved, as the console lists it.
struct ConflictRecord {
    std::int64_t conflict_id = 0;
    std::string device_id;
    std::int64_t user_id = 0;
    std::string local_id;
    std::string model;
    std::int64_t record_id = 0;
    protocol::Action action = protocol::Action::Update;
    std::string status; // open | resolved
    protocol::ConflictInfo info;
    std::string created_at;
    std::optional<std::string> resolved_at;
    std::optional<std::int64_t> resolved_by; // the user who resolved it
    json result_data;                        // the record after resolution, null while open
};
json toJson(const ConflictRecord&);

/// One row of the merge editor: a field with its base, local and server values.
struct FieldConflict {
    std::string field;
    json base;  // null when unknown
    json local; // null when the client did not change it
    json server;
    bool conflicting = false; // changed on both sides to different values
};
/// The per-field view of a conflict that the merge editor renders.
std::vector<FieldConflict> fieldRows(const protocol::ConflictInfo& info);

struct EventQuery {
    std::optional<std::string> model;
    std::optional<std::string> action; // create | write | unlink
    std::optional<std::string> device_id;
    std::optional<std::int64_t> after_event_id;
    int limit = 100;
    int offset = 0;
    bool newest_first = true;
};

/// One bucket of the throughput time series.
struct MetricPoint {
    protocol::Millis bucket_start = 0;
    std::int64_t pushes = 0, changes_pushed = 0, pulls = 0, events_pulled = 0, conflicts = 0,
                 failures = 0;
    double push_ms_sum = 0;
    double push_ms_p50 = 0;
    double push_ms_p95 = 0;
};
json toJson(const MetricPoint&);

struct Health {
    bool database_ok = false;
    int schema_version = 0;
    std::string detail;
};

/// What every caller can learn about the tenant's activity, for the console's KPIs.
struct TenantSummary {
    std::int64_t devices = 0, stale_devices = 0, pending_changes = 0, open_conflicts = 0,
                 head_event_id = 0, users = 0;
};
json toJson(const TenantSummary&);

/// What the exactly-once ledger holds for one change of a device: whether and when it was
/// applied and as which record (support's "did my order go through?").
struct LedgerLookup {
    bool found = false; ///< false: never applied (still queued, or refused: not remembered)
    std::string model;
    std::optional<std::int64_t> server_id;
    bool created = false;
    std::string status; ///< success | conflict, as first answered
    std::optional<std::int64_t> version;
    std::optional<std::string> applied_at; ///< its event's time, when the event is its own
    std::optional<std::int64_t> event_id;
    std::optional<std::int64_t> conflict_id;
};

/// One model of a device's app type with what a full pull would bring it (console drill-down).
struct ModelVolume {
    std::string model;
    std::int64_t records = 0; ///< live records
    std::int64_t bytes = 0;   ///< their stored JSON data, in bytes
};
/// What a device would receive from scratch: its app type's models, counted on one snapshot.
struct ReceivePreview {
    std::optional<std::string> app_type; ///< unknown until the device has pulled
    std::vector<ModelVolume> models;
};

/// A device's history as the console and GET /api/v1/admin/devices/<id>/history show it.
json toJson(const storage::DeviceHistoryRow&);

class SyncEngine : public QObject {
    Q_OBJECT
public:
    /// A device that has not synced for this long is stale on the console.
    static constexpr protocol::Millis kStaleAfterMs = 24LL * 3600 * 1000;

    explicit SyncEngine(std::shared_ptr<storage::SyncStore> store,
                        const Clock& clock = Clock::system(), QObject* parent = nullptr);
    ~SyncEngine() override;

    /// Where pushes of a tenant are applied (e.g. an Odoo applier for a tenant attached to
    /// one). Set before serving; called from any thread that pushes.
    void setApplierProvider(ApplierProvider provider);

    /// Applies the changes exactly once, in dependency order (DESIGN.md §4 push 1–7).
    /// Planned on a snapshot, applied in the writer's next group commit: one savepoint of one
    /// write transaction holds the push's records, events, ledger, device state and metrics.
    Result<protocol::PushResponse> push(const Caller& caller, const protocol::PushRequest& req);
    /// How pulled payloads come back: parsed into Event::data, or as the stored JSON text in
    /// Event::data_text for a caller that only writes them out again (the HTTP server).
    enum class PayloadForm { Parsed, Text };
    /// Events after last_event_id (or the device's stored one) in the app type's models.
    Result<protocol::PullResponse> pull(const Caller& caller, const protocol::PullRequest& req,
                                        PayloadForm form = PayloadForm::Parsed);
    Result<protocol::ResolveResponse> resolveConflicts(const Caller& caller,
                                                       const protocol::ResolveRequest& req);
    Result<protocol::SyncState> state(const Caller& caller, const std::string& deviceId);
    Result<protocol::ResetResponse> reset(const Caller& caller, const std::string& deviceId);
    Result<protocol::Statistics> statistics(const Caller& caller, const std::string& deviceId);
    /// Per model of the device's app type: the live records and their bytes (one snapshot).
    Result<ReceivePreview> receivePreview(const Caller& caller, const std::string& deviceId);
    /// The device's latest pushes and pulls with their queue reports, newest first (at most
    /// storage::kDeviceHistoryRows).
    Result<std::vector<storage::DeviceHistoryRow>>
    deviceHistory(const Caller& caller, const std::string& deviceId,
                  int limit = storage::kDeviceHistoryRows);
    /// Adds request/response sizes to the device's statistics (the HTTP layer knows them);
    /// saved with the device's next push or pull, counted by statistics() at once.
    void recordTraffic(const Caller& caller, const std::string& deviceId, std::int64_t bytesIn,
                       std::int64_t bytesOut);

    // ---- console (support/admin; a plain user sees only its own devices) ----
    Result<Page<protocol::SyncState>> devices(const Caller& caller, int limit, int offset,
                                              const std::string& search = {});
    Result<Page<ConflictRecord>> conflicts(const Caller& caller, const std::string& status,
                                           int limit, int offset);
    Result<ConflictRecord> conflict(const Caller& caller, std::int64_t conflictId);
    /// Resolves a stored conflict by id (admin, or the user owning the device).
    Result<protocol::ResolveResult> resolveConflict(const Caller& caller, std::int64_t conflictId,
                                                    protocol::ConflictStrategy strategy,
                                                    const json& mergedData = nullptr);
    Result<Page<protocol::Event>> events(const Caller& caller, const EventQuery& query);
    /// Buckets of bucketMs between from and to (inclusive), oldest first, empty ones included.
    Result<std::vector<MetricPoint>> metrics(const Caller& caller, protocol::Millis from,
                                             protocol::Millis to, protocol::Millis bucketMs);
    Result<TenantSummary> summary(const Caller& caller);
    /// The ledger's entry for (device, local id), with the event it wrote when known.
    Result<LedgerLookup> ledgerLookup(const Caller& caller, const std::string& deviceId,
                                      const std::string& localId);
    /// Current record (without deleted ones) for the console's record browser.
    Result<json> record(const Caller& caller, const std::string& model, std::int64_t id);

    // ---- model map (per tenant, editable by admins) ----
    Result<storage::ModelMap> modelMap(const Caller& caller);
    Status setAppTypeModels(const Caller& caller, const std::string& appType,
                            const std::vector<storage::ModelEntry>& models);

    Health health();
    storage::SyncStore& store() { return *m_store; }

signals:
    /// Emitted after each push has committed (from the calling thread) for live charts.
    void pushed(qint64 tenantId, const QString& deviceId, int changes, int conflicts, int failed,
                double ms);
    void pulled(qint64 tenantId, const QString& deviceId, int events, double ms);
    void conflictsChanged(qint64 tenantId);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
    std::shared_ptr<storage::SyncStore> m_store;
};

} // namespace bridgecore::engine
