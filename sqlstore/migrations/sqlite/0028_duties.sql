-- Recurring duties (issue 12): the duties with their schedule and
-- checklist, and one row per occurrence linking it to its task on the
-- work board and holding what was recorded on completion (the audit
-- evidence). Kept in step with ../postgres/0028_duties.sql: only identity
-- and timestamp types differ.

CREATE TABLE duties (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    checklist       TEXT NOT NULL DEFAULT '[]',  -- JSON array of lines
    evidence_prompt TEXT NOT NULL DEFAULT '',
    assignee_id     BIGINT REFERENCES users(id) ON DELETE SET NULL,
    schedule        TEXT NOT NULL,               -- hitori.DutySchedule as JSON
    lead_days       INTEGER NOT NULL DEFAULT 0,
    starts_on       TEXT NOT NULL,               -- YYYY-MM-DD
    paused          BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX duties_title ON duties(LOWER(title), id);

-- One row per (duty, nominal date): the generator's idempotence and the
-- completion history.
CREATE TABLE duty_occurrences (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    duty_id         BIGINT NOT NULL REFERENCES duties(id) ON DELETE CASCADE,
    nominal_on      TEXT NOT NULL,               -- the day the schedule names
    due_on          TEXT NOT NULL,               -- after the holiday rule
    item_id         BIGINT NOT NULL REFERENCES items(id),
    created_at      TIMESTAMP NOT NULL,
    completed_at    TIMESTAMP,
    completed_by_id BIGINT,
    completed_by    TEXT NOT NULL DEFAULT '',
    checks          TEXT NOT NULL DEFAULT '[]',  -- JSON array of hitori.DutyCheck
    evidence        TEXT NOT NULL DEFAULT '',
    UNIQUE (duty_id, nominal_on)
);
CREATE INDEX duty_occurrences_due ON duty_occurrences(due_on, id);
CREATE INDEX duty_occurrences_duty_due ON duty_occurrences(duty_id, due_on);
