// ConsoleSession: the embedded first start creates its database, the local tenant and an admin
// whose one-time password logs in; a second start reuses them; the data directory can be
// redirected; "Serve the sync API" answers HTTP on loopback.

#include "console/ConsoleSession.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace bridgecore;

class ConsoleSessionTest : public QObject {
    Q_OBJECT
private slots:
    void firstStartCreatesDatabaseAndAdmin();
    void dataDirectoryFromEnvironment();
    void servesTheSyncApi();
    void demoNeverTouchesTheRealDatabase();
};

void ConsoleSessionTest::firstStartCreatesDatabaseAndAdmin() {
    QTemporaryDir tmp;
    const QString dir = tmp.path() + QStringLiteral("/data");
    QVERIFY(!QFile::exists(dir + QStringLiteral("/bridgecore.db")));
    QString password;
    std::int64_t tenantId = 0, adminId = 0;
    {
        auto s = console::ConsoleSession::openEmbedded(dir);
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().message.c_str());
        auto& session = *s.value();
        QVERIFY(session.isFirstStart());
        QVERIFY(QFile::exists(dir + QStringLiteral("/bridgecore.db")));
        QCOMPARE(session.databasePath(), dir + QStringLiteral("/bridgecore.db"));
        password = session.initialAdminPassword();
        QVERIFY(password.size() >= 12);
        auto tenant = session.store().tenantByName(console::ConsoleSession::kTenantName).value();
        QVERIFY(tenant.has_value());
        auto admin = session.store().userByEmail(console::ConsoleSession::kAdminEmail).value();
        QVERIFY(admin.has_value());
        QVERIFY(admin->role == protocol::Role::Admin);
        QCOMPARE(admin->tenant_id, tenant->id);
        QVERIFY(!admin->disabled);
        // Stored as an argon2id hash, never in clear text.
        QVERIFY(admin->password_hash.rfind("$argon2id$", 0) == 0);
        QVERIFY(admin->password_hash.find(password.toStdString()) == std::string::npos);
        // The one-time password logs in.
        auto login =
            session.accounts().login(console::ConsoleSession::kAdminEmail, password.toStdString());
        QVERIFY(login.ok());
        QVERIFY(session.caller().role == protocol::Role::Admin);
        QCOMPARE(session.caller().user_id, admin->id);
        // The console is its own offline client of that tenant.
        QVERIFY(session.cache()->deviceId().rfind("console-", 0) == 0);
        QCOMPARE(session.cache()->appType(), std::string("manager_app"));
        QVERIFY(session.backend()->summary().ok());
        tenantId = tenant->id;
        adminId = admin->id;
        // The JWT secret is private to the user.
        QFile secret(dir + QStringLiteral("/jwt-secret"));
        QVERIFY(secret.exists());
        QCOMPARE(secret.permissions() & (QFile::ReadOther | QFile::ReadGroup),
                 QFile::Permissions());
    }
    {
        auto s = console::ConsoleSession::openEmbedded(dir);
        QVERIFY(s.ok());
        auto& session = *s.value();
        QVERIFY(!session.isFirstStart());
        QVERIFY(session.initialAdminPassword().isEmpty());
        QCOMPARE(session.caller().tenant_id, tenantId);
        QCOMPARE(session.caller().user_id, adminId);
        QCOMPARE(session.store().tenants().value().size(), std::size_t(1));
        QCOMPARE(session.store().users(tenantId).value().size(), std::size_t(1));
        QVERIFY(session.accounts()
                    .login(console::ConsoleSession::kAdminEmail, password.toStdString())
                    .ok());
    }
}

void ConsoleSessionTest::dataDirectoryFromEnvironment() {
    QTemporaryDir tmp;
    qputenv("BRIDGECORE_DATA_DIR", tmp.path().toUtf8());
    QCOMPARE(console::ConsoleSession::resolveDataDir(), QDir(tmp.path()).absolutePath());
    QCOMPARE(console::ConsoleSession::resolveDataDir(tmp.path() + QStringLiteral("/x")),
             QDir(tmp.path() + QStringLiteral("/x")).absolutePath());
    qunsetenv("BRIDGECORE_DATA_DIR");
    QVERIFY(!console::ConsoleSession::resolveDataDir().isEmpty());
}

void ConsoleSessionTest::servesTheSyncApi() {
    QTemporaryDir tmp;
    auto s = console::ConsoleSession::openEmbedded(tmp.path());
    QVERIFY(s.ok());
    auto& session = *s.value();
    auto port = session.startServing(QStringLiteral("127.0.0.1"), 0);
    QVERIFY2(port.ok(), port.ok() ? "" : port.error().message.c_str());
    QVERIFY(port.value() > 0);
    QVERIFY(session.isServing());
    QVERIFY(!session.startServing(QStringLiteral("not-an-address"), 0).ok());

    port = session.startServing(QStringLiteral("127.0.0.1"), 0);
    QVERIFY(port.ok());
    QNetworkAccessManager nam;
    QUrl url(QStringLiteral("http://127.0.0.1/api/v1/offline-sync/health"));
    url.setPort(port.value());
    QNetworkReply* reply = nam.get(QNetworkRequest(url));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
    session.stopServing();
    QVERIFY(!session.isServing());
}

void ConsoleSessionTest::demoNeverTouchesTheRealDatabase() {
    QTemporaryDir tmp;
    std::int64_t tenant = 0;
    {
        auto s = console::ConsoleSession::openEmbedded(tmp.path());
        QVERIFY(s.ok());
        QVERIFY(!s.value()->isDemo());
        tenant = s.value()->caller().tenant_id;
    }
    {
        auto demo = console::ConsoleSession::openDemo(tmp.path());
        QVERIFY2(demo.ok(), demo.ok() ? "" : demo.error().message.c_str());
        auto& d = *demo.value();
        QVERIFY(d.isDemo());
        QVERIFY(d.dataDir() != QDir(tmp.path()).absolutePath());
        QVERIFY(d.databasePath() != tmp.path() + QStringLiteral("/bridgecore.db"));
        QVERIFY(d.demo());
        // The simulated devices sync, make conflicts and leave pending changes.
        QTRY_VERIFY_WITH_TIMEOUT(d.backend()->summary().value().devices >= 5, 20000);
        QVERIFY(d.initialAdminPassword().isEmpty()); // nobody is asked to note a demo password
        // The console's own device syncs every few seconds in the demo, so its Records fill
        // without "Sync now" (the first sync runs before the devices made any record).
        QCOMPARE(d.settings().syncIntervalSeconds,
                 console::ConsoleSession::kDemoSyncIntervalSeconds);
        QTRY_VERIFY_WITH_TIMEOUT(d.cache()->countRecords("sale.order") > 0, 20000);
    }
    // A normal start afterwards: no demo device, conflict or change.
    auto s = console::ConsoleSession::openEmbedded(tmp.path());
    QVERIFY(s.ok());
    auto& session = *s.value();
    QCOMPARE(session.caller().tenant_id, tenant);
    auto summary = session.backend()->summary();
    QVERIFY(summary.ok());
    QCOMPARE(summary.value().devices, std::int64_t(0));
    QCOMPARE(summary.value().open_conflicts, std::int64_t(0));
    QCOMPARE(summary.value().pending_changes, std::int64_t(0));
    QCOMPARE(session.store().headEventId(tenant).value(), std::int64_t(0));
}

QTEST_MAIN(ConsoleSessionTest)
#include "ConsoleSessionTest.moc"
