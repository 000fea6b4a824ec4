package monitor_test

import (
	"testing"
	"time"

	"hitori"
	"hitori/monitor"
)

func jst(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, hitori.Tokyo)
}

func TestRecurringWindows(t *testing.T) {
	sunday := hitori.RecurringWindow{Freq: hitori.RecurWeekly, Weekday: time.Sunday, Start: "02:00", Minutes: 120}
	secondWedNight := hitori.RecurringWindow{Freq: hitori.RecurMonthly, Week: 2, Weekday: time.Wednesday, Start: "22:00", Minutes: 6 * 60}
	day31 := hitori.RecurringWindow{Freq: hitori.RecurMonthly, Day: 31, Start: "23:00", Minutes: 120}
	lastFri := hitori.RecurringWindow{Freq: hitori.RecurMonthly, Week: -1, Weekday: time.Friday, Start: "20:00", Minutes: 60}
	tests := []struct {
		name string
		w    hitori.RecurringWindow
		at   time.Time
		in   bool
	}{
		{"sunday 02:00 JST is Saturday 17:00 UTC", sunday, time.Date(2026, 12, 5, 17, 0, 0, 0, time.UTC), true},
		{"sunday 03:59", sunday, jst(2026, 12, 6, 3, 59), true},
		{"sunday 04:00 ends", sunday, jst(2026, 12, 6, 4, 0), false},
		{"sunday 01:59 before", sunday, jst(2026, 12, 6, 1, 59), false},
		{"monday 02:30", sunday, jst(2026, 12, 7, 2, 30), false},
		{"summer: no DST in Tokyo", sunday, time.Date(2026, 7, 4, 17, 30, 0, 0, time.UTC), true},
		{"second Wednesday 22:00 (Dec 9)", secondWedNight, jst(2026, 12, 9, 22, 0), true},
		{"its night runs past midnight", secondWedNight, jst(2026, 12, 10, 3, 59), true},
		{"and ends at 04:00", secondWedNight, jst(2026, 12, 10, 4, 0), false},
		{"first Wednesday is not it", secondWedNight, jst(2026, 12, 2, 23, 0), false},
		{"third Wednesday is not it", secondWedNight, jst(2026, 12, 16, 23, 0), false},
		{"month starting on Wednesday: the 8th", secondWedNight, jst(2027, 9, 8, 22, 30), true},
		{"day 31 in February is the 28th", day31, jst(2027, 2, 28, 23, 30), true},
		{"leap February: the 29th", day31, jst(2028, 2, 29, 23, 30), true},
		{"not the 28th of a leap February", day31, jst(2028, 2, 28, 23, 30), false},
		{"day 31 in April is the 30th", day31, jst(2027, 4, 30, 23, 30), true},
		{"across the month end into May 1st", day31, jst(2027, 5, 1, 0, 30), true},
		{"across the year end", day31, jst(2027, 1, 1, 0, 59), true},
		{"last Friday of January 2027 (29th)", lastFri, jst(2027, 1, 29, 20, 30), true},
		{"not the Friday before it", lastFri, jst(2027, 1, 22, 20, 30), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := tt.w
			if err := w.Validate(); err != nil {
				t.Fatal(err)
			}
			if got := w.Contains(tt.at); got != tt.in {
				t.Fatalf("Contains(%v) = %v, want %v", tt.at.In(hitori.Tokyo), got, tt.in)
			}
		})
	}
}

