// engine_bench: the engine's push and pull rates against the physical limit of SQLite on this
// machine (a raw C API loop writing the same rows). Run on demand; prints figures, last line JSON.

#include "engine/SyncEngine.h"
#include "storage/SqliteStore.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <algorithm>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

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

double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

/// A write phase's time: wall clock and this thread's CPU time in its timed windows, plus the
/// CPU time the store's background checkpointer spends on the pages the phase wrote (waited
/// for at the end), so moving the checkpoint off the writer's thread hides no CPU.
class Meter {
public:
    explicit Meter(storage::SqliteStore& store)
        : m_store(store)
        , m_checkpointCpu0(store.checkpointStats().cpu_seconds) {}
    template <typename F> void timed(F&& f) {
        const auto start = std::chrono::steady_clock::now();
        const double cpu0 = threadCpuSeconds();
        f();
        m_cpu += threadCpuSeconds() - cpu0;
        m_wall += seconds(start);
    }
    /// Waits for the checkpointer; returns {wall seconds, CPU seconds}.
    std::pair<double, double> finish() {
        m_store.waitForCheckpoints();
        const double checkpointCpu = m_store.checkpointStats().cpu_seconds - m_checkpointCpu0;
        return {m_wall, m_cpu + checkpointCpu};
    }

private:
    storage::SqliteStore& m_store;
    double m_checkpointCpu0;
    double m_wall = 0, m_cpu = 0;
};

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

/// A store with one tenant and its admin, and an engine over it.
struct Bench {
    std::shared_ptr<storage::SqliteStore> store;
    engine::Caller caller;
    std::unique_ptr<engine::SyncEngine> engine;
};
Bench openBench(const QTemporaryDir& dir, const char* name) {
    Bench b;
    b.store = openStore(dir, name);
    auto tenant = b.store->createTenant("bench").value();
    storage::User u;
    u.tenant_id = tenant;
    u.email = "bench@bench.test";
    u.role = protocol::Role::Admin;
    u.password_hash = "x";
    b.caller = engine::Caller{tenant, b.store->createUser(u).value(), protocol::Role::Admin};
    b.engine = std::make_unique<engine::SyncEngine>(b.store);
    return b;
}

/// --local-ids=uuid4: local ids as the guide's clients make them (random UUIDs, DESIGN's
/// "local_uuid_1"), so ledger rows land on random pages of its B-tree instead of after each
/// other (--uuid-local-ids says the same). --local-ids=uuid7: as client::ClientCache makes them
/// (RFC 9562 version 7: the edit's millisecond first, then random bits), the n-th change of a
/// device made at n ms, so every device's edits span the same time.
enum class LocalIds { Sequential, Uuid4, Uuid7 };
LocalIds g_localIds = LocalIds::Sequential;

std::string uuidLike(const std::string& seed, int order) {
    std::uint64_t x = std::hash<std::string>{}(seed);
    auto next = [&x] { // splitmix64
        std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    };
    std::uint64_t a = next();
    const std::uint64_t b = next();
    if (g_localIds == LocalIds::Uuid7) // 48 bits of milliseconds, version 7, 12 random bits
        a = ((1'700'000'000'000ULL + std::uint64_t(order)) << 16) | 0x7000u | (a & 0xfffu);
    else // version 4: random but for the version nibble
        a = (a & ~0xf000ULL) | 0x4000u;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", unsigned(a >> 32),
                  unsigned(a >> 16) & 0xffffu, unsigned(a) & 0xffffu,
                  unsigned(0x8000u | ((b >> 48) & 0x3fffu)),
                  static_cast<unsigned long long>(b & 0xffffffffffffULL));
    return buf;
}

