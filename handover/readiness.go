package handover

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"hitori"
)

// SettingRunbookDays is the settings key of RunbookPeriodDays.
const SettingRunbookDays = "handover.runbook_days"

// DefaultRunbookDays is how recently a runbook without a review date must
// have been updated to count as reviewed. The knowledge base stores a
// review date (ReviewBy) per article; only articles without one fall back
// to their last update.
const DefaultRunbookDays = 365

// BackupCheck decides the readiness check "backup checked" for one
// system. It is the hook for recurring duties (a checked backup-restore
// duty may count); until those exist HeartbeatBackupCheck decides.
type BackupCheck func(ctx context.Context, sys *hitori.System) (bool, error)

// HeartbeatBackupCheck passes a system with a linked heartbeat monitor
// that is up: the backup job calls its heartbeat URL after each run.
func HeartbeatBackupCheck(_ context.Context, sys *hitori.System) (bool, error) {
	for _, l := range sys.LinksOf(hitori.LinkMonitor) {
		if !l.Missing && l.MonitorType == hitori.MonitorHeartbeat && l.MonitorStatus == hitori.MonitorUp {
			return true, nil
		}
	}
	return false, nil
}

// RunbookDays returns the configured period, or the default.
func (s *Service) RunbookDays(ctx context.Context) (int, error) {
	v, err := s.setting(ctx, SettingRunbookDays)
	if err != nil {
		return 0, err
	}
	if n, err := strconv.Atoi(v); err == nil && n > 0 && n <= 3650 {
		return n, nil
	}
	return DefaultRunbookDays, nil
}

// Readiness scores every system and lists the gaps, most critical first.
func (s *Service) Readiness(ctx context.Context) (*hitori.Readiness, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	systems, err := s.Store.AllSystems(ctx)
	if err != nil {
		return nil, err
	}
	days, err := s.RunbookDays(ctx)
	if err != nil {
		return nil, err
	}
	kit := false
	if s.Vault != nil {
		m, err := s.Vault.FindVaultMeta(ctx)
		if err != nil && hitori.ErrorCode(err) != hitori.ENOTFOUND {
			return nil, err
		}
		kit = err == nil && !m.KitIssued.IsZero()
	}
	backup := s.BackupCheck
	if backup == nil {
		backup = HeartbeatBackupCheck
	}
	return Score(ctx, systems, kit, s.now(), days, backup)
}

// Score computes the readiness of systems at now: kit says whether the
// emergency kit was issued, runbookDays how recent an undated runbook
// must be.
func Score(ctx context.Context, systems []*hitori.System, kit bool, now time.Time, runbookDays int, backup BackupCheck) (*hitori.Readiness, error) {
	r := &hitori.Readiness{KitIssued: kit, RunbookPeriodDays: runbookDays}
	ordered := slices.Clone(systems)
	slices.SortStableFunc(ordered, func(a, b *hitori.System) int { return a.Criticality.Rank() - b.Criticality.Rank() })
	var weighted, weights int
	for _, sys := range ordered {
		sr := &hitori.SystemReadiness{System: sys}
		for _, c := range hitori.ReadinessChecks {
			ok, err := passes(ctx, c, sys, kit, now, runbookDays, backup)
			if err != nil {
				return nil, err
			}
			if ok {
				sr.Passed = append(sr.Passed, c)
				continue
			}
			sr.Missing = append(sr.Missing, c)
			if c != hitori.CheckKit {
				r.Gaps = append(r.Gaps, hitori.ReadinessGap{SystemID: sys.ID, System: sys.Name,
					Criticality: sys.Criticality, Check: c, FixURL: FixURL(c, sys)})
			}
		}
		sr.Score = 100 * len(sr.Passed) / len(hitori.ReadinessChecks)
		w := weight(sys.Criticality)
		weighted += sr.Score * w
		weights += w
		r.Systems = append(r.Systems, sr)
	}
	if weights > 0 {
		r.Score = weighted / weights
	}
	if !kit && len(systems) > 0 {
		// One gap for the whole vault, ahead of the rest: without a kit
		// nobody else can open any credential.
		r.Gaps = append([]hitori.ReadinessGap{{Criticality: hitori.CriticalHigh, Check: hitori.CheckKit,
			FixURL: FixURL(hitori.CheckKit, nil)}}, r.Gaps...)
	}
	return r, nil
}

func weight(c hitori.Criticality) int {
	switch c {
	case hitori.CriticalHigh:
		return 3
	case hitori.CriticalMedium:
		return 2
	}
	return 1
}

func passes(ctx context.Context, c hitori.ReadinessCheck, sys *hitori.System, kit bool, now time.Time, days int, backup BackupCheck) (bool, error) {
	present := func(k hitori.LinkKind) bool {
		for _, l := range sys.LinksOf(k) {
			if !l.Missing {
				return true
			}
		}
		return false
	}
	switch c {
	case hitori.CheckOwner:
		return sys.HasOwner(), nil
	case hitori.CheckVendor:
		return sys.VendorID != 0, nil
	case hitori.CheckContract:
		return len(sys.Contracts) > 0, nil
	case hitori.CheckRunbook:
		return RunbookReviewed(sys, now, days), nil
	case hitori.CheckCredentials:
		return present(hitori.LinkVault), nil
	case hitori.CheckKit:
		return kit, nil
	case hitori.CheckMonitored:
		return present(hitori.LinkMonitor), nil
	case hitori.CheckBackup:
		return backup(ctx, sys)
	}
	return false, nil
}

// RunbookReviewed reports whether one linked article is within its review
// date (ReviewBy not past), or, when it has none, was updated within days.
func RunbookReviewed(sys *hitori.System, now time.Time, days int) bool {
	for _, l := range sys.LinksOf(hitori.LinkArticle) {
		switch {
		case l.Missing:
		case l.ReviewBy != nil:
			if !l.ReviewBy.Before(now) {
				return true
			}
		case !l.UpdatedAt.Before(now.AddDate(0, 0, -days)):
			return true
		}
	}
	return false
}

// FixURL is the page that fixes a gap of sys (nil for the vault's kit).
func FixURL(c hitori.ReadinessCheck, sys *hitori.System) string {
	if sys == nil {
		return "/vault"
	}
	edit := fmt.Sprintf("/systems/%d/edit", sys.ID)
	switch c {
	case hitori.CheckContract:
		return fmt.Sprintf("/contracts/new?system=%d", sys.ID)
	case hitori.CheckRunbook:
		for _, l := range sys.LinksOf(hitori.LinkArticle) {
			if !l.Missing {
				return "/kb/" + l.Ref + "/edit" // review the runbook that is linked
			}
		}
		return edit + "#links"
	case hitori.CheckCredentials, hitori.CheckMonitored:
		return edit + "#links"
	case hitori.CheckBackup:
		return "/monitors/new?type=heartbeat"
	case hitori.CheckKit:
		return "/vault"
	}
	return edit
}
