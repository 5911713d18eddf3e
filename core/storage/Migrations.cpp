#include "storage/Migrations.h"

#include <iterator>

namespace bridgecore::storage {

namespace {

// Dialects differ in types (INTEGER/REAL vs BIGINT/DOUBLE PRECISION, booleans), identity
// columns, WITHOUT ROWID and case-insensitive emails (COLLATE NOCASE vs a unique index on
// lower(email)); tables, columns, keys and indexes are the same.
const Migration kMigrations[] = {
    // 1: the first schema.
    {R"sql(
CREATE TABLE tenants (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    tenant_id     INTEGER NOT NULL REFERENCES tenants(id),
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('user', 'support', 'admin')),
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);
CREATE INDEX users_tenant ON users(tenant_id);
CREATE TABLE app_type_models (
    tenant_id INTEGER NOT NULL,
    app_type  TEXT NOT NULL,
    model     TEXT NOT NULL,
    priority  TEXT,
    category  TEXT NOT NULL DEFAULT 'business',
    position  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, app_type, model)
) WITHOUT ROWID;
CREATE TABLE records (
    tenant_id   INTEGER NOT NULL,
    model       TEXT NOT NULL,
    id          INTEGER NOT NULL,
    data        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    create_date INTEGER NOT NULL,
    write_date  INTEGER NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, model, id)
) WITHOUT ROWID;
CREATE TABLE events (
    tenant_id      INTEGER NOT NULL,
    event_id       INTEGER NOT NULL,
    model          TEXT NOT NULL,
    record_id      INTEGER NOT NULL,
    action         TEXT NOT NULL,
    timestamp      INTEGER NOT NULL,
    data           TEXT,
    changed_fields TEXT NOT NULL,
    priority       TEXT NOT NULL,
    category       TEXT NOT NULL,
    user_id        INTEGER NOT NULL,
    device_id      TEXT,
    local_id       TEXT,
    version        INTEGER NOT NULL,
    seq            INTEGER NOT NULL, -- n-th event of (tenant, model, priority): O(log n) counts
    PRIMARY KEY (tenant_id, event_id)
) WITHOUT ROWID;
CREATE INDEX events_record ON events(tenant_id, model, record_id, version);
CREATE INDEX events_count ON events(tenant_id, model, priority, event_id, seq);
CREATE TABLE push_ledger (
    tenant_id    INTEGER NOT NULL,
    device_id    TEXT NOT NULL,
    local_id     TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    model        TEXT NOT NULL,
    server_id    INTEGER,
    created      INTEGER NOT NULL,
    result       TEXT NOT NULL,
    at           INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, device_id, local_id)
) WITHOUT ROWID;
CREATE TABLE devices (
    tenant_id           INTEGER NOT NULL,
    device_id           TEXT NOT NULL,
    user_id             INTEGER NOT NULL,
    app_type            TEXT,
    last_event_id       INTEGER NOT NULL DEFAULT 0,
    last_sync_time      INTEGER,
    last_push_time      INTEGER,
    last_pull_time      INTEGER,
    total_syncs         INTEGER NOT NULL DEFAULT 0,
    total_events_synced INTEGER NOT NULL DEFAULT 0,
    app_version         TEXT,
    pending_changes     INTEGER NOT NULL DEFAULT 0,
    oldest_pending_at   TEXT,
    last_error          TEXT,
    clock_skew_ms       INTEGER,
    total_pushes        INTEGER NOT NULL DEFAULT 0,
    total_pulls         INTEGER NOT NULL DEFAULT 0,
    changes_pushed      INTEGER NOT NULL DEFAULT 0,
    changes_succeeded   INTEGER NOT NULL DEFAULT 0,
    changes_failed      INTEGER NOT NULL DEFAULT 0,
    changes_conflicted  INTEGER NOT NULL DEFAULT 0,
    push_ms_total       REAL NOT NULL DEFAULT 0,
    pull_ms_total       REAL NOT NULL DEFAULT 0,
    bytes_in            INTEGER NOT NULL DEFAULT 0,
    bytes_out           INTEGER NOT NULL DEFAULT 0,
    created_at          INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, device_id)
);
CREATE INDEX devices_user ON devices(tenant_id, user_id, device_id);
CREATE INDEX devices_sync ON devices(tenant_id, last_sync_time);
CREATE TABLE conflicts (
    tenant_id          INTEGER NOT NULL,
    conflict_id        INTEGER NOT NULL,
    device_id          TEXT NOT NULL,
    user_id            INTEGER NOT NULL,
    local_id           TEXT NOT NULL,
    model              TEXT NOT NULL,
    record_id          INTEGER NOT NULL,
    action             TEXT NOT NULL,
    strategy           TEXT NOT NULL,
    resolution         TEXT NOT NULL,
    open               INTEGER NOT NULL,
    conflicting_fields TEXT NOT NULL,
    local_data         TEXT NOT NULL,
    server_data        TEXT NOT NULL,
    base_data          TEXT,
    local_version      INTEGER,
    server_version     INTEGER NOT NULL,
    local_timestamp    INTEGER NOT NULL,
    server_timestamp   INTEGER NOT NULL,
    created_at         INTEGER NOT NULL,
    resolved_at        INTEGER,
    resolved_by        INTEGER,
    result_data        TEXT,
    PRIMARY KEY (tenant_id, conflict_id)
);
CREATE INDEX conflicts_device ON conflicts(tenant_id, device_id, local_id, open);
CREATE INDEX conflicts_open ON conflicts(tenant_id, open, conflict_id);
CREATE TABLE metric_buckets (
    tenant_id      INTEGER NOT NULL,
    bucket_start   INTEGER NOT NULL,
    pushes         INTEGER NOT NULL DEFAULT 0,
    changes_pushed INTEGER NOT NULL DEFAULT 0,
    pulls          INTEGER NOT NULL DEFAULT 0,
    events_pulled  INTEGER NOT NULL DEFAULT 0,
    conflicts      INTEGER NOT NULL DEFAULT 0,
    failures       INTEGER NOT NULL DEFAULT 0,
    push_ms_sum    REAL NOT NULL DEFAULT 0,
    push_ms_samples TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (tenant_id, bucket_start)
) WITHOUT ROWID;
)sql",
     R"sql(
