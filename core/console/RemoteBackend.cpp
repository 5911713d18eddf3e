#include "RemoteBackend.h"

#include "AsyncCall.h"

#include <QDateTime>

#include <QUrl>

#include <algorithm>

namespace bridgecore::console {

using protocol::json;

namespace {

/// The server's finest metric buckets.
constexpr protocol::Millis kLiveBucketMs = 10000;

/// Runs `parse` on a successful answer; a malformed document becomes a readable error.
template <typename T, typename F> Result<T> convert(Result<json> r, F parse) {
    if (!r.ok())
        return r.error();
    try {
        return parse(r.value());
    } catch (const json::exception& e) {
        return Error{ErrorCode::Internal,
                     std::string("the server sent an unexpected answer: ") + e.what()};
    }
}

std::optional<std::string> optString(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string())
        return std::nullopt;
    return it->get<std::string>();
}

template <typename T, typename F> engine::Page<T> pageOf(const json& j, F item) {
    engine::Page<T> page;
    for (const auto& e : j.at("items"))
        page.items.push_back(item(e));
    page.total = protocol::int64Field(j, "total", std::int64_t(page.items.size()));
    page.limit = protocol::intField(j, "limit", int(page.items.size()));
    page.offset = protocol::intField(j, "offset");
    return page;
}

engine::ConflictRecord conflictOf(const json& j) {
    engine::ConflictRecord c;
    c.info = protocol::conflictInfoFromJson(j);
    c.conflict_id =
        c.info.conflict_id ? c.info.conflict_id : protocol::int64Field(j, "conflict_id");
    c.device_id = j.value("device_id", std::string());
    c.user_id = protocol::int64Field(j, "user_id");
    c.local_id = j.value("local_id", std::string());
    c.model = j.value("model", std::string());
    c.record_id = protocol::int64Field(j, "record_id");
    if (auto a = optString(j, "action"))
        c.action = protocol::parseAction(*a).value_or(protocol::Action::Update);
    c.status = j.value("status", std::string("open"));
    c.created_at = j.value("created_at", std::string());
    c.resolved_at = optString(j, "resolved_at");
    if (auto it = j.find("resolved_by"); it != j.end() && !it->is_null())
        c.resolved_by = protocol::int64Field(j, "resolved_by");
    c.result_data = j.value("result_data", json(nullptr));
    return c;
}

std::vector<protocol::Event> eventsOf(const json& items) {
    return protocol::pullResponseFromJson(json{{"events", items}}).events;
}

QUrlQuery eventQuery(const engine::EventQuery& q) {
    QUrlQuery u;
    u.addQueryItem(QStringLiteral("limit"), QString::number(std::clamp(q.limit, 1, 500)));
    u.addQueryItem(QStringLiteral("offset"), QString::number(std::max(0, q.offset)));
    if (q.model)
        u.addQueryItem(QStringLiteral("model"), QString::fromStdString(*q.model));
    if (q.action)
        u.addQueryItem(QStringLiteral("action"), QString::fromStdString(*q.action));
    if (q.device_id)
        u.addQueryItem(QStringLiteral("device_id"), QString::fromStdString(*q.device_id));
    if (q.after_event_id)
        u.addQueryItem(QStringLiteral("after_event_id"), QString::number(*q.after_event_id));
    u.addQueryItem(QStringLiteral("order"),
                   q.newest_first ? QStringLiteral("desc") : QStringLiteral("asc"));
    return u;
}

/// /api/v1/admin/devices/<device><rest><last>: ids are path segments, so a '/' (or '?', '#')
/// in one cannot be sent; say so rather than ask for another path.
Result<QString> devicePath(const std::string& deviceId, const char* rest,
                           const std::string& last = {}) {
    for (const std::string* id : {&deviceId, &last})
        if (id->find_first_of("/?#") != std::string::npos)
            return Error{ErrorCode::ValidationError,
                         "'" + *id +
                             "' holds '/', '?' or '#': the server cannot be asked about it"};
    if (deviceId.empty())
        return Error{ErrorCode::ValidationError, "give the device id"};
    return QStringLiteral("/api/v1/admin/devices/") + QString::fromStdString(deviceId) +
           QLatin1String(rest) + QString::fromStdString(last);
}

Error noUserAdmin() {
    return Error{ErrorCode::Forbidden,
                 "users are managed on the server (bridgecore-server user ...), not from a "
                 "connected console"};
}

} // namespace

