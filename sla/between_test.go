package sla

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// BenchmarkBetween measures the risk badge's cost per row: an item open
// for an hour, a year or a decade (the horizon).
func BenchmarkBetween(b *testing.B) {
	c := DefaultCalendar()
	start := mustTime(b, "2016-04-28 17:00")
	for _, tt := range []struct {
		name string
		end  time.Time
	}{
		{"short", start.Add(20 * time.Hour)},
		{"1y", start.AddDate(1, 0, 0)},
		{"10y", start.AddDate(10, 0, 0)},
	} {
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				c.Between(start, tt.end)
			}
		})
	}
}

// betweenByDays is Between as it was before it counted whole days
// arithmetically: one calendar day at a time. It is the reference that
// TestBetweenMatchesDayWalk holds the fast version to.
func (c *Calendar) betweenByDays(a, b time.Time) time.Duration {
	if !b.After(a) {
		return 0
	}
	loc := c.location()
	a = a.In(loc)
	day := DateOf(a)
	if limit := day.AddDays(HorizonDays).at(0, loc); b.After(limit) {
		b = limit
	}
	var total time.Duration
	for ; day.at(0, loc).Before(b); day = day.AddDays(1) {
		if !c.IsBusinessDay(day) {
			continue
		}
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
	}
	return total
}

// randomCalendar returns a calendar with random weekdays, hours, breaks,
// zone and company holidays: dated ranges, annual days, ranges wrapping
// over New Year, 02-29, and now and then an invalid entry.
func randomCalendar(tb testing.TB, rng *rand.Rand) *Calendar {
	tb.Helper()
	zones := []string{"Asia/Tokyo", "America/New_York", "America/Santiago", "Australia/Lord_Howe", "Europe/London", "UTC"}
	loc, err := time.LoadLocation(zones[rng.IntN(len(zones))])
	if err != nil {
		tb.Fatal(err)
	}
	c := &Calendar{Loc: loc, NoPublicHolidays: rng.IntN(4) == 0}
	for wd := range c.Workdays {
		c.Workdays[wd] = rng.IntN(3) > 0
	}
	switch rng.IntN(4) {
	case 0: // round the clock: midnight and DST switches fall inside hours
		c.Open, c.Close = 0, 24*time.Hour
	case 1:
		c.Open, c.Close = time.Hour, 3*time.Hour
	default:
		c.Open = time.Duration(rng.IntN(12*60)) * time.Minute
		c.Close = c.Open + time.Duration(1+rng.IntN(12*60))*time.Minute
	}
	if rng.IntN(2) == 0 {
		mid := (c.Open + c.Close) / 2
		c.Breaks = []Span{{mid, mid + time.Duration(rng.IntN(90))*time.Minute}}
	}
	if rng.IntN(10) == 0 {
		c.Open, c.Close = -time.Hour, 25*time.Hour // invalid, but Between must not change on it either
	}
	md := func() Date { return Date{Month: time.Month(1 + rng.IntN(12)), Day: 1 + rng.IntN(28)} }
	for range rng.IntN(6) {
		var h Holiday
		switch rng.IntN(6) {
		case 0, 1:
			from := Date{2000 + rng.IntN(41), time.Month(1 + rng.IntN(12)), 1 + rng.IntN(28)}
			h = Holiday{From: from, To: from.AddDays(rng.IntN(40))}
		case 2:
			h = Holiday{From: md(), To: md()} // wraps over New Year when To < From
		case 3:
			d := md()
			h = Holiday{From: d, To: d}
		case 4:
			h = Holiday{From: Date{Month: time.February, Day: 29}, To: Date{Month: time.February, Day: 29}}
			if rng.IntN(2) == 0 {
				h.To = Date{Month: time.March, Day: 2}
			}
		case 5:
			h = Holiday{From: Date{2026, time.February, 30}, To: Date{2026, time.March, 31}} // invalid
		}
		h.Name = "社休"
		c.Company = append(c.Company, h)
	}
	return c
}

// TestBetweenMatchesDayWalk compares Between with the day walk on random
// calendars and random spans from a minute to past the horizon, starting
// anywhere in 2000–2040.
func TestBetweenMatchesDayWalk(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 12))
	n := 4000
	if testing.Short() {
		n = 400
	}
	defaults := DefaultCalendar()
	base := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		c := defaults
		if i%4 != 0 {
			c = randomCalendar(t, rng)
		}
		a := base.Add(time.Duration(rng.Int64N(int64(41 * 365 * 24 * time.Hour))))
		// Log-uniform spans: as many short ones as decades.
		span := time.Duration(float64(time.Minute) * math.Exp(rng.Float64()*math.Log(float64(12*365*24*60))))
		b := a.Add(span)
		if rng.IntN(20) == 0 {
			b = a.Add(-span)
		}
		if got, want := c.Between(a, b), c.betweenByDays(a, b); got != want {
			t.Fatalf("case %d: Between(%v, %v) = %v, want %v\ncalendar %+v", i, a, b, got, want, c)
		}
	}
}
