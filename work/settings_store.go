package work

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"hitori"
)

// Apply checks st and makes it the service's calendar, policies and
// categories. On an error nothing changes.
func (s *Service) Apply(st Settings) error {
	c, err := st.compile()
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Calendar, s.Policies, s.Category, s.settings = c.calendar, c.policies, c.byCategory, st
	return nil
}

// Settings returns the settings in force.
func (s *Service) Settings() Settings {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := s.settings
	st.Workdays, st.Categories = slices.Clone(st.Workdays), slices.Clone(st.Categories)
	st.Targets = make(map[hitori.Quadrant]Target, len(s.settings.Targets))
	for q, t := range s.settings.Targets {
		st.Targets[q] = t
	}
	return st
}

// Categories returns the categories colleagues choose from.
func (s *Service) Categories() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.settings.Categories)
}

// RefreshEvery is how old the settings may grow before StartClock reads them
// again: other hitori processes sharing one PostgreSQL database may have
// saved new ones, and a minute's delay is harmless for SLA clocks.
const RefreshEvery = time.Minute

// Refresh reloads the settings when they are older than RefreshEvery and
// the service has a settings store. A failure keeps the settings in force.
// StartClock calls it, so every channel that opens tickets sees settings
// saved by another process within a minute.
func (s *Service) Refresh(ctx context.Context) {
	store := s.Store
	if store == nil {
		return
	}
	s.mu.RLock()
	stale := time.Since(s.loadedAt) > RefreshEvery
	s.mu.RUnlock()
	if stale {
		_ = s.Load(ctx, store)
	}
}

// Load reads the stored settings and applies them; with none stored the
// defaults stay. A stored value that no longer passes the checks is an
// error and leaves the service as it was.
func (s *Service) Load(ctx context.Context, store SettingStore) error {
	v, err := store.GetSetting(ctx, SettingsKey)
	if err == nil || hitori.ErrorCode(err) == hitori.ENOTFOUND {
		s.mu.Lock()
		s.loadedAt = time.Now()
		s.mu.Unlock()
	}
	if hitori.ErrorCode(err) == hitori.ENOTFOUND {
		return nil
	}
	if err != nil {
		return fmt.Errorf("work: load settings: %w", err)
	}
	st := DefaultSettings()
	if err := json.Unmarshal([]byte(v), &st); err != nil {
		return fmt.Errorf("work: load settings: %w", err)
	}
	if err := s.Apply(st); err != nil {
		return fmt.Errorf("work: load settings: %w", err)
	}
	return nil
}

// Save checks st, stores it and applies it. Items already open keep the
// due times they were given; new items get the new clock.
func (s *Service) Save(ctx context.Context, store SettingStore, st Settings) error {
	if _, err := st.compile(); err != nil {
		return err
	}
	b, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("work: save settings: %w", err)
	}
	if err := store.SetSetting(ctx, SettingsKey, string(b)); err != nil {
		return err
	}
	return s.Apply(st)
}