RemoteBackend::RemoteBackend(client::HttpTransport& transport, QUrl baseUrl, protocol::Role role,
                             QString email, QObject* parent)
    : ConsoleBackend(parent)
    , m_transport(transport)
    , m_base(std::move(baseUrl))
    , m_role(role)
    , m_email(std::move(email)) {
    m_pool.setMaxThreadCount(2);
    m_pool.setExpiryTimeout(-1);
}

RemoteBackend::~RemoteBackend() {
    m_pool.waitForDone();
    acquireDrainedPool(m_pool);
}

void RemoteBackend::startLiveUpdates(int intervalMs) {
    m_liveFrom = QDateTime::currentMSecsSinceEpoch() / kLiveBucketMs * kLiveBucketMs;
    m_liveTimer.setInterval(intervalMs);
    connect(&m_liveTimer, &QTimer::timeout, this, &RemoteBackend::pollLive, Qt::UniqueConnection);
    m_liveTimer.start();
}

void RemoteBackend::pollLive() {
    if (m_polling)
        return;
    // Only whole buckets (the server's finest are 10 s): the current one is still filling up.
    const protocol::Millis to = QDateTime::currentMSecsSinceEpoch() / kLiveBucketMs * kLiveBucketMs;
    const protocol::Millis from = std::max(m_liveFrom, to - 60 * kLiveBucketMs);
    if (to <= from)
        return;
    m_polling = true;
    runAsync(
        &m_pool, this, [this, from, to] { return metrics(from, to - 1, kLiveBucketMs); },
        [this, from, to](Result<std::vector<engine::MetricPoint>> points) {
            m_polling = false;
            if (!points)
                return; // offline: the next poll asks for the same seconds again
            m_liveFrom = to;
            bool conflicts = false;
            for (const auto& p : points.value()) {
                if (p.bucket_start < from || p.bucket_start >= to)
                    continue;
                if (p.pushes > 0)
                    emit pushed(QString(), int(p.changes_pushed), int(p.conflicts), int(p.failures),
                                p.push_ms_p95);
                if (p.pulls > 0)
                    emit pulled(QString(), int(p.events_pulled), 0.0);
                conflicts = conflicts || p.conflicts > 0;
            }
            if (conflicts)
                emit conflictsChanged();
        });
}

QString RemoteBackend::description() const {
    return QStringLiteral("%1 (%2)").arg(m_base.toString(), m_email);
}

Result<engine::TenantSummary> RemoteBackend::summary() {
    return convert<engine::TenantSummary>(
        m_transport.request("GET", QStringLiteral("/api/v1/admin/summary"), {}, nullptr),
        [](const json& j) {
            engine::TenantSummary s;
            s.devices = protocol::int64Field(j, "devices");
            s.stale_devices = protocol::int64Field(j, "stale_devices");
            s.pending_changes = protocol::int64Field(j, "pending_changes");
            s.open_conflicts = protocol::int64Field(j, "open_conflicts");
            s.head_event_id = protocol::int64Field(j, "head_event_id");
            s.users = protocol::int64Field(j, "users");
            return s;
        });
}

Result<engine::Page<protocol::SyncState>> RemoteBackend::devices(int limit, int offset,
                                                                 const std::string& search) {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("limit"), QString::number(std::clamp(limit, 1, 500)));
    q.addQueryItem(QStringLiteral("offset"), QString::number(std::max(0, offset)));
    if (!search.empty())
        q.addQueryItem(QStringLiteral("search"), QString::fromStdString(search));
    return convert<engine::Page<protocol::SyncState>>(
        m_transport.request("GET", QStringLiteral("/api/v1/admin/devices"), q, nullptr),
        [](const json& j) {
            return pageOf<protocol::SyncState>(
                j, [](const json& e) { return protocol::syncStateFromJson(e); });
        });
}

