// bridgecore-sync: the offline client on the command line. Edits are queued in the local cache
// without a network; sync/push/pull talk to a bridgecore-server. Errors are one line on stderr
// and a non-zero exit; nothing queued is ever dropped by an error. Each command is a small
// handler in one table.

#include "client/ClientCache.h"
#include "client/HttpTransport.h"
#include "client/SyncClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSaveFile>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <unistd.h>

using namespace bridgecore;
using namespace bridgecore::client;
using protocol::json;

namespace {

constexpr int kExitError = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInterrupted = 130; // stopped by SIGINT/SIGTERM; run again to resume

const char* kUsage = R"(commands:
  login                                   password from stdin; the refresh token is kept in the cache
  create MODEL JSON                       queue a new record; prints its local_id
  update MODEL ID JSON                    queue field changes (ID: server id or local_id)
  delete MODEL ID                         queue a delete
  sync | push | pull                      talk to the server (--progress: progress on stderr;
                                          Ctrl-C stops after the current request, run again to resume)
  status                                  outbox counts and sync state as JSON
  conflicts [--all]                       open conflicts as JSON lines (--all: resolved ones too)
  resolve LOCAL_ID server_wins|client_wins|merge|newest_wins [JSON]
  records MODEL                           cached records as JSON lines
  recover --out FILE                      salvage the outbox of a damaged --cache into FILE
  import-outbox FILE                      queue the changes salvaged by recover on this --cache)";

struct Failure {
    int code;
    std::string message;
};

[[noreturn]] void die(const std::string& message, int code = kExitError) {
    throw Failure{code, message};
}

