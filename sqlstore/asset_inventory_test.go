package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestInventorySoftwareTextSurvives: programs travel to the database as
// one JSON document; names with quotes, backslashes, control-free
// non-ASCII and JSON's own escapes must come back as they went in.
func TestInventorySoftwareTextSurvives(t *testing.T) {
	names := []string{`Say "hi"`, `C:\Program Files\x`, "日本語 IME", "emoji 😀", "line\u2028sep", "<b>&amp;</b>", "tab\there", "del\x7f"}
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		r := &hitori.InventoryReport{UUID: "UUID-1", Hostname: "pc"}
		for i, n := range names {
			r.Software = append(r.Software, hitori.InventorySoftware{Name: n, Version: names[len(names)-1-i], Publisher: n + " Inc."})
		}
		out, err := db.Assets().ApplyInventory(context.Background(), r, hitori.InventoryApply{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Assets().AssetSoftware(context.Background(), out.AssetID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{}
		for i, n := range names {
			want[n] = names[len(names)-1-i] + "|" + n + " Inc."
		}
		if len(got) != len(names) {
			t.Fatalf("got %d programs, want %d: %+v", len(got), len(names), got)
		}
		for _, s := range got {
			if w := want[s.Name]; w != s.Version+"|"+s.Publisher {
				t.Errorf("program %q: got %q, want %q", s.Name, s.Version+"|"+s.Publisher, w)
			}
		}
	})
}

// TestInventoryMatchOrder: a report means the asset of its hardware UUID,
// else of its serial, else of any of its MAC addresses, and of several
// assets with one key the oldest, whatever the order the keys' rows come
// back in (they are asked for in one statement).
func TestInventoryMatchOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		apply := func(r *hitori.InventoryReport) hitori.InventoryOutcome {
			t.Helper()
			out, err := db.Assets().ApplyInventory(ctx, r, hitori.InventoryApply{})
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		byMAC := apply(&hitori.InventoryReport{Hostname: "by-mac", MACs: []string{"02:00:00:00:00:01"}})
		bySerial := apply(&hitori.InventoryReport{Hostname: "by-serial", BIOSSerial: "SN-1"})
		byUUID := apply(&hitori.InventoryReport{Hostname: "by-uuid", UUID: "UUID-1"})
		// A younger asset with the same MAC address (an adapter moved).
		younger := &hitori.Asset{Type: hitori.AssetPC, Status: hitori.AssetInUse, Hostname: "younger"}
		if err := db.InsertAssetForTest(ctx, younger); err != nil {
			t.Fatal(err)
		}
		if err := db.ExecForTest(ctx, `INSERT INTO asset_macs (asset_id, mac) VALUES ($1, '02:00:00:00:00:02'), ($2, '02:00:00:00:00:02')`,
			younger.ID, byMAC.AssetID); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name string
			r    hitori.InventoryReport
			want int64
		}{
			{"all three keys", hitori.InventoryReport{UUID: "UUID-1", BIOSSerial: "SN-1", MACs: []string{"02:00:00:00:00:01"}}, byUUID.AssetID},
			{"serial and MAC", hitori.InventoryReport{BIOSSerial: "SN-1", MACs: []string{"02:00:00:00:00:01"}}, bySerial.AssetID},
			{"unknown UUID, known serial", hitori.InventoryReport{UUID: "UUID-9", BIOSSerial: "SN-1"}, bySerial.AssetID},
			{"MAC of two assets", hitori.InventoryReport{MACs: []string{"02:00:00:00:00:02"}}, byMAC.AssetID},
			{"one known MAC among others", hitori.InventoryReport{MACs: []string{"02:00:00:00:00:09", "02:00:00:00:00:01"}}, byMAC.AssetID},
		} {
			r := tc.r
			// A partial update without networks: it leaves the MACs as
			// they are for the next case.
			r.Hostname, r.Partial, r.Sections = "again", true, []string{"hardware"}
			if out := apply(&r); out.AssetID != tc.want || out.Created {
				t.Errorf("%s: asset %d (created %t), want %d", tc.name, out.AssetID, out.Created, tc.want)
			}
		}
	})
}

// TestInventorySoftwareHistory: a report that changes the programs adds
// one history entry naming the programs added, then those removed (name
// and version); a new publisher alone is no change worth an entry, and
// the asset's software is the report's.
func TestInventorySoftwareHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		sw := func(list ...[3]string) []hitori.InventorySoftware {
			var out []hitori.InventorySoftware
			for _, s := range list {
				out = append(out, hitori.InventorySoftware{Name: s[0], Version: s[1], Publisher: s[2]})
			}
			return out
		}
		apply := func(programs []hitori.InventorySoftware) int64 {
			t.Helper()
			out, err := db.Assets().ApplyInventory(ctx, &hitori.InventoryReport{UUID: "U-1", Hostname: "pc", Software: programs}, hitori.InventoryApply{})
			if err != nil {
				t.Fatal(err)
			}
			return out.AssetID
		}
		id := apply(sw([3]string{"Editor", "1", "ACME"}, [3]string{"Viewer", "1", "ACME"}))
		apply(sw([3]string{"Editor", "1", "ACME Inc."}, [3]string{"Viewer", "2", "ACME"}, [3]string{"Zip", "9", ""}))
		hist, err := db.Assets().AssetHistory(ctx, id, 0)
		if err != nil || len(hist) != 2 {
			t.Fatalf("history: %d entries, %v; want created and one inventory entry", len(hist), err)
		}
		var got []string
		for _, c := range hist[0].Changes {
			if c.Field == "software" {
				got = append(got, "+"+c.New+"-"+c.Old)
			}
		}
		want := []string{"+Viewer 2-", "+Zip 9-", "+-Viewer 1"}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("software changes %v, want %v", got, want)
		}
		list, err := db.Assets().AssetSoftware(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, s := range list {
			names = append(names, s.Name+" "+s.Version+" "+s.Publisher)
		}
		if strings.Join(names, "|") != "Editor 1 ACME Inc.|Viewer 2 ACME|Zip 9 " {
			t.Errorf("software %q", names)
		}
	})
}
