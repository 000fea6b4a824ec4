package report

import (
	"context"
	"math"
	"time"

	"hitori"
)

// MeasureDays is the window today's measured hours come from, scaled to a
// year: long enough to smooth a busy week, short enough to be current.
const MeasureDays = 90

// ROIInput is a proposed tool, service or outsourcing.
type ROIInput struct {
	Name          string
	InitialYen    int64           // one-off cost
	YearlyYen     int64           // running cost per year
	Kind          hitori.WorkKind // "": all work
	SavedPercent  float64         // share of the measured hours of Kind it saves
	HoursPerMonth float64         // or hours saved per month, stated directly
}

// ROIResult is the proposal's effect on a year, ready for a 稟議.
type ROIResult struct {
	Input          ROIInput
	HourlyCostYen  int64
	MeasuredHours  float64 // measured hours per year of Kind (annualised)
	SavedHours     float64 // per year
	SavedYen       int64   // per year, at the hourly cost
	NetYen         int64   // per year: saved minus running cost
	PaybackMonths  float64 // -1: never pays back
	DeflectedHours float64 // measured effect of self-service, per year
	DeflectedYen   int64
}

// ROI computes a proposal's yearly effect from today's measured hours
// (the last MeasureDays of logged time, annualised) and the configured
// hourly cost, and the measured effect of self-service already in place.
func (s *Service) ROI(ctx context.Context, in ROIInput) (*ROIResult, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	st, err := s.LoadSettings(ctx)
	if err != nil {
		return nil, err
	}
	to := s.Now()
	from := to.AddDate(0, 0, -MeasureDays)
	entries, err := s.Store.TimeEntries(ctx, from, to)
	if err != nil {
		return nil, err
	}
	minutes := 0
	for _, e := range entries {
		if in.Kind == "" || e.Kind == in.Kind {
			minutes += e.Minutes
		}
	}
	yearly := 365.0 / MeasureDays
	r := &ROIResult{Input: in, HourlyCostYen: st.HourlyCostYen}
	r.MeasuredHours = round2(float64(minutes) / 60 * yearly)
	r.SavedHours = round2(r.MeasuredHours*in.SavedPercent/100 + in.HoursPerMonth*12)
	r.SavedYen = int64(math.Round(r.SavedHours * float64(st.HourlyCostYen)))
	r.NetYen = r.SavedYen - in.YearlyYen
	r.PaybackMonths = -1
	if r.NetYen > 0 {
		r.PaybackMonths = round2(float64(in.InitialYen) / (float64(r.NetYen) / 12))
	}
	n, err := s.Store.Deflections(ctx, from, to)
	if err != nil {
		return nil, err
	}
	r.DeflectedHours = round2(float64(n*st.MinutesPerDeflection) / 60 * yearly)
	r.DeflectedYen = int64(math.Round(r.DeflectedHours * float64(st.HourlyCostYen)))
	return r, nil
}

func (in *ROIInput) validate() error {
	f := map[string]string{}
	if in.InitialYen < 0 || in.InitialYen > 1e11 {
		f["initial_yen"] = "report.error.range"
	}
	if in.YearlyYen < 0 || in.YearlyYen > 1e11 {
		f["yearly_yen"] = "report.error.range"
	}
	if in.SavedPercent < 0 || in.SavedPercent > 100 || math.IsNaN(in.SavedPercent) {
		f["saved_percent"] = "report.error.range"
	}
	if in.HoursPerMonth < 0 || in.HoursPerMonth > 744 || math.IsNaN(in.HoursPerMonth) {
		f["hours_per_month"] = "report.error.range"
	}
	if in.Kind != "" && !in.Kind.Valid() {
		f["kind"] = "report.error.range"
	}
	if len(f) > 0 {
		return &hitori.Error{Code: hitori.EINVALID, Message: "invalid ROI input", Key: "error.fields", Fields: f}
	}
	return nil
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// FiscalYear is the fiscal year after the one today falls in: its first
// and last day, the year starting in month start.
func FiscalYear(today time.Time, start int) (hitori.Date, hitori.Date) {
	y := today.Year()
	if int(today.Month()) < start {
		y--
	}
	first := time.Date(y+1, time.Month(start), 1, 0, 0, 0, 0, time.UTC)
	return hitori.DateOf(first), hitori.DateOf(first.AddDate(1, 0, -1))
}
