#include "ClientTestSupport.h"

#include "storage/SyncStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QTcpSocket>

namespace bridgecore::clienttest {

QString cliBinary() {
    const QString dir = qEnvironmentVariable("BRIDGECORE_BUILD_DIR");
    if (!dir.isEmpty())
        return dir + QStringLiteral("/app/sync/bridgecore-sync");
    return QStringLiteral(BRIDGECORE_DEFAULT_SYNC_BIN);
}

json CliResult::last() const {
    const auto all = lines();
    return all.empty() ? nlohmann::json(nullptr) : all.back();
}

std::vector<nlohmann::json> CliResult::lines() const {
    std::vector<nlohmann::json> result;
    for (const QByteArray& line : out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        auto j = nlohmann::json::parse(line.toStdString(), nullptr, false);
        if (!j.is_discarded())
            result.push_back(std::move(j));
    }
    return result;
}

CliDevice::CliDevice(QString cachePath, QString deviceId, QString serverUrl, QString email,
                     QString appType)
    : m_cache(std::move(cachePath))
    , m_device(std::move(deviceId))
    , m_server(std::move(serverUrl))
    , m_email(std::move(email))
    , m_appType(std::move(appType)) {}

QStringList CliDevice::commonArgs() const {
    return {QStringLiteral("--server"), m_server, QStringLiteral("--email"),    m_email,
            QStringLiteral("--device"), m_device, QStringLiteral("--app-type"), m_appType,
            QStringLiteral("--cache"),  m_cache};
}

CliResult CliDevice::run(const QStringList& args, const QByteArray& input, int timeoutMs) const {
    QProcess p;
    p.start(cliBinary(), commonArgs() + args);
    CliResult r;
    if (!p.waitForStarted(30000)) {
        r.err = p.errorString().toUtf8();
        return r;
    }
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs))
        p.kill(), p.waitForFinished();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

std::unique_ptr<QProcess> CliDevice::start(const QStringList& args) const {
    auto p = std::make_unique<QProcess>();
    p->start(cliBinary(), commonArgs() + args);
    p->waitForStarted(30000);
    p->closeWriteChannel();
    return p;
}

std::map<std::int64_t, json> CliDevice::records(const QString& model) const {
    std::map<std::int64_t, json> out;
    const auto r = run({QStringLiteral("records"), model});
    for (const auto& line : r.lines()) {
        if (line["id"].is_number_integer())
            out[line["id"].get<std::int64_t>()] = line["data"];
        else
            out[-static_cast<std::int64_t>(out.size()) - 1] = line["data"];
    }
    return out;
}

std::int64_t CliDevice::serverId(const QString& model, const QString& localId) const {
    const auto r = run({QStringLiteral("records"), model});
    for (const auto& line : r.lines())
        if (line["local_id"] == localId.toStdString() && line["id"].is_number_integer())
            return line["id"].get<std::int64_t>();
    return 0;
}

std::map<std::int64_t, json> serverRecords(const QString& dbPath, std::int64_t tenantId,
                                           const std::string& model) {
    std::map<std::int64_t, json> out;
    auto store = storage::openSqliteStore(dbPath.toStdString());
    if (!store.ok())
        return out;
    for (int offset = 0;; offset += 10000) {
        const auto rows = store.value()->records(tenantId, model, 10000, offset).value();
        for (const auto& r : rows)
            if (!r.deleted)
                out[r.id] = r.data;
        if (rows.size() < 10000)
            break;
    }
    return out;
}

// ---- FaultProxy ----------------------------------------------------------------------------

FaultProxy::FaultProxy(quint16 upstreamPort, QObject* parent)
    : QObject(parent)
    , m_upstream(upstreamPort) {
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
}

bool FaultProxy::listen() {
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QString FaultProxy::url() const {
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

void FaultProxy::inject(Mode mode, int connections) {
    m_mode = mode;
    m_faultsLeft = connections;
}

void FaultProxy::onNewConnection() {
    while (QTcpSocket* client = m_server.nextPendingConnection()) {
        ++m_connections;
        Mode mode = Mode::Pass;
        if (!m_script.empty()) {
            mode = m_script.front();
            m_script.erase(m_script.begin());
            if (mode != Mode::Pass)
                ++m_faultsInjected;
        } else if (m_faultsLeft > 0) {
            mode = m_mode;
            --m_faultsLeft;
            ++m_faultsInjected;
        }
        client->setParent(this);
        QPointer<QTcpSocket> c(client);
        if (mode == Mode::Close) {
            connect(client, &QTcpSocket::readyRead, client, [c] {
                if (c)
                    c->abort(), c->deleteLater();
            });
            continue;
        }
        if (mode == Mode::Error500) {
            connect(client, &QTcpSocket::readyRead, client, [this, c] {
                if (!c)
                    return;
                const QByteArray data = c->readAll();
                emit requestSeen(data.left(data.indexOf('\r')));
                c->write("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                         "Content-Length: 48\r\nConnection: close\r\n\r\n"
                         "{\"detail\":\"injected fault\",\"error_code\":\"X\"}    ");
                c->disconnectFromHost();
            });
            connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            continue;
        }
        auto* upstream = new QTcpSocket(client);
        QPointer<QTcpSocket> u(upstream);
        const bool drop = mode == Mode::DropResponse;
        connect(client, &QTcpSocket::readyRead, client, [this, c, u] {
            if (!c || !u)
                return;
            const QByteArray data = c->readAll();
            if (data.startsWith("POST ") || data.startsWith("GET "))
                emit requestSeen(data.left(data.indexOf('\r')));
            u->write(data);
        });
        connect(upstream, &QTcpSocket::readyRead, upstream, [c, u, drop] {
            if (!c || !u)
                return;
            const QByteArray data = u->readAll();
            if (drop) {
                // The server has done the work; the client never learns the outcome.
                c->abort();
                c->deleteLater();
                return;
            }
            c->write(data);
        });
        connect(upstream, &QTcpSocket::disconnected, client, [c] {
            if (c)
                c->disconnectFromHost();
        });
        connect(upstream, &QTcpSocket::errorOccurred, client, [c](QAbstractSocket::SocketError) {
            if (c)
                c->abort(), c->deleteLater();
        });
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        upstream->connectToHost(QHostAddress::LocalHost, m_upstream);
        // Bytes that arrive before the upstream is connected are buffered by QTcpSocket::write.
    }
}

} // namespace bridgecore::clienttest
