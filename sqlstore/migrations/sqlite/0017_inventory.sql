-- Inventory agents' reports (issue 10). Kept in step with
-- ../postgres/0017_inventory.sql: only identity and timestamp types differ.

-- MAC addresses of each inventoried asset's physical interfaces: the last
-- match key after hardware UUID and BIOS serial.
CREATE TABLE asset_macs (
    asset_id    BIGINT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
    mac         TEXT NOT NULL,                 -- lower-case aa:bb:cc:dd:ee:ff
    PRIMARY KEY (asset_id, mac)
);
CREATE INDEX asset_macs_mac ON asset_macs(mac);

-- The hardware part of each asset's last report. digest hashes the whole
-- normalised report: an identical report is recognised by it and writes
-- nothing but assets.last_seen_at.
CREATE TABLE asset_inventory (
    asset_id    BIGINT PRIMARY KEY REFERENCES assets(id) ON DELETE CASCADE,
    device_id   TEXT NOT NULL DEFAULT '',
    bios_serial TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT '{}',    -- JSON hitori.InventoryDetail
    digest      TEXT NOT NULL DEFAULT '',
    changed_at  TIMESTAMP NOT NULL              -- when the report last changed something
);
CREATE INDEX asset_inventory_serial ON asset_inventory(bios_serial) WHERE bios_serial <> '';

-- Reports from devices the register does not know, held for an
-- administrator when the site asks for approval. One row per device
-- (key: UUID, serial or first MAC); a rejected device stays rejected.
CREATE TABLE inventory_pending (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    device_key  TEXT NOT NULL UNIQUE,
    device_id   TEXT NOT NULL DEFAULT '',
    hostname    TEXT NOT NULL DEFAULT '',
    serial      TEXT NOT NULL DEFAULT '',
    uuid        TEXT NOT NULL DEFAULT '',
    source_ip   TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'pending', -- pending, rejected
    report      TEXT NOT NULL,                  -- JSON hitori.InventoryReport
    received_at TIMESTAMP NOT NULL
);
