// bridgecore-server: the offline-sync HTTP API, plus the admin subcommands that prepare its
// database. Exit code 0 on success; otherwise one line on stderr and a non-zero code.
//
//   bridgecore-server init   --db DB | --config FILE
//   bridgecore-server tenant add --db DB --name NAME
//   bridgecore-server user add --db DB --tenant NAME --email EMAIL --role user|support|admin
//                              [--name NAME]            (password read from stdin)
//   bridgecore-server user disable|enable --db DB --email EMAIL
//   bridgecore-server user passwd --db DB --email EMAIL   (password read from stdin)
//   bridgecore-server tenant odoo --db DB --tenant NAME --url URL --database ODOO_DB
//                              --login LOGIN [--api json2|jsonrpc] [--ca-file PEM] [--lang CODE]
//                              [--config FILE]
//                              (API key or password read from stdin, checked against Odoo)
//   bridgecore-server tenant odoo --db DB --tenant NAME --off
//   bridgecore-server serve  [--db DB] [--listen HOST:PORT] [--config FILE]
//   bridgecore-server backup  --db PATH | --config FILE  --out FILE
//   bridgecore-server restore --db PATH | --config FILE  --from FILE
// `--db` and `--listen` win over the config file's "db" and "listen".
//
// DB is a SQLite file path or a PostgreSQL URI,
// postgresql://[user[:password]@][host][:port]/dbname[?host=/socket/dir]; the password may
// also come from PGPASSWORD or ~/.pgpass. Only `init` creates or upgrades a PostgreSQL schema
// (any number of `serve` processes may share the database); the others refuse an older one.
// Disabling a user or changing a password refuses the user's tokens at once in every server
// process on the database (each request looks the user up).

#include "auth/Accounts.h"
#include "engine/SyncEngine.h"
#include "odoo/OdooBridge.h"
#include "odoo/OdooClient.h"
#include "odoo/OdooConnections.h"
#include "odoo/OdooSettings.h"
#include "odoo/SecretBox.h"
#include "server/HttpApi.h"
#include "storage/OpenStore.h"
#include "storage/SqliteBackup.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace bridgecore;

namespace {

int fail(const std::string& message, int code = 1) {
    std::fprintf(stderr, "bridgecore-server: %s\n", message.c_str());
    return code;
}

const char* kUsage =
    "usage: bridgecore-server init --db DB | --config FILE\n"
    "       bridgecore-server tenant add --db DB --name NAME\n"
    "       bridgecore-server user add --db DB --tenant NAME --email EMAIL "
    "--role user|support|admin [--name NAME]   (password on stdin)\n"
    "       bridgecore-server user disable|enable --db DB --email EMAIL\n"
    "       bridgecore-server user passwd --db DB --email EMAIL   (password on stdin)\n"
    "       bridgecore-server tenant odoo --db DB --tenant NAME --url URL --database ODOO_DB "
    "--login LOGIN [--api json2|jsonrpc] [--ca-file PEM] [--lang CODE] [--config FILE]   (API key "
    "on stdin)\n"
    "       bridgecore-server tenant odoo --db DB --tenant NAME --off\n"
    "       bridgecore-server serve [--db DB] [--listen HOST:PORT] [--config FILE]\n"
    "       bridgecore-server backup --db PATH | --config FILE --out FILE\n"
    "       bridgecore-server restore --db PATH | --config FILE --from FILE\n"
    "DB: a SQLite file path or postgresql://[user[:password]@][host][:port]/dbname"
    "[?host=/socket/dir]\n";

/// --key value pairs after the subcommand words; nullopt (with a message) on a bad one.
std::optional<std::map<std::string, std::string>> options(const std::vector<std::string>& args,
                                                          std::size_t from,
                                                          const std::vector<std::string>& allowed,
                                                          std::string& error) {
    std::map<std::string, std::string> out;
    for (std::size_t i = from; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) != 0 || a.size() < 3) {
            error = "unexpected argument '" + a + "'";
            return std::nullopt;
        }
        std::string key = a.substr(2), value;
        if (const auto eq = key.find('='); eq != std::string::npos) {
            value = key.substr(eq + 1);
            key = key.substr(0, eq);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            error = "option --" + key + " needs a value";
            return std::nullopt;
        }
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            error = "unknown option --" + key;
            return std::nullopt;
        }
        out[key] = value;
    }
    return out;
}

