#pragma once
// Helpers of the client integration tests: a device driven through the bridgecore-sync CLI,
// a loopback fault proxy in front of the real server, and a look into the server's database.

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTcpServer>

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <vector>

class QTcpSocket;

namespace bridgecore::clienttest {

using json = nlohmann::json;

/// The bridgecore-sync binary ($BRIDGECORE_BUILD_DIR/app/sync/bridgecore-sync).
QString cliBinary();

struct CliResult {
    int exitCode = -1; // -1: crashed or killed
    QByteArray out, err;
    /// stdout as JSON (the last line); null when it is not JSON.
    json last() const;
    /// Every stdout line as JSON.
    std::vector<nlohmann::json> lines() const;
};

/// One device: a cache file driven by the CLI.
class CliDevice {
public:
    CliDevice(QString cachePath, QString deviceId, QString serverUrl, QString email,
              QString appType = QStringLiteral("sales_app"));
    /// Runs `bridgecore-sync <common options> args...` to completion.
    CliResult run(const QStringList& args, const QByteArray& input = {},
                  int timeoutMs = 120000) const;
    /// Starts the CLI without waiting (for SIGKILL tests).
    std::unique_ptr<QProcess> start(const QStringList& args) const;
    QStringList commonArgs() const;
    void setServer(const QString& url) { m_server = url; }
    /// `records MODEL`: server id -> data (local-only records get negative keys).
    std::map<std::int64_t, json> records(const QString& model) const;
    /// The server id of the record created as `localId` (0 when not known yet).
    std::int64_t serverId(const QString& model, const QString& localId) const;

private:
    QString m_cache, m_device, m_server, m_email, m_appType;
};

/// server id -> data of the live records of `model` in the server's database.
std::map<std::int64_t, json> serverRecords(const QString& dbPath, std::int64_t tenantId,
                                           const std::string& model);

/// A TCP proxy on 127.0.0.1 that forwards to the server or injects faults per connection.
class FaultProxy : public QObject {
    Q_OBJECT
public:
    enum class Mode {
        Pass,        // forward both ways
        Error500,    // answer 500 without asking the server
        Close,       // close the connection at the first byte
        DropResponse // forward the request, then close before the response reaches the client
    };
    explicit FaultProxy(quint16 upstreamPort, QObject* parent = nullptr);
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    QString url() const;
    void setUpstreamPort(quint16 port) { m_upstream = port; }
    /// The next `connections` connections get `mode`; then Pass again.
    void inject(Mode mode, int connections);
    /// The next connections get these modes, one each, in order; then Pass again.
    void script(const std::vector<Mode>& modes) { m_script = modes; }
    int faultsLeft() const { return m_faultsLeft + int(m_script.size()); }
    int connectionsSeen() const { return m_connections; }
    int faultsInjected() const { return m_faultsInjected; }

signals:
    /// The first bytes of a request arrived (its first line).
    void requestSeen(const QByteArray& firstLine);

private:
    void onNewConnection();

    QTcpServer m_server;
    quint16 m_upstream;
    Mode m_mode = Mode::Pass;
    std::vector<Mode> m_script;
    int m_faultsLeft = 0;
    int m_connections = 0;
    int m_faultsInjected = 0;
};

} // namespace bridgecore::clienttest
