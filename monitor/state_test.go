package monitor

import (
	"testing"
	"time"

	"hitori"
)

func TestNextState(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	m := &hitori.Monitor{ID: 7, Retries: 2, Windows: []hitori.MaintenanceWindow{{Starts: t0.Add(10 * time.Minute), Ends: t0.Add(20 * time.Minute)}}}
	st := hitori.MonitorState{MonitorID: 7, Status: hitori.MonitorPending, Since: t0}
	// minute, ok, want status, want event "from>to" or ""
	steps := []struct {
		min    int
		ok     bool
		status hitori.MonitorStatus
		event  string
	}{
		{0, true, hitori.MonitorUp, ""}, // first check: not an alert
		{1, false, hitori.MonitorPending, ""},
		{2, true, hitori.MonitorUp, ""}, // a blip within the retries
		{3, false, hitori.MonitorPending, ""},
		{4, false, hitori.MonitorPending, ""},
		{5, false, hitori.MonitorDown, "pending>down"}, // the third failure in a row with 2 retries
		{6, false, hitori.MonitorDown, ""},
		{7, true, hitori.MonitorUp, "down>up"},
		{11, false, hitori.MonitorMaintenance, "up>maintenance"},
		{12, false, hitori.MonitorMaintenance, ""},
		{20, true, hitori.MonitorUp, "maintenance>up"},
	}
	for _, s := range steps {
		at := t0.Add(time.Duration(s.min) * time.Minute)
		next, ev := Next(m, st, hitori.CheckResult{MonitorID: 7, At: at, OK: s.ok})
		got := ""
		if ev != nil {
			got = string(ev.From) + ">" + string(ev.To)
		}
		if next.Status != s.status || got != s.event {
			t.Fatalf("minute %d: %s %q, want %s %q", s.min, next.Status, got, s.status, s.event)
		}
		if next.Status != st.Status && !next.Since.Equal(at) {
			t.Fatalf("minute %d: since %v", s.min, next.Since)
		}
		st = next
	}
}
