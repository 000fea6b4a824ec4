package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// saveEvent stores one state change of m as the scheduler's writer would.
func saveEvent(t *testing.T, st *sqlstore.Monitors, id int64, at time.Time, from, to hitori.MonitorStatus, failures int) {
	t.Helper()
	r := &hitori.CheckResult{MonitorID: id, At: at, OK: to == hitori.MonitorUp, Message: "503"}
	states := []*hitori.MonitorState{{MonitorID: id, Status: to, Since: at, Failures: failures, Last: r}}
	events := []*hitori.MonitorEvent{{MonitorID: id, At: at, From: from, To: to, Message: r.Message}}
	if err := st.SaveResults(context.Background(), []*hitori.CheckResult{r}, states, events); err != nil {
		t.Fatal(err)
	}
}

func queuedKinds(t *testing.T, db *sqlstore.DB, kind string) int {
	t.Helper()
	js, err := db.Jobs().List(context.Background(), hitori.JobFilter{State: hitori.JobQueued, Kind: kind})
	if err != nil {
		t.Fatal(err)
	}
	return len(js)
}

func TestIncidentOpensWithOutageAndStaysOneWhileFlapping(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		_, tech, requester := licenseUsers(t, db)
		ctx := context.Background()
		ms, is := db.Monitors(), db.Incidents()
		m := &hitori.Monitor{Name: "社内ポータル", Type: hitori.MonitorHTTP, Target: "https://portal.example.jp/", Interval: time.Minute}
		if err := ms.CreateMonitor(tech, m); err != nil {
			t.Fatal(err)
		}
		t0 := time.Date(2026, 12, 7, 1, 0, 0, 0, time.UTC)
		saveEvent(t, ms, m.ID, t0, hitori.MonitorUp, hitori.MonitorDown, 1)
		open, err := is.OpenIncidents(ctx)
		if err != nil || len(open) != 1 {
			t.Fatalf("open incidents %v %v", open, err)
		}
		in := open[0]
		if in.MonitorID != m.ID || in.Title != "社内ポータル" || in.Status != hitori.IncidentOpen || !in.OpenedAt.Equal(t0) || in.NextAt == nil {
			t.Fatalf("incident %+v", in)
		}
		if got := queuedKinds(t, db, hitori.JobIncidentAct) + queuedKinds(t, db, hitori.JobIncidentItem); got != 2 {
			t.Fatalf("jobs owed by the opening: %d, want act and item", got)
		}
		// Back up, down again before the recovery held: the same outage.
		saveEvent(t, ms, m.ID, t0.Add(time.Minute), hitori.MonitorDown, hitori.MonitorUp, 0)
		saveEvent(t, ms, m.ID, t0.Add(2*time.Minute), hitori.MonitorUp, hitori.MonitorDown, 1)
		all, n, err := is.FindIncidents(tech, hitori.IncidentFilter{})
		if err != nil || n != 1 || len(all) != 1 {
			t.Fatalf("incidents after flapping: %d %v", n, err)
		}
		got, entries, err := is.FindIncident(tech, in.ID)
		if err != nil || got.UpAt != nil {
			t.Fatalf("after down again: %+v %v", got, err)
		}
		var kinds []hitori.IncidentEntryKind
		for _, e := range entries {
			kinds = append(kinds, e.Kind)
		}
		want := []hitori.IncidentEntryKind{hitori.EntryDown, hitori.EntryUp, hitori.EntryDownAgain}
		if len(kinds) != len(want) || kinds[0] != want[0] || kinds[1] != want[1] || kinds[2] != want[2] {
			t.Fatalf("timeline %v, want %v", kinds, want)
		}

		// A stale version changes nothing.
		stale := *got
		stale.Version--
		stale.Step = 3
		if err := is.ApplyIncident(ctx, &stale, nil, nil); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Fatalf("stale apply: %v", err)
		}

		if err := is.AcknowledgeIncident(requester, in.ID, ""); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Fatalf("requester ack: %v", err)
		}
		if err := is.AcknowledgeIncident(tech, in.ID, ""); err != nil {
			t.Fatal(err)
		}
		if err := is.AcknowledgeIncident(ctx, in.ID, "ack link"); err != nil { // twice: no error, no second entry
			t.Fatal(err)
		}
		got, entries, _ = is.FindIncident(tech, in.ID)
		if got.Status != hitori.IncidentAcknowledged || got.AckedAt == nil || got.AckedBy != "tech@example.com" || len(entries) != 4 {
			t.Fatalf("acknowledged: %+v, %d entries", got, len(entries))
		}

		// Resolved by alerting: the next outage is a new incident.
		now := t0.Add(time.Hour)
		got.Status, got.ResolvedAt = hitori.IncidentResolved, &now
		if err := is.ApplyIncident(ctx, got, []*hitori.IncidentEntry{{At: now, Kind: hitori.EntryResolved}}, nil); err != nil {
			t.Fatal(err)
		}
		if open, _ := is.OpenIncidents(ctx); len(open) != 0 {
			t.Fatalf("open after resolve: %d", len(open))
		}
		saveEvent(t, ms, m.ID, now.Add(time.Hour), hitori.MonitorUp, hitori.MonitorDown, 1)
		if _, n, _ := is.FindIncidents(tech, hitori.IncidentFilter{}); n != 2 {
			t.Fatalf("second outage: %d incidents", n)
		}
		if open, _, _ := is.FindIncidents(tech, hitori.IncidentFilter{OpenOnly: true, MonitorID: m.ID, Query: "ポータル"}); len(open) != 1 || open[0].ID == in.ID {
			t.Fatalf("open filter: %+v", open)
		}
		if err := is.SetIncidentItem(ctx, in.ID, 42); err != nil {
			t.Fatal(err)
		}
		if got, _, _ := is.FindIncident(tech, in.ID); got.ItemID != 42 {
			t.Fatalf("item %d", got.ItemID)
		}
		k1, err1 := is.AckKey(ctx)
		k2, err2 := is.AckKey(ctx)
		if err1 != nil || err2 != nil || len(k1) != 32 || string(k1) != string(k2) {
			t.Fatalf("ack key %v %v", err1, err2)
		}
	})
}

