-- Installed software as one set of catalogue ids per asset instead of
-- one row per program per asset. A row per installation made a new PC's
-- first report insert hundreds of entries into the index of
-- installations by package, each on another page, and check two foreign
-- keys per row: at 10,000 PCs that was most of a first report's cost
-- (BENCHMARKS.md, "Inventory ingestion"). What read that index, the
-- installations of a license's title, is now a count the writes keep.
-- Kept in step with ../sqlite/0034_package_sets.sql.

-- packages: the asset's package ids, ascending, comma-separated;
-- software_count: how many.
CREATE TABLE asset_package_sets (
    asset_id        BIGINT PRIMARY KEY REFERENCES assets(id) ON DELETE CASCADE,
    packages        TEXT NOT NULL,
    software_count  INTEGER NOT NULL
);

INSERT INTO asset_package_sets (asset_id, packages, software_count)
    SELECT asset_id, string_agg(package_id::text, ',' ORDER BY package_id), COUNT(*)
    FROM asset_packages GROUP BY asset_id;

-- assets: how many assets that are not retired have at least one package
-- of the title key (what a license's seats are compared with). A row for
-- each title key a license has named; writes add to the rows there are.
CREATE TABLE software_title_installs (
    title_key   TEXT PRIMARY KEY,
    assets      BIGINT NOT NULL
);

INSERT INTO software_title_installs (title_key, assets)
    SELECT t.title_key, COUNT(DISTINCT a.id) FROM software_titles t
    LEFT JOIN software_packages p ON p.title_key = t.title_key
    LEFT JOIN asset_packages s ON s.package_id = p.id
    LEFT JOIN assets a ON a.id = s.asset_id AND a.status <> 'retired'
    GROUP BY t.title_key;

DROP TABLE asset_packages;
