// bridgecore-sync: the offline client on the command line. Edits are queued in the local cache
// without a network; sync/push/pull talk to a bridgecore-server. Errors are one line on stderr
// and a non-zero exit; nothing queued is ever dropped by an error.

#include "client/ClientCache.h"
#include "client/HttpTransport.h"
#include "client/SyncClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <iostream>

using namespace bridgecore;
using namespace bridgecore::client;
using protocol::json;

namespace {

constexpr int kExitError = 1;
constexpr int kExitUsage = 2;

const char* kUsage = R"(commands:
  login                                   password from stdin; the refresh token is kept in the cache
  create MODEL JSON                       queue a new record; prints its local_id
  update MODEL ID JSON                    queue field changes (ID: server id or local_id)
  delete MODEL ID                         queue a delete
  sync | push | pull                      talk to the server
  status                                  outbox counts and sync state as JSON
  conflicts                               stored conflicts as JSON lines
  resolve LOCAL_ID server_wins|client_wins|merge|newest_wins [JSON]
  records MODEL                           cached records as JSON lines)";

struct Failure {
    int code;
    std::string message;
};

[[noreturn]] void die(const std::string& message, int code = kExitError) {
    throw Failure{code, message};
}

json parseJsonArg(const QString& text, const char* what) {
    json j = json::parse(text.toStdString(), nullptr, false);
    if (j.is_discarded())
        die(std::string(what) + " is not valid JSON: " + text.toStdString(), kExitUsage);
    if (!j.is_object())
        die(std::string(what) + " must be a JSON object", kExitUsage);
    return j;
}

protocol::RecordRef parseRef(const QString& text) {
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (ok)
        return std::int64_t(id);
    if (text.isEmpty())
        die("a record id is required", kExitUsage);
    return text.toStdString();
}

void check(const Status& st) {
    if (!st.ok())
        die(st.error().message);
}

void printLine(const json& j) {
    const std::string s = j.dump(-1, ' ', false, json::error_handler_t::replace);
    std::fwrite(s.data(), 1, s.size(), stdout);
    std::fputc('\n', stdout);
}

json recordJson(const CachedRecord& r) {
    return {{"model", r.model},
            {"id", r.server_id ? json(*r.server_id) : json(nullptr)},
            {"local_id", r.local_id.empty() ? json(nullptr) : json(r.local_id)},
            {"version", r.server_version},
            {"pending", r.pending},
            {"data", r.data}};
}