Result<protocol::Statistics> RemoteBackend::deviceStatistics(const std::string& deviceId) {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("device_id"), QString::fromStdString(deviceId));
    return convert<protocol::Statistics>(
        m_transport.request("GET", QStringLiteral("/api/v1/offline-sync/statistics"), q, nullptr),
        [](const json& j) { return protocol::statisticsFromJson(j); });
}

Result<protocol::ResetResponse> RemoteBackend::resetDevice(const std::string& deviceId) {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("device_id"), QString::fromStdString(deviceId));
    const json empty = json::object();
    return convert<protocol::ResetResponse>(
        m_transport.request("POST", QStringLiteral("/api/v1/offline-sync/reset"), q, &empty),
        [](const json& j) {
            protocol::ResetResponse r;
            r.success = j.value("success", true);
            r.message = j.value("message", r.message);
            r.device_id = j.value("device_id", std::string());
            return r;
        });
}

Result<engine::Page<engine::ConflictRecord>> RemoteBackend::conflicts(const std::string& status,
                                                                      int limit, int offset) {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("status"),
                   status.empty() ? QStringLiteral("all") : QString::fromStdString(status));
    q.addQueryItem(QStringLiteral("limit"), QString::number(std::clamp(limit, 1, 500)));
    q.addQueryItem(QStringLiteral("offset"), QString::number(std::max(0, offset)));
    return convert<engine::Page<engine::ConflictRecord>>(
        m_transport.request("GET", QStringLiteral("/api/v1/admin/conflicts"), q, nullptr),
        [](const json& j) { return pageOf<engine::ConflictRecord>(j, conflictOf); });
}

Result<engine::ConflictRecord> RemoteBackend::conflict(std::int64_t conflictId) {
    return convert<engine::ConflictRecord>(
        m_transport.request("GET", QStringLiteral("/api/v1/admin/conflicts/%1").arg(conflictId), {},
                            nullptr),
        conflictOf);
}

Result<protocol::ResolveResult> RemoteBackend::resolveConflict(std::int64_t conflictId,
                                                               protocol::ConflictStrategy strategy,
                                                               const json& mergedData) {
    json body = {{"strategy", protocol::toString(strategy)}};
    if (!mergedData.is_null())
        body["merged_data"] = mergedData;
    return convert<protocol::ResolveResult>(
        m_transport.request("POST",
                            QStringLiteral("/api/v1/admin/conflicts/%1/resolve").arg(conflictId),
                            {}, &body),
        [](const json& j) {
            auto r = protocol::resolveResponseFromJson(
                json{{"success", true}, {"results", json::array({j})}});
            return r.results.at(0);
        });
}

Result<engine::Page<protocol::Event>> RemoteBackend::events(const engine::EventQuery& query) {
    return convert<engine::Page<protocol::Event>>(
        m_transport.request("GET", QStringLiteral("/api/v1/admin/events"), eventQuery(query),
                            nullptr),
        [](const json& j) {
            engine::Page<protocol::Event> page;
            page.items = eventsOf(j.at("items"));
            page.total = protocol::int64Field(j, "total", std::int64_t(page.items.size()));
            page.limit = protocol::intField(j, "limit", int(page.items.size()));
            page.offset = protocol::intField(j, "offset");
            return page;
        });
}

Result<std::vector<protocol::Event>> RemoteBackend::eventPage(const engine::EventQuery& query) {
    return convert<std::vector<protocol::Event>>(
        m_transport.request("GET", QStringLiteral("/api/v1/admin/events"), eventQuery(query),
                            nullptr),
        [](const json& j) { return eventsOf(j.at("items")); });
}

