package report_test

import (
	"context"
	"testing"
	"time"

	"hitori"
	"hitori/report"
	"hitori/report/reportseed"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// seeded opens a database of each kind with the generated data set and a
// report service on it whose clock stands at 2026-12-10 12:00 in Japan.
func seeded(t *testing.T, fn func(t *testing.T, db *sqlstore.DB, svc *report.Service, exp *reportseed.Expect)) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		exp, err := reportseed.All(context.Background(), seeder(db))
		if err != nil {
			t.Fatal(err)
		}
		svc := report.New(db.Reports(), db.Settings())
		svc.Now = func() time.Time { return reportseed.Now }
		fn(t, db, svc, exp)
	})
}

// TestKnownAnswers seeds the generated data set once per database and
// checks every figure against the answers the generator knows; the one
// check that changes settings runs last.
func TestKnownAnswers(t *testing.T) {
	seeded(t, func(t *testing.T, db *sqlstore.DB, svc *report.Service, exp *reportseed.Expect) {
		for _, c := range []struct {
			name  string
			check func(*testing.T, *sqlstore.DB, *report.Service, *reportseed.Expect)
		}{
			{"time", checkTimeFiguresKnownAnswers},
			{"time day boundaries", checkTimeDayBoundaries},
			{"service", checkServiceFiguresKnownAnswers},
			{"service november pinned", checkServiceNovemberPinned},
			{"backlog", checkBacklogKnownAnswers},
			{"availability", checkAvailabilityFromRollups},
			{"replacement plan", checkReplacementPlanKnownAnswers},
			{"roi", checkROIKnownAnswers},
			{"monthly", checkMonthlyKnownAnswers},
			{"dashboard", checkDashboardKnownAnswers},
			{"replacement plan settings", checkReplacementPlanSettings}, // last: saves settings
		} {
			t.Run(c.name, func(t *testing.T) { c.check(t, db, svc, exp) })
		}
	})
}

// seeder writes the whole data set into db.
func seeder(db *sqlstore.DB) reportseed.Seeder {
	return reportseed.Seeder{Items: db.Items(), Users: db.Users(), Assets: db.Assets(), Monitors: db.Monitors(),
		Incidents: db.Incidents(), Articles: db.Articles(), Handover: db.Handover(), Duties: db.Duties(),
		SetNow: func(at time.Time) { db.Now = func() time.Time { return at } }}
}

func checkTimeFiguresKnownAnswers(t *testing.T, db *sqlstore.DB, svc *report.Service, exp *reportseed.Expect) {
	ctx := context.Background()
	tests := []struct{ name, from, to string }{
		{"november", "2026-11-01", "2026-11-30"},
		{"one day, first of month", "2026-11-01", "2026-11-01"},
		{"one day, last of october", "2026-10-31", "2026-10-31"},
		{"last of november", "2026-11-30", "2026-11-30"},
		{"first of december", "2026-12-01", "2026-12-01"},
		{"everything", "2026-01-01", "2026-12-31"},
		{"nothing logged", "2025-01-01", "2025-01-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			span, err := report.ParseSpan(tt.from, tt.to, svc.Location)
			if err != nil {
				t.Fatal(err)
			}
			got, err := svc.Time(ctx, span)
			if err != nil {
				t.Fatal(err)
			}
			total, byCat, byKind := exp.Minutes(tt.from, tt.to)
			if got.TotalMinutes != total {
				t.Errorf("total %d, want %d", got.TotalMinutes, total)
			}
			checkShares(t, "category", got.ByCategory, byCat)
			checkShares(t, "kind", got.ByKind, byKind)
			sum := 0
			for _, w := range got.PerWeek {
				sum += w.Minutes
			}
			if sum != total {
				t.Errorf("weeks sum to %d, want %d", sum, total)
			}
		})
	}
}

// TestTimeDayBoundaries pins the Japanese day: a minute logged at
// 23:59:59 belongs to that day, one at 00:00:00 to the next.
func checkTimeDayBoundaries(t *testing.T, db *sqlstore.DB, svc *report.Service, exp *reportseed.Expect) {
	for _, tt := range []struct {
		day  string
		want int // minutes on the boundary task that day
	}{{"2026-10-31", 15}, {"2026-11-01", 20}, {"2026-11-30", 25}, {"2026-12-01", 30}} {
		span, _ := report.ParseSpan(tt.day, tt.day, svc.Location)
		got, err := svc.Time(context.Background(), span)
		if err != nil {
			t.Fatal(err)
		}
		var maint int
		for _, k := range got.ByKind {
			if k.Key == string(hitori.KindMaintenance) {
				maint = k.Minutes
			}
		}
		if maint != tt.want {
			t.Errorf("%s: maintenance minutes %d, want %d", tt.day, maint, tt.want)
		}
	}
}

func checkShares(t *testing.T, what string, got []report.Minutes, want map[string]int) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d keys %v, want %d %v", what, len(got), got, len(want), want)
	}
	for i, g := range got {
		if want[g.Key] != g.Minutes {
			t.Errorf("%s %q: %d minutes, want %d", what, g.Key, g.Minutes, want[g.Key])
		}
		if i > 0 && got[i-1].Minutes < g.Minutes {
			t.Errorf("%s: not most first: %v", what, got)
		}
	}
}

func TestParseSpan(t *testing.T) {
	loc := report.Tokyo()
	for _, tt := range []struct {
		from, to string
		field    string // "" when valid
	}{
		{"2026-11-01", "2026-11-30", ""},
		{"2026-11-30", "2026-11-01", "to"},
		{"2026-13-01", "2026-11-01", "from"},
		{"", "2026-11-01", "from"},
		{"2020-01-01", "2026-11-01", "to"},
	} {
		_, err := report.ParseSpan(tt.from, tt.to, loc)
		e, _ := hitori.AsError(err)
		switch {
		case tt.field == "" && err != nil:
			t.Errorf("%s..%s: %v", tt.from, tt.to, err)
		case tt.field != "" && (e == nil || e.Fields[tt.field] == ""):
			t.Errorf("%s..%s: error %v, want a field error on %s", tt.from, tt.to, err, tt.field)
		}
	}
	s, _ := report.ParseSpan("2026-11-01", "2026-11-30", loc)
	if p := s.Previous(); p.From != "2026-10-01" || p.To != "2026-10-31" {
		t.Errorf("previous of November: %v", p)
	}
	s, _ = report.ParseSpan("2026-11-10", "2026-11-16", loc)
	if p := s.Previous(); p.From != "2026-11-03" || p.To != "2026-11-09" {
		t.Errorf("previous of a week: %v", p)
	}
}
