#include "odoo/OdooConnections.h"

#include "odoo/SecretBox.h"

namespace bridgecore::odoo {

Result<ConnectionCheck> checkConnection(OdooClient& client, std::optional<Api> requested) {
    const std::string& url = client.config().url;
    auto version = client.version();
    if (!version.ok()) {
        if (version.error().code == ErrorCode::OdooUnavailable)
            return Error{ErrorCode::OdooUnavailable,
                         "Odoo is unreachable at " + url + ": " + version.error().message};
        return Error{version.error().code,
                     "Odoo at " + url + " did not tell its version: " + version.error().message};
    }
    if (requested == Api::Json2 && version.value().major < 19)
        return Error{ErrorCode::ValidationError,
                     "Odoo " + version.value().version +
                         " has no JSON-2 API (Odoo 19 and later); use --api jsonrpc"};
    if (requested == Api::JsonRpc && version.value().major >= 22)
        return Error{ErrorCode::ValidationError,
                     "Odoo " + version.value().version + " has no JSON-RPC API; use --api json2"};
    auto uid = client.authenticate();
    if (!uid.ok()) {
        const Error& e = uid.error();
        switch (e.code) {
        case ErrorCode::Unauthorized:
            return Error{e.code, "bad key: " + e.message};
        case ErrorCode::NotFound:
            return Error{e.code, "database not found: " + e.message};
        case ErrorCode::OdooUnavailable:
            return Error{e.code, "Odoo is unreachable at " + url + ": " + e.message};
        default:
            return Error{e.code, "Odoo refused the check: " + e.message};
        }
    }
    if (client.api() == Api::Json2) {
        // The key names its user; make sure it is the login the admin meant.
        auto me =
            client.call("res.users", "read", json::array({uid.value()}), {{"fields", {"login"}}});
        if (!me.ok())
            return Error{me.error().code,
                         "Odoo refused to read the key's user: " + me.error().message};
        const auto& rows = me.value();
        const std::string login = rows.is_array() && !rows.empty() && rows[0]["login"].is_string()
                                      ? rows[0]["login"].get<std::string>()
                                      : std::string();
        if (login != client.config().login)
            return Error{ErrorCode::Unauthorized, "bad key: it belongs to Odoo user '" + login +
                                                      "', not '" + client.config().login + "'"};
    }
    return ConnectionCheck{version.value(), client.api(), uid.value()};
}

OdooConnections::OdooConnections(storage::SyncStore& store, const OdooBridge* bridge,
                                 std::string secretKeyConfig)
    : m_store(store)
    , m_bridge(bridge)
    , m_secretKeyConfig(std::move(secretKeyConfig)) {}

Result<std::vector<protocol::OdooConnection>> OdooConnections::list(std::int64_t tenantId) {
    auto found = m_store.tenant(tenantId);
    if (!found.ok())
        return found.error();
    const auto& tenant = found.value();
    auto settings = loadOdooSettings(m_store, tenantId);
    if (!settings.ok())
        return settings.error();
    std::vector<protocol::OdooConnection> out;
    if (!settings.value() || !tenant)
        return out;
    const OdooSettings& s = *settings.value();
    protocol::OdooConnection c;
    c.tenant = tenant->name;
    c.url = s.url;
    c.database = s.database;
    c.login = s.login;
    c.api = std::string(apiName(s.api));
    c.version = s.version;
    c.uid = s.uid;
    if (!s.lang.empty())
        c.lang = s.lang;
    if (s.attached_at)
        c.attached_at = protocol::formatTime(s.attached_at);
    if (m_bridge)
        for (const BridgeStatus& b : m_bridge->status()) {
            if (b.tenant_id != tenantId)
                continue;
            c.feed_running = true;
            c.webhook = b.webhook;
            if (b.last_contact) {
                c.last_contact = protocol::formatTime(b.last_contact);
                c.feed_lag_ms = b.last_lag_ms;
            }
            if (!b.last_error.empty())
                c.last_error = b.last_error;
            if (b.write_batches > 0)
                c.write_latency_ms = b.write_ms_total / double(b.write_batches);
            c.write_batches = b.write_batches;
            c.feed_events = b.events;
        }
    out.push_back(std::move(c));
    return out;
}

Result<protocol::OdooCheck> OdooConnections::test(std::int64_t tenantId,
                                                  const std::string& tenantName) {
    auto found = m_store.tenant(tenantId);
    if (!found.ok())
        return found.error();
    const auto& tenant = found.value();
    if (!tenant || (!tenantName.empty() && tenant->name != tenantName))
        return Error{ErrorCode::NotFound,
                     "no tenant named '" + tenantName + "' is attached to Odoo"};
    auto settings = loadOdooSettings(m_store, tenantId);
    if (!settings.ok())
        return settings.error();
    if (!settings.value())
        return Error{ErrorCode::NotFound, "tenant " + tenant->name + " is not attached to Odoo"};
    protocol::OdooCheck check;
    check.tenant = tenant->name;
    auto box = SecretBox::fromEnvironment(m_secretKeyConfig);
    if (!box.ok()) {
        check.error = "cannot open the stored key: " + box.error().message;
        return check;
    }
    auto cfg = settings.value()->clientConfig(box.value());
    if (!cfg.ok()) {
        check.error = "cannot open the stored key: " + cfg.error().message;
        return check;
    }
    OdooConfig oc = cfg.value();
    oc.timeout_ms = 10000;
    oc.retries = 1;
    OdooClient client(oc);
    if (Status s = client.open(); !s.ok()) {
        check.error = s.error().message;
        return check;
    }
    auto r = checkConnection(client, settings.value()->api);
    if (!r.ok()) {
        check.error = r.error().message;
        return check;
    }
    check.ok = true;
    check.version = r.value().version.version;
    check.api = std::string(apiName(r.value().api));
    check.uid = r.value().uid;
    return check;
}

Result<OdooConfig> OdooConnections::storedConfig(std::int64_t tenantId, std::string& tenantName) {
    auto found = m_store.tenant(tenantId);
    if (!found.ok())
        return found.error();
    if (!found.value())
        return Error{ErrorCode::NotFound, "no such tenant"};
    tenantName = found.value()->name;
    auto settings = loadOdooSettings(m_store, tenantId);
    if (!settings.ok())
        return settings.error();
    if (!settings.value())
        return Error{ErrorCode::NotFound, "tenant " + tenantName + " is not attached to Odoo"};
    auto box = SecretBox::fromEnvironment(m_secretKeyConfig);
    if (!box.ok())
        return Error{box.error().code, "cannot open the stored key: " + box.error().message};
    auto cfg = settings.value()->clientConfig(box.value());
    if (!cfg.ok())
        return Error{cfg.error().code, "cannot open the stored key: " + cfg.error().message};
    return cfg.value();
}

Result<json> OdooConnections::fields(std::int64_t tenantId, const std::string& model) {
    std::string tenantName;
    auto cfg = storedConfig(tenantId, tenantName);
    if (!cfg.ok())
        return cfg.error();
    OdooConfig oc = cfg.value();
    oc.timeout_ms = 10000;
    oc.retries = 1;
    OdooClient client(oc);
    if (Status s = client.open(); !s.ok())
        return s.error();
    // Odoo's fields_get(allfields, attributes): every field, described by these attributes
    // only (odoo/models.py BaseModel.fields_get).
    // In the tenant's language (Odoo's context.lang) when one is configured.
    json kwargs = {
        {"attributes", {"string", "type", "required", "readonly", "selection", "relation"}}};
    if (const json context = labelsContext(oc); !context.is_null())
        kwargs["context"] = context;
    auto r = client.call(model, "fields_get", json::array(), kwargs);
    if (!r.ok())
        return r.error();
    if (!r.value().is_object())
        return Error{ErrorCode::Internal, "Odoo's fields_get of " + model + " is not an object"};
    return r.value();
}

} // namespace bridgecore::odoo
