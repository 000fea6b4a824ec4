package sqlstore_test

import (
	"context"
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
