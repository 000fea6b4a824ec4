-- One row per topic (articles, synonyms, settings) whose version every write
-- of that topic raises in its own transaction: processes sharing the
-- database compare versions to learn that their in-memory copies are stale.
-- The same transaction also sends NOTIFY hitori_changes, delivered at commit.
-- Rows appear on the first write of a topic, so a new database stays empty
-- (restore requires an empty target).
CREATE TABLE changes (
    topic    TEXT PRIMARY KEY,
    version  BIGINT NOT NULL
);
