// sync_bench: a device syncing end to end over HTTP against the real bridgecore-server, next to
// the server's own HTTP figures and the client's own apply rate, all measured in one run:
//   - server alone, HTTP push of 20,000 creates from 1 client (1,000-change requests)
//   - device end to end: SyncClient pushes 20,000 queued creates (pipelined), with where the
//     milliseconds of each request go
//   - server alone, HTTP pull of 200,000 events; the client applying 200,000 events alone;
//     device end to end: SyncClient pulls the 200,000 events (pipelined)
//   - first sync of a device with an empty cache from 1,000,000 records: the bridgecore-sync
//     CLI (`sync --progress`) as a child process, wall time and peak RSS
//   - 100,000 queued edits after a long offline period: `sync --progress`, wall time and RSS
//   - with --with-peers, PouchDB's replication push and pull of 20,000 docs (peers/pouchdb)
// Usage: sync_bench [--with-peers] [--quick]   (--quick: a tenth of every size, for a smoke run)
// The last line is one JSON object with every figure.

#include "HttpClient.h"
#include "ServerProcess.h"

#include "client/ClientCache.h"
#include "client/HttpTransport.h"
#include "client/SyncClient.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>

using namespace bridgecore;
using namespace bridgecore::client;
using namespace bridgecore::testsupport;
using protocol::json;

namespace {

const QString kEmail = QStringLiteral("bench@bench.test");
const QString kPassword = QStringLiteral("bench-password-1");

double secondsSince(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

json partner(std::int64_t i) {
    return {{"name", "Partner " + std::to_string(i)},
            {"email", "p" + std::to_string(i) + "@example.test"},
            {"phone", "+1 555 " + std::to_string(100000 + i)},
            {"credit_limit", i * 10.5},
            {"active", true}};
}

/// A 1,000-create push body, as a device would send it (same records as the queued ones).
QByteArray createsBody(const std::string& device, std::int64_t first, int count) {
    json changes = json::array();
    for (int i = 0; i < count; ++i)
        changes.push_back({{"local_id", device + "-" + std::to_string(first + i)},
                           {"action", "create"},
                           {"model", "res.partner"},
                           {"record_id", nullptr},
                           {"data", partner(first + i)},
                           {"local_timestamp", "2026-11-24T10:30:00Z"},
                           {"version", 1},
                           {"priority", 5}});
    return QByteArray::fromStdString(json{
        {"device_id", device}, {"changes", changes}, {"batch_size", protocol::kDefaultBatchSize}}
                                         .dump());
}

/// Pushes `count` creates through plain HTTP requests of 1,000; changes/s (0 on failure).
double serverPush(HttpClient& http, const std::string& device, std::int64_t count,
                  bool timed = true) {
    std::vector<QByteArray> bodies;
    for (std::int64_t done = 0; done < count; done += 1000)
        bodies.push_back(
            createsBody(device, done, int(std::min<std::int64_t>(1000, count - done))));
    QElapsedTimer t;
    t.start();
    for (const auto& b : bodies) {
        const auto r = http.post(QStringLiteral("/api/v1/offline-sync/push"), b);
        if (r.status != 200 || !r.body.contains("\"failed\":0")) {
            std::fprintf(stderr, "sync_bench: seeding push failed: HTTP %d %s\n", r.status,
                         r.body.left(300).constData());
            return 0;
        }
    }
    (void)timed;
    return double(count) / (double(t.nsecsElapsed()) / 1e9);
}

/// Pulls everything through plain HTTP requests of 500 events; events/s and the count.
std::pair<double, std::int64_t> serverPull(HttpClient& http) {
    std::int64_t last = 0, events = 0;
    QElapsedTimer t;
    t.start();
    for (;;) {
        const auto r = http.post(QStringLiteral("/api/v1/offline-sync/pull"),
                                 json{{"device_id", "http-puller"},
                                      {"app_type", "sales_app"},
                                      {"last_event_id", last},
                                      {"limit", 500}});
        const json j = r.json();
        if (r.status != 200 || !j.is_object())
            return {0, events};
        events += std::int64_t(j["events"].size());
        last = j["last_event_id"].get<std::int64_t>();
        if (!j["has_more"].get<bool>())
            break;
    }
    return {double(events) / (double(t.nsecsElapsed()) / 1e9), events};
}

std::unique_ptr<ClientCache> freshCache(const QString& path, const std::string& device) {
    auto r = ClientCache::open(path);
    if (!r.ok())
        qFatal("cache: %s", r.error().message.c_str());
    auto c = std::move(r.value());
    (void)c->setDeviceId(device);
    (void)c->setAppType("sales_app");
    return c;
}

/// The client applying `total` pulled events alone (pages of 500, 70% creates).
double clientApply(const QString& path, int total) {
    auto cache = freshCache(path, "apply-device");
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
            e.data = partner(e.record_id);
            e.data["id"] = e.record_id;
            e.version = e.action == protocol::EventAction::Create ? 1 : 2 + done;
            p.events.push_back(std::move(e));
        }
        p.last_event_id = eventId;
        p.has_more = done < total;
        pages.push_back(std::move(p));
    }
    const auto t = std::chrono::steady_clock::now();
    for (const auto& p : pages)
        if (!cache->applyPullPage(p).ok())
            qFatal("apply failed");
    return total / secondsSince(t);
}

