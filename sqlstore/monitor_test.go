package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestMonitorCRUDAndState(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		_, tech, requester := licenseUsers(t, db)
		st := db.Monitors()
		m := &hitori.Monitor{Name: "社内ポータル", Type: hitori.MonitorHTTP, Target: "https://portal.example.co.jp/",
			Interval: 30 * time.Second, Retries: 2,
			Options: hitori.MonitorOptions{HTTP: &hitori.HTTPOptions{ExpectStatus: 200, Keyword: "ログイン"}}}
		if err := st.CreateMonitor(requester, m); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Fatalf("requester create: %v", err)
		}
		bad := &hitori.Monitor{Name: "", Type: "smoke", Interval: 5 * time.Second}
		err := st.CreateMonitor(tech, bad)
		if e, ok := hitori.AsError(err); !ok || e.Fields["name"] == "" || e.Fields["type"] == "" || e.Fields["interval_s"] == "" {
			t.Fatalf("invalid monitor: %v %+v", err, e)
		}
		if err := st.CreateMonitor(tech, m); err != nil {
			t.Fatal(err)
		}
		hb := &hitori.Monitor{Name: "夜間バックアップ", Type: hitori.MonitorHeartbeat, Interval: time.Minute,
			Options: hitori.MonitorOptions{Heartbeat: &hitori.HeartbeatOptions{PeriodS: 86400, GraceS: 3600}},
			Windows: []hitori.MaintenanceWindow{{Starts: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), Ends: time.Date(2030, 1, 1, 2, 0, 0, 0, time.UTC), Note: "停電"}}}
		if err := st.CreateMonitor(tech, hb); err != nil {
			t.Fatal(err)
		}
		if hb.Token == "" {
			t.Fatal("heartbeat without token")
		}
		got, state, err := st.FindMonitor(tech, hb.ID)
		if err != nil || got.Options.Heartbeat.PeriodS != 86400 || len(got.Windows) != 1 || state.Status != hitori.MonitorPending {
			t.Fatalf("find: %+v %+v %v", got, state, err)
		}
		ctx := context.Background()
		if err := st.Heartbeat(ctx, hb.Token); err != nil {
			t.Fatal(err)
		}
		if err := st.Heartbeat(ctx, "nope"); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Fatalf("unknown token: %v", err)
		}
		if at, err := st.LastBeat(ctx, hb.ID); err != nil || at.IsZero() {
			t.Fatalf("last beat %v %v", at, err)
		}

		// A batch: results, the state they lead to, a state change.
		now := time.Now().UTC().Truncate(time.Second)
		var results []*hitori.CheckResult
		for i := range 500 { // more than one multi-row statement
			results = append(results, &hitori.CheckResult{MonitorID: m.ID, At: now.Add(time.Duration(i-500) * time.Second),
				OK: i%10 != 0, Latency: time.Duration(i) * time.Millisecond, Message: "200"})
		}
		last := results[len(results)-1]
		states := []*hitori.MonitorState{{MonitorID: m.ID, Status: hitori.MonitorDown, Since: now, Failures: 3, Last: last},
			{MonitorID: 999999, Status: hitori.MonitorUp, Since: now}} // deleted meanwhile: no error
		events := []*hitori.MonitorEvent{{MonitorID: m.ID, At: now, From: hitori.MonitorUp, To: hitori.MonitorDown, Message: "503"}}
		if err := st.SaveResults(ctx, results, states, events); err != nil {
			t.Fatal(err)
		}
		// The heartbeat's beat survives a state write.
		if err := st.SaveResults(ctx, nil, []*hitori.MonitorState{{MonitorID: hb.ID, Status: hitori.MonitorUp, Since: now}}, nil); err != nil {
			t.Fatal(err)
		}
		if at, _ := st.LastBeat(ctx, hb.ID); at.IsZero() {
			t.Fatal("state write lost the beat")
		}
		_, state, _ = st.FindMonitor(tech, m.ID)
		if state.Status != hitori.MonitorDown || state.Failures != 3 || state.Last == nil || state.Last.Latency != last.Latency {
			t.Fatalf("state %+v", state)
		}
		list, total, err := st.FindMonitors(tech, hitori.MonitorFilter{Query: "PORTAL", Limit: 1})
		if err != nil || total != 1 || len(list) != 1 || list[0].Monitor.ID != m.ID || list[0].Uptime != 90 {
			t.Fatalf("list %d %+v %v", total, list[0], err)
		}
		evs, _ := st.MonitorEvents(tech, m.ID, 10)
		if len(evs) != 1 || evs[0].To != hitori.MonitorDown {
			t.Fatalf("events %+v", evs)
		}
		recent, _ := st.RecentResults(tech, m.ID, 5)
		if len(recent) != 5 || !recent[0].At.Equal(last.At) {
			t.Fatalf("recent %+v", recent)
		}
		v1, _ := st.MonitorsVersion(ctx)
		if err := st.SetMonitorPaused(tech, m.ID, true); err != nil {
			t.Fatal(err)
		}
		_, state, _ = st.FindMonitor(tech, m.ID)
		v2, _ := st.MonitorsVersion(ctx)
		if state.Status != hitori.MonitorPaused || v1 == v2 {
			t.Fatalf("paused: %v %s %s", state.Status, v1, v2)
		}
		if err := st.DeleteMonitor(tech, hb.ID); err != nil {
			t.Fatal(err)
		}
		if err := st.DeleteMonitor(tech, hb.ID); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Fatalf("second delete: %v", err)
		}
		if v3, _ := st.MonitorsVersion(ctx); v3 == v2 {
			t.Fatal("delete did not change the version")
		}
	})
}

