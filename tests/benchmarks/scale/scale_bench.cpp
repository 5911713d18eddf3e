// scale_bench: several bridgecore-server processes on one PostgreSQL, against SQLite with one
// process, in one run (issue 9). For each setup — SQLite ×1, PostgreSQL ×1, ×2, ×4 — 200
// concurrent devices each push 50-change requests over HTTP (device i talks to process
// i mod N, as a load balancer would spread them), then each pulls one 500-event page.
// Printed per setup: push throughput (changes/s), p50/p95 of a 50-change push, pull
// throughput (events/s), and CPU-seconds per 1,000 changes of the server processes and of
// PostgreSQL (all its backends, live and exited) from /proc — the machine has 2 cores shared
// by servers, PostgreSQL and this load generator, so wall-clock speed-up cannot show scaling,
// CPU per change can. Last line: one JSON object.
//
// It starts its own PostgreSQL cluster (tests/support/pg-cluster.sh, fsync on,
// synchronous_commit off: the durability of SQLite's WAL with synchronous=NORMAL) and stops
// it at the end. Usage: scale_bench [--quick]

#include "BenchWorkload.h"
#include "HttpClient.h"
#include "ServerProcess.h"

#include "storage/postgres/PgConnection.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <mutex>
#include <unistd.h>
#include <vector>

using namespace bridgecore;
using namespace bridgecore::testsupport;
using nlohmann::json;

namespace {

constexpr int kDevices = 200;
constexpr int kChangesPerPush = 50;
const QString kPassword = QStringLiteral("bench-password-123");

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

// ---- CPU from /proc -----------------------------------------------------------------------------

/// Fields of /proc/PID/stat after the command name: [0] = state (field 3), [11] utime,
/// [12] stime, [13] cutime, [14] cstime (clock ticks), [1] ppid.
std::vector<long long> statFields(qint64 pid) {
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = f.readAll();
    const int close = line.lastIndexOf(')');
    if (close < 0)
        return {};
    std::vector<long long> out;
    for (const QByteArray& part : line.mid(close + 2).split(' '))
        out.push_back(part.toLongLong());
    return out;
}

double ticksToSeconds(long long ticks) {
    static const double hz = double(sysconf(_SC_CLK_TCK));
    return double(ticks) / hz;
}

/// CPU seconds used so far by a process (its threads included).
double processCpu(qint64 pid) {
    const auto f = statFields(pid);
    return f.size() > 12 ? ticksToSeconds(f[11] + f[12]) : 0;
}

/// CPU seconds of a PostgreSQL cluster: the postmaster, its exited children (cutime, cstime)
/// and its live children (backends, walwriter, checkpointer, ...).
double clusterCpu(qint64 postmaster) {
    const auto pm = statFields(postmaster);
    if (pm.size() <= 14)
        return 0;
    long long ticks = pm[11] + pm[12] + pm[13] + pm[14];
    for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid || pid == postmaster)
            continue;
        const auto f = statFields(pid);
        if (f.size() > 12 && f[1] == postmaster)
            ticks += f[11] + f[12];
    }
    return ticksToSeconds(ticks);
}

// ---- the cluster --------------------------------------------------------------------------------

struct Cluster {
    QString script, dir, uri;
    qint64 postmaster = 0;

