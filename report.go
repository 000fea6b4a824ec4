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

// LifecycleDate is one date in an asset's, license's or contract's life
// the reports warn about: a warranty or lease ending, a license renewing,
// a contract's last day to give notice or its end.
type LifecycleDate struct {
	Kind    string // "warranty", "lease", "renewal", "decision", "contract_end"
	RefID   int64  // the asset's, license's or contract's id
	Name    string // asset number and model, the license's or contract's title
	On      Date
	CostYen *int64 // the license's cost per period; the asset's price; the contract's yearly cost
	Vendor  string
}

// ContractCost is a contract in force and what it costs a year: the
// annual amount, else twelve monthly ones.
type ContractCost struct {
	ContractID int64
	Title      string
	Vendor     string
	SystemKind SystemKind // of the first system it covers; "" when none
	YenYear    int64
}

// OutageFact is a monitor's incident as the reports read it: when it
// began, was acknowledged and ended, and the work item it became.
type OutageFact struct {
	IncidentID  int64
	MonitorID   int64
	Title       string // the monitor's name when it opened
	OpenedAt    time.Time
	AckedAt     *time.Time
	AckedBy     string
	ResolvedAt  *time.Time // nil: still open
	ItemID      int64      // 0: none
	ItemStatus  Status
	ItemMinutes int // minutes logged on the item
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
	Vendor        string // where it was bought
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
	// LifecycleDates lists warranty and lease ends, license renewals and
	// contracts' decision and end dates falling in [from, to] (dates,
	// inclusive).
	LifecycleDates(ctx context.Context, from, to Date) ([]LifecycleDate, error)
	// ContractCosts lists the contracts in force on some day of [from, to]
	// that have a cost.
	ContractCosts(ctx context.Context, from, to Date) ([]ContractCost, error)
	// Outages lists the monitors' incidents open at some instant of
	// [from, to), earliest first.
	Outages(ctx context.Context, from, to time.Time) ([]OutageFact, error)
	// DutiesDue lists the duty occurrences due on or before today that are
	// not done (recorded, or their task closed), earliest first.
	DutiesDue(ctx context.Context, today Date) ([]*DutyOccurrence, error)
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
