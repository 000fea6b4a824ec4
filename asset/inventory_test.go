package asset_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/asset"
	"hitori/inventory"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// report parses one recorded agent message from inventory/testdata.
func report(t testing.TB, name string) *hitori.InventoryReport {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "inventory", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	m, err := inventory.Parse(b)
	if err != nil || m.Report == nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m.Report
}

type invFixture struct {
	db  *sqlstore.DB
	svc *asset.Service
	now time.Time
}

func newInvFixture(t *testing.T, db *sqlstore.DB) *invFixture {
	f := &invFixture{db: db, now: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	db.Now = func() time.Time { return f.now }
	f.svc = asset.New(db.Assets())
	f.svc.Settings = db.Settings()
	f.svc.Now = db.Now
	return f
}

func (f *invFixture) ingest(t *testing.T, r *hitori.InventoryReport) hitori.InventoryOutcome {
	t.Helper()
	f.now = f.now.Add(time.Hour)
	out, err := f.svc.Ingest(context.Background(), r, "192.0.2.10")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func (f *invFixture) rows(t *testing.T, id int64) sqlstore.InventoryRowsForTest {
	t.Helper()
	r, err := f.db.InventoryRowsForTest(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestInventoryRealReportsWriteOnlyChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newInvFixture(t, db)
		fi := report(t, "fusioninventory-2.6-debian12.xml")
		first := f.ingest(t, fi)
		if !first.Created || first.AssetID == 0 {
			t.Fatalf("first report: %+v", first)
		}
		r1 := f.rows(t, first.AssetID)
		if r1.Software != 924 || r1.MACs != 1 || r1.Events != 1 {
			t.Fatalf("after the first report: %+v", r1)
		}
		// The same report again (parsed afresh): only last_seen_at moves.
		again := f.ingest(t, report(t, "fusioninventory-2.6-debian12.xml"))
		r2 := f.rows(t, first.AssetID)
		if again.Created || again.Changed || again.AssetID != first.AssetID {
			t.Fatalf("second report: %+v", again)
		}
		if r2.Events != r1.Events || r2.Software != r1.Software || !r2.UpdatedAt.Equal(r1.UpdatedAt) || !r2.ChangedAt.Equal(r1.ChangedAt) || !r2.LastSeenAt.After(r1.LastSeenAt) {
			t.Fatalf("unchanged report wrote more than last_seen_at: before %+v after %+v", r1, r2)
		}
		// OCS reports the same machine: matched by its MAC address, the
		// differences land in one history entry.
		ocs := f.ingest(t, report(t, "ocsinventory-agent-2.10-debian12.xml"))
		r3 := f.rows(t, first.AssetID)
		if ocs.AssetID != first.AssetID || !ocs.Changed || r3.Software != 923 || r3.MACs != 3 || r3.Events <= r2.Events {
			t.Fatalf("OCS report: %+v rows %+v", ocs, r3)
		}
		states, err := f.svc.Store.InventoryStates(context.Background(), true)
		if err != nil || len(states) != 1 {
			t.Fatalf("states: %v %d", err, len(states))
		}
		st := states[0]
		if st.Asset.OSName != "Debian GNU/Linux 12" || st.Asset.Source != "inventory" || st.Asset.Number != "" || st.Detail.MemoryMB != 24105 || len(st.Software) != 923 {
			t.Fatalf("state %+v detail %+v", st.Asset, st.Detail)
		}
	})
}

func TestInventoryGLPIPartialAndHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newInvFixture(t, db)
		full := f.ingest(t, report(t, "glpi/inventory-windows10.json"))
		before := f.rows(t, full.AssetID)
		part := f.ingest(t, report(t, "glpi/partial-software.json"))
		after := f.rows(t, full.AssetID)
		if part.AssetID != full.AssetID || !part.Changed || after.Software != 6 || after.MACs != 2 || after.Events != before.Events+1 {
			t.Fatalf("partial: %+v before %+v after %+v", part, before, after)
		}
		states, _ := f.svc.Store.InventoryStates(context.Background(), true)
		st := states[0]
		// A partial software update keeps the hardware it did not carry.
		if st.Detail.MemoryMB != 16384 || len(st.Detail.Volumes) != 2 || st.Asset.OSName != "Microsoft Windows 10 Pro" || st.Asset.Serial != "7Q0RN93" {
			t.Fatalf("partial lost data: %+v %+v", st.Asset, st.Detail)
		}
		keys := map[string]string{}
		for _, s := range st.Software {
			keys[s.Name] = s.TitleKey
		}
		if keys["Zoom Workplace (64-bit)"] != "zoom workplace" {
			t.Fatalf("title keys %v", keys)
		}
		// The same device with a new agent state and another NIC: the UUID still matches.
		r := report(t, "glpi/inventory-windows10.json")
		r.DeviceID, r.MACs = "PC-SOUMU-03-2026-12-01", []string{"aa:bb:cc:00:00:01"}
		if out := f.ingest(t, r); out.AssetID != full.AssetID || out.Created {
			t.Fatalf("UUID match: %+v", out)
		}
	})
}

