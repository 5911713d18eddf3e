// `bridgecore-server` configured as the Debian service runs it: `serve --config FILE` alone,
// with "db", "listen" and "jwt_secret_file" from the file (relative paths from the file's
// folder), flags winning over the file, and clear refusals of a bad secret file.

#include "ServerFixture.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>

#include <csignal>

using namespace bridgecore::testsupport;

namespace {

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

/// A `bridgecore-server serve ...` run from `workDir`, with BRIDGECORE_JWT_SECRET set only when
/// `envSecret` is not empty.
struct Serve {
    QProcess proc;
    quint16 port = 0;
    QByteArray out, err;

    bool start(const QStringList& args, const QString& workDir, const QByteArray& envSecret = {}) {
        auto env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("BRIDGECORE_JWT_SECRET"));
        if (!envSecret.isEmpty())
            env.insert(QStringLiteral("BRIDGECORE_JWT_SECRET"), QString::fromLatin1(envSecret));
        proc.setProcessEnvironment(env);
        proc.setWorkingDirectory(workDir);
        proc.start(serverBinary(), QStringList{QStringLiteral("serve")} + args);
        static const QRegularExpression re(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
        QDeadlineTimer deadline(30000);
        while (!deadline.hasExpired()) {
            proc.waitForReadyRead(100);
            out += proc.readAllStandardOutput();
            err += proc.readAllStandardError();
            if (const auto m = re.match(QString::fromUtf8(out)); m.hasMatch()) {
                port = quint16(m.captured(1).toUInt());
                return true;
            }
            if (proc.state() == QProcess::NotRunning)
                return false;
        }
        return false;
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(port); }
    int stop() {
        ::kill(static_cast<pid_t>(proc.processId()), SIGTERM);
        if (!proc.waitForFinished(30000))
            return -1;
        return proc.exitCode();
    }
};

} // namespace

class ServerDeployTest : public QObject {
    Q_OBJECT

private slots:
    void servesFromTheConfigFileAlone();
    void flagsWinOverTheConfigFile();
    void refusesABadSecretFile_data();
    void refusesABadSecretFile();
};

void ServerDeployTest::servesFromTheConfigFileAlone() {
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("etc")));
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("elsewhere")));
    const QString config = dir.filePath(QStringLiteral("etc/server.json"));
    const QByteArray secret = "file-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
    writeFile(dir.filePath(QStringLiteral("etc/jwt-secret")), secret + "\n");
    writeFile(config, QByteArray::fromStdString(json{{"#", "comment keys are ignored"},
                                                     {"db", "sync.db"},
                                                     {"listen", "127.0.0.1:0"},
                                                     {"jwt_secret_file", "jwt-secret"}}
                                                    .dump()));
    // init and serve read "db" from the file, relative to its folder, from any directory.
    const auto init =
        runServerCommand({QStringLiteral("init"), QStringLiteral("--config"), config});
    QVERIFY2(init.exitCode == 0, init.err.constData());
    const QString db = dir.filePath(QStringLiteral("etc/sync.db"));
    QVERIFY(QFile::exists(db));
    ServerProcess admin(db);
    QVERIFY(admin.addTenant(QStringLiteral("acme")));
    QVERIFY(admin.addUser(QStringLiteral("acme"), QStringLiteral("ann@acme.test"),
                          QStringLiteral("admin"), kPassword));

    Serve fromFile;
    QVERIFY2(fromFile.start({QStringLiteral("--config"), config},
                            dir.filePath(QStringLiteral("elsewhere"))),
             fromFile.err.constData());
    HttpClient http(fromFile.url());
    QCOMPARE(http.get(QStringLiteral("/api/v1/offline-sync/health")).status, 200);
    QCOMPARE(http.login(QStringLiteral("ann@acme.test"), kPassword).status, 200);
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("elsewhere/sync.db"))));

    // The token is signed with the file's secret, trailing newline dropped: a server given
    // that exact secret accepts it, one with another secret does not.
    Serve same, other;
    QVERIFY(same.start(
        {QStringLiteral("--db"), db, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
        dir.path(), secret));
    QVERIFY(other.start(
        {QStringLiteral("--db"), db, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
        dir.path(), secret + "x"));
    const QString state = QStringLiteral("/api/v1/offline-sync/state?device_id=van-1");
    HttpClient toSame(same.url()), toOther(other.url());
    toSame.setToken(http.token());
    toOther.setToken(http.token());
    QCOMPARE(toSame.get(state).status, 200);
    QCOMPARE(toOther.get(state).status, 401);
    QCOMPARE(same.stop(), 0);
    QCOMPARE(other.stop(), 0);
    QCOMPARE(fromFile.stop(), 0);
}

void ServerDeployTest::flagsWinOverTheConfigFile() {
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("server.json"));
    // Values that cannot work: were they used, serve would fail.
    writeFile(config,
              QByteArray::fromStdString(
                  json{{"db", "missing-folder/never.db"}, {"listen", "256.0.0.1:80"}}.dump()));
    const QString db = dir.filePath(QStringLiteral("flag.db"));
    QVERIFY(runServerCommand({QStringLiteral("init"), QStringLiteral("--db"), db}).exitCode == 0);
    Serve serve;
    QVERIFY2(serve.start({QStringLiteral("--config"), config, QStringLiteral("--db"), db,
                          QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
                         dir.path(), testJwtSecret()),
             serve.err.constData());
    QCOMPARE(HttpClient(serve.url()).get(QStringLiteral("/api/v1/offline-sync/health")).status,
             200);
    QCOMPARE(serve.stop(), 0);
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("missing-folder"))));

    // Without the flags the file's values are the ones used (and refused).
    Serve fromFile;
    QVERIFY(!fromFile.start({QStringLiteral("--config"), config, QStringLiteral("--db"), db},
                            dir.path(), testJwtSecret()));
    QVERIFY2(fromFile.err.contains("--listen must be HOST:PORT"), fromFile.err.constData());
}

