#include "odoo/OdooPushWriter.h"

#include <cctype>
#include <functional>
#include <set>

namespace bridgecore::odoo {

namespace {

using protocol::Action;

constexpr std::size_t kMaxRun = 500;

std::string escapeName(const std::string& s) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-') {
            out += char(c);
        } else {
            out += '_';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string fieldType(const json& types, const std::string& field) {
    if (types.is_object() && types.contains(field) && types[field].is_object())
        return types[field].value("type", std::string());
    return {};
}

bool isX2many(const std::string& type) {
    return type == "one2many" || type == "many2many";
}

/// The import-format text of a scalar value (load takes strings); nullopt when not a scalar.
std::optional<std::string> importText(const json& v) {
    if (v.is_null())
        return std::string();
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_boolean())
        return std::string(v.get<bool>() ? "1" : "0");
    if (v.is_number_integer())
        return std::to_string(v.get<std::int64_t>());
    if (v.is_number())
        return v.dump();
    return std::nullopt;
}

std::string idList(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (auto id : ids)
        out += (out.empty() ? "" : ",") + std::to_string(id);
    return out;
}

/// A create as load columns: the main row, one2many sub-rows and the commands load cannot
/// express (sent with a write afterwards).
struct LoadRecord {
    std::map<std::string, std::string> main;                                      // column -> text
    std::vector<std::pair<std::string, std::map<std::string, std::string>>> subs; // field, row
    json leftovers = json::object(); // field -> commands
};

Result<LoadRecord> toLoadRecord(const json& values, const json& types,
                                const std::function<Result<json>(const std::string&)>& subTypes) {
    LoadRecord r;
    for (const auto& [field, v] : values.items()) {
        const std::string type = fieldType(types, field);
        if (type == "many2one") {
            if (!v.is_null() && !v.is_number_integer())
                return Error{ErrorCode::OdooValidation,
                             "field '" + field + "' needs a record id, not " + v.dump()};
            r.main[field + "/.id"] =
                v.is_null() ? std::string() : std::to_string(v.get<std::int64_t>());
        } else if (type == "many2many") {
            std::vector<std::int64_t> ids;
            json rest = json::array();
            if (!v.is_array())
                return Error{ErrorCode::OdooValidation, "field '" + field + "' needs a list"};
            for (const auto& cmd : v) {
                if (cmd.is_number_integer())
                    ids.push_back(cmd.get<std::int64_t>());
                else if (cmd.is_array() && cmd.size() == 3 && cmd[0] == 6 && cmd[2].is_array())
                    for (const auto& id : cmd[2])
                        ids.push_back(id.get<std::int64_t>());
                else if (cmd.is_array() && cmd.size() >= 2 && cmd[0] == 4 &&
                         cmd[1].is_number_integer())
                    ids.push_back(cmd[1].get<std::int64_t>());
                else
                    rest.push_back(cmd);
            }
            r.main[field + "/.id"] = idList(ids);
            if (!rest.empty())
                r.leftovers[field] = rest;
        } else if (type == "one2many") {
            if (!v.is_array())
                return Error{ErrorCode::OdooValidation, "field '" + field + "' needs a list"};
            json rest = json::array();
            auto relTypes = subTypes(types[field].value("relation", std::string()));
            if (!relTypes.ok())
                return relTypes.error();
            for (const auto& cmd : v) {
                if (cmd.is_array() && cmd.size() == 3 && cmd[0] == 0 && cmd[2].is_object()) {
                    std::map<std::string, std::string> row;
                    bool plain = true;
                    for (const auto& [sub, sv] : cmd[2].items()) {
                        const std::string st = fieldType(relTypes.value(), sub);
                        if (st == "many2one" && (sv.is_number_integer() || sv.is_null())) {
                            row[field + "/" + sub + "/.id"] =
                                sv.is_null() ? std::string()
                                             : std::to_string(sv.get<std::int64_t>());
                        } else if (isX2many(st)) {
                            plain = false;
                        } else if (auto text = importText(sv)) {
                            row[field + "/" + sub] = *text;
                        } else {
                            plain = false;
                        }
                    }
                    if (plain)
                        r.subs.emplace_back(field, std::move(row));
                    else
                        rest.push_back(cmd); // nested x2many: a create command after the load
                } else {
                    rest.push_back(cmd);
                }
            }
            if (!rest.empty())
                r.leftovers[field] = rest;
        } else if (auto text = importText(v)) {
            r.main[field] = *text;
        } else {
            return Error{ErrorCode::OdooValidation,
                         "field '" + field + "' has a value Odoo cannot store: " + v.dump()};
        }
    }
    return r;
}

} // namespace

