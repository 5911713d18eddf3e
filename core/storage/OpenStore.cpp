#include "storage/OpenStore.h"

#include "storage/postgres/PgConnection.h"
#include "storage/postgres/PostgresStore.h"

namespace bridgecore::storage {

bool isPostgresLocation(const std::string& location) {
    return postgres::isPostgresUri(location);
}

std::string displayLocation(const std::string& location) {
    return postgres::redactPassword(location);
}

Result<std::shared_ptr<SyncStore>> openStore(const std::string& location, bool migrate) {
    if (location.empty())
        return Error{ErrorCode::ValidationError, "no database given"};
    if (isPostgresLocation(location))
        return openPostgresStore(location, migrate);
    return openSqliteStore(location);
}

} // namespace bridgecore::storage
