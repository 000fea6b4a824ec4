-- The register's own tables beyond 0015: custom fields per asset type and
-- physical inventory (棚卸し) rounds. Kept in step with
-- ../postgres/0019_asset_fields.sql: only identity and timestamp types differ.

-- Administrator-defined fields of one asset type; an asset keeps the
-- values in assets.custom under the field's name.
CREATE TABLE asset_field_defs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    asset_type  TEXT NOT NULL,
    name        TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (asset_type, name)
);

-- A stocktake round: open while finished_at is NULL (at most one open).
CREATE TABLE stocktakes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at  TIMESTAMP NOT NULL,
    started_by  BIGINT REFERENCES users(id) ON DELETE SET NULL,
    finished_at TIMESTAMP,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX stocktakes_one_open ON stocktakes((1)) WHERE finished_at IS NULL;

-- Assets confirmed in a round: one row per asset, the first tap wins.
CREATE TABLE stocktake_seen (
    stocktake_id BIGINT NOT NULL REFERENCES stocktakes(id) ON DELETE CASCADE,
    asset_id     BIGINT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
    at           TIMESTAMP NOT NULL,
    actor_id     BIGINT REFERENCES users(id) ON DELETE SET NULL,
    PRIMARY KEY (stocktake_id, asset_id)
);
