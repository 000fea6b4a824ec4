package duty_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"hitori"
	"hitori/duty"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
	"hitori/work"
)

// fakeClock is a settable clock shared by the store and the services.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

var tokyo = time.FixedZone("JST", 9*60*60)

// holidays2027 are Japan's public holidays of 2027, written out by hand
// (not computed) so the test checks the calendar rather than repeating it.
var holidays2027 = []string{"2027-01-01", "2027-01-11", "2027-02-11", "2027-02-23", "2027-03-22", "2027-04-29",
	"2027-05-03", "2027-05-04", "2027-05-05", "2027-07-19", "2027-08-11", "2027-09-20", "2027-09-23", "2027-10-11",
	"2027-11-03", "2027-11-23"}

// businessDay2027 is the default calendar's answer by hand: a weekday, no
// public holiday, not 年末年始 (12/29–1/3).
func businessDay2027(t time.Time) bool {
	d := t.Format("2006-01-02")
	wd := t.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !slices.Contains(holidays2027, d) && d < "2027-12-29"
}

// every2027 lists the days of 2027 for which keep is true.
func every2027(keep func(time.Time) bool) []string {
	var out []string
	for t := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC); t.Year() == 2027; t = t.AddDate(0, 0, 1) {
		if keep(t) {
			out = append(out, t.Format("2006-01-02"))
		}
	}
	return out
}

// mondays2027Previous is every Monday of 2027, a holiday Monday moved to
// the Friday before, plus the Monday 2028-01-03 (年末年始) moved back to
// Tuesday 2027-12-28 — the year-end case.
func mondays2027Previous() (due []string, nominal map[string]string) {
	holidayMondays := map[string]string{"2027-01-11": "2027-01-08", "2027-03-22": "2027-03-19", "2027-05-03": "2027-04-30",
		"2027-07-19": "2027-07-16", "2027-09-20": "2027-09-17", "2027-10-11": "2027-10-08", "2028-01-03": "2027-12-28"}
	nominal = map[string]string{}
	for _, d := range append(every2027(func(t time.Time) bool { return t.Weekday() == time.Monday }), "2028-01-03") {
		if m, ok := holidayMondays[d]; ok {
			nominal[m] = d
			d = m
		}
		due = append(due, d)
	}
	return due, nominal
}

