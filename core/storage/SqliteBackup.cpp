#include "storage/SqliteBackup.h"

#include "storage/SyncStore.h"

#include <sqlite3.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace bridgecore::storage {

namespace {

struct CloseDb {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

Error storageError(const std::string& message) {
    return Error{ErrorCode::StorageError, message};
}

Result<Db> openDb(const std::string& path, int flags) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK)
        return storageError("cannot open " + path + ": " +
                            (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    sqlite3_busy_timeout(db.get(), 10000);
    return db;
}

/// The first column of the first row of `sql`, as text ("" when there is no row).
Result<std::string> scalar(sqlite3* db, const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
        return storageError(sqlite3_errmsg(db));
    std::string out;
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW && sqlite3_column_text(stmt, 0))
        out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return storageError(sqlite3_errmsg(db));
    return out;
}

/// Integrity and schema version of an open database named `what` in messages.
Result<BackupInfo> inspect(sqlite3* db, const std::string& what) {
    auto check = scalar(db, "PRAGMA quick_check");
    if (!check.ok())
        return storageError(what + " is not a readable SQLite database: " + check.error().message);
    if (check.value() != "ok")
        return storageError(what + " is damaged: " + check.value());
    auto tables = scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                             "name IN ('events', 'records', 'push_ledger')");
    auto version = scalar(db, "PRAGMA user_version");
    if (!tables.ok() || !version.ok())
        return storageError(what + ": " +
                            (tables.ok() ? version.error().message : tables.error().message));
    BackupInfo info;
    info.schemaVersion = std::stoi(version.value());
    if (tables.value() != "3" || info.schemaVersion < 1)
        return Error{ErrorCode::ValidationError, what + " is not a BridgeCore database"};
    if (info.schemaVersion > latestSchemaVersion())
        return Error{ErrorCode::SchemaTooNew, what + " has schema version " +
                                                  std::to_string(info.schemaVersion) +
                                                  ", newer than this BridgeCore build (" +
                                                  std::to_string(latestSchemaVersion()) +
                                                  "); use a newer bridgecore-server"};
    return info;
}

/// Copies every page of `from` into `to` in one step: one read transaction on the source, one
/// write transaction on the destination. Retries while either is busy, for up to a minute.
Status copyPages(sqlite3* from, sqlite3* to, const std::string& what) {
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    if (!backup)
        return storageError(what + ": " + sqlite3_errmsg(to));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    int rc;
    while ((rc = sqlite3_backup_step(backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        if (std::chrono::steady_clock::now() > deadline)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return storageError(what + ": " + sqlite3_errstr(rc));
    return {};
}

std::int64_t fileSize(const std::string& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    return ec ? 0 : static_cast<std::int64_t>(size);
}

} // namespace

Result<BackupInfo> backupSqlite(const std::string& dbPath, const std::string& outPath) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(outPath, ec))
        return Error{ErrorCode::ValidationError,
                     outPath + " exists; a backup never overwrites a file: choose a new name"};
    if (!fs::exists(dbPath, ec))
        return Error{ErrorCode::ValidationError, "no database at " + dbPath};
    const std::string partial = outPath + ".partial";
    if (fs::exists(partial, ec))
        return Error{ErrorCode::ValidationError,
                     partial + " exists (an interrupted backup?); remove it and try again"};

    auto source = openDb(dbPath, SQLITE_OPEN_READONLY);
    if (!source.ok())
        return source.error();
    auto copy = openDb(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!copy.ok())
        return copy.error();
    auto discard = [&](Error e) {
        copy.value().reset();
        fs::remove(partial, ec);
        return e;
    };
    if (Status s = copyPages(source.value().get(), copy.value().get(), "backup of " + dbPath);
        !s.ok())
        return discard(s.error());
    source.value().reset();
    // One self-contained file: the copy carries the source's WAL flag until told otherwise.
    if (auto mode = scalar(copy.value().get(), "PRAGMA journal_mode = DELETE"); !mode.ok())
        return discard(mode.error());
    auto info = inspect(copy.value().get(), "the copy of " + dbPath);
    if (!info.ok())
        return discard(info.error());
    copy.value().reset();
    // link() refuses an existing name, so a file that appeared meanwhile is not overwritten.
    if (::link(partial.c_str(), outPath.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        return discard(storageError("cannot create " + outPath + ": " + why));
    }
    fs::remove(partial, ec);
    info.value().bytes = fileSize(outPath);
    return info;
}

Result<BackupInfo> checkSqliteBackup(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return Error{ErrorCode::ValidationError, "no backup file at " + path};
    auto db = openDb(path, SQLITE_OPEN_READONLY);
    if (!db.ok())
        return db.error();
    auto info = inspect(db.value().get(), "the backup " + path);
    if (info.ok())
        info.value().bytes = fileSize(path);
    return info;
}

Result<BackupInfo> restoreSqlite(const std::string& fromPath, const std::string& dbPath) {
    auto info = checkSqliteBackup(fromPath);
    if (!info.ok())
        return info;
    auto source = openDb(fromPath, SQLITE_OPEN_READONLY);
    if (!source.ok())
        return source.error();
    auto target = openDb(dbPath, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!target.ok())
        return target.error();
    if (Status s = copyPages(source.value().get(), target.value().get(), "restore into " + dbPath);
        !s.ok())
        return s.error();
    auto version = scalar(target.value().get(), "PRAGMA user_version");
    if (!version.ok() || version.value() != std::to_string(info.value().schemaVersion))
        return storageError("restore into " + dbPath + " did not take: schema version " +
                            (version.ok() ? version.value() : version.error().message));
    return info;
}

DatabaseLock::~DatabaseLock() {
    if (m_fd >= 0)
        ::close(m_fd);
}

DatabaseLock::DatabaseLock(DatabaseLock&& other) noexcept
    : m_fd(other.m_fd) {
    other.m_fd = -1;
}

DatabaseLock& DatabaseLock::operator=(DatabaseLock&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = other.m_fd;
        other.m_fd = -1;
    }
    return *this;
}

std::string DatabaseLock::lockPath(const std::string& dbPath) {
    return dbPath + ".lock";
}

Result<DatabaseLock> DatabaseLock::acquire(const std::string& dbPath, Mode mode) {
    const std::string path = lockPath(dbPath);
    // Read-only is enough for flock, so any user who may open the file can take the lock;
    // 0644 lets the service user lock a file that root created first.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return storageError("cannot open the lock file " + path + ": " + std::strerror(errno));
    if (::flock(fd, (mode == Mode::Shared ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0) {
        const int err = errno;
        ::close(fd);
        if (err != EWOULDBLOCK)
            return storageError("cannot lock " + path + ": " + std::strerror(err));
        return storageError(mode == Mode::Exclusive
                                ? dbPath + " is in use by a running bridgecore-server (it holds " +
                                      path + "); stop the server first"
                                : dbPath + " is being restored (" + path +
                                      " is held by bridgecore-server restore); start the "
                                      "server when the restore has finished");
    }
    DatabaseLock lock;
    lock.m_fd = fd;
    return lock;
}

} // namespace bridgecore::storage
