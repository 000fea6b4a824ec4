package sla

import "time"

// HorizonDays bounds how far Add and Between look: about ten years.
// It keeps both finite on a calendar with no business time (all
// weekdays off, or a company holiday spanning decades) and on absurd
// inputs, and it is far beyond any service-level target.
const HorizonDays = 3653

// Never is what Add returns when the target lies beyond the horizon.
// It is later than any real deadline, so comparisons with it behave:
// now.After(Never) is false and an open ticket is not breached.
var Never = time.Date(9999, time.December, 31, 23, 59, 59, 0, time.UTC)

// Add returns the earliest instant at which d of business time has
// elapsed after start, in the calendar's location. Business time before
// the next opening does not count, so 4h from a Saturday ticket is 13:00
// on Monday; an exact fit returns the closing time (18:00), not the next
// morning. A d <= 0 returns start unchanged. If the instant lies more
// than HorizonDays calendar days after start's date, Add returns Never.
//
// Between(start, Add(start, d)) == d whenever the result is not Never.
func (c *Calendar) Add(start time.Time, d time.Duration) time.Time {
	if d <= 0 {
		return start
	}
	loc := c.location()
	start = start.In(loc)
	day := DateOf(start)
	for range HorizonDays {
		if c.IsBusinessDay(day) {
			for seg := range c.segments {
				from, to := day.at(seg.Start, loc), day.at(seg.End, loc)
				if from.Before(start) {
					from = start
				}
				if avail := to.Sub(from); avail > 0 {
					if d <= avail {
						return from.Add(d)
					}
					d -= avail
				}
			}
		}
		day = day.AddDays(1) // whole days at a time: nights and weekends cost one step
	}
	return Never
}

// Between returns the business time in [a, b), or 0 when b is not after
// a. Like Add it looks at most HorizonDays calendar days past a's date,
// which keeps it bounded on any input and consistent with Add.
//
// It is called for every row of the work board, so long spans must be
// cheap: the first and last day are clipped to [a, b) one by one, and
// the whole days between are counted (see wholeDays) rather than walked.
func (c *Calendar) Between(a, b time.Time) time.Duration {
	if !b.After(a) {
		return 0
	}
	loc := c.location()
	a = a.In(loc)
	day := DateOf(a)
	if limit := day.AddDays(HorizonDays).at(0, loc); b.After(limit) {
		b = limit
	}
	if !c.countable() {
		return c.walk(day, a, b, loc)
	}
	first := dayNum(day)
	end := c.endDay(first, b, loc)
	if end-first <= walkDays {
		return c.walk(day, a, b, loc)
	}
	total := c.dayTime(day, a, b, loc) + c.dayTime(dateOfNum(end-1), a, b, loc)
	return total + c.wholeDays(first+1, end-1, a, b, loc)
}

// walkDays is the span, in calendar days, up to which Between walks day
// by day: below it counting costs more than it saves.
const walkDays = 14

// walk adds up dayTime from day until the first day that starts at or
// after b.
func (c *Calendar) walk(day Date, a, b time.Time, loc *time.Location) time.Duration {
	var total time.Duration
	for ; day.at(0, loc).Before(b); day = day.AddDays(1) {
		total += c.dayTime(day, a, b, loc)
	}
	return total
}

// dayTime returns the business time of day that lies in [a, b).
func (c *Calendar) dayTime(day Date, a, b time.Time, loc *time.Location) time.Duration {
	if !c.IsBusinessDay(day) {
		return 0
	}
	var total time.Duration
	for seg := range c.segments {
		from, to := day.at(seg.Start, loc), day.at(seg.End, loc)
		if from.Before(a) {
			from = a
		}
		if to.After(b) {
			to = b
		}
		if to.After(from) {
			total += to.Sub(from)
		}
	}
	return total
}
