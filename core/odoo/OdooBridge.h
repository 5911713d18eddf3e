#pragma once
// OdooBridge: the server's link to the Odoo databases its tenants are attached to. For each
// attached tenant a thread polls OdooFeed every `pollIntervalMs` and appends Odoo users'
// changes to the tenant's event log (applyFeed over the tenant's store), so `pull` serves them
// like any event. The feed's cursor is stored as the tenant setting "odoo.feed"; replaying a
// batch after a crash is harmless (it comes back as echoes).

#include "engine/PushApplier.h"
#include "odoo/OdooMirror.h"
#include "odoo/OdooSettings.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace bridgecore::odoo {

/// OdooMirror over a SyncStore, for one tenant.
class StoreMirror : public OdooMirror {
public:
    StoreMirror(storage::SyncStore& store, std::int64_t tenantId);
    Result<std::optional<storage::RecordRow>> record(const std::string& model,
                                                     std::int64_t odooId) override;
    Result<LoggedFields> loggedFields(const std::string& model, std::int64_t odooId) override;
    Status apply(const std::vector<std::pair<storage::RecordRow, std::optional<storage::EventRow>>>&
                     writes) override;

private:
    storage::SyncStore& m_store;
    std::int64_t m_tenantId;
};

/// What the console shows of a tenant's Odoo link.
struct BridgeStatus {
    std::int64_t tenant_id = 0;
    std::string url, database, api;
    bool webhook = false;
    protocol::Millis last_contact = 0; // last successful poll
    protocol::Millis last_lag_ms = 0;  // newest Odoo change seen -> in the log
    std::int64_t events = 0, echoes = 0;
    std::string last_error;
    std::int64_t write_batches = 0; // pushes' write batches into Odoo
    double write_ms_total = 0;      // their wall time
};

class OdooBridge {
public:
    OdooBridge(std::shared_ptr<storage::SyncStore> store, SecretBox box, int pollIntervalMs);
    ~OdooBridge(); // stops every feed

    /// Starts a feed for every attached tenant; errors name the tenant that cannot start.
    Status start();
    void stop();
    std::vector<BridgeStatus> status() const;
    /// The push applier of an attached tenant (writes through to its Odoo); nullptr for a
    /// tenant without Odoo. Plug into SyncEngine::setApplierProvider.
    std::shared_ptr<engine::PushApplier> applierFor(std::int64_t tenantId) const;

private:
    struct Feed;
    void run(Feed& feed);
    /// The guide's user.sync.state in Odoo, when the model exists there: one row per device
    /// (user_id = the connector's Odoo user), written when the device's state changed.
    Status writeSyncStates(Feed& feed);

    std::shared_ptr<storage::SyncStore> m_store;
    SecretBox m_box;
    int m_intervalMs;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::vector<std::unique_ptr<Feed>> m_feeds;
};

} // namespace bridgecore::odoo
