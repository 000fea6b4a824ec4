package hitori

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Audit actions and target of the license register (shown through the
// catalogue keys "audit.ACTION" and TargetLicense).
const (
	AuditLicenseKey    = "license.key"    // an administrator viewed a license key
	AuditLicenseDelete = "license.delete" // a license was deleted
	TargetLicense      = "target.license" // args: license id
)

// LicenseKind is how a software license was bought.
type LicenseKind string

// License kinds.
const (
	LicensePerpetual    LicenseKind = "perpetual"    // 永続
	LicenseSubscription LicenseKind = "subscription" // サブスクリプション
	LicenseVolume       LicenseKind = "volume"       // ボリューム
	LicenseOEM          LicenseKind = "oem"          // OEM (came with the device)
)

// LicenseKinds lists every kind in display order.
var LicenseKinds = []LicenseKind{LicensePerpetual, LicenseSubscription, LicenseVolume, LicenseOEM}

// LicensePeriod is how often a subscription is paid; "" for none.
type LicensePeriod string

// Subscription periods.
const (
	PeriodNone    LicensePeriod = ""
	PeriodMonthly LicensePeriod = "monthly"
	PeriodYearly  LicensePeriod = "yearly"
)

// Limits on a license's fields.
const (
	LicenseTextMax  = 200   // title, publisher, vendor
	LicenseNotesMax = 10000 // notes
	LicenseKeyMax   = 4000  // a license key or activation text
	LicenseSeatsMax = 1_000_000
)

// License is one purchase of a software title: seats, and for a
// subscription its period, renewal date and cost.
type License struct {
	ID        int64
	TitleID   int64  // the software title; set by the store from Title
	Title     string // the title's name as the administrator wrote it
	Publisher string
	Kind      LicenseKind
	Seats     int
	Period    LicensePeriod
	RenewalOn Date   // next renewal (or end) of the license; "" for none
	CostYen   *int64 // per period for a subscription, else the price; nil: unknown
	Vendor    string
	Notes     string
	HasKey    bool // a license key is stored; its value is for administrators only
	CreatedAt time.Time
	UpdatedAt time.Time

	// Filled on reads, for the title the license belongs to.
	TitleKey      string // TitleKey of Title (asset.TitleKey)
	TitleSeats    int    // seats of every license of the title
	Installed     int    // assets (not retired) with the title installed
	TitleLicenses int    // licenses of the title
}

// Over reports whether the title is installed on more assets than it has seats.
func (l *License) Over() bool { return l.Installed > l.TitleSeats }

// Unused is the number of seats of the title nobody uses.
func (l *License) Unused() int { return max(l.TitleSeats-l.Installed, 0) }

// ExpiresWithin reports whether the license renews (or ends) between today
// and days later.
func (l *License) ExpiresWithin(today Date, days int) bool {
	if l.RenewalOn == "" || l.RenewalOn < today {
		return false
	}
	t, ok := today.Time(time.UTC)
	return ok && l.RenewalOn <= DateOf(t.AddDate(0, 0, days))
}

// Validate trims and checks a license before it is stored; every problem
// comes back at once as field errors (catalogue keys "license.error.*").
// A kind other than subscription has no period.
func (l *License) Validate() error {
	l.Title, l.Publisher = strings.TrimSpace(l.Title), strings.TrimSpace(l.Publisher)
	l.Vendor, l.Notes = strings.TrimSpace(l.Vendor), strings.TrimSpace(l.Notes)
	fields := map[string]string{}
	text := func(field, v string, limit int) {
		switch {
		case !utf8.ValidString(v) || strings.ContainsRune(v, 0):
			fields[field] = "license.error.invalid"
		case utf8.RuneCountInString(v) > limit:
			fields[field] = "license.error.too_long"
		}
	}
	if l.Title == "" {
		fields["title"] = "license.error.title_required"
	}
	text("title", l.Title, LicenseTextMax)
	text("publisher", l.Publisher, LicenseTextMax)
	text("vendor", l.Vendor, LicenseTextMax)
	text("notes", l.Notes, LicenseNotesMax)
	if l.Kind == "" {
		l.Kind = LicensePerpetual
	}
	if !l.Kind.Valid() {
		fields["kind"] = "license.error.kind"
	}
	if l.Kind != LicenseSubscription {
		l.Period = PeriodNone
	}
	switch l.Period {
	case PeriodNone, PeriodMonthly, PeriodYearly:
		if l.Kind == LicenseSubscription && l.Period == PeriodNone {
			fields["period"] = "license.error.period"
		}
	default:
		fields["period"] = "license.error.period"
	}
	if l.Seats < 0 || l.Seats > LicenseSeatsMax {
		fields["seats"] = "license.error.seats"
	}
	if !l.RenewalOn.Valid() {
		fields["renewal_on"] = "license.error.date"
	}
	if l.CostYen != nil && (*l.CostYen < 0 || *l.CostYen > 1_000_000_000_000) {
		fields["cost_yen"] = "license.error.cost"
	}
	if len(fields) == 0 {
		return nil
	}
	var first string
	for _, f := range []string{"title", "publisher", "kind", "seats", "period", "renewal_on", "cost_yen", "vendor", "notes"} {
		if k, ok := fields[f]; ok {
			first = k
			break
		}
	}
	return &Error{Code: EINVALID, Message: first, Key: first, Fields: fields}
}

// Valid reports whether k is a known license kind.
func (k LicenseKind) Valid() bool {
	for _, v := range LicenseKinds {
		if k == v {
			return true
		}
	}
	return false
}

// LicenseFilter selects licenses for the list.
type LicenseFilter struct {
	Query  string // substring of title, publisher or vendor
	Sort   string // "title" (default), "renewal", "installed", "seats", "updated"
	Desc   bool
	Offset int
	Limit  int // 0: 50
}

// ExpiryKind says what runs out.
type ExpiryKind string

// What the expiry alerts watch.
const (
	ExpiryWarranty ExpiryKind = "warranty" // an asset's 保証期限
	ExpiryLease    ExpiryKind = "lease"    // an asset's リース期限
	ExpiryRenewal  ExpiryKind = "renewal"  // a license's renewal
)

// Expiry is one date something runs out on: an asset's warranty or lease,
// or a license's renewal.
type Expiry struct {
	Kind  ExpiryKind
	RefID int64  // the asset's or the license's ID
	Label string // asset number and model, or the license's title
	On    Date
	// Alerted are the steps (days before On) already alerted, largest first.
	Alerted []int
}

// AssetAlert is one alert owed: Expiry's thing, Step days before its date.
type AssetAlert struct {
	Kind  ExpiryKind `json:"kind"`
	RefID int64      `json:"ref_id"`
	Label string     `json:"label"`
	On    Date       `json:"on"`
	Step  int        `json:"step"`
}

// AlertOutbox decides the job that delivers newly recorded alerts; the
// store calls it inside the transaction that records them, so an alert is
// remembered as sent exactly when its delivery is queued. nil: no job.
type AlertOutbox func(alerts []*AssetAlert) *Job

// LicenseStore keeps software licenses and what the expiry alerts
// remember. Reads need staff, license keys an administrator.
type LicenseStore interface {
	FindLicenses(ctx context.Context, f LicenseFilter) ([]*License, int, error)
	FindLicense(ctx context.Context, id int64) (*License, error)
	// CreateLicense stores l under its title (found or created by
	// titleKey); key "" stores none.
	CreateLicense(ctx context.Context, l *License, titleKey, key string) error
	// UpdateLicense changes l; key nil keeps the stored key, "" removes it.
	UpdateLicense(ctx context.Context, l *License, titleKey string, key *string) error
	DeleteLicense(ctx context.Context, id int64) error
	// LicenseKey returns the stored key (administrators only) and audits
	// the viewing in the same transaction.
	LicenseKey(ctx context.Context, id int64, ip string) (string, error)
	// FindExpiries lists warranty and lease ends of assets that are not
	// retired and license renewals dated from..until (inclusive), soonest
	// first, with the steps already alerted.
	FindExpiries(ctx context.Context, from, until Date) ([]*Expiry, error)
	// RecordAlerts remembers the alerts not yet recorded and queues what
	// outbox owes for them, in one transaction; it returns those new ones.
	RecordAlerts(ctx context.Context, alerts []*AssetAlert, outbox AlertOutbox) ([]*AssetAlert, error)
}
