#include "ModelCatalog.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QString>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <mutex>

namespace bridgecore::console {

namespace {

using T = FieldType;

FieldInfo f(std::string name, std::string label, FieldType type, bool required = false,
            bool readonly = false) {
    FieldInfo i;
    i.name = std::move(name);
    i.label = std::move(label);
    i.type = type;
    i.required = required;
    i.readonly = readonly;
    return i;
}
FieldInfo m2o(std::string name, std::string label, std::string relation, bool required = false) {
    FieldInfo i = f(std::move(name), std::move(label), T::Many2one, required);
    i.relation = std::move(relation);
    return i;
}
FieldInfo sel(std::string name, std::string label,
              std::vector<std::pair<std::string, std::string>> values, bool readonly = false) {
    FieldInfo i = f(std::move(name), std::move(label), T::Selection, false, readonly);
    i.selection = std::move(values);
    return i;
}

/// After the field definitions in Odoo 17's addons (base, sale, stock, purchase, crm, ...).
const std::map<std::string, ModelInfo>& catalog() {
    static const std::map<std::string, ModelInfo> c = [] {
        std::vector<ModelInfo> models = {
            {"res.partner",
             QT_TRANSLATE_NOOP("ModelCatalog", "Contact"),
             {f("name", QT_TRANSLATE_NOOP("ModelCatalog", "Name"), T::Char, true),
              f("email", QT_TRANSLATE_NOOP("ModelCatalog", "Email"), T::Char),
              f("phone", QT_TRANSLATE_NOOP("ModelCatalog", "Phone"), T::Char),
              f("mobile", QT_TRANSLATE_NOOP("ModelCatalog", "Mobile"), T::Char),
              f("is_company", QT_TRANSLATE_NOOP("ModelCatalog", "Is a Company"), T::Boolean),
              f("street", QT_TRANSLATE_NOOP("ModelCatalog", "Street"), T::Char),
              f("city", QT_TRANSLATE_NOOP("ModelCatalog", "City"), T::Char),
              f("zip", QT_TRANSLATE_NOOP("ModelCatalog", "Zip"), T::Char),
              f("vat", QT_TRANSLATE_NOOP("ModelCatalog", "Tax ID"), T::Char),
              f("comment", QT_TRANSLATE_NOOP("ModelCatalog", "Notes"), T::Text),
              m2o("parent_id", QT_TRANSLATE_NOOP("ModelCatalog", "Related Company"),
                  "res.partner")}},
            {"product.product",
             QT_TRANSLATE_NOOP("ModelCatalog", "Product"),
             {f("name", QT_TRANSLATE_NOOP("ModelCatalog", "Name"), T::Char, true),
              f("default_code", QT_TRANSLATE_NOOP("ModelCatalog", "Internal Reference"), T::Char),
              f("barcode", QT_TRANSLATE_NOOP("ModelCatalog", "Barcode"), T::Char),
              f("list_price", QT_TRANSLATE_NOOP("ModelCatalog", "Sales Price"), T::Float),
              f("standard_price", QT_TRANSLATE_NOOP("ModelCatalog", "Cost"), T::Float),
              sel("detailed_type", QT_TRANSLATE_NOOP("ModelCatalog", "Product Type"),
                  {{"consu", QT_TRANSLATE_NOOP("ModelCatalog", "Consumable")},
                   {"service", QT_TRANSLATE_NOOP("ModelCatalog", "Service")},
                   {"product", QT_TRANSLATE_NOOP("ModelCatalog", "Storable Product")}}),
              f("sale_ok", QT_TRANSLATE_NOOP("ModelCatalog", "Can be Sold"), T::Boolean),
              f("purchase_ok", QT_TRANSLATE_NOOP("ModelCatalog", "Can be Purchased"), T::Boolean),
              f("qty_available", QT_TRANSLATE_NOOP("ModelCatalog", "Quantity On Hand"), T::Float,
                false, true)}},
            {"sale.order",
             QT_TRANSLATE_NOOP("ModelCatalog", "Sales Order"),
             {f("name", QT_TRANSLATE_NOOP("ModelCatalog", "Order Reference"), T::Char, false, true),
              m2o("partner_id", QT_TRANSLATE_NOOP("ModelCatalog", "Customer"), "res.partner", true),
              f("date_order", QT_TRANSLATE_NOOP("ModelCatalog", "Order Date"), T::Datetime, true),
              sel("state", QT_TRANSLATE_NOOP("ModelCatalog", "Status"),
                  {{"draft", QT_TRANSLATE_NOOP("ModelCatalog", "Quotation")},
                   {"sent", QT_TRANSLATE_NOOP("ModelCatalog", "Quotation Sent")},
                   {"sale", QT_TRANSLATE_NOOP("ModelCatalog", "Sales Order")},
                   {"done", QT_TRANSLATE_NOOP("ModelCatalog", "Locked")},
                   {"cancel", QT_TRANSLATE_NOOP("ModelCatalog", "Cancelled")}},
                  true),
              f("client_order_ref", QT_TRANSLATE_NOOP("ModelCatalog", "Customer Reference"),
                T::Char),
              f("note", QT_TRANSLATE_NOOP("ModelCatalog", "Terms and conditions"), T::Text),
              f("amount_total", QT_TRANSLATE_NOOP("ModelCatalog", "Total"), T::Monetary, false,
                true)}},
            {"sale.order.line",
             QT_TRANSLATE_NOOP("ModelCatalog", "Sales Order Line"),
             {m2o("order_id", QT_TRANSLATE_NOOP("ModelCatalog", "Order Reference"), "sale.order",
                  true),
              m2o("product_id", QT_TRANSLATE_NOOP("ModelCatalog", "Product"), "product.product"),
              f("name", QT_TRANSLATE_NOOP("ModelCatalog", "Description"), T::Text, true),
              f("product_uom_qty", QT_TRANSLATE_NOOP("ModelCatalog", "Quantity"), T::Float, true),
              f("price_unit", QT_TRANSLATE_NOOP("ModelCatalog", "Unit Price"), T::Float, true),
              f("discount", QT_TRANSLATE_NOOP("ModelCatalog", "Discount (%)"), T::Float),
              f("price_subtotal", QT_TRANSLATE_NOOP("ModelCatalog", "Subtotal"), T::Monetary, false,
                true)}},
            {"purchase.order",
             QT_TRANSLATE_NOOP("ModelCatalog", "Purchase Order"),
             {f("name", QT_TRANSLATE_NOOP("ModelCatalog", "Order Reference"), T::Char, false, true),
              m2o("partner_id", QT_TRANSLATE_NOOP("ModelCatalog", "Vendor"), "res.partner", true),
              f("date_order", QT_TRANSLATE_NOOP("ModelCatalog", "Order Deadline"), T::Datetime,
                true),
              sel("state", QT_TRANSLATE_NOOP("ModelCatalog", "Status"),
                  {{"draft", QT_TRANSLATE_NOOP("ModelCatalog", "RFQ")},
                   {"sent", QT_TRANSLATE_NOOP("ModelCatalog", "RFQ Sent")},
                   {"to approve", QT_TRANSLATE_NOOP("ModelCatalog", "To Approve")},
                   {"purchase", QT_TRANSLATE_NOOP("ModelCatalog", "Purchase Order")},
                   {"done", QT_TRANSLATE_NOOP("ModelCatalog", "Locked")},
                   {"cancel", QT_TRANSLATE_NOOP("ModelCatalog", "Cancelled")}},
                  true),
              f("amount_total", QT_TRANSLATE_NOOP("ModelCatalog", "Total"), T::Monetary, false,
                true)}},
            {"purchase.order.line",
             QT_TRANSLATE_NOOP("ModelCatalog", "Purchase Order Line"),
             {m2o("order_id", QT_TRANSLATE_NOOP("ModelCatalog", "Order Reference"),
                  "purchase.order", true),
              m2o("product_id", QT_TRANSLATE_NOOP("ModelCatalog", "Product"), "product.product"),
              f("name", QT_TRANSLATE_NOOP("ModelCatalog", "Description"), T::Text, true),
              f("product_qty", QT_TRANSLATE_NOOP("ModelCatalog", "Quantity"), T::Float, true),
              f("price_unit", QT_TRANSLATE_NOOP("ModelCatalog", "Unit Price"), T::Float, true)}},
            {"stock.picking",
             QT_TRANSLATE_NOOP("ModelCatalog", "Transfer"),
             {f("name", QT_TRANSLATE_NOOP("ModelCatalog", "Reference"), T::Char, false, true),
              m2o("partner_id", QT_TRANSLATE_NOOP("ModelCatalog", "Contact"), "res.partner"),
              f("scheduled_date", QT_TRANSLATE_NOOP("ModelCatalog", "Scheduled Date"), T::Datetime,
                true),
              f("origin", QT_TRANSLATE_NOOP("ModelCatalog", "Source Document"), T::Char),
              sel("state", QT_TRANSLATE_NOOP("ModelCatalog", "Status"),
                  {{"draft", QT_TRANSLATE_NOOP("ModelCatalog", "Draft")},
                   {"waiting", QT_TRANSLATE_NOOP("ModelCatalog", "Waiting Another Operation")},
                   {"confirmed", QT_TRANSLATE_NOOP("ModelCatalog", "Waiting")},
                   {"assigned", QT_TRANSLATE_NOOP("ModelCatalog", "Ready")},
                   {"done", QT_TRANSLATE_NOOP("ModelCatalog", "Done")},
                   {"cancel", QT_TRANSLATE_NOOP("ModelCatalog", "Cancelled")}},
                  true),
              m2o("location_id", QT_TRANSLATE_NOOP("ModelCatalog", "Source Location"),
                  "stock.location", true),
              m2o("location_dest_id", QT_TRANSLATE_NOOP("ModelCatalog", "Destination Location"),
                  "stock.location", true)}},
            {"stock.move",
             QT_TRANSLATE_NOOP("ModelCatalog", "Stock Move"),
             {f("name", QT_TRANSLATE_NOOP("ModelCatalog", "Description"), T::Char, true),
              m2o("product_id", QT_TRANSLATE_NOOP("ModelCatalog", "Product"), "product.product",
                  true),
              f("product_uom_qty", QT_TRANSLATE_NOOP("ModelCatalog", "Demand"), T::Float, true),
              f("quantity", QT_TRANSLATE_NOOP("ModelCatalog", "Quantity"), T::Float),
              m2o("picking_id", QT_TRANSLATE_NOOP("ModelCatalog", "Transfer"), "stock.picking"),
              m2o("location_id", QT_TRANSLATE_NOOP("ModelCatalog", "Source Location"),
                  "stock.location", true),
              m2o("location_dest_id", QT_TRANSLATE_NOOP("ModelCatalog", "Destination Location"),
                  "stock.location", true)}},
            {"stock.move.line",
             QT_TRANSLATE_NOOP("ModelCatalog", "Product Moves (Stock Move Line)"),
             {m2o("product_id", QT_TRANSLATE_NOOP("ModelCatalog", "Product"), "product.product"),
              f("quantity", QT_TRANSLATE_NOOP("ModelCatalog", "Quantity"), T::Float),
              m2o("lot_id", QT_TRANSLATE_NOOP("ModelCatalog", "Lot/Serial Number"), "stock.lot"),
              m2o("picking_id", QT_TRANSLATE_NOOP("ModelCatalog", "Transfer"), "stock.picking"),
              m2o("location_id", QT_TRANSLATE_NOOP("ModelCatalog", "From"), "stock.location", true),
              m2o("location_dest_id", QT_TRANSLATE_NOOP("ModelCatalog", "To"), "stock.location",
                  true)}},
            {"stock.quant",
             QT_TRANSLATE_NOOP("ModelCatalog", "Quants"),
             {m2o("product_id", QT_TRANSLATE_NOOP("ModelCatalog", "Product"), "product.product",
                  true),
              m2o("location_id", QT_TRANSLATE_NOOP("ModelCatalog", "Location"), "stock.location",
                  true),
              f("quantity", QT_TRANSLATE_NOOP("ModelCatalog", "Quantity"), T::Float, false, true),
              f("inventory_quantity", QT_TRANSLATE_NOOP("ModelCatalog", "Counted Quantity"),
                T::Float),
              m2o("lot_id", QT_TRANSLATE_NOOP("ModelCatalog", "Lot/Serial Number"), "stock.lot")}},
            {"stock.location",
             QT_TRANSLATE_NOOP("ModelCatalog", "Inventory Locations"),
             {f("name", QT_TRANSLATE_NOOP("ModelCatalog", "Location Name"), T::Char, true),
              f("complete_name", QT_TRANSLATE_NOOP("ModelCatalog", "Full Location Name"), T::Char,
                false, true),
              sel("usage", QT_TRANSLATE_NOOP("ModelCatalog", "Location Type"),
                  {{"supplier", QT_TRANSLATE_NOOP("ModelCatalog", "Vendor Location")},
                   {"view", QT_TRANSLATE_NOOP("ModelCatalog", "View")},
                   {"internal", QT_TRANSLATE_NOOP("ModelCatalog", "Internal Location")},
                   {"customer", QT_TRANSLATE_NOOP("ModelCatalog", "Customer Location")},
                   {"inventory", QT_TRANSLATE_NOOP("ModelCatalog", "Inventory Loss")},
                   {"production", QT_TRANSLATE_NOOP("ModelCatalog", "Production")},
                   {"transit", QT_TRANSLATE_NOOP("ModelCatalog", "Transit Location")}}),
              f("active", QT_TRANSLATE_NOOP("ModelCatalog", "Active"), T::Boolean)}},
            {"stock.lot",
             QT_TRANSLATE_NOOP("ModelCatalog", "Lot/Serial"),
             {f("name", QT_TRANSLATE_NOOP("ModelCatalog", "Lot/Serial Number"), T::Char, true),
              m2o("product_id", QT_TRANSLATE_NOOP("ModelCatalog", "Product"), "product.product",
                  true),
              f("ref", QT_TRANSLATE_NOOP("ModelCatalog", "Internal Reference"), T::Char)}},
            {"account.move",
             QT_TRANSLATE_NOOP("ModelCatalog", "Journal Entry"),
             {f("name", QT_TRANSLATE_NOOP("ModelCatalog", "Number"), T::Char, false, true),
              m2o("partner_id", QT_TRANSLATE_NOOP("ModelCatalog", "Partner"), "res.partner"),
              f("invoice_date", QT_TRANSLATE_NOOP("ModelCatalog", "Invoice/Bill Date"), T::Date),
              sel("move_type", QT_TRANSLATE_NOOP("ModelCatalog", "Type"),
                  {{"entry", QT_TRANSLATE_NOOP("ModelCatalog", "Journal Entry")},
                   {"out_invoice", QT_TRANSLATE_NOOP("ModelCatalog", "Customer Invoice")},
                   {"out_refund", QT_TRANSLATE_NOOP("ModelCatalog", "Customer Credit Note")},
                   {"in_invoice", QT_TRANSLATE_NOOP("ModelCatalog", "Vendor Bill")},
                   {"in_refund", QT_TRANSLATE_NOOP("ModelCatalog", "Vendor Credit Note")}},
                  true),
              sel("state", QT_TRANSLATE_NOOP("ModelCatalog", "Status"),
                  {{"draft", QT_TRANSLATE_NOOP("ModelCatalog", "Draft")},
                   {"posted", QT_TRANSLATE_NOOP("ModelCatalog", "Posted")},
                   {"cancel", QT_TRANSLATE_NOOP("ModelCatalog", "Cancelled")}},
                  true),
              f("amount_total", QT_TRANSLATE_NOOP("ModelCatalog", "Total"), T::Monetary, false,
                true)}},
            {"crm.lead",
             QT_TRANSLATE_NOOP("ModelCatalog", "Lead/Opportunity"),
             {f("name", QT_TRANSLATE_NOOP("ModelCatalog", "Opportunity"), T::Char, true),
              m2o("partner_id", QT_TRANSLATE_NOOP("ModelCatalog", "Customer"), "res.partner"),
              f("email_from", QT_TRANSLATE_NOOP("ModelCatalog", "Email"), T::Char),
              f("phone", QT_TRANSLATE_NOOP("ModelCatalog", "Phone"), T::Char),
              f("expected_revenue", QT_TRANSLATE_NOOP("ModelCatalog", "Expected Revenue"),
                T::Monetary),
              f("probability", QT_TRANSLATE_NOOP("ModelCatalog", "Probability"), T::Float),
              m2o("stage_id", QT_TRANSLATE_NOOP("ModelCatalog", "Stage"), "crm.stage"),
              sel("type", QT_TRANSLATE_NOOP("ModelCatalog", "Type"),
                  {{"lead", QT_TRANSLATE_NOOP("ModelCatalog", "Lead")},
                   {"opportunity", QT_TRANSLATE_NOOP("ModelCatalog", "Opportunity")}},
                  false),
              f("date_deadline", QT_TRANSLATE_NOOP("ModelCatalog", "Expected Closing"), T::Date),
              f("description", QT_TRANSLATE_NOOP("ModelCatalog", "Notes"), T::Text)}},
            {"crm.stage",
             QT_TRANSLATE_NOOP("ModelCatalog", "CRM Stages"),
             {f("name", QT_TRANSLATE_NOOP("ModelCatalog", "Stage Name"), T::Char, true),
              f("sequence", QT_TRANSLATE_NOOP("ModelCatalog", "Sequence"), T::Integer),
              f("is_won", QT_TRANSLATE_NOOP("ModelCatalog", "Is Won Stage?"), T::Boolean)}},
            {"calendar.event",
             QT_TRANSLATE_NOOP("ModelCatalog", "Calendar Event"),
             {f("name", QT_TRANSLATE_NOOP("ModelCatalog", "Meeting Subject"), T::Char, true),
              f("start", QT_TRANSLATE_NOOP("ModelCatalog", "Start"), T::Datetime, true),
              f("stop", QT_TRANSLATE_NOOP("ModelCatalog", "Stop"), T::Datetime, true),
              f("allday", QT_TRANSLATE_NOOP("ModelCatalog", "All Day"), T::Boolean),
              f("location", QT_TRANSLATE_NOOP("ModelCatalog", "Location"), T::Char),
              f("description", QT_TRANSLATE_NOOP("ModelCatalog", "Description"), T::Text)}},
            {"mail.activity",
             QT_TRANSLATE_NOOP("ModelCatalog", "Activity"),
             {f("summary", QT_TRANSLATE_NOOP("ModelCatalog", "Summary"), T::Char),
              f("date_deadline", QT_TRANSLATE_NOOP("ModelCatalog", "Due Date"), T::Date, true),
              f("res_model", QT_TRANSLATE_NOOP("ModelCatalog", "Related Document Model"), T::Char,
                false, true),
              f("res_id", QT_TRANSLATE_NOOP("ModelCatalog", "Related Document ID"), T::Integer,
                false, true),
              f("note", QT_TRANSLATE_NOOP("ModelCatalog", "Note"), T::Text)}},
            {"hr.employee",
             QT_TRANSLATE_NOOP("ModelCatalog", "Employee"),
             {f("name", QT_TRANSLATE_NOOP("ModelCatalog", "Employee Name"), T::Char, true),
              f("job_title", QT_TRANSLATE_NOOP("ModelCatalog", "Job Title"), T::Char),
              f("work_email", QT_TRANSLATE_NOOP("ModelCatalog", "Work Email"), T::Char),
              f("work_phone", QT_TRANSLATE_NOOP("ModelCatalog", "Work Phone"), T::Char),
              f("mobile_phone", QT_TRANSLATE_NOOP("ModelCatalog", "Work Mobile"), T::Char)}},
        };
        std::map<std::string, ModelInfo> out;
        for (auto& m : models)
            out.emplace(m.model, std::move(m));
        return out;
    }();
    return c;
}

std::string humanize(const std::string& name) {
    std::string s = name;
    for (const char* suffix : {"_ids", "_id"})
        if (s.size() > std::strlen(suffix) &&
            s.compare(s.size() - std::strlen(suffix), std::strlen(suffix), suffix) == 0)
            s.resize(s.size() - std::strlen(suffix));
    std::replace(s.begin(), s.end(), '_', ' ');
    std::replace(s.begin(), s.end(), '.', ' ');
    if (!s.empty())
        s[0] = char(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

/// Odoo's fields_get answers per model (setOdooFields), in Odoo's field order.
struct OdooCatalog {
    std::mutex mutex;
    std::map<std::string, std::vector<FieldInfo>> models;
};
OdooCatalog& odooCatalog() {
    static OdooCatalog c;
    return c;
}
/// Odoo's fields of `model`, or nullopt when Odoo has not described it.
std::optional<std::vector<FieldInfo>> odooFields(const std::string& model) {
    auto& c = odooCatalog();
    std::lock_guard lock(c.mutex);
    auto it = c.models.find(model);
    if (it == c.models.end())
        return std::nullopt;
    return it->second;
}
const FieldInfo* find(const std::vector<FieldInfo>& fields, const std::string& name) {
    for (const auto& f : fields)
        if (f.name == name)
            return &f;
    return nullptr;
}
/// Fields Odoo keeps for itself: never offered in a form.
bool odooMagic(const std::string& name) {
    return name == "id" || name == "display_name" || name == "create_uid" ||
           name == "create_date" || name == "write_uid" || name == "write_date" ||
           name == "__last_update";
}

} // namespace

FieldInfo fieldFromOdoo(const std::string& name, const protocol::json& d) {
    FieldInfo i;
    i.name = name;
    const auto text = [&](const char* key) {
        return d.is_object() && d.contains(key) && d[key].is_string() ? d[key].get<std::string>()
                                                                      : std::string();
    };
    const auto flag = [&](const char* key) {
        return d.is_object() && d.contains(key) && d[key].is_boolean() && d[key].get<bool>();
    };
    i.label = text("string");
    if (i.label.empty())
        i.label = humanize(name);
    i.required = flag("required");
    i.readonly = flag("readonly");
    const std::string type = text("type");
    static const std::map<std::string, FieldType> types = {
        {"char", T::Char},         {"text", T::Text},
        {"html", T::Text},         {"integer", T::Integer},
        {"float", T::Float},       {"monetary", T::Monetary},
        {"boolean", T::Boolean},   {"date", T::Date},
        {"datetime", T::Datetime}, {"selection", T::Selection},
        {"many2one", T::Many2one}, {"many2one_reference", T::Integer},
        {"one2many", T::Json},     {"many2many", T::Json},
        {"properties", T::Json},   {"json", T::Json}};
    auto t = types.find(type);
    i.type = t == types.end() ? T::Char : t->second;
    if (i.type == T::Many2one)
        i.relation = text("relation");
    if (i.type == T::Selection && d.contains("selection") && d["selection"].is_array())
        for (const auto& pair : d["selection"])
            if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string())
                i.selection.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
    return i;
}

void setOdooFields(const std::string& model, const protocol::json& fieldsGet) {
    std::vector<FieldInfo> fields;
    if (fieldsGet.is_object())
        for (auto it = fieldsGet.begin(); it != fieldsGet.end(); ++it)
            if (!odooMagic(it.key()))
                fields.push_back(fieldFromOdoo(it.key(), it.value()));
    auto& c = odooCatalog();
    std::lock_guard lock(c.mutex);
    if (fields.empty())
        c.models.erase(model);
    else
        c.models[model] = std::move(fields);
}

bool describedByOdoo(const std::string& model) {
    return odooFields(model).has_value();
}

const ModelInfo* modelInfo(const std::string& model) {
    auto it = catalog().find(model);
    return it == catalog().end() ? nullptr : &it->second;
}

std::string modelLabel(const std::string& model) {
    if (const auto* m = modelInfo(model))
        return m->label;
    return humanize(model);
}

FieldInfo fieldInfo(const std::string& model, const std::string& field,
                    const protocol::json& example) {
    if (auto odoo = odooFields(model))
        if (const auto* fi = find(*odoo, field))
            return *fi;
    if (const auto* m = modelInfo(model))
        for (const auto& fi : m->fields)
            if (fi.name == field)
                return fi;
    FieldInfo i;
    i.name = field;
    i.label = humanize(field);
    if (example.is_boolean())
        i.type = FieldType::Boolean;
    else if (example.is_number_integer())
        i.type = FieldType::Integer;
    else if (example.is_number())
        i.type = FieldType::Float;
    else if (example.is_array() || example.is_object())
        i.type = FieldType::Json;
    return i;
}

std::vector<FieldInfo> formFields(const std::string& model, const protocol::json& data) {
    std::vector<FieldInfo> out;
    const auto odoo = odooFields(model);
    if (const auto* m = modelInfo(model))
        for (const auto& fi : m->fields) {
            if (!odoo)
                out.push_back(fi);
            else if (const auto* o = find(*odoo, fi.name)) // Odoo's description wins
                out.push_back(*o);
            // else: a field this Odoo does not have (it would refuse the write)
        }
    if (odoo) // what a new record must have, as Odoo says
        for (const auto& fi : *odoo)
            if (fi.required && !fi.readonly && fi.type != FieldType::Json && !find(out, fi.name))
                out.push_back(fi);
    if (data.is_object())
        for (auto it = data.begin(); it != data.end(); ++it) {
            if (it.key() == "id")
                continue;
            const bool known = std::any_of(out.begin(), out.end(),
                                           [&](const FieldInfo& f) { return f.name == it.key(); });
            if (!known)
                out.push_back(fieldInfo(model, it.key(), it.value()));
        }
    return out;
}

std::string validate(const FieldInfo& field, const protocol::json& value) {
    const bool empty =
        value.is_null() || (value.is_string() && value.get<std::string>().empty()) ||
        (field.type != FieldType::Boolean && value.is_boolean() && !value.get<bool>());
    if (empty)
        return field.required ? QT_TRANSLATE_NOOP("ModelCatalog", "is required") : std::string();
    switch (field.type) {
    case FieldType::Integer:
        if (!value.is_number_integer())
            return QT_TRANSLATE_NOOP("ModelCatalog", "must be a whole number");
        break;
    case FieldType::Float:
    case FieldType::Monetary:
        if (!value.is_number())
            return QT_TRANSLATE_NOOP("ModelCatalog", "must be a number");
        break;
    case FieldType::Boolean:
        if (!value.is_boolean())
            return QT_TRANSLATE_NOOP("ModelCatalog", "must be yes or no");
        break;
    case FieldType::Many2one:
        if (!value.is_number_integer() && !value.is_string())
            return QT_TRANSLATE_NOOP("ModelCatalog", "must be a record");
        break;
    case FieldType::Selection: {
        if (!value.is_string())
            return QT_TRANSLATE_NOOP("ModelCatalog", "must be one of the listed values");
        const auto v = value.get<std::string>();
        if (std::none_of(field.selection.begin(), field.selection.end(),
                         [&](const auto& p) { return p.first == v; }))
            return QT_TRANSLATE_NOOP("ModelCatalog", "is not one of the listed values");
        break;
    }
    case FieldType::Date:
        if (!value.is_string() ||
            !QDate::fromString(QString::fromStdString(value.get<std::string>()), Qt::ISODate)
                 .isValid())
            return QT_TRANSLATE_NOOP("ModelCatalog", "must be a date like 2026-11-29");
        break;
    case FieldType::Datetime:
        if (!value.is_string() ||
            !QDateTime::fromString(QString::fromStdString(value.get<std::string>()), Qt::ISODate)
                 .isValid())
            return QT_TRANSLATE_NOOP("ModelCatalog",
                                     "must be a date and time like 2026-11-29 14:30:00");
        break;
    case FieldType::Char:
    case FieldType::Text:
        if (!value.is_string())
            return QT_TRANSLATE_NOOP("ModelCatalog", "must be text");
        break;
    case FieldType::Json:
        break;
    }
    return {};
}

std::optional<protocol::json> parseValue(const FieldInfo& field, const std::string& text,
                                         std::string* why) {
    auto fail = [&](const std::string& reason) -> std::optional<protocol::json> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    const QString t = QString::fromStdString(text).trimmed();
    if (t.isEmpty()) {
        if (field.required)
            return fail(QT_TRANSLATE_NOOP("ModelCatalog", "is required"));
        return protocol::json(field.type == FieldType::Boolean ? protocol::json(false)
                                                               : protocol::json(nullptr));
    }
    switch (field.type) {
    case FieldType::Integer: {
        bool ok = false;
        const qlonglong v = t.toLongLong(&ok);
        if (!ok)
            return fail(QT_TRANSLATE_NOOP("ModelCatalog", "is not a whole number"));
        return protocol::json(std::int64_t(v));
    }
    case FieldType::Float:
    case FieldType::Monetary: {
        bool ok = false;
        double v = t.toDouble(&ok);
        if (!ok) // typed the way the person's language writes numbers (1,5 in French)
            v = QLocale().toDouble(t, &ok);
        if (!ok)
            return fail(QT_TRANSLATE_NOOP("ModelCatalog", "is not a number"));
        return protocol::json(v);
    }
    case FieldType::Boolean:
        if (t == QLatin1String("true") || t == QLatin1String("1"))
            return protocol::json(true);
        if (t == QLatin1String("false") || t == QLatin1String("0"))
            return protocol::json(false);
        return fail(QT_TRANSLATE_NOOP("ModelCatalog", "is not yes or no"));
    case FieldType::Many2one: {
        bool ok = false;
        const qlonglong v = t.toLongLong(&ok);
        if (ok)
            return protocol::json(std::int64_t(v));
        return protocol::json(text); // a local id of a record created offline
    }
    case FieldType::Json: {
        auto parsed = protocol::json::parse(text, nullptr, false);
        if (parsed.is_discarded())
            return fail(QT_TRANSLATE_NOOP("ModelCatalog", "is not valid JSON"));
        return parsed;
    }
    case FieldType::Selection:
    case FieldType::Date:
    case FieldType::Datetime:
    case FieldType::Char:
    case FieldType::Text: {
        protocol::json v = t.toStdString();
        if (field.type == FieldType::Datetime)
            v = QString(t).replace(QLatin1Char('T'), QLatin1Char(' ')).toStdString();
        if (auto reason = validate(field, v); !reason.empty())
            return fail(reason);
        return v;
    }
    }
    return fail(QT_TRANSLATE_NOOP("ModelCatalog", "has an unknown type"));
}

} // namespace bridgecore::console
