#include "ConsoleSession.h"

#include "AsyncCall.h"
#include "DemoSimulator.h"
#include "RemoteBackend.h"
#include "server/HttpApi.h"
#include "storage/OpenStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QUuid>

#include <optional>

namespace bridgecore::console {

namespace {
QString randomText(int length) {
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    QString out;
    for (int i = 0; i < length; ++i)
        out += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof alphabet) - 1)]);
    return out;
}

/// Reads the JWT secret kept next to the database, creating it (owner-only) on first use.
Result<std::string> loadSecret(const QString& path) {
    QFile f(path);
    if (f.exists()) {
        if (!f.open(QIODevice::ReadOnly))
            return Error{ErrorCode::Internal, "cannot read " + path.toStdString()};
        const QByteArray s = f.readAll().trimmed();
        if (std::size_t(s.size()) >= auth::kMinSecretBytes)
            return s.toStdString();
        f.close();
    }
    const QString secret = randomText(48);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error{ErrorCode::Internal, "cannot write " + path.toStdString()};
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    f.write(secret.toUtf8());
    return secret.toStdString();
}
} // namespace

ConsoleSession::ConsoleSession()
    : m_serviceThread(new QThread(this))
    , m_serviceContext(new QObject) {
    m_serviceThread->setObjectName(QStringLiteral("console-service"));
    m_serviceContext->moveToThread(m_serviceThread);
    connect(m_serviceThread, &QThread::finished, m_serviceContext, &QObject::deleteLater);
    m_serviceThread->start();
}

template <typename F> auto ConsoleSession::onServiceThread(F work) -> decltype(work()) {
    using R = decltype(work());
    if (QThread::currentThread() == m_serviceThread)
        return work();
    std::optional<R> out;
    // Qt's blocking queue is a futex ThreadSanitizer cannot see: say what it guarantees.
    HANDOFF_RELEASE(&out);
    QMetaObject::invokeMethod(
        m_serviceContext,
        [&] {
            HANDOFF_ACQUIRE(&out);
            out.emplace(work());
            HANDOFF_RELEASE(&out);
        },
        Qt::BlockingQueuedConnection);
    HANDOFF_ACQUIRE(&out);
    return std::move(*out);
}

ConsoleSettings ConsoleSession::settings() const {
    std::lock_guard lock(m_settingsMutex);
    return m_settings;
}

