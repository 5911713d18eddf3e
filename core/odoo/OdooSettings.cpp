#include "odoo/OdooSettings.h"

namespace bridgecore::odoo {

using protocol::json;

json OdooSettings::toJson() const {
    return {{"url", url},
            {"database", database},
            {"login", login},
            {"api", std::string(apiName(api))},
            {"secret", sealed_secret},
            {"uid", uid},
            {"version", version},
            {"attached_at", attached_at},
            {"update_sync_state", update_sync_state},
            {"ca_file", ca_file.empty() ? json(nullptr) : json(ca_file)},
            {"lang", lang.empty() ? json(nullptr) : json(lang)}};
}

Result<OdooSettings> OdooSettings::fromJson(const json& j) {
    if (!j.is_object())
        return Error{ErrorCode::StorageError, "the stored Odoo settings are not an object"};
    OdooSettings s;
    try {
        s.url = j.at("url").get<std::string>();
        s.database = j.at("database").get<std::string>();
        s.login = j.at("login").get<std::string>();
        const auto api = parseApi(j.at("api").get<std::string>());
        if (!api)
            return Error{ErrorCode::StorageError, "the stored Odoo API is unknown"};
        s.api = *api;
        s.sealed_secret = j.at("secret").get<std::string>();
        s.uid = j.value("uid", std::int64_t(0));
        s.version = j.value("version", std::string());
        s.attached_at = j.value("attached_at", protocol::Millis(0));
        s.update_sync_state = j.value("update_sync_state", true);
        if (j.contains("ca_file") && j["ca_file"].is_string())
            s.ca_file = j["ca_file"].get<std::string>();
        if (j.contains("lang") && j["lang"].is_string())
            s.lang = j["lang"].get<std::string>();
    } catch (const json::exception& e) {
        return Error{ErrorCode::StorageError,
                     std::string("the stored Odoo settings are damaged: ") + e.what()};
    }
    return s;
}

Result<OdooConfig> OdooSettings::clientConfig(const SecretBox& box) const {
    auto secret = box.open(sealed_secret);
    if (!secret.ok())
        return secret.error();
    OdooConfig c;
    c.url = url;
    c.database = database;
    c.login = login;
    c.secret = std::move(secret.value());
    c.api = api;
    c.ca_file = ca_file;
    c.lang = lang;
    return c;
}

Result<std::optional<std::string>>
readTenantSetting(storage::SyncStore& store, std::int64_t tenantId, const std::string& section) {
    auto tx = store.read();
    if (!tx.ok())
        return tx.error();
    return tx.value()->tenantSetting(tenantId, section);
}

Status writeTenantSetting(storage::SyncStore& store, std::int64_t tenantId,
                          const std::string& section, const std::optional<std::string>& value) {
    auto tx = store.write();
    if (!tx.ok())
        return tx.error();
    if (Status s = tx.value()->setTenantSetting(tenantId, section, value); !s.ok())
        return s;
    return tx.value()->commit();
}

Result<std::optional<OdooSettings>> loadOdooSettings(storage::SyncStore& store,
                                                     std::int64_t tenantId) {
    auto text = readTenantSetting(store, tenantId, kSettingsSection);
    if (!text.ok())
        return text.error();
    if (!text.value())
        return std::optional<OdooSettings>();
    const json j = json::parse(*text.value(), nullptr, false);
    auto s = OdooSettings::fromJson(j);
    if (!s.ok())
        return s.error();
    return std::optional<OdooSettings>(std::move(s.value()));
}

Status saveOdooSettings(storage::SyncStore& store, std::int64_t tenantId, const OdooSettings& s) {
    return writeTenantSetting(store, tenantId, kSettingsSection, s.toJson().dump());
}

Status removeOdooSettings(storage::SyncStore& store, std::int64_t tenantId) {
    return writeTenantSetting(store, tenantId, kSettingsSection, std::nullopt);
}

} // namespace bridgecore::odoo