void ServerDeployTest::refusesABadSecretFile_data() {
    QTest::addColumn<QByteArray>("configJson");
    QTest::addColumn<QByteArray>("secretFile"); // written to ./jwt-secret unless null
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("missing") << QByteArray(R"({"jwt_secret_file": "jwt-secret"})") << QByteArray()
                             << QByteArray("cannot read jwt_secret_file");
    QTest::newRow("empty") << QByteArray(R"({"jwt_secret_file": "jwt-secret"})")
                           << QByteArray("\n\n") << QByteArray("is empty");
    QTest::newRow("too short") << QByteArray(R"({"jwt_secret_file": "jwt-secret"})")
                               << QByteArray("short\n") << QByteArray("too short");
    QTest::newRow("both keys") << QByteArray(
                                      R"({"jwt_secret_file": "jwt-secret", "jwt_secret": "x"})")
                               << QByteArray("file-secret-0123456789-abcdefghijklmnopqrstuvwxyz")
                               << QByteArray("exclude each other");
    QTest::newRow("not a string") << QByteArray(R"({"jwt_secret_file": 42})") << QByteArray()
                                  << QByteArray("'jwt_secret_file' must be a non-empty string");
}

void ServerDeployTest::refusesABadSecretFile() {
    QFETCH(QByteArray, configJson);
    QFETCH(QByteArray, secretFile);
    QFETCH(QByteArray, message);
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("sync.db"));
    QVERIFY(runServerCommand({QStringLiteral("init"), QStringLiteral("--db"), db}).exitCode == 0);
    if (!secretFile.isNull())
        writeFile(dir.filePath(QStringLiteral("jwt-secret")), secretFile);
    const QString config = dir.filePath(QStringLiteral("server.json"));
    writeFile(config, configJson);
    const auto r = runServerCommand({QStringLiteral("serve"), QStringLiteral("--config"), config,
                                     QStringLiteral("--db"), db, QStringLiteral("--listen"),
                                     QStringLiteral("127.0.0.1:0")},
                                    {}, {}, 30000);
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains(message), r.err.constData());
}

QTEST_GUILESS_MAIN(ServerDeployTest)
#include "ServerDeployTest.moc"
