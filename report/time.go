package report

import (
	"context"
	"sort"
	"time"

	"hitori"
)

// Minutes is a share of the time: a key and the minutes logged under it.
type Minutes struct {
	Key     string
	Minutes int
}

// DayInterruptions is one day's interruptions: how many came in, and the
// minutes logged on interruptions that day.
type DayInterruptions struct {
	Day     hitori.Date
	Count   int
	Minutes int
}

// TimeFigures is where the admin's time went in a span.
type TimeFigures struct {
	Span         Span
	TotalMinutes int
	ByCategory   []Minutes // most first; "" is uncategorised
	ByKind       []Minutes // most first; kinds with no time left out
	ByDepartment []Minutes // most first; "" is unknown
	ByQuadrant   [5]int    // minutes per quadrant 1–4 (index 0 unused)
	PerWeek      []Minutes // Monday's date, in order, every week of the span
	PerMonth     []Minutes // "YYYY-MM", in order, every month of the span
	PerDay       []Minutes // every day of the span
	Interruption []DayInterruptions
	// Previous is the same figures' total for the span before (the trend).
	PreviousMinutes int
	PreviousSpan    Span
}

// UrgentShare is the percentage of the time spent on urgent items
// (quadrants 1 and 3), and ImportantShare on important ones (1 and 2).
func (f *TimeFigures) UrgentShare() float64 {
	return percent(f.ByQuadrant[1]+f.ByQuadrant[3], f.TotalMinutes)
}

// ImportantShare is the percentage of the time spent on important items.
func (f *TimeFigures) ImportantShare() float64 {
	return percent(f.ByQuadrant[1]+f.ByQuadrant[2], f.TotalMinutes)
}

// InterruptionMinutes sums the interruptions' minutes over the span.
func (f *TimeFigures) InterruptionMinutes() (count, minutes int) {
	for _, d := range f.Interruption {
		count += d.Count
		minutes += d.Minutes
	}
	return count, minutes
}

func percent(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) * 100 / float64(whole)
}

// Time sums every minute logged on items in span, exactly, by the keys
// the workload page and the time API show.
func (s *Service) Time(ctx context.Context, span Span) (*TimeFigures, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	from, to := span.Bounds(s.Location)
	entries, err := s.Store.TimeEntries(ctx, from, to)
	if err != nil {
		return nil, err
	}
	f := &TimeFigures{Span: span, PreviousSpan: span.Previous()}
	cat, kind, dept := map[string]int{}, map[string]int{}, map[string]int{}
	week, month, day := map[string]int{}, map[string]int{}, map[string]int{}
	interMin := map[hitori.Date]int{}
	for _, e := range entries {
		f.TotalMinutes += e.Minutes
		cat[e.Category] += e.Minutes
		kind[string(e.Kind)] += e.Minutes
		dept[e.Department] += e.Minutes
		if e.Quadrant.Valid() {
			f.ByQuadrant[e.Quadrant] += e.Minutes
		}
		week[string(weekOf(e.At, s.Location))] += e.Minutes
		month[monthOf(e.At, s.Location)] += e.Minutes
		day[string(dayOf(e.At, s.Location))] += e.Minutes
		if e.Kind == hitori.KindInterruption {
			interMin[dayOf(e.At, s.Location)] += e.Minutes
		}
	}
	f.ByCategory, f.ByKind, f.ByDepartment = mostFirst(cat), mostFirst(kind), mostFirst(dept)
	f.PerWeek, f.PerMonth, f.PerDay = s.series(span, week, weekOf), s.series(span, month, nil), s.series(span, day, dayStep)
	if f.Interruption, err = s.interruptions(ctx, span, interMin); err != nil {
		return nil, err
	}
	pf, pt := f.PreviousSpan.Bounds(s.Location)
	prev, err := s.Store.TimeEntries(ctx, pf, pt)
	if err != nil {
		return nil, err
	}
	for _, e := range prev {
		f.PreviousMinutes += e.Minutes
	}
	return f, nil
}

// dayStep keys a day by itself (series' day buckets).
func dayStep(t time.Time, loc *time.Location) hitori.Date { return dayOf(t, loc) }

// series lists every bucket of span in order, zeros included, so charts
// show quiet weeks too: bucket keys a day by week (or day); nil keys by month.
func (s *Service) series(span Span, sums map[string]int, bucket func(time.Time, *time.Location) hitori.Date) []Minutes {
	from, to := span.Bounds(s.Location)
	var out []Minutes
	seen := map[string]bool{}
	for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
		k := monthOf(d, s.Location)
		if bucket != nil {
			k = string(bucket(d, s.Location))
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, Minutes{k, sums[k]})
		}
	}
	return out
}

// interruptions counts the interruptions opened each day of span, with
// the minutes logged on interruptions that day.
func (s *Service) interruptions(ctx context.Context, span Span, minutes map[hitori.Date]int) ([]DayInterruptions, error) {
	from, to := span.Bounds(s.Location)
	facts, err := s.Store.ItemFacts(ctx, from, to)
	if err != nil {
		return nil, err
	}
	count := map[hitori.Date]int{}
	for _, it := range facts {
		if it.Kind == hitori.KindInterruption && !it.CreatedAt.Before(from) && it.CreatedAt.Before(to) {
			count[dayOf(it.CreatedAt, s.Location)]++
		}
	}
	var out []DayInterruptions
	for d := from; d.Before(to); d = d.AddDate(0, 0, 1) {
		k := dayOf(d, s.Location)
		out = append(out, DayInterruptions{Day: k, Count: count[k], Minutes: minutes[k]})
	}
	return out, nil
}

// mostFirst sorts sums by minutes, most first, then by key.
func mostFirst(m map[string]int) []Minutes {
	out := make([]Minutes, 0, len(m))
	for k, v := range m {
		out = append(out, Minutes{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Minutes != out[j].Minutes {
			return out[i].Minutes > out[j].Minutes
		}
		return out[i].Key < out[j].Key
	})
	return out
}
