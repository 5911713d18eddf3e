#pragma once
// Choosing the store from what `--db` (or a setting) says: a PostgreSQL URI
// (postgresql://[user[:password]@][host][:port]/dbname[?host=/socket/dir], as libpq reads it)
// or a SQLite file path.

#include "storage/SyncStore.h"

#include <memory>
#include <string>

namespace bridgecore::storage {

/// True when `location` names a PostgreSQL database rather than a SQLite file.
bool isPostgresLocation(const std::string& location);
/// `location` fit for logs and messages: a password in it is replaced by "***".
std::string displayLocation(const std::string& location);

/// Opens the store at `location`. `migrate`: create or upgrade the schema. Without it a
/// PostgreSQL database whose schema is older than this build is refused (several servers may
/// share it: only `init` upgrades); a SQLite file, private to one process, is always migrated.
Result<std::shared_ptr<SyncStore>> openStore(const std::string& location, bool migrate);

} // namespace bridgecore::storage
