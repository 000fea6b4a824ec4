package monitor

import (
	"time"

	"hitori"
)

// The escalation decision: one look at an incident at a time now, given
// its monitor's state, its rule and the on-call calendar. Pure, so a fake
// clock can walk it through an outage; Alerts.Act stores what it decides.

// plan is what one look decided.
type plan struct {
	was     hitori.Incident // as it was read
	in      hitori.Incident // the incident as it should be stored
	entries []*hitori.IncidentEntry
	sends   []send
	item    bool // the work item must follow (resolved)
	changed bool
}

// send is one message to one channel.
type send struct {
	channel int64
	kind    hitori.IncidentEntryKind // alert, escalation, reminder, recovery
	step    int
	runAt   time.Time // zero: now; a recovery in quiet hours waits for their end
}

// look holds what decide reads besides the incident.
type look struct {
	now     time.Time
	state   *hitori.MonitorState // nil: the monitor was deleted
	retries int
	rule    *hitori.AlertRule
	oncall  *hitori.OnCallCalendar
	exists  func(id int64) bool // nil: every channel exists
}

func decide(in hitori.Incident, l look) plan {
	p := plan{was: in, in: in}
	p.in.NextAt = nil
	r := *l.rule
	r.Critical = r.Critical || in.Critical
	now := l.now
	switch {
	case !in.Open():
		return p
	case l.state == nil:
		p.resolve(now, now, "monitor deleted")
		return p
	case in.UpAt != nil:
		due := in.UpAt.Add(time.Duration(r.ResolveMinutes) * time.Minute)
		if now.Before(due) {
			p.wake(due)
			return p
		}
		p.resolve(now, *in.UpAt, "")
		if r.NotifyRecovery && in.Step > 0 {
			quietEnd, _ := r.QuietUntil(now)
			p.tell(l, &r, in.Step, hitori.EntryRecovery, quietEnd)
		}
		return p
	case l.state.Status != hitori.MonitorDown:
		// Maintenance or paused: no alerts; the next state change wakes it.
		p.changed = in.NextAt != nil
		return p
	}
	quietEnd, quiet := r.QuietUntil(now)
	if in.Step == 0 {
		if l.state.Failures < r.NeedFailures(l.retries) {
			p.in.Held, p.changed = true, true // a later result wakes it (wakeCounted)
			return p
		}
		if quiet {
			p.hold(now, quietEnd)
			return p
		}
		p.step(l, &r, hitori.EntryAlert)
	} else if in.Status == hitori.IncidentOpen && in.Step < len(r.Steps) {
		due := in.StepAt.Add(time.Duration(r.Steps[in.Step].AfterMinutes) * time.Minute)
		if !now.Before(due) {
			if quiet {
				p.hold(now, quietEnd)
				return p
			}
			p.step(l, &r, hitori.EntryEscalation)
		}
	}
	if r.RemindMinutes > 0 && p.in.RemindAt != nil {
		due := p.in.RemindAt.Add(time.Duration(r.RemindMinutes) * time.Minute)
		if !now.Before(due) {
			if quiet {
				p.hold(now, quietEnd)
				return p
			}
			p.tell(l, &r, p.in.Step, hitori.EntryReminder, time.Time{})
			t := now
			p.in.RemindAt, p.changed = &t, true
		}
	}
	// Wake at the next step's time (unless acknowledged) or the next reminder.
	if p.in.Status == hitori.IncidentOpen && p.in.Step < len(r.Steps) && p.in.StepAt != nil {
		p.wake(p.in.StepAt.Add(time.Duration(r.Steps[p.in.Step].AfterMinutes) * time.Minute))
	}
	if r.RemindMinutes > 0 && p.in.RemindAt != nil {
		p.wake(p.in.RemindAt.Add(time.Duration(r.RemindMinutes) * time.Minute))
	}
	if in.NextAt == nil || p.in.NextAt == nil || !in.NextAt.Equal(*p.in.NextAt) {
		p.changed = true
	}
	return p
}

// wake sets the next look to t unless an earlier one is set.
func (p *plan) wake(t time.Time) {
	if p.in.NextAt == nil || t.Before(*p.in.NextAt) {
		p.in.NextAt = &t
	}
	p.changed = true
}

func (p *plan) resolve(now, at time.Time, why string) {
	p.in.Status, p.in.ResolvedAt, p.in.Held = hitori.IncidentResolved, &at, false
	p.entries = append(p.entries, &hitori.IncidentEntry{At: now, Kind: hitori.EntryResolved, Message: why})
	p.item, p.changed = true, true
}

// hold keeps alerts until quiet hours end; the timeline says so once
// (held and waking at their end already: said; held otherwise was
// waiting for failures).
func (p *plan) hold(now, until time.Time) {
	if !p.was.Held || p.was.NextAt == nil || !p.was.NextAt.Equal(until) {
		p.entries = append(p.entries, &hitori.IncidentEntry{At: now, Kind: hitori.EntryHeld, Message: until.In(hitori.Tokyo).Format("15:04")})
	}
	p.in.Held = true
	p.wake(until)
}

// step sends the next step of the chain.
func (p *plan) step(l look, r *hitori.AlertRule, kind hitori.IncidentEntryKind) {
	now := l.now
	p.in.Step++
	p.in.StepAt, p.in.RemindAt, p.in.Held = &now, &now, false
	p.changed = true
	p.targets(l, r, p.in.Step-1, p.in.Step, kind, time.Time{})
}

// tell sends kind to everyone steps 1..upTo reached.
func (p *plan) tell(l look, r *hitori.AlertRule, upTo int, kind hitori.IncidentEntryKind, runAt time.Time) {
	p.in.Held = false
	for i := 0; i < upTo && i < len(r.Steps); i++ {
		p.targets(l, r, i, i+1, kind, runAt)
	}
}

// targets adds the sends of step i (0-based) — its channels and, if it
// says so, whoever is on call now — skipping channels told already in
// this look and, softly, channels that no longer exist.
func (p *plan) targets(l look, r *hitori.AlertRule, i, step int, kind hitori.IncidentEntryKind, runAt time.Time) {
	s := r.Steps[i]
	ids := append([]int64(nil), s.ChannelIDs...)
	if s.OnCall {
		if m, ok := l.oncall.At(l.now); ok && m.ChannelID > 0 {
			ids = append(ids, m.ChannelID)
		} else {
			p.entries = append(p.entries, &hitori.IncidentEntry{At: l.now, Kind: hitori.EntrySkipped, Step: step, Message: "nobody on call"})
		}
	}
	for _, id := range ids {
		if p.told(id) {
			continue
		}
		if l.exists != nil && !l.exists(id) {
			p.entries = append(p.entries, &hitori.IncidentEntry{At: l.now, Kind: hitori.EntrySkipped, Step: step, ChannelID: id, Message: "no such channel"})
			continue
		}
		p.sends = append(p.sends, send{channel: id, kind: kind, step: step, runAt: runAt})
		p.entries = append(p.entries, &hitori.IncidentEntry{At: l.now, Kind: kind, Step: step, ChannelID: id})
	}
}

func (p *plan) told(id int64) bool {
	for _, s := range p.sends {
		if s.channel == id {
			return true
		}
	}
	return false
}