    bool start() {
        script = QStringLiteral(BRIDGECORE_PG_CLUSTER_SCRIPT);
        dir = QStringLiteral("/tmp/bridgecore-bench-%1").arg(QCoreApplication::applicationPid());
        QProcess p;
        p.start(script, {QStringLiteral("start"), dir, QStringLiteral("durable")});
        if (!p.waitForFinished(120000) || p.exitCode() != 0) {
            std::fprintf(stderr, "scale_bench: cannot start PostgreSQL: %s\n",
                         p.readAllStandardError().constData());
            return false;
        }
        uri = QString::fromUtf8(p.readAllStandardOutput().trimmed());
        QFile pidFile(dir + QStringLiteral("/data/postmaster.pid"));
        if (!pidFile.open(QIODevice::ReadOnly))
            return false;
        postmaster = pidFile.readLine().trimmed().toLongLong();
        return postmaster > 0;
    }
    void stop() {
        if (dir.isEmpty())
            return;
        QProcess p;
        p.start(script, {QStringLiteral("stop"), dir});
        p.waitForFinished(60000);
    }
    /// A fresh database's URI.
    QString createDatabase(const std::string& name) {
        auto c = storage::postgres::Connection::open(uri.toStdString());
        if (!c.ok() || !c.value()->script("CREATE DATABASE " + name).ok())
            return {};
        QString out = uri;
        out.replace(QStringLiteral("/postgres?"),
                    QStringLiteral("/") + QString::fromStdString(name) + u'?');
        return out;
    }
    long long deadlocks() {
        auto c = storage::postgres::Connection::open(uri.toStdString());
        if (!c.ok())
            return -1;
        auto r = c.value()->query("SELECT COALESCE(sum(deadlocks), 0) FROM pg_stat_database");
        return r.ok() ? r.value().int64(0, 0) : -1;
    }
};

// ---- one setup ----------------------------------------------------------------------------------

struct Figures {
    QString name;
    int processes = 0;
    double push_per_s = 0, pull_per_s = 0, p50 = 0, p95 = 0;
    double server_cpu_ms_per_1k = 0, pg_cpu_ms_per_1k = 0;
    double server_cpu_ms_per_pull = 0, pg_cpu_ms_per_pull = 0; // one 500-event page
    long long changes = 0;
    int failed = 0;
};

