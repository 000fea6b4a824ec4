CREATE TABLE article_files (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id    BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    author        TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX article_files_article ON article_files(article_id);
CREATE INDEX article_files_sha ON article_files(sha256);