QString syncBinary() {
    const QByteArray env = qgetenv("BRIDGECORE_SYNC_BIN");
    return env.isEmpty() ? QStringLiteral(BRIDGECORE_DEFAULT_SYNC_BIN)
                         : QString::fromLocal8Bit(env);
}

struct ChildRun {
    int exitCode = -1;
    double seconds = 0;
    double peakRssMb = 0;
    QByteArray err;
    QByteArray out;
};

/// Runs the CLI as a child process; wall time and its peak resident set (wait4's ru_maxrss).
ChildRun runCli(const QStringList& args, const QString& dir) {
    ChildRun out;
    const QString errPath = dir + QStringLiteral("/cli.err"),
                  outPath = dir + QStringLiteral("/cli.out");
    std::vector<std::string> argv{syncBinary().toStdString()};
    for (const auto& a : args)
        argv.push_back(a.toStdString());
    std::vector<char*> cargv;
    for (auto& a : argv)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);
    const auto t = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        const int e = ::open(errPath.toLocal8Bit().constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int o = ::open(outPath.toLocal8Bit().constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(e, 2);
        dup2(o, 1);
        execv(cargv[0], cargv.data());
        _exit(127);
    }
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    out.seconds = secondsSince(t);
    out.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    out.peakRssMb = ru.ru_maxrss / 1024.0;
    QFile ef(errPath), of(outPath);
    if (ef.open(QIODevice::ReadOnly))
        out.err = ef.readAll();
    if (of.open(QIODevice::ReadOnly))
        out.out = of.readAll();
    return out;
}

QStringList cliBase(const QString& cache, const QString& device, const QString& url) {
    return {QStringLiteral("--cache"),    cache,
            QStringLiteral("--device"),   device,
            QStringLiteral("--app-type"), QStringLiteral("sales_app"),
            QStringLiteral("--server"),   url,
            QStringLiteral("--email"),    kEmail,
            QStringLiteral("--timeout"),  QStringLiteral("120")};
}

bool cliLogin(const QStringList& base) {
    QProcess p;
    p.start(syncBinary(), base + QStringList{QStringLiteral("login")});
    p.write(kPassword.toUtf8() + '\n');
    p.closeWriteChannel();
    return p.waitForFinished(60000) && p.exitCode() == 0;
}

QString lastLine(const QByteArray& text) {
    const auto lines = text.trimmed().split('\n');
    return lines.isEmpty() ? QString() : QString::fromUtf8(lines.last());
}

QString peersScript() {
    QStringList candidates;
    const QByteArray env = qgetenv("BRIDGECORE_PEERS_DIR");
    if (!env.isEmpty())
        candidates << QString::fromLocal8Bit(env);
    const QString src = QStringLiteral(BRIDGECORE_SOURCE_DIR);
    candidates << src + QStringLiteral("/../shared/peers")
               << src + QStringLiteral("/../../shared/peers");
    for (const auto& c : candidates) {
        const QString s = QDir::cleanPath(c + QStringLiteral("/pouchdb/run.sh"));
        if (QFileInfo::exists(s))
            return s;
    }
    return {};
}

