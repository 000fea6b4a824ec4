// Package work is the work-item service: it stores items through an
// ItemService and runs their SLA clocks on a business calendar, so every
// channel (portal, e-mail, walk-up, API) opens items the same way.
package work

import (
	"context"
	"sync"
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

// Service opens and assesses work items. Calendar, Policies and Category
// may be set before the service is shared; afterwards change them only
// through Apply (or Save), which takes the lock the clocks read under.
type Service struct {
	Items hitori.ItemService
	// Store keeps the administrator's settings; nil: the defaults, never saved.
	Store SettingStore
	// Users links a requester named by address to their account; nil: no
	// linking (app.Build sets it).
	Users    UserByEmail
	Calendar *sla.Calendar
	Policies Policies
	// Category overrides the quadrant policy for a category (e.g. "セキュリティ").
	Category map[string]Policies
	Now      func() time.Time
	// LoadErr is why New could not load the stored settings (the defaults
	// are in force meanwhile); the settings page shows it.
	LoadErr error

	mu       sync.RWMutex
	settings Settings
	loadedAt time.Time // when Load last read the store
}

// New returns a service with the default calendar and policies, replaced
// by the administrator's settings kept in store (nil: defaults only), so
// every channel starts on the same clock.
func New(items hitori.ItemService, store SettingStore) *Service {
	s := &Service{Items: items, Store: store, Calendar: sla.DefaultCalendar(), Policies: DefaultPolicies(), Now: time.Now, settings: DefaultSettings()}
	if store != nil {
		s.LoadErr = s.Load(context.Background(), store)
	}
	return s
}

// BusinessCalendar returns the business calendar in force; callers only read it.
func (s *Service) BusinessCalendar() *sla.Calendar {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.Calendar
}

// Policy returns the SLA policy for an item.
func (s *Service) Policy(it *hitori.Item) sla.Policy {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if ps, ok := s.Category[it.Category]; ok {
		if p, ok := ps[it.Quadrant()]; ok {
			return p
		}
	}
	return s.Policies[it.Quadrant()]
}

// Create opens an item with its SLA due times set from its policy. Tasks
// (the admin's own work) have no SLA: their clock is the due date. A
// requester opens tickets for themselves only (see asSystemForRequester);
// viewers are refused.
func (s *Service) Create(ctx context.Context, it *hitori.Item) error {
	if it.Type == "" {
		it.Type = hitori.TypeTicket
	}
	u := hitori.UserFromContext(ctx)
	if err := hitori.CheckItemAccess(u); err != nil {
		return err
	}
	if u != nil && !u.Role.IsStaff() {
		var err error
		if ctx, err = asSystemForRequester(ctx, u, it); err != nil {
			return err
		}
	}
	if err := s.linkRequester(ctx, it); err != nil {
		return err
	}
	s.StartClock(ctx, it)
	return s.Items.CreateItem(ctx, it)
}

// StartClock sets a new ticket's SLA due times from its policy, counted
// from now on the business calendar in force. Tasks have no SLA, and due
// times already set (imports, seeds) are kept. Create calls it; mail
// intake, which writes items in a transaction of its own, calls it before
// writing, so every channel starts the clock by this one rule.
func (s *Service) StartClock(ctx context.Context, it *hitori.Item) {
	if it.Type != hitori.TypeTicket || it.FirstResponseDue != nil || it.ResolutionDue != nil {
		return
	}
	s.Refresh(ctx)
	first, res := s.Policy(it).Due(s.BusinessCalendar(), s.Now())
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
	cal := s.BusinessCalendar()
	if it.FirstRespondedAt == nil && it.FirstResponseDue != nil && it.Status.Open() {
		return sla.Assess(cal, it.CreatedAt, *it.FirstResponseDue, now, false)
	}
	if it.ResolutionDue == nil {
		return sla.RiskNone, 0
	}
	if !it.Status.Open() {
		if it.ResolvedAt == nil { // closed without being resolved (a merged duplicate): no clock runs
			return sla.RiskNone, 0
		}
		return sla.Assess(cal, it.CreatedAt, *it.ResolutionDue, *it.ResolvedAt, true)
	}
	return sla.Assess(cal, it.CreatedAt, *it.ResolutionDue, now, false)
}
