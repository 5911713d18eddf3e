// server_bench: starts the real bridgecore-server and measures, in one run,
//  - push throughput (changes/s) with 1,000-change requests from 1, 4 and 16 concurrent clients,
//  - pull throughput (events/s) with 500-event pages,
//  - p50/p95/p99 latency of 50-change pushes from 50 concurrent devices,
//  - p50/p95 latency of a pull while 16 devices push continuously,
// and the same workloads in-process through SyncEngine on its own database. Prints each figure
// and the HTTP/in-process ratios; the last line is one JSON object with every figure.
// Throughput figures are the best of 3 runs, HTTP and in-process alternating, because the
// machine is shared. Usage: server_bench [--quick]

#include "HttpClient.h"
#include "ServerProcess.h"

#include "auth/PasswordHasher.h"
#include "engine/SyncEngine.h"
#include "storage/SyncStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>
#include <mutex>
#include <vector>

using namespace bridgecore;
using namespace bridgecore::testsupport;
using nlohmann::json;

namespace {

json createsBody(const std::string& device, int count, const std::string& prefix) {
    json changes = json::array();
    for (int i = 0; i < count; ++i)
        changes.push_back(json{
            {"local_id", prefix + std::to_string(i)},
            {"action", "create"},
            {"model", "sale.order"},
            {"record_id", nullptr},
            {"data",
             {{"name", prefix + std::to_string(i)}, {"partner_id", 42}, {"amount_total", 1500.5}}},
            {"local_timestamp", "2025-11-24T10:30:00Z"},
            {"version", 1},
            {"priority", 5}});
    return json{{"device_id", device}, {"changes", changes}, {"batch_size", 500}};
}

/// Runs `work(i)` on `n` QThreads at once; wall time in seconds.
double parallel(int n, const std::function<void(int)>& work) {
    std::vector<QThread*> threads;
    for (int i = 0; i < n; ++i)
        threads.push_back(QThread::create([&work, i] { work(i); }));
    QElapsedTimer t;
    t.start();
    for (auto* th : threads)
        th->start();
    for (auto* th : threads) {
        th->wait();
        delete th;
    }
    return double(t.nsecsElapsed()) / 1e9;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, size_t(p / 100.0 * double(v.size() - 1) + 0.5));
    return v[i];
}

struct Figures {
    double push_per_s[3] = {0, 0, 0}; // 1, 4, 16 clients
    double pull_per_s = 0;
    double p50 = 0, p95 = 0, p99 = 0;
};

