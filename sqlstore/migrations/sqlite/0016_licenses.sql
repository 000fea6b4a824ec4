-- Software titles and their licenses, and what the expiry alerts have
-- sent. Kept in step with ../postgres/0016_licenses.sql: only identity and
-- timestamp types differ. Dates are 'YYYY-MM-DD' text as in 0015.

-- A software title is what installations are counted against: title_key
-- is asset.TitleKey of its name, the same normalisation asset_software's
-- title_key is stored through.
CREATE TABLE software_titles (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    publisher   TEXT NOT NULL DEFAULT '',
    title_key   TEXT NOT NULL UNIQUE
);

CREATE TABLE licenses (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title_id    BIGINT NOT NULL REFERENCES software_titles(id),
    kind        TEXT NOT NULL,                  -- perpetual, subscription, volume, oem
    seats       INTEGER NOT NULL DEFAULT 0,
    period      TEXT NOT NULL DEFAULT '',       -- '', monthly, yearly
    renewal_on  TEXT NOT NULL DEFAULT '',
    cost_yen    BIGINT,
    vendor      TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    -- Administrators only, until the vault holds it (a later issue).
    license_key TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX licenses_title ON licenses(title_id);
CREATE INDEX licenses_renewal ON licenses(renewal_on) WHERE renewal_on <> '';

-- One row per alert sent: a thing (warranty or lease of an asset, renewal
-- of a license), the date it runs out and the step (days before). The date
-- is part of the key, so a renewed license is alerted again for its next
-- renewal; the key makes a second run of the same day send nothing.
CREATE TABLE asset_alerts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,                  -- warranty, lease, renewal
    ref_id      BIGINT NOT NULL,                -- assets.id or licenses.id
    due_on      TEXT NOT NULL,
    step        INTEGER NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    sent_at     TIMESTAMP NOT NULL,
    UNIQUE (kind, ref_id, due_on, step)
);