OdooPushWriter::OdooPushWriter(OdooClient& client, std::string externalPrefix)
    : OdooPushWriter(client, std::move(externalPrefix),
                     std::make_shared<std::map<std::string, json>>()) {}

OdooPushWriter::OdooPushWriter(OdooClient& client, std::string externalPrefix,
                               std::shared_ptr<std::map<std::string, json>> fieldTypes)
    : m_client(client)
    , m_prefix(std::move(externalPrefix))
    , m_fieldTypes(std::move(fieldTypes)) {}

std::string OdooPushWriter::externalIdPrefix(std::int64_t tenantId, const std::string& deviceId) {
    return "t" + std::to_string(tenantId) + "_" + escapeName(deviceId);
}

std::string OdooPushWriter::externalName(const std::string& localId) const {
    return m_prefix + "__" + escapeName(localId);
}

Result<json> OdooPushWriter::call(const std::string& model, const std::string& method,
                                  const json& ids, const json& kwargs) {
    ++m_calls;
    return m_client.call(model, method, ids, kwargs);
}

Result<json> OdooPushWriter::fieldTypes(const std::string& model) {
    if (auto it = m_fieldTypes->find(model); it != m_fieldTypes->end())
        return it->second;
    auto r = call(model, "fields_get", json::array(),
                  {{"attributes", {"type", "relation", "relation_field"}}});
    if (!r.ok())
        return r.error();
    (*m_fieldTypes)[model] = r.value();
    return r.value();
}

OdooPushWriter::NewLines OdooPushWriter::splitNewLines(const std::string& localId,
                                                       const json& values, const json& types,
                                                       std::int64_t parentId) {
    NewLines out;
    out.rest = json::object();
    for (const auto& [field, v] : values.items()) {
        const bool one2many = fieldType(types, field) == "one2many";
        const std::string relation =
            one2many ? types[field].value("relation", std::string()) : std::string();
        const std::string inverse =
            one2many ? types[field].value("relation_field", std::string()) : std::string();
        if (!one2many || relation.empty() || inverse.empty() || !v.is_array()) {
            out.rest[field] = v;
            continue;
        }
        // Loading a line after the write keeps the commands' meaning only when nothing
        // after the first new line removes lines ([2], [3], [5], [6]).
        bool movable = true;
        bool seenNew = false;
        for (const auto& cmd : v) {
            const int code = cmd.is_array() && !cmd.empty() && cmd[0].is_number_integer()
                                 ? cmd[0].get<int>()
                                 : -1;
            if (code == 0)
                seenNew = true;
            else if (seenNew && code != 1 && code != 4)
                movable = false;
        }
        auto relTypes = movable ? fieldTypes(relation) : Result<json>(json::object());
        json kept = json::array();
        std::vector<std::pair<std::string, std::map<std::string, std::string>>> rows;
        for (std::size_t k = 0; k < v.size(); ++k) {
            const json& cmd = v[k];
            const bool isNew =
                cmd.is_array() && cmd.size() == 3 && cmd[0] == 0 && cmd[2].is_object();
            if (!movable || !isNew || !relTypes.ok()) {
                kept.push_back(cmd);
                continue;
            }
            json lineValues = cmd[2];
            lineValues[inverse] = parentId;
            auto rec = toLoadRecord(lineValues, relTypes.value(),
                                    [&](const std::string& m) { return fieldTypes(m); });
            if (!rec.ok() || !rec.value().subs.empty() || !rec.value().leftovers.empty()) {
                kept.push_back(cmd); // nested lines: left in the write (not idempotent)
                continue;
            }
            rec.value().main["id"] = std::string(kExternalIdModule) + "." + externalName(localId) +
                                     "__" + escapeName(field) + "_" + std::to_string(k);
            out.lines[relation].push_back(std::move(rec.value().main));
        }
        if (!kept.empty())
            out.rest[field] = std::move(kept);
    }
    return out;
}