int run(QCoreApplication& app) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("BridgeCore offline sync client.\n") +
                                QString::fromUtf8(kUsage));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption serverOpt(QStringLiteral("server"),
                                       QStringLiteral("Server base URL (kept in the cache)."),
                                       QStringLiteral("URL"));
    const QCommandLineOption emailOpt(QStringLiteral("email"), QStringLiteral("Login email."),
                                      QStringLiteral("EMAIL"));
    const QCommandLineOption deviceOpt(QStringLiteral("device"),
                                       QStringLiteral("Device id (bound to the cache)."),
                                       QStringLiteral("ID"));
    const QCommandLineOption appTypeOpt(QStringLiteral("app-type"),
                                        QStringLiteral("App type, e.g. sales_app."),
                                        QStringLiteral("TYPE"));
    const QCommandLineOption cacheOpt(QStringLiteral("cache"),
                                      QStringLiteral("Local cache database file."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption strategyOpt(
        QStringLiteral("strategy"),
        QStringLiteral("Conflict strategy for push: server_wins (default), client_wins, "
                       "newest_wins, merge, manual."),
        QStringLiteral("STRATEGY"));
    const QCommandLineOption priorityOpt(QStringLiteral("priority"),
                                         QStringLiteral("Priority 0..10 of queued edits."),
                                         QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption timeoutOpt(QStringLiteral("timeout"),
                                        QStringLiteral("Request timeout in seconds (30)."),
                                        QStringLiteral("SECONDS"), QStringLiteral("30"));
    p.addOptions({serverOpt, emailOpt, deviceOpt, appTypeOpt, cacheOpt, strategyOpt, priorityOpt,
                  timeoutOpt});
    p.addPositionalArgument(QStringLiteral("command"), QStringLiteral("See the list above."));
    p.process(app);

    const QStringList args = p.positionalArguments();
    if (args.isEmpty())
        die("no command given (try --help)", kExitUsage);
    const QString cmd = args.first();
    auto need = [&](int n, const char* usage) {
        if (args.size() < n + 1)
            die(std::string("usage: bridgecore-sync [options] ") + usage, kExitUsage);
    };
    if (!p.isSet(cacheOpt))
        die("--cache PATH is required", kExitUsage);

    auto opened = ClientCache::open(p.value(cacheOpt));
    if (!opened.ok())
        die(opened.error().message);
    ClientCache& cache = *opened.value();

    if (p.isSet(deviceOpt))
        check(cache.setDeviceId(p.value(deviceOpt).toStdString()));
    else if (cache.stateValue("device_id").empty())
        die("--device ID is required the first time a cache is used", kExitUsage);
    if (p.isSet(appTypeOpt)) {
        const std::string type = p.value(appTypeOpt).toStdString();
        if (cache.appType() != type)
            check(cache.setAppType(type));
    } else if (cache.appType().empty()) {
        die("--app-type TYPE is required the first time a cache is used", kExitUsage);
    }
    if (p.isSet(serverOpt))
        check(cache.setStateValue("server_url", p.value(serverOpt).toStdString()));
    if (p.isSet(emailOpt))
        check(cache.setStateValue("email", p.value(emailOpt).toStdString()));

    bool ok = false;
    const int priority = p.value(priorityOpt).toInt(&ok);
    if (!ok || priority < protocol::kMinPriority || priority > protocol::kMaxPriority)
        die("--priority must be an integer 0..10", kExitUsage);
    const int timeoutS = p.value(timeoutOpt).toInt(&ok);
    if (!ok || timeoutS < 1)
        die("--timeout must be a positive number of seconds", kExitUsage);

    SyncOptions options;
    if (p.isSet(strategyOpt)) {
        auto s = protocol::parseConflictStrategy(p.value(strategyOpt).toStdString());
        if (!s)
            die("unknown --strategy '" + p.value(strategyOpt).toStdString() + "'", kExitUsage);
        options.strategy = *s;
    }

    auto transport = [&]() -> std::unique_ptr<HttpTransport> {
        const std::string url = cache.stateValue("server_url");
        if (url.empty())
            die("--server URL is required", kExitUsage);
        const QUrl qurl(QString::fromStdString(url));
        if (!qurl.isValid() ||
            (qurl.scheme() != QLatin1String("http") && qurl.scheme() != QLatin1String("https")))
            die("--server must be an http:// or https:// URL, not '" + url + "'", kExitUsage);
        auto t = std::make_unique<HttpTransport>(qurl);
        t->setTimeoutMs(timeoutS * 1000);
        t->setRefreshToken(cache.stateValue("refresh_token"));
        t->setTokenListener([&cache](const std::string& refresh) {
            (void)cache.setStateValue("refresh_token", refresh);
        });
        return t;
    };
    auto needLogin = [&] {
        if (cache.stateValue("refresh_token").empty())
            die("not logged in: run 'bridgecore-sync ... login' first");
    };

    if (cmd == QLatin1String("login")) {
        if (cache.stateValue("email").empty())
            die("--email EMAIL is required for login", kExitUsage);
        QTextStream in(stdin);
        const QString password = in.readLine();
        if (password.isEmpty())
            die("no password on stdin", kExitUsage);
        auto t = transport();
        auto r = t->login(cache.stateValue("email"), password.toStdString());
        if (!r.ok())
            die("login failed: " + r.error().message);
        printLine({{"logged_in", true},
                   {"user", r.value().user},
                   {"tenant", r.value().tenant},
                   {"device_id", cache.deviceId()}});
        return 0;
    }
    if (cmd == QLatin1String("create")) {
        need(2, "create MODEL JSON");
        auto r = cache.createRecord(args[1].toStdString(), parseJsonArg(args[2], "JSON"), priority);
        if (!r.ok())
            die(r.error().message);
        printLine({{"local_id", r.value()}, {"model", args[1].toStdString()}, {"queued", true}});
        return 0;
    }
    if (cmd == QLatin1String("update")) {
        need(3, "update MODEL ID JSON");
        check(cache.updateRecord(args[1].toStdString(), parseRef(args[2]),
                                 parseJsonArg(args[3], "JSON"), priority));
        printLine({{"queued", true}});
        return 0;
    }
    if (cmd == QLatin1String("delete")) {
        need(2, "delete MODEL ID");
        check(cache.deleteRecord(args[1].toStdString(), parseRef(args[2]), priority));
        printLine({{"queued", true}});
        return 0;
    }
    if (cmd == QLatin1String("sync") || cmd == QLatin1String("push") ||
        cmd == QLatin1String("pull")) {
        needLogin();
        auto t = transport();
        SyncClient client(cache, *t, options);
        json out;
        if (cmd == QLatin1String("sync")) {
            auto r = client.sync();
            if (!r.ok())
                die("sync failed: " + r.error().message);
            out = toJson(r.value());
        } else if (cmd == QLatin1String("push")) {
            auto r = client.push();
            if (!r.ok())
                die("push failed: " + r.error().message);
            out = {{"push", toJson(r.value())}};
        } else {
            auto r = client.pull();
            if (!r.ok())
                die("pull failed: " + r.error().message);
            out = {{"pull", toJson(r.value())}};
        }
        const auto c = cache.outboxCounts();
        out["pending_changes"] = c.active();
        out["open_conflicts"] = cache.conflicts(true).size();
        printLine(out);
        return 0;
    }
    if (cmd == QLatin1String("status")) {
        const auto c = cache.outboxCounts();
        json models = json::object();
        for (const auto& m : cache.cachedModels())
            models[m] = cache.countRecords(m);
        auto time = [&](const char* key) -> json {
            const std::string v = cache.stateValue(key);
            return v.empty() ? json(nullptr) : json(protocol::formatTime(std::stoll(v)));
        };
        const std::string lastError = cache.stateValue("last_error");
        printLine({{"device_id", cache.deviceId()},
                   {"app_type", cache.appType()},
                   {"server", cache.stateValue("server_url")},
                   {"logged_in", !cache.stateValue("refresh_token").empty()},
                   {"last_event_id", cache.lastEventId()},
                   {"last_push_time", time("last_push_time")},
                   {"last_pull_time", time("last_pull_time")},
                   {"last_error", lastError.empty() ? json(nullptr) : json(lastError)},
                   {"outbox",
                    {{"pending", c.pending},
                     {"in_flight", c.in_flight},
                     {"synced", c.synced},
                     {"failed", c.failed},
                     {"conflict", c.conflict},
                     {"active", c.active()},
                     {"oldest_pending_at", c.oldest_active_at
                                               ? json(protocol::formatTime(*c.oldest_active_at))
                                               : json(nullptr)}}},
                   {"open_conflicts", cache.conflicts(true).size()},
                   {"records", models},
                   {"schema_version", cache.schemaVersion()}});
        return 0;
    }
    if (cmd == QLatin1String("conflicts")) {
        for (const auto& c : cache.conflicts(false))
            printLine(toJson(c));
        return 0;
    }
    if (cmd == QLatin1String("resolve")) {
        need(2, "resolve LOCAL_ID server_wins|client_wins|merge|newest_wins [JSON]");
        auto strategy = protocol::parseConflictStrategy(args[2].toStdString());
        if (!strategy || *strategy == protocol::ConflictStrategy::Manual)
            die("unknown resolution '" + args[2].toStdString() +
                    "' (server_wins, client_wins, merge or newest_wins)",
                kExitUsage);
        json merged = nullptr;
        if (args.size() > 3)
            merged = parseJsonArg(args[3], "merged JSON");
        needLogin();
        auto t = transport();
        SyncClient client(cache, *t, options);
        auto r = client.resolve(args[1].toStdString(), *strategy, merged);
        if (!r.ok())
            die("resolve failed: " + r.error().message);
        printLine(protocol::toJson(r.value()));
        return 0;
    }
    if (cmd == QLatin1String("records")) {
        need(1, "records MODEL");
        const std::string model = args[1].toStdString();
        constexpr int kPage = 1000;
        for (int offset = 0;; offset += kPage) {
            const auto rows = cache.records(model, kPage, offset);
            for (const auto& r : rows)
                printLine(recordJson(r));
            if (rows.size() < static_cast<std::size_t>(kPage))
                break;
        }
        return 0;
    }
    die("unknown command '" + cmd.toStdString() + "' (try --help)", kExitUsage);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bridgecore-sync"));
    QCoreApplication::setApplicationVersion(QString::fromStdString(clientVersion()));
    try {
        const int rc = run(app);
        std::fflush(stdout);
        return rc;
    } catch (const Failure& f) {
        std::fflush(stdout);
        std::string msg = f.message;
        for (char& ch : msg)
            if (ch == '\n')
                ch = ' ';
        std::fprintf(stderr, "bridgecore-sync: %s\n", msg.c_str());
        return f.code;
    }
}
