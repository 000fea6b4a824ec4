package monitor_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"hitori"
	"hitori/monitor"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
	"hitori/work"
)

// TestOneIncidentPerOutageLoopback checks a real HTTP server on loopback
// that goes down, flaps, stays up, goes down again: two outages, two
// incidents; the first became an item that closed with its timeline.
func TestOneIncidentPerOutageLoopback(t *testing.T) {
	var healthy atomic.Bool
	healthy.Store(true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !healthy.Load() {
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	t0 := time.Date(2026, 12, 8, 1, 0, 0, 0, time.UTC)
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAlertFixture(t, db, &hitori.AlertRule{Critical: true, NotifyRecovery: true, ResolveMinutes: 3,
			Steps: []hitori.EscalationStep{{ChannelIDs: []int64{1}}}}, t0)
		m := f.mon
		m.Target, m.Retries, m.Timeout = srv.URL, 1, 5*time.Second
		if err := db.Monitors().UpdateMonitor(f.staff, m); err != nil {
			t.Fatal(err)
		}
		svc := work.New(db.Items(), nil)
		svc.Now = f.clk.Now
		f.a.Work, f.a.Items = svc, db.Items()
		checkers := &monitor.Checkers{Now: f.clk.Now}
		state := hitori.MonitorState{MonitorID: m.ID, Status: hitori.MonitorPending}
		ctx := context.Background()
		// check runs one real check a minute after the last, stores it as
		// the scheduler's writer does and runs the jobs it owes.
		minute := 0
		check := func(up bool) {
			t.Helper()
			minute++
			f.clk.Set(t0.Add(time.Duration(minute) * time.Minute))
			healthy.Store(up)
			r := checkers.Check(ctx, m)
			if r.OK != up {
				t.Fatalf("minute %d: check %+v, want ok=%v", minute, r, up)
			}
			var ev *hitori.MonitorEvent
			state, ev = monitor.Next(m, state, r)
			var evs []*hitori.MonitorEvent
			if ev != nil {
				evs = append(evs, ev)
			}
			if err := db.Monitors().SaveResults(ctx, []*hitori.CheckResult{&r}, []*hitori.MonitorState{&state}, evs); err != nil {
				t.Fatal(err)
			}
			runIncidentJobs(t, f)
		}
		incidents := func() []*hitori.Incident {
			t.Helper()
			all, _, err := db.Incidents().FindIncidents(f.staff, hitori.IncidentFilter{Sort: "oldest"})
			if err != nil {
				t.Fatal(err)
			}
			return all
		}
		check(true)
		check(false) // pending: one retry tolerated
		if n := len(incidents()); n != 0 {
			t.Fatalf("incident before the retries ran out: %d", n)
		}
		check(false) // down
		check(true)  // flap
		check(false)
		check(false)
		if all := incidents(); len(all) != 1 || all[0].Status != hitori.IncidentOpen || all[0].ItemID == 0 {
			t.Fatalf("one open outage with its item: %+v", all)
		}
		for range 4 { // up for 4 minutes: more than ResolveMinutes
			check(true)
		}
		all := incidents()
		if len(all) != 1 || all[0].Status != hitori.IncidentResolved {
			t.Fatalf("resolved after holding: %+v", all[0])
		}
		first := all[0]
		if ch, sev := f.sent(t); len(ch) != 2 || sev[0] != "down" || sev[1] != "up" {
			t.Fatalf("alerts of the outage: %v %v", ch, sev)
		}
		it, err := db.Items().FindItemByID(f.staff, first.ItemID)
		if err != nil || it.Status != hitori.StatusResolved || !it.Urgent || !it.Important || it.Type != hitori.TypeTicket || it.ResolutionDue == nil {
			t.Fatalf("item %+v %v", it, err)
		}
		evs, _ := db.Items().FindEvents(f.staff, it.ID)
		var note string
		for _, e := range evs {
			if e.Kind == hitori.EventNote {
				note = e.Body
			}
		}
		for _, want := range []string{"停止を検知", "復旧前に再び停止", "通知", "解決"} {
			if !strings.Contains(note, want) {
				t.Fatalf("timeline note lacks %q:\n%s", want, note)
			}
		}
		// Running the item job again changes nothing (at least once delivery).
		if err := f.a.SyncItem(ctx, first.ID); err != nil {
			t.Fatal(err)
		}
		check(false)
		check(false)
		if all := incidents(); len(all) != 2 || all[1].Status != hitori.IncidentOpen || all[1].ID == first.ID {
			t.Fatalf("the next outage is a new incident: %+v", all)
		}
	})
}

// runIncidentJobs runs the queued incident jobs (act, item) and the sweep
// the way the engine would.
func runIncidentJobs(t *testing.T, f *alertFixture) {
	t.Helper()
	ctx := context.Background()
	if _, err := f.a.Sweep(ctx); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{hitori.JobIncidentAct, hitori.JobIncidentItem} {
		js, err := f.db.Jobs().List(ctx, hitori.JobFilter{State: hitori.JobQueued, Kind: kind, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		for _, j := range js {
			run := f.a.ActJob
			if kind == hitori.JobIncidentItem {
				run = f.a.ItemJob
			}
			if err := run(ctx, j); err != nil {
				t.Fatal(err)
			}
			if err := f.db.Jobs().Cancel(hitori.NewContextWithUser(ctx, nil), j.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
}
