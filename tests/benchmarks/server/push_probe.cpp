// push_probe: one device pushing N requests of K creates each, one after another, through the
// product's client (client::HttpTransport::pushText) to a real bridgecore-server; prints the
// CPU time per request of the server and of this process. Made to be run twice under
// callgrind (e.g. --pushes=45 and --pushes=5) so that the difference is the instructions of
// 40 requests without start-up, login and Argon2: the client under `valgrind --tool=callgrind
// push_probe ...`, the server with BRIDGECORE_SERVER_BIN naming a script that starts
// bridgecore-server under callgrind. Not a ctest.
// Usage: push_probe [--pushes=N] [--changes=K] (defaults 45 and 50).

#include "BenchWorkload.h"
#include "HttpClient.h"
#include "ServerProcess.h"

#include "client/HttpTransport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <unistd.h>

using namespace bridgecore;
using namespace bridgecore::testsupport;
using nlohmann::json;

namespace {

/// Context switches (voluntary + involuntary) of every thread of process `pid` so far: each
/// hand-off between threads that sleeps is one.
long long contextSwitches(qint64 pid) {
    long long total = 0;
    const QString taskDir = QStringLiteral("/proc/%1/task").arg(pid);
    for (const QString& tid : QDir(taskDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile f(taskDir + u'/' + tid + QStringLiteral("/status"));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray& line : f.readAll().split('\n'))
            if (line.contains("ctxt_switches:"))
                total += line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
    }
    return total;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    int pushes = 45, changes = 50;
    for (const QString& a : app.arguments()) {
        if (a.startsWith(QLatin1String("--pushes=")))
            pushes = a.mid(9).toInt();
        else if (a.startsWith(QLatin1String("--changes=")))
            changes = a.mid(10).toInt();
    }
    QTemporaryDir dir;
    ServerProcess server(dir.filePath(QStringLiteral("probe.db")));
    if (!server.init() || !server.addTenant(QStringLiteral("probe")) ||
        !server.addUser(QStringLiteral("probe"), QStringLiteral("probe@probe.test"),
                        QStringLiteral("admin"), QStringLiteral("probe-password")) ||
        !server.start(json{{"log_requests", false}, {"rate_limits", {{"push", {{"requests", 0}}}}}},
                      120000)) {
        std::fprintf(stderr, "push_probe: cannot start the server: %s\n",
                     qPrintable(server.lastError()));
        return 1;
    }
    QString token;
    {
        HttpClient c(server.baseUrl());
        if (c.login(QStringLiteral("probe@probe.test"), QStringLiteral("probe-password")).status !=
            200) {
            std::fprintf(stderr, "push_probe: login failed\n");
            return 1;
        }
        token = c.token();
    }
    // At least 50 bodies are built whatever N is, so that two runs of N <= 50 differ only by
    // the requests pushed.
    std::vector<std::string> bodies;
    for (int r = 0; r < std::max(pushes, 50); ++r)
        bodies.push_back(createsBody("probe-dev", changes, "p" + std::to_string(r) + "-").dump());
    bodies.resize(std::size_t(pushes));
    int failures = 0;
    client::HttpTransport transport{QUrl(server.baseUrl())};
    transport.setAccessToken(token.toStdString());
    const double server0 = processCpuSeconds(server.pid()), own0 = ownCpuSeconds();
    const long long serverSwitches0 = contextSwitches(server.pid()),
                    ownSwitches0 = contextSwitches(QCoreApplication::applicationPid());
    for (const std::string& body : bodies) {
        const auto res = transport.pushText(body);
        if (!res.ok() || res.value().succeeded != changes)
            ++failures;
    }
    const double server1 = processCpuSeconds(server.pid()), own1 = ownCpuSeconds();
    const double serverSwitches = double(contextSwitches(server.pid()) - serverSwitches0) / pushes;
    const double ownSwitches =
        double(contextSwitches(QCoreApplication::applicationPid()) - ownSwitches0) / pushes;
    transport.releaseThreadResources();
    std::printf("%d pushes of %d changes: server CPU %.3f ms, client CPU %.3f ms per request; "
                "%d failed\n",
                pushes, changes, (server1 - server0) * 1e3 / pushes, (own1 - own0) * 1e3 / pushes,
                failures);
    std::printf("%s\n", json{{"pushes", pushes},
                             {"changes", changes},
                             {"server_cpu_ms_per_request", (server1 - server0) * 1e3 / pushes},
                             {"client_cpu_ms_per_request", (own1 - own0) * 1e3 / pushes},
                             {"server_context_switches_per_request", serverSwitches},
                             {"client_context_switches_per_request", ownSwitches},
                             {"failures", failures}}
                            .dump()
                            .c_str());
    // Stopped, not killed, so that a server under callgrind writes its profile.
    if (server.stop(300000) != 0)
        std::fprintf(stderr, "push_probe: the server did not stop cleanly\n");
    return failures == 0 ? 0 : 1;
}
