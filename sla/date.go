package sla

import (
	"cmp"
	"fmt"
	"time"
)

// Date is a calendar day with no time of day and no location.
// Year 0 means "every year"; only Holiday uses that form.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// String formats d as 2006-01-02, or 01-02 for an every-year date,
// which is also the form ParseHolidays reads back.
func (d Date) String() string {
	if d.Year == 0 {
		return fmt.Sprintf("%02d-%02d", int(d.Month), d.Day)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// AddDays returns the day n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date {
	// time.Date normalises day overflow across months and years for us.
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC))
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Weekday()
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp.Compare(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp.Compare(d.Month, e.Month)
	default:
		return cmp.Compare(d.Day, e.Day)
	}
}

// at returns the instant off after local midnight of d on the wall clock:
// building the time from fields (not midnight+off) keeps 9:00 meaning 9:00
// even on a day when the location changes its UTC offset.
func (d Date) at(off time.Duration, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, int(off), loc)
}

// valid reports whether d names a real day; an every-year date is checked
// against a leap year so that 02-29 is allowed.
func (d Date) valid() bool {
	y := d.Year
	if y == 0 {
		y = 2000
	}
	if y < 1 || y > 9999 || d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	return d.Day <= time.Date(y, d.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dayNum returns d as a count of days since 1970-01-01, so that spans of
// days are integer ranges.
func dayNum(d Date) int {
	// Midnight UTC is a whole number of days, so the division is exact.
	return int(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// dateOfNum is the inverse of dayNum.
func dateOfNum(n int) Date {
	return DateOf(time.Unix(int64(n)*86400, 0).UTC())
}

// weekdayOfNum returns the day of the week of day number n; 1970-01-01
// was a Thursday.
func weekdayOfNum(n int) time.Weekday {
	return time.Weekday(((n+4)%7 + 7) % 7)
}
