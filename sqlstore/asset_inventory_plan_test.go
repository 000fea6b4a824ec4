package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestInventoryMatchUsesKeyIndexes: a report finds its asset through the
// index of the key it carries (hardware UUID, serial, MAC addresses),
// never by walking the assets in id order testing each. With ORDER BY
// id LIMIT 1, PostgreSQL chose that walk for MAC addresses, and an
// unchanged report's match grew with the register: at 10,000 PCs it was
// most of the report's database time.
func TestInventoryMatchUsesKeyIndexes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		// A register of 5,000 PCs with two MAC addresses each.
		for _, q := range []string{
			`INSERT INTO assets (type, status, serial, hardware_uuid, created_at, updated_at)
				SELECT 'pc', 'in_use', 'SN' || CAST(n AS TEXT), 'UUID-' || CAST(n AS TEXT), '2026-01-01 00:00:00', '2026-01-01 00:00:00'
				FROM (SELECT 1 + a.d + 10 * b.d + 100 * c.d + 1000 * e.d AS n FROM
					(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) a,
					(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) b,
					(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) c,
					(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) e) s`,
			`INSERT INTO asset_macs (asset_id, mac) SELECT id, 'aa:' || CAST(id AS TEXT) FROM assets`,
			`INSERT INTO asset_macs (asset_id, mac) SELECT id, 'bb:' || CAST(id AS TEXT) FROM assets`,
		} {
			if err := db.ExecForTest(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		// No ANALYZE: a register that has just filled with first
		// reports has no statistics yet (autovacuum had not run in the
		// whole 10,000-PC benchmark), and that is when PostgreSQL took
		// the walk.
		plan, err := db.InventoryMatchPlanForTest(ctx, "UUID-4321", "SN4321", []string{"aa:4321", "bb:4321"})
		if err != nil {
			t.Fatal(err)
		}
		for _, index := range []string{"assets_uuid", "assets_serial", "asset_macs_mac"} {
			if !strings.Contains(plan, index) {
				t.Errorf("the plan does not look a key up in %s:\n%s", index, plan)
			}
		}
		for _, walk := range []string{"pkey", "Seq Scan", "PRIMARY KEY", "SCAN "} {
			if strings.Contains(plan, walk) {
				t.Errorf("the plan walks a table (%s):\n%s", walk, plan)
			}
		}
	})
}
