-- Monitors (issue 12): what is watched, its current state, raw results
-- for a short window, hourly and daily roll-ups, state changes for
-- alerting, and the shard leases that split the checks between processes.
-- Kept in step with ../postgres/0022_monitors.sql: only identity and
-- timestamp types differ.

CREATE TABLE monitors (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,              -- http, tcp, ping, dns, tls, heartbeat
    target      TEXT NOT NULL DEFAULT '',
    interval_s  INTEGER NOT NULL,
    timeout_s   INTEGER NOT NULL,
    retries     INTEGER NOT NULL DEFAULT 0,
    options     TEXT NOT NULL DEFAULT '{}', -- hitori.MonitorOptions as JSON
    token       TEXT UNIQUE,                -- heartbeat: the secret of /hb/{token}
    system_id   BIGINT,
    runbook_id  BIGINT,
    paused      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

-- The list's order (name, then id) and its pages.
CREATE INDEX monitors_name ON monitors(LOWER(name), id);

-- One-off maintenance windows; failures inside one do not count.
CREATE TABLE monitor_windows (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    monitor_id  BIGINT NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
    starts_at   TIMESTAMP NOT NULL,
    ends_at     TIMESTAMP NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX monitor_windows_monitor ON monitor_windows(monitor_id);

-- The current state, written with each batch of results.
CREATE TABLE monitor_states (
    monitor_id  BIGINT PRIMARY KEY,          -- no foreign key: a batch may land just after a delete; Rollup sweeps orphans
    status      TEXT NOT NULL,              -- up, down, pending, paused, maintenance
    since       TIMESTAMP NOT NULL,
    failures    INTEGER NOT NULL DEFAULT 0,
    last_at     TIMESTAMP,
    last_ok     BOOLEAN NOT NULL DEFAULT FALSE,
    last_us     BIGINT NOT NULL DEFAULT 0,  -- latency in microseconds
    last_msg    TEXT NOT NULL DEFAULT '',
    beat_at     TIMESTAMP                   -- heartbeat: the last call of /hb/{token}
);

-- Raw results, kept for a short window (Rollup purges them).
CREATE TABLE monitor_results (
    monitor_id  BIGINT NOT NULL,
    at          TIMESTAMP NOT NULL,
    ok          BOOLEAN NOT NULL,
    latency_us  BIGINT NOT NULL,
    message     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX monitor_results_at ON monitor_results(monitor_id, at);

-- Roll-ups per hour and per day: checks, successes, latency percentiles.
CREATE TABLE monitor_rollups (
    monitor_id  BIGINT NOT NULL,
    period      TEXT NOT NULL,              -- hour, day
    start_at    TIMESTAMP NOT NULL,
    checks      INTEGER NOT NULL,
    up          INTEGER NOT NULL,
    p50_us      BIGINT NOT NULL,
    p95_us      BIGINT NOT NULL,
    PRIMARY KEY (monitor_id, period, start_at)
);

-- State changes (up→down, down→up, …) that alerting consumes later.
CREATE TABLE monitor_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    monitor_id  BIGINT NOT NULL,
    at          TIMESTAMP NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    message     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX monitor_events_monitor ON monitor_events(monitor_id, id);

-- Shard leases: monitor id % shard count belongs to the shard's owner
-- until lease_until; another process takes an expired shard over.
CREATE TABLE monitor_shards (
    shard       INTEGER PRIMARY KEY,
    owner       TEXT NOT NULL,
    lease_until TIMESTAMP NOT NULL
);

-- Every process running monitors, seen until its last claim's lease
-- expiry: the shards are shared fairly among those alive.
CREATE TABLE monitor_holders (
    holder      TEXT PRIMARY KEY,
    seen_until  TIMESTAMP NOT NULL
);

-- Up to when roll-ups are done (one row per period).
CREATE TABLE monitor_rollup_marks (
    period      TEXT PRIMARY KEY,
    done_until  TIMESTAMP NOT NULL
);
