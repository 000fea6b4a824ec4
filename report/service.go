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

// ReadinessFunc is the handover register's readiness
// (handover.Service.Readiness): its gaps are the dashboard's and the
// monthly report's. The report service calls it as the installation (no
// user in the context), having checked the reader may see reports.
type ReadinessFunc func(ctx context.Context) (*hitori.Readiness, error)

// CostLine is one line of the IT cost picture: a contract, a subscription
// or a purchase, with its category (a catalogue key) and vendor.
type CostLine struct {
	Kind     string // "contract", "subscription", "purchase"
	Name     string
	Category string // catalogue key: "report.cost.cat.software", "asset.type.pc", "handover.kind.firewall", …
	Vendor   string
	YenYear  int64 // per year (a purchase: its price)
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
	// Readiness is nil where the handover area is not wired (then the
	// pages say readiness is not available).
	Readiness ReadinessFunc
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

// asInstallation is ctx without its user: other areas' services read for
// the report service, which has checked the reader already (a viewer may
// see the figures, not the areas' pages).
func asInstallation(ctx context.Context) context.Context { return hitori.NewContextWithUser(ctx, nil) }

// readiness is the register's readiness, nil when it is not wired.
func (s *Service) readiness(ctx context.Context) (*hitori.Readiness, error) {
	if s.Readiness == nil {
		return nil, nil
	}
	return s.Readiness(asInstallation(ctx))
}

// today is the current day in the installation's zone.
func (s *Service) today() hitori.Date { return dayOf(s.Now(), s.Location) }