void check(const Status& st) {
    if (!st.ok())
        die(st.error().message);
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

// ---- options --------------------------------------------------------------------------------

struct Options {
    QCommandLineOption server{QStringLiteral("server"),
                              QStringLiteral("Server base URL (kept in the cache)."),
                              QStringLiteral("URL")};
    QCommandLineOption email{QStringLiteral("email"), QStringLiteral("Login email."),
                             QStringLiteral("EMAIL")};
    QCommandLineOption device{QStringLiteral("device"),
                              QStringLiteral("Device id (bound to the cache)."),
                              QStringLiteral("ID")};
    QCommandLineOption appType{QStringLiteral("app-type"),
                               QStringLiteral("App type, e.g. sales_app."), QStringLiteral("TYPE")};
    QCommandLineOption cache{QStringLiteral("cache"), QStringLiteral("Local cache database file."),
                             QStringLiteral("PATH")};
    QCommandLineOption strategy{
        QStringLiteral("strategy"),
        QStringLiteral("Conflict strategy for push: server_wins (default), client_wins, "
                       "newest_wins, merge, manual."),
        QStringLiteral("STRATEGY")};
    QCommandLineOption priority{QStringLiteral("priority"),
                                QStringLiteral("Priority 0..10 of queued edits."),
                                QStringLiteral("N"), QStringLiteral("5")};
    QCommandLineOption timeout{QStringLiteral("timeout"),
                               QStringLiteral("Request timeout in seconds (30)."),
                               QStringLiteral("SECONDS"), QStringLiteral("30")};
    QCommandLineOption progress{
        QStringLiteral("progress"),
        QStringLiteral("Show progress of sync/push/pull on stderr (done/total, rate, time left).")};
    QCommandLineOption out{QStringLiteral("out"), QStringLiteral("Output file of recover."),
                           QStringLiteral("FILE")};
    QCommandLineOption all{QStringLiteral("all"),
                           QStringLiteral("conflicts: list resolved conflicts too (history).")};
};

/// What a command handler works with.
struct Context {
    QCommandLineParser& parser;
    const Options& opt;
    QStringList args; // positional, the command first
    std::unique_ptr<ClientCache> cache{};
    int priority = protocol::kDefaultPriority;
    int timeoutS = 30;
    SyncOptions sync{};

    ClientCache& c() { return *cache; }
    void need(int n, const char* usage) const {
        if (args.size() < n + 1)
            die(std::string("usage: bridgecore-sync [options] ") + usage, kExitUsage);
    }
    std::string arg(int i) const { return args[i].toStdString(); }

    std::unique_ptr<HttpTransport> transport() {
        const std::string url = c().stateValue("server_url");
        if (url.empty())
            die("--server URL is required", kExitUsage);
        const QUrl qurl(QString::fromStdString(url));
        if (!qurl.isValid() ||
            (qurl.scheme() != QLatin1String("http") && qurl.scheme() != QLatin1String("https")))
            die("--server must be an http:// or https:// URL, not '" + url + "'", kExitUsage);
        auto t = std::make_unique<HttpTransport>(qurl);
        t->setTimeoutMs(timeoutS * 1000);
        t->setRefreshToken(c().stateValue("refresh_token"));
        ClientCache* cachePtr = cache.get();
        t->setTokenListener([cachePtr](const std::string& refresh) {
            (void)cachePtr->setStateValue("refresh_token", refresh);
        });
        return t;
    }
    void needLogin() {
        if (c().stateValue("refresh_token").empty())
            die(c().stateValue("session_refused").empty()
                    ? "not logged in: run 'bridgecore-sync ... login' first"
                    : "the server refused the session: run 'bridgecore-sync ... login' again");
    }
    /// A failed call to the server; a refused session is remembered as such.
    [[noreturn]] void serverFailure(const char* what, const Error& e) {
        if (e.code == ErrorCode::Unauthorized) {
            // The kept session is no good any more: status must not claim it is.
            (void)c().setStateValue("refresh_token", "");
            (void)c().setStateValue("session_refused", e.message);
        }
        die(std::string(what) + " failed: " + e.message);
    }
};

// ---- handlers -------------------------------------------------------------------------------

int cmdLogin(Context& x) {
    if (x.c().stateValue("email").empty())
        die("--email EMAIL is required for login", kExitUsage);
    QTextStream in(stdin);
    const QString password = in.readLine();
    if (password.isEmpty())
        die("no password on stdin", kExitUsage);
    auto t = x.transport();
    auto r = t->login(x.c().stateValue("email"), password.toStdString());
    if (!r.ok())
        die("login failed: " + r.error().message);
    (void)x.c().setStateValue("session_refused", "");
    printLine({{"logged_in", true},
               {"user", r.value().user},
               {"tenant", r.value().tenant},
               {"device_id", x.c().deviceId()}});
    return 0;
}

int cmdCreate(Context& x) {
    x.need(2, "create MODEL JSON");
    auto r = x.c().createRecord(x.arg(1), parseJsonArg(x.args[2], "JSON"), x.priority);
    if (!r.ok())
        die(r.error().message);
    printLine({{"local_id", r.value()}, {"model", x.arg(1)}, {"queued", true}});
    return 0;
}

int cmdUpdate(Context& x) {
    x.need(3, "update MODEL ID JSON");
    check(x.c().updateRecord(x.arg(1), parseRef(x.args[2]), parseJsonArg(x.args[3], "JSON"),
                             x.priority));
    printLine({{"queued", true}});
    return 0;
}

int cmdDelete(Context& x) {
    x.need(2, "delete MODEL ID");
    check(x.c().deleteRecord(x.arg(1), parseRef(x.args[2]), x.priority));
    printLine({{"queued", true}});
    return 0;
}

SyncClient* g_running = nullptr; // for the SIGINT/SIGTERM handler

extern "C" void onInterrupt(int) {
    if (g_running)
        g_running->cancel();
}

/// Progress lines on stderr: rewritten in place on a terminal, else at most two a second.
void showProgress(SyncClient& client) {
    const bool tty = isatty(STDERR_FILENO) != 0;
    auto timer = std::make_shared<QElapsedTimer>(); // invalid until the first line
    QObject::connect(&client, &SyncClient::progressed, [tty, timer](const SyncProgress& p) {
        const bool last = p.done >= p.total;
        if (!last && timer->isValid() && timer->elapsed() < (tty ? 100 : 500))
            return;
        timer->start();
        const std::string line = describe(p);
        if (tty)
            std::fprintf(stderr, "\r\033[K%s%s", line.c_str(), last ? "\n" : "");
        else
            std::fprintf(stderr, "%s\n", line.c_str());
        std::fflush(stderr);
    });
}

int cmdSync(Context& x) {
    x.needLogin();
    const QString cmd = x.args.first();
    auto t = x.transport();
    SyncClient client(x.c(), *t, x.sync);
    if (x.parser.isSet(x.opt.progress))
        showProgress(client);
    g_running = &client;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    json out;
    bool interrupted = false;
    if (cmd == QLatin1String("sync")) {
        auto r = client.sync();
        g_running = nullptr;
        if (!r.ok())
            x.serverFailure("sync", r.error());
        out = toJson(r.value());
        interrupted = r.value().push.interrupted || r.value().pull.interrupted;
    } else if (cmd == QLatin1String("push")) {
        auto r = client.push();
        g_running = nullptr;
        if (!r.ok())
            x.serverFailure("push", r.error());
        out = {{"push", toJson(r.value())}};
        interrupted = r.value().interrupted;
    } else {
        auto r = client.pull();
        g_running = nullptr;
        if (!r.ok())
            x.serverFailure("pull", r.error());
        out = {{"pull", toJson(r.value())}};
        interrupted = r.value().interrupted;
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    out["pending_changes"] = x.c().outboxCounts().active();
    out["open_conflicts"] = x.c().conflicts(true).size();
    if (interrupted)
        out["interrupted"] = true;
    printLine(out);
    if (interrupted) {
        std::fprintf(stderr,
                     "bridgecore-sync: interrupted; what was done is kept, run %s again "
                     "to resume\n",
                     qPrintable(cmd));
        return kExitInterrupted;
    }
    return 0;
}

int cmdStatus(Context& x) {
    ClientCache& cache = x.c();
    const auto c = cache.outboxCounts();
    json models = json::object();
    for (const auto& m : cache.cachedModels())
        models[m] = cache.countRecords(m);
    auto time = [&](const char* key) -> json {
        const std::string v = cache.stateValue(key);
        return v.empty() ? json(nullptr) : json(protocol::formatTime(std::stoll(v)));
    };
    const std::string lastError = cache.stateValue("last_error");
    const std::string refused = cache.stateValue("session_refused");
    printLine(
        {{"device_id", cache.deviceId()},
         {"app_type", cache.appType()},
         {"server", cache.stateValue("server_url")},
         {"logged_in", !cache.stateValue("refresh_token").empty()},
         {"session_refused", refused.empty() ? json(nullptr) : json(refused)},
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
           {"oldest_pending_at",
            c.oldest_active_at ? json(protocol::formatTime(*c.oldest_active_at)) : json(nullptr)}}},
         {"open_conflicts", cache.conflicts(true).size()},
         {"records", models},
         {"schema_version", cache.schemaVersion()}});
    return 0;
}

