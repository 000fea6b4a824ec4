package sqlstore_test

import (
	"context"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// licenseUsers makes an administrator and a technician and returns
// contexts acting as each.
func licenseUsers(t *testing.T, db *sqlstore.DB) (admin, tech, requester context.Context) {
	t.Helper()
	ctx := context.Background()
	as := func(email string, role hitori.Role) context.Context {
		u := &hitori.User{Email: email, Name: email, Role: role, Lang: "ja"}
		if err := db.Users().CreateUser(ctx, u, "password123"); err != nil {
			t.Fatal(err)
		}
		return hitori.NewContextWithUser(ctx, u)
	}
	return as("admin@example.com", hitori.RoleAdmin), as("tech@example.com", hitori.RoleTechnician),
		as("req@example.com", hitori.RoleRequester)
}

func TestLicenseCompliance(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		admin, tech, requester := licenseUsers(t, db)
		st := db.Assets()
		ctx := context.Background()
		// Three PCs have Office, one of them retired; one has 7-Zip twice (two versions).
		var ids []int64
		for i, status := range []hitori.AssetStatus{hitori.AssetInUse, hitori.AssetInUse, hitori.AssetRetired} {
			a := &hitori.Asset{Number: "PC-00" + string(rune('1'+i)), Type: hitori.AssetPC, Status: status}
			if err := db.InsertAssetForTest(ctx, a); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
			if err := db.AddSoftwareForTest(ctx, a.ID, "Microsoft Office Professional Plus 2019", "16.0", "microsoft office"); err != nil {
				t.Fatal(err)
			}
		}
		for _, v := range []string{"19.00", "23.01"} {
			if err := db.AddSoftwareForTest(ctx, ids[0], "7-Zip "+v, v, "7-zip"); err != nil {
				t.Fatal(err)
			}
		}
		cost := int64(12800)
		office := &hitori.License{Title: "Microsoft Office 2019", Publisher: "Microsoft", Kind: hitori.LicenseVolume, Seats: 1}
		zip := &hitori.License{Title: "7-Zip", Kind: hitori.LicenseSubscription, Period: hitori.PeriodYearly, Seats: 5,
			RenewalOn: "2027-01-31", CostYen: &cost}
		if err := st.CreateLicense(admin, office, "microsoft office", "XXXXX-OFFICE"); err != nil {
			t.Fatal(err)
		}
		if err := st.CreateLicense(tech, zip, "7-zip", ""); err != nil {
			t.Fatal(err)
		}
		if err := st.CreateLicense(tech, &hitori.License{Title: "Other", Seats: 1}, "other", "KEY"); hitori.ErrorCode(err) != hitori.EINVALID {
			t.Errorf("technician setting a key: %v, want a field error", err)
		}
		// A second Office license adds a seat to the same title.
		more := &hitori.License{Title: "Office 2019", Kind: hitori.LicensePerpetual, Seats: 1}
		if err := st.CreateLicense(admin, more, "microsoft office", ""); err != nil {
			t.Fatal(err)
		}
		list, total, err := st.FindLicenses(tech, hitori.LicenseFilter{Sort: "installed", Desc: true})
		if err != nil || total != 3 || len(list) != 3 {
			t.Fatalf("list %d of %d, %v", len(list), total, err)
		}
		for _, l := range list {
			switch l.ID {
			case office.ID, more.ID:
				if l.Installed != 2 || l.TitleSeats != 2 || l.TitleLicenses != 2 || l.Over() || l.Unused() != 0 || l.TitleID != office.TitleID {
					t.Errorf("office compliance: %+v", l)
				}
			case zip.ID:
				if l.Installed != 1 || l.TitleSeats != 5 || l.Unused() != 4 || l.Over() || *l.CostYen != cost || l.HasKey {
					t.Errorf("7-zip compliance: %+v", l)
				}
				if !l.ExpiresWithin("2027-01-01", 30) || l.ExpiresWithin("2026-12-01", 30) {
					t.Errorf("7-zip expiring flags wrong")
				}
			}
		}
		if list[2].ID != zip.ID {
			t.Errorf("sorted by installed desc: last is %d, want 7-zip", list[2].ID)
		}
		// One Office seat less: over-installed.
		more.Seats = 0
		if err := st.UpdateLicense(tech, more, "microsoft office", nil); err != nil {
			t.Fatal(err)
		}
		got, err := st.FindLicense(tech, office.ID)
		if err != nil || !got.Over() || !got.HasKey {
			t.Fatalf("after seat removed: %+v, %v", got, err)
		}
		// Search by publisher; the requester sees nothing.
		if list, total, err := st.FindLicenses(tech, hitori.LicenseFilter{Query: "MICROSOFT"}); err != nil || total != 2 || len(list) != 2 {
			t.Errorf("search: %d, %v", total, err)
		}
		if _, _, err := st.FindLicenses(requester, hitori.LicenseFilter{}); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Errorf("requester list: %v", err)
		}
		// Keys: the technician is refused, the admin's viewing is audited.
		if _, err := st.LicenseKey(tech, office.ID, "192.0.2.1"); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Errorf("technician key: %v", err)
		}
		key, err := st.LicenseKey(admin, office.ID, "192.0.2.1")
		if err != nil || key != "XXXXX-OFFICE" {
			t.Fatalf("key %q, %v", key, err)
		}
		evs, _, err := db.Audit().FindAuditEvents(ctx, hitori.AuditFilter{Action: "license.key"})
		if err != nil || len(evs) != 1 || evs[0].ActorEmail != "admin@example.com" || evs[0].IP != "192.0.2.1" {
			t.Fatalf("key audit: %+v, %v", evs, err)
		}
		// Deleting the last license of a title drops the title; audited.
		if err := st.DeleteLicense(tech, zip.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := st.FindLicense(tech, zip.ID); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("deleted license: %v", err)
		}
		if evs, _, _ := db.Audit().FindAuditEvents(ctx, hitori.AuditFilter{Action: "license.delete"}); len(evs) != 1 {
			t.Errorf("delete audit: %d events", len(evs))
		}
		// Bad input comes back as field errors, every field at once.
		err = st.CreateLicense(tech, &hitori.License{Kind: "lease", Seats: -1, RenewalOn: "2027-02-30"}, "x", "")
		e, ok := hitori.AsError(err)
		if !ok || e.Code != hitori.EINVALID || e.Fields["title"] == "" || e.Fields["kind"] == "" || e.Fields["seats"] == "" || e.Fields["renewal_on"] == "" {
			t.Errorf("invalid license: %+v", err)
		}
		if _, _, err := st.FindLicenses(tech, hitori.LicenseFilter{Sort: "x; DROP"}); hitori.ErrorCode(err) != hitori.EINVALID {
			t.Errorf("bad sort: %v", err)
		}
	})
}

