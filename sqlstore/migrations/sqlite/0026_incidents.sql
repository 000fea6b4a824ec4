-- Incidents and alerting (issue 12): one incident per outage with its
-- timeline, alert rules (per monitor, monitor_id 0 the defaults), the
-- on-call calendar, recurring maintenance windows, and the secret that
-- signs ack links. Kept in step with ../postgres/0026_incidents.sql: only
-- identity and timestamp types differ.

CREATE TABLE incidents (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    monitor_id  BIGINT NOT NULL,            -- no foreign key: the history outlives a deleted monitor
    title       TEXT NOT NULL,
    status      TEXT NOT NULL,              -- open, acknowledged, resolved
    opened_at   TIMESTAMP NOT NULL,
    acked_at    TIMESTAMP,
    acked_by    TEXT NOT NULL DEFAULT '',
    up_at       TIMESTAMP,                  -- came back; resolves when it stays up
    resolved_at TIMESTAMP,
    item_id     BIGINT NOT NULL DEFAULT 0,
    critical    BOOLEAN NOT NULL DEFAULT FALSE,
    step        INTEGER NOT NULL DEFAULT 0, -- escalation steps alerted so far
    step_at     TIMESTAMP,
    remind_at   TIMESTAMP,
    held        BOOLEAN NOT NULL DEFAULT FALSE,
    next_at     TIMESTAMP,                  -- when the sweep looks next
    version     BIGINT NOT NULL DEFAULT 0
);
-- At most one open incident per monitor, whoever writes.
CREATE UNIQUE INDEX incidents_open ON incidents(monitor_id) WHERE resolved_at IS NULL;
-- The sweep's question: which open incidents are due.
CREATE INDEX incidents_next ON incidents(next_at) WHERE next_at IS NOT NULL;
CREATE INDEX incidents_opened ON incidents(opened_at, id);

CREATE TABLE incident_entries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id BIGINT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    at          TIMESTAMP NOT NULL,
    kind        TEXT NOT NULL,
    step        INTEGER NOT NULL DEFAULT 0,
    channel_id  BIGINT NOT NULL DEFAULT 0,  -- notify's channel, no foreign key (another area's table)
    actor       TEXT NOT NULL DEFAULT '',
    message     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX incident_entries_incident ON incident_entries(incident_id, id);

-- hitori.AlertRule as JSON; monitor_id 0 holds the defaults.
CREATE TABLE alert_rules (
    monitor_id  BIGINT PRIMARY KEY,
    rule        TEXT NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

-- hitori.OnCallCalendar as JSON, one row.
CREATE TABLE oncall_calendar (
    id          INTEGER PRIMARY KEY,
    calendar    TEXT NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

-- hitori.RecurringWindow as JSON, per monitor.
CREATE TABLE monitor_recurring_windows (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    monitor_id  BIGINT NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
    spec        TEXT NOT NULL
);
CREATE INDEX monitor_recurring_windows_monitor ON monitor_recurring_windows(monitor_id);

-- Secrets of alerting (the ack links' signing key), made on first use.
CREATE TABLE alert_keys (
    name        TEXT PRIMARY KEY,
    secret      TEXT NOT NULL
);
