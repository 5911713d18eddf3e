#pragma once
// What the console sees of its tenant's Odoo link (issue 10 item 7): the stored settings, the
// running feed's figures when this process runs one, and "Test connection". The same checks as
// `bridgecore-server tenant odoo` (checkConnection), so an attach and a test fail alike.

#include "odoo/OdooBridge.h"
#include "odoo/OdooClient.h"
#include "protocol/Protocol.h"
#include "storage/SyncStore.h"

#include <optional>
#include <string>
#include <vector>

namespace bridgecore::odoo {

struct ConnectionCheck {
    OdooVersion version;
    Api api = Api::Json2;
    std::int64_t uid = 0;
};

/// Asks `client` (opened) for Odoo's version, checks it offers `requested` (when given),
/// authenticates, and for JSON-2 checks the key belongs to the configured login. The error is
/// one line naming what failed: unreachable, bad key, database not found, wrong API.
Result<ConnectionCheck> checkConnection(OdooClient& client, std::optional<Api> requested);

class OdooConnections {
public:
    /// `bridge` may be null (no feed runs in this process); `secretKeyConfig` is the server
    /// config's `secret_key` (BRIDGECORE_SECRET_KEY wins), used to open the stored key.
    OdooConnections(storage::SyncStore& store, const OdooBridge* bridge,
                    std::string secretKeyConfig = {});

    /// The tenant's connection: none when it is not attached. Never the secret.
    Result<std::vector<protocol::OdooConnection>> list(std::int64_t tenantId);
    /// Re-authenticates with the stored settings. NotFound when the tenant is not attached or
    /// is not named `tenantName` (when given); Odoo's refusal or absence is an answer (ok
    /// false, error), not an Error.
    Result<protocol::OdooCheck> test(std::int64_t tenantId, const std::string& tenantName = {});
    /// Odoo's description of `model`'s fields (fields_get with the attributes a form needs:
    /// string, type, required, readonly, selection, relation), for the console's records
    /// views. NotFound when the tenant is not attached; OdooUnavailable when Odoo cannot be
    /// reached; Odoo's own refusal (e.g. an unknown model) with its message.
    Result<json> fields(std::int64_t tenantId, const std::string& model);

private:
    /// The stored settings opened into a client configuration (NotFound when not attached).
    Result<OdooConfig> storedConfig(std::int64_t tenantId, std::string& tenantName);

    storage::SyncStore& m_store;
    const OdooBridge* m_bridge;
    std::string m_secretKeyConfig;
};

} // namespace bridgecore::odoo