func TestAlertRulesOnCallAndRecurringWindowsStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		_, tech, requester := licenseUsers(t, db)
		ctx := context.Background()
		is := db.Incidents()
		m := &hitori.Monitor{Name: "基幹DB", Type: hitori.MonitorTCP, Target: "db.example.jp:5432", Interval: time.Minute}
		if err := db.Monitors().CreateMonitor(tech, m); err != nil {
			t.Fatal(err)
		}
		r, own, err := is.AlertRule(ctx, m.ID)
		if err != nil || own || r.RemindMinutes != 60 || len(r.Steps) != 1 {
			t.Fatalf("built-in defaults %+v %v %v", r, own, err)
		}
		def := &hitori.AlertRule{AfterFailures: 2, RemindMinutes: 30, ResolveMinutes: 5, Steps: []hitori.EscalationStep{{ChannelIDs: []int64{7}}}}
		if err := is.SaveAlertRule(requester, def); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Fatalf("requester: %v", err)
		}
		if err := is.SaveAlertRule(tech, def); err != nil {
			t.Fatal(err)
		}
		mine := &hitori.AlertRule{MonitorID: m.ID, Critical: true, Steps: []hitori.EscalationStep{{OnCall: true}, {AfterMinutes: 15, ChannelIDs: []int64{9}}}}
		if err := is.SaveAlertRule(tech, mine); err != nil {
			t.Fatal(err)
		}
		if r, own, _ := is.AlertRule(ctx, m.ID); !own || !r.Critical || len(r.Steps) != 2 || r.Steps[1].ChannelIDs[0] != 9 {
			t.Fatalf("own rule %+v %v", r, own)
		}
		if err := is.DeleteAlertRule(tech, m.ID); err != nil {
			t.Fatal(err)
		}
		if r, own, _ := is.AlertRule(ctx, m.ID); own || r.AfterFailures != 2 || r.Steps[0].ChannelIDs[0] != 7 {
			t.Fatalf("back to stored defaults %+v %v", r, own)
		}
		bad := &hitori.AlertRule{Steps: []hitori.EscalationStep{{}}}
		if e, ok := hitori.AsError(is.SaveAlertRule(tech, bad)); !ok || e.Fields["steps"] == "" {
			t.Fatalf("a step without anyone: %v", e)
		}

		start := time.Date(2026, 12, 7, 0, 0, 0, 0, hitori.Tokyo)
		cal := &hitori.OnCallCalendar{Start: start, Rotation: []hitori.OnCallMember{{Name: "佐藤", ChannelID: 1}, {Name: "ベンダー", ChannelID: 2}}}
		if err := is.SaveOnCall(tech, cal); err != nil {
			t.Fatal(err)
		}
		got, err := is.OnCall(ctx)
		if err != nil || len(got.Rotation) != 2 || !got.Start.Equal(start) {
			t.Fatalf("on call %+v %v", got, err)
		}

		ws := []hitori.RecurringWindow{{Freq: hitori.RecurWeekly, Weekday: time.Sunday, Start: "02:00", Minutes: 120, Note: "定期再起動"}}
		if err := is.SaveRecurringWindows(tech, m.ID, ws); err != nil {
			t.Fatal(err)
		}
		if got, err := is.RecurringWindows(tech, m.ID); err != nil || len(got) != 1 || got[0].Note != "定期再起動" {
			t.Fatalf("windows %+v %v", got, err)
		}
		loaded, _, err := db.Monitors().LoadMonitors(ctx, []int{int(m.ID % 32)}, 32)
		if err != nil || len(loaded) != 1 || len(loaded[0].Recurring) != 1 {
			t.Fatalf("scheduler's monitors carry the windows: %v %v", loaded, err)
		}
		from := time.Date(2026, 12, 7, 0, 0, 0, 0, hitori.Tokyo) // a Monday
		up, err := is.UpcomingMaintenance(ctx, from, from.AddDate(0, 0, 14))
		if err != nil || len(up) != 2 || !up[0].Starts.Equal(time.Date(2026, 12, 13, 2, 0, 0, 0, hitori.Tokyo)) || up[0].MonitorName != "基幹DB" {
			t.Fatalf("upcoming %+v %v", up, err)
		}
	})
}
