package reportseed

import (
	"context"
	"fmt"
	"time"

	"hitori"
)

// MonitorsExpect is what the monitors of the data set make of November
// 2026 and of Now.
type MonitorsExpect struct {
	// NovChecks and NovUp are each monitor's November checks in the
	// daily roll-ups, by name (a monitor with no checks: 0 and 0).
	NovChecks, NovUp map[string]int
	// Down are the monitors down at Now.
	Down []string
	// Outage is November's incident: the UTM down from 09:00 to 21:00 on
	// the 10th, acknowledged at 09:30 by the staff member, with its item.
	OutageOpened, OutageResolved time.Time
	OutageAckedBy                string
	OutageItemMinutes            int
}

// checkHours are the Japanese hours each monitor is checked at, every day.
var checkHours = []int{3, 9, 15, 21}

// monitors writes three monitors: a file server up all along, a UTM down
// for two checks on 2026-11-10 (an incident, acknowledged, resolved and
// worked on an item), both checked four times a day from 9 to 11
// November and rolled up as of the 12th (a few days, as every hour from
// the first result to the roll-up's now is a transaction), and a web site
// first checked (and down) on Now's morning.
func monitors(ctx context.Context, s *Seeder, e *Expect) error {
	mk := func(name, target string) (int64, error) {
		m := &hitori.Monitor{Name: name, Type: hitori.MonitorTCP, Target: target, Interval: 5 * time.Minute, Timeout: 5 * time.Second}
		if err := s.Monitors.CreateMonitor(ctx, m); err != nil {
			return 0, fmt.Errorf("reportseed: monitor %s: %w", name, err)
		}
		return m.ID, nil
	}
	fileID, err := mk("ファイルサーバー", "nas.example.local:445")
	if err != nil {
		return err
	}
	utmID, err := mk("UTM", "utm.example.local:443")
	if err != nil {
		return err
	}
	webID, err := mk("Webサイト", "www.example.co.jp:443")
	if err != nil {
		return err
	}
	down1, down2 := At(2026, 11, 10, 9, 0, 0), At(2026, 11, 10, 15, 0, 0)
	upAgain := At(2026, 11, 10, 21, 0, 0)
	rolled := At(2026, 11, 12, 0, 0, 0)
	for d := At(2026, 11, 9, 0, 0, 0); d.Before(rolled); d = d.AddDate(0, 0, 1) {
		var results []*hitori.CheckResult
		var events []*hitori.MonitorEvent
		for _, h := range checkHours {
			at := d.Add(time.Duration(h) * time.Hour)
			results = append(results, &hitori.CheckResult{MonitorID: fileID, At: at, OK: true, Latency: time.Millisecond})
			ok := !at.Equal(down1) && !at.Equal(down2)
			r := &hitori.CheckResult{MonitorID: utmID, At: at, OK: ok, Latency: time.Millisecond}
			if !ok {
				r.Message = "connection refused"
			}
			results = append(results, r)
			switch {
			case at.Equal(down1):
				events = append(events, &hitori.MonitorEvent{MonitorID: utmID, At: at, From: hitori.MonitorUp, To: hitori.MonitorDown, Message: r.Message})
			case at.Equal(upAgain):
				events = append(events, &hitori.MonitorEvent{MonitorID: utmID, At: at, From: hitori.MonitorDown, To: hitori.MonitorUp})
			}
		}
		last := results[len(results)-1]
		states := []*hitori.MonitorState{
			{MonitorID: fileID, Status: hitori.MonitorUp, Since: At(2026, 11, 9, 3, 0, 0), Last: results[len(results)-2]},
			{MonitorID: utmID, Status: hitori.MonitorUp, Since: upAgain, Last: last},
		}
		s.SetNow(last.At)
		if err := s.Monitors.SaveResults(ctx, results, states, events); err != nil {
			return fmt.Errorf("reportseed: results of %s: %w", day(d), err)
		}
		if d.Equal(At(2026, 11, 10, 0, 0, 0)) {
			if err := outage(ctx, s, e, utmID); err != nil {
				return err
			}
		}
	}
	s.SetNow(rolled)
	for range 3 { // a run summarises at most 72 hours
		if err := s.Monitors.Rollup(ctx, rolled, 400*24*time.Hour); err != nil {
			return fmt.Errorf("reportseed: roll-up: %w", err)
		}
	}
	webDown := At(2026, 12, 10, 9, 0, 0)
	r := &hitori.CheckResult{MonitorID: webID, At: webDown, OK: false, Message: "timeout"}
	s.SetNow(webDown)
	if err := s.Monitors.SaveResults(ctx, []*hitori.CheckResult{r},
		[]*hitori.MonitorState{{MonitorID: webID, Status: hitori.MonitorDown, Since: webDown, Failures: 1, Last: r}},
		[]*hitori.MonitorEvent{{MonitorID: webID, At: webDown, From: hitori.MonitorPending, To: hitori.MonitorDown, Message: "timeout"}}); err != nil {
		return fmt.Errorf("reportseed: web site results: %w", err)
	}
	if e.Monitors == nil {
		e.Monitors = &MonitorsExpect{}
	}
	m := e.Monitors
	m.NovChecks = map[string]int{"ファイルサーバー": 12, "UTM": 12, "Webサイト": 0}
	m.NovUp = map[string]int{"ファイルサーバー": 12, "UTM": 10, "Webサイト": 0}
	m.Down = []string{"Webサイト"}
	return nil
}

