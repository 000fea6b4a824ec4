-- Self-service statistics: chat questions no article answered (what to
-- write next) and "this solved it" clicks (which articles save items).
CREATE TABLE kb_unanswered (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    question    TEXT NOT NULL,
    norm        TEXT NOT NULL,
    user_id     BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX kb_unanswered_norm ON kb_unanswered(norm);
CREATE INDEX kb_unanswered_created ON kb_unanswered(created_at);

CREATE TABLE kb_deflections (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id    BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    article_slug  TEXT NOT NULL DEFAULT '',
    query_text    TEXT NOT NULL DEFAULT '',
    user_id       BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX kb_deflections_article ON kb_deflections(article_id);
CREATE INDEX kb_deflections_created ON kb_deflections(created_at);
