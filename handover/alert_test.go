package handover_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"hitori"
	"hitori/app"
	"hitori/handover"
	"hitori/intake"
	"hitori/jobs"
	"hitori/mail"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

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

// TestContractAlertsFromSchedulerWithFakeClock (issue 11, acceptance 4)
// drives the built-in scheduler, wired by app.Build as "hitori serve" wires
// it, with a fake clock through the days before a contract's decision date
// (end 2027-10-31, notice one month: decide by 2027-09-30, the 31st clamped). Each default
// step (90/60/30 days before) fires exactly once, on its day and not
// before; each firing mails the administrators once; a contract without
// an end date never alerts.
func TestContractAlertsFromSchedulerWithFakeClock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		decision := time.Date(2027, 9, 30, 0, 0, 0, 0, tokyo)
		clock := &fakeClock{t: decision.AddDate(0, 0, -120)}
		db.Now = clock.Now
		admin := &hitori.User{Email: "admin@example.com", Name: "管理者", Role: hitori.RoleAdmin, Lang: "ja"}
		must(t, db.Users().CreateUser(ctx, admin, "password123"))
		h := db.Handover()
		v := &hitori.Vendor{Name: "UTM販売店"}
		must(t, h.CreateVendor(ctx, v))
		c := &hitori.Contract{VendorID: v.ID, Title: "UTM 保守契約", StartsOn: "2026-10-01", EndsOn: "2027-10-31",
			AutoRenew: true, Notice: 1, NoticeUnit: hitori.NoticeMonths}
		must(t, h.CreateContract(ctx, c))
		must(t, h.CreateContract(ctx, &hitori.Contract{VendorID: v.ID, Title: "期限なし契約"}))
		if got := c.DecisionOn(); got != "2027-09-30" {
			t.Fatalf("decision date %s", got)
		}
		sender := &captureSender{}
		e := jobs.New(db.Jobs(), jobs.Config{Workers: 2, Poll: 10 * time.Millisecond, Lease: 5 * time.Second,
			StopWait: 200 * time.Millisecond, Now: clock.Now, Location: tokyo, Rand: func() float64 { return 0.5 }})
		built, err := app.Build(ctx, db.Stores(), app.Options{Engine: e,
			Mailer: &intake.Mailer{Sender: sender, From: mail.Address{Email: "it@example.co.jp"}, BaseURL: "https://hitori.example.jp"}})
		if err != nil {
			t.Fatal(err)
		}
		built.ContractAlerts.Now, built.ContractAlerts.Location = clock.Now, tokyo
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
		runDay := func(n int) {
			t.Helper()
			clock.Set(decision.AddDate(0, 0, -n).Add(6*time.Hour + 10*time.Minute + 30*time.Second))
			waitFor(t, "the day's contract alert job", func() bool {
				scs, err := db.Jobs().Schedules(ctx)
				if err != nil {
					return false
				}
				for _, sc := range scs {
					if sc.Spec == handover.ContractAlertSchedule && sc.Kind == handover.JobContractAlerts &&
						sc.LastJobID != lastJob && sc.LastState == hitori.JobDone {
						lastJob = sc.LastJobID
						return true
					}
				}
				return false
			})
			waitFor(t, "mail jobs to finish", func() bool {
				for _, st := range []hitori.JobState{hitori.JobQueued, hitori.JobRunning, hitori.JobFailed} {
					if js, err := db.Jobs().List(ctx, hitori.JobFilter{State: st, Kind: handover.JobContractAlertMail}); err != nil || len(js) > 0 {
						return false
					}
				}
				return true
			})
		}
		alerted := func() []int {
			dates, err := h.FindContractDates(ctx, "2027-01-01", "2027-12-31")
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range dates {
				if d.Kind == hitori.ExpiryDecision && d.RefID == c.ID {
					return d.Alerted
				}
			}
			t.Fatal("no decision date listed")
			return nil
		}
		steps := []struct {
			daysBefore int
			alerted    []int
			mails      int
		}{
			{120, nil, 0}, {91, nil, 0}, {90, []int{90}, 1}, {89, []int{90}, 1}, {61, []int{90}, 1},
			{60, []int{90, 60}, 2}, {59, []int{90, 60}, 2}, {31, []int{90, 60}, 2}, {30, []int{90, 60, 30}, 3},
			{1, []int{90, 60, 30}, 3}, {0, []int{90, 60, 30}, 3}, {-1, []int{90, 60, 30}, 3},
		}
		for _, s := range steps {
			runDay(s.daysBefore)
			if got := alerted(); !slices.Equal(got, s.alerted) {
				t.Fatalf("%d days before: alerted %v, want %v", s.daysBefore, got, s.alerted)
			}
			if n := len(sender.all()); n != s.mails {
				t.Fatalf("%d days before: %d mails, want %d", s.daysBefore, n, s.mails)
			}
		}
		for i, m := range sender.all() {
			left := []string{"あと 90 日", "あと 60 日", "あと 30 日"}[i]
			if len(m.To) != 1 || m.To[0].Email != admin.Email || !strings.Contains(m.Text, "UTM販売店 UTM 保守契約") ||
				!strings.Contains(m.Text, "2027-09-30") || !strings.Contains(m.Text, left) || strings.Contains(m.Text, "期限なし") ||
				!strings.Contains(m.Text, "https://hitori.example.jp/renewals") || !strings.Contains(m.Subject, "1 件") {
				t.Errorf("mail %d to %v %q:\n%s", i, m.To, m.Subject, m.Text)
			}
		}
		clock.Set(decision.AddDate(0, 0, -30).Add(12 * time.Hour))
		if fresh, err := built.ContractAlerts.Run(ctx); err != nil || len(fresh) != 0 {
			t.Errorf("second run of a day: %d new, %v", len(fresh), err)
		}
	})
}

// TestContractAlertSteps: administrators set the steps; the defaults are
// 90/60/30 and a stored value that no longer parses falls back to them.
func TestContractAlertSteps(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	a := &handover.Alerts{Store: db.Handover(), Settings: db.Settings()}
	ctx := context.Background()
	if got, _ := a.Steps(ctx); !slices.Equal(got, []int{90, 60, 30}) {
		t.Errorf("default steps %v", got)
	}
	if got, err := a.SaveSteps(ctx, "３０、120, 14"); err != nil || !slices.Equal(got, []int{120, 30, 14}) {
		t.Errorf("saved %v %v", got, err)
	}
	if got, _ := a.Steps(ctx); !slices.Equal(got, []int{120, 30, 14}) {
		t.Errorf("stored steps %v", got)
	}
	if _, err := a.SaveSteps(ctx, "soon"); hitori.ErrorCode(err) != hitori.EINVALID {
		t.Errorf("bad steps: %v", err)
	}
	must(t, db.Settings().SetSetting(ctx, handover.SettingContractAlertSteps, "x"))
	if got, _ := a.Steps(ctx); !slices.Equal(got, []int{90, 60, 30}) {
		t.Errorf("unparsable stored steps %v", got)
	}
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
