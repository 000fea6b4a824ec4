CREATE TABLE item_articles (
    item_id     BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    article_id  BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (item_id, article_id)
);
CREATE INDEX item_articles_article ON item_articles(article_id);