int cmdConflicts(Context& x) {
    // Open ones by default: those resolved here or on the server (closed by a sync) are history.
    for (const auto& c : x.c().conflicts(/*openOnly=*/!x.parser.isSet(x.opt.all)))
        printLine(toJson(c));
    return 0;
}

int cmdResolve(Context& x) {
    x.need(2, "resolve LOCAL_ID server_wins|client_wins|merge|newest_wins [JSON]");
    auto strategy = protocol::parseConflictStrategy(x.arg(2));
    if (!strategy || *strategy == protocol::ConflictStrategy::Manual)
        die("unknown resolution '" + x.arg(2) +
                "' (server_wins, client_wins, merge or newest_wins)",
            kExitUsage);
    json merged = nullptr;
    if (x.args.size() > 3)
        merged = parseJsonArg(x.args[3], "merged JSON");
    x.needLogin();
    auto t = x.transport();
    SyncClient client(x.c(), *t, x.sync);
    auto r = client.resolve(x.arg(1), *strategy, merged);
    if (!r.ok())
        x.serverFailure("resolve", r.error());
    printLine(protocol::toJson(r.value()));
    return 0;
}

int cmdRecords(Context& x) {
    x.need(1, "records MODEL");
    const std::string model = x.arg(1);
    constexpr int kPage = 1000;
    for (int offset = 0;; offset += kPage) {
        const auto rows = x.c().records(model, kPage, offset);
        for (const auto& r : rows)
            printLine(recordJson(r));
        if (rows.size() < static_cast<std::size_t>(kPage))
            break;
    }
    return 0;
}