CREATE TABLE tenants (
    id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);
CREATE TABLE users (
    id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    tenant_id     BIGINT NOT NULL REFERENCES tenants(id),
    email         TEXT NOT NULL,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('user', 'support', 'admin')),
    password_hash TEXT NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE INDEX users_tenant ON users(tenant_id);
CREATE TABLE app_type_models (
    tenant_id BIGINT NOT NULL,
    app_type  TEXT NOT NULL,
    model     TEXT NOT NULL,
    priority  TEXT,
    category  TEXT NOT NULL DEFAULT 'business',
    position  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, app_type, model)
);
CREATE TABLE records (
    tenant_id   BIGINT NOT NULL,
    model       TEXT NOT NULL,
    id          BIGINT NOT NULL,
    data        TEXT NOT NULL,
    version     BIGINT NOT NULL,
    create_date BIGINT NOT NULL,
    write_date  BIGINT NOT NULL,
    deleted     BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (tenant_id, model, id)
);
CREATE TABLE events (
    tenant_id      BIGINT NOT NULL,
    event_id       BIGINT NOT NULL,
    model          TEXT NOT NULL,
    record_id      BIGINT NOT NULL,
    action         TEXT NOT NULL,
    timestamp      BIGINT NOT NULL,
    data           TEXT,
    changed_fields TEXT NOT NULL,
    priority       TEXT NOT NULL,
    category       TEXT NOT NULL,
    user_id        BIGINT NOT NULL,
    device_id      TEXT,
    local_id       TEXT,
    version        BIGINT NOT NULL,
    seq            BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX events_record ON events(tenant_id, model, record_id, version);
CREATE INDEX events_count ON events(tenant_id, model, priority, event_id, seq);
CREATE TABLE push_ledger (
    tenant_id    BIGINT NOT NULL,
    device_id    TEXT NOT NULL,
    local_id     TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    model        TEXT NOT NULL,
    server_id    BIGINT,
    created      BOOLEAN NOT NULL,
    result       TEXT NOT NULL,
    at           BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, device_id, local_id)
);
CREATE TABLE devices (
    tenant_id           BIGINT NOT NULL,
    device_id           TEXT NOT NULL,
    user_id             BIGINT NOT NULL,
    app_type            TEXT,
    last_event_id       BIGINT NOT NULL DEFAULT 0,
    last_sync_time      BIGINT,
    last_push_time      BIGINT,
    last_pull_time      BIGINT,
    total_syncs         BIGINT NOT NULL DEFAULT 0,
    total_events_synced BIGINT NOT NULL DEFAULT 0,
    app_version         TEXT,
    pending_changes     BIGINT NOT NULL DEFAULT 0,
    oldest_pending_at   TEXT,
    last_error          TEXT,
    clock_skew_ms       BIGINT,
    total_pushes        BIGINT NOT NULL DEFAULT 0,
    total_pulls         BIGINT NOT NULL DEFAULT 0,
    changes_pushed      BIGINT NOT NULL DEFAULT 0,
    changes_succeeded   BIGINT NOT NULL DEFAULT 0,
    changes_failed      BIGINT NOT NULL DEFAULT 0,
    changes_conflicted  BIGINT NOT NULL DEFAULT 0,
    push_ms_total       DOUBLE PRECISION NOT NULL DEFAULT 0,
    pull_ms_total       DOUBLE PRECISION NOT NULL DEFAULT 0,
    bytes_in            BIGINT NOT NULL DEFAULT 0,
    bytes_out           BIGINT NOT NULL DEFAULT 0,
    created_at          BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, device_id)
);
CREATE INDEX devices_user ON devices(tenant_id, user_id, device_id);
CREATE INDEX devices_sync ON devices(tenant_id, last_sync_time);
CREATE TABLE conflicts (
    tenant_id          BIGINT NOT NULL,
    conflict_id        BIGINT NOT NULL,
    device_id          TEXT NOT NULL,
    user_id            BIGINT NOT NULL,
    local_id           TEXT NOT NULL,
    model              TEXT NOT NULL,
    record_id          BIGINT NOT NULL,
    action             TEXT NOT NULL,
    strategy           TEXT NOT NULL,
    resolution         TEXT NOT NULL,
    open               BOOLEAN NOT NULL,
    conflicting_fields TEXT NOT NULL,
    local_data         TEXT NOT NULL,
    server_data        TEXT NOT NULL,
    base_data          TEXT,
    local_version      BIGINT,
    server_version     BIGINT NOT NULL,
    local_timestamp    BIGINT NOT NULL,
    server_timestamp   BIGINT NOT NULL,
    created_at         BIGINT NOT NULL,
    resolved_at        BIGINT,
    resolved_by        BIGINT,
    result_data        TEXT,
    PRIMARY KEY (tenant_id, conflict_id)
);
CREATE INDEX conflicts_device ON conflicts(tenant_id, device_id, local_id, open);
CREATE INDEX conflicts_open ON conflicts(tenant_id, open, conflict_id);
CREATE TABLE metric_buckets (
    tenant_id      BIGINT NOT NULL,
    bucket_start   BIGINT NOT NULL,
    pushes         BIGINT NOT NULL DEFAULT 0,
    changes_pushed BIGINT NOT NULL DEFAULT 0,
    pulls          BIGINT NOT NULL DEFAULT 0,
    events_pulled  BIGINT NOT NULL DEFAULT 0,
    conflicts      BIGINT NOT NULL DEFAULT 0,
    failures       BIGINT NOT NULL DEFAULT 0,
    push_ms_sum    DOUBLE PRECISION NOT NULL DEFAULT 0,
    push_ms_samples TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (tenant_id, bucket_start)
);
)sql"},
    // 2: per-tenant counter rows for ids (commit order = id order with several writers),
    // push durations as rows (added, never read-modify-written).
    {R"sql(
CREATE TABLE counters (
    tenant_id INTEGER NOT NULL,
    name      TEXT NOT NULL, -- event | conflict | record:<model> | seq:<model>:<priority>
    value     INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, name)
) WITHOUT ROWID;
INSERT INTO counters SELECT tenant_id, 'event', MAX(event_id) FROM events GROUP BY tenant_id;
INSERT INTO counters SELECT tenant_id, 'conflict', MAX(conflict_id) FROM conflicts
    GROUP BY tenant_id;
