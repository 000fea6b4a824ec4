package asset_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"hitori"
	"hitori/app"
	"hitori/asset"
	"hitori/intake"
	"hitori/jobs"
	"hitori/mail"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// fakeClock is a settable clock shared by the store, the engine and the
// alerts.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// captureSender keeps the mail it is given.
type captureSender struct {
	mu   sync.Mutex
	sent []*mail.OutgoingMessage
}

func (c *captureSender) Send(_ context.Context, m *mail.OutgoingMessage) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sent = append(c.sent, m)
	return nil
}

func (c *captureSender) all() []*mail.OutgoingMessage {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.sent)
}

var tokyo = time.FixedZone("JST", 9*60*60)

// TestAlertsFromSchedulerWithFakeClock drives the built-in scheduler with
// a fake clock through the days around a warranty end and a license
// renewal: each step (90/30/7 days before) fires exactly once, on its day
// and not before, the retired asset never, and each firing mails the
// administrators once.
func TestAlertsFromSchedulerWithFakeClock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		due := time.Date(2027, 6, 30, 0, 0, 0, 0, tokyo)
		clock := &fakeClock{t: due.AddDate(0, 0, -120)}
		db.Now = clock.Now
		admin := &hitori.User{Email: "admin@example.com", Name: "管理者", Role: hitori.RoleAdmin, Lang: "ja"}
		if err := db.Users().CreateUser(ctx, admin, "password123"); err != nil {
			t.Fatal(err)
		}
		pc := &hitori.Asset{Number: "PC-001", Type: hitori.AssetPC, Maker: "富士通", WarrantyUntil: "2027-06-30"}
		retired := &hitori.Asset{Number: "PC-OLD", Type: hitori.AssetPC, Status: hitori.AssetRetired, WarrantyUntil: "2027-06-30"}
		for _, a := range []*hitori.Asset{pc, retired} {
			if err := db.InsertAssetForTest(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		svc := asset.New(db.Assets())
		lic := &hitori.License{Title: "Microsoft 365 Business Standard", Kind: hitori.LicenseSubscription,
			Period: hitori.PeriodYearly, Seats: 10, RenewalOn: "2027-06-30"}
		if err := svc.CreateLicense(ctx, lic, ""); err != nil {
			t.Fatal(err)
		}
		// Wired as "hitori serve" wires it: app.Build registers the handlers
		// and declares the daily schedule on the engine.
		sender := &captureSender{}
		e := jobs.New(db.Jobs(), jobs.Config{Workers: 2, Poll: 10 * time.Millisecond, Lease: 5 * time.Second,
			StopWait: 200 * time.Millisecond, Now: clock.Now, Location: tokyo, Rand: func() float64 { return 0.5 }})
		built, err := app.Build(ctx, db.Stores(), app.Options{Engine: e,
			Mailer: &intake.Mailer{Sender: sender, From: mail.Address{Email: "it@example.co.jp"}}})
		if err != nil {
			t.Fatal(err)
		}
		alerts := built.Alerts
		alerts.Now, alerts.Location = clock.Now, tokyo
		// Other areas declare schedules of their own (the vault's rotation
		// reminders): the alerts' must be among them, once.
		scs, err := db.Jobs().Schedules(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var alertSchedules int
		for _, sc := range scs {
			if sc.Spec == asset.AlertSchedule {
				alertSchedules++
			}
		}
		if alertSchedules != 1 {
			t.Fatalf("alert schedules after app.Build: %d of %d schedules", alertSchedules, len(scs))
		}
		runCtx, cancel := context.WithCancel(ctx)
		stopped := make(chan error, 1)
		go func() { stopped <- e.Run(runCtx) }()
		defer func() {
			cancel()
			if err := <-stopped; err != nil {
				t.Errorf("engine: %v", err)
			}
		}()

		lastJob := int64(0)
		// runDay moves the clock to 06:00:30 of the day n days before the
		// due date and waits for that day's scheduled run and its mail.
		runDay := func(n int) {
			t.Helper()
			clock.Set(due.AddDate(0, 0, -n).Add(6*time.Hour + 30*time.Second))
			waitFor(t, "the day's alert job", func() bool {
				scs, err := db.Jobs().Schedules(ctx)
				if err != nil {
					return false
				}
				for _, sc := range scs {
					if sc.Spec == asset.AlertSchedule && sc.LastJobID != lastJob && sc.LastState == hitori.JobDone {
						lastJob = sc.LastJobID
						return true
					}
				}
				return false
			})
			waitFor(t, "mail jobs to finish", func() bool {
				for _, st := range []hitori.JobState{hitori.JobQueued, hitori.JobRunning, hitori.JobFailed} {
					if js, err := db.Jobs().List(ctx, hitori.JobFilter{State: st, Kind: asset.JobAlertMail}); err != nil || len(js) > 0 {
						return false
					}
				}
				return true
			})
		}
		alerted := func() map[hitori.ExpiryKind][]int {
			exps, err := db.Assets().FindExpiries(ctx, "2027-01-01", "2027-12-31")
			if err != nil {
				t.Fatal(err)
			}
			out := map[hitori.ExpiryKind][]int{}
			for _, x := range exps {
				if x.RefID == retired.ID && x.Kind == hitori.ExpiryWarranty {
					t.Fatalf("a retired asset is listed: %+v", x)
				}
				out[x.Kind] = x.Alerted
			}
			return out
		}
		steps := []struct {
			daysBefore int
			alerted    []int // steps recorded so far, for both the warranty and the renewal
			mails      int   // mails sent so far
		}{
			{120, nil, 0}, {91, nil, 0}, {90, []int{90}, 1}, {89, []int{90}, 1}, {31, []int{90}, 1},
			{30, []int{90, 30}, 2}, {29, []int{90, 30}, 2}, {8, []int{90, 30}, 2}, {7, []int{90, 30, 7}, 3},
			{6, []int{90, 30, 7}, 3}, {0, []int{90, 30, 7}, 3}, {-1, nil, 3},
		}
		for _, s := range steps {
			runDay(s.daysBefore)
			if s.daysBefore >= 0 {
				got := alerted()
				for _, k := range []hitori.ExpiryKind{hitori.ExpiryWarranty, hitori.ExpiryRenewal} {
					if !slices.Equal(got[k], s.alerted) {
						t.Fatalf("%d days before: %s alerted %v, want %v", s.daysBefore, k, got[k], s.alerted)
					}
				}
			}
			if n := len(sender.all()); n != s.mails {
				t.Fatalf("%d days before: %d mails, want %d", s.daysBefore, n, s.mails)
			}
		}
		for _, m := range sender.all() {
			if len(m.To) != 1 || m.To[0].Email != admin.Email || !strings.Contains(m.Text, "PC-001") ||
				!strings.Contains(m.Text, "Microsoft 365") || strings.Contains(m.Text, "PC-OLD") || !strings.Contains(m.Subject, "2 件") {
				t.Errorf("mail to %v %q:\n%s", m.To, m.Subject, m.Text)
			}
		}
		// A second run on the same day finds nothing new.
		clock.Set(due.AddDate(0, 0, -7).Add(12 * time.Hour))
		if fresh, err := alerts.Run(ctx); err != nil || len(fresh) != 0 {
			t.Errorf("second run of a day: %d new, %v", len(fresh), err)
		}
	})
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestDueSteps(t *testing.T) {
	exps := []*hitori.Expiry{
		{Kind: hitori.ExpiryLease, RefID: 1, On: "2027-04-10"},                        // 9 days left
		{Kind: hitori.ExpiryWarranty, RefID: 2, On: "2027-05-01", Alerted: []int{90}}, // 30 left, 90 sent
		{Kind: hitori.ExpiryRenewal, RefID: 3, On: "2027-03-31"},                      // past
	}
	got := asset.Due("2027-04-01", []int{90, 30, 7}, exps)
	var keys []string
	for _, a := range got {
		keys = append(keys, string(a.Kind)+":"+strconv.FormatInt(a.RefID, 10)+":"+strconv.Itoa(a.Step))
	}
	want := []string{"lease:1:90", "lease:1:30", "warranty:2:30"}
	if !slices.Equal(keys, want) {
		t.Errorf("due = %v, want %v", keys, want)
	}
}

func TestParseAlertSteps(t *testing.T) {
	cases := []struct {
		in   string
		want []int
	}{
		{"90,30,7", []int{90, 30, 7}},
		{"7 30 90 30", []int{90, 30, 7}},
		{"６０、１４", []int{60, 14}},
		{"", nil}, {"0", nil}, {"abc", nil}, {"1,2,3,4,5,6,7,8,9,10,11", nil}, {"9999", nil},
	}
	for _, c := range cases {
		got, err := asset.ParseAlertSteps(c.in)
		if c.want == nil {
			if hitori.ErrorCode(err) != hitori.EINVALID {
				t.Errorf("ParseAlertSteps(%q) = %v, %v; want a field error", c.in, got, err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("ParseAlertSteps(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
}
