-- Ledger imports remember how each layout of columns was mapped, so the
-- next file with the same header row imports without questions, and the
-- latest one is "the layout of the last import" that exports can follow.
-- Kept in step with ../postgres/0018_ledger.sql.

CREATE TABLE ledger_layouts (
    signature   TEXT PRIMARY KEY,          -- hash of the folded header texts
    headers     TEXT NOT NULL,             -- JSON array: header texts in column order
    fields      TEXT NOT NULL,             -- JSON array: the field of each column ('' ignored)
    used_at     TIMESTAMP NOT NULL
);
CREATE INDEX ledger_layouts_used ON ledger_layouts(used_at);

-- Imports started from the web page: the uploaded file (kept here, not in
-- a blob area, so every process sharing the database can run the job and
-- backups need nothing more), the mapping chosen, and the last run's report.
-- Runs older than a week are dropped when a new one is created.
CREATE TABLE ledger_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    size        BIGINT NOT NULL,
    sheet       TEXT NOT NULL DEFAULT '',
    mapping     TEXT NOT NULL DEFAULT '',  -- JSON object header -> field; '' none chosen
    dry_run     BOOLEAN NOT NULL,
    state       TEXT NOT NULL,
    report      TEXT NOT NULL DEFAULT '',
    error       TEXT NOT NULL DEFAULT '',
    actor_id    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    data        BLOB NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX ledger_runs_created ON ledger_runs(created_at);
