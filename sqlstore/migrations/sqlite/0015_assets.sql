-- The asset register's core: departments, people (with or without an
-- account), assets and their history. Kept in step with
-- ../postgres/0015_assets.sql: only identity and timestamp types differ.
-- Dates without a time (acquired_on, warranty_until, …) are 'YYYY-MM-DD'
-- text in both databases, so they compare and sort as text.

CREATE TABLE departments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL UNIQUE,
    code        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE people (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT NOT NULL,
    email           TEXT NOT NULL DEFAULT '',
    department_id   BIGINT REFERENCES departments(id) ON DELETE SET NULL,
    user_id         BIGINT UNIQUE REFERENCES users(id) ON DELETE SET NULL,
    employee_no     TEXT NOT NULL DEFAULT '',
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX people_name ON people(name);
CREATE INDEX people_email ON people(email);

CREATE TABLE assets (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    number          TEXT UNIQUE,                -- NULL until the device has an asset number
    type            TEXT NOT NULL,
    maker           TEXT NOT NULL DEFAULT '',
    model           TEXT NOT NULL DEFAULT '',
    serial          TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    person_id       BIGINT REFERENCES people(id) ON DELETE SET NULL,
    department_id   BIGINT REFERENCES departments(id) ON DELETE SET NULL,
    location        TEXT NOT NULL DEFAULT '',
    acquired_on     TEXT NOT NULL DEFAULT '',
    price_yen       BIGINT,
    vendor          TEXT NOT NULL DEFAULT '',
    warranty_until  TEXT NOT NULL DEFAULT '',
    lease_until     TEXT NOT NULL DEFAULT '',
    loan_due        TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    custom          TEXT NOT NULL DEFAULT '{}', -- JSON object: custom field name -> value
    hardware_uuid   TEXT NOT NULL DEFAULT '',
    hostname        TEXT NOT NULL DEFAULT '',
    os_name         TEXT NOT NULL DEFAULT '',
    os_version      TEXT NOT NULL DEFAULT '',
    last_seen_at    TIMESTAMP,
    source          TEXT NOT NULL DEFAULT 'manual',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX assets_serial ON assets(serial) WHERE serial <> '';
CREATE INDEX assets_uuid ON assets(hardware_uuid) WHERE hardware_uuid <> '';
CREATE INDEX assets_status ON assets(status, type);
CREATE INDEX assets_person ON assets(person_id);
CREATE INDEX assets_warranty ON assets(warranty_until) WHERE warranty_until <> '';
CREATE INDEX assets_lease ON assets(lease_until) WHERE lease_until <> '';

CREATE TABLE asset_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    asset_id    BIGINT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
    at          TIMESTAMP NOT NULL,
    actor_id    BIGINT REFERENCES users(id) ON DELETE SET NULL,
    kind        TEXT NOT NULL,
    changes     TEXT NOT NULL DEFAULT '[]',     -- JSON array of {field, old, new}
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX asset_events_asset ON asset_events(asset_id, at);

-- Software installed on each asset, as inventory agents last reported it.
-- title_key is the normalised title (lower case, editions and version
-- numbers stripped) that licenses are counted against.
CREATE TABLE asset_software (
    asset_id    BIGINT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    version     TEXT NOT NULL DEFAULT '',
    publisher   TEXT NOT NULL DEFAULT '',
    title_key   TEXT NOT NULL,
    PRIMARY KEY (asset_id, name, version)
);
CREATE INDEX asset_software_title ON asset_software(title_key);
