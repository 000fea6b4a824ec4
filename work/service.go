// Package work is the work-item service: it stores items through an
// ItemService and runs their SLA clocks on a business calendar, so every
// channel (portal, e-mail, walk-up, API) opens items the same way.
package work

import (
	"context"
	"time"

	"hitori"
	"hitori/sla"
)

// Policies are the SLA targets per quadrant, in business time.
type Policies map[hitori.Quadrant]sla.Policy

// DefaultPolicies suit a one-person department: urgent and important work
// gets a first answer within the hour and a fix within the day.
func DefaultPolicies() Policies {
	return Policies{
		1: {FirstResponse: time.Hour, Resolution: 8 * time.Hour},
		2: {FirstResponse: 4 * time.Hour, Resolution: 27 * time.Hour},
		3: {FirstResponse: 2 * time.Hour, Resolution: 18 * time.Hour},
		4: {FirstResponse: 9 * time.Hour, Resolution: 45 * time.Hour},
	}
}

// Service opens and assesses work items.
type Service struct {
	Items    hitori.ItemService
	Calendar *sla.Calendar
	Policies Policies
	// Category overrides the quadrant policy for a category (e.g. "セキュリティ").
	Category map[string]Policies
	Now      func() time.Time
}

// New returns a service with the default calendar and policies.
func New(items hitori.ItemService) *Service {
	return &Service{Items: items, Calendar: sla.DefaultCalendar(), Policies: DefaultPolicies(), Now: time.Now}
}

// Policy returns the SLA policy for an item.
func (s *Service) Policy(it *hitori.Item) sla.Policy {
	if ps, ok := s.Category[it.Category]; ok {
		if p, ok := ps[it.Quadrant()]; ok {
			return p
		}
	}
	return s.Policies[it.Quadrant()]
}

// Create opens an item with its SLA due times set from its policy. Tasks
// (the admin's own work) have no SLA: their clock is the due date.
func (s *Service) Create(ctx context.Context, it *hitori.Item) error {
	if it.Type == "" {
		it.Type = hitori.TypeTicket
	}
	if it.Type == hitori.TypeTicket && it.FirstResponseDue == nil && it.ResolutionDue == nil {
		s.setDue(it, s.Now())
	}
	return s.Items.CreateItem(ctx, it)
}

func (s *Service) setDue(it *hitori.Item, opened time.Time) {
	first, res := s.Policy(it).Due(s.Calendar, opened)
	if !first.IsZero() {
		f := first.UTC()
		it.FirstResponseDue = &f
	}
	if !res.IsZero() {
		r := res.UTC()
		it.ResolutionDue = &r
	}
}

// Risk says how close an item is to breaching its SLA now: the first-response
// target until someone has answered, the resolution target after that.
func (s *Service) Risk(it *hitori.Item, now time.Time) (sla.Risk, time.Duration) {
	if it.Type != hitori.TypeTicket {
		return sla.RiskNone, 0
	}
	if it.FirstRespondedAt == nil && it.FirstResponseDue != nil && it.Status.Open() {
		return sla.Assess(s.Calendar, it.CreatedAt, *it.FirstResponseDue, now, false)
	}
	if it.ResolutionDue == nil {
		return sla.RiskNone, 0
	}
	if !it.Status.Open() && it.ResolvedAt != nil {
		return sla.Assess(s.Calendar, it.CreatedAt, *it.ResolutionDue, *it.ResolvedAt, true)
	}
	return sla.Assess(s.Calendar, it.CreatedAt, *it.ResolutionDue, now, false)
}
