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

Result<LoggedFields> loggedIn(const Result<std::vector<EventRow>>& events) {
    if (!events.ok())
        return events.error();
    LoggedFields out;
    for (const auto& e : events.value()) {
        out.stated.insert(e.changed_fields.begin(), e.changed_fields.end());
        const json data = json::parse(e.data_text, nullptr, false);
        if (data.is_object())
            for (const auto& [f, v] : data.items())
                out.shown.insert(f);
    }
    return out;
}

bool isEmptyOdooValue(const json& value) {
    // Python's falsiness, which is how Odoo's own code asks whether a field is set.
    return value.is_null() || (value.is_boolean() && !value.get<bool>()) ||
           (value.is_number() && value.get<double>() == 0) ||
           ((value.is_string() || value.is_array() || value.is_object()) && value.empty());
}

Result<FeedApplied> applyFeed(OdooMirror& mirror, const std::vector<FeedChange>& changes,
                              protocol::Millis now) {
    FeedApplied applied;
    std::vector<std::pair<RecordRow, std::optional<EventRow>>> writes;
    // A record may appear twice in one batch: later changes see the earlier ones.
    std::map<std::pair<std::string, std::int64_t>, RecordRow> pending;
    // What the log told devices per record: the mirror's events (asked once) and this batch's.
    std::map<std::pair<std::string, std::int64_t>, LoggedFields> logged;
    std::map<std::pair<std::string, std::int64_t>, LoggedFields> loggedNow;
    auto loggedOf = [&](const std::pair<std::string, std::int64_t>& key) -> Result<LoggedFields*> {
        auto it = logged.find(key);
        if (it == logged.end()) {
            auto r = mirror.loggedFields(key.first, key.second);
            if (!r.ok())
                return r.error();
            it = logged.emplace(key, std::move(r).value()).first;
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
        // Named by Odoo but held only as a quiet fill-in, or never shown to devices when an
        // Odoo user wrote last: news all the same.
        std::vector<std::string> unstated;
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
                auto l = loggedOf(key);
                if (!l.ok())
                    return l.error();
                if (!l.value()->stated.count(f) && !loggedNow[key].stated.count(f)) {
                    // Filled in from a read that came after this edit: not ours, news.
                    echo = false;
                    if (data.contains(f))
                        unstated.push_back(f);
                }
            }
            if (c.by_odoo_user) {
                // Last written by an Odoo user: a value no event showed devices may be theirs.
                auto l = loggedOf(key);
                if (!l.ok())
                    return l.error();
                for (const auto& [f, v] : data.items())
                    if (!isEmptyOdooValue(v) && !l.value()->shown.count(f) &&
                        !loggedNow[key].shown.count(f) &&
                        std::find(differing.begin(), differing.end(), f) == differing.end() &&
                        std::find(unstated.begin(), unstated.end(), f) == unstated.end()) {
                        echo = false;
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
                if (!isOdooLogField(f) && !known->data.contains(f) && data.contains(f) &&
                    std::find(unstated.begin(), unstated.end(), f) == unstated.end())
                    ev.changed_fields.push_back(f);
            ev.changed_fields.insert(ev.changed_fields.end(), unstated.begin(), unstated.end());
        }
        LoggedFields& batchLog = loggedNow[key];
        batchLog.stated.insert(ev.changed_fields.begin(), ev.changed_fields.end());
        for (const auto& [f, v] : data.items())
            batchLog.shown.insert(f);
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