Result<std::vector<engine::MetricPoint>>
RemoteBackend::metrics(protocol::Millis from, protocol::Millis to, protocol::Millis bucketMs) {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("from"), QString::number(from));
    q.addQueryItem(QStringLiteral("to"), QString::number(to));
    q.addQueryItem(QStringLiteral("bucket_seconds"),
                   QString::number(std::clamp<protocol::Millis>(bucketMs / 1000, 1, 86400)));
    return convert<std::vector<engine::MetricPoint>>(
        m_transport.request("GET", QStringLiteral("/api/v1/admin/metrics"), q, nullptr),
        [](const json& j) {
            std::vector<engine::MetricPoint> out;
            for (const auto& e : j.at("items")) {
                engine::MetricPoint p;
                if (auto t = optString(e, "bucket_start"))
                    p.bucket_start = protocol::parseTime(*t).value_or(0);
                p.pushes = protocol::int64Field(e, "pushes");
                p.changes_pushed = protocol::int64Field(e, "changes_pushed");
                p.pulls = protocol::int64Field(e, "pulls");
                p.events_pulled = protocol::int64Field(e, "events_pulled");
                p.conflicts = protocol::int64Field(e, "conflicts");
                p.failures = protocol::int64Field(e, "failures");
                p.push_ms_sum = protocol::doubleField(e, "push_ms_avg") * double(p.pushes);
                p.push_ms_p50 = protocol::doubleField(e, "push_ms_p50");
                p.push_ms_p95 = protocol::doubleField(e, "push_ms_p95");
                out.push_back(p);
            }
            return out;
        });
}

Result<engine::LedgerLookup> RemoteBackend::ledgerLookup(const std::string& deviceId,
                                                         const std::string& localId) {
    auto path = devicePath(deviceId, "/ledger/", localId);
    if (!path)
        return path.error();
    return convert<engine::LedgerLookup>(
        m_transport.request("GET", path.value()), [](const json& j) {
            engine::LedgerLookup l;
            l.found = j.at("found").get<bool>();
            if (!l.found)
                return l;
            l.model = j.value("model", std::string());
            if (j.contains("server_id") && !j["server_id"].is_null())
                l.server_id = protocol::int64Field(j, "server_id");
            l.created = j.value("created", false);
            l.status = j.value("status", std::string("success"));
            if (j.contains("version") && !j["version"].is_null())
                l.version = protocol::int64Field(j, "version");
            l.applied_at = optString(j, "applied_at");
            if (j.contains("event_id") && !j["event_id"].is_null())
                l.event_id = protocol::int64Field(j, "event_id");
            if (j.contains("conflict_id") && !j["conflict_id"].is_null())
                l.conflict_id = protocol::int64Field(j, "conflict_id");
            return l;
        });
}

Result<engine::ReceivePreview> RemoteBackend::receivePreview(const std::string& deviceId) {
    auto path = devicePath(deviceId, "/receive-preview");
    if (!path)
        return path.error();
    return convert<engine::ReceivePreview>(
        m_transport.request("GET", path.value()), [](const json& j) {
            engine::ReceivePreview p;
            p.app_type = optString(j, "app_type");
            for (const auto& m : j.at("models"))
                p.models.push_back({m.at("model").get<std::string>(),
                                    protocol::int64Field(m, "records"),
                                    protocol::int64Field(m, "bytes")});
            return p;
        });
}

