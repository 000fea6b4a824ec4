package sla

import "sync"

// Holiday is a named day or inclusive range of days off. When both ends
// have Year 0 it recurs every year, and To may fall before From to wrap
// over New Year (12-29..01-03 is 年末年始).
type Holiday struct {
	From, To Date
	Name     string
}

// Annual reports whether h recurs every year.
func (h Holiday) Annual() bool { return h.From.Year == 0 && h.To.Year == 0 }

// Contains reports whether day d falls within h.
func (h Holiday) Contains(d Date) bool {
	if !h.Annual() {
		return h.From.Compare(d) <= 0 && d.Compare(h.To) <= 0
	}
	md := Date{Month: d.Month, Day: d.Day}
	from, to := h.From, h.To
	if from.Compare(to) <= 0 {
		return from.Compare(md) <= 0 && md.Compare(to) <= 0
	}
	return from.Compare(md) <= 0 || md.Compare(to) <= 0 // wraps over 12-31
}

// Validate reports a holiday that could never match or that mixes a
// dated end with an every-year end.
func (h Holiday) Validate() error {
	if e := h.problem(); e != nil {
		return e
	}
	return nil
}

// problem is Validate's answer as a *HolidayError (nil when none; Validate
// keeps the nil interface apart from a nil pointer).
func (h Holiday) problem() *HolidayError {
	switch {
	case (h.From.Year == 0) != (h.To.Year == 0):
		return problem(KeyMixedYears)
	case !h.From.valid():
		return problem(KeyNotRealDate, h.From.String())
	case !h.To.valid():
		return problem(KeyNotRealDate, h.To.String())
	case !h.Annual() && h.To.Compare(h.From) < 0:
		return problem(KeyReversedRange, h.To.String(), h.From.String())
	}
	return nil
}

// publicYears memoises JapaneseHolidays per year as an immutable
// *publicYear. It is package-level on purpose: the value is a pure
// function of the year, so sharing it between calendars is safe and saves
// rebuilding it. Only years the rules cover are stored, so it holds at
// most 100 entries.
var publicYears sync.Map // int -> *publicYear

// publicYear is one year's public holidays, by date for IsBusinessDay and
// as sorted day numbers for counting them in a span.
type publicYear struct {
	names map[Date]string
	days  []int
}

// publicHolidays returns the public holidays of year, or nil outside the
// years the rules cover.
func publicHolidays(year int) *publicYear {
	if year < firstRuleYear || year > lastRuleYear {
		return nil
	}
	v, ok := publicYears.Load(year)
	if !ok {
		p := &publicYear{names: make(map[Date]string)}
		for _, h := range JapaneseHolidays(year) { // in date order
			p.names[h.From] = h.Name
			p.days = append(p.days, dayNum(h.From))
		}
		// Two goroutines may build the same year; LoadOrStore keeps one.
		v, _ = publicYears.LoadOrStore(year, p)
	}
	return v.(*publicYear)
}

// publicHoliday returns the name of the Japanese public holiday on d.
func publicHoliday(d Date) (string, bool) {
	p := publicHolidays(d.Year)
	if p == nil {
		return "", false
	}
	name, ok := p.names[d]
	return name, ok
}
