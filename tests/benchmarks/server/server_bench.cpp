// server_bench: starts the real bridgecore-server and measures, in one run,
//  - push throughput (changes/s) with 1,000-change requests from 1, 4 and 16 concurrent clients,
//  - pull throughput (events/s) with 500-event pages,
//  - p50/p95/p99 latency of 50-change pushes from 50 concurrent devices, and the CPU time the
//    server and the clients spent on them (and on the same pushes from 1 device in a row),
//  - p50/p95 latency of a pull while 16 devices push continuously,
// and the same workloads in-process through SyncEngine on its own database. Pushes over HTTP go
// through the product's own client (client::HttpTransport::pushText, as bridgecore-sync and the
// console push: QNetworkAccessManager underneath, the answer parsed into a PushResponse); pulls
// and the pushes beside them through the tests' HttpClient (QNetworkAccessManager too). The
// 1-client push and the 50-device latency run a second time through plain blocking sockets (no
// QNetworkAccessManager). Every request is built before its run's clock starts. Prints each
// figure and the HTTP/in-process ratios; the last line is one JSON object with every figure.
// Throughput figures are the best of 3 runs, HTTP and in-process alternating, because the
// machine is shared. Usage: server_bench [--quick] [--only=push,plain,pull,latency,underpush]

#include "BenchWorkload.h"
#include "HttpClient.h"
#include "ServerProcess.h"

#include "auth/PasswordHasher.h"
#include "client/HttpTransport.h"
#include "engine/SyncEngine.h"
#include "storage/SyncStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <functional>
#include <mutex>
#include <vector>

using namespace bridgecore;
using namespace bridgecore::testsupport;
using nlohmann::json;

