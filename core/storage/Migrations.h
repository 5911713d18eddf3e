#pragma once
// The schema's numbered, forward-only migrations, one list for both stores: entry i brings a
// database from schema version i to i + 1, written once per SQL dialect side by side. Never
// edit a released entry; append a new one, in both dialects.

#include <cstddef>

namespace bridgecore::storage {

struct Migration {
    const char* sqlite;
    const char* postgres;
};

/// The list, oldest first.
struct MigrationList {
    const Migration* entries;
    std::size_t size;
    const Migration& operator[](std::size_t i) const { return entries[i]; }
};
MigrationList migrations();

} // namespace bridgecore::storage
