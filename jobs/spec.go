package jobs

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"hitori/sla"
)

// Spec says when a schedule runs. Its text forms:
//
//	every 30s              every interval (Go duration, at least 1s)
//	daily 09:00            every day at a time of day
//	weekly mon 09:00       every week on a weekday
//	monthly 25 09:00       every month on a day (31 means the month's last day)
//
// A calendar form may end in "business": then it runs only on business days
// of the calendar — daily skips other days, weekly and monthly move to the
// first business day on or after the named one.
type Spec struct {
	Every    time.Duration // for "every"; zero for the calendar forms
	Unit     string        // "daily", "weekly" or "monthly"
	Weekday  time.Weekday  // weekly
	Day      int           // monthly, 1–31
	Clock    time.Duration // time of day, from local midnight
	Business bool
}

var weekdays = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday,
	"wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}

// ParseSpec reads a schedule spec; its errors say what is wrong.
func ParseSpec(text string) (Spec, error) {
	f := strings.Fields(strings.ToLower(text))
	bad := func(format string, args ...any) (Spec, error) {
		return Spec{}, fmt.Errorf("schedule %q: "+format, append([]any{text}, args...)...)
	}
	if len(f) == 0 {
		return bad("empty")
	}
	var s Spec
	if f[0] == "every" {
		if len(f) != 2 {
			return bad(`want "every 30s"`)
		}
		d, err := time.ParseDuration(f[1])
		if err != nil || d < time.Second {
			return bad("interval must be a duration of at least 1s")
		}
		return Spec{Every: d}, nil
	}
	if n := len(f); n > 1 && f[n-1] == "business" {
		s.Business, f = true, f[:n-1]
	}
	s.Unit = f[0]
	want := map[string]int{"daily": 2, "weekly": 3, "monthly": 3}[s.Unit]
	if want == 0 {
		return bad("want every, daily, weekly or monthly")
	}
	if len(f) != want {
		return bad(`want "daily 09:00", "weekly mon 09:00" or "monthly 25 09:00"`)
	}
	switch s.Unit {
	case "weekly":
		wd, ok := weekdays[f[1]]
		if !ok {
			return bad("weekday must be one of sun mon tue wed thu fri sat")
		}
		s.Weekday = wd
	case "monthly":
		d, err := strconv.Atoi(f[1])
		if err != nil || d < 1 || d > 31 {
			return bad("day of month must be 1 to 31")
		}
		s.Day = d
	}
	c, err := parseClock(f[len(f)-1])
	if err != nil {
		return bad("%v", err)
	}
	s.Clock = c
	return s, nil
}

// parseClock reads HH:MM on a 24-hour clock.
func parseClock(s string) (time.Duration, error) {
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || len(m) != 2 || len(h) > 2 || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, fmt.Errorf("time of day must be HH:MM, 00:00 to 23:59")
	}
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, nil
}

// String gives the spec back in its text form.
func (s Spec) String() string {
	if s.Every > 0 {
		return "every " + s.Every.String()
	}
	clock := fmt.Sprintf("%02d:%02d", int(s.Clock.Hours()), int(s.Clock.Minutes())%60)
	var out string
	switch s.Unit {
	case "weekly":
		out = "weekly " + strings.ToLower(s.Weekday.String()[:3]) + " " + clock
	case "monthly":
		out = fmt.Sprintf("monthly %d %s", s.Day, clock)
	default:
		out = "daily " + clock
	}
	if s.Business {
		out += " business"
	}
	return out
}

// Next returns the first run strictly after t. Calendar forms read the time
// of day in loc and business days from cal (nil: sla.DefaultCalendar()).
func (s Spec) Next(t time.Time, loc *time.Location, cal *sla.Calendar) time.Time {
	if s.Every > 0 {
		return t.Add(s.Every)
	}
	if cal == nil {
		cal = sla.DefaultCalendar()
	}
	// Start a few days back: a monthly run moved onto a later business day
	// may fall after t although its nominal day is before it.
	day := sla.DateOf(t.In(loc)).AddDays(-14)
	for range 800 { // > two years: every valid spec matches within that
		if at, ok := s.runOn(day, loc, cal); ok && at.After(t) {
			return at.UTC()
		}
		day = day.AddDays(1)
	}
	return time.Time{} // unreachable for a parsed spec
}
