-- E-mail intake: every received message and what became of it, the files
-- items carry, the mail hitori sent, and leases that let one of several
-- processes sharing a database run a background job. Kept in step with
-- ../postgres/0005_intake.sql: only the identity and timestamp types differ.

-- One row per received Message-ID, ignored or not: the admin's log of what
-- was ignored and why, the link to the original .eml (kept under
-- DATA/attachments by its SHA-256), and the subject key for threading
-- replies that carry no threading headers.
CREATE TABLE mail_received (
    message_id   TEXT PRIMARY KEY,
    action       TEXT NOT NULL,                -- created, appended, ignored
    reason       TEXT NOT NULL DEFAULT '',     -- why it was ignored: auto-reply, bounce, read-receipt, loop, bulk, unreadable
    item_id      BIGINT REFERENCES items(id) ON DELETE SET NULL,
    event_id     BIGINT REFERENCES item_events(id) ON DELETE SET NULL,
    sender       TEXT NOT NULL DEFAULT '',     -- the requester's address, lower case
    subject      TEXT NOT NULL DEFAULT '',
    subject_key  TEXT NOT NULL DEFAULT '',     -- mail.NormalizeSubject, for created items only
    detail       TEXT NOT NULL DEFAULT '',     -- limits hit, a bounce's diagnostic
    eml_sha256   TEXT NOT NULL DEFAULT '',
    eml_size     BIGINT NOT NULL DEFAULT 0,
    received_at  TIMESTAMP NOT NULL
);
CREATE INDEX mail_received_subject ON mail_received(sender, subject_key, received_at) WHERE action = 'created';
CREATE INDEX mail_received_at ON mail_received(received_at);
CREATE INDEX mail_received_item ON mail_received(item_id);
CREATE INDEX mail_received_eml ON mail_received(eml_sha256);

-- Files attached to items, stored once per content under DATA/attachments.
-- sha256 is '' when a file was over the size limit and only its name and
-- size were kept (the original .eml still holds it). original marks the
-- message itself as received.
CREATE TABLE item_attachments (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id       BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    event_id      BIGINT REFERENCES item_events(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          BIGINT NOT NULL,
    sha256        TEXT NOT NULL DEFAULT '',
    original      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX item_attachments_item ON item_attachments(item_id, id);
CREATE INDEX item_attachments_sha256 ON item_attachments(sha256);

-- Mail hitori sent. The Message-ID is also in item_messages, so a reply to
-- it threads; status lets a bounce mark the mail failed.
CREATE TABLE mail_outgoing (
    message_id  TEXT PRIMARY KEY,
    item_id     BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    event_id    BIGINT REFERENCES item_events(id) ON DELETE SET NULL,
    kind        TEXT NOT NULL,               -- reply, created, status
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    status      TEXT NOT NULL,               -- sending, sent, failed
    detail      TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX mail_outgoing_item ON mail_outgoing(item_id, created_at);

-- Leases: a named job (e.g. "mail-poll:imap.example.com/INBOX") is run by
-- the process holding an unexpired lease.
CREATE TABLE leases (
    name        TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,
    expires_at  TIMESTAMP NOT NULL
);
