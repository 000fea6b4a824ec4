package markdown

import (
	"fmt"
	"time"
)

// Date is a calendar day without a time zone. A review date is "the 1st of
// April in the office", not an instant, so time.Time would invite off-by-one
// bugs when the server runs in UTC and the office in JST.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads the strict form YYYY-MM-DD and rejects impossible days
// such as 2026-02-30.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("markdown: date %q: want YYYY-MM-DD", s)
	}
	y, ok1 := atoiDigits(s[0:4])
	m, ok2 := atoiDigits(s[5:7])
	d, ok3 := atoiDigits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("markdown: date %q: want YYYY-MM-DD", s)
	}
	date := Date{Year: y, Month: time.Month(m), Day: d}
	if !date.valid() {
		return Date{}, fmt.Errorf("markdown: date %q: no such day", s)
	}
	return date, nil
}

// atoiDigits accepts only ASCII digits; strconv.Atoi would allow a sign.
func atoiDigits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// valid reports whether d names a real day between years 1 and 9999.
func (d Date) valid() bool {
	if d.Year < 1 || d.Year > 9999 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	return t.Day() == d.Day && t.Month() == d.Month
}

// String formats d as YYYY-MM-DD, or "" when d is zero.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Time returns the start of d in loc, for comparing with a clock reading.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}
