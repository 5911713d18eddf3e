#pragma once
// Runs the real `bridgecore-server` for tests: prepares a database (init, tenant add,
// user add), starts `serve` on 127.0.0.1 with a free port, waits for its
// "listening on HOST:PORT" line, and stops it with SIGTERM.
//
//   bridgecore::testsupport::ServerProcess server(dir.filePath("db.sqlite"));
//   QVERIFY(server.init());
//   QVERIFY(server.addTenant("acme"));
//   QVERIFY(server.addUser("acme", "ann@acme.test", "admin", "password123"));
//   QVERIFY(server.start());            // optional: a JSON config object for --config
//   HttpClient http(server.baseUrl());
//   ...
//   QCOMPARE(server.stop(), 0);         // SIGTERM; the exit code

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

class QTemporaryDir;

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>

namespace bridgecore::testsupport {

/// The bridgecore-server binary: $BRIDGECORE_SERVER_BIN, else $BRIDGECORE_BUILD_DIR/app/server/,
/// else the build tree this library was configured in.
QString serverBinary();
/// A 48-byte secret for tests.
QByteArray testJwtSecret();

struct CommandResult {
    int exitCode = -1;
    QByteArray out, err;
};
/// Runs `bridgecore-server args...` to completion with `input` on stdin.
CommandResult runServerCommand(const QStringList& args, const QByteArray& input = {},
                               const QByteArray& jwtSecret = {}, int timeoutMs = 60000);

class ServerProcess {
public:
    /// `dbPath`: what `--db` takes, a SQLite path or a PostgreSQL URI.
    explicit ServerProcess(QString dbPath, QByteArray jwtSecret = testJwtSecret());
    ~ServerProcess(); // kills a server still running

    /// `init --db`.
    bool init();
    /// `tenant add`; the new tenant's id.
    std::optional<qint64> addTenant(const QString& name);
    /// `user add` with the password on stdin; the new user's id.
    std::optional<qint64> addUser(const QString& tenant, const QString& email, const QString& role,
                                  const QString& password, const QString& name = {});

    /// `serve --listen 127.0.0.1:0 [--config FILE]` (config written to a file next to the db, or
    /// in a temporary directory when the db is a PostgreSQL URI);
    /// true once the server printed its "listening on" line. Request logs go to stderrText().
    bool start(const nlohmann::json& config = nullptr, int timeoutMs = 30000);
    /// SIGTERM and wait; the exit code (-1 when it had to be killed or was not running).
    int stop(int timeoutMs = 30000);
    /// Waits for the process to exit on its own; its exit code (-1 on timeout or a crash).
    int waitForExit(int timeoutMs = 30000);
    /// SIGKILL.
    void kill();
    bool running() const;

    quint16 port() const { return m_port; }
    QString host() const { return QStringLiteral("127.0.0.1"); }
    /// "http://127.0.0.1:PORT"
    QString baseUrl() const;
    qint64 pid() const;
    /// Resident memory of the server process in KiB (VmRSS of /proc/PID/status); -1 if unknown.
    qint64 rssKiB() const;
    /// Everything the server wrote on stderr so far (request log lines, errors).
    QByteArray stderrText() const;
    QByteArray jwtSecret() const { return m_secret; }
    QString dbPath() const { return m_db; }
    QString lastError() const { return m_error; }

private:
    QString m_db;
    QByteArray m_secret;
    std::unique_ptr<QProcess> m_proc;
    QByteArray m_stdout;
    quint16 m_port = 0;
    QString m_error;
    std::unique_ptr<QTemporaryDir> m_configDir; // the --config file when m_db is a URI
    std::unique_ptr<QTemporaryDir> m_logDir;    // server.stderr, the server's log
};

} // namespace bridgecore::testsupport
