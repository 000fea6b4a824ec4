-- The credential vault (issue 11). Secrets are ciphertexts made by the vault
-- package (AES-256-GCM, one data key per entry wrapped by the vault key);
-- the vault key itself is stored only wrapped (by the key file in
-- DATA/keys/ or an administrator passphrase). Nothing here opens without it.
CREATE TABLE vault_meta (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    vault_id     TEXT NOT NULL,
    mode         TEXT NOT NULL,
    wrapped_key  TEXT NOT NULL,
    kdf          TEXT NOT NULL DEFAULT '',
    check_value  TEXT NOT NULL,
    generation   INTEGER NOT NULL,
    kit_issued   TIMESTAMP,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE TABLE vault_entries (
    id          TEXT PRIMARY KEY,
    system      TEXT NOT NULL,
    url         TEXT NOT NULL DEFAULT '',
    username    TEXT NOT NULL DEFAULT '',
    data_key    TEXT NOT NULL,
    password    TEXT NOT NULL DEFAULT '',
    totp        TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    rotate_by   TIMESTAMP,
    created_by  INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX vault_entries_system ON vault_entries(system);
CREATE TABLE vault_grants (
    entry_id  TEXT NOT NULL REFERENCES vault_entries(id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL DEFAULT 0,
    role      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (entry_id, user_id, role)
);
CREATE TABLE vault_files (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id    TEXT NOT NULL REFERENCES vault_entries(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    data        TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX vault_files_entry ON vault_files(entry_id);
-- Append-only and hash-chained: each hash covers the previous one
-- (hitori.VaultAuditRecord.ComputeHash); the triggers refuse edits through
-- SQL, and `hitori vault audit-verify` catches edits made around them.
CREATE TABLE vault_audit (
    seq        INTEGER PRIMARY KEY,
    at         TIMESTAMP NOT NULL,
    actor_id   INTEGER NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    entry_id   TEXT NOT NULL,
    remote     TEXT NOT NULL,
    detail     TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE TRIGGER vault_audit_no_update BEFORE UPDATE ON vault_audit
BEGIN SELECT RAISE(ABORT, 'vault_audit is append-only'); END;
CREATE TRIGGER vault_audit_no_delete BEFORE DELETE ON vault_audit
BEGIN SELECT RAISE(ABORT, 'vault_audit is append-only'); END;
