package sla

import (
	"slices"
	"sort"
	"time"
)

// countable reports whether Between may count whole days: office hours
// lie within the day, so a day strictly between a's and b's contributes
// all of its hours, and every company holiday is valid, so it converts to
// a range of day numbers that Contains agrees with. Other calendars are
// walked, which is slow but gives the same answer.
func (c *Calendar) countable() bool {
	if c.Open < 0 || c.Close > 24*time.Hour {
		return false
	}
	for _, h := range c.Company {
		if h.problem() != nil {
			return false
		}
	}
	return true
}

// endDay returns the first day, from first on, that starts at or after b:
// where the day walk would stop. Local midnights only grow from day to
// day, so it can start from b's date and step to the exact day.
func (c *Calendar) endDay(first int, b time.Time, loc *time.Location) int {
	n := max(first, dayNum(DateOf(b.In(loc))))
	for dateOfNum(n).at(0, loc).Before(b) {
		n++
	}
	for n > first && !dateOfNum(n-1).at(0, loc).Before(b) {
		n--
	}
	return n
}

// zoneMargin keeps counted days away from UTC offset changes: a day whose
// midnight lies this far inside one zone period has every office-hour wall
// time at the period's offset (offsets differ by at most about a day), so
// its business time is exactly dayLength.
const zoneMargin = 72 * time.Hour

// wholeDays returns the business time of days [s, e), all of which lie
// strictly between a's day and b's. Days near a change of UTC offset
// (DST) are walked; the stretches between are counted.
func (c *Calendar) wholeDays(s, e int, a, b time.Time, loc *time.Location) time.Duration {
	var total time.Duration
	length := c.dayLength()
	for s < e {
		day := dateOfNum(s)
		t := day.at(0, loc)
		zs, ze := t.ZoneBounds()
		if (!zs.IsZero() && t.Sub(zs) < zoneMargin) || (!ze.IsZero() && ze.Sub(t) < zoneMargin+24*time.Hour) {
			total += c.dayTime(day, a, b, loc)
			s++
			continue
		}
		stop := e
		if !ze.IsZero() {
			// The last safe day: its midnight is at most ze-margin-24h.
			stop = min(e, dayNum(DateOf(ze.Add(-zoneMargin-24*time.Hour)))+1)
		}
		total += time.Duration(c.businessDays(s, stop)) * length
		s = stop
	}
	return total
}

// businessDays counts the business days in day numbers [s, e): working
// weekdays, less the company holidays on them, less the public holidays
// on them that no company holiday already took.
func (c *Calendar) businessDays(s, e int) int {
	n := c.workdays(s, e)
	if n == 0 {
		return 0
	}
	company := mergeSpans(c.companySpans(s, e))
	for _, h := range company {
		n -= c.workdays(h.lo, h.hi)
	}
	if c.NoPublicHolidays {
		return n
	}
	for y := dateOfNum(s).Year; y <= dateOfNum(e-1).Year; y++ {
		p := publicHolidays(y)
		if p == nil {
			continue
		}
		for i := sort.SearchInts(p.days, s); i < len(p.days) && p.days[i] < e; i++ {
			if d := p.days[i]; c.Workdays[weekdayOfNum(d)] && !covers(company, d) {
				n--
			}
		}
	}
	return n
}

// covers reports whether day d lies in one of the sorted, disjoint spans.
func covers(spans []daySpan, d int) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].hi > d })
	return i < len(spans) && spans[i].lo <= d
}

// workdays counts the days in [s, e) that fall on working weekdays:
// seven at a time, then the rest.
func (c *Calendar) workdays(s, e int) int {
	if e <= s {
		return 0
	}
	perWeek := 0
	for _, w := range c.Workdays {
		if w {
			perWeek++
		}
	}
	weeks := (e - s) / 7
	n := weeks * perWeek
	for d := s + weeks*7; d < e; d++ {
		if c.Workdays[weekdayOfNum(d)] {
			n++
		}
	}
	return n
}

// daySpan is a half-open range of day numbers.
type daySpan struct{ lo, hi int }

// companySpans returns the company holidays in [s, e), clipped to it,
// possibly overlapping and unsorted.
func (c *Calendar) companySpans(s, e int) []daySpan {
	var out []daySpan
	add := func(lo, hi int) {
		if lo, hi = max(lo, s), min(hi, e); lo < hi {
			out = append(out, daySpan{lo, hi})
		}
	}
	y0, y1 := dateOfNum(s).Year, dateOfNum(e-1).Year
	for _, h := range c.Company {
		if !h.Annual() {
			add(dayNum(h.From), dayNum(h.To)+1)
			continue
		}
		for y := y0; y <= y1; y++ {
			// 02-29 in a common year: From normalises to 03-01, the first
			// day Contains accepts; annualEnd stops To at 02-28.
			from, to := dayNum(Date{y, h.From.Month, h.From.Day}), annualEnd(y, h.To)
			if h.From.Compare(h.To) <= 0 {
				add(from, to)
			} else { // wraps over New Year
				add(dayNum(Date{y, time.January, 1}), to)
				add(from, dayNum(Date{y + 1, time.January, 1}))
			}
		}
	}
	return out
}

// annualEnd returns the day number after the every-year date md in year y.
func annualEnd(y int, md Date) int {
	if d := (Date{y, md.Month, md.Day}); d.valid() {
		return dayNum(d) + 1
	}
	return dayNum(Date{y, md.Month + 1, 1}) // 02-29 in a common year
}

// mergeSpans sorts spans and joins those that overlap or touch, so that
// no day is counted twice.
func mergeSpans(spans []daySpan) []daySpan {
	slices.SortFunc(spans, func(x, y daySpan) int { return x.lo - y.lo })
	out := spans[:0]
	for _, sp := range spans {
		if n := len(out); n > 0 && sp.lo <= out[n-1].hi {
			out[n-1].hi = max(out[n-1].hi, sp.hi)
			continue
		}
		out = append(out, sp)
	}
	return out
}
