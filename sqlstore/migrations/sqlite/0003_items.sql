-- Work items (tickets and tasks), their timelines, and the lookups the intake
-- and the board need. Kept in step with ../postgres/0003_items.sql: only the
-- identity and timestamp types differ.

CREATE TABLE items (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    type                TEXT NOT NULL,
    title               TEXT NOT NULL,
    body                TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL,
    source              TEXT NOT NULL,
    category            TEXT NOT NULL DEFAULT '',
    tags                TEXT NOT NULL DEFAULT '',   -- "\ntag\n…\n", as articles.tags
    urgent              BOOLEAN NOT NULL DEFAULT FALSE,
    important           BOOLEAN NOT NULL DEFAULT FALSE,
    quadrant            INTEGER NOT NULL,           -- derived from urgent/important, for the board's index
    requester_id        BIGINT REFERENCES users(id) ON DELETE SET NULL,
    requester_name      TEXT NOT NULL DEFAULT '',
    requester_email     TEXT NOT NULL DEFAULT '',
    assignee_id         BIGINT REFERENCES users(id) ON DELETE SET NULL,
    vendor              TEXT NOT NULL DEFAULT '',
    due_at              TIMESTAMP,
    first_response_due  TIMESTAMP,
    resolution_due      TIMESTAMP,
    first_responded_at  TIMESTAMP,
    resolved_at         TIMESTAMP,
    -- The earliest SLA target still pending, or 9999-12-31 when none: the
    -- "next" queue's second key. Stored (not computed in ORDER BY) so an index
    -- serves the board, and never NULL because the two databases sort NULLs
    -- differently.
    sla_next            TIMESTAMP NOT NULL,
    merged_into         BIGINT REFERENCES items(id) ON DELETE SET NULL,
    message_id          TEXT,                       -- NULL unless opened by e-mail; unique through item_messages
    minutes_spent       INTEGER NOT NULL DEFAULT 0, -- sum of item_events.minutes, kept by the store
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);

-- The board: open items only (a small part of a large table), in "next" order.
-- The WHERE text must match the store's open condition exactly for SQLite to use it.
CREATE INDEX items_next ON items(quadrant, sla_next, created_at, id, status) WHERE status NOT IN ('resolved', 'closed');
CREATE INDEX items_status ON items(status, created_at);
CREATE INDEX items_requester ON items(requester_id, created_at);
CREATE INDEX items_assignee ON items(assignee_id, status, created_at);
CREATE INDEX items_created ON items(created_at);
CREATE INDEX items_updated ON items(updated_at);
CREATE INDEX items_due ON items(due_at) WHERE due_at IS NOT NULL;
CREATE INDEX items_merged ON items(merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE item_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id     BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    author_id   BIGINT REFERENCES users(id) ON DELETE SET NULL,
    author      TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    field       TEXT NOT NULL DEFAULT '',
    old_value   TEXT NOT NULL DEFAULT '',
    new_value   TEXT NOT NULL DEFAULT '',
    minutes     INTEGER NOT NULL DEFAULT 0,
    message_id  TEXT,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX item_events_item ON item_events(item_id, id);
-- Time reports sum minutes by period and author.
CREATE INDEX item_events_minutes ON item_events(created_at, author_id) WHERE minutes > 0;

-- Every Message-ID hitori has seen or sent, with the item it belongs to: one
-- primary key makes e-mail intake idempotent even when two processes share a
-- PostgreSQL (the second insert waits for the first and then conflicts), and
-- threading finds the item by In-Reply-To/References in one lookup.
CREATE TABLE item_messages (
    message_id  TEXT PRIMARY KEY,
    item_id     BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX item_messages_item ON item_messages(item_id);

-- Saved filters: a user's named list query string (the board's and list's URL query).
CREATE TABLE saved_filters (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    query       TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (user_id, name)
);

-- Canned replies: reusable answers the staff insert into a reply.
CREATE TABLE canned_replies (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT NOT NULL UNIQUE,
    body        TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
