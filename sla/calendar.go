// Package sla does business-hours arithmetic for service-level targets:
// it knows Japanese public holidays, company holidays and office hours,
// and turns "4 business hours after the ticket arrived" into an instant
// and back.
package sla

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

// Calendar describes when the helpdesk is working. Its methods only read
// it, so one Calendar may be shared by goroutines as long as nobody
// changes its fields meanwhile.
type Calendar struct {
	Loc         *time.Location // nil means Asia/Tokyo
	Workdays    [7]bool        // indexed by time.Weekday
	Open, Close time.Duration  // office hours as offsets from local midnight
	Breaks      []Span         // unpaid gaps inside office hours, such as lunch; sorted
	Company     []Holiday      // company days off on top of the public holidays
	// NoPublicHolidays makes public holidays ordinary days, for a desk
	// that works them (or a calendar for another country).
	NoPublicHolidays bool
}

// Span is a part of a day, as offsets from local midnight; End is exclusive.
type Span struct{ Start, End time.Duration }

// DefaultCalendar returns Monday to Friday, 9:00–18:00 in Asia/Tokyo,
// closed on Japanese public holidays and for 年末年始 (12/29–1/3).
// It has no lunch break: a one-person desk usually answers through lunch.
func DefaultCalendar() *Calendar {
	c := &Calendar{
		Loc:   tokyo(),
		Open:  9 * time.Hour,
		Close: 18 * time.Hour,
		Company: []Holiday{{
			From: Date{Month: time.December, Day: 29},
			To:   Date{Month: time.January, Day: 3},
			Name: "年末年始",
		}},
	}
	for wd := time.Monday; wd <= time.Friday; wd++ {
		c.Workdays[wd] = true
	}
	return c
}

// tokyo loads Asia/Tokyo once. A host without tzdata (a bare Windows or
// scratch container) gets a fixed +09:00 zone, which is exact: Japan has
// not used daylight saving time since 1951.
var tokyo = sync.OnceValue(func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Tokyo"); err == nil {
		return loc
	}
	return time.FixedZone("JST", 9*60*60)
})

func (c *Calendar) location() *time.Location {
	if c.Loc == nil {
		return tokyo()
	}
	return c.Loc
}

// Validate reports a calendar that has no business time at all or whose
// hours, breaks or company holidays cannot be right. Add and Between stay
// safe on an invalid calendar, but their answers are not meaningful.
func (c *Calendar) Validate() error {
	if c.Workdays == [7]bool{} {
		return errors.New("sla: calendar has no working weekdays")
	}
	if c.Open < 0 || c.Close > 24*time.Hour || c.Close <= c.Open {
		return fmt.Errorf("sla: office hours %v–%v must satisfy 0 <= open < close <= 24h", c.Open, c.Close)
	}
	prev := c.Open
	for i, b := range c.Breaks {
		if b.Start < prev || b.End <= b.Start || b.End > c.Close {
			return fmt.Errorf("sla: break %d (%v–%v) must lie within office hours, after the previous break", i+1, b.Start, b.End)
		}
		prev = b.End
	}
	if c.dayLength() <= 0 {
		return errors.New("sla: breaks leave no business time in the day")
	}
	for _, h := range c.Company {
		if err := h.Validate(); err != nil {
			return fmt.Errorf("sla: company holiday %q: %w", h.Name, err)
		}
	}
	return nil
}

// IsBusinessDay reports whether d is a working weekday and no holiday.
func (c *Calendar) IsBusinessDay(d Date) bool {
	if !c.Workdays[d.Weekday()] {
		return false
	}
	_, holiday := c.HolidayName(d)
	return !holiday
}

// HolidayName returns the name of the holiday on d. A public holiday wins
// over a company one, since 元日 says more than 年末年始.
func (c *Calendar) HolidayName(d Date) (string, bool) {
	if !c.NoPublicHolidays {
		if name, ok := publicHoliday(d); ok {
			return name, true
		}
	}
	for _, h := range c.Company {
		if h.Contains(d) {
			return h.Name, true
		}
	}
	return "", false
}

// segments yields the working parts of a business day: office hours minus
// breaks, in order. It clamps rather than trusts the breaks, so even an
// invalid calendar yields ordered, non-overlapping spans.
func (c *Calendar) segments(yield func(Span) bool) {
	cur := c.Open
	for _, b := range c.Breaks {
		if end := min(b.Start, c.Close); end > cur {
			if !yield(Span{cur, end}) {
				return
			}
		}
		cur = max(cur, b.End)
	}
	if c.Close > cur {
		yield(Span{cur, c.Close})
	}
}

func (c *Calendar) dayLength() time.Duration {
	var total time.Duration
	for s := range c.segments {
		total += s.End - s.Start
	}
	return total
}
