package report

import (
	"context"
	"sort"
	"time"

	"hitori"
	"hitori/sla"
)

// RenewalDays is how far ahead the dashboard looks for renewals and
// warranty ends.
const RenewalDays = 90

// AtRiskItem is an open item whose SLA target is near or past.
type AtRiskItem struct {
	ID       int64
	Title    string
	Quadrant hitori.Quadrant
	Risk     sla.Risk
	Left     time.Duration // business time left (negative: overdue by)
}

// Dashboard is the admin's view of what needs attention now.
type Dashboard struct {
	Today     hitori.Date
	Quadrants [5]int // open items per quadrant 1–4
	AtRisk    []AtRiskItem
	Down      []hitori.MonitorDownNow
	Renewals  []hitori.LifecycleDate // assets', licenses' and contracts' dates in the next RenewalDays
	// Duties are today's duty occurrences not done; Missed those past due.
	Duties []*hitori.DutyOccurrence
	Missed []*hitori.DutyOccurrence
	// Readiness is the handover register's score and gaps; nil when that
	// area is not wired.
	Readiness *hitori.Readiness
}

// Dashboard gathers what needs attention now.
func (s *Service) Dashboard(ctx context.Context) (*Dashboard, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	now := s.Now()
	d := &Dashboard{Today: dayOf(now, s.Location)}
	open, err := s.Store.OpenItemFacts(ctx)
	if err != nil {
		return nil, err
	}
	for _, f := range open {
		if f.Quadrant.Valid() {
			d.Quadrants[f.Quadrant]++
		}
		if s.Risk == nil {
			continue
		}
		it := &hitori.Item{ID: f.ID, Type: f.Type, Status: f.Status, Category: f.Category, CreatedAt: f.CreatedAt,
			FirstResponseDue: f.FirstResponseDue, FirstRespondedAt: f.FirstRespondedAt, ResolutionDue: f.ResolutionDue, ResolvedAt: f.ResolvedAt}
		if r, left := s.Risk(it, now); r == sla.RiskAtRisk || r == sla.RiskBreached {
			d.AtRisk = append(d.AtRisk, AtRiskItem{ID: f.ID, Title: f.Title, Quadrant: f.Quadrant, Risk: r, Left: left})
		}
	}
	sort.SliceStable(d.AtRisk, func(i, j int) bool { return d.AtRisk[i].Left < d.AtRisk[j].Left })
	if d.Down, err = s.Store.MonitorsDown(ctx); err != nil {
		return nil, err
	}
	if d.Renewals, err = s.renewals(ctx, d.Today, RenewalDays); err != nil {
		return nil, err
	}
	if d.Readiness, err = s.readiness(ctx); err != nil {
		return nil, err
	}
	due, err := s.Store.DutiesDue(ctx, d.Today)
	if err != nil {
		return nil, err
	}
	for _, o := range due {
		if o.Missed(d.Today) {
			d.Missed = append(d.Missed, o)
		} else {
			d.Duties = append(d.Duties, o)
		}
	}
	return d, nil
}

// renewals lists the lifecycle dates (assets', licenses' and contracts')
// from today to days later, earliest first.
func (s *Service) renewals(ctx context.Context, today hitori.Date, days int) ([]hitori.LifecycleDate, error) {
	t, _ := today.Time(time.UTC)
	return s.Store.LifecycleDates(ctx, today, hitori.DateOf(t.AddDate(0, 0, days)))
}
