-- Absence mode: time-boxed, read-only access for a stand-in or outside
-- vendor. The account (role 'standin', no password) signs in only with the
-- grant's one-time link, of which only the SHA-256 is kept; vault entries
-- are shared with it through vault_grants for the window.
CREATE TABLE standins (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    starts_at   TIMESTAMP NOT NULL,
    ends_at     TIMESTAMP NOT NULL,
    entries     TEXT NOT NULL DEFAULT '',
    link_hash   TEXT UNIQUE,
    created_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL,
    revoked_at  TIMESTAMP,
    closed_at   TIMESTAMP
);
CREATE INDEX standins_user ON standins(user_id);
CREATE INDEX standins_open ON standins(closed_at, ends_at);