/// Salvages the outbox of a damaged cache (opened read-only, never written) into a file.
int cmdRecover(Context& x) {
    if (!x.parser.isSet(x.opt.out))
        die("usage: bridgecore-sync recover --cache PATH --out FILE", kExitUsage);
    const QString cachePath = x.parser.value(x.opt.cache);
    if (!QFile::exists(cachePath))
        die("no cache file '" + cachePath.toStdString() + "'");
    auto r = recoverOutbox(cachePath);
    if (!r.ok())
        die(r.error().message);
    const auto& rec = r.value();
    int active = 0;
    for (const auto& e : rec.entries) {
        const std::string st = e.value("status", std::string());
        active += st == "pending" || st == "in_flight" || st == "failed";
    }
    const json doc = {{"format", "bridgecore-outbox"},     {"version", 1},
                      {"source", cachePath.toStdString()}, {"device_id", rec.device_id},
                      {"app_type", rec.app_type},          {"server_url", rec.server_url},
                      {"unreadable_rows", rec.unreadable}, {"entries", rec.entries}};
    QSaveFile file(x.parser.value(x.opt.out));
    if (!file.open(QIODevice::WriteOnly))
        die("cannot write '" + file.fileName().toStdString() +
            "': " + file.errorString().toStdString());
    file.write(QByteArray::fromStdString(doc.dump(1)));
    file.write("\n");
    if (!file.commit())
        die("cannot write '" + file.fileName().toStdString() +
            "': " + file.errorString().toStdString());
    printLine({{"recovered", rec.entries.size()},
               {"active", active},
               {"unreadable_rows", rec.unreadable},
               {"device_id", rec.device_id},
               {"out", file.fileName().toStdString()}});
    return 0;
}

/// Queues the changes of a recover file on this (fresh) cache.
int cmdImportOutbox(Context& x) {
    x.need(1, "import-outbox FILE");
    QFile file(x.args[1]);
    if (!file.open(QIODevice::ReadOnly))
        die("cannot read '" + x.arg(1) + "': " + file.errorString().toStdString());
    const QByteArray text = file.readAll();
    const json doc = json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || doc.value("format", "") != "bridgecore-outbox")
        die("'" + x.arg(1) + "' is not an outbox file written by bridgecore-sync recover");
    // The server recognises a change it already applied by device and local_id: queued on
    // another device, a change whose answer was lost would be applied twice.
    const std::string device = doc.value("device_id", std::string());
    if (!device.empty() && x.c().deviceId() != device)
        die("this cache belongs to device '" + x.c().deviceId() + "', the salvaged changes to '" +
            device + "': import them on a new cache (or one of that device)");
    auto r = x.c().importOutbox(doc.value("entries", json::array()));
    if (!r.ok())
        die("import failed (nothing was queued): " + r.error().message);
    printLine({{"queued", r.value()}, {"device_id", x.c().deviceId()}});
    return 0;
}

struct Command {
    const char* name;
    int (*run)(Context&);
    bool opensCache = true; // recover reads the damaged file itself
};

const Command kCommands[] = {
    {"login", cmdLogin},
    {"create", cmdCreate},
    {"update", cmdUpdate},
    {"delete", cmdDelete},
    {"sync", cmdSync},
    {"push", cmdSync},
    {"pull", cmdSync},
    {"status", cmdStatus},
    {"conflicts", cmdConflicts},
    {"resolve", cmdResolve},
    {"records", cmdRecords},
    {"recover", cmdRecover, false},
    {"import-outbox", cmdImportOutbox},
};

