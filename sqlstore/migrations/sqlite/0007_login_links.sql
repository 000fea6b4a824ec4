-- One-time sign-in links mailed to requesters and technicians. Only the
-- SHA-256 of a token is kept, so a copy of the database signs nobody in.
CREATE TABLE login_links (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash  TEXT NOT NULL UNIQUE,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP,
    ip          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX login_links_user ON login_links(user_id);
