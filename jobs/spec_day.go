package jobs

import (
	"time"

	"hitori/sla"
)

// runOn tells whether the spec runs on day d, and when.
func (s Spec) runOn(d sla.Date, loc *time.Location, cal *sla.Calendar) (time.Time, bool) {
	// Building the instant from fields keeps 09:00 meaning 09:00 on the wall
	// clock on a day the location changes its offset.
	at := time.Date(d.Year, d.Month, d.Day, int(s.Clock/time.Hour), int(s.Clock%time.Hour/time.Minute), 0, 0, loc)
	switch s.Unit {
	case "daily":
		return at, !s.Business || cal.IsBusinessDay(d)
	case "weekly":
		return at, s.nominal(d, cal, func(e sla.Date) bool { return e.Weekday() == s.Weekday })
	case "monthly":
		return at, s.nominal(d, cal, func(e sla.Date) bool { return e.Day == monthDay(e, s.Day) })
	}
	return time.Time{}, false
}

// nominal tells whether d is the run day, given which days are nominal: the
// nominal day itself, or with Business the first business day on or after it.
func (s Spec) nominal(d sla.Date, cal *sla.Calendar, isNominal func(sla.Date) bool) bool {
	if !s.Business {
		return isNominal(d)
	}
	if !cal.IsBusinessDay(d) {
		return false
	}
	// Walk back over the non-business days before d: if one of them, or d,
	// is nominal, d is the first business day on or after it.
	for e, i := d, 0; i < 60; e, i = e.AddDays(-1), i+1 {
		if e != d && cal.IsBusinessDay(e) {
			return false
		}
		if isNominal(e) {
			return true
		}
	}
	return false
}

// monthDay is day n of d's month, or the month's last day when it is shorter.
func monthDay(d sla.Date, n int) int {
	last := time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return min(n, last)
}