Result<std::vector<storage::DeviceHistoryRow>>
RemoteBackend::deviceHistory(const std::string& deviceId) {
    auto path = devicePath(deviceId, "/history");
    if (!path)
        return path.error();
    return convert<std::vector<storage::DeviceHistoryRow>>(
        m_transport.request("GET", path.value()), [](const json& j) {
            std::vector<storage::DeviceHistoryRow> rows;
            for (const auto& h : j.at("history")) {
                storage::DeviceHistoryRow r;
                const auto at = protocol::parseTime(h.at("at").get<std::string>());
                if (!at)
                    throw json::other_error::create(501, "bad time in a device's history", &h);
                r.at = *at;
                r.kind = h.at("kind").get<std::string>();
                r.changes = protocol::int64Field(h, "changes");
                r.applied = protocol::int64Field(h, "applied");
                r.conflicts = protocol::int64Field(h, "conflicts");
                r.failed = protocol::int64Field(h, "failed");
                r.duration_ms = h.value("duration_ms", 0.0);
                if (h.contains("pending_changes") && !h["pending_changes"].is_null())
                    r.pending_changes = protocol::int64Field(h, "pending_changes");
                r.oldest_pending_at = optString(h, "oldest_pending_at");
                r.last_error = optString(h, "last_error");
                rows.push_back(std::move(r));
            }
            return rows;
        });
}

Result<storage::ModelMap> RemoteBackend::modelMap() {
    return convert<storage::ModelMap>(
        m_transport.request("GET", QStringLiteral("/api/v1/admin/model-map"), {}, nullptr),
        [](const json& j) {
            storage::ModelMap map;
            for (const auto& [appType, list] : j.items()) {
                auto& entries = map[appType];
                for (const auto& m : list) {
                    storage::ModelEntry e;
                    e.model = m.at("model").get<std::string>();
                    if (auto p = optString(m, "priority"))
                        e.priority = protocol::parseEventPriority(*p);
                    e.category = m.value("category", e.category);
                    entries.push_back(std::move(e));
                }
            }
            return map;
        });
}

Result<std::vector<protocol::OdooConnection>> RemoteBackend::odooConnections() {
    return convert<std::vector<protocol::OdooConnection>>(
        m_transport.request("GET", QStringLiteral("/api/v1/admin/odoo"), {}, nullptr),
        [](const json& j) {
            std::vector<protocol::OdooConnection> out;
            for (const auto& c : j.at("items"))
                out.push_back(protocol::odooConnectionFromJson(c));
            return out;
        });
}

Result<protocol::OdooCheck> RemoteBackend::testOdooConnection(const std::string& tenant) {
    const json body = json::object();
    return convert<protocol::OdooCheck>(
        m_transport.request(
            "POST",
            QStringLiteral("/api/v1/admin/odoo/%1/test")
                .arg(QString::fromUtf8(QUrl::toPercentEncoding(QString::fromStdString(tenant)))),
            {}, &body),
        [](const json& j) { return protocol::odooCheckFromJson(j); });
}

Result<protocol::json> RemoteBackend::odooFields(const std::string& model) {
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("model"), QString::fromStdString(model));
    return convert<protocol::json>(
        m_transport.request("GET", QStringLiteral("/api/v1/admin/odoo/fields"), q, nullptr),
        [](const json& j) { return j.at("fields"); });
}

Status RemoteBackend::setAppTypeModels(const std::string& appType,
                                       const std::vector<storage::ModelEntry>& models) {
    json list = json::array();
    for (const auto& m : models)
        list.push_back(
            json{{"model", m.model},
                 {"priority", m.priority ? json(protocol::toString(*m.priority)) : json(nullptr)},
                 {"category", m.category}});
    const json body = {{"models", std::move(list)}};
    auto r = m_transport.request(
        "PUT", QStringLiteral("/api/v1/admin/model-map/") + QString::fromStdString(appType), {},
        &body);
    if (!r.ok())
        return r.error();
    return Status::success();
}

Result<std::vector<UserInfo>> RemoteBackend::users() {
    return noUserAdmin();
}

Result<std::int64_t> RemoteBackend::addUser(const std::string&, const std::string&, protocol::Role,
                                            const std::string&) {
    return noUserAdmin();
}

Status RemoteBackend::setUserDisabled(std::int64_t, bool) {
    return noUserAdmin();
}

Status RemoteBackend::setUserPassword(std::int64_t, const std::string&) {
    return noUserAdmin();
}

} // namespace bridgecore::console
