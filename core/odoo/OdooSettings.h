#pragma once
// A tenant's attachment to an Odoo database, stored as the tenant setting "odoo" (DESIGN.md §8).
// The secret is kept sealed (SecretBox); the key to open it is never in the database.

#include "odoo/OdooClient.h"
#include "odoo/SecretBox.h"
#include "storage/SyncStore.h"

#include <optional>
#include <string>

namespace bridgecore::odoo {

inline constexpr const char* kSettingsSection = "odoo";

struct OdooSettings {
    std::string url;
    std::string database;
    std::string login;
    Api api = Api::Json2;
    std::string sealed_secret; // SecretBox::seal() of the API key or password
    std::int64_t uid = 0;      // Odoo user id when attached
    std::string version;       // Odoo version when attached, e.g. "19.0"
    protocol::Millis attached_at = 0;
    bool update_sync_state = true; // write user.sync.state when the model exists
    std::string ca_file;           // https: extra trusted CA certificates (PEM path), or empty
    std::string lang;              // the tenant's language in Odoo (e.g. fr_FR), or empty

    protocol::json toJson() const;
    static Result<OdooSettings> fromJson(const protocol::json& j);
    /// The client config, with the secret opened by `box`.
    Result<OdooConfig> clientConfig(const SecretBox& box) const;
};

/// One tenant setting section (JSON text), each call in a transaction of its own.
Result<std::optional<std::string>>
readTenantSetting(storage::SyncStore& store, std::int64_t tenantId, const std::string& section);
Status writeTenantSetting(storage::SyncStore& store, std::int64_t tenantId,
                          const std::string& section, const std::optional<std::string>& value);

/// The tenant's Odoo settings; nullopt when the tenant is not attached.
Result<std::optional<OdooSettings>> loadOdooSettings(storage::SyncStore& store,
                                                     std::int64_t tenantId);
Status saveOdooSettings(storage::SyncStore& store, std::int64_t tenantId, const OdooSettings& s);
Status removeOdooSettings(storage::SyncStore& store, std::int64_t tenantId);

} // namespace bridgecore::odoo