Result<bool> OdooPushWriter::holds(const std::string& model, const std::string& localId,
                                   const std::string& field, const json& commands,
                                   const json& current) {
    if (!commands.is_array() || !current.is_array())
        return false;
    std::set<std::int64_t> now;
    for (const auto& id : current) {
        if (!id.is_number_integer())
            return false;
        now.insert(id.get<std::int64_t>());
    }
    // The external names of the new lines, by position (as splitNewLines gives them).
    std::map<std::string, std::size_t> names;
    for (std::size_t k = 0; k < commands.size(); ++k)
        if (commands[k].is_array() && !commands[k].empty() && commands[k][0] == 0)
            names[externalName(localId) + "__" + escapeName(field) + "_" + std::to_string(k)] = k;
    std::map<std::size_t, std::int64_t> made;
    if (!names.empty()) {
        json wanted = json::array();
        for (const auto& [name, k] : names)
            wanted.push_back(name);
        auto found = call("ir.model.data", "search_read", json::array(),
                          {{"domain", json::array({json::array({"module", "=", kExternalIdModule}),
                                                   json::array({"name", "in", wanted})})},
                           {"fields", {"name", "res_id"}}});
        if (!found.ok())
            return found.error();
        for (const auto& row : found.value())
            if (auto it = names.find(row.value("name", std::string())); it != names.end())
                made[it->second] = row.value("res_id", std::int64_t(0));
    }
    std::set<std::int64_t> after = now;
    std::map<std::int64_t, json> lineValues; // [1, id, {...}]: what each line is to hold
    auto idAt = [](const json& cmd) -> std::optional<std::int64_t> {
        if (cmd.size() >= 2 && cmd[1].is_number_integer())
            return cmd[1].get<std::int64_t>();
        return std::nullopt;
    };
    for (std::size_t k = 0; k < commands.size(); ++k) {
        const json& cmd = commands[k];
        if (!cmd.is_array() || cmd.empty() || !cmd[0].is_number_integer())
            return false;
        switch (cmd[0].get<int>()) {
        case 0: // create: held when an earlier attempt made it
            if (!made.count(k))
                return false;
            after.insert(made[k]);
            break;
        case 2: // delete
        case 3: // unlink
            if (auto id = idAt(cmd))
                after.erase(*id);
            else
                return false;
            break;
        case 4: // link
            if (auto id = idAt(cmd))
                after.insert(*id);
            else
                return false;
            break;
        case 5: // unlink all
            after.clear();
            break;
        case 6: // set
            if (cmd.size() < 3 || !cmd[2].is_array())
                return false;
            after.clear();
            for (const auto& id : cmd[2]) {
                if (!id.is_number_integer())
                    return false;
                after.insert(id.get<std::int64_t>());
            }
            break;
        case 1: // update a line: held when the line is the record's and has the values now
            if (auto id = idAt(cmd);
                id && after.count(*id) && cmd.size() >= 3 && cmd[2].is_object())
                lineValues[*id].update(cmd[2]);
            else
                return false;
            break;
        default:
            return false;
        }
    }
    if (after != now)
        return false;
    return linesHold(model, field, lineValues);
}

