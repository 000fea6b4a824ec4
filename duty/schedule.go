// Package duty is the recurring duties' service: it turns each duty's
// schedule into dates on the Japanese business calendar (sla), opens a
// task on the work board for each occurrence ahead of time (a daily job),
// records completions with their checklist and evidence, and exports the
// history as audit evidence.
package duty

import (
	"time"

	"hitori"
	"hitori/sla"
)

// Date is one occurrence of a schedule: the day it names and the day it
// falls due after the holiday rule.
type Date struct {
	Nominal sla.Date
	Due     sla.Date
}

// maxShift bounds the walk to the next or previous business day: longer
// runs of days off (a month-long company closure) keep the nominal day
// rather than loop.
const maxShift = 31

// Dates returns the occurrences of s whose due dates fall within
// [from, to], in due-date order. Business days come from cal.
func Dates(s hitori.DutySchedule, cal *sla.Calendar, from, to sla.Date) []Date {
	var out []Date
	// A holiday rule moves a day by at most maxShift: look that far beyond
	// both ends for nominal days whose due date lands inside.
	for d := from.AddDays(-maxShift); d.Compare(to.AddDays(maxShift)) <= 0; d = d.AddDays(1) {
		if !nominal(s, cal, d) {
			continue
		}
		due, ok := shift(d, s.Rule(), cal)
		if ok && due.Compare(from) >= 0 && due.Compare(to) <= 0 {
			out = append(out, Date{Nominal: d, Due: due})
		}
	}
	// Moving days keeps their order (a day moves at most to its neighbour
	// business day), so out is already sorted by due date.
	return out
}

// nominal tells whether the schedule names day d.
func nominal(s hitori.DutySchedule, cal *sla.Calendar, d sla.Date) bool {
	switch s.Freq {
	case hitori.DutyDaily:
		return !s.BusinessDaysOnly || cal.IsBusinessDay(d)
	case hitori.DutyWeekly:
		return d.Weekday() == s.Weekday
	case hitori.DutyMonthly:
		switch s.Monthly {
		case hitori.MonthlyDay:
			return d.Day == min(s.Day, lastDay(d))
		case hitori.MonthlyNthWeekday:
			if d.Weekday() != s.Weekday {
				return false
			}
			if s.Nth < 0 {
				return d.Day+7 > lastDay(d)
			}
			return (d.Day-1)/7+1 == s.Nth
		case hitori.MonthlyLastBusinessDay:
			if !cal.IsBusinessDay(d) {
				return false
			}
			for e := d.AddDays(1); e.Month == d.Month; e = e.AddDays(1) {
				if cal.IsBusinessDay(e) {
					return false
				}
			}
			return true
		}
	case hitori.DutyYearly:
		return d.Month == s.Month && d.Day == min(s.Day, lastDay(d))
	}
	return false
}

// shift applies the holiday rule to a nominal day; false: no occurrence.
func shift(d sla.Date, rule hitori.HolidayRule, cal *sla.Calendar) (sla.Date, bool) {
	if rule == hitori.HolidayKeep || cal.IsBusinessDay(d) {
		return d, true
	}
	step := 0
	switch rule {
	case hitori.HolidayNext:
		step = 1
	case hitori.HolidayPrevious:
		step = -1
	default: // skip
		return sla.Date{}, false
	}
	for e, i := d.AddDays(step), 0; i < maxShift; e, i = e.AddDays(step), i+1 {
		if cal.IsBusinessDay(e) {
			return e, true
		}
	}
	return d, true
}

// lastDay is the number of days in d's month.
func lastDay(d sla.Date) int {
	return time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// slaDate and hitoriDate convert between the two packages' date types.
func slaDate(d hitori.Date) (sla.Date, bool) {
	t, ok := d.Time(time.UTC)
	if !ok {
		return sla.Date{}, false
	}
	return sla.DateOf(t), true
}

func hitoriDate(d sla.Date) hitori.Date { return hitori.Date(d.String()) }
