package handover_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"hitori"
	"hitori/handover"
	"hitori/sealed"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
	"hitori/vault"
)

var tokyo = time.FixedZone("JST", 9*3600)

// seeded is a register: a file server that has everything but the kit, an
// accounting SaaS with an owner, a vendor and an old runbook, and a Wi-Fi
// with nothing.
type seeded struct {
	db                *sqlstore.DB
	svc               *handover.Service
	vault             *vault.Service
	fs, saas, wifi    *hitori.System
	admin             context.Context
	t0                time.Time
	clock             *time.Time
	staleArticle      *hitori.Article
	fileServerRunbook *hitori.Article
}

func seed(t *testing.T, db *sqlstore.DB) *seeded {
	t.Helper()
	t0 := time.Date(2026, 4, 1, 9, 0, 0, 0, tokyo)
	s := &seeded{db: db, t0: t0, clock: &t0}
	db.Now = func() time.Time { return *s.clock }
	ctx := context.Background()
	u := &hitori.User{Email: "admin@example.com", Name: "管理者", Role: hitori.RoleAdmin}
	if err := db.Users().CreateUser(ctx, u, "password123"); err != nil {
		t.Fatal(err)
	}
	s.admin = hitori.NewContextWithUser(ctx, u)
	st := db.Stores()
	s.svc = handover.New(st.Handover)
	s.svc.Settings, s.svc.Vault, s.svc.Now, s.svc.Location = st.Settings, st.Vault, func() time.Time { return *s.clock }, tokyo
	s.vault = vault.New(db.Vault(), sealed.New(t.TempDir()))
	s.vault.KDF = vault.TestKDF
	entry, err := s.vault.Create(ctx, vault.Actor{User: u}, vault.EntryInput{System: "NAS", Username: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	v := &hitori.Vendor{Name: "ITサポート株式会社"}
	must(t, s.svc.SaveVendor(s.admin, v))
	p := &hitori.Person{Name: "総務 一郎", Active: true}
	must(t, db.Assets().CreatePerson(s.admin, p))
	review := t0.AddDate(2, 0, 0)
	s.fileServerRunbook = &hitori.Article{Title: "NAS 復旧手順", Body: "…", Kind: hitori.KindRunbook, ReviewBy: &review}
	s.staleArticle = &hitori.Article{Title: "会計 SaaS の使い方", Body: "…", Kind: hitori.KindRunbook}
	for _, a := range []*hitori.Article{s.fileServerRunbook, s.staleArticle} {
		must(t, db.Articles().CreateArticle(s.admin, a))
	}
	hb := &hitori.Monitor{Name: "NAS バックアップ", Type: hitori.MonitorHeartbeat, Interval: 24 * time.Hour}
	must(t, db.Monitors().CreateMonitor(s.admin, hb))
	must(t, db.Monitors().SaveResults(ctx, nil, []*hitori.MonitorState{{MonitorID: hb.ID, Status: hitori.MonitorUp, Since: t0}}, nil))
	ref := func(id int64) string { return strconv.FormatInt(id, 10) }
	s.fs = &hitori.System{Name: "ファイルサーバー", Kind: hitori.SystemFileServer, Criticality: hitori.CriticalHigh,
		OwnerPersonID: p.ID, VendorID: v.ID, Links: []hitori.SystemLink{{Kind: hitori.LinkArticle, Ref: ref(s.fileServerRunbook.ID)},
			{Kind: hitori.LinkVault, Ref: entry}, {Kind: hitori.LinkMonitor, Ref: ref(hb.ID)}}}
	s.saas = &hitori.System{Name: "会計 SaaS", Kind: hitori.SystemSaaS, Criticality: hitori.CriticalMedium,
		OwnerUserID: u.ID, VendorID: v.ID, Links: []hitori.SystemLink{{Kind: hitori.LinkArticle, Ref: ref(s.staleArticle.ID)}}}
	s.wifi = &hitori.System{Name: "Wi-Fi", Kind: hitori.SystemWiFi, Criticality: hitori.CriticalLow}
	for _, sys := range []*hitori.System{s.wifi, s.saas, s.fs} {
		must(t, s.svc.SaveSystem(s.admin, sys))
	}
	must(t, s.svc.SaveContract(s.admin, &hitori.Contract{VendorID: v.ID, Title: "NAS 保守", EndsOn: "2027-03-31", SystemIDs: []int64{s.fs.ID}}))
	return s
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

type gap struct {
	system string
	check  hitori.ReadinessCheck
}

// TestReadinessFromSeededRegister checks each system's score, the overall
// score and the ordered gap list, then that issuing the emergency kit and
// widening the runbook period close the gaps they should.
func TestReadinessFromSeededRegister(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		s := seed(t, db)
		*s.clock = s.t0.AddDate(0, 0, 400) // the SaaS runbook (no review date) is older than 365 days
		steps := []struct {
			name    string
			setup   func()
			scores  map[string]int
			overall int
			gaps    []gap
		}{
			{"as seeded", func() {},
				map[string]int{"ファイルサーバー": 87, "会計 SaaS": 25, "Wi-Fi": 0}, (87*3 + 25*2) / 6,
				[]gap{{"", hitori.CheckKit},
					{"会計 SaaS", hitori.CheckContract}, {"会計 SaaS", hitori.CheckRunbook}, {"会計 SaaS", hitori.CheckCredentials},
					{"会計 SaaS", hitori.CheckMonitored}, {"会計 SaaS", hitori.CheckBackup},
					{"Wi-Fi", hitori.CheckOwner}, {"Wi-Fi", hitori.CheckVendor}, {"Wi-Fi", hitori.CheckContract}, {"Wi-Fi", hitori.CheckRunbook},
					{"Wi-Fi", hitori.CheckCredentials}, {"Wi-Fi", hitori.CheckMonitored}, {"Wi-Fi", hitori.CheckBackup}}},
			{"kit issued, runbook period 500 days", func() {
				if _, err := s.vault.Split(context.Background(), vault.CLI, 3, 2); err != nil {
					t.Fatal(err)
				}
				must(t, db.Settings().SetSetting(context.Background(), handover.SettingRunbookDays, "500"))
			},
				map[string]int{"ファイルサーバー": 100, "会計 SaaS": 50, "Wi-Fi": 12}, (100*3 + 50*2 + 12) / 6,
				[]gap{{"会計 SaaS", hitori.CheckContract}, {"会計 SaaS", hitori.CheckCredentials},
					{"会計 SaaS", hitori.CheckMonitored}, {"会計 SaaS", hitori.CheckBackup},
					{"Wi-Fi", hitori.CheckOwner}, {"Wi-Fi", hitori.CheckVendor}, {"Wi-Fi", hitori.CheckContract}, {"Wi-Fi", hitori.CheckRunbook},
					{"Wi-Fi", hitori.CheckCredentials}, {"Wi-Fi", hitori.CheckMonitored}, {"Wi-Fi", hitori.CheckBackup}}},
		}
		for _, step := range steps {
			step.setup()
			r, err := s.svc.Readiness(s.admin)
			if err != nil {
				t.Fatal(err)
			}
			for _, sr := range r.Systems {
				if got, want := sr.Score, step.scores[sr.System.Name]; got != want {
					t.Errorf("%s: %s scores %d, want %d (missing %v)", step.name, sr.System.Name, got, want, sr.Missing)
				}
			}
			if r.Systems[0].System.Name != "ファイルサーバー" || r.Systems[2].System.Name != "Wi-Fi" {
				t.Errorf("%s: systems not by criticality", step.name)
			}
			if r.Score != step.overall {
				t.Errorf("%s: overall %d, want %d", step.name, r.Score, step.overall)
			}
			var got []gap
			for _, g := range r.Gaps {
				got = append(got, gap{g.System, g.Check})
				if g.FixURL == "" {
					t.Errorf("%s: gap without a fix link: %+v", step.name, g)
				}
			}
			if !slices.Equal(got, step.gaps) {
				t.Errorf("%s: gaps\n got %v\nwant %v", step.name, got, step.gaps)
			}
		}
	})
}

// TestFixURL: each gap links to the page that fixes it.
func TestFixURL(t *testing.T) {
	sys := &hitori.System{ID: 7, Links: []hitori.SystemLink{{Kind: hitori.LinkArticle, Ref: "3"}}}
	for _, c := range []struct {
		check hitori.ReadinessCheck
		want  string
	}{
		{hitori.CheckOwner, "/systems/7/edit"}, {hitori.CheckVendor, "/systems/7/edit"},
		{hitori.CheckContract, "/contracts/new?system=7"}, {hitori.CheckRunbook, "/kb/3/edit"},
		{hitori.CheckCredentials, "/systems/7/edit#links"}, {hitori.CheckMonitored, "/systems/7/edit#links"},
		{hitori.CheckBackup, "/monitors/new?type=heartbeat"},
	} {
		if got := handover.FixURL(c.check, sys); got != c.want {
			t.Errorf("%s: %q, want %q", c.check, got, c.want)
		}
	}
	if got := handover.FixURL(hitori.CheckKit, nil); got != "/vault" {
		t.Errorf("kit: %q", got)
	}
}
