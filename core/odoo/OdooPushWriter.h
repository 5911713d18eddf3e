#pragma once
// OdooPushWriter: writes a push's changes (already validated and in dependency order) into
// Odoo, batched, exactly once for creates.
//
// - Creates go through the ORM's `load`, which writes each record and its external identifier
//   (ir.model.data, module __bridgecore__, name from tenant, device and local_id) in one Odoo
//   transaction. Before loading, one search_read on ir.model.data finds what an earlier,
//   interrupted attempt already created (Odoo committed, our ledger did not): those creates are
//   not loaded again. One `load` per run of same-model creates; `[0, 0, {...}]` lines become
//   load's one2many sub-rows, many2many `[6, 0, ids]` / `[4, id]` a `field/.id` list; other
//   x2many commands (idempotent ones: link, set, update, unlink) follow in a `write`.
// - Updates without x2many commands: one `load` (`.id` column) per run of same-model updates
//   writing the same fields; with x2many commands: one `write` each, new one2many lines
//   (`[0, 0, {...}]`) loaded after it under external ids of their own, so a retry after a lost
//   answer finds them instead of adding them twice (holds() tells whether Odoo already has
//   what an update's commands ask).
// - Deletes: one `unlink` per run; a record already gone counts as deleted.
// - Local references: a string value equal to the local_id of a create of this push (or one
//   in `known`) is replaced by that record's Odoo id before its batch is sent; a change whose
//   referenced create failed fails with DependencyFailed.
// - Refusals: ODOO_VALIDATION (load messages, ValidationError/UserError), ACCESS_DENIED,
//   RECORD_NOT_FOUND, and ODOO_UNAVAILABLE (network/5xx after the client's retries) for the
//   batch that met it and every change after it: nothing after an outage is attempted.

#include "odoo/OdooClient.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bridgecore::odoo {

inline constexpr const char* kExternalIdModule = "__bridgecore__";

struct OdooChange {
    std::string local_id;
    std::string model;
    protocol::Action action = protocol::Action::Create;
    std::optional<std::int64_t> odoo_id;   // update/delete: the record's Odoo id when known
    std::optional<std::string> record_ref; // update/delete: local_id of a create it targets
    json values = json::object();          // fields to write (create/update)
};

struct OdooOutcome {
    bool done = false;
    std::int64_t odoo_id = 0;
    bool found_existing = false; // a create an earlier attempt had already made in Odoo
    std::optional<Error> error;
};

class OdooPushWriter {
public:
    /// `externalPrefix` names this device's records, e.g. externalIdPrefix(tenant, device).
    OdooPushWriter(OdooClient& client, std::string externalPrefix);
    /// The same, sharing a cache of fields_get answers (model -> field types) across writers.
    OdooPushWriter(OdooClient& client, std::string externalPrefix,
                   std::shared_ptr<std::map<std::string, json>> fieldTypes);

    /// The ir.model.data name prefix of a device: "t<tenant>_<escaped device id>".
    static std::string externalIdPrefix(std::int64_t tenantId, const std::string& deviceId);
    /// The external name of a create: prefix + "_" + escaped local_id (letters, digits and
    /// '-' kept, anything else as _xx hex, so distinct ids never collide).
    std::string externalName(const std::string& localId) const;

    /// Writes `changes` in order; one outcome per change. `known` maps local_ids of records
    /// the device created in earlier pushes to their Odoo ids.
    std::vector<OdooOutcome> write(const std::vector<OdooChange>& changes,
                                   const std::map<std::string, std::int64_t>& known = {});

    /// Whether Odoo already holds what an update's x2many `commands` for `field` of `model`
    /// ask, `current` being the field's ids in Odoo now: applying them to `current` changes
    /// nothing. A new line ([0, 0, {...}]) counts as held when it exists under the external id
    /// this change loads it with (an earlier attempt whose answer was lost made it) and is in
    /// `current`; a line update ([1, id, {...}]) when the line is in `current` and Odoo holds
    /// its values already (one search_read of the lines).
    Result<bool> holds(const std::string& model, const std::string& localId,
                       const std::string& field, const json& commands, const json& current);

    /// Odoo calls made by the last write() (the client's retries not counted).
    int callsMade() const { return m_calls; }

private:
    Result<json> fieldTypes(const std::string& model);
    /// An update's values split into what one write sends and the new one2many lines
    /// ([0, 0, {...}]) to load afterwards, each as load columns under its own external id.
    struct NewLines {
        json rest;
        std::map<std::string, std::vector<std::map<std::string, std::string>>> lines; // model
    };
    NewLines splitNewLines(const std::string& localId, const json& values, const json& types,
                           std::int64_t parentId);
    Status loadNewLines(const NewLines& lines);
    /// Whether the lines of `field` (line id -> values of a [1, id, {...}]) hold those values.
    Result<bool> linesHold(const std::string& model, const std::string& field,
                           const std::map<std::int64_t, json>& lineValues);
    Result<json> call(const std::string& model, const std::string& method, const json& ids,
                      const json& kwargs);

    OdooClient& m_client;
    std::string m_prefix;
    std::shared_ptr<std::map<std::string, json>> m_fieldTypes; // fields_get per model
    int m_calls = 0;
};

} // namespace bridgecore::odoo
