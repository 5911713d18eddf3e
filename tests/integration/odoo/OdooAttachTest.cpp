// `bridgecore-server tenant odoo`: attaching a tenant checks the key against Odoo (the
// emulator), answers failures in one line naming what failed, stores the secret sealed, and
// `--off` detaches. Over https, `--ca-file` trusts a self-signed Odoo's CA and is stored.
#include "OdooEmulator.h"
#include "ServerProcess.h"
#include "odoo/OdooSettings.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace bridgecore;
using namespace bridgecore::testsupport;

namespace {
const QByteArray kSecretKey = "attach-test-secret-key-0123456789abcdef";
} // namespace

class OdooAttachTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;
    OdooEmulator m_odoo19, m_odoo17;

    CommandResult attach(const QString& url, const QString& database, const QString& login,
                         const QByteArray& key, const QStringList& extra = {}) {
        return runServerCommand(QStringList{"tenant", "odoo", "--db", m_db, "--tenant", "acme",
                                            "--url", url, "--database", database, "--login",
                                            login} +
                                    extra,
                                key + "\n");
    }
    static bool oneLine(const CommandResult& r) { return r.err.trimmed().count('\n') == 0; }

private slots:
    void initTestCase() {
        qputenv("BRIDGECORE_SECRET_KEY", kSecretKey);
        m_db = m_dir.filePath(QStringLiteral("attach.db"));
        QCOMPARE(runServerCommand({"init", "--db", m_db}).exitCode, 0);
        QCOMPARE(runServerCommand({"tenant", "add", "--db", m_db, "--name", "acme"}).exitCode, 0);
        QVERIFY2(m_odoo19.start({"--version", "19.0"}), qPrintable(m_odoo19.lastError()));
        QVERIFY2(m_odoo17.start({"--version", "17.0"}), qPrintable(m_odoo17.lastError()));
    }

    void attachesOverJson2AndStoresTheKeySealed() {
        auto r = attach(m_odoo19.url(), "odoo", "admin", "admin-api-key");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("Odoo 19.0"));
        QVERIFY(r.out.contains("user id 2"));
        QVERIFY(r.out.contains("json2"));
        QFile f(m_db);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(!bytes.contains("admin-api-key"));

        auto store = storage::openSqliteStore(m_db.toStdString());
        QVERIFY(store.ok());
        const auto tenant = store.value()->tenantByName("acme").value();
        auto settings = odoo::loadOdooSettings(*store.value(), tenant->id);
        QVERIFY(settings.ok() && settings.value());
        QCOMPARE(settings.value()->api, odoo::Api::Json2);
        QCOMPARE(settings.value()->uid, std::int64_t(2));
        auto box = odoo::SecretBox::fromKey(kSecretKey.toStdString());
        auto cfg = settings.value()->clientConfig(box.value());
        QVERIFY(cfg.ok());
        QCOMPARE(cfg.value().secret, std::string("admin-api-key"));
        auto wrongBox = odoo::SecretBox::fromKey(std::string(40, 'w'));
        QVERIFY(!settings.value()->clientConfig(wrongBox.value()).ok());
    }

    void attachesOverJsonRpcToOlderOdoo() {
        auto r = attach(m_odoo17.url(), "odoo", "admin", "admin");
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("Odoo 17.0"));
        QVERIFY(r.out.contains("jsonrpc"));
    }

    void failuresNameWhatFailed_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("database");
        QTest::addColumn<QString>("login");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bad key json2")
            << 19 << "odoo"
            << "admin" << QByteArray("nope") << QStringList() << "bad key";
        QTest::newRow("key of another user")
            << 19 << "odoo"
            << "admin" << QByteArray("reader-api-key") << QStringList() << "bad key";
        QTest::newRow("no database json2")
            << 19 << "nodb"
            << "admin" << QByteArray("admin-api-key") << QStringList() << "database not found";
        QTest::newRow("bad password jsonrpc")
            << 17 << "odoo"
            << "admin" << QByteArray("wrong") << QStringList() << "bad key";
        QTest::newRow("no database jsonrpc")
            << 17 << "nodb"
            << "admin" << QByteArray("admin") << QStringList() << "database not found";
        QTest::newRow("json2 on Odoo 17")
            << 17 << "odoo"
            << "admin" << QByteArray("admin") << QStringList{"--api", "json2"} << "no JSON-2 API";
        QTest::newRow("unreachable")
            << 0 << "odoo"
            << "admin" << QByteArray("admin-api-key") << QStringList() << "unreachable";
    }
    void failuresNameWhatFailed() {
        QFETCH(int, which);
        QFETCH(QString, database);
        QFETCH(QString, login);
        QFETCH(QByteArray, key);
        QFETCH(QStringList, extra);
        QFETCH(QString, expected);
        const QString url = which == 19   ? m_odoo19.url()
                            : which == 17 ? m_odoo17.url()
                                          : QStringLiteral("http://127.0.0.1:1");
        auto r = attach(url, database, login, key, extra);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(oneLine(r), r.err.constData());
        QVERIFY2(r.err.contains(expected.toUtf8()), r.err.constData());
        QVERIFY(!r.err.contains(key));
    }

    void attachesOverHttpsWithACaFile() {
        OdooEmulator odoo;
        QVERIFY2(odoo.startTls(QStringLiteral("server")), qPrintable(odoo.lastError()));
        // Without the CA: one line naming the TLS failure, nothing stored.
        auto refused = attach(odoo.httpsUrl(), "odoo", "admin", "admin-api-key");
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(oneLine(refused), refused.err.constData());
        QVERIFY2(refused.err.contains("TLS handshake with 127.0.0.1:"), refused.err.constData());
        QVERIFY(!refused.err.contains("admin-api-key"));

        const QString ca = OdooEmulator::tlsFile(QStringLiteral("ca.pem"));
        auto r = attach(odoo.httpsUrl(), "odoo", "admin", "admin-api-key", {"--ca-file", ca});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("Odoo 19.0"));
        auto store = storage::openSqliteStore(m_db.toStdString());
        QVERIFY(store.ok());
        const auto tenant = store.value()->tenantByName("acme").value();
        auto settings = odoo::loadOdooSettings(*store.value(), tenant->id);
        QVERIFY(settings.ok() && settings.value());
        QCOMPARE(QString::fromStdString(settings.value()->url), odoo.httpsUrl());
        QCOMPARE(QString::fromStdString(settings.value()->ca_file),
                 QFileInfo(ca).absoluteFilePath());
        auto box = odoo::SecretBox::fromKey(kSecretKey.toStdString());
        QCOMPARE(settings.value()->clientConfig(box.value()).value().ca_file,
                 settings.value()->ca_file);

        // --ca-file with a plain http URL is a usage error.
        auto plain = attach(m_odoo19.url(), "odoo", "admin", "admin-api-key", {"--ca-file", ca});
        QCOMPARE(plain.exitCode, 2);
        QVERIFY2(plain.err.contains("only for an https://"), plain.err.constData());
    }

    void needsTheSecretKey() {
        qunsetenv("BRIDGECORE_SECRET_KEY");
        auto r = attach(m_odoo19.url(), "odoo", "admin", "admin-api-key");
        qputenv("BRIDGECORE_SECRET_KEY", kSecretKey);
        QVERIFY(r.exitCode != 0);
        QVERIFY(r.err.contains("BRIDGECORE_SECRET_KEY"));
        // ... or takes it from the server config
        QFile cfg(m_dir.filePath(QStringLiteral("server.json")));
        QVERIFY(cfg.open(QIODevice::WriteOnly));
        cfg.write(R"({"secret_key": "config-secret-key-0123456789abcdef0123"})");
        cfg.close();
        qunsetenv("BRIDGECORE_SECRET_KEY");
        r = attach(m_odoo19.url(), "odoo", "admin", "admin-api-key", {"--config", cfg.fileName()});
        qputenv("BRIDGECORE_SECRET_KEY", kSecretKey);
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void detaches() {
        auto r = runServerCommand({"tenant", "odoo", "--db", m_db, "--tenant", "acme", "--off"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("detached"));
        auto store = storage::openSqliteStore(m_db.toStdString());
        const auto tenant = store.value()->tenantByName("acme").value();
        auto settings = odoo::loadOdooSettings(*store.value(), tenant->id);
        QVERIFY(settings.ok() && !settings.value());
        r = runServerCommand({"tenant", "odoo", "--db", m_db, "--tenant", "ghost", "--off"});
        QVERIFY(r.exitCode != 0);
        QVERIFY(r.err.contains("no tenant named 'ghost'"));
    }
};

QTEST_GUILESS_MAIN(OdooAttachTest)
#include "OdooAttachTest.moc"
