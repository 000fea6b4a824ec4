package hitori

import (
	"context"
	"time"
)

// TimeEntry is one logging of minutes on an item (a reply, a note, a
// walk-up capture), with what the reports group it by.
type TimeEntry struct {
	At         time.Time // when it was logged (UTC)
	Minutes    int
	ItemID     int64
	Category   string
	Kind       WorkKind
	Quadrant   Quadrant
	Source     Source
	Department string // the requester's department in the register; "" when unknown
}

// ItemFact is an item as the service figures read it: when it opened, was
// first answered and resolved, against which targets.
type ItemFact struct {
	ID               int64
	Title            string
	Type             ItemType
	Kind             WorkKind
	Status           Status
	Source           Source
	Category         string
	Quadrant         Quadrant
	CreatedAt        time.Time
	FirstResponseDue *time.Time
	FirstRespondedAt *time.Time
	ResolutionDue    *time.Time
	ResolvedAt       *time.Time
	SLANext          time.Time // the earliest pending target; far future when none
	MinutesSpent     int
}

// MonitorUptime is one monitor's checks over a span, from its roll-ups.
type MonitorUptime struct {
	MonitorID int64
	Name      string
	Checks    int
	Up        int
}

// MonitorDownNow is a monitor that is down at the moment.
type MonitorDownNow struct {
	MonitorID int64
	Name      string
	Since     time.Time
	Message   string
}

// LifecycleDate is one date in an asset's or license's life the reports
// warn about: a warranty or lease ending, a license renewing.
type LifecycleDate struct {
	Kind    string // "warranty", "lease", "renewal"
	RefID   int64  // the asset's or license's id
	Name    string // asset number and model, or the license's title
	On      Date
	CostYen *int64 // the license's cost per period; the asset's price
	Vendor  string
}

// ReplacementCandidate is an asset the replacement plan considers.
type ReplacementCandidate struct {
	AssetID       int64
	Number        string
	Type          AssetType
	Model         string
	Department    string
	Status        AssetStatus
	AcquiredOn    Date
	WarrantyUntil Date
	LeaseUntil    Date
	PriceYen      *int64
	OSName        string
	OSVersion     string
}

// ReportStore reads what the reports summarise, across areas. It acts for
// the installation: who may see the reports is the report service's rule.
type ReportStore interface {
	// TimeEntries lists every logging of minutes on items in [from, to).
	TimeEntries(ctx context.Context, from, to time.Time) ([]TimeEntry, error)
	// ItemFacts lists the items opened or resolved in [from, to).
	ItemFacts(ctx context.Context, from, to time.Time) ([]ItemFact, error)
	// OpenItemFacts lists every open item.
	OpenItemFacts(ctx context.Context) ([]ItemFact, error)
	// Deflections counts the problems self-service solved in [from, to).
	Deflections(ctx context.Context, from, to time.Time) (int, error)
	// MonitorUptimes sums each monitor's daily roll-ups starting in [from, to).
	MonitorUptimes(ctx context.Context, from, to time.Time) ([]MonitorUptime, error)
	// MonitorsDown lists the monitors down now.
	MonitorsDown(ctx context.Context) ([]MonitorDownNow, error)
	// LifecycleDates lists warranty and lease ends and license renewals
	// falling in [from, to] (dates, inclusive).
	LifecycleDates(ctx context.Context, from, to Date) ([]LifecycleDate, error)
	// ReplacementCandidates lists the assets not retired.
	ReplacementCandidates(ctx context.Context) ([]ReplacementCandidate, error)
	// Subscriptions lists the licenses with a cost: their period and cost.
	Subscriptions(ctx context.Context) ([]LicenseCost, error)
}

// LicenseCost is what a license costs.
type LicenseCost struct {
	Title   string
	Vendor  string
	Kind    LicenseKind
	Period  LicensePeriod
	CostYen int64
}

// CheckReportAccess refuses users who may not read the reports: only
// administrators and viewers (management) do; nil is the system.
func CheckReportAccess(u *User) error {
	if u != nil && (u.Disabled || u.Role != RoleAdmin && u.Role != RoleViewer) {
		return KeyError(EFORBIDDEN, "error.forbidden")
	}
	return nil
}