INSERT INTO counters SELECT tenant_id, 'record:' || model, MAX(id) FROM records
    GROUP BY tenant_id, model;
INSERT INTO counters SELECT tenant_id, 'seq:' || model || ':' || priority, MAX(seq) FROM events
    GROUP BY tenant_id, model, priority;
CREATE TABLE metric_samples (
    tenant_id    INTEGER NOT NULL,
    bucket_start INTEGER NOT NULL,
    push_ms      REAL NOT NULL
);
CREATE INDEX metric_samples_bucket ON metric_samples(tenant_id, bucket_start);
INSERT INTO metric_samples SELECT m.tenant_id, m.bucket_start, j.value
    FROM metric_buckets m, json_each(m.push_ms_samples) j;
ALTER TABLE metric_buckets DROP COLUMN push_ms_samples;
)sql",
     R"sql(
CREATE TABLE counters (
    tenant_id BIGINT NOT NULL,
    name      TEXT NOT NULL, -- event | conflict | record:<model> | seq:<model>:<priority>
    value     BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, name)
);
INSERT INTO counters SELECT tenant_id, 'event', MAX(event_id) FROM events GROUP BY tenant_id;
INSERT INTO counters SELECT tenant_id, 'conflict', MAX(conflict_id) FROM conflicts
    GROUP BY tenant_id;
