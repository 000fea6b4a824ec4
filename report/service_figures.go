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

// Availability is one monitor's share of successful checks in a span
// (from its daily roll-ups) and its outages (incidents) in it.
type Availability struct {
	MonitorID int64
	Name      string
	Checks    int
	Percent   float64 // -1 when no checks were summarised
	Outages   int
	Down      time.Duration // the outages' time within the span
}

// Outage is a monitor's incident and how long it lasted within a span
// (until now when it is still open).
type Outage struct {
	hitori.OutageFact
	Down time.Duration
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
	Outages          []Outage // the monitors' incidents open during the span
}

// DownTotal is the outages' time within the span.
func (f *ServiceFigures) DownTotal() time.Duration {
	var d time.Duration
	for _, o := range f.Outages {
		d += o.Down
	}
	return d
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
	if err := s.availability(ctx, f, from, to); err != nil {
		return nil, err
	}
	return f, nil
}

// availability fills each monitor's share of good checks in [from, to)
// and the outages in it, each clipped to the span (and to now).
func (s *Service) availability(ctx context.Context, f *ServiceFigures, from, to time.Time) error {
	ups, err := s.Store.MonitorUptimes(ctx, from, to)
	if err != nil {
		return err
	}
	outages, err := s.Store.Outages(ctx, from, to)
	if err != nil {
		return err
	}
	end := to
	if now := s.Now(); now.Before(end) {
		end = now
	}
	byMonitor := map[int64][]Outage{}
	for _, o := range outages {
		stop := end
		if o.ResolvedAt != nil && o.ResolvedAt.Before(stop) {
			stop = *o.ResolvedAt
		}
		start := o.OpenedAt
		if start.Before(from) {
			start = from
		}
		out := Outage{OutageFact: o, Down: max(stop.Sub(start), 0)}
		f.Outages = append(f.Outages, out)
		byMonitor[o.MonitorID] = append(byMonitor[o.MonitorID], out)
	}
	for _, u := range ups {
		a := Availability{MonitorID: u.MonitorID, Name: u.Name, Checks: u.Checks, Percent: -1, Outages: len(byMonitor[u.MonitorID])}
		if u.Checks > 0 {
			a.Percent = float64(u.Up) * 100 / float64(u.Checks)
		}
		for _, o := range byMonitor[u.MonitorID] {
			a.Down += o.Down
		}
		f.Availability = append(f.Availability, a)
	}
	return nil
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
