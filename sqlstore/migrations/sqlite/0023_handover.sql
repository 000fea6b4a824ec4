-- The handover register (issue 11): vendors and their contacts, systems
-- and what they link to, relations for the configuration diagram,
-- contracts with their covered systems and documents, the decision-date
-- alerts already sent, and per-user calendar feed tokens.
-- Kept in step with ../postgres/0023_handover.sql: only identity and
-- timestamp types differ.

CREATE TABLE vendors (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    handles     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    portal      TEXT NOT NULL DEFAULT '',
    customer_no TEXT NOT NULL DEFAULT '',
    escalation  TEXT NOT NULL DEFAULT '',
    how_to_open TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX vendors_name ON vendors(LOWER(name), id);

CREATE TABLE vendor_contacts (
    vendor_id   BIGINT NOT NULL REFERENCES vendors(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (vendor_id, position)
);

CREATE TABLE systems (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    owner_person_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    owner_user_id   BIGINT REFERENCES users(id) ON DELETE SET NULL,
    vendor_id       BIGINT REFERENCES vendors(id) ON DELETE SET NULL,
    criticality     TEXT NOT NULL,
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX systems_name ON systems(LOWER(name), id);
CREATE INDEX systems_vendor ON systems(vendor_id);

-- Links to other areas' records; ref is the id as text (vault ids are
-- text), so there is no foreign key: reads mark a vanished one missing.
CREATE TABLE system_links (
    system_id   BIGINT NOT NULL REFERENCES systems(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,              -- article, vault, asset, monitor
    ref         TEXT NOT NULL,
    PRIMARY KEY (system_id, kind, ref)
);

-- Edges of the configuration diagram: from depends on / runs on to.
CREATE TABLE system_relations (
    from_id     BIGINT NOT NULL REFERENCES systems(id) ON DELETE CASCADE,
    to_id       BIGINT NOT NULL REFERENCES systems(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,              -- depends_on, runs_on
    PRIMARY KEY (from_id, to_id, kind)
);
CREATE INDEX system_relations_to ON system_relations(to_id);

CREATE TABLE contracts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    vendor_id   BIGINT NOT NULL REFERENCES vendors(id),
    title       TEXT NOT NULL,
    number      TEXT NOT NULL DEFAULT '',
    starts_on   TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD or ''
    ends_on     TEXT NOT NULL DEFAULT '',
    auto_renew  BOOLEAN NOT NULL DEFAULT FALSE,
    notice      INTEGER NOT NULL DEFAULT 0,
    notice_unit TEXT NOT NULL DEFAULT 'days',
    decision_on TEXT NOT NULL DEFAULT '',   -- ends_on minus the notice, kept for the calendar's range queries
    monthly_yen BIGINT,
    annual_yen  BIGINT,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX contracts_vendor ON contracts(vendor_id);
CREATE INDEX contracts_decision ON contracts(decision_on);
CREATE INDEX contracts_end ON contracts(ends_on);

CREATE TABLE contract_systems (
    contract_id BIGINT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
    system_id   BIGINT NOT NULL REFERENCES systems(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (contract_id, system_id)
);
CREATE INDEX contract_systems_system ON contract_systems(system_id);

-- Documents in the blob store's "contracts" area, by SHA-256.
CREATE TABLE contract_files (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    contract_id  BIGINT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    author       TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX contract_files_contract ON contract_files(contract_id);
CREATE INDEX contract_files_sha ON contract_files(sha256);

-- Decision-date alerts sent: one row per (contract, decision date, step),
-- so a changed end date alerts afresh and a second run of a day does not.
CREATE TABLE contract_alerts (
    contract_id BIGINT NOT NULL,
    due_on      TEXT NOT NULL,
    step        INTEGER NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    sent_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (contract_id, due_on, step)
);

-- One calendar feed token per user (SHA-256 hex of the token).
CREATE TABLE calendar_tokens (
    user_id     BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL
);
