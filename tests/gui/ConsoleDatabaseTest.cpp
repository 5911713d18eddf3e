// The console's embedded mode on the PostgreSQL database its settings name (label postgres):
// the first start creates the local tenant and admin there, not in a SQLite file, and the
// database is shown without its password.

#include "TestDatabase.h"
#include "console/ConsoleSession.h"
#include "console/ConsoleSettings.h"

#include "storage/OpenStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace bridgecore;

class ConsoleDatabaseTest : public QObject {
    Q_OBJECT
private slots:
    void embeddedModeOpensThePostgresDatabaseOfItsSettings() {
        if (!testsupport::testingPostgres())
            QSKIP("needs the PostgreSQL test cluster (ctest label postgres)");
        testsupport::TestDatabase db;
        QVERIFY2(db.valid(), qPrintable(db.error()));
        QTemporaryDir tmp;
        console::ConsoleSettings settings;
        settings.database = db.location();
        settings.save(tmp.filePath(QStringLiteral("console.ini")));
        {
            auto s = console::ConsoleSession::openEmbedded(tmp.path());
            QVERIFY2(s.ok(), s.ok() ? "" : s.error().message.c_str());
            QVERIFY(s.value()->isFirstStart());
            QVERIFY(s.value()->backend()->summary().ok());
        }
        QVERIFY(!QFile::exists(tmp.filePath(QStringLiteral("bridgecore.db"))));
        // The tenant and admin are in PostgreSQL, seen by any other process on it.
        auto store = storage::openStore(db.locationStd(), /*migrate=*/false);
        QVERIFY2(store.ok(), store.ok() ? "" : store.error().message.c_str());
        QVERIFY(
            store.value()->tenantByName(console::ConsoleSession::kTenantName).value().has_value());
        QVERIFY(
            store.value()->userByEmail(console::ConsoleSession::kAdminEmail).value().has_value());
        // A second start reuses them.
        auto again = console::ConsoleSession::openEmbedded(tmp.path());
        QVERIFY(again.ok());
        QVERIFY(!again.value()->isFirstStart());
        QCOMPARE(again.value()->databaseLocation(), db.location());
    }
};

QTEST_MAIN(ConsoleDatabaseTest)
#include "ConsoleDatabaseTest.moc"