std::optional<Figures> runSetup(const QString& name, const QString& db, int processes,
                                int pushesPerDevice, Cluster* pg) {
    Figures f;
    f.name = name;
    f.processes = processes;
    ServerProcess setup(db);
    if (!setup.init() || !setup.addTenant(QStringLiteral("acme")) ||
        !setup.addUser(QStringLiteral("acme"), QStringLiteral("field@acme.test"),
                       QStringLiteral("user"), kPassword)) {
        std::fprintf(stderr, "scale_bench: %s: cannot prepare: %s\n", qPrintable(name),
                     qPrintable(setup.lastError()));
        return std::nullopt;
    }
    const json config{
        {"log_requests", false},
        {"rate_limits",
         {{"push", {{"requests", 0}}}, {"pull", {{"requests", 0}}}, {"login", {{"requests", 0}}}}}};
    std::vector<std::unique_ptr<ServerProcess>> servers;
    for (int i = 0; i < processes; ++i) {
        servers.push_back(std::make_unique<ServerProcess>(db));
        if (!servers.back()->start(config)) {
            std::fprintf(stderr, "scale_bench: %s: cannot start a server: %s\n", qPrintable(name),
                         qPrintable(servers.back()->lastError()));
            return std::nullopt;
        }
    }
    // One login: tokens are stateless, every process accepts them.
    HttpClient login(servers[0]->baseUrl());
    if (login.login(QStringLiteral("field@acme.test"), kPassword).status != 200)
        return std::nullopt;
    const QString token = login.token();

    auto serverCpu = [&] {
        double s = 0;
        for (auto& p : servers)
            s += processCpu(p->pid());
        return s;
    };
    const double cpu0 = serverCpu();
    const double pg0 = pg ? clusterCpu(pg->postmaster) : 0;
    std::mutex m;
    std::vector<double> latencies;
    int failed = 0;
    const double pushWall = parallel(kDevices, [&](int d) {
        HttpClient http(servers[std::size_t(d % processes)]->baseUrl());
        http.setToken(token);
        std::vector<double> mine;
        int bad = 0;
        for (int p = 0; p < pushesPerDevice; ++p) {
            const std::string device = "dev-" + std::to_string(d);
            const auto r = http.post(
                QStringLiteral("/api/v1/offline-sync/push"),
                createsBody(device, kChangesPerPush, device + "-" + std::to_string(p) + "-"));
            if (r.status != 200 || r.json().value("succeeded", 0) != kChangesPerPush)
                ++bad;
            mine.push_back(r.ms);
        }
        std::lock_guard lock(m);
        latencies.insert(latencies.end(), mine.begin(), mine.end());
        failed += bad;
    });
    const double cpu1 = serverCpu();
    const double pg1 = pg ? clusterCpu(pg->postmaster) : 0;
    f.changes = static_cast<long long>(kDevices) * pushesPerDevice * kChangesPerPush;
    f.push_per_s = double(f.changes) / pushWall;
    f.p50 = percentile(latencies, 50);
    f.p95 = percentile(latencies, 95);
    f.server_cpu_ms_per_1k = (cpu1 - cpu0) * 1000.0 / (double(f.changes) / 1000.0);
    f.pg_cpu_ms_per_1k = pg ? (pg1 - pg0) * 1000.0 / (double(f.changes) / 1000.0) : 0;

    // Pulls: every device one 500-event page from the start of the log.
    const double pullCpu0 = serverCpu();
    const double pullPg0 = pg ? clusterCpu(pg->postmaster) : 0;
    std::atomic<long long> pulled{0};
    const double pullWall = parallel(kDevices, [&](int d) {
        HttpClient http(servers[std::size_t(d % processes)]->baseUrl());
        http.setToken(token);
        const auto r = http.post(QStringLiteral("/api/v1/offline-sync/pull"),
                                 json{{"device_id", "dev-" + std::to_string(d)},
                                      {"app_type", "sales_app"},
                                      {"last_event_id", 0},
                                      {"limit", 500}});
        if (r.status != 200) {
            std::lock_guard lock(m);
            ++failed;
            return;
        }
        pulled += static_cast<long long>(r.json()["events"].size());
    });
    f.pull_per_s = double(pulled.load()) / pullWall;
    f.server_cpu_ms_per_pull = (serverCpu() - pullCpu0) * 1000.0 / kDevices;
    f.pg_cpu_ms_per_pull = pg ? (clusterCpu(pg->postmaster) - pullPg0) * 1000.0 / kDevices : 0;
    f.failed = failed;
    for (auto& s : servers)
        s->stop();
    std::printf("%-14s push %7.0f changes/s  p50 %6.1f ms  p95 %6.1f ms  pull %8.0f events/s  "
                "CPU per 1k changes: servers %6.1f ms, PostgreSQL %6.1f ms; per 500-event pull: "
                "servers %5.2f ms, PostgreSQL %5.2f ms  failed %d\n",
                qPrintable(name), f.push_per_s, f.p50, f.p95, f.pull_per_s, f.server_cpu_ms_per_1k,
                f.pg_cpu_ms_per_1k, f.server_cpu_ms_per_pull, f.pg_cpu_ms_per_pull, f.failed);
    std::fflush(stdout);
    return f;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int pushesPerDevice = quick ? 1 : 3;

    Cluster pg;
    if (!pg.start())
        return 1;
    QTemporaryDir dir;
    std::vector<Figures> all;
    bool ok = true;
    if (auto f = runSetup(QStringLiteral("sqlite x1"), dir.filePath(QStringLiteral("bench.db")), 1,
                          pushesPerDevice, nullptr))
        all.push_back(*f);
    else
        ok = false;
    for (int n : {1, 2, 4}) {
        const QString db = pg.createDatabase("bench_" + std::to_string(n));
        if (auto f = ok && !db.isEmpty() ? runSetup(QStringLiteral("postgres x%1").arg(n), db, n,
                                                    pushesPerDevice, &pg)
                                         : std::nullopt)
            all.push_back(*f);
        else
            ok = false;
    }
    const long long deadlocks = pg.deadlocks();
    pg.stop();
    if (!ok || all.size() != 4) {
        std::fprintf(stderr, "scale_bench: a setup failed\n");
        return 1;
    }
    const Figures &sqlite = all[0], &pg1 = all[1], &pg2 = all[2], &pg4 = all[3];
    std::printf("\nbars:\n");
    std::printf("  throughput with 2 / 4 processes >= 0.9x one process: %.2f / %.2f  %s\n",
                pg2.push_per_s / pg1.push_per_s, pg4.push_per_s / pg1.push_per_s,
                pg2.push_per_s >= 0.9 * pg1.push_per_s && pg4.push_per_s >= 0.9 * pg1.push_per_s
                    ? "met"
                    : "MISSED");
    std::printf("  server CPU per change, 4 processes within 1.2x of one: %.2f  %s\n",
                pg4.server_cpu_ms_per_1k / pg1.server_cpu_ms_per_1k,
                pg4.server_cpu_ms_per_1k <= 1.2 * pg1.server_cpu_ms_per_1k ? "met" : "MISSED");
    std::printf("  PostgreSQL x1 push >= 0.5 of SQLite's: %.2f  %s\n",
                pg1.push_per_s / sqlite.push_per_s,
                pg1.push_per_s >= 0.5 * sqlite.push_per_s ? "met" : "MISSED");
    const double perChangeMs = (pg1.server_cpu_ms_per_1k + pg1.pg_cpu_ms_per_1k) / 1000.0;
    std::printf("  one core serves %.0f changes/s at 100%% (servers %.2f + PostgreSQL %.2f CPU-ms "
                "per change)\n",
                1000.0 / perChangeMs, pg1.server_cpu_ms_per_1k / 1000.0,
                pg1.pg_cpu_ms_per_1k / 1000.0);
    std::printf("  serialization retries: 0 by design (tenant lock, no SERIALIZABLE); "
                "deadlocks in pg_stat_database: %lld; failed requests: %d\n",
                deadlocks, sqlite.failed + pg1.failed + pg2.failed + pg4.failed);
    const json out{{"pg_push_per_s_1", pg1.push_per_s},
                   {"pg_push_per_s_2", pg2.push_per_s},
                   {"pg_push_per_s_4", pg4.push_per_s},
                   {"server_cpu_ms_per_1k_1", pg1.server_cpu_ms_per_1k},
                   {"server_cpu_ms_per_1k_2", pg2.server_cpu_ms_per_1k},
                   {"server_cpu_ms_per_1k_4", pg4.server_cpu_ms_per_1k},
                   {"pg_cpu_ms_per_1k_1", pg1.pg_cpu_ms_per_1k},
                   {"pg_cpu_ms_per_1k_4", pg4.pg_cpu_ms_per_1k},
                   {"sqlite_push_per_s", sqlite.push_per_s},
                   {"sqlite_server_cpu_ms_per_1k", sqlite.server_cpu_ms_per_1k},
                   {"pg_p95_ms_200dev", pg1.p95},
                   {"pg_p95_ms_200dev_2", pg2.p95},
                   {"pg_p95_ms_200dev_4", pg4.p95},
                   {"sqlite_p95_ms_200dev", sqlite.p95},
                   {"pg_pull_per_s_1", pg1.pull_per_s},
                   {"server_cpu_ms_per_pull_1", pg1.server_cpu_ms_per_pull},
                   {"pg_cpu_ms_per_pull_1", pg1.pg_cpu_ms_per_pull},
                   {"sqlite_server_cpu_ms_per_pull", sqlite.server_cpu_ms_per_pull},
                   {"pg_pull_per_s_4", pg4.pull_per_s},
                   {"sqlite_pull_per_s", sqlite.pull_per_s},
                   {"serialization_retries", 0},
                   {"deadlocks", deadlocks},
                   {"failed_requests", sqlite.failed + pg1.failed + pg2.failed + pg4.failed}};
    std::printf("%s\n", out.dump().c_str());
    return 0;
}
