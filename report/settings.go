package report

import (
	"context"
	"encoding/json"
	"fmt"

	"hitori"
)

// SettingStore keeps the reports' settings (hitori.SettingService).
type SettingStore interface {
	GetSetting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// settingsKey is where the settings live, as JSON.
const settingsKey = "report.settings"

// Settings are the figures the reports cannot measure.
type Settings struct {
	HourlyCostYen        int64 `json:"hourly_cost_yen"`        // the admin's labour cost per hour
	MinutesPerDeflection int   `json:"minutes_per_deflection"` // what one avoided inquiry would have cost
	FiscalYearStart      int   `json:"fiscal_year_start"`      // month 1–12 (April in most Japanese companies)
	// LifeYears is how long an asset type serves before replacement;
	// ReplacementYen what replacing one costs when its price is unknown.
	LifeYears      map[hitori.AssetType]int   `json:"life_years"`
	ReplacementYen map[hitori.AssetType]int64 `json:"replacement_yen"`
	// MonthlyTo are the users (viewers and admins) the monthly report is
	// mailed to.
	MonthlyTo []int64 `json:"monthly_to"`
}

// DefaultSettings suit a small Japanese company.
func DefaultSettings() Settings {
	return Settings{HourlyCostYen: 4000, MinutesPerDeflection: 15, FiscalYearStart: 4,
		LifeYears: map[hitori.AssetType]int{hitori.AssetPC: 5, hitori.AssetServer: 6, hitori.AssetNetwork: 7,
			hitori.AssetPrinter: 6, hitori.AssetPhone: 3, hitori.AssetMonitor: 7},
		ReplacementYen: map[hitori.AssetType]int64{hitori.AssetPC: 150000, hitori.AssetServer: 800000,
			hitori.AssetNetwork: 100000, hitori.AssetPrinter: 300000, hitori.AssetPhone: 80000, hitori.AssetMonitor: 30000}}
}

// Validate checks settings a form or file sent; problems are field errors.
func (st *Settings) Validate() error {
	f := map[string]string{}
	if st.HourlyCostYen < 0 || st.HourlyCostYen > 1_000_000 {
		f["hourly_cost_yen"] = "report.error.range"
	}
	if st.MinutesPerDeflection < 0 || st.MinutesPerDeflection > 24*60 {
		f["minutes_per_deflection"] = "report.error.range"
	}
	if st.FiscalYearStart < 1 || st.FiscalYearStart > 12 {
		f["fiscal_year_start"] = "report.error.range"
	}
	for t, y := range st.LifeYears {
		if y < 0 || y > 50 {
			f["life_years_"+string(t)] = "report.error.range"
		}
	}
	for t, y := range st.ReplacementYen {
		if y < 0 || y > 1_000_000_000 {
			f["replacement_yen_"+string(t)] = "report.error.range"
		}
	}
	if len(f) > 0 {
		return &hitori.Error{Code: hitori.EINVALID, Message: "invalid report settings", Key: "error.fields", Fields: f}
	}
	return nil
}

// LoadSettings returns the stored settings over the defaults.
func (s *Service) LoadSettings(ctx context.Context) (Settings, error) {
	st := DefaultSettings()
	if s.Settings == nil {
		return st, nil
	}
	v, err := s.Settings.GetSetting(ctx, settingsKey)
	if hitori.ErrorCode(err) == hitori.ENOTFOUND {
		return st, nil
	} else if err != nil {
		return st, err
	}
	if err := json.Unmarshal([]byte(v), &st); err != nil {
		return DefaultSettings(), fmt.Errorf("report: stored settings: %w", err)
	}
	return st, nil
}

// SaveSettings stores st (administrators only).
func (s *Service) SaveSettings(ctx context.Context, st Settings) error {
	if u := hitori.UserFromContext(ctx); u != nil && u.Role != hitori.RoleAdmin {
		return hitori.KeyError(hitori.EFORBIDDEN, "error.forbidden")
	}
	if err := st.Validate(); err != nil {
		return err
	}
	if s.Settings == nil {
		return hitori.Errorf(hitori.EINTERNAL, "report: no setting store")
	}
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return s.Settings.SetSetting(ctx, settingsKey, string(b))
}

// Audit action and target of a change to the report settings (catalogue
// keys "audit.settings.report" and "target.report_settings").
const (
	AuditSettings  = hitori.AuditSettingsReport
	TargetSettings = "target.report_settings"
)
