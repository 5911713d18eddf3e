#pragma once
// OdooApplier: the push applier of a tenant attached to Odoo (engine::PushApplier). Per batch
// of batch_size changes, in the plan's order:
//   1. the records the batch updates or deletes are read from Odoo and Odoo users' changes
//      since we last saw them enter the log first (applyFeed), so conflict detection compares
//      the device's base with what changed in Odoo;
//   2. conflicts are decided by the tenant's strategy (ConflictPolicy) on that mirror;
//   3. what is to be written goes to Odoo through OdooPushWriter (batched, external ids for
//      exactly-once creates);
//   4. what Odoo accepted is mirrored under Odoo's ids with its event, and remembered;
//      Odoo's refusals are per-change failures (ACCESS_DENIED, ODOO_VALIDATION,
//      RECORD_NOT_FOUND, DEPENDENCY_FAILED); ODOO_UNAVAILABLE is never remembered, so the
//      device's retry tries again.

#include "engine/PushApplier.h"
#include "odoo/OdooClient.h"

#include <memory>

namespace bridgecore::odoo {

class OdooApplier final : public engine::PushApplier {
public:
    explicit OdooApplier(std::shared_ptr<OdooClient> client);
    Status apply(engine::PushRun& run) override;
    /// Writes a resolution into Odoo (write, or unlink) through OdooPushWriter.
    Status writeResolution(std::int64_t tenantId, const std::string& model, std::int64_t id,
                           const json& fields, bool deleteIt) override;

private:
    Status applyBatch(engine::PushRun& run, const std::vector<std::size_t>& batch);
    std::shared_ptr<OdooClient> m_client;
};

} // namespace bridgecore::odoo
