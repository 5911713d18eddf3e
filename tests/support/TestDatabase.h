#pragma once
// The database a test runs on: a SQLite file in a temporary directory, or — when the run is a
// `postgres` one (BRIDGECORE_TEST_STORE=postgres, set by bridgecore_add_postgres_run) — a new
// database on the test cluster at $BRIDGECORE_PG_URI. Dropped when the object goes.
//
//   TestDatabase db;
//   QVERIFY2(db.valid(), qPrintable(db.error()));
//   ServerProcess server(db.location());       // what `--db` takes

#include "storage/SyncStore.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <string>

namespace bridgecore::testsupport {

/// True in the `postgres` runs of a test.
bool testingPostgres();

class TestDatabase {
public:
    TestDatabase();
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    bool valid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    /// The SQLite file path or the PostgreSQL URI.
    QString location() const { return m_location; }
    std::string locationStd() const { return m_location.toStdString(); }
    /// A private directory for files beside the database (configs, logs).
    QString dir() const { return m_dir.path(); }
    bool isPostgres() const { return !m_pgName.empty(); }

private:
    QTemporaryDir m_dir;
    QString m_location;
    QString m_error;
    std::string m_pgName; // the database created on the cluster
};

/// The store an engine test runs on: a private in-memory SQLite database, or in the `postgres`
/// runs a fresh database on the test cluster, dropped when the last copy of the pointer goes.
Result<std::shared_ptr<storage::SyncStore>> openTestStore();

/// `base` (a PostgreSQL URI) pointing at database `dbname` instead.
std::string withDatabase(const std::string& base, const std::string& dbname);

} // namespace bridgecore::testsupport