void printTimings(const char* what, const SyncTimings& t, int requests, double wallS) {
    const double n = std::max(1, requests);
    std::printf("  where the milliseconds go (%s, per request of %d): sync thread: prepare %.1f, "
                "mark in flight %.1f, wait for the answer %.1f, apply %.1f; round trip on the "
                "wire thread (gzip, HTTP, server, parse) %.1f; wall %.1f\n",
                what, requests, t.prepare_ms / n, t.mark_ms / n, t.wait_ms / n, t.apply_ms / n,
                t.wire_ms / n, wallS * 1000 / n);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    bool withPeers = false, quick = false;
    for (int i = 1; i < argc; ++i) {
        withPeers |= std::string(argv[i]) == "--with-peers";
        quick |= std::string(argv[i]) == "--quick";
    }
    const std::int64_t kPush = quick ? 2'000 : 20'000;
    const std::int64_t kPull = quick ? 20'000 : 200'000;
    const std::int64_t kFirst = quick ? 100'000 : 1'000'000;
    const std::int64_t kBacklog = quick ? 10'000 : 100'000;

    QTemporaryDir dir;
    if (argc > 2 && std::string(argv[1]) == "--apply-only") {
        // The client applying N events alone, with its peak RSS (where does memory go?).
        const int n = std::atoi(argv[2]);
        auto cache = freshCache(dir.filePath(QStringLiteral("apply.db")), "apply-device");
        const auto t = std::chrono::steady_clock::now();
        for (int done = 0; done < n;) {
            protocol::PullResponse p; // one page at a time: only the cache's memory grows
            for (int k = 0; k < 500 && done < n; ++k, ++done) {
                protocol::Event e;
                e.event_id = done + 1;
                e.model = "res.partner";
                e.record_id = done + 1;
                e.data = partner(done + 1);
                e.version = 1;
                p.events.push_back(std::move(e));
            }
            p.last_event_id = done;
            if (!cache->applyPullPage(p).ok())
                qFatal("apply failed");
        }
        const double rate = n / secondsSince(t);
        rusage ru{};
        getrusage(RUSAGE_SELF, &ru);
        std::printf("apply only: %d events at %.0f events/s, peak RSS %.0f MB\n", n, rate,
                    ru.ru_maxrss / 1024.0);
        return 0;
    }
    ServerProcess server(dir.filePath(QStringLiteral("server.db")));
    if (!server.init() || !server.addTenant(QStringLiteral("bench")) ||
        !server.addUser(QStringLiteral("bench"), kEmail, QStringLiteral("user"), kPassword)) {
        std::fprintf(stderr, "sync_bench: server setup failed: %s\n",
                     qPrintable(server.lastError()));
        return 1;
    }
    const json config = {
        {"log_requests", false},
        {"rate_limits",
         {{"push", {{"requests", 0}}}, {"pull", {{"requests", 0}}}, {"login", {{"requests", 0}}}}}};
    if (!server.start(config)) {
        std::fprintf(stderr, "sync_bench: server did not start: %s\n",
                     qPrintable(server.lastError()));
        return 1;
    }
    HttpClient http(server.baseUrl());
    if (http.login(kEmail, kPassword).status != 200) {
        std::fprintf(stderr, "sync_bench: login failed\n");
        return 1;
    }
    json out = {{"bench", "sync"}};
    std::int64_t onServer = 0;

    // ---- push: the server alone, then a device end to end ----
    (void)serverPush(http, "warmup", 1000);
    onServer += 1000;
    const double serverPushRate = serverPush(http, "server-push", kPush);
    if (serverPushRate <= 0)
        return 1;
    onServer += kPush;
    std::printf("server alone, HTTP push, 1 client: %lld creates in 1,000-change requests = %.0f "
                "changes/s\n",
                (long long)kPush, serverPushRate);

    double e2ePush = 0;
    {
        auto cache = freshCache(dir.filePath(QStringLiteral("push.db")), "push-device");
        for (std::int64_t done = 0; done < kPush;) {
            std::vector<LocalEdit> edits;
            for (int k = 0; k < 1000 && done < kPush; ++k, ++done)
                edits.push_back({protocol::Action::Create, "res.partner", {}, partner(done), 5});
            if (!cache->applyEdits(edits).ok())
                qFatal("queue failed");
        }
        HttpTransport transport{QUrl(server.baseUrl())};
        if (!transport.login(kEmail.toStdString(), kPassword.toStdString()).ok())
            qFatal("login failed");
        SyncClient client(*cache, transport);
        const auto t = std::chrono::steady_clock::now();
        auto r = client.push();
        const double s = secondsSince(t);
        if (!r.ok() || r.value().succeeded != kPush)
            qFatal("push failed: %s",
                   r.ok() ? "not every change succeeded" : r.error().message.c_str());
        e2ePush = kPush / s;
        onServer += kPush;
        std::printf("device end to end, push of %lld queued creates (pipelined): %.3f s = %.0f "
                    "changes/s = %.2f x the server alone\n",
                    (long long)kPush, s, e2ePush, e2ePush / serverPushRate);
        printTimings("push", r.value().timings, r.value().requests, s);
        std::printf("  (the server alone takes %.1f ms per 1,000-change request, so the client's "
                    "share of the round trip is %.1f ms)\n",
                    1e6 / serverPushRate,
                    r.value().timings.wire_ms / std::max(1, r.value().requests) -
                        1e6 / serverPushRate);
        out["e2e_push_timings_ms"] = toJson(r.value().timings);
        out["e2e_push_requests"] = r.value().requests;
    }

    // ---- pull: seed to kPull events; server alone, client apply alone, end to end ----
    if (serverPush(http, "seed-a", kPull - onServer) <= 0)
        return 1;
    onServer = kPull;
    const auto [serverPullRate, serverPulled] = serverPull(http);
    std::printf("server alone, HTTP pull: %lld events in 500-event pages = %.0f events/s\n",
                (long long)serverPulled, serverPullRate);
    const double applyRate = clientApply(dir.filePath(QStringLiteral("apply.db")), int(kPull));
    std::printf("client applying %lld pulled events alone: %.0f events/s\n", (long long)kPull,
                applyRate);
    double e2ePull = 0;
    {
        auto cache = freshCache(dir.filePath(QStringLiteral("pull.db")), "pull-device");
        HttpTransport transport{QUrl(server.baseUrl())};
        if (!transport.login(kEmail.toStdString(), kPassword.toStdString()).ok())
            qFatal("login failed");
        SyncClient client(*cache, transport);
        const auto t = std::chrono::steady_clock::now();
        auto r = client.pull();
        const double s = secondsSince(t);
        if (!r.ok())
            qFatal("pull failed: %s", r.error().message.c_str());
        e2ePull = r.value().events / s;
        const double bound = std::min(serverPullRate, applyRate);
        std::printf("device end to end, pull of %d events (pipelined): %.3f s = %.0f events/s = "
                    "%.2f x min(server pull, client apply)\n",
                    r.value().events, s, e2ePull, e2ePull / bound);
        printTimings("pull", r.value().timings, r.value().pages, s);
        std::printf("  (the server alone takes %.1f ms per 500-event page, the client alone "
                    "%.1f ms to apply one)\n",
                    5e5 / serverPullRate, 5e5 / applyRate);
        out["e2e_pull_timings_ms"] = toJson(r.value().timings);
        out["e2e_pull_events"] = r.value().events;
    }

    // ---- first sync of a device from kFirst records: the CLI, with progress ----
    {
        const auto t = std::chrono::steady_clock::now();
        if (serverPush(http, "seed-b", kFirst - onServer) <= 0)
            return 1;
        onServer = kFirst;
        std::printf("(seeded the server to %lld records in %.0f s)\n", (long long)onServer,
                    secondsSince(t));
        std::fflush(stdout);
    }
    const QString firstCache = dir.filePath(QStringLiteral("first.db"));
    const QStringList firstBase =
        cliBase(firstCache, QStringLiteral("first-device"), server.baseUrl());
    if (!cliLogin(firstBase))
        qFatal("CLI login failed");
    const ChildRun first = runCli(
        firstBase + QStringList{QStringLiteral("sync"), QStringLiteral("--progress")}, dir.path());
    if (first.exitCode != 0)
        qFatal("first sync failed: %s", first.err.constData());
    const int progressLines = first.err.count('\n');
    std::printf("first sync of %lld records (bridgecore-sync sync --progress, empty cache): %.1f "
                "s, peak RSS %.0f MB, %d progress lines; last: %s\n",
                (long long)kFirst, first.seconds, first.peakRssMb, progressLines,
                qPrintable(lastLine(first.err)));

    // ---- kBacklog edits queued offline on that device, then one sync ----
    {
        auto opened = ClientCache::open(firstCache);
        if (!opened.ok())
            qFatal("cache: %s", opened.error().message.c_str());
        auto& cache = *opened.value();
        const auto rows = cache.records("res.partner", int(kBacklog));
        for (std::size_t done = 0; done < rows.size();) {
            std::vector<LocalEdit> edits;
            for (int k = 0; k < 1000 && done < rows.size(); ++k, ++done)
                edits.push_back({protocol::Action::Update,
                                 "res.partner",
                                 rows[done].ref(),
                                 {{"phone", "+1 555 0" + std::to_string(done)}, {"active", false}},
                                 5});
            if (!cache.applyEdits(edits).ok())
                qFatal("queueing the backlog failed");
        }
    }
    const ChildRun backlog = runCli(
        firstBase + QStringList{QStringLiteral("sync"), QStringLiteral("--progress")}, dir.path());
    if (backlog.exitCode != 0)
        qFatal("backlog sync failed: %s", backlog.err.constData());
    const json backlogOut = json::parse(lastLine(backlog.out).toStdString(), nullptr, false);
    std::printf("backlog of %lld queued edits, one sync (push + pull back): %.1f s, peak RSS %.0f "
                "MB; %s\n",
                (long long)kBacklog, backlog.seconds, backlog.peakRssMb,
                qPrintable(lastLine(backlog.out)));
    server.stop();

    out["e2e_push_per_s"] = e2ePush;
    out["server_push_per_s_1client"] = serverPushRate;
    out["e2e_push_vs_server"] = e2ePush / serverPushRate;
    out["e2e_pull_per_s"] = e2ePull;
    out["server_pull_per_s"] = serverPullRate;
    out["client_apply_per_s"] = applyRate;
    out["e2e_pull_vs_bound"] = e2ePull / std::min(serverPullRate, applyRate);
    out["first_sync_records"] = kFirst;
    out["first_sync_1m_s"] = first.seconds;
    out["first_sync_1m_rss_mb"] = first.peakRssMb;
    out["backlog_edits"] = kBacklog;
    out["backlog_100k_s"] = backlog.seconds;
    out["backlog_100k_rss_mb"] = backlog.peakRssMb;
    out["backlog_pushed"] =
        backlogOut.is_object() ? backlogOut["push"]["succeeded"] : json(nullptr);
    out["bars"] = {{"push_ge_0_8_server", e2ePush >= 0.8 * serverPushRate},
                   {"pull_ge_0_8_bound", e2ePull >= 0.8 * std::min(serverPullRate, applyRate)},
                   {"first_sync_lt_15s", first.seconds < 15},
                   {"first_sync_lt_150mb", first.peakRssMb < 150},
                   {"backlog_lt_8s", backlog.seconds < 8},
                   {"backlog_lt_150mb", backlog.peakRssMb < 150}};

    if (withPeers) {
        const QString script = peersScript();
        if (script.isEmpty()) {
            std::printf("peers: pouchdb/run.sh not found (set BRIDGECORE_PEERS_DIR)\n");
            out["pouchdb_push_per_s"] = nullptr;
            out["pouchdb_pull_per_s"] = nullptr;
        } else {
            QProcess p;
            p.start(QStringLiteral("bash"),
                    {script, QString::number(kPush), QStringLiteral("1000")});
            p.waitForFinished(30 * 60 * 1000);
            const json peer =
                json::parse(lastLine(p.readAllStandardOutput()).toStdString(), nullptr, false);
            const double pushPeer = peer.is_object() && peer["pouchdb_push_docs_per_s"].is_number()
                                        ? peer["pouchdb_push_docs_per_s"].get<double>()
                                        : 0;
            const double pullPeer = peer.is_object() && peer["pouchdb_pull_docs_per_s"].is_number()
                                        ? peer["pouchdb_pull_docs_per_s"].get<double>()
                                        : 0;
            std::printf("PouchDB replication of %lld docs (%s): push %.0f docs/s, pull %.0f "
                        "docs/s; end to end here: push %.1f x PouchDB (bar 3), pull %.1f x "
                        "PouchDB (bar 15)\n",
                        (long long)kPush, qPrintable(script), pushPeer, pullPeer,
                        pushPeer > 0 ? e2ePush / pushPeer : 0,
                        pullPeer > 0 ? e2ePull / pullPeer : 0);
            out["pouchdb_push_per_s"] = pushPeer > 0 ? json(pushPeer) : json(nullptr);
            out["pouchdb_pull_per_s"] = pullPeer > 0 ? json(pullPeer) : json(nullptr);
            out["push_vs_pouchdb"] = pushPeer > 0 ? json(e2ePush / pushPeer) : json(nullptr);
            out["pull_vs_pouchdb"] = pullPeer > 0 ? json(e2ePull / pullPeer) : json(nullptr);
            out["bars"]["push_ge_3x_pouchdb"] = pushPeer > 0 && e2ePush >= 3 * pushPeer;
            out["bars"]["pull_ge_15x_pouchdb"] = pullPeer > 0 && e2ePull >= 15 * pullPeer;
        }
    }
    double load[3] = {0, 0, 0};
    (void)getloadavg(load, 3);
    out["load_average_1m"] = load[0];
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