// outage acknowledges, works on and resolves the UTM's incident, as the
// alerting would have: the item "UTM 停止" with 45 minutes on it.
func outage(ctx context.Context, s *Seeder, e *Expect, utmID int64) error {
	if s.Incidents == nil {
		return nil
	}
	opened, resolved := At(2026, 11, 10, 9, 0, 0), At(2026, 11, 10, 21, 0, 0)
	list, _, err := s.Incidents.FindIncidents(ctx, hitori.IncidentFilter{MonitorID: utmID, Limit: 10})
	if err != nil || len(list) != 1 {
		return fmt.Errorf("reportseed: the UTM's incident: %d, %v", len(list), err)
	}
	staff, err := s.staffContext(ctx)
	if err != nil {
		return err
	}
	s.SetNow(opened.Add(30 * time.Minute))
	if err := s.Incidents.AcknowledgeIncident(staff, list[0].ID, "情シス 担当"); err != nil {
		return fmt.Errorf("reportseed: acknowledge: %w", err)
	}
	it := &hitori.Item{Type: hitori.TypeTask, Title: "UTM 停止", Category: "ネットワーク", Kind: hitori.KindIncident, Urgent: true, Important: true}
	s.SetNow(opened.Add(5 * time.Minute))
	if err := s.Items.CreateItem(ctx, it); err != nil {
		return fmt.Errorf("reportseed: incident item: %w", err)
	}
	e.Opened[day(opened)]++
	if err := s.Incidents.SetIncidentItem(ctx, list[0].ID, it.ID); err != nil {
		return fmt.Errorf("reportseed: incident item link: %w", err)
	}
	s.SetNow(opened.Add(time.Hour))
	if err := s.Items.AddEvent(staff, &hitori.Event{ItemID: it.ID, Kind: hitori.EventNote, Body: "再起動で復旧を試行", Minutes: 45}); err != nil {
		return fmt.Errorf("reportseed: incident minutes: %w", err)
	}
	e.Entries = append(e.Entries, Entry{day(opened), it.Category, hitori.KindIncident, 45})
	inc, _, _, err := s.Incidents.IncidentForAct(ctx, list[0].ID)
	if err != nil {
		return fmt.Errorf("reportseed: incident: %w", err)
	}
	inc.Status, inc.ResolvedAt, inc.NextAt = hitori.IncidentResolved, &resolved, nil
	s.SetNow(resolved)
	if err := s.Incidents.ApplyIncident(ctx, inc, []*hitori.IncidentEntry{{IncidentID: inc.ID, At: resolved, Kind: hitori.EntryResolved}}, nil); err != nil {
		return fmt.Errorf("reportseed: resolve incident: %w", err)
	}
	st := hitori.StatusResolved
	s.SetNow(resolved.Add(10 * time.Minute))
	if _, err := s.Items.UpdateItem(staff, it.ID, hitori.ItemUpdate{Status: &st}); err != nil {
		return fmt.Errorf("reportseed: resolve incident item: %w", err)
	}
	e.Resolved[day(resolved)]++
	if e.Monitors == nil {
		e.Monitors = &MonitorsExpect{}
	}
	e.Monitors.OutageOpened, e.Monitors.OutageResolved = opened, resolved
	e.Monitors.OutageAckedBy, e.Monitors.OutageItemMinutes = "情シス 担当", 45
	return nil
}