/// The store `--db` names; only `init` (migrate) creates or upgrades a PostgreSQL schema.
Result<std::shared_ptr<storage::SyncStore>> openStore(const std::string& location,
                                                      bool migrate = false) {
    if (location.empty())
        return Error{ErrorCode::ValidationError,
                     "--db is required: a SQLite file path or a postgresql:// URI"};
    return storage::openStore(location, migrate);
}

/// The server configuration: --config FILE (when given) under --db and --listen.
Result<server::ServerConfig> loadConfig(std::map<std::string, std::string>& opt) {
    server::ServerConfig config;
    if (opt.count("config")) {
        if (auto s = config.applyFile(opt["config"]); !s.ok())
            return s.error();
    }
    if (opt.count("db"))
        config.db = opt["db"];
    if (opt.count("listen"))
        config.listen = opt["listen"];
    if (config.db.empty())
        return Error{ErrorCode::ValidationError, "--db PATH (or \"db\" in --config) is required"};
    return config;
}

/// `backup` and `restore`: SQLite's online backup API both ways; PostgreSQL has its own tools.
int backupOrRestore(const std::string& cmd, std::map<std::string, std::string> opt) {
    const std::string file = cmd == "backup" ? "out" : "from";
    if (!opt.count(file))
        return fail("--" + file + " FILE is required", 2);
    auto config = loadConfig(opt);
    if (!config.ok())
        return fail(config.error().message, 2);
    const std::string db = config.value().db;
    if (storage::isPostgresLocation(db))
        return fail(cmd == "backup"
                        ? "a PostgreSQL database is backed up with its own tools: pg_dump -Fc "
                          "-d URI -f FILE (consistent while servers keep writing)"
                        : "a PostgreSQL database is restored with its own tools: stop the "
                          "servers, then pg_restore --clean -d URI FILE");
    if (cmd == "backup") {
        auto info = storage::backupSqlite(db, opt[file]);
        if (!info.ok())
            return fail("backup failed: " + info.error().message);
        std::printf("backed up %s to %s (schema version %d, %lld bytes)\n", db.c_str(),
                    opt[file].c_str(), info.value().schemaVersion,
                    static_cast<long long>(info.value().bytes));
        return 0;
    }
    auto lock = storage::DatabaseLock::acquire(db, storage::DatabaseLock::Mode::Exclusive);
    if (!lock.ok())
        return fail("restore refused: " + lock.error().message);
    auto info = storage::restoreSqlite(opt[file], db);
    if (!info.ok())
        return fail("restore refused: " + info.error().message);
    std::printf("restored %s from %s (schema version %d)\n", db.c_str(), opt[file].c_str(),
                info.value().schemaVersion);
    if (info.value().schemaVersion < storage::latestSchemaVersion())
        std::printf("the next init or serve migrates it to schema version %d\n",
                    storage::latestSchemaVersion());
    return 0;
}

/// Admin subcommands run without a server secret: tokens are never issued by them.
auth::Accounts adminAccounts(std::shared_ptr<storage::SyncStore> store) {
    return auth::Accounts(std::move(store), auth::TokenService(std::string(64, 'x')));
}

/// Reads one line (a password or key) from stdin, without its line end.
std::optional<std::string> readSecretLine() {
    std::string line;
    if (!std::getline(std::cin, line) && line.empty())
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return line;
}

