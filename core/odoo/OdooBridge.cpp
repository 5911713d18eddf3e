#include "odoo/OdooBridge.h"

#include "odoo/OdooApplier.h"

#include <QLoggingCategory>

#include <chrono>
#include <map>
#include <set>

Q_DECLARE_LOGGING_CATEGORY(lcOdoo)

namespace bridgecore::odoo {

namespace {
constexpr const char* kCursorSection = "odoo.feed";

protocol::Millis nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}
} // namespace

StoreMirror::StoreMirror(storage::SyncStore& store, std::int64_t tenantId)
    : m_store(store)
    , m_tenantId(tenantId) {}

Result<std::optional<storage::RecordRow>> StoreMirror::record(const std::string& model,
                                                              std::int64_t odooId) {
    auto tx = m_store.read();
    if (!tx.ok())
        return tx.error();
    return tx.value()->record(m_tenantId, model, odooId);
}

Result<LoggedFields> StoreMirror::loggedFields(const std::string& model, std::int64_t odooId) {
    auto tx = m_store.read();
    if (!tx.ok())
        return tx.error();
    return loggedIn(tx.value()->recordEvents(m_tenantId, model, odooId, 0, kEveryVersion));
}

Status StoreMirror::apply(
    const std::vector<std::pair<storage::RecordRow, std::optional<storage::EventRow>>>& writes) {
    auto tx = m_store.write();
    if (!tx.ok())
        return tx.error();
    for (const auto& [row, event] : writes) {
        if (Status s = tx.value()->putRecord(m_tenantId, row); !s.ok())
            return s;
        if (event)
            if (auto id = tx.value()->appendEvent(m_tenantId, *event); !id.ok())
                return id.error();
    }
    return tx.value()->commit();
}

struct OdooBridge::Feed {
    std::int64_t tenantId = 0;
    OdooSettings settings;
    std::shared_ptr<OdooClient> client;
    std::unique_ptr<OdooFeed> feed;
    std::shared_ptr<OdooApplier> applier;
    std::thread thread;
    BridgeStatus status;
    // user.sync.state: whether Odoo has the model (asked once), the row of each device and
    // what was last written there.
    std::optional<bool> syncState;
    std::map<std::string, std::int64_t> stateRows;
    std::map<std::string, std::string> stateWritten;
};

namespace {
constexpr int kMaxDevicesPerPoll = 1000;

/// A device's state as user.sync.state holds it (the guide's fields).
json syncStateValues(const storage::DeviceRow& d, std::int64_t odooUid) {
    return {{"user_id", odooUid},
            {"device_id", d.device_id},
            {"app_type", d.app_type ? json(*d.app_type) : json(false)},
            {"last_event_id", d.last_event_id},
            {"last_sync_time",
             d.last_sync_time ? json(formatOdooDatetime(*d.last_sync_time)) : json(false)},
            {"sync_count", d.total_syncs}};
}
} // namespace

Status OdooBridge::writeSyncStates(Feed& f) {
    if (!f.syncState) {
        auto probe = f.client->call("user.sync.state", "search_count", json::array(),
                                    {{"domain", json::array()}});
        if (!probe.ok() && probe.error().code != ErrorCode::NotFound)
            return probe.error();
        f.syncState = probe.ok(); // no such model: the addon is not installed, nothing to do
    }
    if (!*f.syncState)
        return {};
    if (f.client->uid() == 0) // JSON-2 calls carry the key, not the user: ask once
        if (auto a = f.client->authenticate(); !a.ok())
            return a.error();
    auto tx = m_store->read();
    if (!tx.ok())
        return tx.error();
    auto devices = tx.value()->devices(f.tenantId, 0, kMaxDevicesPerPoll, 0, {});
    tx.value().reset();
    if (!devices.ok())
        return devices.error();
    std::vector<std::pair<std::string, json>> changed;
    for (const auto& d : devices.value()) {
        if (!d.last_sync_time)
            continue;
        json values = syncStateValues(d, f.client->uid());
        std::string text = values.dump();
        if (f.stateWritten[d.device_id] != text)
            changed.emplace_back(d.device_id, std::move(values));
    }
    if (changed.empty())
        return {};
    // Rows made before (by an earlier run of this server, too), in one search.
    json unknown = json::array();
    for (const auto& [device, values] : changed)
        if (!f.stateRows.count(device))
            unknown.push_back(device);
    if (!unknown.empty()) {
        auto rows =
            f.client->call("user.sync.state", "search_read", json::array(),
                           {{"domain", json::array({json::array({"device_id", "in", unknown})})},
                            {"fields", json::array({"device_id"})}});
        if (!rows.ok())
            return rows.error();
        for (const auto& r : rows.value())
            if (r.contains("device_id") && r["device_id"].is_string())
                f.stateRows[r["device_id"].get<std::string>()] = r.value("id", std::int64_t(0));
    }
    for (const auto& [device, values] : changed) {
        auto row = f.stateRows.find(device);
        if (row != f.stateRows.end()) {
            auto w = f.client->call("user.sync.state", "write", json::array({row->second}),
                                    {{"vals", values}});
            if (!w.ok())
                return w.error();
        } else {
            auto c = f.client->call("user.sync.state", "create", json::array(),
                                    {{"vals_list", json::array({values})}});
            if (!c.ok())
                return c.error();
            const json& id = c.value();
            f.stateRows[device] = id.is_array() && !id.empty() ? id[0].get<std::int64_t>()
                                  : id.is_number_integer()     ? id.get<std::int64_t>()
                                                               : 0;
        }
        f.stateWritten[device] = values.dump();
    }
    return {};
}

