// engine_bench: the engine's push and pull rates against the physical limit of SQLite on this
// machine (a raw C API loop writing the same rows). Run on demand; prints figures, last line JSON.

#include "engine/SyncEngine.h"
#include "storage/SqliteStore.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>

using namespace bridgecore;
using protocol::json;

namespace {

constexpr int kRecords = 100'000;
constexpr int kPerRequest = 1'000;
constexpr int kBatchSize = 500;
constexpr int kPage = 500;

double seconds(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// CPU seconds of the process: on a shared, loaded machine the wall clock measures the
/// neighbours too; the CPU time of this (single-threaded) work does not.
double cpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

double peakRssMb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0;
    return 0;
}

json orderData(int i) {
    return {{"name", "SO" + std::to_string(i)},
            {"partner_id", 42 + i % 100},
            {"amount_total", 100.0 + i % 1000},
            {"state", "draft"}};
}

std::shared_ptr<storage::SqliteStore> openStore(const QTemporaryDir& dir, const char* name) {
    auto store = storage::SqliteStore::open(dir.filePath(QString::fromUtf8(name)).toStdString());
    if (!store.ok()) {
        std::fprintf(stderr, "cannot open store: %s\n", store.error().message.c_str());
        std::exit(1);
    }
    return store.value();
}

double rawCpuPerSecond = 0;

/// (a) The same rows a create writes (record + event), through the C API, 500 per transaction.
double rawSqlitePerSecond(const QTemporaryDir& dir) {
    auto store = openStore(dir, "raw.db");
    sqlite3* db = store->handle();
    sqlite3_stmt* rec = nullptr;
    sqlite3_stmt* ev = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO records(tenant_id, model, id, data, version, create_date, "
                       "write_date, deleted) VALUES (1, 'sale.order', ?1, ?2, 1, ?3, ?3, 0)",
                       -1, &rec, nullptr);
    sqlite3_prepare_v2(db,
                       "INSERT INTO events(tenant_id, event_id, model, record_id, action, "
                       "timestamp, data, changed_fields, priority, category, user_id, device_id, "
                       "local_id, version, seq) VALUES (1, ?1, 'sale.order', ?1, 'create', ?3, ?2, "
                       "'[\"name\",\"partner_id\",\"amount_total\",\"state\"]', 'medium', "
                       "'business', 1, 'bench', ?4, 1, ?1)",
                       -1, &ev, nullptr);
    const auto start = std::chrono::steady_clock::now();
    const double cpu0 = cpuSeconds();
    for (int i = 1; i <= kRecords; ++i) {
        if ((i - 1) % kBatchSize == 0)
            sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        const std::string data = orderData(i).dump();
        const std::string localId = "loc-" + std::to_string(i);
        for (sqlite3_stmt* s : {rec, ev}) {
            sqlite3_bind_int64(s, 1, i);
            sqlite3_bind_text(s, 2, data.data(), int(data.size()), SQLITE_STATIC);
            sqlite3_bind_int64(s, 3, 1'764'000'000'000LL + i);
            if (s == ev)
                sqlite3_bind_text(s, 4, localId.data(), int(localId.size()), SQLITE_STATIC);
            if (sqlite3_step(s) != SQLITE_DONE) {
                std::fprintf(stderr, "raw insert failed: %s\n", sqlite3_errmsg(db));
                std::exit(1);
            }
            sqlite3_reset(s);
        }
        if (i % kBatchSize == 0 || i == kRecords)
            sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    const double s = seconds(start);
    rawCpuPerSecond = kRecords / (cpuSeconds() - cpu0);
    sqlite3_finalize(rec);
    sqlite3_finalize(ev);
    return kRecords / s;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QTemporaryDir dir;
    std::printf("engine_bench: %d records, requests of %d, batch_size %d, pages of %d\n", kRecords,
                kPerRequest, kBatchSize, kPage);

    const double raw = rawSqlitePerSecond(dir);
    std::printf("(a) raw SQLite C API, record + event per create: %.0f creates/s (%.0f per CPU "
                "second)\n",
                raw, rawCpuPerSecond);

    auto store = openStore(dir, "engine.db");
    auto tenant = store->createTenant("bench").value();
    storage::User u;
    u.tenant_id = tenant;
    u.email = "bench@bench.test";
    u.role = protocol::Role::Admin;
    u.password_hash = "x";
    engine::Caller caller{tenant, store->createUser(u).value(), protocol::Role::Admin};
    engine::SyncEngine engine(store);
    const std::string now = protocol::formatTime(Clock::system().now());

    // (b) creates
    std::vector<std::int64_t> ids;
    ids.reserve(kRecords);
    // Only the engine's work is timed: each request is built (as a parsed body would be) first.
    double pushSeconds = 0, pushCpu = 0;
    for (int base = 0; base < kRecords; base += kPerRequest) {
        protocol::PushRequest req;
        req.device_id = "bench-device";
        req.batch_size = kBatchSize;
        req.changes.reserve(kPerRequest);
        for (int i = base; i < base + kPerRequest; ++i) {
            protocol::Change c;
            c.local_id = "create-" + std::to_string(i);
            c.action = protocol::Action::Create;
            c.model = "sale.order";
            c.data = orderData(i);
            c.local_timestamp = now;
            c.local_time = *protocol::parseTime(now);
            c.version = 1;
            req.changes.push_back(std::move(c));
        }
        const auto start = std::chrono::steady_clock::now();
        const double cpu0 = cpuSeconds();
        auto r = engine.push(caller, req);
        pushSeconds += seconds(start);
        pushCpu += cpuSeconds() - cpu0;
        if (!r.ok() || r.value().succeeded != kPerRequest) {
            std::fprintf(stderr, "push failed\n");
            return 1;
        }
        for (const auto& res : r.value().results)
            ids.push_back(*res.server_id);
    }
    const double creates = kRecords / pushSeconds;
    const double createsCpu = kRecords / pushCpu;
    std::printf("(b) SyncEngine push, creates: %.0f changes/s (%.2f of raw); per CPU second "
                "%.0f (%.2f of raw)\n",
                creates, creates / raw, createsCpu, createsCpu / rawCpuPerSecond);

    // (c) updates with version checks (each record at version 1, one field changed)
    pushSeconds = 0;
    for (int base = 0; base < kRecords; base += kPerRequest) {
        protocol::PushRequest req;
        req.device_id = "bench-device";
        req.batch_size = kBatchSize;
        for (int i = base; i < base + kPerRequest; ++i) {
            protocol::Change c;
            c.local_id = "update-" + std::to_string(i);
            c.action = protocol::Action::Update;
            c.model = "sale.order";
            c.record_id = ids[std::size_t(i)];
            c.data = {{"state", "sale"}};
            c.local_timestamp = now;
            c.local_time = *protocol::parseTime(now);
            c.version = 1;
            req.changes.push_back(std::move(c));
        }
        const auto start = std::chrono::steady_clock::now();
        auto r = engine.push(caller, req);
        pushSeconds += seconds(start);
        if (!r.ok() || r.value().succeeded != kPerRequest) {
            std::fprintf(stderr, "update push failed\n");
            return 1;
        }
    }
    const double updates = kRecords / pushSeconds;
    std::printf("(c) SyncEngine push, updates with version check: %.0f changes/s\n", updates);

    // (d) pull of the first 100,000 events in pages of 500, payloads included, serialised
    const auto start = std::chrono::steady_clock::now();
    const double pullCpu0 = cpuSeconds();
    std::int64_t pulled = 0, lastEventId = 0;
    std::size_t bytes = 0;
    while (pulled < kRecords) {
        protocol::PullRequest req;
        req.device_id = "bench-reader";
        req.app_type = "sales_app";
        req.last_event_id = lastEventId;
        req.limit = kPage;
        auto r = engine.pull(caller, req, engine::SyncEngine::PayloadForm::Text);
        if (!r.ok() || r.value().events.empty()) {
            std::fprintf(stderr, "pull failed\n");
            return 1;
        }
        bytes += protocol::toJsonText(r.value()).size();
        pulled += r.value().new_events_count;
        lastEventId = r.value().last_event_id;
    }
    const double pulls = double(pulled) / seconds(start);
    const double pullsCpu = double(pulled) / (cpuSeconds() - pullCpu0);
    std::printf("(d) SyncEngine pull with payloads (JSON written): %.0f events/s (%.0f per CPU "
                "second), %.1f MB\n",
                pulls, pullsCpu, double(bytes) / 1e6);
    const double rss = peakRssMb();
    std::printf("peak RSS: %.1f MB\n", rss);
    std::printf("bars (wall clock): push ratio >= 0.5: %s; pull >= 300000/s: %s; RSS < 200 MB: "
                "%s\n",
                creates / raw >= 0.5 ? "met" : "NOT met", pulls >= 300'000 ? "met" : "NOT met",
                rss < 200 ? "met" : "NOT met");
    std::printf("bars (CPU time): push ratio >= 0.5: %s (%.2f); pull >= 300000/s: %s\n",
                createsCpu / rawCpuPerSecond >= 0.5 ? "met" : "NOT met",
                createsCpu / rawCpuPerSecond, pullsCpu >= 300'000 ? "met" : "NOT met");
    std::printf("{\"raw_sqlite_per_s\":%.0f,\"push_creates_per_s\":%.0f,\"push_ratio\":%.3f,"
                "\"updates_per_s\":%.0f,\"pull_events_per_s\":%.0f,\"peak_rss_mb\":%.1f,"
                "\"raw_sqlite_per_cpu_s\":%.0f,\"push_creates_per_cpu_s\":%.0f,"
                "\"push_ratio_cpu\":%.3f,\"pull_events_per_cpu_s\":%.0f}\n",
                raw, creates, creates / raw, updates, pulls, rss, rawCpuPerSecond, createsCpu,
                createsCpu / rawCpuPerSecond, pullsCpu);
    return 0;
}
