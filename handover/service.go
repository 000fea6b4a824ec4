// Package handover is the handover area's service: the systems register,
// vendors, contracts and their documents, decision-date alerts, the
// renewal calendar (with its iCalendar export), the configuration diagram
// and the readiness score. Every change is one transaction of the store,
// which writes the audit entry in it.
package handover

import (
	"context"
	"time"

	"hitori"
)

// Service owns the handover area's rules. Its read methods (System,
// AllSystems, Vendors, Contracts, Renewals, Diagram, Readiness) are what
// the offline binder and the absence mode build on.
type Service struct {
	Store hitori.HandoverStore
	// Settings keeps the alert steps and the runbook period; nil: defaults.
	Settings hitori.SettingService
	// Expiries lists license renewals and warranty and lease ends for the
	// renewal calendar; nil: the calendar shows contracts only.
	Expiries ExpirySource
	// Monitors lists monitors for TLS certificate expiries; nil: none.
	Monitors MonitorSource
	// Vault tells whether the emergency kit was issued; nil: never.
	Vault VaultMeta
	// BackupCheck decides the readiness check "backup checked"; nil:
	// HeartbeatBackupCheck (a linked heartbeat monitor that is up).
	BackupCheck BackupCheck
	// Now is the clock (tests set a fake one); nil: time.Now.
	Now func() time.Time
	// Location is whose calendar dates are counted in; nil: Asia/Tokyo.
	Location *time.Location
}

// ExpirySource is the asset area's list of what runs out (hitori.LicenseStore).
type ExpirySource interface {
	FindExpiries(ctx context.Context, from, until hitori.Date) ([]*hitori.Expiry, error)
}

// MonitorSource is the monitors area's list (hitori.MonitorService).
type MonitorSource interface {
	FindMonitors(ctx context.Context, f hitori.MonitorFilter) ([]*hitori.MonitorSummary, int, error)
}

// VaultMeta is the vault's state as readiness needs it (hitori.VaultStore).
type VaultMeta interface {
	FindVaultMeta(ctx context.Context) (*hitori.VaultMeta, error)
}

// New returns the service on st.
func New(st hitori.HandoverStore) *Service { return &Service{Store: st} }

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// tokyo is the zone dates are counted in by default.
var tokyo = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Tokyo"); err == nil {
		return l
	}
	return time.FixedZone("JST", 9*3600)
}()

func (s *Service) location() *time.Location {
	if s.Location != nil {
		return s.Location
	}
	return tokyo
}

// Today is the service clock's date in its location.
func (s *Service) Today() hitori.Date { return hitori.DateOf(s.now().In(s.location())) }

// staffOnly admits the system (no user: the command line, jobs) and
// active staff. The store checks again; this gate keeps the rule visible
// here, where the absence mode will widen reads for its stand-in.
func staffOnly(ctx context.Context) error {
	u := hitori.UserFromContext(ctx)
	if u == nil {
		return nil
	}
	if u.Disabled || !u.Role.IsStaff() {
		return hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden")
	}
	return nil
}

// setting reads a setting, "" when unset or when there is no settings store.
func (s *Service) setting(ctx context.Context, key string) (string, error) {
	if s.Settings == nil {
		return "", nil
	}
	v, err := s.Settings.GetSetting(ctx, key)
	if hitori.ErrorCode(err) == hitori.ENOTFOUND {
		return "", nil
	}
	return v, err
}