/// A push of `count` creates from `device`, local ids `prefix`0, `prefix`1, ... (or UUIDs made
/// from them, with --local-ids)
protocol::PushRequest createsRequest(const std::string& device, int count,
                                     const std::string& prefix, int first, const std::string& now) {
    protocol::PushRequest req;
    req.device_id = device;
    req.batch_size = kBatchSize;
    req.changes.reserve(std::size_t(count));
    for (int i = first; i < first + count; ++i) {
        protocol::Change c;
        c.local_id = g_localIds == LocalIds::Sequential
                         ? prefix + std::to_string(i)
                         : uuidLike(device + "/" + prefix + std::to_string(i), i);
        c.action = protocol::Action::Create;
        c.model = "sale.order";
        c.data = orderData(i);
        c.local_timestamp = now;
        c.local_time = *protocol::parseTime(now);
        c.version = 1;
        req.changes.push_back(std::move(c));
    }
    return req;
}

/// The pushes of the small-push section, one function per run and never folded together, so
/// that callgrind counts each run's instructions alone (valgrind --tool=callgrind
/// --collect-atstart=no --toggle-collect='*pushSmallInARow*' ... engine_bench --only=small).
[[gnu::noinline]] bool pushInARow(engine::SyncEngine& engine, const engine::Caller& caller,
                                  const std::vector<protocol::PushRequest>& requests) {
    for (const auto& req : requests) {
        auto r = engine.push(caller, req);
        if (!r.ok() || r.value().succeeded != int(req.changes.size()))
            return false;
    }
    return true;
}
[[gnu::noipa]] bool pushSmallInARow(engine::SyncEngine& engine, const engine::Caller& caller,
                                    const std::vector<protocol::PushRequest>& requests) {
    return pushInARow(engine, caller, requests);
}
[[gnu::noipa]] bool pushLargeInARow(engine::SyncEngine& engine, const engine::Caller& caller,
                                    const std::vector<protocol::PushRequest>& requests) {
    return pushInARow(engine, caller, requests);
}
/// One device's pushes in the concurrent run (each round starts all devices at once).
[[gnu::noipa]] bool pushAtOnce(engine::SyncEngine& engine, const engine::Caller& caller,
                               const protocol::PushRequest& req) {
    auto r = engine.push(caller, req);
    return r.ok() && r.value().succeeded == int(req.changes.size());
}
bool pushSmallAtOnce(engine::SyncEngine& engine, const engine::Caller& caller,
                     const protocol::PushRequest& warmup,
                     const std::vector<protocol::PushRequest>& requests, std::barrier<>& round,
                     std::vector<double>& latencies, std::mutex& latMutex) {
    // A first round unmeasured: the store opens a reader connection per concurrent snapshot
    // once (its pool then holds them), which is not a push's cost.
    round.arrive_and_wait();
    bool ok = engine.push(caller, warmup).ok();
    round.arrive_and_wait();
    std::vector<double> mine;
    for (const auto& req : requests) {
        round.arrive_and_wait();
        const auto start = std::chrono::steady_clock::now();
        ok = pushAtOnce(engine, caller, req) && ok;
        mine.push_back(seconds(start) * 1e3);
    }
    std::lock_guard lock(latMutex);
    latencies.insert(latencies.end(), mine.begin(), mine.end());
    return ok;
}

struct RawRate {
    double perSecond = 0;    // wall clock
    double perCpuSecond = 0; // CPU time of the process
};

/// (a) The same rows a create writes (record + event), through the C API on the store's own
/// writer connection (same WAL mode, synchronous=NORMAL, checkpointing). `fair`: as the engine
/// is measured, each 1,000-change request's input (data trees, local ids) is built before the
/// clock starts and committed as one transaction (a push is one). Not fair (the loop measured
/// until this session): the data trees are built inside the timed loop and committed every 500,
/// which charged the raw side ~10-15% more than the engine and flattered the ratio.
RawRate rawSqlite(const QTemporaryDir& dir, bool fair) {
    auto store = openStore(dir, fair ? "raw.db" : "raw-as-before.db");
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
    auto insert = [&](int i, const json& tree, const std::string& localId) {
        const std::string data = tree.dump();
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
    };
    Meter meter(*store);
    if (fair) {
        for (int base = 1; base <= kRecords; base += kPerRequest) {
            std::vector<json> trees;
            std::vector<std::string> localIds;
            for (int i = base; i < base + kPerRequest; ++i) {
                trees.push_back(orderData(i));
                localIds.push_back("loc-" + std::to_string(i));
            }
            meter.timed([&] {
                sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
                for (int i = base; i < base + kPerRequest; ++i)
                    insert(i, trees[std::size_t(i - base)], localIds[std::size_t(i - base)]);
                sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
            });
        }
    } else {
        meter.timed([&] {
            for (int i = 1; i <= kRecords; ++i) {
                if ((i - 1) % kBatchSize == 0)
                    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
                insert(i, orderData(i), "loc-" + std::to_string(i));
                if (i % kBatchSize == 0 || i == kRecords)
                    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
            }
        });
    }
    const auto [wall, cpu] = meter.finish();
    sqlite3_finalize(rec);
    sqlite3_finalize(ev);
    return {kRecords / wall, kRecords / cpu};
}

