#include "odoo/OdooMirror.h"

#include <algorithm>
#include <map>
#include <set>

namespace bridgecore::odoo {

using protocol::EventAction;
using storage::EventRow;
using storage::RecordRow;

bool isOdooLogField(const std::string& field) {
    static const std::set<std::string> log = {"create_date", "write_date",   "create_uid",
                                              "write_uid",   "display_name", "__last_update"};
    return log.count(field) > 0;
}

Result<std::set<std::string>> statedIn(const Result<std::vector<EventRow>>& events) {
    if (!events.ok())
        return events.error();
    std::set<std::string> out;
    for (const auto& e : events.value())
        out.insert(e.changed_fields.begin(), e.changed_fields.end());
    return out;
}

Result<FeedApplied> applyFeed(OdooMirror& mirror, const std::vector<FeedChange>& changes,
                              protocol::Millis now) {
    FeedApplied applied;
    std::vector<std::pair<RecordRow, std::optional<EventRow>>> writes;
    // A record may appear twice in one batch: later changes see the earlier ones.
    std::map<std::pair<std::string, std::int64_t>, RecordRow> pending;
    // Fields the log stated per record: the mirror's events (asked once) and this batch's.
    std::map<std::pair<std::string, std::int64_t>, std::set<std::string>> stated, statedNow;
    auto statedOf =
        [&](const std::pair<std::string, std::int64_t>& key) -> Result<std::set<std::string>*> {
        auto it = stated.find(key);
        if (it == stated.end()) {
            auto r = mirror.statedFields(key.first, key.second);
            if (!r.ok())
                return r.error();
            it = stated.emplace(key, std::move(r).value()).first;
        }
        return &it->second;
    };
    for (const FeedChange& c : changes) {
        const auto key = std::make_pair(c.model, c.odoo_id);
        std::optional<RecordRow> known;
        if (auto it = pending.find(key); it != pending.end()) {
            known = it->second;
        } else {
            auto r = mirror.record(c.model, c.odoo_id);
            if (!r.ok())
                return r.error();
            known = r.value();
        }
        RecordRow row;
        row.model = c.model;
        row.id = c.odoo_id;
        EventRow ev;
        ev.model = c.model;
        ev.record_id = c.odoo_id;
        ev.timestamp = c.write_date ? c.write_date : now;
        ev.priority = protocol::EventPriority::Medium;
        ev.device_id = "odoo";

        if (c.action == EventAction::Unlink) {
            if (!known || known->deleted)
                continue; // never mirrored, or our own delete coming back
            row = *known;
            row.deleted = true;
            row.version = known->version + 1;
            row.write_date = ev.timestamp;
            ev.action = EventAction::Unlink;
            ev.version = row.version;
            ev.data_text = "null";
            pending[key] = row;
            writes.emplace_back(row, ev);
            ++applied.events;
            continue;
        }

        json data = json::object();
        for (const auto& [f, v] : c.data.items())
            if (!isOdooLogField(f))
                data[f] = v;
        std::vector<std::string> differing;
        std::vector<std::string> unstated; // named by Odoo, held only as a quiet fill-in
        bool echo = false;
        if (known && !known->deleted) {
            for (const auto& [f, v] : data.items())
                if (known->data.contains(f) && known->data[f] != v)
                    differing.push_back(f);
            echo = differing.empty();
            for (const auto& f : c.changed) {
                if (isOdooLogField(f))
                    continue;
                if (!known->data.contains(f)) {
                    echo = false; // Odoo names a field we never had: an Odoo user's edit
                    continue;
                }
                if (std::find(differing.begin(), differing.end(), f) != differing.end())
                    continue;
                auto s = statedOf(key);
                if (!s.ok())
                    return s.error();
                if (!s.value()->count(f) && !statedNow[key].count(f)) {
                    // Filled in from a read that came after this edit: not ours, news.
                    echo = false;
                    if (data.contains(f))
                        unstated.push_back(f);
                }
            }
        }
        if (echo) {
            // Fill in what the mirror lacked; no version, no event.
            row = *known;
            bool added = false;
            for (const auto& [f, v] : data.items())
                if (!row.data.contains(f)) {
                    row.data[f] = v;
                    added = true;
                }
            if (added) {
                row.data_text.clear();
                pending[key] = row;
                writes.emplace_back(row, std::nullopt);
            }
            ++applied.echoes;
            continue;
        }
        const bool isNew = !known || known->deleted;
        row.data = data;
        row.version = known ? known->version + 1 : 1;
        row.create_date = known ? known->create_date : ev.timestamp;
        row.write_date = ev.timestamp;
        row.deleted = false;
        ev.action = isNew ? EventAction::Create : EventAction::Write;
        ev.version = row.version;
        ev.data_text = data.dump();
        if (isNew) {
            for (const auto& [f, v] : data.items())
                ev.changed_fields.push_back(f);
        } else {
            // Fields the mirror did not hold yet are news only when Odoo says they changed.
            ev.changed_fields = differing;
            for (const auto& f : c.changed)
                if (!isOdooLogField(f) && !known->data.contains(f) && data.contains(f))
                    ev.changed_fields.push_back(f);
            ev.changed_fields.insert(ev.changed_fields.end(), unstated.begin(), unstated.end());
        }
        statedNow[key].insert(ev.changed_fields.begin(), ev.changed_fields.end());
        pending[key] = row;
        writes.emplace_back(row, ev);
        ++applied.events;
    }
    if (!writes.empty())
        if (Status s = mirror.apply(writes); !s.ok())
            return s.error();
    return applied;
}

} // namespace bridgecore::odoo
