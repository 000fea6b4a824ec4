package sqlstore_test

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestHandoverRegister writes a vendor, systems with links and relations
// and a contract, reads them back with what the links point to, and checks
// the rules: references must exist, a vendor with contracts stays, each
// change is audited, requesters see nothing.
func TestHandoverRegister(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		admin, tech, requester := licenseUsers(t, db)
		h := db.Handover()
		ctx := context.Background()
		v := &hitori.Vendor{Name: "ネットワーク保守株式会社", Handles: "UTM・Wi-Fi", Phone: "03-1234-5678",
			Portal: "https://support.example.jp", Contacts: []hitori.VendorContact{{Name: "山田 太郎", Role: "営業", Phone: "090-0000-0000"}, {}}}
		if err := h.CreateVendor(tech, v); err != nil {
			t.Fatal(err)
		}
		person := &hitori.Person{Name: "佐藤 花子", Active: true}
		if err := db.Assets().CreatePerson(admin, person); err != nil {
			t.Fatal(err)
		}
		art := &hitori.Article{Title: "UTM 再起動手順", Body: "手順", Kind: hitori.KindRunbook, Visibility: hitori.VisibleStaff}
		if err := db.Articles().CreateArticle(admin, art); err != nil {
			t.Fatal(err)
		}
		pc := &hitori.Asset{Number: "NW-001", Type: hitori.AssetNetwork, Maker: "Fortinet", Model: "FortiGate 60F"}
		if err := db.InsertAssetForTest(ctx, pc); err != nil {
			t.Fatal(err)
		}
		mon := &hitori.Monitor{Name: "UTM ping", Type: hitori.MonitorPing, Target: "192.0.2.1"}
		if err := db.Monitors().CreateMonitor(admin, mon); err != nil {
			t.Fatal(err)
		}
		m365 := &hitori.System{Name: "Microsoft 365", Kind: hitori.SystemM365, Criticality: hitori.CriticalHigh}
		if err := h.CreateSystem(tech, m365); err != nil {
			t.Fatal(err)
		}
		id := func(n int64) string { return strconv.FormatInt(n, 10) }
		utm := &hitori.System{Name: "UTM", Kind: hitori.SystemFirewall, OwnerPersonID: person.ID, VendorID: v.ID,
			Links: []hitori.SystemLink{{Kind: hitori.LinkArticle, Ref: id(art.ID)}, {Kind: hitori.LinkAsset, Ref: id(pc.ID)},
				{Kind: hitori.LinkMonitor, Ref: id(mon.ID)}, {Kind: hitori.LinkVault, Ref: "gone"}, {Kind: hitori.LinkAsset, Ref: id(pc.ID)}},
			Relations: []hitori.SystemRelation{{To: m365.ID, Kind: hitori.RelDependsOn}}}
		if err := h.CreateSystem(tech, utm); err != nil {
			t.Fatal(err)
		}
		if err := h.CreateSystem(tech, &hitori.System{Name: "x", VendorID: 99999}); hitori.ErrorCode(err) != hitori.EINVALID {
			t.Errorf("unknown vendor: %v, want invalid", err)
		}
		if _, _, err := h.FindSystems(requester, hitori.SystemFilter{}); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Errorf("requester lists systems: %v", err)
		}
		end := int64(600000)
		c := &hitori.Contract{VendorID: v.ID, Title: "UTM 保守", StartsOn: "2026-04-01", EndsOn: "2027-03-31",
			AutoRenew: true, Notice: 3, NoticeUnit: hitori.NoticeMonths, AnnualYen: &end, SystemIDs: []int64{utm.ID, utm.ID}}
		if err := h.CreateContract(tech, c); err != nil {
			t.Fatal(err)
		}
		got, err := h.FindSystem(tech, utm.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Owner != "佐藤 花子" || got.Vendor != v.Name || len(got.Links) != 4 || !slices.Equal(got.Contracts, []int64{c.ID}) ||
			len(got.Relations) != 1 || got.Relations[0].ToName != "Microsoft 365" {
			t.Fatalf("system read back: %+v", got)
		}
		labels := map[hitori.LinkKind]hitori.SystemLink{}
		for _, l := range got.Links {
			labels[l.Kind] = l
		}
		if l := labels[hitori.LinkArticle]; l.Label != art.Title || l.Missing || l.UpdatedAt.IsZero() {
			t.Errorf("article link: %+v", l)
		}
		if l := labels[hitori.LinkAsset]; l.Label != "NW-001 Fortinet FortiGate 60F" {
			t.Errorf("asset link: %+v", l)
		}
		if l := labels[hitori.LinkMonitor]; l.Label != "UTM ping" || l.MonitorType != hitori.MonitorPing || l.MonitorStatus != hitori.MonitorPending {
			t.Errorf("monitor link: %+v", l)
		}
		if l := labels[hitori.LinkVault]; !l.Missing {
			t.Errorf("vanished vault link: %+v", l)
		}
		cr, err := h.FindContract(tech, c.ID)
		if err != nil || cr.DecisionOn() != "2026-12-31" || !slices.Equal(cr.Systems, []string{"UTM"}) || *cr.AnnualYen != 600000 {
			t.Fatalf("contract: %+v %v", cr, err)
		}
		if err := h.DeleteVendor(tech, v.ID); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Errorf("delete vendor with a contract: %v", err)
		}
		dates, err := h.FindContractDates(tech, "2026-01-01", "2027-12-31")
		if err != nil || len(dates) != 2 || dates[0].Kind != hitori.ExpiryDecision || dates[0].On != "2026-12-31" ||
			dates[1].Kind != hitori.ExpiryContractEnd || dates[1].Label != "ネットワーク保守株式会社 UTM 保守" {
			t.Fatalf("contract dates: %+v %v", dates, err)
		}
		al := []*hitori.AssetAlert{{Kind: hitori.ExpiryDecision, RefID: c.ID, On: "2026-12-31", Step: 90}}
		for i, want := range []int{1, 0} {
			fresh, err := h.RecordContractAlerts(ctx, al, nil)
			if err != nil || len(fresh) != want {
				t.Fatalf("record %d: %d new, %v", i, len(fresh), err)
			}
		}
		if dates, _ := h.FindContractDates(tech, "2026-01-01", "2027-12-31"); !slices.Equal(dates[0].Alerted, []int{90}) {
			t.Errorf("alerted: %v", dates[0].Alerted)
		}
		f := &hitori.ContractFile{ContractID: c.ID, Name: "契約書.pdf", ContentType: "application/pdf", Size: 3, SHA256: "ab"}
		if err := h.AddContractFile(tech, f); err != nil {
			t.Fatal(err)
		}
		utm.Relations, utm.Links = nil, nil
		if err := h.UpdateSystem(tech, utm); err != nil {
			t.Fatal(err)
		}
		if err := h.DeleteSystem(tech, m365.ID); err != nil {
			t.Fatal(err)
		}
		all, err := h.AllSystems(tech)
		if err != nil || len(all) != 1 || len(all[0].Links) != 0 {
			t.Fatalf("all systems after edits: %v %v", all, err)
		}
		if err := h.DeleteContract(tech, c.ID); err != nil {
			t.Fatal(err)
		}
		if err := h.DeleteVendor(tech, v.ID); err != nil {
			t.Fatal(err)
		}
		if s, _ := h.FindSystem(tech, utm.ID); s.VendorID != 0 {
			t.Errorf("system keeps a deleted vendor: %d", s.VendorID)
		}
		events, _, err := db.Audit().FindAuditEvents(ctx, hitori.AuditFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range events {
			if e.ActorEmail == "tech@example.com" {
				actions = append(actions, e.Action)
			}
		}
		slices.Reverse(actions)
		want := []string{hitori.AuditVendorCreate, hitori.AuditSystemCreate, hitori.AuditSystemCreate, hitori.AuditContractCreate,
			hitori.AuditContractFile, hitori.AuditSystemUpdate, hitori.AuditSystemDelete, hitori.AuditContractDelete, hitori.AuditVendorDelete}
		if !slices.Equal(actions, want) {
			t.Errorf("audit: %v, want %v", actions, want)
		}
	})
}

// TestCalendarToken: a new token replaces the old; only staff tokens open.
func TestCalendarToken(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		_, tech, _ := licenseUsers(t, db)
		h := db.Handover()
		u := hitori.UserFromContext(tech)
		first, err := h.NewCalendarToken(tech, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		second, err := h.NewCalendarToken(tech, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if _, err := h.CalendarToken(ctx, first); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("replaced token: %v", err)
		}
		if got, err := h.CalendarToken(ctx, second); err != nil || got.ID != u.ID {
			t.Errorf("token: %v %v", got, err)
		}
		if _, err := h.NewCalendarToken(tech, u.ID+1); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Errorf("another's token: %v", err)
		}
	})
}