Result<bool> OdooPushWriter::linesHold(const std::string& model, const std::string& field,
                                       const std::map<std::int64_t, json>& lineValues) {
    if (lineValues.empty())
        return true;
    auto types = fieldTypes(model);
    if (!types.ok())
        return types.error();
    const json& f = types.value().contains(field) ? types.value()[field] : json();
    const std::string relation = f.is_object() ? f.value("relation", std::string()) : "";
    if (relation.empty())
        return false;
    auto lineTypes = fieldTypes(relation);
    if (!lineTypes.ok())
        return lineTypes.error();
    json ids = json::array(), names = json::array();
    std::set<std::string> named;
    for (const auto& [id, values] : lineValues) {
        ids.push_back(id);
        for (const auto& [k, v] : values.items())
            if (named.insert(k).second)
                names.push_back(k);
    }
    auto recs =
        call(relation, "search_read", json::array(),
             {{"domain", json::array({json::array({"id", "in", ids})})}, {"fields", names}});
    if (!recs.ok())
        return recs.error();
    std::size_t matched = 0;
    for (const auto& r : recs.value()) {
        auto it = lineValues.find(r.value("id", std::int64_t(0)));
        if (it == lineValues.end())
            continue;
        // Both sides in Odoo's normal shape: many2one as its id, false for empty as null.
        const json now = normaliseRecord(r, lineTypes.value());
        const json asked = normaliseRecord(it->second, lineTypes.value());
        for (const auto& [k, v] : asked.items())
            if (!now.contains(k) || now[k] != v)
                return false;
        ++matched;
    }
    return matched == lineValues.size();
}

Status OdooPushWriter::loadNewLines(const NewLines& lines) {
    for (const auto& [model, rows] : lines.lines) {
        std::vector<std::string> columns{"id"};
        std::set<std::string> seen{"id"};
        for (const auto& row : rows)
            for (const auto& [c, text] : row)
                if (seen.insert(c).second)
                    columns.push_back(c);
        json data = json::array();
        for (const auto& row : rows) {
            json cells = json::array();
            for (const auto& c : columns) {
                auto it = row.find(c);
                cells.push_back(it == row.end() ? std::string() : it->second);
            }
            data.push_back(std::move(cells));
        }
        auto r = call(model, "load", json::array(), {{"fields", columns}, {"data", data}});
        if (!r.ok())
            return r.error();
        if (!r.value().value("ids", json(false)).is_array()) {
            std::string why = "Odoo refused the new lines";
            for (const auto& m : r.value().value("messages", json::array()))
                if (m.value("type", std::string()) == "error") {
                    why = m.value("message", why);
                    break;
                }
            return Error{ErrorCode::OdooValidation, why};
        }
    }
    return {};
}

