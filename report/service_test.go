package report_test

import (
	"context"
	"math"
	"sort"
	"testing"
	"time"

	"hitori/report"
	"hitori/report/reportseed"
	"hitori/sqlstore"
)

// nearestRank is the p-th percentile of v the textbook way, written
// apart from report.Percentile so the two check each other.
func nearestRank(v []time.Duration, p int) time.Duration {
	if len(v) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), v...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	k := (p*len(s) + 99) / 100 // ceil(p/100 × n)
	return s[max(k, 1)-1]
}

// wantDurations sums the data set's times over days from..to.
func wantDurations(by map[string][]reportseed.Timed, from, to string) report.Durations {
	var d report.Durations
	var took []time.Duration
	for day, list := range by {
		if day < from || day > to {
			continue
		}
		for _, x := range list {
			took = append(took, x.Took)
			if x.HasTarget {
				d.Target++
			}
			if x.Met {
				d.Met++
			}
		}
	}
	d.Count, d.Median, d.P90 = len(took), nearestRank(took, 50), nearestRank(took, 90)
	return d
}

func sumDays(m map[string]int, from, to string) int {
	n := 0
	for day, v := range m {
		if day >= from && day <= to {
			n += v
		}
	}
	return n
}

func checkServiceFiguresKnownAnswers(t *testing.T, db *sqlstore.DB, svc *report.Service, exp *reportseed.Expect) {
	for _, tt := range []struct{ name, from, to, prevFrom, prevTo string }{
		{"november", "2026-11-01", "2026-11-30", "2026-10-01", "2026-10-31"},
		{"a week", "2026-11-02", "2026-11-08", "2026-10-26", "2026-11-01"},
		{"one day", "2026-10-25", "2026-10-25", "2026-10-24", "2026-10-24"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			span, _ := report.ParseSpan(tt.from, tt.to, svc.Location)
			f, err := svc.Service(context.Background(), span)
			if err != nil {
				t.Fatal(err)
			}
			if want := sumDays(exp.Opened, tt.from, tt.to); f.Opened != want {
				t.Errorf("opened %d, want %d", f.Opened, want)
			}
			if want := sumDays(exp.Resolved, tt.from, tt.to); f.Resolved != want {
				t.Errorf("resolved %d, want %d", f.Resolved, want)
			}
			if want := sumDays(exp.Opened, tt.prevFrom, tt.prevTo); f.PrevOpened != want {
				t.Errorf("previous opened %d, want %d", f.PrevOpened, want)
			}
			if want := sumDays(exp.Resolved, tt.prevFrom, tt.prevTo); f.PrevResolved != want {
				t.Errorf("previous resolved %d, want %d", f.PrevResolved, want)
			}
			if want := wantDurations(exp.FirstResponse, tt.from, tt.to); f.FirstResponse != want {
				t.Errorf("first response %+v, want %+v", f.FirstResponse, want)
			}
			if want := wantDurations(exp.Resolution, tt.from, tt.to); f.Resolution != want {
				t.Errorf("resolution %+v, want %+v", f.Resolution, want)
			}
			if want := sumDays(exp.Deflected, tt.from, tt.to); f.Deflections != want || f.DeflectedMinutes != 15*want {
				t.Errorf("deflections %d (%d minutes), want %d", f.Deflections, f.DeflectedMinutes, want)
			}
		})
	}
}

// TestServiceNovemberPinned pins November's figures as numbers worked
// out from the generator's rules, so a change to the data set or to the
// counting shows up here and not only as a moved expectation.
func checkServiceNovemberPinned(t *testing.T, db *sqlstore.DB, svc *report.Service, exp *reportseed.Expect) {
	span, _ := report.MonthSpan("2026-11", svc.Location)
	f, err := svc.Service(context.Background(), span)
	if err != nil {
		t.Fatal(err)
	}
	// Item i opens on 20 October + i/2 days: i 24–83 in November
	// (60), and the outage's item.
	if f.Opened != 61 {
		t.Errorf("opened %d, want 61", f.Opened)
	}
	// The boundary deflections: 1 Nov 00:00:00 and 30 Nov 23:59:59 in,
	// 31 Oct 23:59:59 and 1 Dec 00:00:00 out, one mid-month.
	if f.Deflections != 3 || f.DeflectedMinutes != 45 {
		t.Errorf("deflections %d / %d minutes, want 3 / 45", f.Deflections, f.DeflectedMinutes)
	}
	if f.FirstResponse.Met > f.FirstResponse.Target || f.FirstResponse.Target != f.FirstResponse.Count {
		t.Errorf("first response %+v: every answered ticket had a target", f.FirstResponse)
	}
	if got := f.Resolution.MetShare(); got <= 0 || got >= 100 {
		t.Errorf("resolution met share %.1f%%: some tickets (every fifth, with 24 hours) miss", got)
	}
}

