package sla

import (
	"testing"
	"time"
)

func TestAssess(t *testing.T) {
	c := DefaultCalendar()
	// An 8-hour target on Monday 30 November 2026: the at-risk line is
	// max(8h/4, 1h) = 2h left, i.e. 15:00.
	start, due := "2026-11-30 09:00", "2026-11-30 17:00"
	// A 40-hour target (to Friday 13:00): the line is 10h left.
	weekDue := "2026-12-04 13:00"
	// A 30-minute target: the one-hour floor makes it at risk at once.
	shortDue := "2026-11-30 09:30"
	// A deadline at closing time, breached overnight by no business time.
	closing := "2026-11-30 18:00"
	tests := []struct {
		name          string
		start, due    string
		now           string
		done          bool
		wantRisk      Risk
		wantRemaining time.Duration
	}{
		{"fresh", start, due, "2026-11-30 09:00", false, RiskOK, 8 * time.Hour},
		{"just above the line", start, due, "2026-11-30 14:59", false, RiskOK, 2*time.Hour + time.Minute},
		{"on the line", start, due, "2026-11-30 15:00", false, RiskOK, 2 * time.Hour},
		{"below the line", start, due, "2026-11-30 15:01", false, RiskAtRisk, 2*time.Hour - time.Minute},
		{"at the deadline", start, due, "2026-11-30 17:00", false, RiskAtRisk, 0},
		{"breached after hours", start, closing, "2026-11-30 20:00", false, RiskBreached, 0},
		{"breached next morning", start, due, "2026-12-01 10:00", false, RiskBreached, -2 * time.Hour},
		{"breached a week", start, due, "2026-12-05 12:00", false, RiskBreached, -37 * time.Hour},
		{"week target on track", start, weekDue, "2026-12-03 12:00", false, RiskOK, 10 * time.Hour},
		{"week target at risk", start, weekDue, "2026-12-03 12:01", false, RiskAtRisk, 10*time.Hour - time.Minute},
		{"short target", start, shortDue, "2026-11-30 09:00", false, RiskAtRisk, 30 * time.Minute},
		{"met in time", start, due, "2026-11-30 16:59", true, RiskNone, time.Minute},
		{"met late", start, due, "2026-12-01 09:30", true, RiskBreached, -90 * time.Minute},
		{"no target", start, "", "2026-12-25 09:00", false, RiskNone, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var dueTime time.Time
			if tt.due != "" {
				dueTime = mustTime(t, tt.due)
			}
			risk, left := Assess(c, mustTime(t, tt.start), dueTime, mustTime(t, tt.now), tt.done)
			if risk != tt.wantRisk || left != tt.wantRemaining {
				t.Errorf("Assess(now %s) = %v, %v; want %v, %v", tt.now, risk, left, tt.wantRisk, tt.wantRemaining)
			}
		})
	}
}

func TestPolicyDue(t *testing.T) {
	c := DefaultCalendar()
	opened := mustTime(t, "2026-12-28 16:00") // the last afternoon before 年末年始
	first, resolution := Policy{FirstResponse: 4 * time.Hour}.Due(c, opened)
	if want := mustTime(t, "2027-01-04 11:00"); !first.Equal(want) {
		t.Errorf("first response due %v, want %v", first, want)
	}
	if !resolution.IsZero() {
		t.Errorf("resolution due %v, want zero (no target)", resolution)
	}
	if risk, _ := Assess(c, opened, resolution, opened, false); risk != RiskNone {
		t.Errorf("Assess without a target = %v, want %v", risk, RiskNone)
	}
}

func TestRiskString(t *testing.T) {
	tests := map[Risk]string{RiskNone: "none", RiskOK: "ok", RiskAtRisk: "at-risk", RiskBreached: "breached", Risk(9): "unknown"}
	for r, want := range tests {
		if got := r.String(); got != want {
			t.Errorf("Risk(%d).String() = %q, want %q", int(r), got, want)
		}
	}
}