func TestExpiriesAndAlerts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		admin, _, _ := licenseUsers(t, db)
		st := db.Assets()
		ctx := context.Background()
		assets := []*hitori.Asset{
			{Number: "PC-001", Type: hitori.AssetPC, Maker: "富士通", Model: "LIFEBOOK", WarrantyUntil: "2027-03-01", LeaseUntil: "2027-05-01"},
			{Number: "PC-002", Type: hitori.AssetPC, Status: hitori.AssetRetired, WarrantyUntil: "2027-03-01"},
			{Number: "PC-003", Type: hitori.AssetPC, WarrantyUntil: "2028-01-01"},
		}
		for _, a := range assets {
			if err := db.InsertAssetForTest(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		lic := &hitori.License{Title: "Microsoft 365", Kind: hitori.LicenseSubscription, Period: hitori.PeriodMonthly, Seats: 10, RenewalOn: "2027-04-01"}
		if err := st.CreateLicense(admin, lic, "microsoft 365", ""); err != nil {
			t.Fatal(err)
		}
		exps, err := st.FindExpiries(ctx, "2027-02-01", "2027-05-01")
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"warranty PC-001 富士通 LIFEBOOK 2027-03-01", "renewal Microsoft 365 2027-04-01", "lease PC-001 富士通 LIFEBOOK 2027-05-01"}
		if len(exps) != len(want) {
			t.Fatalf("expiries %d, want %d", len(exps), len(want))
		}
		for i, e := range exps {
			if got := string(e.Kind) + " " + e.Label + " " + string(e.On); got != want[i] {
				t.Errorf("expiry %d = %q, want %q", i, got, want[i])
			}
		}
		var queued int
		outbox := func(a []*hitori.AssetAlert) *hitori.Job {
			queued += len(a)
			return &hitori.Job{Kind: "asset.alert_mail", Payload: "{}"}
		}
		alert := &hitori.AssetAlert{Kind: hitori.ExpiryWarranty, RefID: assets[0].ID, On: "2027-03-01", Step: 30}
		fresh, err := st.RecordAlerts(ctx, []*hitori.AssetAlert{alert}, outbox)
		if err != nil || len(fresh) != 1 || queued != 1 {
			t.Fatalf("first record: %d new, %d queued, %v", len(fresh), queued, err)
		}
		fresh, err = st.RecordAlerts(ctx, []*hitori.AssetAlert{alert}, outbox)
		if err != nil || len(fresh) != 0 || queued != 1 {
			t.Fatalf("second record: %d new, %d queued, %v", len(fresh), queued, err)
		}
		jobs, err := db.Jobs().List(ctx, hitori.JobFilter{State: hitori.JobQueued, Kind: "asset.alert_mail"})
		if err != nil || len(jobs) != 1 {
			t.Fatalf("mail jobs %d, %v", len(jobs), err)
		}
		exps, _ = st.FindExpiries(ctx, "2027-02-01", "2027-03-31")
		if len(exps) != 1 || len(exps[0].Alerted) != 1 || exps[0].Alerted[0] != 30 {
			t.Errorf("alerted steps: %+v", exps)
		}
	})
}
