package report_test

import (
	"context"
	"testing"

	"hitori"
	"hitori/report"
	"hitori/report/reportseed"
	"hitori/sqlstore"
)

// TestReplacementPlanKnownAnswers: as of 10 December 2026 with April
// fiscal years the plan is for 2027-04-01 – 2028-03-31, and the assets
// due in it (worked out by hand in reportseed.AssetsExpect) are the
// rows, month and department sums.
func checkReplacementPlanKnownAnswers(t *testing.T, db *sqlstore.DB, svc *report.Service, exp *reportseed.Expect) {
	p, err := svc.ReplacementPlan(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := exp.Assets
	if p.From != "2027-04-01" || p.To != "2028-03-31" {
		t.Errorf("fiscal year %s – %s", p.From, p.To)
	}
	if len(p.Rows) != len(want.PlanRows) {
		t.Fatalf("%d rows, want %d: %+v", len(p.Rows), len(want.PlanRows), p.Rows)
	}
	for i, w := range want.PlanRows {
		r := p.Rows[i]
		if r.Asset.Number != w.Number || r.Due != w.Due || r.Reason != w.Reason || r.CostYen != w.Yen {
			t.Errorf("row %d: %s %s %s %d, want %+v", i, r.Asset.Number, r.Due, r.Reason, r.CostYen, w)
		}
	}
	if p.TotalYen != want.PlanTotal {
		t.Errorf("total %d, want %d", p.TotalYen, want.PlanTotal)
	}
	if len(p.ByMonth) != 12 {
		t.Errorf("%d months, want the year's 12", len(p.ByMonth))
	}
	for _, m := range p.ByMonth {
		if int64(m.Minutes) != want.PlanByMonth[m.Key] {
			t.Errorf("month %s: %d yen, want %d", m.Key, m.Minutes, want.PlanByMonth[m.Key])
		}
	}
	if len(p.ByDepartment) != len(want.PlanByDept) {
		t.Errorf("departments %v, want %v", p.ByDepartment, want.PlanByDept)
	}
	for _, d := range p.ByDepartment {
		if int64(d.Minutes) != want.PlanByDept[d.Key] {
			t.Errorf("department %q: %d yen, want %d", d.Key, d.Minutes, want.PlanByDept[d.Key])
		}
	}
}

// TestReplacementPlanSettings: a January fiscal year and a shorter PC
// life move the plan's year and add PCs.
func checkReplacementPlanSettings(t *testing.T, db *sqlstore.DB, svc *report.Service, exp *reportseed.Expect) {
	st := report.DefaultSettings()
	st.FiscalYearStart = 1
	st.LifeYears[hitori.AssetPC] = 3
	if err := svc.SaveSettings(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	p, err := svc.ReplacementPlan(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if p.From != "2027-01-01" || p.To != "2027-12-31" {
		t.Errorf("fiscal year %s – %s", p.From, p.To)
	}
	// PCs bought before 2025: PC-001 (2025-06-15), PC-002 (its OS,
	// 2025-10-14), PC-003 (2026-04-10), PC-004 (2026-03-31); with
	// SRV-001, NW-001 and OT-001. PC-006 (bought 2026-11) lasts to 2029.
	got := map[string]bool{}
	for _, r := range p.Rows {
		got[r.Asset.Number] = true
	}
	for _, n := range []string{"PC-001", "PC-002", "PC-003", "PC-004", "SRV-001", "NW-001", "OT-001"} {
		if !got[n] {
			t.Errorf("%s not in the plan: %v", n, got)
		}
	}
	if len(p.Rows) != 7 || got["PC-006"] || got["PC-005"] {
		t.Errorf("plan rows %v", got)
	}
}

// TestROIKnownAnswers: the calculator prices stated hours at the hourly
// cost and annualises the last 90 days of measured time; the data set's
// time all falls in those 90 days.
func checkROIKnownAnswers(t *testing.T, db *sqlstore.DB, svc *report.Service, exp *reportseed.Expect) {
	_, _, byKind := exp.Minutes("2000-01-01", "2100-12-31")
	total, _, _ := exp.Minutes("2000-01-01", "2100-12-31")
	year := func(minutes int) float64 { return round2(float64(minutes) / 60 * 365 / 90) }
	for _, tt := range []struct {
		name            string
		in              report.ROIInput
		measured, saved float64
		savedYen, net   int64
		payback         float64
	}{
		{"stated hours", report.ROIInput{InitialYen: 600000, YearlyYen: 120000, HoursPerMonth: 10},
			year(total), 120, 480000, 360000, 20},
		{"never pays back", report.ROIInput{InitialYen: 100000, YearlyYen: 600000, HoursPerMonth: 10},
			year(total), 120, 480000, -120000, -1},
		{"half the interruptions", report.ROIInput{InitialYen: 240000, Kind: hitori.KindInterruption, SavedPercent: 50},
			year(byKind["interruption"]), round2(year(byKind["interruption"]) / 2), 0, 0, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := svc.ROI(context.Background(), tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if r.HourlyCostYen != 4000 || r.MeasuredHours != tt.measured || r.SavedHours != tt.saved {
				t.Errorf("hourly %d, measured %v, saved %v; want 4000, %v, %v", r.HourlyCostYen, r.MeasuredHours, r.SavedHours, tt.measured, tt.saved)
			}
			savedYen, net, payback := tt.savedYen, tt.net, tt.payback
			if tt.in.Kind != "" { // from measured hours: yen at 4,000 an hour, paid back in months
				savedYen = int64(r.SavedHours*4000 + 0.5)
				net = savedYen
				payback = round2(float64(tt.in.InitialYen) / (float64(net) / 12))
			}
			if r.SavedYen != savedYen || r.NetYen != net || r.PaybackMonths != payback {
				t.Errorf("saved %d yen, net %d, payback %v months; want %d, %d, %v", r.SavedYen, r.NetYen, r.PaybackMonths, savedYen, net, payback)
			}
			// Five deflections in the 90 days at 15 minutes: 75 minutes,
			// 5.07 hours a year, 20,280 yen.
			if r.DeflectedHours != 5.07 || r.DeflectedYen != 20280 {
				t.Errorf("deflected %v hours, %d yen; want 5.07, 20280", r.DeflectedHours, r.DeflectedYen)
			}
		})
	}
	if byKind["interruption"] == 0 {
		t.Fatal("the data set has no interruption time")
	}
}

func round2(v float64) float64 { return float64(int64(v*100+0.5)) / 100 }