namespace {

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

/// A minimal blocking HTTP/1.1 client on one keep-alive connection, all in the calling thread:
/// the request goes out in one send loop and the answer is read to its Content-Length. It
/// measures the server without QNetworkAccessManager's own threads and 16 KB upload chunks.
class RawClient {
public:
    RawClient(quint16 port, QByteArray token)
        : m_token(std::move(token)) {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (::connect(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~RawClient() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    /// The answer's status and body; status 0 on a transport error.
    std::pair<int, QByteArray> post(const char* path, const QByteArray& body) {
        if (m_fd < 0)
            return {0, {}};
        const QByteArray req = QByteArray("POST ") + path +
                               " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + m_token +
                               "\r\nContent-Type: application/json\r\nContent-Length: " +
                               QByteArray::number(body.size()) + "\r\n\r\n" + body;
        for (qsizetype sent = 0; sent < req.size();) {
            const ssize_t n = ::send(m_fd, req.constData() + sent, size_t(req.size() - sent), 0);
            if (n <= 0)
                return {0, {}};
            sent += n;
        }
        QByteArray in;
        qsizetype headEnd = -1;
        qint64 length = -1;
        char buf[65536];
        while (headEnd < 0 || in.size() < headEnd + 4 + length) {
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n <= 0)
                return {0, {}};
            in.append(buf, n);
            if (headEnd < 0 && (headEnd = in.indexOf("\r\n\r\n")) >= 0) {
                const QByteArray head = in.left(headEnd).toLower();
                const qsizetype at = head.indexOf("content-length:");
                length = at < 0 ? 0
                                : head.mid(at + 15, head.indexOf("\r\n", at) - at - 15)
                                      .trimmed()
                                      .toLongLong();
            }
        }
        return {in.mid(9, 3).toInt(), in.mid(headEnd + 4, length)};
    }

private:
    int m_fd = -1;
    QByteArray m_token;
};

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    // --only=SECTION[,SECTION...] runs only those sections (push, plain, pull, latency,
    // underpush), e.g. to profile one of them; the figures of the others stay 0.
    QStringList only;
    for (const QString& a : app.arguments())
        if (a.startsWith(QLatin1String("--only=")))
            only = a.mid(7).split(u',');
    auto want = [&only](const char* section) {
        return only.isEmpty() || only.contains(QLatin1String(section));
    };
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
    // The server runs with its systemd unit's malloc setting (packaging/bridgecore-server.service);
    // this process (the clients, the in-process engine) with glibc's defaults.
    const bool tunablesGiven = !qEnvironmentVariableIsEmpty("GLIBC_TUNABLES");
    if (!tunablesGiven)
        qputenv("GLIBC_TUNABLES", "glibc.malloc.tcache_count=128");
    const bool serverStarted = server.start(config);
    if (!tunablesGiven)
        qunsetenv("GLIBC_TUNABLES");
    if (!serverStarted) {
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
    // CPU time of the 1-client runs (summed over the repeats): the server's and this process's
    // (the HTTP client) over HTTP, this process's in-process.
    double httpServerCpu = 0, httpClientCpu = 0, inprocCpu = 0, cpuChanges = 0;
    for (int k = 0; k < 3 && want("push"); ++k) {
        const int n = kClients[k];
        const int perClient = std::max(1, pushRequests / n);
        for (int rep = 0; rep < repeats; ++rep, ++round) {
            const std::string tag = std::to_string(round);
            std::vector<std::string> bodies;
            std::vector<protocol::PushRequest> reqs;
            for (int c = 0; c < n; ++c)
                for (int r = 0; r < perClient; ++r) {
                    const json b = createsBody("push-" + tag + "-" + std::to_string(c), 1000,
                                               "r" + std::to_string(r) + "-");
                    bodies.push_back(b.dump());
                    reqs.push_back(parsePush(b));
                }
            const double server0 = processCpuSeconds(server.pid()), own0 = ownCpuSeconds();
            double s = parallel(n, [&](int c) {
                // The product's client, as bridgecore-sync and the console push: the outbox's
                // body text through HttpTransport, its answer parsed into a PushResponse.
                client::HttpTransport transport{QUrl(server.baseUrl())};
                transport.setAccessToken(token.toStdString());
                for (int r = 0; r < perClient; ++r) {
                    const auto res = transport.pushText(bodies[size_t(c * perClient + r)]);
                    if (!res.ok() || res.value().succeeded != 1000)
                        fail();
                }
                transport.releaseThreadResources();
            });
            http.push_per_s[k] = std::max(http.push_per_s[k], double(n * perClient * 1000) / s);
            const double server1 = processCpuSeconds(server.pid()), own1 = ownCpuSeconds();
            s = parallel(n, [&](int c) {
                for (int r = 0; r < perClient; ++r) {
                    // the engine's work plus writing the answer, as the server does
                    const auto res = engine.push(caller, reqs[size_t(c * perClient + r)]);
                    if (!res.ok() || res.value().succeeded != 1000)
                        fail();
                    else {
                        volatile auto size = protocol::toJsonText(res.value()).size();
                        (void)size;
                    }
                }
            });
            inproc.push_per_s[k] = std::max(inproc.push_per_s[k], double(n * perClient * 1000) / s);
            if (n == 1) {
                httpServerCpu += server1 - server0;
                httpClientCpu += own1 - own0;
                inprocCpu += ownCpuSeconds() - own1;
                cpuChanges += perClient * 1000;
            }
        }
        std::printf(
            "push %2d client(s): http %8.0f changes/s   in-process %8.0f changes/s   ratio %.2f"
            "   (%d x 1000-change requests, best of %d)\n",
            n, http.push_per_s[k], inproc.push_per_s[k], http.push_per_s[k] / inproc.push_per_s[k],
            n * perClient, repeats);
        std::fflush(stdout);
    }

    const double perK = cpuChanges > 0 ? 1e6 / cpuChanges : 0; // seconds -> ms per 1,000
    std::printf("push  1 client(s), CPU per 1,000 changes: in-process %.1f ms; over HTTP the "
                "server %.1f ms (ratio %.2f) and the client %.1f ms\n",
                inprocCpu * perK, httpServerCpu * perK,
                httpServerCpu > 0 ? inprocCpu / httpServerCpu : 0, httpClientCpu * perK);

    // ---------------- 1 client again, through a plain blocking socket instead of
    // QNetworkAccessManager: what the server itself costs over HTTP ----------------
    double rawPerS = 0;
    for (int rep = 0; rep < repeats && want("plain"); ++rep, ++round) {
        std::vector<QByteArray> bodies;
        for (int r = 0; r < pushRequests; ++r)
            bodies.push_back(
                QByteArray::fromStdString(createsBody("push-raw-" + std::to_string(round), 1000,
                                                      "r" + std::to_string(r) + "-")
                                              .dump()));
        RawClient client(quint16(QUrl(server.baseUrl()).port()), token.toUtf8());
        QElapsedTimer t;
        t.start();
        for (const QByteArray& b : bodies) {
            const auto [status, answer] = client.post("/api/v1/offline-sync/push", b);
            if (status != 200 || !answer.contains("\"succeeded\":1000"))
                fail();
        }
        rawPerS = std::max(rawPerS, double(pushRequests * 1000) / (double(t.nsecsElapsed()) / 1e9));
    }
    std::printf("push  1 client(s), plain socket client: http %8.0f changes/s   ratio %.2f of "
                "in-process   (%d x 1000-change requests, best of %d)\n",
                rawPerS, rawPerS / inproc.push_per_s[0], pushRequests, repeats);
    std::fflush(stdout);

    // ---------------- pull throughput: 500-event pages from the start ----------------
    long long pulledEvents = 0;
    for (int rep = 0; rep < repeats && want("pull"); ++rep) {
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
    double rawP50 = 0, rawP95 = 0;
    struct {
        double http_wall = 0, http_server = 0, http_client = 0, inproc_wall = 0, inproc = 0;
        double seq_http_server = 0, seq_http_client = 0, seq_inproc = 0; // 1 device in a row
    } latencyCpu;                                                        // per 1,000 changes
    const int kSequentialPushes = quick ? 100 : 400;
    if (want("latency")) {
        // Every request is built before its run starts, as in the throughput runs: the 2 cores
        // are shared by the server and the 50 clients, and building JSON is not the client's
        // work being measured (it was a quarter of this process's samples).
        std::vector<std::string> httpBodies, rawBodies;
        std::vector<protocol::PushRequest> inprocRequests;
        for (int d = 0; d < 50; ++d)
            for (int r = 0; r < latencyRounds; ++r) {
                const std::string round = "l" + std::to_string(r) + "-";
                httpBodies.push_back(
                    createsBody("http-dev-" + std::to_string(d), 50, round).dump());
                rawBodies.push_back(createsBody("raw-dev-" + std::to_string(d), 50, round).dump());
                inprocRequests.push_back(
                    parsePush(createsBody("in-dev-" + std::to_string(d), 50, round)));
            }
        // The same 50-change pushes from one device, one after another: what a push of this
        // size costs without concurrency, so that the 50-device figures below tell the cost of
        // the small requests from the cost of running 50 at once.
        {
            std::vector<std::string> seqBodies;
            std::vector<protocol::PushRequest> seqRequests;
            for (int r = 0; r < kSequentialPushes; ++r) {
                const std::string round = "s" + std::to_string(r) + "-";
                seqBodies.push_back(createsBody("http-seq", 50, round).dump());
                seqRequests.push_back(parsePush(createsBody("in-seq", 50, round)));
            }
            const double changes = 50.0 * kSequentialPushes / 1000; // thousands
            client::HttpTransport transport{QUrl(server.baseUrl())};
            transport.setAccessToken(token.toStdString());
            const double server0 = processCpuSeconds(server.pid()), own0 = ownCpuSeconds();
            for (const std::string& body : seqBodies) {
                const auto res = transport.pushText(body);
                if (!res.ok() || res.value().succeeded != 50)
                    fail();
            }
            const double server1 = processCpuSeconds(server.pid()), own1 = ownCpuSeconds();
            for (const auto& req : seqRequests) {
                const auto res = engine.push(caller, req);
                if (!res.ok())
                    fail();
                else {
                    volatile auto size = protocol::toJsonText(res.value()).size();
                    (void)size;
                }
            }
            latencyCpu.seq_http_server = (server1 - server0) * 1e3 / changes;
            latencyCpu.seq_http_client = (own1 - own0) * 1e3 / changes;
            latencyCpu.seq_inproc = (ownCpuSeconds() - own1) * 1e3 / changes;
            std::printf("50-change push, 1 device, %d in a row, per 1,000 changes: http server CPU "
                        "%.1f ms, client CPU %.1f ms; in-process CPU %.1f ms\n",
                        kSequentialPushes, latencyCpu.seq_http_server, latencyCpu.seq_http_client,
                        latencyCpu.seq_inproc);
        }
        std::vector<double> lat, latIn;
        const double server0 = processCpuSeconds(server.pid()), own0 = ownCpuSeconds();
        const double httpWall = parallel(50, [&](int d) {
            client::HttpTransport transport{QUrl(server.baseUrl())}; // the product's client
            transport.setAccessToken(token.toStdString());
            std::vector<double> mine;
            for (int r = 0; r < latencyRounds; ++r) {
                const std::string& body = httpBodies[size_t(d * latencyRounds + r)];
                QElapsedTimer t;
                t.start();
                const auto res = transport.pushText(body);
                mine.push_back(double(t.nsecsElapsed()) / 1e6);
                if (!res.ok() || res.value().succeeded != 50)
                    fail();
            }
            transport.releaseThreadResources();
            std::lock_guard l(mu);
            lat.insert(lat.end(), mine.begin(), mine.end());
        });
        const double changes = 50.0 * 50 * latencyRounds / 1000; // thousands
        latencyCpu.http_server = (processCpuSeconds(server.pid()) - server0) * 1e3 / changes;
        latencyCpu.http_client = (ownCpuSeconds() - own0) * 1e3 / changes;
        latencyCpu.http_wall = httpWall * 1e3 / changes;
        // The same over plain blocking sockets: the server without QNetworkAccessManager's
        // two threads per client (100 client threads above, on the same 2 cores).
        std::vector<double> latRaw;
        parallel(50, [&](int d) {
            RawClient client(quint16(QUrl(server.baseUrl()).port()), token.toUtf8());
            std::vector<double> mine;
            for (int r = 0; r < latencyRounds; ++r) {
                const QByteArray body =
                    QByteArray::fromStdString(rawBodies[size_t(d * latencyRounds + r)]);
                QElapsedTimer t;
                t.start();
                if (client.post("/api/v1/offline-sync/push", body).first != 200)
                    fail();
                mine.push_back(double(t.nsecsElapsed()) / 1e6);
            }
            std::lock_guard l(mu);
            latRaw.insert(latRaw.end(), mine.begin(), mine.end());
        });
        rawP50 = percentile(latRaw, 50);
        rawP95 = percentile(latRaw, 95);
        const double own1 = ownCpuSeconds();
        const double inprocWall = parallel(50, [&](int d) {
            std::vector<double> mine;
            for (int r = 0; r < latencyRounds; ++r) {
                const auto& req = inprocRequests[size_t(d * latencyRounds + r)];
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
        latencyCpu.inproc = (ownCpuSeconds() - own1) * 1e3 / changes;
        latencyCpu.inproc_wall = inprocWall * 1e3 / changes;
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
        std::printf(
            "50-change push, 50 devices, plain socket clients: http p50 %.1f ms p95 %.1f ms\n",
            rawP50, rawP95);
        std::printf("50-change push, 50 devices, per 1,000 changes: http wall %.1f ms, server CPU "
                    "%.1f ms, client CPU %.1f ms (%.2f cores busy); in-process wall %.1f ms, CPU "
                    "%.1f ms (%.2f cores busy)\n",
                    latencyCpu.http_wall, latencyCpu.http_server, latencyCpu.http_client,
                    (latencyCpu.http_server + latencyCpu.http_client) / latencyCpu.http_wall,
                    latencyCpu.inproc_wall, latencyCpu.inproc,
                    latencyCpu.inproc / latencyCpu.inproc_wall);
    }
    // ---------------- a pull's latency while 16 devices push continuously ----------------
    double pullUnderPushP95 = 0, pullUnderPushP50 = 0;
    std::size_t pullsUnderPush = 0;
    if (want("underpush")) {
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
                   {"http_push_per_s_plain_socket", rawPerS},
                   {"inproc_push_cpu_ms_per_1000", inprocCpu * perK},
                   {"http_push_server_cpu_ms_per_1000", httpServerCpu * perK},
                   {"http_push_client_cpu_ms_per_1000", httpClientCpu * perK},
                   {"push_ratio_cpu", httpServerCpu > 0 ? inprocCpu / httpServerCpu : 0},
                   {"push_ratio_plain_socket", rawPerS / inproc.push_per_s[0]},
                   {"http_pull_per_s", http.pull_per_s},
                   {"inproc_pull_per_s", inproc.pull_per_s},
                   {"pull_ratio", pullRatio},
                   {"p50_ms_50dev", http.p50},
                   {"p95_ms_50dev", http.p95},
                   {"p99_ms_50dev", http.p99},
                   {"p50_ms_50dev_plain_socket", rawP50},
                   {"p95_ms_50dev_plain_socket", rawP95},
                   {"inproc_p50_ms_50dev", inproc.p50},
                   {"inproc_p95_ms_50dev", inproc.p95},
                   {"inproc_p99_ms_50dev", inproc.p99},
                   {"http_50dev_server_cpu_ms_per_1000", latencyCpu.http_server},
                   {"http_50dev_client_cpu_ms_per_1000", latencyCpu.http_client},
                   {"http_50dev_wall_ms_per_1000", latencyCpu.http_wall},
                   {"inproc_50dev_cpu_ms_per_1000", latencyCpu.inproc},
                   {"inproc_50dev_wall_ms_per_1000", latencyCpu.inproc_wall},
                   {"http_50seq_server_cpu_ms_per_1000", latencyCpu.seq_http_server},
                   {"http_50seq_client_cpu_ms_per_1000", latencyCpu.seq_http_client},
                   {"inproc_50seq_cpu_ms_per_1000", latencyCpu.seq_inproc},
                   {"pull_p50_ms_under_push", pullUnderPushP50},
                   {"pull_p95_ms_under_push", pullUnderPushP95},
                   {"server_rss_mib", rss / 1024},
                   {"failures", failures}};
    std::printf("%s\n", out.dump().c_str());
    return failures == 0 ? 0 : 1;
}
