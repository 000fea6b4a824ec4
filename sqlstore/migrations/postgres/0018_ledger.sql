-- Ledger imports remember how each layout of columns was mapped, so the
-- next file with the same header row imports without questions, and the
-- latest one is "the layout of the last import" that exports can follow.
-- Kept in step with ../sqlite/0018_ledger.sql.

CREATE TABLE ledger_layouts (
    signature   TEXT PRIMARY KEY,          -- hash of the folded header texts
    headers     TEXT NOT NULL,             -- JSON array: header texts in column order
    fields      TEXT NOT NULL,             -- JSON array: the field of each column ('' ignored)
    used_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX ledger_layouts_used ON ledger_layouts(used_at);
