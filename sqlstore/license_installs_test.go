package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestLicenseInstallationsFollowWrites: a title's installations are a
// count the writes keep (migration 0034), so every write that changes
// what an asset counts towards must move it: first and later reports,
// programs removed, two versions of one title, retiring and returning an
// asset, deleting it, batches, and a normaliser that changed.
func TestLicenseInstallationsFollowWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		admin, tech, _ := licenseUsers(t, db)
		st := db.Assets()
		ctx := context.Background()
		lower := hitori.InventoryApply{TitleKey: strings.ToLower}
		report := func(uuid string, programs ...string) *hitori.InventoryReport {
			r := &hitori.InventoryReport{UUID: uuid, Hostname: "pc-" + uuid}
			for _, p := range programs {
				i := strings.LastIndex(p, " ") // "name version"
				r.Software = append(r.Software, hitori.InventorySoftware{Name: p[:i], Version: p[i+1:]})
			}
			return r
		}
		apply := func(r *hitori.InventoryReport, opt hitori.InventoryApply) int64 {
			t.Helper()
			out, err := st.ApplyInventory(ctx, r, opt)
			if err != nil {
				t.Fatal(err)
			}
			return out.AssetID
		}
		// One PC reports before the license exists: counted when the
		// license names the title.
		pc1 := apply(report("U-1", "Editor 1", "Viewer 2"), lower)
		editor := &hitori.License{Title: "Editor", Seats: 10}
		if err := st.CreateLicense(admin, editor, "editor", ""); err != nil {
			t.Fatal(err)
		}
		viewer := &hitori.License{Title: "Viewer", Seats: 10}
		if err := st.CreateLicense(admin, viewer, "viewer", ""); err != nil {
			t.Fatal(err)
		}
		installed := func(step string, want map[*hitori.License]int) {
			t.Helper()
			for l, n := range want {
				got, err := st.FindLicense(tech, l.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Installed != n {
					t.Errorf("%s: %s installed on %d, want %d", step, l.Title, got.Installed, n)
				}
			}
		}
		installed("license after the report", map[*hitori.License]int{editor: 1, viewer: 1})

		pc2 := apply(report("U-2", "Editor 1", "Editor 2"), lower) // two versions: one installation
		installed("second PC", map[*hitori.License]int{editor: 2, viewer: 1})

		apply(report("U-1", "Editor 1"), lower) // Viewer removed
		installed("program removed", map[*hitori.License]int{editor: 2, viewer: 0})

		apply(report("U-1", "Editor 1"), lower) // unchanged
		installed("unchanged report", map[*hitori.License]int{editor: 2, viewer: 0})

		retire := func(id int64, s hitori.AssetStatus) {
			t.Helper()
			if _, err := st.UpdateAsset(admin, id, "", func(a *hitori.Asset) error { a.Status = s; return nil }); err != nil {
				t.Fatal(err)
			}
		}
		retire(pc2, hitori.AssetRetired)
		installed("retired", map[*hitori.License]int{editor: 1})
		apply(report("U-2", "Editor 1", "Viewer 2"), lower) // a retired PC's report counts for nothing
		installed("retired PC reports", map[*hitori.License]int{editor: 1, viewer: 0})
		retire(pc2, hitori.AssetInUse)
		installed("back in use", map[*hitori.License]int{editor: 2, viewer: 1})

		// A batch: two new PCs and one of them again.
		_, errs := st.ApplyInventoryBatch(ctx, []*hitori.InventoryReport{
			report("U-3", "Editor 3"), report("U-4", "Viewer 1"), report("U-3", "Viewer 1"),
		}, []hitori.InventoryApply{lower, lower, lower})
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		installed("batch", map[*hitori.License]int{editor: 2, viewer: 3})

		if _, err := st.DeleteAsset(admin, pc1); err != nil {
			t.Fatal(err)
		}
		installed("deleted", map[*hitori.License]int{editor: 1, viewer: 3})

		// The normaliser changed: "Editor" and "Editor Pro" are now one
		// title. The first report that meets a stale key retitles the
		// catalogue and counts everything again.
		pro := &hitori.License{Title: "Editor Pro", Seats: 1}
		if err := st.CreateLicense(admin, pro, "editor pro", ""); err != nil {
			t.Fatal(err)
		}
		apply(report("U-5", "Editor Pro 1"), lower)
		installed("before the change", map[*hitori.License]int{editor: 1, pro: 1})
		merged := hitori.InventoryApply{TitleKey: func(name string) string {
			return strings.TrimSuffix(strings.ToLower(name), " pro")
		}}
		apply(report("U-5", "Editor Pro 1", "Viewer 1"), merged)
		installed("after the change", map[*hitori.License]int{editor: 2, pro: 0, viewer: 4})
	})
}

// TestLedgerLicensesCountInstallations: a ledger's license sheet naming a
// title for the first time gets its installations counted (before the
// import's own transaction, so that agents' reports do not wait for a
// whole import), dry run or not, and the count keeps following writes.
func TestLedgerLicensesCountInstallations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		admin, tech, _ := licenseUsers(t, db)
		st := db.Assets()
		ctx := context.Background()
		for _, uuid := range []string{"U-1", "U-2", "U-3"} {
			r := &hitori.InventoryReport{UUID: uuid, Hostname: "pc-" + uuid, Software: []hitori.InventorySoftware{{Name: "Tool", Version: "1"}}}
			out, err := st.ApplyInventory(ctx, r, hitori.InventoryApply{TitleKey: strings.ToLower})
			if err != nil {
				t.Fatal(err)
			}
			if uuid == "U-3" {
				if _, err := st.UpdateAsset(admin, out.AssetID, "", func(a *hitori.Asset) error { a.Status = hitori.AssetRetired; return nil }); err != nil {
					t.Fatal(err)
				}
			}
		}
		sheet := []hitori.LedgerLicense{{Sheet: "ライセンス", Row: 2, License: &hitori.License{Title: "Tool", Seats: 1}, TitleKey: "tool"}}
		if res, err := st.ImportLedger(admin, nil, sheet, hitori.LedgerImportOptions{DryRun: true}); err != nil || res.LicensesCreated != 1 {
			t.Fatalf("dry run: %+v, %v", res, err)
		}
		if _, total, err := st.FindLicenses(tech, hitori.LicenseFilter{}); err != nil || total != 0 {
			t.Fatalf("after the dry run: %d licenses, %v", total, err)
		}
		sheet[0].License = &hitori.License{Title: "Tool", Seats: 1}
		if res, err := st.ImportLedger(admin, nil, sheet, hitori.LedgerImportOptions{}); err != nil || res.LicensesCreated != 1 {
			t.Fatalf("import: %+v, %v", res, err)
		}
		list, _, err := st.FindLicenses(tech, hitori.LicenseFilter{})
		if err != nil || len(list) != 1 || list[0].Installed != 2 || !list[0].Over() {
			t.Fatalf("imported license: %+v, %v; want installed on the 2 PCs in use, over its 1 seat", list, err)
		}
		if _, err := st.ApplyInventory(ctx, &hitori.InventoryReport{UUID: "U-4", Hostname: "pc-U-4",
			Software: []hitori.InventorySoftware{{Name: "Tool", Version: "2"}}}, hitori.InventoryApply{TitleKey: strings.ToLower}); err != nil {
			t.Fatal(err)
		}
		if got, err := st.FindLicense(tech, list[0].ID); err != nil || got.Installed != 3 {
			t.Errorf("after another PC's report: installed %d, %v; want 3", got.Installed, err)
		}
	})
}
