#pragma once
// What the console knows about the Odoo models it syncs: a human name per model and, per
// field, its label, type, whether it is required or read-only, its selection values and a
// many2one's target model (after Odoo's own field definitions). Fields that are not listed
// are typed from the values the records hold. Used to build typed record forms and to check
// an offline edit before it reaches the outbox.

#include "protocol/Protocol.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bridgecore::console {

enum class FieldType {
    Char,
    Text,
    Integer,
    Float,
    Monetary,
    Boolean,
    Date,
    Datetime,
    Selection,
    Many2one,
    Json
};

struct FieldInfo {
    std::string name;
    std::string label; ///< English; translated by the views
    FieldType type = FieldType::Char;
    bool required = false;
    bool readonly = false;
    /// Selection: (value, English label) pairs.
    std::vector<std::pair<std::string, std::string>> selection;
    /// Many2one: the model it points to.
    std::string relation;
};

struct ModelInfo {
    std::string model;
    std::string label; ///< English human name, e.g. "Contact" for res.partner
    std::vector<FieldInfo> fields;
};

/// The known model, or nullopt.
const ModelInfo* modelInfo(const std::string& model);
/// The human name of a model ("Sales Order"); a readable form of unknown technical names.
std::string modelLabel(const std::string& model);
/// The field's definition: the catalog's, else one typed after `example` (a value a record
/// holds; null when none), labelled after its name ("partner_id" -> "Partner").
FieldInfo fieldInfo(const std::string& model, const std::string& field,
                    const protocol::json& example = nullptr);
/// The fields a form shows for `model`: the catalog's, then those of `data` not in it.
std::vector<FieldInfo> formFields(const std::string& model, const protocol::json& data);

/// Odoo's own description of `model`'s fields (the answer of its fields_get) when the tenant is
/// attached to Odoo: from then on fieldInfo() and formFields() describe the model as Odoo does
/// (labels, types, required/readonly, selection values, many2one relation), and the form
/// offers only fields Odoo has (plus those the record holds). A null/empty answer forgets it
/// (back to the built-in catalog). Thread-safe.
void setOdooFields(const std::string& model, const protocol::json& fieldsGet);
/// True when setOdooFields() holds Odoo's description of `model`.
bool describedByOdoo(const std::string& model);
/// One field as Odoo's fields_get describes it ({"string", "type", "required", ...}).
FieldInfo fieldFromOdoo(const std::string& name, const protocol::json& description);

/// Why `value` is not valid for `field` (empty when it is). Text as typed is converted by
/// parseValue(); this checks a value already converted (or null).
std::string validate(const FieldInfo& field, const protocol::json& value);
/// Converts typed text to the field's JSON type; nullopt with `why` set when it is not one
/// (e.g. "twelve" for a Float).
std::optional<protocol::json> parseValue(const FieldInfo& field, const std::string& text,
                                         std::string* why = nullptr);

} // namespace bridgecore::console