func TestInventoryHeldForApproval(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newInvFixture(t, db)
		ctx := context.Background()
		if err := db.Settings().SetSetting(ctx, asset.InventorySettingsKey, `{"hold_unknown":true}`); err != nil {
			t.Fatal(err)
		}
		held := f.ingest(t, report(t, "glpi/inventory-windows10.json"))
		if !held.Held || held.AssetID != 0 {
			t.Fatalf("held: %+v", held)
		}
		list, err := f.svc.Store.InventoryPendingList(ctx)
		if err != nil || len(list) != 1 || list[0].Hostname != "PC-SOUMU-03" || list[0].Serial != "7Q0RN93" {
			t.Fatalf("pending %v %+v", err, list)
		}
		if _, err := f.svc.DecidePending(ctx, list[0].ID, true); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Fatalf("without an admin: %v", err)
		}
		admin := hitori.NewContextWithUser(ctx, &hitori.User{ID: 0, Role: hitori.RoleAdmin})
		out, err := f.svc.DecidePending(admin, list[0].ID, true)
		if err != nil || !out.Created {
			t.Fatalf("approve: %+v %v", out, err)
		}
		// A known device is not held again.
		if again := f.ingest(t, report(t, "glpi/inventory-windows10.json")); again.Held || again.AssetID != out.AssetID {
			t.Fatalf("known device: %+v", again)
		}
		// A rejected device stays out.
		other := report(t, "fusioninventory-2.6-debian12.xml")
		h := f.ingest(t, other)
		if _, err := f.svc.DecidePending(admin, h.PendingID, false); err != nil {
			t.Fatal(err)
		}
		if r := f.ingest(t, other); !r.Refused || r.AssetID != 0 {
			t.Fatalf("rejected device: %+v", r)
		}
		if list, _ := f.svc.Store.InventoryPendingList(ctx); len(list) != 1 || list[0].Status != "rejected" || !strings.HasPrefix(list[0].DeviceID, "vm-") {
			t.Fatalf("pending after decisions: %+v", list)
		}
	})
}

func TestInventoryFindingsWithLicenses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newInvFixture(t, db)
		admin := hitori.NewContextWithUser(context.Background(), &hitori.User{ID: 0, Role: hitori.RoleAdmin})
		if err := db.Assets().CreateLicense(admin, &hitori.License{Title: "Google Chrome", Seats: 1}, asset.TitleKey("Google Chrome"), ""); err != nil {
			t.Fatal(err)
		}
		f.ingest(t, report(t, "glpi/inventory-windows10.json"))
		other := report(t, "glpi/inventory-windows10.json")
		other.UUID, other.BIOSSerial, other.MACs, other.Hostname = "", "OTHER-1", []string{"aa:bb:cc:00:00:02"}, "PC-EIGYO-01"
		f.ingest(t, other)
		list, err := f.svc.InventoryFindings(admin)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]int{}
		for _, x := range list {
			kinds[x.Kind]++
			if x.Kind == asset.FindingOverLicensed && (x.Subject != "Google Chrome" || x.Value != 1) {
				t.Errorf("over-licensed finding %+v", x)
			}
		}
		// Both PCs: Windows 10 past its end, C: under 10 % free, not in the ledger.
		if kinds[asset.FindingOverLicensed] != 1 || kinds[asset.FindingUnsupportedOS] != 2 || kinds[asset.FindingLowDisk] != 2 || kinds[asset.FindingNotInLedger] != 2 {
			t.Fatalf("findings %v", kinds)
		}
	})
}

// TestInventorySettingsSavedTakeEffectAtOnce: agent requests read the
// settings from a copy kept for a second; saving them through the
// service replaces the copy, so the next report already follows them.
func TestInventorySettingsSavedTakeEffectAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newInvFixture(t, db)
		ctx := context.Background()
		if out := f.ingest(t, report(t, "glpi/inventory-windows10.json")); !out.Created {
			t.Fatalf("first device: %+v", out)
		}
		if err := f.svc.SaveInventorySettings(ctx, asset.InventorySettings{HoldUnknown: true, StaleDays: 14, PrologHours: 24}, "", false); err != nil {
			t.Fatal(err)
		}
		r := report(t, "glpi/inventory-windows10.json")
		r.UUID, r.BIOSSerial, r.MACs = "OTHER-UUID", "OTHER-SERIAL", []string{"aa:bb:cc:00:00:99"}
		if out := f.ingest(t, r); !out.Held {
			t.Fatalf("a new device right after hold_unknown was saved: %+v", out)
		}
	})
}
