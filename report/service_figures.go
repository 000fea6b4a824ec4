package report

import (
	"context"
	"math"
	"sort"
	"time"

	"hitori"
)

// Durations summarises how long something took against its target.
type Durations struct {
	Count  int           // items measured
	Median time.Duration // nearest-rank 50th percentile
	P90    time.Duration // nearest-rank 90th percentile
	Met    int           // of Count, done by their target
	Target int           // of Count, that had a target
}

// MetShare is the percentage of targeted items done in time.
func (d Durations) MetShare() float64 { return percent(d.Met, d.Target) }

// AgeBucket is a band of the backlog's age.
type AgeBucket struct {
	Key   string // "lt1d", "1to7d", "7to30d", "gt30d"
	Count int
}

// Availability is one monitor's share of successful checks in a span.
type Availability struct {
	MonitorID int64
	Name      string
	Checks    int
	Percent   float64 // -1 when no checks were summarised
}

// ServiceFigures is how the department served colleagues in a span.
type ServiceFigures struct {
	Span             Span
	Opened, Resolved int
	PrevOpened       int
	PrevResolved     int
	FirstResponse    Durations // tickets opened in the span that were answered
	Resolution       Durations // tickets resolved in the span
	Backlog          int       // open items now
	BacklogAges      []AgeBucket
	BacklogMedian    time.Duration
	Deflections      int
	DeflectedMinutes int // Deflections × the minutes one inquiry costs
	Availability     []Availability
}

// Service computes the service figures of span.
func (s *Service) Service(ctx context.Context, span Span) (*ServiceFigures, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	st, err := s.LoadSettings(ctx)
	if err != nil {
		return nil, err
	}
	from, to := span.Bounds(s.Location)
	f := &ServiceFigures{Span: span}
	facts, err := s.Store.ItemFacts(ctx, from, to)
	if err != nil {
		return nil, err
	}
	var first, res []time.Duration
	for _, it := range facts {
		opened := !it.CreatedAt.Before(from) && it.CreatedAt.Before(to)
		resolved := it.ResolvedAt != nil && !it.ResolvedAt.Before(from) && it.ResolvedAt.Before(to)
		if opened {
			f.Opened++
		}
		if resolved {
			f.Resolved++
		}
		if it.Type != hitori.TypeTicket {
			continue
		}
		if opened && it.FirstRespondedAt != nil {
			first = append(first, it.FirstRespondedAt.Sub(it.CreatedAt))
			countTarget(&f.FirstResponse, it.FirstResponseDue, *it.FirstRespondedAt)
		}
		if resolved {
			res = append(res, it.ResolvedAt.Sub(it.CreatedAt))
			countTarget(&f.Resolution, it.ResolutionDue, *it.ResolvedAt)
		}
	}
	fillDurations(&f.FirstResponse, first)
	fillDurations(&f.Resolution, res)
	pf, pt := span.Previous().Bounds(s.Location)
	prev, err := s.Store.ItemFacts(ctx, pf, pt)
	if err != nil {
		return nil, err
	}
	for _, it := range prev {
		if !it.CreatedAt.Before(pf) && it.CreatedAt.Before(pt) {
			f.PrevOpened++
		}
		if it.ResolvedAt != nil && !it.ResolvedAt.Before(pf) && it.ResolvedAt.Before(pt) {
			f.PrevResolved++
		}
	}
	if err := s.backlog(ctx, f); err != nil {
		return nil, err
	}
	if f.Deflections, err = s.Store.Deflections(ctx, from, to); err != nil {
		return nil, err
	}
	f.DeflectedMinutes = f.Deflections * st.MinutesPerDeflection
	ups, err := s.Store.MonitorUptimes(ctx, from, to)
	if err != nil {
		return nil, err
	}
	for _, u := range ups {
		a := Availability{MonitorID: u.MonitorID, Name: u.Name, Checks: u.Checks, Percent: -1}
		if u.Checks > 0 {
			a.Percent = float64(u.Up) * 100 / float64(u.Checks)
		}
		f.Availability = append(f.Availability, a)
	}
	return f, nil
}

// countTarget counts a done time against its target, if it had one.
func countTarget(d *Durations, due *time.Time, done time.Time) {
	if due == nil {
		return
	}
	d.Target++
	if !done.After(*due) {
		d.Met++
	}
}

func fillDurations(d *Durations, v []time.Duration) {
	d.Count = len(v)
	d.Median, d.P90 = Percentile(v, 50), Percentile(v, 90)
}

// Percentile is the nearest-rank p-th percentile of v (0 when empty): the
// smallest value at least p% of the values are at or below.
func Percentile(v []time.Duration, p float64) time.Duration {
	if len(v) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), v...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	return s[min(max(rank, 1), len(s))-1]
}

// backlog fills the open items' count and ages as of now.
func (s *Service) backlog(ctx context.Context, f *ServiceFigures) error {
	open, err := s.Store.OpenItemFacts(ctx)
	if err != nil {
		return err
	}
	now := s.Now()
	buckets := []AgeBucket{{Key: "lt1d"}, {Key: "1to7d"}, {Key: "7to30d"}, {Key: "gt30d"}}
	var ages []time.Duration
	for _, it := range open {
		age := now.Sub(it.CreatedAt)
		ages = append(ages, age)
		switch {
		case age < 24*time.Hour:
			buckets[0].Count++
		case age < 7*24*time.Hour:
			buckets[1].Count++
		case age < 30*24*time.Hour:
			buckets[2].Count++
		default:
			buckets[3].Count++
		}
	}
	f.Backlog, f.BacklogAges, f.BacklogMedian = len(open), buckets, Percentile(ages, 50)
	return nil
}
