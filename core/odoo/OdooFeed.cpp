#include "odoo/OdooFeed.h"

#include <algorithm>

namespace bridgecore::odoo {

using protocol::EventAction;

json FeedCursor::toJson() const {
    json seen = json::object(), known = json::object();
    for (const auto& [m, ids] : seen_at_last_date)
        seen[m] = ids;
    for (const auto& [m, ids] : known_ids)
        known[m] = ids;
    return {{"last_webhook_id", last_webhook_id},
            {"last_write_date", last_write_date},
            {"seen_at_last_date", seen},
            {"known_ids", known},
            {"polls", polls}};
}

FeedCursor FeedCursor::fromJson(const json& j) {
    FeedCursor c;
    if (!j.is_object())
        return c;
    c.last_webhook_id = j.value("last_webhook_id", std::int64_t(0));
    c.polls = j.value("polls", std::int64_t(0));
    if (j.contains("last_write_date") && j["last_write_date"].is_object())
        for (const auto& [m, d] : j["last_write_date"].items())
            if (d.is_string())
                c.last_write_date[m] = d.get<std::string>();
    auto sets = [](const json& o, std::map<std::string, std::set<std::int64_t>>& out) {
        if (o.is_object())
            for (const auto& [m, ids] : o.items())
                for (const auto& id : ids)
                    if (id.is_number_integer())
                        out[m].insert(id.get<std::int64_t>());
    };
    sets(j.value("seen_at_last_date", json::object()), c.seen_at_last_date);
    sets(j.value("known_ids", json::object()), c.known_ids);
    return c;
}

FeedChange readChange(const std::string& model, const json& record, const json& fieldTypes,
                      std::int64_t connectorUid) {
    FeedChange c;
    c.model = model;
    c.odoo_id = record.value("id", std::int64_t(0));
    c.action = EventAction::Write;
    c.data = normaliseRecord(record, fieldTypes);
    c.write_date = parseOdooDatetime(record.value("write_date", json())).value_or(0);
    // Odoo sets write_uid on every write (models.py, write(): vals.setdefault('write_uid',
    // self.env.uid)); false or another user's id: not ours.
    c.by_odoo_user =
        record.contains("write_uid") && many2oneId(record["write_uid"]) != connectorUid;
    return c;
}

OdooFeed::OdooFeed(OdooClient& client, std::vector<std::string> models, int reconcileEvery,
                   int pageSize)
    : m_client(client)
    , m_models(std::move(models))
    , m_reconcileEvery(std::max(1, reconcileEvery))
    , m_pageSize(pageSize) {}

Result<json> OdooFeed::types(const std::string& model) {
    if (auto it = m_types.find(model); it != m_types.end())
        return it->second;
    auto r =
        m_client.call(model, "fields_get", json::array(), {{"attributes", {"type", "relation"}}});
    if (!r.ok())
        return r.error();
    m_types[model] = r.value();
    return r.value();
}

Result<std::vector<FeedChange>> OdooFeed::poll(FeedCursor& cursor) {
    if (!m_webhook) {
        auto probe = m_client.call("update.webhook", "search_count", json::array(),
                                   {{"domain", json::array()}});
        if (probe.ok())
            m_webhook = true;
        else if (probe.error().code == ErrorCode::NotFound)
            m_webhook = false;
        else
            return probe.error();
    }
    ++cursor.polls;
    if (!*m_webhook)
        return pollWriteDates(cursor);
    // Page through a backlog (bounded, so one poll never runs unboundedly long).
    std::vector<FeedChange> all;
    for (int page = 0; page < 20; ++page) {
        auto r = pollWebhook(cursor);
        if (!r.ok())
            return all.empty() ? r : Result<std::vector<FeedChange>>(std::move(all));
        for (auto& c : r.value())
            all.push_back(std::move(c));
        if (m_lastPageRows < m_pageSize)
            break;
    }
    return all;
}

Result<std::vector<FeedChange>> OdooFeed::pollWebhook(FeedCursor& cursor) {
    json models = json::array();
    for (const auto& m : m_models)
        models.push_back(m);
    auto rows =
        m_client.call("update.webhook", "search_read", json::array(),
                      {{"domain", json::array({json::array({"id", ">", cursor.last_webhook_id}),
                                               json::array({"model", "in", models})})},
                       {"fields", {"model", "record_id", "event", "timestamp", "payload"}},
                       {"order", "id asc"},
                       {"limit", m_pageSize}});
    if (!rows.ok())
        return rows.error();
    m_lastPageRows = int(rows.value().size());
    // Current values of every record named, one read per model.
    std::map<std::string, std::set<std::int64_t>> wanted;
    for (const auto& row : rows.value())
        if (row.value("event", std::string()) != "unlink")
            wanted[row.value("model", std::string())].insert(
                row.value("record_id", std::int64_t(0)));
    auto read = currentValues(wanted);
    if (!read.ok())
        return read.error();
    auto& current = read.value();
    std::vector<FeedChange> out;
    for (const auto& row : rows.value()) {
        cursor.last_webhook_id = std::max(cursor.last_webhook_id, row.value("id", std::int64_t(0)));
        FeedChange c;
        c.model = row.value("model", std::string());
        c.odoo_id = row.value("record_id", std::int64_t(0));
        const std::string event = row.value("event", std::string());
        c.action = event == "create"   ? EventAction::Create
                   : event == "unlink" ? EventAction::Unlink
                                       : EventAction::Write;
        c.write_date = parseOdooDatetime(row.value("timestamp", json())).value_or(0);
        const json payload = row["payload"].is_string()
                                 ? json::parse(row["payload"].get<std::string>(), nullptr, false)
                                 : json();
        if (payload.is_object() && payload.contains("changed_fields"))
            for (const auto& f : payload["changed_fields"])
                if (f.is_string())
                    c.changed.push_back(f.get<std::string>());
        if (c.action != EventAction::Unlink) {
            auto it = current[c.model].find(c.odoo_id);
            if (it == current[c.model].end())
                continue; // deleted since; its unlink row follows
            c.data = normaliseRecord(it->second, m_types[c.model]);
            c.write_date =
                parseOdooDatetime(it->second.value("write_date", json())).value_or(c.write_date);
        }
        out.push_back(std::move(c));
    }
    return out;
}

Result<std::map<std::string, std::map<std::int64_t, json>>>
OdooFeed::currentValues(const std::map<std::string, std::set<std::int64_t>>& wanted) {
    std::map<std::string, std::map<std::int64_t, json>> current;
    for (const auto& [model, ids] : wanted) {
        auto t = types(model);
        if (!t.ok())
            return t.error();
        // search_read rather than read: a record deleted since its row was written is simply
        // absent (its unlink row comes later) instead of failing the whole read.
        auto recs = m_client.call(model, "search_read", json::array(),
                                  {{"domain", json::array({json::array({"id", "in", ids})})}});
        if (!recs.ok())
            return recs.error();
        for (const auto& r : recs.value())
            current[model][r.value("id", std::int64_t(0))] = r;
    }
    return current;
}

Status OdooFeed::refresh(std::vector<FeedChange>& changes) {
    std::map<std::string, std::set<std::int64_t>> wanted;
    for (const auto& c : changes)
        if (c.action != EventAction::Unlink)
            wanted[c.model].insert(c.odoo_id);
    if (wanted.empty())
        return {};
    auto read = currentValues(wanted);
    if (!read.ok())
        return read.error();
    auto& current = read.value();
    std::vector<FeedChange> kept;
    for (auto& c : changes) {
        if (c.action != EventAction::Unlink) {
            auto it = current[c.model].find(c.odoo_id);
            if (it == current[c.model].end())
                continue; // deleted since
            const FeedChange now =
                readChange(c.model, it->second, m_types[c.model], m_client.uid());
            c.data = now.data;
            c.write_date = now.write_date ? now.write_date : c.write_date;
            if (m_webhook == false) // polling: who wrote last is all Odoo says
                c.by_odoo_user = now.by_odoo_user;
        }
        kept.push_back(std::move(c));
    }
    changes = std::move(kept);
    return {};
}

Result<std::vector<FeedChange>> OdooFeed::pollWriteDates(FeedCursor& cursor) {
    std::vector<FeedChange> out;
    const bool reconcile = cursor.polls % m_reconcileEvery == 0;
    for (const auto& model : m_models) {
        auto t = types(model);
        if (!t.ok()) {
            if (t.error().code == ErrorCode::NotFound)
                continue; // the model is not installed in this Odoo
            return t.error();
        }
        const auto last = cursor.last_write_date.find(model);
        json domain = json::array();
        if (last != cursor.last_write_date.end())
            domain.push_back(json::array({"write_date", ">=", last->second}));
        auto recs = m_client.call(
            model, "search_read", json::array(),
            {{"domain", domain}, {"order", "write_date asc, id asc"}, {"limit", m_pageSize}});
        if (!recs.ok())
            return recs.error();
        auto& seen = cursor.seen_at_last_date[model];
        auto& known = cursor.known_ids[model];
        for (const auto& r : recs.value()) {
            const std::int64_t id = r.value("id", std::int64_t(0));
            const std::string wd = r.value("write_date", json("")).is_string()
                                       ? r["write_date"].get<std::string>()
                                       : std::string();
            std::string& lastDate = cursor.last_write_date[model];
            if (wd == lastDate && seen.count(id))
                continue; // already reported at this second
            if (wd != lastDate) {
                lastDate = wd;
                seen.clear();
            }
            seen.insert(id);
            FeedChange c = readChange(model, r, t.value(), m_client.uid());
            c.action = known.count(id) ? EventAction::Write : EventAction::Create;
            known.insert(id);
            out.push_back(std::move(c));
        }
        if (reconcile && !known.empty()) {
            auto ids = m_client.call(model, "search", json::array(), {{"domain", json::array()}});
            if (!ids.ok())
                return ids.error();
            std::set<std::int64_t> now;
            for (const auto& id : ids.value())
                now.insert(id.get<std::int64_t>());
            for (auto it = known.begin(); it != known.end();) {
                if (!now.count(*it)) {
                    FeedChange c;
                    c.model = model;
                    c.odoo_id = *it;
                    c.action = EventAction::Unlink;
                    out.push_back(std::move(c));
                    it = known.erase(it);
                } else {
                    ++it;
                }
            }
        }
    }
    return out;
}

} // namespace bridgecore::odoo