/// `tenant odoo`: attaches a tenant to an Odoo database after checking the key against it, or
/// detaches it (--off). Every failure is one line naming what failed.
int tenantOdoo(std::vector<std::string> args) {
    bool off = false;
    args.erase(std::remove_if(args.begin(), args.end(),
                              [&](const std::string& a) { return a == "--off" && (off = true); }),
               args.end());
    std::string error;
    auto opt = options(
        args, 2, {"db", "tenant", "url", "database", "login", "api", "ca-file", "lang", "config"},
        error);
    if (!opt)
        return fail(error, 2);
    if (!opt->count("tenant"))
        return fail("--tenant NAME is required", 2);
    if (!off)
        for (const char* k : {"url", "database", "login"})
            if (!opt->count(k))
                return fail(std::string("--") + k + " is required (or --off to detach)", 2);
    std::string lang; // a res.lang code: letters, digits, '_' and '@' (fr_FR, ar_001, sr@latin)
    if (opt->count("lang")) {
        lang = (*opt)["lang"];
        const bool plain = !lang.empty() && lang.size() <= 16 &&
                           std::all_of(lang.begin(), lang.end(), [](unsigned char c) {
                               return std::isalnum(c) || c == '_' || c == '@';
                           });
        if (!plain)
            return fail("--lang must be an Odoo language code such as fr_FR", 2);
    }
    std::optional<odoo::Api> api;
    if (opt->count("api")) {
        api = odoo::parseApi((*opt)["api"]);
        if (!api)
            return fail("--api must be json2 or jsonrpc", 2);
    }
    auto store = openStore((*opt)["db"]);
    if (!store.ok())
        return fail("cannot open the database: " + store.error().message);
    const auto tenantFound = store.value()->tenantByName((*opt)["tenant"]);
    if (!tenantFound.ok())
        return fail("cannot read the tenant: " + tenantFound.error().message);
    const auto& tenant = tenantFound.value();
    if (!tenant)
        return fail("no tenant named '" + (*opt)["tenant"] + "'");
    if (off) {
        auto current = odoo::loadOdooSettings(*store.value(), tenant->id);
        if (!current.ok())
            return fail(current.error().message);
        if (auto s = odoo::removeOdooSettings(*store.value(), tenant->id); !s.ok())
            return fail(s.error().message);
        std::printf(current.value() ? "tenant %s detached from Odoo\n"
                                    : "tenant %s was not attached to Odoo\n",
                    tenant->name.c_str());
        return 0;
    }
    server::ServerConfig config;
    if (opt->count("config"))
        if (auto s = config.applyFile((*opt)["config"]); !s.ok())
            return fail(s.error().message);
    // One line per failure: the connector's retry notes stay out of this command's output.
    QLoggingCategory::setFilterRules(QStringLiteral("bridgecore.odoo.warning=false"));
    auto box = odoo::SecretBox::fromEnvironment(config.secret_key);
    if (!box.ok())
        return fail(box.error().message);
    const auto secret = readSecretLine();
    if (!secret || secret->empty())
        return fail("no API key on stdin");

    odoo::OdooConfig oc;
    oc.url = (*opt)["url"];
    oc.database = (*opt)["database"];
    oc.login = (*opt)["login"];
    oc.secret = *secret;
    oc.api = api;
    if (opt->count("ca-file")) // stored as an absolute path: serve may run elsewhere
        oc.ca_file =
            QFileInfo(QString::fromStdString((*opt)["ca-file"])).absoluteFilePath().toStdString();
    oc.timeout_ms = 10000;
    oc.retries = 1;
    odoo::OdooClient client(oc);
    if (auto s = client.open(); !s.ok())
        return fail(s.error().message, 2);
    auto check = odoo::checkConnection(client, api);
    if (!check.ok())
        return fail(check.error().message);
    oc.lang = lang;
    if (!lang.empty()) { // Odoo refuses a language that is not active in the database
        auto labels =
            client.call("res.users", "fields_get", protocol::json::array(),
                        {{"attributes", {"string"}}, {"context", odoo::labelsContext(oc)}});
        if (!labels.ok())
            return fail("--lang " + lang + ": " + labels.error().message);
    }
    odoo::OdooSettings settings;
    settings.url = oc.url;
    settings.database = oc.database;
    settings.login = oc.login;
    settings.api = check.value().api;
    settings.ca_file = oc.ca_file;
    settings.lang = oc.lang;
    settings.sealed_secret = box.value().seal(oc.secret);
    settings.uid = check.value().uid;
    settings.version = check.value().version.version;
    settings.attached_at = Clock::system().now();
    if (auto s = odoo::saveOdooSettings(*store.value(), tenant->id, settings); !s.ok())
        return fail("cannot save the settings: " + s.error().message);
    std::printf("tenant %s attached to Odoo %s at %s (database %s, user id %lld, %s)\n",
                tenant->name.c_str(), settings.version.c_str(), settings.url.c_str(),
                settings.database.c_str(), static_cast<long long>(settings.uid),
                std::string(odoo::apiName(settings.api)).c_str());
    return 0;
}

/// `user disable|enable|passwd --db PATH --email EMAIL`.
int userAccount(const std::vector<std::string>& args) {
    std::string error;
    auto opt = options(args, 2, {"db", "email"}, error);
    if (!opt)
        return fail(error, 2);
    if (!opt->count("email"))
        return fail("--email is required", 2);
    auto store = openStore((*opt)["db"]);
    if (!store.ok())
        return fail("cannot open the database: " + store.error().message);
    auto accounts = adminAccounts(store.value());
    const std::string& email = (*opt)["email"];
    Status s;
    if (args[1] == "passwd") {
        const auto password = readSecretLine();
        if (!password)
            return fail("no password on stdin");
        s = accounts.changePassword(email, *password);
    } else {
        s = accounts.setDisabled(email, args[1] == "disable");
    }
    if (!s.ok())
        return fail(s.error().message);
    std::printf("%s: %s\n", auth::normalizeEmail(email).c_str(),
                args[1] == "passwd"    ? "password changed, sessions revoked"
                : args[1] == "disable" ? "disabled"
                                       : "enabled");
    return 0;
}

