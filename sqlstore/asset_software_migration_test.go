package sqlstore_test

import (
	"database/sql"
	"strings"
	"testing"

	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestSoftwareMigrationKeepsInstallations: migration 0032 moves the
// software inventory has recorded into the package catalogue without
// losing or merging an installation, and 0034 into one set per asset
// with the licensed titles' installations counted.
func TestSoftwareMigrationKeepsInstallations(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			dsn := storetest.DSN(t, dialect)
			driver := "pgx"
			if dialect == sqlstore.SQLite {
				driver, dsn = "sqlite", "file:"+dsn+"?_pragma=foreign_keys(1)"
			}
			db, err := sql.Open(driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			db.SetMaxOpenConns(1) // one session: PostgreSQL's search_path, SQLite's pragma
			apply := func(from, to int) {
				t.Helper()
				steps, err := sqlstore.MigrationSQLForTest(dialect, from, to)
				if err != nil || len(steps) == 0 {
					t.Fatalf("migrations %d–%d: %d, %v", from, to, len(steps), err)
				}
				for _, q := range steps {
					if _, err := db.Exec(q); err != nil {
						t.Fatalf("migration: %v", err)
					}
				}
			}
			apply(1, 31)
			for _, q := range []string{
				`INSERT INTO assets (type, status, created_at, updated_at) VALUES ('pc', 'in_use', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
				`INSERT INTO assets (type, status, created_at, updated_at) VALUES ('pc', 'in_use', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
				`INSERT INTO asset_software (asset_id, name, version, publisher, title_key) VALUES
					(1, 'Microsoft Office', '2019', 'Microsoft', 'microsoft office'),
					(1, '7-Zip', '23.01', 'Igor Pavlov', '7-zip'),
					(2, 'Microsoft Office', '2019', 'Microsoft', 'microsoft office'),
					(2, 'vim', '9.0', '', 'vim')`,
			} {
				if _, err := db.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			apply(32, 32)
			rows, err := db.Query(`SELECT s.asset_id, p.name, p.version, p.publisher, p.title_key FROM asset_packages s
				JOIN software_packages p ON p.id = s.package_id ORDER BY s.asset_id, p.name`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var got []string
			for rows.Next() {
				var id int64
				var n, v, p, k string
				if err := rows.Scan(&id, &n, &v, &p, &k); err != nil {
					t.Fatal(err)
				}
				got = append(got, strings.Join([]string{string(rune('0' + id)), n, v, p, k}, "|"))
			}
			want := []string{"1|7-Zip|23.01|Igor Pavlov|7-zip", "1|Microsoft Office|2019|Microsoft|microsoft office",
				"2|Microsoft Office|2019|Microsoft|microsoft office", "2|vim|9.0||vim"}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("after the migration:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			var packages int
			if err := db.QueryRow(`SELECT COUNT(*) FROM software_packages`).Scan(&packages); err != nil || packages != 3 {
				t.Errorf("%d packages (%v), want 3: one a name, version and publisher", packages, err)
			}

			// 0034: each asset's packages become one set, and the titles
			// licenses name get their installations counted (a retired
			// asset counts for none).
			for _, q := range []string{
				`INSERT INTO software_titles (name, publisher, title_key) VALUES ('Office', '', 'microsoft office'), ('Nothing', '', 'nothing')`,
				`UPDATE assets SET status = 'retired' WHERE id = 2`,
			} {
				if _, err := db.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			apply(33, 34)
			sets := map[int64]string{}
			setRows, err := db.Query(`SELECT s.asset_id, s.packages, s.software_count FROM asset_package_sets s ORDER BY s.asset_id`)
			if err != nil {
				t.Fatal(err)
			}
			defer setRows.Close()
			for setRows.Next() {
				var id int64
				var set string
				var n int
				if err := setRows.Scan(&id, &set, &n); err != nil {
					t.Fatal(err)
				}
				if n != 2 {
					t.Errorf("asset %d: software_count %d, want 2", id, n)
				}
				sets[id] = set
			}
			var office, zip, vim string
			for name, dst := range map[string]*string{"Microsoft Office": &office, "7-Zip": &zip, "vim": &vim} {
				if err := db.QueryRow(`SELECT CAST(id AS TEXT) FROM software_packages WHERE name = $1`, name).Scan(dst); err != nil {
					t.Fatal(err)
				}
			}
			ascending := func(a, b string) string {
				if len(a) < len(b) || len(a) == len(b) && a < b {
					return a + "," + b
				}
				return b + "," + a
			}
			if sets[1] != ascending(office, zip) || sets[2] != ascending(office, vim) {
				t.Errorf("sets %v; office %s, 7-zip %s, vim %s", sets, office, zip, vim)
			}
			counts := map[string]int{}
			countRows, err := db.Query(`SELECT title_key, assets FROM software_title_installs`)
			if err != nil {
				t.Fatal(err)
			}
			defer countRows.Close()
			for countRows.Next() {
				var k string
				var n int
				if err := countRows.Scan(&k, &n); err != nil {
					t.Fatal(err)
				}
				counts[k] = n
			}
			if len(counts) != 2 || counts["microsoft office"] != 1 || counts["nothing"] != 0 {
				t.Errorf("title installations %v, want microsoft office 1 and nothing 0 only", counts)
			}
		})
	}
}