QString ConsoleSession::resolveDataDir(const QString& requested) {
    if (!requested.isEmpty())
        return QDir(requested).absolutePath();
    const QString env = qEnvironmentVariable("BRIDGECORE_DATA_DIR");
    if (!env.isEmpty())
        return QDir(env).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

Result<std::unique_ptr<ConsoleSession>> ConsoleSession::openEmbedded(const QString& dataDir) {
    std::unique_ptr<ConsoleSession> s(new ConsoleSession);
    s->m_dataDir = dataDir;
    if (auto st = s->init(); !st)
        return st.error();
    return s;
}

Result<std::unique_ptr<ConsoleSession>> ConsoleSession::openDemo(const QString& dataDir) {
    // A fresh demo each time: its database only ever holds simulated data.
    QDir demoDir(dataDir + QStringLiteral("/demo"));
    if (demoDir.exists() && !demoDir.removeRecursively())
        return Error{ErrorCode::StorageError,
                     "cannot clear the demo database in " + demoDir.path().toStdString()};
    std::unique_ptr<ConsoleSession> s(new ConsoleSession);
    s->m_dataDir = demoDir.path();
    s->m_isDemo = true;
    // The console's own device syncs at the shortest interval, so Records shows the demo's
    // data within seconds of the start instead of after the default 30 s.
    if (!QDir().mkpath(s->m_dataDir))
        return Error{ErrorCode::StorageError,
                     "cannot create the demo directory " + s->m_dataDir.toStdString()};
    ConsoleSettings demoSettings;
    demoSettings.syncIntervalSeconds = kDemoSyncIntervalSeconds;
    demoSettings.save(s->settingsPath());
    if (auto st = s->init(); !st)
        return st.error();
    s->m_initialPassword.clear(); // nobody logs in to the demo
    s->m_firstStart = false;
    s->startDemo();
    return s;
}

Result<std::unique_ptr<client::HttpTransport>> ConsoleSession::login(const QString& serverUrl,
                                                                     const QString& email,
                                                                     const QString& password,
                                                                     client::LoginResult* result) {
    const QUrl url(serverUrl.trimmed(), QUrl::StrictMode);
    if (!url.isValid() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty())
        return Error{ErrorCode::ValidationError,
                     "'" + serverUrl.toStdString() +
                         "' is not a server address; write it like http://192.168.1.10:8000"};
    if (email.trimmed().isEmpty() || password.isEmpty())
        return Error{ErrorCode::ValidationError, "enter the email address and the password"};
    auto transport = std::make_unique<client::HttpTransport>(url);
    transport->setTimeoutMs(15000);
    auto r = transport->login(email.trimmed().toStdString(), password.toStdString());
    if (!r) {
        Error e = r.error();
        if (e.code == ErrorCode::Unauthorized)
            e.message = "wrong email or password for " + url.toString().toStdString();
        else if (client::isNetworkError(e))
            e.message = "cannot reach the server " + url.toString().toStdString() + " (" +
                        e.message.substr(9) + ")";
        return e;
    }
    if (result)
        *result = r.value();
    return transport;
}

Result<std::unique_ptr<ConsoleSession>> ConsoleSession::openConnected(
    const QString& dataDir, const QString& serverUrl, const QString& email,
    std::unique_ptr<client::HttpTransport> transport, const client::LoginResult& login) {
    std::unique_ptr<ConsoleSession> s(new ConsoleSession);
    s->m_dataDir = dataDir;
    s->m_serverUrl = serverUrl.trimmed();
    if (!QDir().mkpath(dataDir))
        return Error{ErrorCode::StorageError,
                     "cannot create the data directory " + dataDir.toStdString()};
    s->m_settings = ConsoleSettings::load(s->settingsPath());
    s->m_settings.mode = ConsoleSettings::Mode::Connected;
    s->m_settings.serverUrl = s->m_serverUrl;
    s->m_settings.email = email.trimmed();
    s->m_settings.save(s->settingsPath());
    const protocol::json& user = login.user;
    protocol::Role role = protocol::Role::User;
    if (user.is_object() && user.contains("role") && user["role"].is_string())
        role = protocol::parseRole(user["role"].get<std::string>()).value_or(role);
    s->m_caller.role = role;
    if (user.is_object() && user.contains("id") && user["id"].is_number_integer())
        s->m_caller.user_id = user["id"].get<std::int64_t>();
    if (login.tenant.is_object() && login.tenant.contains("id") &&
        login.tenant["id"].is_number_integer())
        s->m_caller.tenant_id = login.tenant["id"].get<std::int64_t>();
    s->m_httpTransport = std::move(transport);
    s->m_httpTransport->setLoginHint("log in to the console again");
    auto backend = std::make_unique<RemoteBackend>(*s->m_httpTransport, QUrl(s->m_serverUrl), role,
                                                   s->m_settings.email);
    if (role != protocol::Role::User)
        backend->startLiveUpdates();
    s->m_backend = std::move(backend);
    if (auto st = s->initClient(*s->m_httpTransport); !st)
        return st.error();
    return s;
}

QString ConsoleSession::databasePath() const {
    return m_dataDir + QStringLiteral("/bridgecore.db");
}

QString ConsoleSession::databaseLocation() const {
    return m_settings.database.isEmpty() ? databasePath() : m_settings.database;
}

QString ConsoleSession::settingsPath() const {
    return m_dataDir + QStringLiteral("/console.ini");
}

Status ConsoleSession::init() {
    if (!QDir().mkpath(m_dataDir))
        return Error{ErrorCode::StorageError,
                     "cannot create the data directory " + m_dataDir.toStdString()};
    // The settings name the database: the SQLite file here, or a PostgreSQL URI.
    m_settings = ConsoleSettings::load(settingsPath());
    auto store = storage::openStore(databaseLocation().toStdString(), /*migrate=*/true);
    if (!store)
        return store.error();
    m_store = store.value();
    m_engine = std::make_unique<engine::SyncEngine>(m_store);

    auto secret = loadSecret(m_dataDir + QStringLiteral("/jwt-secret"));
    if (!secret)
        return secret.error();
    m_jwtSecret = secret.value();
    m_accounts = std::make_unique<auth::Accounts>(m_store, auth::TokenService(m_jwtSecret));

    // First start: the local tenant and its admin.
    auto tenantFound = m_store->tenantByName(kTenantName);
    if (tenantFound.ok() && !tenantFound.value()) {
        auto id = m_accounts->createTenant(kTenantName);
        if (!id)
            return id.error();
        tenantFound = m_store->tenant(id.value());
        m_firstStart = true;
    }
    if (!tenantFound.ok())
        return tenantFound.error();
    const auto& tenant = tenantFound.value();
    if (!tenant)
        return Error{ErrorCode::StorageError, "the local tenant could not be read back"};
    auto adminFound = m_store->userByEmail(kAdminEmail);
    if (adminFound.ok() && !adminFound.value()) {
        m_initialPassword = randomText(16);
        auto id = m_accounts->createUser(kTenantName, kAdminEmail, "Administrator",
                                         protocol::Role::Admin, m_initialPassword.toStdString());
        if (!id)
            return id.error();
        adminFound = m_store->user(id.value());
        m_firstStart = true;
    }
    if (!adminFound.ok())
        return adminFound.error();
    const auto& admin = adminFound.value();
    if (!admin)
        return Error{ErrorCode::StorageError, "the admin user could not be read back"};
    m_caller = engine::Caller{tenant->id, admin->id, protocol::Role::Admin};

    if (m_firstStart)
        m_settings.save(settingsPath());

    m_backend = std::make_unique<EmbeddedBackend>(
        *m_engine, *m_accounts, m_caller,
        QString::fromStdString(storage::displayLocation(databaseLocation().toStdString())));

    // The console's own offline client.
    m_transport = std::make_unique<client::InProcessTransport>(*m_engine, m_caller);
    if (auto st = initClient(*m_transport); !st)
        return st;

    if (m_settings.serveApi) {
        auto port = startServing(m_settings.serveAddress, quint16(m_settings.servePort));
        if (!port)
            qWarning("bridgecore-console: serving the sync API failed: %s",
                     port.error().message.c_str());
    }
    return Status::success();
}

Status ConsoleSession::initClient(client::Transport& transport) {
    m_clientPool.setMaxThreadCount(1);
    m_clientPool.setExpiryTimeout(-1);
    QString cacheName = QStringLiteral("/console-cache.db");
    if (!m_serverUrl.isEmpty()) {
        // One cache per server and account: their records and outboxes never mix.
        const QByteArray key = (m_serverUrl + QLatin1Char('|') + m_settings.email).toUtf8();
        cacheName =
            QStringLiteral("/connected-cache-%1.db")
                .arg(QString::fromLatin1(
                    QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(16)));
    }
    auto cache = client::ClientCache::open(m_dataDir + cacheName);
    if (!cache)
        return cache.error();
    m_cache = std::move(cache.value());
    if (m_cache->stateValue("device_id").empty()) {
        const QString id =
            QStringLiteral("console-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        if (auto st = m_cache->setDeviceId(id.toStdString()); !st)
            return st;
    }
    if (auto st = m_cache->setAppType(m_settings.appType.toStdString()); !st)
        return st;
    if (auto map = m_engine ? m_engine->modelMap(m_caller)
                            : Result<storage::ModelMap>(Error{ErrorCode::NotFound, "remote"})) {
        auto it = map.value().find(m_settings.appType.toStdString());
        if (it != map.value().end()) {
            std::vector<std::string> models;
            for (const auto& e : it->second)
                models.push_back(e.model);
            (void)m_cache->setAllowedModels(models);
        }
    }
    client::SyncOptions options;
    options.strategy = m_settings.defaultStrategy;
    options.app_version = "bridgecore-console " + client::clientVersion();
    m_client = std::make_unique<client::SyncClient>(*m_cache, transport, options);
    m_scheduler = std::make_unique<client::SyncScheduler>(*m_client);
    m_scheduler->setIntervalMs(m_settings.syncIntervalSeconds * 1000);
    m_scheduler->start();
    return Status::success();
}

ConsoleSession::~ConsoleSession() {
    if (m_demo)
        m_demo->stop();
    if (m_scheduler) {
        m_scheduler->stop();
        m_scheduler->waitForIdle();
    }
    stopServing();
    m_serviceThread->quit();
    m_serviceThread->wait();
    m_clientPool.waitForDone();
    acquireDrainedPool(m_clientPool);
    m_demo.reset();
    m_backend.reset();
}

void ConsoleSession::applySettingsAsync(const ConsoleSettings& s) {
    QMetaObject::invokeMethod(m_serviceContext, [this, s] {
        const Status st = applySettingsHere(s);
        emit settingsApplied(st ? QString() : QString::fromStdString(st.error().message));
    });
}

Status ConsoleSession::applySettings(const ConsoleSettings& s) {
    return onServiceThread([&] { return applySettingsHere(s); });
}

Status ConsoleSession::applySettingsHere(const ConsoleSettings& s) {
    ConsoleSettings old;
    {
        std::lock_guard lock(m_settingsMutex);
        old = m_settings;
        m_settings = s;
    }
    s.save(settingsPath());
    // The scheduler's timer belongs to the thread that made it.
    QMetaObject::invokeMethod(m_scheduler.get(),
                              [sched = m_scheduler.get(), ms = s.syncIntervalSeconds * 1000] {
                                  sched->setIntervalMs(ms);
                              });
    auto options = m_client->options();
    options.strategy = s.defaultStrategy;
    m_client->setOptions(options);
    if (s.appType != old.appType) {
        if (auto st = m_cache->setAppType(s.appType.toStdString()); !st)
            return st;
        // Connected: the default map of the app type (asking the server would block here).
        if (auto map = m_engine ? m_engine->modelMap(m_caller)
                                : Result<storage::ModelMap>(Error{ErrorCode::NotFound, "remote"})) {
            auto it = map.value().find(s.appType.toStdString());
            if (it != map.value().end()) {
                std::vector<std::string> models;
                for (const auto& e : it->second)
                    models.push_back(e.model);
                (void)m_cache->setAllowedModels(models);
            }
        }
    }
    if (s.serveApi &&
        (!isServing() || s.serveAddress != old.serveAddress || s.servePort != old.servePort)) {
        auto port = startServingHere(s.serveAddress, quint16(s.servePort));
        if (!port)
            return port.error();
    } else if (!s.serveApi) {
        stopServingHere();
    }
    return Status::success();
}

Result<quint16> ConsoleSession::startServing(const QString& address, quint16 port) {
    return onServiceThread([&] { return startServingHere(address, port); });
}

void ConsoleSession::stopServing() {
    onServiceThread([&] {
        stopServingHere();
        return true;
    });
}

Result<quint16> ConsoleSession::startServingHere(const QString& address, quint16 port) {
    stopServingHere();
    if (!m_engine)
        return Error{ErrorCode::ValidationError,
                     "only the embedded console serves the sync API; this one is connected to " +
                         m_serverUrl.toStdString()};
    QHostAddress host;
    if (!host.setAddress(address))
        return Error{ErrorCode::ValidationError,
                     "'" + address.toStdString() + "' is not an IP address"};
    server::ServerConfig config;
    config.jwt_secret = m_jwtSecret;
    config.log_requests = false;
    config.worker_threads = 2;
    auto api = std::make_unique<server::HttpApi>(*m_engine, *m_accounts, config);
    const quint16 bound = api->listen(host, port);
    if (bound == 0)
        return Error{ErrorCode::Internal, "cannot listen on " + address.toStdString() + ":" +
                                              std::to_string(port) + ": " +
                                              api->errorString().toStdString()};
    m_httpApi = std::move(api);
    m_servingPort = bound;
    emit servingChanged(true, QStringLiteral("%1:%2").arg(address).arg(bound));
    return bound;
}

void ConsoleSession::stopServingHere() {
    if (!m_httpApi)
        return;
    m_httpApi->close();
    m_httpApi.reset();
    m_servingPort = 0;
    emit servingChanged(false, {});
}

void ConsoleSession::startDemo(int devices, int tickMs) {
    if (!m_engine)
        return; // the demo devices run on the embedded engine only
    if (!m_demo)
        m_demo = std::make_unique<DemoSimulator>(*m_engine, *m_accounts, m_caller.tenant_id);
    m_demo->start(devices, tickMs);
}

void ConsoleSession::settleLocalConflict(std::int64_t conflictId) {
    auto c = m_backend->conflict(conflictId);
    if (!c || c.value().device_id != m_cache->deviceId())
        return;
    protocol::ResolveResult r;
    r.local_id = c.value().local_id;
    r.model = c.value().model;
    r.server_id = c.value().record_id;
    r.conflict_id = conflictId;
    r.status = protocol::ChangeStatus::Success;
    if (c.value().info.server_version)
        r.version = c.value().info.server_version;
    (void)m_cache->markResolved(c.value().local_id, r);
}

} // namespace bridgecore::console