OdooBridge::OdooBridge(std::shared_ptr<storage::SyncStore> store, SecretBox box, int pollIntervalMs)
    : m_store(std::move(store))
    , m_box(std::move(box))
    , m_intervalMs(pollIntervalMs) {}

OdooBridge::~OdooBridge() {
    stop();
}

Status OdooBridge::start() {
    const auto tenants = m_store->tenants();
    if (!tenants.ok())
        return tenants.error();
    for (const auto& t : tenants.value()) {
        auto settings = loadOdooSettings(*m_store, t.id);
        if (!settings.ok())
            return Error{settings.error().code,
                         "tenant " + t.name + ": " + settings.error().message};
        if (!settings.value())
            continue;
        auto cfg = settings.value()->clientConfig(m_box);
        if (!cfg.ok())
            return Error{cfg.error().code, "tenant " + t.name + ": " + cfg.error().message};
        auto f = std::make_unique<Feed>();
        f->tenantId = t.id;
        f->settings = *settings.value();
        f->client = std::make_shared<OdooClient>(cfg.value());
        if (Status s = f->client->open(); !s.ok())
            return Error{s.error().code, "tenant " + t.name + ": " + s.error().message};
        std::set<std::string> models;
        const auto map = m_store->modelMap(t.id);
        if (!map.ok())
            return Error{map.error().code, "tenant " + t.name + ": " + map.error().message};
        for (const auto& [appType, entries] : map.value())
            for (const auto& e : entries)
                models.insert(e.model);
        f->feed = std::make_unique<OdooFeed>(
            *f->client, std::vector<std::string>(models.begin(), models.end()));
        f->applier = std::make_shared<OdooApplier>(f->client, m_store);
        f->status.tenant_id = t.id;
        f->status.url = f->settings.url;
        f->status.database = f->settings.database;
        f->status.api = std::string(apiName(f->settings.api));
        m_feeds.push_back(std::move(f));
    }
    for (auto& f : m_feeds) {
        Feed* feed = f.get();
        f->thread = std::thread([this, feed] { run(*feed); });
    }
    return Status::success();
}

void OdooBridge::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto& f : m_feeds)
        if (f->thread.joinable())
            f->thread.join();
}

std::shared_ptr<engine::PushApplier> OdooBridge::applierFor(std::int64_t tenantId) const {
    for (const auto& f : m_feeds)
        if (f->tenantId == tenantId)
            return f->applier;
    return nullptr;
}

std::vector<BridgeStatus> OdooBridge::status() const {
    std::lock_guard lock(m_mutex);
    std::vector<BridgeStatus> out;
    for (const auto& f : m_feeds) {
        out.push_back(f->status);
        const auto w = f->applier->writeStats();
        out.back().write_batches = w.batches;
        out.back().write_ms_total = w.ms_total;
    }
    return out;
}

void OdooBridge::run(Feed& f) {
    FeedCursor cursor;
    if (auto stored = readTenantSetting(*m_store, f.tenantId, kCursorSection);
        stored.ok() && stored.value())
        cursor = FeedCursor::fromJson(json::parse(*stored.value(), nullptr, false));
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            if (m_stopping)
                return;
        }
        const auto mark = f.applier->turnMark();
        auto changes = f.feed->poll(cursor);
        std::string error;
        FeedApplied applied;
        protocol::Millis newest = 0;
        if (changes.ok()) {
            // Not while a push of the tenant has written Odoo but not yet the mirror: its
            // writes would look like an Odoo user's.
            std::lock_guard turn(f.applier->turn());
            // A push or resolution that held the turn while this poll read Odoo may have
            // mirrored newer values than the poll read: read those records again, so a stale
            // read never steps the mirror back.
            Status fresh = f.applier->turnTakenSince(mark) ? f.feed->refresh(changes.value())
                                                           : Status::success();
            StoreMirror mirror(*m_store, f.tenantId);
            auto r = fresh.ok() ? applyFeed(mirror, changes.value(), nowMs())
                                : Result<FeedApplied>(fresh.error());
            if (r.ok()) {
                applied = r.value();
                for (const auto& c : changes.value())
                    newest = std::max(newest, c.write_date);
                if (Status s = writeTenantSetting(*m_store, f.tenantId, kCursorSection,
                                                  cursor.toJson().dump());
                    !s.ok())
                    error = s.error().message;
            } else {
                error = r.error().message;
            }
        } else {
            error = changes.error().message;
        }
        if (error.empty())
            if (Status st = writeSyncStates(f); !st.ok())
                error = "user.sync.state: " + st.error().message;
        {
            std::lock_guard lock(m_mutex);
            if (error.empty()) {
                f.status.last_contact = nowMs();
                f.status.webhook = f.feed->usesWebhook().value_or(false);
                f.status.events += applied.events;
                f.status.echoes += applied.echoes;
                if (newest)
                    f.status.last_lag_ms = f.status.last_contact - newest;
                f.status.last_error.clear();
            } else {
                f.status.last_error = error;
                qCWarning(lcOdoo, "tenant %lld: Odoo feed: %s", static_cast<long long>(f.tenantId),
                          error.c_str());
            }
            if (!error.empty() && changes.ok())
                cursor = FeedCursor(); // not stored: start over from the stored one next time
        }
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::milliseconds(m_intervalMs), [&] { return m_stopping; });
        if (m_stopping)
            return;
        if (cursor.polls == 0)
            if (auto stored = readTenantSetting(*m_store, f.tenantId, kCursorSection);
                stored.ok() && stored.value())
                cursor = FeedCursor::fromJson(json::parse(*stored.value(), nullptr, false));
    }
}

} // namespace bridgecore::odoo
