package monitor

import "hitori"

// Next applies a check's result to a monitor's state: a success is up; a
// failure is pending until more than Retries failures in a row, then
// down (and down stays down until a success); inside a maintenance window
// failures do not count. It returns the state change alerting should see,
// or nil: entering up from pending (a first check, or failures that never
// reached down) is not a change worth telling.
func Next(m *hitori.Monitor, prev hitori.MonitorState, r hitori.CheckResult) (hitori.MonitorState, *hitori.MonitorEvent) {
	next := prev
	next.MonitorID = m.ID
	last := r
	next.Last = &last
	switch {
	case m.InWindow(r.At):
		next.Status, next.Failures = hitori.MonitorMaintenance, 0
	case r.OK:
		next.Status, next.Failures = hitori.MonitorUp, 0
	default:
		next.Failures++
		switch {
		case next.Failures > m.Retries:
			next.Status = hitori.MonitorDown
		case prev.Status != hitori.MonitorDown:
			next.Status = hitori.MonitorPending
		}
	}
	if next.Status == prev.Status {
		return next, nil
	}
	next.Since = r.At
	if next.Status == hitori.MonitorPending || (next.Status == hitori.MonitorUp && prev.Status == hitori.MonitorPending) {
		return next, nil
	}
	return next, &hitori.MonitorEvent{MonitorID: m.ID, At: r.At, From: prev.Status, To: next.Status, Message: r.Message}
}
