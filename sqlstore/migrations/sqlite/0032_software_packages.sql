-- Installed software as links to a catalogue of packages. Every PC of a
-- fleet reports largely the same programs: storing name, version,
-- publisher and title key once per package, and one (asset, package) pair
-- per installation, makes an inventory's software rows about a tenth of
-- the bytes they were (10,000 PCs of 900 programs: 1.7 GB before), and a
-- first report writes that much less. Kept in step with
-- ../postgres/0032_software_packages.sql.

-- ident is name, version and publisher joined by line feeds (inventory
-- text has no control characters): one text key a report's programs are
-- looked up by, with no JSON field to take apart per program.
CREATE TABLE software_packages (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ident       TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    version     TEXT NOT NULL DEFAULT '',
    publisher   TEXT NOT NULL DEFAULT '',
    title_key   TEXT NOT NULL
);
CREATE INDEX software_packages_title ON software_packages(title_key);

INSERT INTO software_packages (ident, name, version, publisher, title_key)
    SELECT name || char(10) || version || char(10) || publisher, name, version, publisher, MIN(title_key)
    FROM asset_software GROUP BY name, version, publisher ORDER BY name, version, publisher;

-- An asset has one package of a name and version (inventory keeps one).
CREATE TABLE asset_packages (
    asset_id    BIGINT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
    package_id  BIGINT NOT NULL REFERENCES software_packages(id),
    PRIMARY KEY (asset_id, package_id)
) WITHOUT ROWID;
CREATE INDEX asset_packages_package ON asset_packages(package_id);

INSERT INTO asset_packages (asset_id, package_id)
    SELECT s.asset_id, p.id FROM asset_software s
    JOIN software_packages p ON p.ident = s.name || char(10) || s.version || char(10) || s.publisher;

DROP TABLE asset_software;
