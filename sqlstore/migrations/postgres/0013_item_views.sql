-- When each colleague last opened each of their items on the portal, so the
-- portal list can mark items with replies they have not read yet.
CREATE TABLE item_views (
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    item_id     BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    seen_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, item_id)
);
CREATE INDEX item_views_item ON item_views(item_id);
