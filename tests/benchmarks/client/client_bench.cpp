// client_bench: figures of the offline client.
//   apply  - pulled events applied into the cache (events/s; bar >= 100,000)
//   queue  - local edits queued, each committed on its own and in batches (edits/s; bar >= 50,000)
//   push   - outbox pushed end-to-end to a real bridgecore-server over HTTP (changes/s)
// The last line is one JSON object with every figure.

#include "client/ClientCache.h"
#include "client/HttpTransport.h"
#include "client/SyncClient.h"

#include "ServerProcess.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

using namespace bridgecore;
using namespace bridgecore::client;
using protocol::json;

namespace {

double secondsSince(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

/// CPU seconds (user + system) this process has used; shows the cost without the wait for a
/// CPU on a busy machine.
double cpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

double g_lastCpuRate = 0;

std::unique_ptr<ClientCache> freshCache(const QTemporaryDir& dir, const QString& name) {
    auto r = ClientCache::open(dir.filePath(name));
    if (!r.ok())
        qFatal("cache: %s", r.error().message.c_str());
    auto c = std::move(r.value());
    (void)c->setDeviceId("bench-device");
    (void)c->setAppType("sales_app");
    return c;
}

json partner(int i) {
    return {{"name", "Partner " + std::to_string(i)},
            {"email", "p" + std::to_string(i) + "@example.test"},
            {"phone", "+1 555 " + std::to_string(100000 + i)},
            {"credit_limit", i * 10.5},
            {"active", true}};
}

/// Applies `total` pulled events (70% creates, 30% writes of earlier records) in pages of 500.
double benchApply(const QTemporaryDir& dir, int total) {
    auto cache = freshCache(dir, "apply.db");
    std::vector<protocol::PullResponse> pages;
    std::int64_t eventId = 0;
    int created = 0;
    for (int done = 0; done < total;) {
        protocol::PullResponse p;
        for (int k = 0; k < 500 && done < total; ++k, ++done) {
            protocol::Event e;
            e.event_id = ++eventId;
            e.model = "res.partner";
            if (created < 10 || done % 10 >= 7) {
                e.action =
                    created < 10 ? protocol::EventAction::Create : protocol::EventAction::Write;
                e.record_id = created < 10 ? ++created : 1 + (done * 7919) % created;
            } else {
                e.action = protocol::EventAction::Create;
                e.record_id = ++created;
            }
            e.data = partner(static_cast<int>(e.record_id));
            e.data["id"] = e.record_id;
            e.version = e.action == protocol::EventAction::Create ? 1 : 2 + done;
            p.events.push_back(std::move(e));
        }
        p.last_event_id = eventId;
        p.has_more = done < total;
        pages.push_back(std::move(p));
    }
    const auto t = std::chrono::steady_clock::now();
    const double c0 = cpuSeconds();
    for (const auto& p : pages)
        if (!cache->applyPullPage(p).ok())
            qFatal("apply failed");
    const double s = secondsSince(t);
    g_lastCpuRate = total / (cpuSeconds() - c0);
    std::printf("apply: %d events in %.3f s = %.0f events/s (%.0f per CPU-second; pages of 500, "
                "70%% creates)\n",
                total, s, total / s, g_lastCpuRate);
    return total / s;
}

/// Each edit its own committed transaction (what the UI does on save).
double benchQueueSingle(const QTemporaryDir& dir, int total) {
    auto cache = freshCache(dir, "queue1.db");
    const auto t = std::chrono::steady_clock::now();
    const double c0 = cpuSeconds();
    std::vector<std::string> ids;
    for (int i = 0; i < total; ++i) {
        if (i % 4 == 3 && !ids.empty()) {
            if (!cache->updateRecord("res.partner", ids[(i * 31) % ids.size()], {{"phone", i}})
                     .ok())
                qFatal("update failed");
        } else {
            auto r = cache->createRecord("res.partner", partner(i));
            if (!r.ok())
                qFatal("create failed");
            ids.push_back(r.value());
        }
    }
    const double s = secondsSince(t);
    g_lastCpuRate = total / (cpuSeconds() - c0);
    std::printf("queue (one transaction per edit): %d edits in %.3f s = %.0f edits/s (%.0f per "
                "CPU-second)\n",
                total, s, total / s, g_lastCpuRate);
    return total / s;
}

/// Edits committed in batches of 1000 (applyEdits: bulk entry, imports).
double benchQueueBatched(const QTemporaryDir& dir, int total) {
    auto cache = freshCache(dir, "queueN.db");
    const auto t = std::chrono::steady_clock::now();
    const double c0 = cpuSeconds();
    for (int done = 0; done < total;) {
        std::vector<LocalEdit> batch;
        for (int k = 0; k < 1000 && done < total; ++k, ++done)
            batch.push_back({protocol::Action::Create, "res.partner", {}, partner(done), 5});
        if (!cache->applyEdits(batch).ok())
            qFatal("applyEdits failed");
    }
    const double s = secondsSince(t);
    g_lastCpuRate = total / (cpuSeconds() - c0);
    std::printf(
        "queue (batches of 1000): %d edits in %.3f s = %.0f edits/s (%.0f per CPU-second)\n", total,
        s, total / s, g_lastCpuRate);
    return total / s;
}

/// Queues `total` creates and pushes them to a real server over HTTP.
json benchPush(const QTemporaryDir& dir, int total) {
    testsupport::ServerProcess server(dir.filePath("server.db"));
    if (!server.init() || !server.addTenant("bench") ||
        !server.addUser("bench", "bench@bench.test", "user", "bench-password-1"))
        return {{"error", "server setup failed: " + server.lastError().toStdString()}};
    const json config = {
        {"log_requests", false},
        {"rate_limits", {{"push", {{"requests", 0}}}, {"pull", {{"requests", 0}}}}}};
    if (!server.start(config))
        return {{"error", "server did not start: " + server.lastError().toStdString()}};
    auto cache = freshCache(dir, "push.db");
    std::vector<LocalEdit> edits;
    for (int i = 0; i < total; ++i)
        edits.push_back({protocol::Action::Create, "res.partner", {}, partner(i), 5});
    if (!cache->applyEdits(edits).ok())
        qFatal("queue failed");
    HttpTransport http{QUrl(server.baseUrl())};
    if (!http.login("bench@bench.test", "bench-password-1").ok())
        return {{"error", "login failed"}};
    SyncClient client(*cache, http);
    auto t = std::chrono::steady_clock::now();
    auto r = client.push();
    const double s = secondsSince(t);
    if (!r.ok())
        return {{"error", r.error().message}};
    std::printf("push: %d changes in %d requests over HTTP in %.3f s = %.0f changes/s\n", total,
                r.value().requests, s, total / s);
    t = std::chrono::steady_clock::now();
    auto fresh = freshCache(dir, "pull.db");
    (void)fresh; // a second device pulling the same changes back over HTTP
    auto pullCache = ClientCache::open(dir.filePath("pull2.db"));
    (void)pullCache.value()->setDeviceId("bench-device-2");
    (void)pullCache.value()->setAppType("sales_app");
    SyncClient puller(*pullCache.value(), http);
    t = std::chrono::steady_clock::now();
    auto p = puller.pull();
    const double ps = secondsSince(t);
    if (!p.ok())
        return {{"error", p.error().message}};
    std::printf("pull: %d events in %d pages over HTTP in %.3f s = %.0f events/s\n",
                p.value().events, p.value().pages, ps, p.value().events / ps);
    server.stop();
    return {{"push_changes_per_s", total / s},
            {"push_requests", r.value().requests},
            {"pull_http_events_per_s", p.value().events / ps}};
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    // Optional argument: only one phase (apply | queue1 | queue | push), for profiling.
    const std::string only = argc > 1 ? argv[1] : "";
    auto want = [&](const char* phase) { return only.empty() || only == phase; };
    const double apply = want("apply") ? benchApply(dir, 200'000) : 0;
    const double applyCpu = g_lastCpuRate;
    const double queueSingle = want("queue1") ? benchQueueSingle(dir, 50'000) : 0;
    const double queueSingleCpu = g_lastCpuRate;
    const double queueBatched = want("queue") ? benchQueueBatched(dir, 200'000) : 0;
    const double queueBatchedCpu = g_lastCpuRate;
    double load[3] = {0, 0, 0};
    (void)getloadavg(load, 3);
    const json push = want("push") ? benchPush(dir, 20'000) : json::object();
    json out = {{"bench", "client"},
                {"apply_events_per_s", apply},
                {"queue_edits_per_s_single_commit", queueSingle},
                {"queue_edits_per_s_batched", queueBatched},
                {"apply_events_per_cpu_s", applyCpu},
                {"queue_edits_per_cpu_s_single_commit", queueSingleCpu},
                {"queue_edits_per_cpu_s_batched", queueBatchedCpu},
                {"load_average_1m", load[0]},
                {"apply_bar_met", apply >= 100'000},
                {"queue_bar_met_single_commit", queueSingle >= 50'000},
                {"queue_bar_met_batched", queueBatched >= 50'000}};
    for (auto it = push.begin(); it != push.end(); ++it)
        out[it.key()] = it.value();
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