/// Opens the cache and binds device, app type, server and email given on the command line.
/// import-outbox takes device and app type from its file when the cache has none.
void openCache(Context& x, const QString& cmd) {
    const Options& o = x.opt;
    QCommandLineParser& p = x.parser;
    auto opened = ClientCache::open(p.value(o.cache));
    if (!opened.ok())
        die(opened.error().message);
    x.cache = std::move(opened.value());
    ClientCache& cache = *x.cache;
    std::string device = p.isSet(o.device) ? p.value(o.device).toStdString() : "";
    std::string appType = p.isSet(o.appType) ? p.value(o.appType).toStdString() : "";
    std::string server = p.isSet(o.server) ? p.value(o.server).toStdString() : "";
    if (cmd == QLatin1String("import-outbox") && x.args.size() > 1) {
        QFile f(x.args[1]);
        if (f.open(QIODevice::ReadOnly)) {
            const QByteArray text = f.readAll();
            const json doc =
                json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
            if (doc.is_object()) {
                // The same device id, so the server recognises changes it already applied.
                if (device.empty() && cache.stateValue("device_id").empty())
                    device = doc.value("device_id", std::string());
                if (appType.empty() && cache.appType().empty())
                    appType = doc.value("app_type", std::string());
                if (server.empty() && cache.stateValue("server_url").empty())
                    server = doc.value("server_url", std::string());
            }
        }
    }
    if (!device.empty())
        check(cache.setDeviceId(device));
    else if (cache.stateValue("device_id").empty())
        die("--device ID is required the first time a cache is used", kExitUsage);
    if (!appType.empty()) {
        if (cache.appType() != appType)
            check(cache.setAppType(appType));
    } else if (cache.appType().empty()) {
        die("--app-type TYPE is required the first time a cache is used", kExitUsage);
    }
    if (!server.empty())
        check(cache.setStateValue("server_url", server));
    if (p.isSet(o.email))
        check(cache.setStateValue("email", p.value(o.email).toStdString()));
}

int run(QCoreApplication& app) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("BridgeCore offline sync client.\n") +
                                QString::fromUtf8(kUsage));
    p.addHelpOption();
    p.addVersionOption();
    const Options o;
    p.addOptions({o.server, o.email, o.device, o.appType, o.cache, o.strategy, o.priority,
                  o.timeout, o.progress, o.out, o.all});
    p.addPositionalArgument(QStringLiteral("command"), QStringLiteral("See the list above."));
    p.process(app);

    Context x{p, o, p.positionalArguments()};
    if (x.args.isEmpty())
        die("no command given (try --help)", kExitUsage);
    const QString cmd = x.args.first();
    const Command* command = nullptr;
    for (const auto& c : kCommands)
        if (cmd == QLatin1String(c.name))
            command = &c;
    if (!command)
        die("unknown command '" + cmd.toStdString() + "' (try --help)", kExitUsage);
    if (!p.isSet(o.cache))
        die("--cache PATH is required", kExitUsage);

    bool ok = false;
    x.priority = p.value(o.priority).toInt(&ok);
    if (!ok || x.priority < protocol::kMinPriority || x.priority > protocol::kMaxPriority)
        die("--priority must be an integer 0..10", kExitUsage);
    x.timeoutS = p.value(o.timeout).toInt(&ok);
    if (!ok || x.timeoutS < 1)
        die("--timeout must be a positive number of seconds", kExitUsage);
    if (p.isSet(o.strategy)) {
        auto s = protocol::parseConflictStrategy(p.value(o.strategy).toStdString());
        if (!s)
            die("unknown --strategy '" + p.value(o.strategy).toStdString() + "'", kExitUsage);
        x.sync.strategy = *s;
    }
    if (command->opensCache)
        openCache(x, cmd);
    return command->run(x);
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