INSERT INTO counters SELECT tenant_id, 'record:' || model, MAX(id) FROM records
    GROUP BY tenant_id, model;
INSERT INTO counters SELECT tenant_id, 'seq:' || model || ':' || priority, MAX(seq) FROM events
    GROUP BY tenant_id, model, priority;
CREATE TABLE metric_samples (
    tenant_id    BIGINT NOT NULL,
    bucket_start BIGINT NOT NULL,
    push_ms      DOUBLE PRECISION NOT NULL
);
CREATE INDEX metric_samples_bucket ON metric_samples(tenant_id, bucket_start);
INSERT INTO metric_samples SELECT m.tenant_id, m.bucket_start, s.value::double precision
    FROM metric_buckets m, json_array_elements_text(m.push_ms_samples::json) s;
ALTER TABLE metric_buckets DROP COLUMN push_ms_samples;
)sql"},
    // 3: per-tenant settings, e.g. the tenant's Odoo connection (section "odoo").
    {R"sql(
CREATE TABLE tenant_settings (
    tenant_id  INTEGER NOT NULL,
    section    TEXT NOT NULL,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, section)
) WITHOUT ROWID;
)sql",
     R"sql(
CREATE TABLE tenant_settings (
    tenant_id  BIGINT NOT NULL,
    section    TEXT NOT NULL,
    value      TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, section)
);
)sql"},
    // 4: token revocation (a password change raises it; tokens carry it).
    {R"sql(
ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;
)sql",
     R"sql(
ALTER TABLE users ADD COLUMN token_version BIGINT NOT NULL DEFAULT 0;
)sql"},
    // 5: each device's latest pushes and pulls with their queue reports (bounded, see
    // kDeviceHistoryRows), numbered per device by seq.
    {R"sql(
CREATE TABLE device_history (
    tenant_id         INTEGER NOT NULL,
    device_id         TEXT NOT NULL,
    seq               INTEGER NOT NULL,
    at                INTEGER NOT NULL,
    kind              TEXT NOT NULL, -- push | pull
    changes           INTEGER NOT NULL,
    applied           INTEGER NOT NULL,
    conflicts         INTEGER NOT NULL,
    failed            INTEGER NOT NULL,
    duration_ms       REAL NOT NULL,
    pending_changes   INTEGER,
    oldest_pending_at TEXT,
    last_error        TEXT,
    PRIMARY KEY (tenant_id, device_id, seq)
) WITHOUT ROWID;
)sql",
     R"sql(
CREATE TABLE device_history (
    tenant_id         BIGINT NOT NULL,
    device_id         TEXT NOT NULL,
    seq               BIGINT NOT NULL,
    at                BIGINT NOT NULL,
    kind              TEXT NOT NULL,
    changes           BIGINT NOT NULL,
    applied           BIGINT NOT NULL,
    conflicts         BIGINT NOT NULL,
    failed            BIGINT NOT NULL,
    duration_ms       DOUBLE PRECISION NOT NULL,
    pending_changes   BIGINT,
    oldest_pending_at TEXT,
    last_error        TEXT,
    PRIMARY KEY (tenant_id, device_id, seq)
);
)sql"},
    // 6: the ledger's key with local_id first. Every key of one device shares tenant and
    // device, so with them first each comparison of a ledger read or insert went through all
    // three fields; with local_id first the first field almost always decides. Same columns,
    // same unique set (tenant, device, local_id).
    {R"sql(
CREATE TABLE push_ledger_v6 (
    tenant_id    INTEGER NOT NULL,
    device_id    TEXT NOT NULL,
    local_id     TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    model        TEXT NOT NULL,
    server_id    INTEGER,
    created      INTEGER NOT NULL,
    result       TEXT NOT NULL,
    at           INTEGER NOT NULL,
    PRIMARY KEY (local_id, device_id, tenant_id)
) WITHOUT ROWID;
INSERT INTO push_ledger_v6 SELECT tenant_id, device_id, local_id, content_hash, model, server_id,
    created, result, at FROM push_ledger;
DROP TABLE push_ledger;
ALTER TABLE push_ledger_v6 RENAME TO push_ledger;
)sql",
     R"sql(
ALTER TABLE push_ledger DROP CONSTRAINT push_ledger_pkey;
ALTER TABLE push_ledger ADD PRIMARY KEY (local_id, device_id, tenant_id);
)sql"},
};

} // namespace

MigrationList migrations() {
    return {kMigrations, std::size(kMigrations)};
}

int latestSchemaVersion() {
    return static_cast<int>(std::size(kMigrations));
}

} // namespace bridgecore::storage
