// Package report turns what hitori records (items and the time logged on
// them, SLA clocks, assets, licenses, monitors, self-service) into the
// figures, charts (server-rendered SVG) and documents the admin and
// management read: the dashboard, the time and service pages, the monthly
// report, the ROI calculator and the replacement plan.
package report

import (
	"context"
	"time"

	"hitori"
	"hitori/sla"
)

// Link is one entry a dashboard box lists: what, where to go, a detail.
type Link struct {
	Title  string
	Href   string
	Detail string
}

// DutySource is the recurring-duties area as the dashboard reads it
// ("today's duties"); nil until that area is wired.
type DutySource interface {
	DutiesDue(ctx context.Context, day hitori.Date) ([]Link, error)
}

// ReadinessSource is the handover register's gaps (systems without a
// runbook, secrets without a second holder, …); nil until it is wired.
type ReadinessSource interface {
	ReadinessGaps(ctx context.Context) ([]Link, error)
}

// CostLine is one line of the IT cost picture: a contract, a subscription
// or a purchase, with its category and vendor.
type CostLine struct {
	Kind     string // "contract", "subscription", "purchase"
	Name     string
	Category string
	Vendor   string
	YenYear  int64 // per year
}

// ContractSource is the contracts area as the reports read it: renewals
// (beside assets' and licenses') and contract costs; nil until it lands.
type ContractSource interface {
	ContractRenewals(ctx context.Context, from, to hitori.Date) ([]hitori.LifecycleDate, error)
	ContractCosts(ctx context.Context) ([]CostLine, error)
}

// RiskFunc says how close an item is to breaching its SLA (work.Service.Risk).
type RiskFunc func(it *hitori.Item, now time.Time) (sla.Risk, time.Duration)

// Service computes the reports. Set the hooks before sharing it.
type Service struct {
	Store    hitori.ReportStore
	Settings SettingStore // nil: the defaults
	Risk     RiskFunc     // nil: no item is at risk
	Location *time.Location
	Now      func() time.Time

	Duties    DutySource
	Readiness ReadinessSource
	Contracts ContractSource
}

// New returns a service on store with Asia/Tokyo days and the real clock.
func New(store hitori.ReportStore, settings SettingStore) *Service {
	return &Service{Store: store, Settings: settings, Location: Tokyo(), Now: time.Now}
}

// Tokyo is Asia/Tokyo, or +09:00 on a host without tzdata (the same:
// Japan keeps no daylight saving).
func Tokyo() *time.Location {
	if l, err := time.LoadLocation("Asia/Tokyo"); err == nil {
		return l
	}
	return time.FixedZone("JST", 9*3600)
}

// check refuses callers who may not read reports.
func (s *Service) check(ctx context.Context) error {
	return hitori.CheckReportAccess(hitori.UserFromContext(ctx))
}

// today is the current day in the installation's zone.
func (s *Service) today() hitori.Date { return dayOf(s.Now(), s.Location) }
