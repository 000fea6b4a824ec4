package monitor_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hitori"
	"hitori/monitor"
	"hitori/sqlstore/storetest"
)

// BenchmarkSweep measures what the 15-second sweep costs with 1,000 open
// incidents none of which is due (the common case: one indexed query),
// and one look at an incident that escalates (reads, decision, one
// transaction with its notify job).
func BenchmarkSweep(b *testing.B) {
	for _, dialect := range storetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			db := storetest.Open(b, dialect)
			t0 := time.Date(2026, 12, 8, 1, 0, 0, 0, time.UTC)
			clk := &clock{t: t0}
			db.Now = clk.Now
			u := &hitori.User{Email: "it@example.jp", Name: "IT", Role: hitori.RoleAdmin}
			ctx := context.Background()
			if err := db.Users().CreateUser(ctx, u, "password123"); err != nil {
				b.Fatal(err)
			}
			staff := hitori.NewContextWithUser(ctx, u)
			rule := &hitori.AlertRule{RemindMinutes: 60, Steps: []hitori.EscalationStep{{ChannelIDs: []int64{1}}, {AfterMinutes: 10, ChannelIDs: []int64{2}}}}
			if err := db.Incidents().SaveAlertRule(staff, rule); err != nil {
				b.Fatal(err)
			}
			var evs []*hitori.MonitorEvent
			var sts []*hitori.MonitorState
			for i := range 1000 {
				m := &hitori.Monitor{Name: fmt.Sprintf("m%04d", i), Type: hitori.MonitorTCP, Target: "db.example.jp:5432", Interval: time.Minute}
				if err := db.Monitors().CreateMonitor(staff, m); err != nil {
					b.Fatal(err)
				}
				evs = append(evs, &hitori.MonitorEvent{MonitorID: m.ID, At: t0, From: hitori.MonitorUp, To: hitori.MonitorDown})
				sts = append(sts, &hitori.MonitorState{MonitorID: m.ID, Status: hitori.MonitorDown, Since: t0, Failures: 1})
			}
			if err := db.Monitors().SaveResults(ctx, nil, sts, evs); err != nil {
				b.Fatal(err)
			}
			a := &monitor.Alerts{Store: db.Incidents(), Now: clk.Now}
			if n, err := a.Sweep(ctx); err != nil || n != 200 {
				b.Fatalf("first sweep: %d %v", n, err)
			}
			for {
				if n, _ := a.Sweep(ctx); n == 0 {
					break
				}
			}
			clk.Set(t0.Add(time.Minute))
			b.Run("idle", func(b *testing.B) {
				for b.Loop() {
					if n, err := a.Sweep(ctx); err != nil || n != 0 {
						b.Fatalf("%d %v", n, err)
					}
				}
			})
			clk.Set(t0.Add(10 * time.Minute))
			ids, _ := db.Incidents().DueIncidents(ctx, clk.Now(), 1000)
			b.Run("escalate", func(b *testing.B) {
				i := 0
				for b.Loop() {
					if i == len(ids) {
						b.Fatal("out of incidents")
					}
					if err := a.Act(ctx, ids[i]); err != nil {
						b.Fatal(err)
					}
					i++
				}
			})
		})
	}
}