// TestDutiesAcross2027 runs the generator every morning of 2027 with a fake
// clock and checks, per schedule, the due dates of the tasks it opened on
// the work board: Japanese holidays (Golden Week, 山の日 on patch day,
// 振替休日), weekends, 年末年始 across the year end, each holiday rule,
// the lead days, and that a second run of a day opens nothing.
func TestDutiesAcross2027(t *testing.T) {
	mondays, mondaysMoved := mondays2027Previous()
	cases := []struct {
		name  string
		sched hitori.DutySchedule
		lead  int
		want  []string // due dates in 2027 (and nominal dates, where moved, in moved)
		moved map[string]string
	}{
		{"daily backup check on business days", hitori.DutySchedule{Freq: hitori.DutyDaily, BusinessDaysOnly: true}, 0,
			every2027(businessDay2027), nil},
		{"daily every day", hitori.DutySchedule{Freq: hitori.DutyDaily}, 0,
			every2027(func(time.Time) bool { return true }), nil},
		{"patch day: second Wednesday, next business day", hitori.DutySchedule{Freq: hitori.DutyMonthly,
			Monthly: hitori.MonthlyNthWeekday, Nth: 2, Weekday: time.Wednesday, Holiday: hitori.HolidayNext}, 7,
			[]string{"2027-01-13", "2027-02-10", "2027-03-10", "2027-04-14", "2027-05-12", "2027-06-09", "2027-07-14",
				"2027-08-12", "2027-09-08", "2027-10-13", "2027-11-10", "2027-12-08"},
			map[string]string{"2027-08-12": "2027-08-11"}},
		{"license review: last business day", hitori.DutySchedule{Freq: hitori.DutyMonthly,
			Monthly: hitori.MonthlyLastBusinessDay, Holiday: hitori.HolidayNext}, 3,
			[]string{"2027-01-29", "2027-02-26", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30", "2027-07-30",
				"2027-08-31", "2027-09-30", "2027-10-29", "2027-11-30", "2027-12-28"}, nil},
		{"monthly 1st, next business day (Golden Week, New Year)", hitori.DutySchedule{Freq: hitori.DutyMonthly,
			Monthly: hitori.MonthlyDay, Day: 1, Holiday: hitori.HolidayNext}, 0,
			[]string{"2027-01-04", "2027-02-01", "2027-03-01", "2027-04-01", "2027-05-06", "2027-06-01", "2027-07-01",
				"2027-08-02", "2027-09-01", "2027-10-01", "2027-11-01", "2027-12-01"},
			map[string]string{"2027-01-04": "2027-01-01", "2027-05-06": "2027-05-01", "2027-08-02": "2027-08-01"}},
		{"weekly Monday, previous business day (year end into 2028)", hitori.DutySchedule{Freq: hitori.DutyWeekly,
			Weekday: time.Monday, Holiday: hitori.HolidayPrevious}, 0, mondays, mondaysMoved},
		{"monthly 3rd, skip days off", hitori.DutySchedule{Freq: hitori.DutyMonthly, Monthly: hitori.MonthlyDay, Day: 3,
			Holiday: hitori.HolidaySkip}, 0,
			[]string{"2027-02-03", "2027-03-03", "2027-06-03", "2027-08-03", "2027-09-03", "2027-12-03"}, nil},
		{"monthly 5th, keep (こどもの日 kept)", hitori.DutySchedule{Freq: hitori.DutyMonthly, Monthly: hitori.MonthlyDay,
			Day: 5, Holiday: hitori.HolidayKeep}, 2,
			every2027(func(t time.Time) bool { return t.Day() == 5 }), nil},
		{"last Friday of the month, previous", hitori.DutySchedule{Freq: hitori.DutyMonthly, Monthly: hitori.MonthlyNthWeekday,
			Nth: -1, Weekday: time.Friday, Holiday: hitori.HolidayPrevious}, 0,
			[]string{"2027-01-29", "2027-02-26", "2027-03-26", "2027-04-30", "2027-05-28", "2027-06-25", "2027-07-30",
				"2027-08-27", "2027-09-24", "2027-10-29", "2027-11-26", "2027-12-28"},
			map[string]string{"2027-12-28": "2027-12-31"}},
		{"棚卸し: yearly 12/30, previous business day", hitori.DutySchedule{Freq: hitori.DutyYearly, Month: time.December,
			Day: 30, Holiday: hitori.HolidayPrevious}, 14, []string{"2027-12-28"}, map[string]string{"2027-12-28": "2027-12-30"}},
		{"yearly 1/2, next business day", hitori.DutySchedule{Freq: hitori.DutyYearly, Month: time.January, Day: 2,
			Holiday: hitori.HolidayNext}, 0, []string{"2027-01-04"}, map[string]string{"2027-01-04": "2027-01-02"}},
		{"contract review: yearly 4/1, keep", hitori.DutySchedule{Freq: hitori.DutyYearly, Month: time.April, Day: 1,
			Holiday: hitori.HolidayKeep}, 30, []string{"2027-04-01"}, nil},
	}
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		clock := &fakeClock{t: time.Date(2026, 12, 20, 9, 0, 0, 0, tokyo)}
		db.Now = clock.Now
		admin := &hitori.User{Email: "admin@example.com", Name: "管理者", Role: hitori.RoleAdmin}
		if err := db.Users().CreateUser(ctx, admin, "password123"); err != nil {
			t.Fatal(err)
		}
		w := work.New(db.Items(), db.Settings())
		w.Now = clock.Now
		svc := duty.New(db.Duties(), w, db.Items())
		svc.Now, svc.Location = clock.Now, tokyo
		ids := make([]int64, len(cases))
		for i, c := range cases {
			d := &hitori.Duty{Title: c.name, Checklist: []string{"確認した"}, Schedule: c.sched, LeadDays: c.lead,
				StartsOn: "2027-01-01", AssigneeID: &admin.ID}
			if err := svc.Create(ctx, d); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			ids[i] = d.ID
		}
		for day := time.Date(2027, 1, 1, 5, 0, 0, 0, tokyo); day.Year() == 2027; day = day.AddDate(0, 0, 1) {
			clock.Set(day)
			if _, err := svc.Run(ctx); err != nil {
				t.Fatalf("%s: %v", day.Format("2006-01-02"), err)
			}
			clock.Set(day.Add(6 * time.Hour))
			if n, err := svc.Run(ctx); err != nil || n != 0 {
				t.Fatalf("%s second run: opened %d, %v", day.Format("2006-01-02"), n, err)
			}
		}
		for i, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				checkOccurrences(t, db, ids[i], c.lead, c.want, c.moved)
			})
		}
	})
}

// checkOccurrences compares a duty's occurrences with the wanted due dates
// and checks each one's task and when it was opened.
func checkOccurrences(t *testing.T, db *sqlstore.DB, dutyID int64, lead int, want []string, moved map[string]string) {
	t.Helper()
	ctx := context.Background()
	list, total, err := db.Duties().FindOccurrences(ctx, hitori.OccurrenceFilter{DutyID: dutyID, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range slices.Backward(list) {
		got = append(got, string(o.DueOn))
	}
	if total != len(want) || !slices.Equal(got, want) {
		t.Fatalf("due dates (%d):\n got %v\nwant %v", total, got, want)
	}
	for _, o := range list {
		nominal := string(o.DueOn)
		if m, ok := moved[nominal]; ok {
			nominal = m
		}
		if string(o.NominalOn) != nominal {
			t.Errorf("due %s: nominal %s, want %s", o.DueOn, o.NominalOn, nominal)
		}
		due, _ := o.DueOn.Time(tokyo)
		opened := due.AddDate(0, 0, -lead)
		if first := time.Date(2027, 1, 1, 0, 0, 0, 0, tokyo); opened.Before(first) {
			opened = first
		}
		if got := o.CreatedAt.In(tokyo).Format("2006-01-02"); got != opened.Format("2006-01-02") {
			t.Errorf("due %s (lead %d): opened on %s, want %s", o.DueOn, lead, got, opened.Format("2006-01-02"))
		}
		it, err := db.Items().FindItemByID(ctx, o.ItemID)
		if err != nil {
			t.Fatal(err)
		}
		wantDue := due.Add(18 * time.Hour)
		if it.Type != hitori.TypeTask || !it.HasTag(hitori.TagDuty) || it.DueAt == nil || !it.DueAt.Equal(wantDue) ||
			it.AssigneeID == nil || !strings.Contains(it.Body, duty.OccurrencePath(dutyID, o.NominalOn)) {
			t.Fatalf("task of %s: %+v", o.DueOn, it)
		}
	}
}
