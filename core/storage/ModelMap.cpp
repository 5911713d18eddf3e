#include "storage/SyncStore.h"

namespace bridgecore::storage {

const ModelMap& defaultModelMap() {
    static const ModelMap map = [] {
        auto entries = [](std::initializer_list<const char*> models) {
            std::vector<ModelEntry> out;
            for (const char* m : models)
                out.push_back(ModelEntry{m, std::nullopt, "business"});
            return out;
        };
        ModelMap m;
        // The guide's two app types, verbatim.
        m["sales_app"] =
            entries({"sale.order", "sale.order.line", "res.partner", "product.product"});
        m["delivery_app"] = entries({"stock.picking", "stock.move", "res.partner"});
        // The usual Odoo models for the other field apps.
        m["warehouse_app"] =
            entries({"stock.picking", "stock.move", "stock.move.line", "stock.quant",
                     "stock.location", "stock.lot", "product.product"});
        m["manager_app"] = entries({"sale.order", "sale.order.line", "purchase.order",
                                    "purchase.order.line", "account.move", "res.partner",
                                    "product.product", "stock.picking", "hr.employee"});
        m["crm_app"] =
            entries({"crm.lead", "crm.stage", "res.partner", "mail.activity", "calendar.event"});
        return m;
    }();
    return map;
}

} // namespace bridgecore::storage
