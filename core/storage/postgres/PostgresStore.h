#pragma once
// SyncStore on PostgreSQL (libpq), for any number of server processes on one database.
//
// Concurrency, per tenant: a write transaction's first statement about a tenant locks the
// tenant's `event` counter row (SELECT ... FOR UPDATE through an upsert) and holds it until
// commit. Writers of one tenant therefore take turns across all processes, in READ COMMITTED,
// each statement seeing everything committed before: the ledger read inside the write
// transaction sees a concurrent duplicate push (applied once, the second answers
// `duplicate: true`), a record's version read for conflict detection cannot change underneath
// (no lost update), and ids taken from the counter rows are allocated in commit order, so a
// reader that sees event N also sees every event below N (a pull never skips one). Tenants
// write in parallel. Readers run on REPEATABLE READ READ ONLY snapshots from a pool.
//
// Writes that return nothing (inserting a record, an event, a ledger entry, a conflict;
// device and metric increments) are pipelined: sent without waiting, settled by the next read,
// savepoint release or commit, which reports their first failure. Ids come from the counter
// rows read once under the lock and written back at commit.

#include "storage/SyncStore.h"

#include <memory>
#include <string>

namespace bridgecore::storage {

/// Opens the PostgreSQL database at `uri` (libpq URI; the password may also come from
/// PGPASSWORD or ~/.pgpass). With `migrate` it creates or upgrades the schema (concurrent
/// callers are serialised by an advisory lock); without it, a database whose schema is older
/// than this build (or absent) is refused with a message naming `bridgecore-server init`.
/// SchemaTooNew on a database written by a newer build.
Result<std::shared_ptr<SyncStore>> openPostgresStore(const std::string& uri, bool migrate);

} // namespace bridgecore::storage
