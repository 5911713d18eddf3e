#include "ServerProcess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>

namespace bridgecore::testsupport {

QString serverBinary() {
    const QByteArray explicitBin = qgetenv("BRIDGECORE_SERVER_BIN");
    if (!explicitBin.isEmpty())
        return QString::fromLocal8Bit(explicitBin);
    const QByteArray build = qgetenv("BRIDGECORE_BUILD_DIR");
    if (!build.isEmpty())
        return QString::fromLocal8Bit(build) + QStringLiteral("/app/server/bridgecore-server");
    return QStringLiteral(BRIDGECORE_DEFAULT_SERVER_BIN);
}

QByteArray testJwtSecret() {
    return QByteArrayLiteral("test-secret-0123456789-abcdefghijklmnopqrstuvwx");
}

namespace {
QProcessEnvironment envWith(const QByteArray& secret) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (secret.isEmpty())
        env.remove(QStringLiteral("BRIDGECORE_JWT_SECRET"));
    else
        env.insert(QStringLiteral("BRIDGECORE_JWT_SECRET"), QString::fromLatin1(secret));
    return env;
}
} // namespace

CommandResult runServerCommand(const QStringList& args, const QByteArray& input,
                               const QByteArray& jwtSecret, int timeoutMs) {
    QProcess p;
    p.setProcessEnvironment(envWith(jwtSecret));
    p.start(serverBinary(), args);
    CommandResult r;
    if (!p.waitForStarted(timeoutMs)) {
        r.err = p.errorString().toUtf8();
        return r;
    }
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timeout";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

ServerProcess::ServerProcess(QString dbPath, QByteArray jwtSecret)
    : m_db(std::move(dbPath))
    , m_secret(std::move(jwtSecret)) {}

ServerProcess::~ServerProcess() {
    if (running())
        kill();
}

bool ServerProcess::init() {
    const auto r = runServerCommand({QStringLiteral("init"), QStringLiteral("--db"), m_db});
    m_error = QString::fromUtf8(r.err);
    return r.exitCode == 0;
}

std::optional<qint64> ServerProcess::addTenant(const QString& name) {
    const auto r = runServerCommand({QStringLiteral("tenant"), QStringLiteral("add"),
                                     QStringLiteral("--db"), m_db, QStringLiteral("--name"), name});
    m_error = QString::fromUtf8(r.err);
    bool ok = false;
    const qint64 id = r.out.trimmed().toLongLong(&ok);
    if (r.exitCode != 0 || !ok)
        return std::nullopt;
    return id;
}

std::optional<qint64> ServerProcess::addUser(const QString& tenant, const QString& email,
                                             const QString& role, const QString& password,
                                             const QString& name) {
    QStringList args{QStringLiteral("user"),     QStringLiteral("add"),
                     QStringLiteral("--db"),     m_db,
                     QStringLiteral("--tenant"), tenant,
                     QStringLiteral("--email"),  email,
                     QStringLiteral("--role"),   role};
    if (!name.isEmpty())
        args << QStringLiteral("--name") << name;
    const auto r = runServerCommand(args, password.toUtf8() + '\n');
    m_error = QString::fromUtf8(r.err);
    bool ok = false;
    const qint64 id = r.out.trimmed().toLongLong(&ok);
    if (r.exitCode != 0 || !ok)
        return std::nullopt;
    return id;
}

bool ServerProcess::start(const nlohmann::json& config, int timeoutMs) {
    if (running())
        return false;
    QStringList args{QStringLiteral("serve"), QStringLiteral("--db"), m_db,
                     QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")};
    if (!config.is_null()) {
        // Beside the database, or (for a PostgreSQL URI) in a directory of our own.
        if (!m_configDir)
            m_configDir = std::make_unique<QTemporaryDir>();
        const QString path = m_db.contains(QStringLiteral("://"))
                                 ? m_configDir->filePath(QStringLiteral("config.json"))
                                 : m_db + QStringLiteral(".config.json");
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            m_error = QStringLiteral("cannot write ") + path;
            return false;
        }
        f.write(QByteArray::fromStdString(config.dump()));
        f.close();
        args << QStringLiteral("--config") << path;
    }
    m_proc = std::make_unique<QProcess>();
    m_proc->setProcessEnvironment(envWith(m_secret));
    // The server's log goes to a file, not a pipe: a test that blocks without an event loop
    // while the server logs ~370 requests would otherwise fill the pipe and stall the server
    // mid-request. Appended across restarts, so stderrText() keeps everything.
    if (!m_logDir)
        m_logDir = std::make_unique<QTemporaryDir>();
    m_proc->setStandardErrorFile(m_logDir->filePath(QStringLiteral("server.stderr")),
                                 QIODevice::Append);
    m_stdout.clear();
    m_port = 0;
    m_proc->start(serverBinary(), args);
    if (!m_proc->waitForStarted(timeoutMs)) {
        m_error = m_proc->errorString();
        return false;
    }
    static const QRegularExpression re(QStringLiteral("listening on ([^\\s]+):(\\d+)"));
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        m_proc->waitForReadyRead(100);
        m_stdout += m_proc->readAllStandardOutput();
        const auto m = re.match(QString::fromUtf8(m_stdout));
        if (m.hasMatch()) {
            m_port = quint16(m.captured(2).toUInt());
            return m_port != 0;
        }
        if (m_proc->state() == QProcess::NotRunning) {
            m_error = QStringLiteral("server exited: ") + QString::fromUtf8(stderrText());
            return false;
        }
    }
    m_error = QStringLiteral("no 'listening on' line in time");
    kill();
    return false;
}

int ServerProcess::stop(int timeoutMs) {
    if (!m_proc || m_proc->state() == QProcess::NotRunning)
        return -1;
    ::kill(static_cast<pid_t>(m_proc->processId()), SIGTERM);
    if (!m_proc->waitForFinished(timeoutMs)) {
        kill();
        return -1;
    }
    return m_proc->exitStatus() == QProcess::NormalExit ? m_proc->exitCode() : -1;
}

int ServerProcess::waitForExit(int timeoutMs) {
    if (!m_proc)
        return -1;
    if (m_proc->state() != QProcess::NotRunning && !m_proc->waitForFinished(timeoutMs))
        return -1;
    return m_proc->exitStatus() == QProcess::NormalExit ? m_proc->exitCode() : -1;
}

void ServerProcess::kill() {
    if (!m_proc || m_proc->state() == QProcess::NotRunning)
        return;
    m_proc->kill();
    m_proc->waitForFinished(10000);
}

bool ServerProcess::running() const {
    return m_proc && m_proc->state() == QProcess::Running;
}

QString ServerProcess::baseUrl() const {
    return QStringLiteral("http://127.0.0.1:") + QString::number(m_port);
}

qint64 ServerProcess::pid() const {
    return m_proc ? m_proc->processId() : -1;
}

qint64 ServerProcess::rssKiB() const {
    if (!running())
        return -1;
    QFile f(QStringLiteral("/proc/%1/status").arg(pid()));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            const QByteArray v = line.mid(6).trimmed();
            return v.left(v.indexOf(' ')).toLongLong();
        }
    }
    return -1;
}

QByteArray ServerProcess::stderrText() const {
    if (!m_logDir)
        return {};
    QFile f(m_logDir->filePath(QStringLiteral("server.stderr")));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace bridgecore::testsupport