const int kClients[3] = {1, 4, 16};

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int pushRequests = quick ? 4 : 16;  // 1,000-change requests per client-count run
    const int latencyRounds = quick ? 3 : 10; // 50-change pushes per device
    const int repeats = quick ? 1 : 3;        // best of N, HTTP and in-process alternating
    QTemporaryDir dir;

    // ---------------- the real server ----------------
    ServerProcess server(dir.filePath(QStringLiteral("http.db")));
    if (!server.init() || !server.addTenant(QStringLiteral("bench")) ||
        !server.addUser(QStringLiteral("bench"), QStringLiteral("bench@bench.test"),
                        QStringLiteral("admin"), QStringLiteral("bench-password"))) {
        std::fprintf(stderr, "server_bench: cannot prepare the database: %s\n",
                     qPrintable(server.lastError()));
        return 1;
    }
    const json config{
        {"log_requests", false},
        {"rate_limits",
         {{"push", {{"requests", 0}}}, {"pull", {{"requests", 0}}}, {"login", {{"requests", 0}}}}}};
    if (!server.start(config)) {
        std::fprintf(stderr, "server_bench: cannot start the server: %s\n",
                     qPrintable(server.lastError()));
        return 1;
    }
    QString token;
    {
        HttpClient c(server.baseUrl());
        if (c.login(QStringLiteral("bench@bench.test"), QStringLiteral("bench-password")).status !=
            200) {
            std::fprintf(stderr, "server_bench: login failed\n");
            return 1;
        }
        token = c.token();
    }

    // ---------------- the same engine in-process, on its own database ----------------
    auto opened = storage::openSqliteStore(dir.filePath(QStringLiteral("inproc.db")).toStdString());
    if (!opened.ok()) {
        std::fprintf(stderr, "server_bench: %s\n", opened.error().message.c_str());
        return 1;
    }
    auto store = opened.value();
    engine::Caller caller;
    {
        const auto tenant = store->createTenant("bench");
        storage::User u;
        u.tenant_id = tenant.value();
        u.email = "bench@bench.test";
        u.name = "bench";
        u.role = protocol::Role::Admin;
        u.password_hash = auth::PasswordHasher().hash("bench-password").value();
        caller =
            engine::Caller{tenant.value(), store->createUser(u).value(), protocol::Role::Admin};
    }
    engine::SyncEngine engine(store);
    auto parsePush = [](const json& j) {
        return std::get<protocol::PushRequest>(protocol::parsePushRequest(j));
    };

    Figures http, inproc;
    int failures = 0;
    std::mutex mu;
    auto fail = [&] {
        std::lock_guard l(mu);
        ++failures;
    };
    { // warm-up (not measured): connections, statement caches, page cache
        HttpClient c(server.baseUrl());
        c.setToken(token);
        if (c.post(QStringLiteral("/api/v1/offline-sync/push"),
                   createsBody("http-warmup", 1000, "w-"))
                .status != 200)
            fail();
        if (!engine.push(caller, parsePush(createsBody("in-warmup", 1000, "w-"))).ok())
            fail();
    }

    // ---------------- push throughput: 1,000-change requests from 1, 4, 16 clients
    // ----------------
    int round = 0;
    for (int k = 0; k < 3; ++k) {
        const int n = kClients[k];
        const int perClient = std::max(1, pushRequests / n);
        for (int rep = 0; rep < repeats; ++rep, ++round) {
            const std::string tag = std::to_string(round);
            std::vector<QByteArray> bodies;
            std::vector<protocol::PushRequest> reqs;
            for (int c = 0; c < n; ++c)
                for (int r = 0; r < perClient; ++r) {
                    const json b = createsBody("push-" + tag + "-" + std::to_string(c), 1000,
                                               "r" + std::to_string(r) + "-");
                    bodies.push_back(QByteArray::fromStdString(b.dump()));
                    reqs.push_back(parsePush(b));
                }
            double s = parallel(n, [&](int c) {
                HttpClient client(server.baseUrl());
                client.setToken(token);
                for (int r = 0; r < perClient; ++r) {
                    const auto resp = client.post(QStringLiteral("/api/v1/offline-sync/push"),
                                                  bodies[size_t(c * perClient + r)]);
                    // a substring check: the client should not dominate what is measured
                    if (resp.status != 200 || !resp.body.contains("\"succeeded\":1000"))
                        fail();
                }
            });
            http.push_per_s[k] = std::max(http.push_per_s[k], double(n * perClient * 1000) / s);
            s = parallel(n, [&](int c) {
                for (int r = 0; r < perClient; ++r) {
                    // the engine's work plus writing the answer, as the server does
                    const auto res = engine.push(caller, reqs[size_t(c * perClient + r)]);
                    if (!res.ok() || res.value().succeeded != 1000)
                        fail();
                    else {
                        volatile auto size = protocol::toJson(res.value()).dump().size();
                        (void)size;
                    }
                }
            });
            inproc.push_per_s[k] = std::max(inproc.push_per_s[k], double(n * perClient * 1000) / s);
        }
        std::printf(
            "push %2d client(s): http %8.0f changes/s   in-process %8.0f changes/s   ratio %.2f"
            "   (%d x 1000-change requests, best of %d)\n",
            n, http.push_per_s[k], inproc.push_per_s[k], http.push_per_s[k] / inproc.push_per_s[k],
            n * perClient, repeats);
        std::fflush(stdout);
    }

    // ---------------- pull throughput: 500-event pages from the start ----------------
    long long pulledEvents = 0;
    for (int rep = 0; rep < repeats; ++rep) {
        HttpClient client(server.baseUrl());
        client.setToken(token);
        long long last = 0, events = 0;
        QElapsedTimer t;
        t.start();
        while (true) {
            const auto r = client.post(QStringLiteral("/api/v1/offline-sync/pull"),
                                       json{{"device_id", "http-puller-" + std::to_string(rep)},
                                            {"app_type", "sales_app"},
                                            {"last_event_id", last},
                                            {"limit", 500}});
            const json j = r.json();
            if (r.status != 200 || !j.is_object()) {
                fail();
                break;
            }
            events += (long long)j["events"].size();
            last = j["last_event_id"].get<long long>();
            if (!j["has_more"].get<bool>())
                break;
        }
        http.pull_per_s =
            std::max(http.pull_per_s, double(events) / (double(t.nsecsElapsed()) / 1e9));
        pulledEvents = events;
        std::int64_t lastIn = 0, eventsIn = 0;
        t.restart();
        while (true) {
            protocol::PullRequest req;
            req.device_id = "in-puller-" + std::to_string(rep);
            req.app_type = "sales_app";
            req.last_event_id = lastIn;
            req.limit = 500;
            const auto r = engine.pull(caller, req);
            if (!r.ok()) {
                fail();
                break;
            }
            volatile auto size = protocol::toJson(r.value()).dump().size();
            (void)size;
            eventsIn += std::int64_t(r.value().events.size());
            lastIn = r.value().last_event_id;
            if (!r.value().has_more)
                break;
        }
        inproc.pull_per_s =
            std::max(inproc.pull_per_s, double(eventsIn) / (double(t.nsecsElapsed()) / 1e9));
    }
    std::printf("pull 500-event pages: http %8.0f events/s   in-process %8.0f events/s   ratio "
                "%.2f   (%lld events)\n",
                http.pull_per_s, inproc.pull_per_s, http.pull_per_s / inproc.pull_per_s,
                pulledEvents);

    // ---------------- latency: 50-change pushes from 50 concurrent devices ----------------
    {
        std::vector<double> lat, latIn;
        parallel(50, [&](int d) {
            HttpClient client(server.baseUrl());
            client.setToken(token);
            std::vector<double> mine;
            for (int r = 0; r < latencyRounds; ++r) {
                const QByteArray body = QByteArray::fromStdString(
                    createsBody("http-dev-" + std::to_string(d), 50, "l" + std::to_string(r) + "-")
                        .dump());
                const auto resp = client.post(QStringLiteral("/api/v1/offline-sync/push"), body);
                if (resp.status != 200)
                    fail();
                mine.push_back(resp.ms);
            }
            std::lock_guard l(mu);
            lat.insert(lat.end(), mine.begin(), mine.end());
        });
        parallel(50, [&](int d) {
            std::vector<double> mine;
            for (int r = 0; r < latencyRounds; ++r) {
                const auto req = parsePush(
                    createsBody("in-dev-" + std::to_string(d), 50, "l" + std::to_string(r) + "-"));
                QElapsedTimer t;
                t.start();
                const auto res = engine.push(caller, req);
                mine.push_back(double(t.nsecsElapsed()) / 1e6);
                if (!res.ok())
                    fail();
            }
            std::lock_guard l(mu);
            latIn.insert(latIn.end(), mine.begin(), mine.end());
        });
        http.p50 = percentile(lat, 50);
        http.p95 = percentile(lat, 95);
        http.p99 = percentile(lat, 99);
        inproc.p50 = percentile(latIn, 50);
        inproc.p95 = percentile(latIn, 95);
        inproc.p99 = percentile(latIn, 99);
        std::printf(
            "50-change push, 50 devices (%zu pushes): http p50 %.1f ms p95 %.1f ms p99 %.1f ms;"
            "   in-process p50 %.1f ms p95 %.1f ms p99 %.1f ms\n",
            lat.size(), http.p50, http.p95, http.p99, inproc.p50, inproc.p95, inproc.p99);
    }
    // ---------------- a pull's latency while 16 devices push continuously ----------------
    double pullUnderPushP95 = 0, pullUnderPushP50 = 0;
    std::size_t pullsUnderPush = 0;
    {
        std::atomic<bool> pushing{true};
        std::atomic<int> pushesDone{0};
        std::vector<double> pullLat;
        const int pullRounds = quick ? 50 : 200;
        parallel(17, [&](int d) {
            HttpClient client(server.baseUrl());
            client.setToken(token);
            if (d < 16) { // pushers: 50-change pushes back to back until the puller is done
                for (int r = 0; pushing.load(); ++r) {
                    const auto resp = client.post(QStringLiteral("/api/v1/offline-sync/push"),
                                                  createsBody("busy-dev-" + std::to_string(d), 50,
                                                              "b" + std::to_string(r) + "-"));
                    if (resp.status != 200)
                        fail();
                    ++pushesDone;
                }
                return;
            }
            // the puller: 100-event pages following the head, as a device catching up does
            while (pushesDone.load() < 16)
                QThread::msleep(1);
            long long last = 0;
            std::vector<double> mine;
            for (int r = 0; r < pullRounds; ++r) {
                const auto resp = client.post(QStringLiteral("/api/v1/offline-sync/pull"),
                                              json{{"device_id", "busy-puller"},
                                                   {"app_type", "sales_app"},
                                                   {"last_event_id", last},
                                                   {"limit", 100}});
                const json j = resp.json();
                if (resp.status != 200 || !j.is_object()) {
                    fail();
                    break;
                }
                mine.push_back(resp.ms);
                last = j["last_event_id"].get<long long>();
            }
            pushing = false;
            std::lock_guard l(mu);
            pullLat = std::move(mine);
        });
        pullsUnderPush = pullLat.size();
        pullUnderPushP50 = percentile(pullLat, 50);
        pullUnderPushP95 = percentile(pullLat, 95);
        std::printf("pull (100-event pages) while 16 devices push 50-change requests "
                    "continuously: p50 %.1f ms p95 %.1f ms (%zu pulls, %d pushes)\n",
                    pullUnderPushP50, pullUnderPushP95, pullsUnderPush, pushesDone.load());
    }

    const qint64 rss = server.rssKiB();
    server.stop();

    const double ratios[3] = {http.push_per_s[0] / inproc.push_per_s[0],
                              http.push_per_s[1] / inproc.push_per_s[1],
                              http.push_per_s[2] / inproc.push_per_s[2]};
    const double pullRatio = http.pull_per_s / inproc.pull_per_s;
    std::printf("bar: HTTP push >= 0.6 of in-process (1 client): %s (%.2f); p95 of a 50-change "
                "push < 50 ms at 50 "
                "devices: %s (%.1f ms)\n",
                ratios[0] >= 0.6 ? "met" : "NOT met", ratios[0], http.p95 < 50 ? "met" : "NOT met",
                http.p95);
    std::printf("bar: p95 of a pull while 16 devices push < 20 ms: %s (%.1f ms)\n",
                pullUnderPushP95 < 20 ? "met" : "NOT met", pullUnderPushP95);
    std::printf("server RSS after the run: %lld MiB; failed requests: %d\n",
                (long long)(rss / 1024), failures);
    const json out{{"http_push_per_s", http.push_per_s[0]},
                   {"http_push_per_s_4", http.push_per_s[1]},
                   {"http_push_per_s_16", http.push_per_s[2]},
                   {"inproc_push_per_s", inproc.push_per_s[0]},
                   {"inproc_push_per_s_4", inproc.push_per_s[1]},
                   {"inproc_push_per_s_16", inproc.push_per_s[2]},
                   {"push_ratio", ratios[0]},
                   {"push_ratio_4", ratios[1]},
                   {"push_ratio_16", ratios[2]},
                   {"http_pull_per_s", http.pull_per_s},
                   {"inproc_pull_per_s", inproc.pull_per_s},
                   {"pull_ratio", pullRatio},
                   {"p50_ms_50dev", http.p50},
                   {"p95_ms_50dev", http.p95},
                   {"p99_ms_50dev", http.p99},
                   {"inproc_p50_ms_50dev", inproc.p50},
                   {"inproc_p95_ms_50dev", inproc.p95},
                   {"inproc_p99_ms_50dev", inproc.p99},
                   {"pull_p50_ms_under_push", pullUnderPushP50},
                   {"pull_p95_ms_under_push", pullUnderPushP95},
                   {"server_rss_mib", rss / 1024},
                   {"failures", failures}};
    std::printf("%s\n", out.dump().c_str());
    return failures == 0 ? 0 : 1;
}