std::vector<OdooOutcome> OdooPushWriter::write(const std::vector<OdooChange>& changes,
                                               const std::map<std::string, std::int64_t>& known) {
    m_calls = 0;
    const std::size_t n = changes.size();
    std::vector<OdooOutcome> out(n);
    std::map<std::string, std::size_t> createAt;
    for (std::size_t i = 0; i < n; ++i)
        if (changes[i].action == Action::Create)
            createAt[changes[i].local_id] = i;

    auto failRest = [&](std::size_t from, const Error& e) {
        for (std::size_t k = from; k < n; ++k)
            if (!out[k].done && !out[k].error)
                out[k].error = e;
    };

    // Creates of this push referenced by a change (in its values or record_ref).
    auto refsOf = [&](const OdooChange& c) {
        std::set<std::size_t> refs;
        std::function<void(const json&)> walk = [&](const json& v) {
            if (v.is_string()) {
                if (auto it = createAt.find(v.get<std::string>()); it != createAt.end())
                    refs.insert(it->second);
            } else if (v.is_array() || v.is_object()) {
                for (const auto& x : v)
                    walk(x);
            }
        };
        walk(c.values);
        if (c.record_ref)
            if (auto it = createAt.find(*c.record_ref); it != createAt.end())
                refs.insert(it->second);
        return refs;
    };
    // Values with local references replaced by Odoo ids.
    std::function<json(const json&)> resolve = [&](const json& v) -> json {
        if (v.is_string()) {
            const std::string s = v.get<std::string>();
            if (auto it = createAt.find(s); it != createAt.end() && out[it->second].done)
                return out[it->second].odoo_id;
            if (auto it = known.find(s); it != known.end())
                return it->second;
            return v;
        }
        if (v.is_array()) {
            json a = json::array();
            for (const auto& x : v)
                a.push_back(resolve(x));
            return a;
        }
        if (v.is_object()) {
            json o = json::object();
            for (const auto& [k, x] : v.items())
                o[k] = resolve(x);
            return o;
        }
        return v;
    };
    auto targetId = [&](const OdooChange& c) -> std::optional<std::int64_t> {
        if (c.odoo_id)
            return c.odoo_id;
        if (c.record_ref) {
            if (auto it = createAt.find(*c.record_ref);
                it != createAt.end() && out[it->second].done)
                return out[it->second].odoo_id;
            if (auto it = known.find(*c.record_ref); it != known.end())
                return it->second;
        }
        return std::nullopt;
    };
    // A failed call: unavailable stops everything after; anything else fails the batch.
    bool down = false;
    auto failBatch = [&](const std::vector<std::size_t>& batch, const Error& e) {
        if (e.code == ErrorCode::OdooUnavailable) {
            down = true;
            failRest(batch.empty() ? n : batch.front(), e);
            return;
        }
        for (auto k : batch)
            out[k].error = e;
    };
    // Commands load could not express, for a create that now has its Odoo id.
    std::map<std::size_t, json> leftovers;
    auto writeLeftovers = [&](std::size_t k) {
        auto it = leftovers.find(k);
        if (it == leftovers.end() || !out[k].done || it->second.empty())
            return;
        auto r = call(changes[k].model, "write", json::array({out[k].odoo_id}),
                      {{"vals", resolve(it->second)}});
        if (!r.ok()) {
            out[k].done = false;
            failBatch({k}, r.error());
        }
    };

    // 1. What an interrupted earlier attempt already created (Odoo committed, we did not).
    json names = json::array();
    for (const auto& [localId, i] : createAt)
        names.push_back(externalName(localId));
    if (!names.empty()) {
        auto found = call("ir.model.data", "search_read", json::array(),
                          {{"domain", json::array({json::array({"module", "=", kExternalIdModule}),
                                                   json::array({"name", "in", names})})},
                           {"fields", {"name", "model", "res_id"}}});
        if (!found.ok()) {
            failRest(0, found.error());
            return out;
        }
        std::map<std::string, std::int64_t> byName;
        for (const auto& row : found.value())
            if (row.value("res_id", std::int64_t(0)) > 0)
                byName[row.value("name", std::string())] = row["res_id"].get<std::int64_t>();
        for (const auto& [localId, i] : createAt)
            if (auto it = byName.find(externalName(localId)); it != byName.end()) {
                out[i].done = true;
                out[i].found_existing = true;
                out[i].odoo_id = it->second;
            }
    }

    // 2. Runs of same-model, same-action changes, in order.
    std::size_t i = 0;
    while (i < n) {
        const OdooChange& first = changes[i];
        if (down || out[i].error) {
            ++i;
            continue;
        }
        if (out[i].done) { // found by external id: only idempotent follow-ups remain
            auto types = fieldTypes(first.model);
            if (types.ok()) {
                auto rec = toLoadRecord(resolve(first.values), types.value(),
                                        [&](const std::string& m) { return fieldTypes(m); });
                if (rec.ok() && !rec.value().leftovers.empty()) {
                    leftovers[i] = rec.value().leftovers;
                    writeLeftovers(i);
                }
            }
            ++i;
            continue;
        }
        // Dependencies that failed make this change fail.
        auto dependsOnFailed = [&](std::size_t k) {
            for (auto r : refsOf(changes[k]))
                if (out[r].error)
                    return true;
            return false;
        };
        if (dependsOnFailed(i)) {
            out[i].error =
                Error{ErrorCode::DependencyFailed, "a change this one depends on failed in Odoo"};
            ++i;
            continue;
        }
        auto types = fieldTypes(first.model);
        if (!types.ok()) {
            failBatch({i}, types.error());
            ++i;
            continue;
        }
        const bool hasX2many = [&] {
            for (const auto& [f, v] : first.values.items())
                if (isX2many(fieldType(types.value(), f)))
                    return true;
            return false;
        }();
        auto keysOf = [](const json& v) {
            std::vector<std::string> k;
            for (const auto& [f, x] : v.items())
                k.push_back(f);
            return k;
        };
        // Gather the run.
        std::vector<std::size_t> run{i};
        std::size_t j = i + 1;
        const bool batchable = first.action != Action::Update || !hasX2many;
        while (batchable && j < n && run.size() < kMaxRun) {
            const OdooChange& c = changes[j];
            if (c.model != first.model || c.action != first.action || out[j].done || out[j].error)
                break;
            if (c.action != Action::Delete && keysOf(c.values) != keysOf(first.values))
                break;
            bool inRun = false;
            for (auto r : refsOf(c))
                if (r >= i)
                    inRun = true;
            if (inRun || dependsOnFailed(j))
                break;
            run.push_back(j);
            ++j;
        }
        i = run.back() + 1;

        if (first.action == Action::Delete) {
            json ids = json::array();
            std::vector<std::size_t> batch;
            for (auto k : run) {
                if (auto id = targetId(changes[k])) {
                    ids.push_back(*id);
                    batch.push_back(k);
                } else {
                    out[k].error = Error{ErrorCode::RecordNotFound, "no Odoo record to delete"};
                }
            }
            if (batch.empty())
                continue;
            auto r = call(first.model, "unlink", ids, json::object());
            if (r.ok()) {
                for (auto k : batch) {
                    out[k].done = true;
                    out[k].odoo_id = *targetId(changes[k]);
                }
                continue;
            }
            if (r.error().code != ErrorCode::RecordNotFound) {
                failBatch(batch, r.error());
                continue;
            }
            // Some were gone already: one at a time, a missing record counts as deleted.
            for (auto k : batch) {
                auto one = call(first.model, "unlink", json::array({*targetId(changes[k])}),
                                json::object());
                if (one.ok() || one.error().code == ErrorCode::RecordNotFound) {
                    out[k].done = true;
                    out[k].odoo_id = *targetId(changes[k]);
                } else {
                    failBatch({k}, one.error());
                    if (down)
                        break;
                }
            }
            continue;
        }

        if (first.action == Action::Update && hasX2many) {
            const auto id = targetId(first);
            if (!id) {
                out[run[0]].error = Error{ErrorCode::RecordNotFound, "no Odoo record to update"};
                continue;
            }
            // New one2many lines ([0, 0, {...}]) are not sent inside the write, which has no
            // way to recognise a second attempt: each is loaded afterwards under an external
            // id of its own (the change's, the field and the command's position), so a retry
            // after a lost answer finds and updates it instead of adding it again.
            NewLines lines =
                splitNewLines(first.local_id, resolve(first.values), types.value(), *id);
            if (!lines.rest.empty()) {
                auto r = call(first.model, "write", json::array({*id}), {{"vals", lines.rest}});
                if (!r.ok()) {
                    failBatch(run, r.error());
                    continue;
                }
            }
            if (Status st = loadNewLines(lines); !st.ok()) {
                failBatch(run, st.error());
                continue;
            }
            out[run[0]].done = true;
            out[run[0]].odoo_id = *id;
            continue;
        }

        // load: creates (with external ids) or updates (with .id).
        struct Row {
            std::size_t change;
            LoadRecord rec;
        };
        std::vector<Row> rows;
        for (auto k : run) {
            auto rec = toLoadRecord(resolve(changes[k].values), types.value(),
                                    [&](const std::string& m) { return fieldTypes(m); });
            if (!rec.ok()) {
                failBatch({k}, rec.error());
                continue;
            }
            if (first.action == Action::Create) {
                rec.value().main["id"] =
                    std::string(kExternalIdModule) + "." + externalName(changes[k].local_id);
            } else {
                const auto id = targetId(changes[k]);
                if (!id) {
                    out[k].error = Error{ErrorCode::RecordNotFound, "no Odoo record to update"};
                    continue;
                }
                rec.value().main[".id"] = std::to_string(*id);
            }
            rows.push_back({k, std::move(rec.value())});
        }
        if (down)
            continue;
        while (!rows.empty()) {
            std::vector<std::string> columns;
            std::set<std::string> seen;
            auto addColumn = [&](const std::string& c) {
                if (seen.insert(c).second)
                    columns.push_back(c);
            };
            addColumn(first.action == Action::Create ? "id" : ".id");
            for (const auto& row : rows) {
                for (const auto& [c, v] : row.rec.main)
                    addColumn(c);
                for (const auto& [f, sub] : row.rec.subs)
                    for (const auto& [c, v] : sub)
                        addColumn(c);
            }
            json data = json::array();
            std::vector<std::size_t> rowOwner; // data row -> index into rows
            for (std::size_t r = 0; r < rows.size(); ++r) {
                const auto& rec = rows[r].rec;
                // The main row carries the first sub-row of each one2many; further sub-rows
                // follow with empty main columns.
                std::map<std::string, std::vector<const std::map<std::string, std::string>*>> subs;
                std::size_t extra = 0;
                for (const auto& [f, sub] : rec.subs) {
                    subs[f].push_back(&sub);
                    extra = std::max(extra, subs[f].size());
                }
                for (std::size_t line = 0; line < std::max<std::size_t>(1, extra); ++line) {
                    json cells = json::array();
                    for (const auto& c : columns) {
                        std::string v;
                        if (line == 0)
                            if (auto it = rec.main.find(c); it != rec.main.end())
                                v = it->second;
                        const auto slash = c.find('/');
                        if (slash != std::string::npos && subs.count(c.substr(0, slash))) {
                            const auto& list = subs[c.substr(0, slash)];
                            if (line < list.size())
                                if (auto it = list[line]->find(c); it != list[line]->end())
                                    v = it->second;
                        }
                        cells.push_back(v);
                    }
                    data.push_back(cells);
                    rowOwner.push_back(r);
                }
            }
            std::vector<std::size_t> batch;
            for (const auto& row : rows)
                batch.push_back(row.change);
            auto r =
                call(first.model, "load", json::array(), {{"fields", columns}, {"data", data}});
            if (!r.ok()) {
                failBatch(batch, r.error());
                break;
            }
            const json& res = r.value();
            if (res.value("ids", json(false)).is_array()) {
                const json& ids = res["ids"];
                for (std::size_t k = 0; k < rows.size() && k < ids.size(); ++k) {
                    out[rows[k].change].done = true;
                    out[rows[k].change].odoo_id = ids[k].get<std::int64_t>();
                    if (!rows[k].rec.leftovers.empty()) {
                        leftovers[rows[k].change] = rows[k].rec.leftovers;
                        writeLeftovers(rows[k].change);
                    }
                }
                break;
            }
            // Odoo refused some rows and rolled the whole load back: fail those, load the rest.
            std::set<std::size_t> refused;
            for (const auto& m : res.value("messages", json::array())) {
                if (m.value("type", std::string()) != "error")
                    continue;
                std::size_t from = 0;
                if (m.contains("rows") && m["rows"].is_object())
                    from = m["rows"].value("from", std::size_t(0));
                else
                    from = m.value("record", std::size_t(0));
                if (from >= rowOwner.size())
                    continue;
                const std::size_t owner = rowOwner[from];
                refused.insert(owner);
                const std::string text = m.value("message", std::string("refused"));
                const bool missing =
                    text.find("does not exist or has been deleted") != std::string::npos;
                if (!out[rows[owner].change].error)
                    out[rows[owner].change].error = Error{
                        missing ? ErrorCode::RecordNotFound : ErrorCode::OdooValidation, text};
            }
            if (refused.empty()) {
                failBatch(batch, Error{ErrorCode::OdooValidation, "Odoo refused the import"});
                break;
            }
            std::vector<Row> rest;
            for (std::size_t k = 0; k < rows.size(); ++k)
                if (!refused.count(k))
                    rest.push_back(std::move(rows[k]));
            rows = std::move(rest);
        }
    }
    return out;
}

} // namespace bridgecore::odoo
