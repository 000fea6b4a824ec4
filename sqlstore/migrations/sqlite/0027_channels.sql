-- Alert channels (issue 12): where notify.send jobs deliver, and every
-- delivery attempt with its result. Secret settings (webhook URLs, tokens,
-- private keys) are one sealed JSON text in secrets, never plain.
-- Kept in step with ../postgres/0027_channels.sql: only identity and
-- timestamp types differ.

CREATE TABLE channels (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,              -- email, slack, teams, chatwork, lineworks, line, webhook
    lang        TEXT NOT NULL DEFAULT 'ja', -- the language messages to it are written in
    settings    TEXT NOT NULL DEFAULT '{}', -- plain settings as JSON
    secrets     TEXT NOT NULL DEFAULT '',   -- sealed:v1:… of the secret settings as JSON
    enabled     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    -- Health, moved by each attempt: the list and the dashboard read it here.
    last_at     TIMESTAMP,
    last_ok     BOOLEAN NOT NULL DEFAULT FALSE,
    last_error  TEXT NOT NULL DEFAULT '',
    fail_streak INTEGER NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX channels_name ON channels(LOWER(name));

-- The dashboard's "failing channels" block.
CREATE INDEX channels_failing ON channels(fail_streak) WHERE fail_streak > 0;

CREATE TABLE notify_attempts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id  BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    job_id      BIGINT NOT NULL DEFAULT 0,
    attempt     INTEGER NOT NULL DEFAULT 0,
    at          TIMESTAMP NOT NULL,
    outcome     TEXT NOT NULL,              -- sent, retry, failed
    http_status INTEGER NOT NULL DEFAULT 0,
    error       TEXT NOT NULL DEFAULT '',
    duration_ms INTEGER NOT NULL DEFAULT 0,
    severity    TEXT NOT NULL DEFAULT '',
    subject     TEXT NOT NULL DEFAULT ''
);

-- A channel's history, newest first, and the test button's result by job.
CREATE INDEX notify_attempts_channel ON notify_attempts(channel_id, id);
CREATE INDEX notify_attempts_job ON notify_attempts(job_id);