func checkBacklogKnownAnswers(t *testing.T, db *sqlstore.DB, svc *report.Service, exp *reportseed.Expect) {
	span, _ := report.MonthSpan("2026-11", svc.Location)
	f, err := svc.Service(context.Background(), span)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	var ages []time.Duration
	for _, c := range exp.OpenCreated {
		age := reportseed.Now.Sub(c)
		ages = append(ages, age)
		switch days := age.Hours() / 24; {
		case days < 1:
			want["lt1d"]++
		case days < 7:
			want["1to7d"]++
		case days < 30:
			want["7to30d"]++
		default:
			want["gt30d"]++
		}
	}
	if f.Backlog != exp.Open || f.Backlog != len(exp.OpenCreated) {
		t.Errorf("backlog %d, want %d", f.Backlog, exp.Open)
	}
	for _, b := range f.BacklogAges {
		if b.Count != want[b.Key] {
			t.Errorf("backlog %s: %d, want %d", b.Key, b.Count, want[b.Key])
		}
	}
	if m := nearestRank(ages, 50); f.BacklogMedian != m {
		t.Errorf("backlog median %v, want %v", f.BacklogMedian, m)
	}
	// Every fourth item stays open (i = 3, 7, …, 99), with the boundary
	// task of 31 October and the duty tasks of 8 and 10 December: the
	// oldest ten items and the boundary task are past 30 days (item 43
	// opened at 12:10 on 10 November, ten minutes short), the 10
	// December task is hours old.
	pinned := map[string]int{"lt1d": 1, "1to7d": 4, "7to30d": 12, "gt30d": 11}
	for k, v := range pinned {
		if want[k] != v {
			t.Errorf("data set's backlog %s: %d, pinned %d", k, want[k], v)
		}
	}
}

func checkAvailabilityFromRollups(t *testing.T, db *sqlstore.DB, svc *report.Service, exp *reportseed.Expect) {
	for _, tt := range []struct {
		month               string
		checks, up, outages map[string]int
		downHours           map[string]float64
	}{
		{"2026-11", exp.Monitors.NovChecks, exp.Monitors.NovUp, map[string]int{"UTM": 1}, map[string]float64{"UTM": 12}},
		{"2026-10", map[string]int{}, map[string]int{}, map[string]int{}, map[string]float64{}},
	} {
		span, _ := report.MonthSpan(tt.month, svc.Location)
		f, err := svc.Service(context.Background(), span)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Availability) != 3 {
			t.Fatalf("%s: %d monitors, want 3", tt.month, len(f.Availability))
		}
		for _, a := range f.Availability {
			if a.Checks != tt.checks[a.Name] {
				t.Errorf("%s %s: %d checks, want %d", tt.month, a.Name, a.Checks, tt.checks[a.Name])
			}
			want := -1.0
			if n := tt.checks[a.Name]; n > 0 {
				want = float64(tt.up[a.Name]) * 100 / float64(n)
			}
			if math.Abs(a.Percent-want) > 1e-9 {
				t.Errorf("%s %s: %.4f%%, want %.4f%%", tt.month, a.Name, a.Percent, want)
			}
			if a.Outages != tt.outages[a.Name] || a.Down.Hours() != tt.downHours[a.Name] {
				t.Errorf("%s %s: %d outages, %v down; want %d, %vh", tt.month, a.Name, a.Outages, a.Down, tt.outages[a.Name], tt.downHours[a.Name])
			}
		}
	}
	span, _ := report.MonthSpan("2026-11", svc.Location)
	f, _ := svc.Service(context.Background(), span)
	for _, a := range f.Availability {
		if a.Name == "UTM" && report.Num2(a.Percent) != "83.33" {
			t.Errorf("UTM in November: %s%%, want 83.33%%", report.Num2(a.Percent))
		}
	}
}
