package asset

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"time"

	"hitori"
)

// Inventory reports from agents: the web handler parses them (package
// inventory) and hands them here; settings decide whether unknown devices
// are held for approval.

// InventorySettingsKey is the settings row of the inventory endpoint.
const InventorySettingsKey = "asset.inventory"

// InventorySettings are the site's choices for agent reports.
type InventorySettings struct {
	// User and PasswordHash: HTTP Basic credentials agents must send
	// ("" user: none asked). The password is kept as a salted SHA-256,
	// never as given.
	User         string `json:"user,omitempty"`
	PasswordHash string `json:"password_hash,omitempty"`
	// HoldUnknown keeps reports from devices not yet in the register for
	// an administrator's approval.
	HoldUnknown bool `json:"hold_unknown,omitempty"`
	// StaleDays: a device without a report for this many days is a
	// finding (default 14).
	StaleDays int `json:"stale_days,omitempty"`
	// PrologHours is how often agents are told to come back (default 24).
	PrologHours int `json:"prolog_hours,omitempty"`
}

// Defaults for unset settings.
const (
	DefaultStaleDays   = 14
	DefaultPrologHours = 24
)

func (st InventorySettings) withDefaults() InventorySettings {
	if st.StaleDays <= 0 {
		st.StaleDays = DefaultStaleDays
	}
	if st.PrologHours <= 0 {
		st.PrologHours = DefaultPrologHours
	}
	return st
}

// settingsCache keeps the inventory settings for a second: every agent
// request reads them, and a read of the settings row was a tenth of an
// unchanged report's cost. A save in this process takes effect at once;
// one in another process sharing the database, within the second.
type settingsCache struct {
	mu sync.Mutex
	st InventorySettings
	at time.Time // zero: nothing kept
}

const settingsKeptFor = time.Second

// InventorySettings reads the stored settings (defaults when none).
func (s *Service) InventorySettings(ctx context.Context) (InventorySettings, error) {
	c := &s.agents
	c.mu.Lock()
	st, at := c.st, c.at
	c.mu.Unlock()
	if !at.IsZero() && time.Since(at) < settingsKeptFor {
		return st, nil
	}
	st, err := s.readInventorySettings(ctx)
	if err == nil {
		c.mu.Lock()
		c.st, c.at = st, time.Now()
		c.mu.Unlock()
	}
	return st, err
}

func (s *Service) readInventorySettings(ctx context.Context) (InventorySettings, error) {
	var st InventorySettings
	if s.Settings == nil {
		return st.withDefaults(), nil
	}
	v, err := s.Settings.GetSetting(ctx, InventorySettingsKey)
	if hitori.ErrorCode(err) == hitori.ENOTFOUND {
		return st.withDefaults(), nil
	}
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal([]byte(v), &st); err != nil {
		return st.withDefaults(), nil // an unreadable row falls back to defaults rather than refusing agents
	}
	return st.withDefaults(), nil
}

// SaveInventorySettings checks and stores the settings; password "" keeps
// the stored one, clearUser removes the credentials.
func (s *Service) SaveInventorySettings(ctx context.Context, st InventorySettings, password string, clearUser bool) error {
	if s.Settings == nil {
		return hitori.KeyError(hitori.EINTERNAL, "error.internal")
	}
	old, err := s.readInventorySettings(ctx)
	if err != nil {
		return err
	}
	st.User = strings.TrimSpace(st.User)
	switch {
	case st.StaleDays < 1 || st.StaleDays > 3650:
		return hitori.FieldError("stale_days", "inventory.error.stale_days")
	case st.PrologHours < 1 || st.PrologHours > 24*30:
		return hitori.FieldError("prolog_hours", "inventory.error.prolog_hours")
	case strings.ContainsAny(st.User, ":\x00") || len(st.User) > 100:
		return hitori.FieldError("user", "inventory.error.user")
	case len(password) > 200:
		return hitori.FieldError("password", "inventory.error.password")
	}
	st.PasswordHash = old.PasswordHash
	if password != "" {
		st.PasswordHash = hashAgentPassword(password, randomSalt())
	}
	if clearUser || st.User == "" {
		st.User, st.PasswordHash = "", ""
	} else if st.PasswordHash == "" {
		return hitori.FieldError("password", "inventory.error.password")
	}
	b, _ := json.Marshal(st)
	err = s.Settings.SetSetting(ctx, InventorySettingsKey, string(b))
	s.agents.mu.Lock()
	s.agents.at = time.Time{}
	s.agents.mu.Unlock()
	return err
}

// CheckAgentCredentials reports whether an agent's Basic credentials are
// accepted: always when the site asks for none.
func (st InventorySettings) CheckAgentCredentials(user, password string, ok bool) bool {
	if st.User == "" {
		return true
	}
	return ok && user == st.User && checkAgentPassword(st.PasswordHash, password)
}

// Ingest applies one agent report: software titles are normalised for
// license counting, and unknown devices are held when the site says so.
// Reports that arrive together are written in one transaction
// (inventory_batch.go); each caller gets its own report's outcome.
func (s *Service) Ingest(ctx context.Context, r *hitori.InventoryReport, sourceIP string) (hitori.InventoryOutcome, error) {
	st, err := s.InventorySettings(ctx)
	if err != nil {
		return hitori.InventoryOutcome{}, err
	}
	if r.ReportedAt.IsZero() {
		r.ReportedAt = s.now()
	}
	opt := hitori.InventoryApply{HoldUnknown: st.HoldUnknown, SourceIP: sourceIP, TitleKey: s.titles.key}
	return s.inventory.apply(ctx, s.Store, r, opt)
}

// DecidePending approves or rejects a held report; only administrators.
func (s *Service) DecidePending(ctx context.Context, id int64, approve bool) (hitori.InventoryOutcome, error) {
	u := hitori.UserFromContext(ctx)
	if u == nil || u.Role != hitori.RoleAdmin {
		return hitori.InventoryOutcome{}, hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden")
	}
	return s.Store.DecideInventoryPending(ctx, id, approve, u.ID, s.titles.key)
}