func TestRecurringWindowNextAndValidate(t *testing.T) {
	w := hitori.RecurringWindow{Freq: hitori.RecurMonthly, Week: 2, Weekday: time.Wednesday, Start: "22:00", Minutes: 360}
	s, e, ok := w.NextAfter(jst(2026, 12, 10, 5, 0))
	if !ok || !s.Equal(jst(2027, 1, 13, 22, 0)) || !e.Equal(jst(2027, 1, 14, 4, 0)) {
		t.Fatalf("next: %v %v %v", s, e, ok)
	}
	for _, bad := range []hitori.RecurringWindow{
		{Freq: "daily", Start: "02:00", Minutes: 60},
		{Freq: hitori.RecurWeekly, Start: "25:00", Minutes: 60},
		{Freq: hitori.RecurWeekly, Start: "02:00", Minutes: 0},
		{Freq: hitori.RecurMonthly, Day: 32, Start: "02:00", Minutes: 60},
		{Freq: hitori.RecurMonthly, Week: 5, Start: "02:00", Minutes: 60},
		{Freq: hitori.RecurWeekly, Start: "02:00", Minutes: 60, TZ: "Mars/Olympus"},
	} {
		if err := bad.Validate(); hitori.ErrorCode(err) != hitori.EINVALID {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}

// TestRecurringWindowSuppresses: inside a recurring window failures put
// the monitor in maintenance, so no down event and no incident.
func TestRecurringWindowSuppresses(t *testing.T) {
	m := &hitori.Monitor{ID: 1, Retries: 0, Recurring: []hitori.RecurringWindow{
		{Freq: hitori.RecurWeekly, Weekday: time.Sunday, Start: "02:00", Minutes: 120}}}
	st := hitori.MonitorState{MonitorID: 1, Status: hitori.MonitorUp}
	st, ev := monitor.Next(m, st, hitori.CheckResult{At: jst(2026, 12, 6, 2, 30), OK: false})
	if st.Status != hitori.MonitorMaintenance || ev == nil || ev.To != hitori.MonitorMaintenance {
		t.Fatalf("inside: %+v %+v", st, ev)
	}
	st, ev = monitor.Next(m, st, hitori.CheckResult{At: jst(2026, 12, 6, 4, 1), OK: false})
	if st.Status != hitori.MonitorDown || ev == nil || ev.To != hitori.MonitorDown {
		t.Fatalf("after: %+v %+v", st, ev)
	}
}

func TestQuietHoursAndOnCall(t *testing.T) {
	night := &hitori.AlertRule{QuietStart: "22:00", QuietEnd: "07:00"}
	early := &hitori.AlertRule{QuietStart: "01:00", QuietEnd: "05:30"}
	crit := &hitori.AlertRule{QuietStart: "22:00", QuietEnd: "07:00", Critical: true}
	quiet := []struct {
		name  string
		r     *hitori.AlertRule
		at    time.Time
		until time.Time // zero: not quiet
	}{
		{"evening in quiet", night, jst(2026, 12, 8, 23, 0), jst(2026, 12, 9, 7, 0)},
		{"morning in quiet", night, jst(2026, 12, 9, 6, 59), jst(2026, 12, 9, 7, 0)},
		{"07:00 is awake", night, jst(2026, 12, 9, 7, 0), time.Time{}},
		{"21:59 is awake", night, jst(2026, 12, 8, 21, 59), time.Time{}},
		{"across the month end", night, jst(2026, 12, 31, 22, 0), jst(2027, 1, 1, 7, 0)},
		{"same-day span", early, jst(2026, 12, 8, 3, 0), jst(2026, 12, 8, 5, 30)},
		{"same-day span after", early, jst(2026, 12, 8, 5, 30), time.Time{}},
		{"critical never quiet", crit, jst(2026, 12, 8, 23, 0), time.Time{}},
	}
	for _, tt := range quiet {
		t.Run(tt.name, func(t *testing.T) {
			until, ok := tt.r.QuietUntil(tt.at)
			if ok != !tt.until.IsZero() || ok && !until.Equal(tt.until) {
				t.Fatalf("QuietUntil = %v %v, want %v", until, ok, tt.until)
			}
		})
	}
	cal := &hitori.OnCallCalendar{Start: jst(2026, 11, 30, 9, 0),
		Rotation:  []hitori.OnCallMember{{Name: "佐藤", ChannelID: 1}, {Name: "鈴木", ChannelID: 2}, {Name: "ベンダー", ChannelID: 3}},
		Overrides: []hitori.OnCallOverride{{Starts: jst(2026, 12, 29, 0, 0), Ends: jst(2027, 1, 4, 0, 0), Member: hitori.OnCallMember{Name: "年末年始 代行", ChannelID: 9}}}}
	oncall := []struct {
		name string
		at   time.Time
		who  int64
	}{
		{"first week", jst(2026, 12, 1, 12, 0), 1},
		{"handover Monday 08:59 still first", jst(2026, 12, 7, 8, 59), 1},
		{"handover Monday 09:00 second", jst(2026, 12, 7, 9, 0), 2},
		{"third week", jst(2026, 12, 14, 9, 0), 3},
		{"wraps around", jst(2026, 12, 21, 9, 0), 1},
		{"override wins", jst(2026, 12, 30, 3, 0), 9},
		{"after the override: the rotation again", jst(2027, 1, 4, 0, 0), 2},
		{"before the rotation began", jst(2026, 11, 29, 12, 0), 3},
	}
	for _, tt := range oncall {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := cal.At(tt.at)
			if !ok || m.ChannelID != tt.who {
				t.Fatalf("on call at %v: %+v, want channel %d", tt.at, m, tt.who)
			}
		})
	}
	if _, ok := (&hitori.OnCallCalendar{}).At(jst(2026, 12, 1, 0, 0)); ok {
		t.Fatal("an empty calendar has someone on call")
	}
}