int sigFd[2] = {-1, -1};
void onSignal(int) {
    const char c = 1;
    [[maybe_unused]] auto n = ::write(sigFd[1], &c, 1);
}

int serve(std::map<std::string, std::string> opt, int argc, char** argv) {
    auto loaded = loadConfig(opt);
    if (!loaded.ok())
        return fail(loaded.error().message);
    server::ServerConfig& config = loaded.value();
    if (const char* env = std::getenv("BRIDGECORE_JWT_SECRET"); env && *env)
        config.jwt_secret = env;
    else if (auto s = config.loadJwtSecretFile(); !s.ok())
        return fail(s.error().message);
    if (config.jwt_secret.empty())
        return fail("no JWT secret: set BRIDGECORE_JWT_SECRET, or \"jwt_secret_file\" or "
                    "\"jwt_secret\" in --config");
    if (config.jwt_secret.size() < auth::kMinSecretBytes)
        return fail("the JWT secret is too short: it needs at least " +
                    std::to_string(auth::kMinSecretBytes) + " bytes");
    const std::string listen = config.listen;
    const auto colon = listen.rfind(':');
    bool portOk = false;
    const uint port = colon == std::string::npos
                          ? 0
                          : QString::fromStdString(listen.substr(colon + 1)).toUInt(&portOk);
    QString host =
        QString::fromStdString(colon == std::string::npos ? "" : listen.substr(0, colon));
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    QHostAddress address;
    if (!portOk || port > 65535 || !address.setAddress(host))
        return fail("--listen must be HOST:PORT with a numeric address, e.g. 127.0.0.1:8000");

    // Held while serving, so that `restore` can tell that this database is in use.
    storage::DatabaseLock hold;
    if (!storage::isPostgresLocation(config.db) && config.db != ":memory:") {
        auto lock = storage::DatabaseLock::acquire(config.db, storage::DatabaseLock::Mode::Shared);
        if (!lock.ok())
            return fail("cannot serve: " + lock.error().message);
        hold = std::move(lock).value();
    }
    auto store = openStore(config.db);
    if (!store.ok())
        return fail("cannot open the database: " + store.error().message);

    // One descriptor per connection: raise the soft open-file limit to the hard one, and say
    // so when max_connections cannot be reached under it.
    rlimit files{};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0) {
        if (files.rlim_cur < files.rlim_max) {
            files.rlim_cur = files.rlim_max;
            ::setrlimit(RLIMIT_NOFILE, &files);
            ::getrlimit(RLIMIT_NOFILE, &files);
        }
        if (files.rlim_cur != RLIM_INFINITY && rlim_t(config.max_connections) + 64 > files.rlim_cur)
            std::fprintf(stderr,
                         "bridgecore-server: max_connections %lld is near the open-file limit "
                         "%llu: past it, new connections wait in the listen backlog\n",
                         static_cast<long long>(config.max_connections),
                         static_cast<unsigned long long>(files.rlim_cur));
    }

    QCoreApplication app(argc, argv);
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, sigFd) != 0)
        return fail("cannot create the signal pipe");
    QSocketNotifier notifier(sigFd[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char c;
        [[maybe_unused]] auto n = ::read(sigFd[0], &c, 1);
        app.quit();
    });
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    // Tenants attached to Odoo: their feeds run beside the API (issue 10).
    std::unique_ptr<odoo::OdooBridge> bridge;
    {
        bool attached = false;
        const auto tenants = store.value()->tenants();
        if (!tenants.ok())
            return fail("cannot read the tenants: " + tenants.error().message);
        for (const auto& t : tenants.value()) {
            auto s = odoo::loadOdooSettings(*store.value(), t.id);
            attached = attached || (s.ok() && s.value());
        }
        if (attached) {
            auto box = odoo::SecretBox::fromEnvironment(config.secret_key);
            if (!box.ok())
                return fail("a tenant is attached to Odoo: " + box.error().message);
            bridge = std::make_unique<odoo::OdooBridge>(store.value(), std::move(box.value()),
                                                        int(config.odoo_poll_interval_ms));
            if (auto s = bridge->start(); !s.ok())
                return fail("cannot start the Odoo feed: " + s.error().message);
        }
    }

    int rc = 0;
    {
        engine::SyncEngine engine(store.value());
        if (bridge)
            engine.setApplierProvider(
                [b = bridge.get()](std::int64_t tenantId) { return b->applierFor(tenantId); });
        auth::Accounts accounts(store.value(),
                                auth::TokenService(config.jwt_secret, config.tokens));
        server::HttpApi api(engine, accounts, config);
        odoo::OdooConnections odooConnections(*store.value(), bridge.get(), config.secret_key);
        api.setOdooAdmin({[&](std::int64_t tenantId) { return odooConnections.list(tenantId); },
                          [&](std::int64_t tenantId, const std::string& name) {
                              return odooConnections.test(tenantId, name);
                          },
                          [&](std::int64_t tenantId, const std::string& model) {
                              return odooConnections.fields(tenantId, model);
                          }});
        const quint16 bound = api.listen(address, quint16(port));
        if (bound == 0)
            return fail("cannot listen on " + listen + ": " + api.errorString().toStdString());
        const QString shown = address.protocol() == QAbstractSocket::IPv6Protocol
                                  ? u'[' + address.toString() + u']'
                                  : address.toString();
        std::printf("listening on %s:%u\n", shown.toStdString().c_str(), unsigned(bound));
        std::fflush(stdout);
        rc = app.exec();
        // Stop accepting, let running requests finish (their transactions commit), then close
        // the engine and the database.
        api.close();
    }
    if (bridge)
        bridge->stop();
    std::fprintf(stderr, "bridgecore-server: stopped\n");
    return rc;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    std::string error;
    const std::string& cmd = args[0];
    if (cmd == "init") {
        auto opt = options(args, 1, {"db", "config"}, error);
        if (!opt)
            return fail(error, 2);
        auto config = loadConfig(*opt);
        if (!config.ok())
            return fail(config.error().message, 2);
        auto store = openStore(config.value().db, /*migrate=*/true);
        if (!store.ok())
            return fail("cannot open the database: " + store.error().message);
        std::printf("database ready (schema version %d)\n", store.value()->schemaVersion());
        return 0;
    }
    if (cmd == "tenant" && args.size() >= 2 && args[1] == "odoo") {
        QCoreApplication app(argc, argv); // Qt's TLS (https Odoo) wants an application object
        return tenantOdoo(args);
    }
    if (cmd == "user" && args.size() >= 2 &&
        (args[1] == "disable" || args[1] == "enable" || args[1] == "passwd"))
        return userAccount(args);
    if (cmd == "tenant" || cmd == "user") {
        if (args.size() < 2 || args[1] != "add")
            return fail("usage: bridgecore-server " + cmd + " add ...", 2);
        auto opt = cmd == "tenant"
                       ? options(args, 2, {"db", "name"}, error)
                       : options(args, 2, {"db", "tenant", "email", "role", "name"}, error);
        if (!opt)
            return fail(error, 2);
        auto store = openStore((*opt)["db"]);
        if (!store.ok())
            return fail("cannot open the database: " + store.error().message);
        auto accounts = adminAccounts(store.value());
        if (cmd == "tenant") {
            if (!opt->count("name"))
                return fail("--name NAME is required", 2);
            auto id = accounts.createTenant((*opt)["name"]);
            if (!id.ok())
                return fail(id.error().message);
            std::printf("%lld\n", static_cast<long long>(id.value()));
            return 0;
        }
        for (const char* k : {"tenant", "email", "role"})
            if (!opt->count(k))
                return fail(std::string("--") + k + " is required", 2);
        const auto role = protocol::parseRole((*opt)["role"]);
        if (!role)
            return fail("--role must be user, support or admin", 2);
        const auto password = readSecretLine();
        if (!password)
            return fail("no password on stdin");
        auto id = accounts.createUser((*opt)["tenant"], (*opt)["email"],
                                      opt->count("name") ? (*opt)["name"] : "", *role, *password);
        if (!id.ok())
            return fail(id.error().message);
        std::printf("%lld\n", static_cast<long long>(id.value()));
        return 0;
    }
    if (cmd == "serve") {
        auto opt = options(args, 1, {"db", "listen", "config"}, error);
        if (!opt)
            return fail(error, 2);
        return serve(*opt, argc, argv);
    }
    if (cmd == "backup" || cmd == "restore") {
        auto opt = options(args, 1, {"db", "config", cmd == "backup" ? "out" : "from"}, error);
        if (!opt)
            return fail(error, 2);
        return backupOrRestore(cmd, *opt);
    }
    return fail("unknown command '" + cmd + "'\n" + kUsage, 2);
}