/// What a push costs beyond its changes: 50-change pushes from one device in a row and from 50
/// devices at once, against 1,000-change pushes of the same creates, each on a store of its own.
struct SmallFigures {
    int pushes = 0;                   // 50-change pushes in each run
    double seq_cpu_ms_per_1000 = 0;   // 50-change pushes in a row
    double large_cpu_ms_per_1000 = 0; // the same changes in 1,000-change pushes
    double fixed_cpu_ms_per_push = 0; // what a push costs beyond its changes
    double conc_cpu_ms_per_1000 = 0;  // 50 devices at once (process CPU)
    double conc_wall_ms_per_1000 = 0;
    double conc_p95_ms = 0;
};

SmallFigures smallPushes(const QTemporaryDir& dir, int pushes, const std::string& now) {
    constexpr int kSmall = 50, kDevices = 50;
    SmallFigures f;
    f.pushes = pushes = std::max(kDevices, pushes / kDevices * kDevices);
    const int changes = pushes * kSmall;
    auto warm = [&](Bench& b, const std::string& device) {
        std::vector<protocol::PushRequest> w;
        for (int i = 0; i < 20; ++i)
            w.push_back(createsRequest(device, kSmall, "warm-", i * kSmall, now));
        return pushInARow(*b.engine, b.caller, w);
    };
    {
        Bench b = openBench(dir, "small-seq.db");
        std::vector<protocol::PushRequest> reqs;
        for (int p = 0; p < pushes; ++p)
            reqs.push_back(createsRequest("seq-device", kSmall, "s-", p * kSmall, now));
        bool ok = warm(b, "seq-device");
        Meter m(*b.store);
        m.timed([&] { ok = ok && pushSmallInARow(*b.engine, b.caller, reqs); });
        if (!ok) {
            std::fprintf(stderr, "small push failed\n");
            std::exit(1);
        }
        f.seq_cpu_ms_per_1000 = m.finish().second * 1e6 / changes;
    }
    {
        Bench b = openBench(dir, "small-large.db");
        std::vector<protocol::PushRequest> reqs;
        for (int first = 0; first < changes; first += kPerRequest)
            reqs.push_back(createsRequest("seq-device", std::min(kPerRequest, changes - first),
                                          "l-", first, now));
        bool ok = warm(b, "seq-device");
        Meter m(*b.store);
        m.timed([&] { ok = ok && pushLargeInARow(*b.engine, b.caller, reqs); });
        if (!ok) {
            std::fprintf(stderr, "large push failed\n");
            std::exit(1);
        }
        f.large_cpu_ms_per_1000 = m.finish().second * 1e6 / changes;
        f.fixed_cpu_ms_per_push = (f.seq_cpu_ms_per_1000 - f.large_cpu_ms_per_1000) * changes /
                                  1000.0 / double(pushes - int(reqs.size()));
    }
    {
        Bench b = openBench(dir, "small-conc.db");
        const int rounds = pushes / kDevices;
        std::vector<std::vector<protocol::PushRequest>> reqs(kDevices);
        std::vector<protocol::PushRequest> warmups;
        for (int d = 0; d < kDevices; ++d) {
            const std::string device = "dev-" + std::to_string(d);
            warmups.push_back(createsRequest(device, kSmall, "cw-", 0, now));
            for (int r = 0; r < rounds; ++r)
                reqs[std::size_t(d)].push_back(
                    createsRequest(device, kSmall, "c-", r * kSmall, now));
        }
        bool ok = true;
        std::barrier<> round(kDevices + 1);
        std::vector<char> oks(kDevices, 0);
        std::vector<double> latencies;
        std::mutex latMutex;
        std::vector<std::thread> threads;
        for (int d = 0; d < kDevices; ++d)
            threads.emplace_back([&, d] {
                oks[std::size_t(d)] =
                    pushSmallAtOnce(*b.engine, b.caller, warmups[std::size_t(d)],
                                    reqs[std::size_t(d)], round, latencies, latMutex);
            });
        round.arrive_and_wait(); // the warm-up round starts
        round.arrive_and_wait(); // and is over
        b.store->waitForCheckpoints();
        const double cpu0 = cpuSeconds(); // the checkpointer's included
        const auto start = std::chrono::steady_clock::now();
        for (int r = 0; r < rounds; ++r)
            round.arrive_and_wait();
        for (auto& t : threads)
            t.join();
        const double wall = seconds(start);
        b.store->waitForCheckpoints();
        const double cpu = cpuSeconds() - cpu0;
        for (char o : oks)
            ok = ok && o;
        if (!ok) {
            std::fprintf(stderr, "concurrent small push failed\n");
            std::exit(1);
        }
        f.conc_cpu_ms_per_1000 = cpu * 1e6 / changes;
        f.conc_wall_ms_per_1000 = wall * 1e6 / changes;
        std::sort(latencies.begin(), latencies.end());
        f.conc_p95_ms = latencies[std::size_t(double(latencies.size() - 1) * 0.95)];
    }
    return f;
}
} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QTemporaryDir dir;
    // --only=small runs only the small-push section (e.g. under callgrind);
    // --small-pushes=N sets its number of 50-change pushes (1,000); --local-ids=uuid4|uuid7
    // makes every section's local ids UUIDs of that version (see LocalIds); --keep-stores
    // leaves the stores' files behind (their folder is printed) for sqlite3's dbstat.
    bool onlySmall = false;
    int smallCount = 1000;
    for (const QString& a : app.arguments()) {
        if (a == QLatin1String("--only=small"))
            onlySmall = true;
        else if (a.startsWith(QLatin1String("--small-pushes=")))
            smallCount = a.mid(15).toInt();
        else if (a == QLatin1String("--uuid-local-ids") || a == QLatin1String("--local-ids=uuid4"))
            g_localIds = LocalIds::Uuid4;
        else if (a == QLatin1String("--local-ids=uuid7"))
            g_localIds = LocalIds::Uuid7;
        else if (a == QLatin1String("--keep-stores")) {
            dir.setAutoRemove(false);
            std::printf("stores in %s\n", qPrintable(dir.path()));
        }
    }
    auto printSmall = [](const SmallFigures& f) {
        std::printf("(e) 50-change pushes, CPU per 1,000 changes: %d from one device in a row "
                    "%.2f ms; the same changes in 1,000-change pushes %.2f ms; so %.3f ms per "
                    "push beyond its changes; 50 devices at once %.2f ms (wall %.2f ms, p95 "
                    "%.1f ms per push)\n",
                    f.pushes, f.seq_cpu_ms_per_1000, f.large_cpu_ms_per_1000,
                    f.fixed_cpu_ms_per_push, f.conc_cpu_ms_per_1000, f.conc_wall_ms_per_1000,
                    f.conc_p95_ms);
    };
    auto smallJson = [](const SmallFigures& f) {
        char buf[512];
        std::snprintf(buf, sizeof buf,
                      "\"push50_seq_cpu_ms_per_1000\":%.2f,\"push1000_cpu_ms_per_1000\":%.2f,"
                      "\"push_fixed_cpu_ms\":%.3f,\"push50_50dev_cpu_ms_per_1000\":%.2f,"
                      "\"push50_50dev_p95_ms\":%.1f",
                      f.seq_cpu_ms_per_1000, f.large_cpu_ms_per_1000, f.fixed_cpu_ms_per_push,
                      f.conc_cpu_ms_per_1000, f.conc_p95_ms);
        return std::string(buf);
    };
    const std::string now = protocol::formatTime(Clock::system().now());
    if (onlySmall) {
        const SmallFigures f = smallPushes(dir, smallCount, now);
        printSmall(f);
        std::printf("{%s}\n", smallJson(f).c_str());
        return 0;
    }
    std::printf("engine_bench: %d records, requests of %d, batch_size %d, pages of %d\n", kRecords,
                kPerRequest, kBatchSize, kPage);

    const RawRate rawAsBefore = rawSqlite(dir, false);
    std::printf("(a') raw SQLite C API as measured until now (data trees built in the timed loop, "
                "commit every %d): %.0f creates/s (%.0f per CPU second)\n",
                kBatchSize, rawAsBefore.perSecond, rawAsBefore.perCpuSecond);
    const RawRate rawFair = rawSqlite(dir, true);
    const double raw = rawFair.perSecond;
    const double rawCpuPerSecond = rawFair.perCpuSecond;
    std::printf("(a) raw SQLite C API, record + event per create, input built before the clock, "
                "one transaction per %d: %.0f creates/s (%.0f per CPU second)\n",
                kPerRequest, raw, rawCpuPerSecond);

    Bench bench = openBench(dir, "engine.db");
    auto& store = bench.store;
    const engine::Caller& caller = bench.caller;
    engine::SyncEngine& engine = *bench.engine;

    // (b) creates
    std::vector<std::int64_t> ids;
    ids.reserve(kRecords);
    // Only the engine's work is timed: each request is built (as a parsed body would be) first.
    Meter createMeter(*store);
    for (int base = 0; base < kRecords; base += kPerRequest) {
        const protocol::PushRequest req =
            createsRequest("bench-device", kPerRequest, "create-", base, now);
        Result<protocol::PushResponse> r = Error{ErrorCode::Internal, "not run"};
        createMeter.timed([&] { r = engine.push(caller, req); });
        if (!r.ok() || r.value().succeeded != kPerRequest) {
            std::fprintf(stderr, "push failed\n");
            return 1;
        }
        for (const auto& res : r.value().results)
            ids.push_back(*res.server_id);
    }
    const auto [pushSeconds, pushCpu] = createMeter.finish();
    const double creates = kRecords / pushSeconds;
    const double createsCpu = kRecords / pushCpu;
    std::printf("(b) SyncEngine push, creates: %.0f changes/s (%.2f of raw); per CPU second "
                "%.0f (%.2f of raw); against the raw loop as measured until now: %.2f wall, "
                "%.2f CPU\n",
                creates, creates / raw, createsCpu, createsCpu / rawCpuPerSecond,
                creates / rawAsBefore.perSecond, createsCpu / rawAsBefore.perCpuSecond);

    // (c) updates with version checks (each record at version 1, one field changed)
    Meter updateMeter(*store);
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
        Result<protocol::PushResponse> r = Error{ErrorCode::Internal, "not run"};
        updateMeter.timed([&] { r = engine.push(caller, req); });
        if (!r.ok() || r.value().succeeded != kPerRequest) {
            std::fprintf(stderr, "update push failed\n");
            return 1;
        }
    }
    const double updates = kRecords / updateMeter.finish().first;
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
    const SmallFigures small = smallPushes(dir, smallCount, now);
    printSmall(small);
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
                "\"push_ratio_cpu\":%.3f,\"pull_events_per_cpu_s\":%.0f,"
                "\"raw_sqlite_as_before_per_s\":%.0f,\"raw_sqlite_as_before_per_cpu_s\":%.0f,"
                "\"push_ratio_as_before\":%.3f,\"push_ratio_cpu_as_before\":%.3f,%s}\n",
                raw, creates, creates / raw, updates, pulls, rss, rawCpuPerSecond, createsCpu,
                createsCpu / rawCpuPerSecond, pullsCpu, rawAsBefore.perSecond,
                rawAsBefore.perCpuSecond, creates / rawAsBefore.perSecond,
                createsCpu / rawAsBefore.perCpuSecond, smallJson(small).c_str());
    return 0;
}
