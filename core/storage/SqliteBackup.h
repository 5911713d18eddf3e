#pragma once
// Online backup and restore of a BridgeCore SQLite database over SQLite's backup API, and the
// advisory lock through which `serve` and `restore` keep out of each other's way.
//
// A backup is one consistent snapshot taken while servers keep writing: the whole copy runs in
// one read transaction of the source (WAL mode lets writers go on meanwhile), so it holds a
// prefix of the event log with every record and ledger row of those events.

#include "protocol/Status.h"

#include <cstdint>
#include <string>

namespace bridgecore::storage {

struct BackupInfo {
    int schemaVersion = 0; // of the copied database
    std::int64_t bytes = 0;
};

/// Copies the database at `dbPath` into the new file `outPath` (a single file, rollback
/// journal mode). Refuses an existing `outPath` and a file that is not a BridgeCore database;
/// writes `outPath.partial` first and moves it into place only when the copy is complete.
Result<BackupInfo> backupSqlite(const std::string& dbPath, const std::string& outPath);

/// Checks that `path` is an intact BridgeCore database this build can open: integrity, the
/// schema version (StorageError naming both versions when it is newer than this build).
Result<BackupInfo> checkSqliteBackup(const std::string& path);

/// Replaces the contents of the database at `dbPath` (created when missing) with the backup at
/// `fromPath`, in one write transaction; checks the backup first (checkSqliteBackup). The caller
/// holds the database's exclusive DatabaseLock.
Result<BackupInfo> restoreSqlite(const std::string& fromPath, const std::string& dbPath);

/// An advisory lock (flock) on `<db>.lock` beside a SQLite database: every `serve` holds it
/// shared while it runs; `restore` takes it exclusively, so it refuses a database that a running
/// server holds and a server refuses to start during a restore. Released on destruction or when
/// the process dies.
class DatabaseLock {
public:
    enum class Mode { Shared, Exclusive };

    DatabaseLock() = default;
    ~DatabaseLock();
    DatabaseLock(DatabaseLock&& other) noexcept;
    DatabaseLock& operator=(DatabaseLock&& other) noexcept;
    DatabaseLock(const DatabaseLock&) = delete;
    DatabaseLock& operator=(const DatabaseLock&) = delete;

    /// Takes the lock without waiting; Error (StorageError) naming the holder's kind when the
    /// lock is held in a conflicting mode, or when the lock file cannot be opened.
    static Result<DatabaseLock> acquire(const std::string& dbPath, Mode mode);
    /// The lock file of `dbPath`.
    static std::string lockPath(const std::string& dbPath);

private:
    int m_fd = -1;
};

} // namespace bridgecore::storage