func TestMonitorRollupAndPurge(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		_, tech, _ := licenseUsers(t, db)
		st := db.Monitors()
		m := &hitori.Monitor{Name: "tcp", Type: hitori.MonitorTCP, Target: "127.0.0.1:22", Interval: time.Minute}
		if err := st.CreateMonitor(tech, m); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		// 3 JST days of results, one a minute; latency 1..60 ms in each hour, one failure per hour.
		start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.FixedZone("JST", 9*3600)).UTC()
		var results []*hitori.CheckResult
		for i := range 3 * 24 * 60 {
			results = append(results, &hitori.CheckResult{MonitorID: m.ID, At: start.Add(time.Duration(i) * time.Minute),
				OK: i%60 != 59, Latency: time.Duration(i%60+1) * time.Millisecond})
		}
		if err := st.SaveResults(ctx, results, nil, nil); err != nil {
			t.Fatal(err)
		}
		now := start.Add(3*24*time.Hour + 30*time.Minute)
		for range 3 { // catching up takes more than one run; repeats change nothing
			if err := st.Rollup(ctx, now, 26*time.Hour); err != nil {
				t.Fatal(err)
			}
		}
		hours, _ := st.Rollups(tech, m.ID, "hour", start)
		days, _ := st.Rollups(tech, m.ID, "day", start)
		if len(hours) != 72 || len(days) != 3 {
			t.Fatalf("%d hours, %d days", len(hours), len(days))
		}
		h := hours[0]
		if h.Checks != 60 || h.Up != 59 || h.P50 != 30*time.Millisecond || h.P95 != 57*time.Millisecond {
			t.Fatalf("hour %+v", h)
		}
		if d := days[0]; d.Checks != 1440 || d.Up != 1416 || fmt.Sprintf("%.2f", d.Uptime()) != "98.33" {
			t.Fatalf("day %+v", d)
		}
		// The list's 24-hour uptime reads the hourly roll-ups once raw results are summarised.
		db.Now = func() time.Time { return now }
		list, _, err := st.FindMonitors(tech, hitori.MonitorFilter{})
		if err != nil || len(list) != 1 || fmt.Sprintf("%.2f", list[0].Uptime) != "98.33" {
			t.Fatalf("list uptime %+v %v", list, err)
		}
		recent, _ := st.RecentResults(tech, m.ID, 1000)
		if len(recent) == 0 || recent[len(recent)-1].At.Before(now.Add(-26*time.Hour)) {
			t.Fatalf("purge kept %d, oldest %v", len(recent), recent[len(recent)-1].At)
		}
	})
}

func TestMonitorShardLeases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		st := db.Monitors()
		ctx := context.Background()
		base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		clock := base
		db.Now = func() time.Time { return clock }
		a, err := st.ClaimShards(ctx, "a", 8, 6*time.Second)
		if err != nil || len(a) != 8 {
			t.Fatalf("a alone: %v %v", a, err)
		}
		b, _ := st.ClaimShards(ctx, "b", 8, 6*time.Second)
		if len(b) != 0 {
			t.Fatalf("b took live shards: %v", b)
		}
		a, _ = st.ClaimShards(ctx, "a", 8, 6*time.Second) // a sees b: lets half go
		if len(a) != 4 {
			t.Fatalf("a after b joined: %v", a)
		}
		b, _ = st.ClaimShards(ctx, "b", 8, 6*time.Second)
		if len(b) != 4 {
			t.Fatalf("b share: %v", b)
		}
		// a dies: after its lease b owns everything.
		clock = clock.Add(7 * time.Second)
		b, _ = st.ClaimShards(ctx, "b", 8, 6*time.Second)
		if len(b) != 8 {
			t.Fatalf("b after a died: %v", b)
		}
		if err := st.ReleaseShards(ctx, "b"); err != nil {
			t.Fatal(err)
		}
		if a, _ = st.ClaimShards(ctx, "a", 8, 6*time.Second); len(a) != 8 {
			t.Fatalf("a after b released: %v", a)
		}
	})
}
