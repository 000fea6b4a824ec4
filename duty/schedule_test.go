package duty_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"hitori"
	"hitori/duty"
	"hitori/sla"
)

// TestDatesEdges covers what the year test does not: leap days, the last
// weekday of a month, a Golden Week seen from either side, and a company
// closure longer than the walk to the next business day.
func TestDatesEdges(t *testing.T) {
	closed := sla.DefaultCalendar()
	closed.Company = append(closed.Company, sla.Holiday{From: sla.Date{Year: 2027, Month: 8, Day: 1},
		To: sla.Date{Year: 2027, Month: 9, Day: 30}, Name: "移転"})
	cases := []struct {
		name     string
		s        hitori.DutySchedule
		cal      *sla.Calendar
		from, to sla.Date
		want     []string // "due" or "due<nominal" when moved
	}{
		{"yearly 2/29 in a leap year and not", hitori.DutySchedule{Freq: hitori.DutyYearly, Month: 2, Day: 29, Holiday: hitori.HolidayKeep},
			nil, sla.Date{Year: 2027, Month: 1, Day: 1}, sla.Date{Year: 2028, Month: 12, Day: 31}, []string{"2027-02-28", "2028-02-29"}},
		{"monthly 31st in short months", hitori.DutySchedule{Freq: hitori.DutyMonthly, Monthly: hitori.MonthlyDay, Day: 31, Holiday: hitori.HolidayKeep},
			nil, sla.Date{Year: 2027, Month: 2, Day: 1}, sla.Date{Year: 2027, Month: 4, Day: 30}, []string{"2027-02-28", "2027-03-31", "2027-04-30"}},
		{"Golden Week 5/3, previous", hitori.DutySchedule{Freq: hitori.DutyYearly, Month: 5, Day: 3, Holiday: hitori.HolidayPrevious},
			nil, sla.Date{Year: 2027, Month: 4, Day: 1}, sla.Date{Year: 2027, Month: 5, Day: 31}, []string{"2027-04-30<2027-05-03"}},
		{"Golden Week 5/3, next", hitori.DutySchedule{Freq: hitori.DutyYearly, Month: 5, Day: 3, Holiday: hitori.HolidayNext},
			nil, sla.Date{Year: 2027, Month: 4, Day: 1}, sla.Date{Year: 2027, Month: 5, Day: 31}, []string{"2027-05-06<2027-05-03"}},
		{"a window ending before the moved day", hitori.DutySchedule{Freq: hitori.DutyYearly, Month: 5, Day: 3, Holiday: hitori.HolidayNext},
			nil, sla.Date{Year: 2027, Month: 4, Day: 1}, sla.Date{Year: 2027, Month: 5, Day: 5}, nil},
		{"fourth Thursday", hitori.DutySchedule{Freq: hitori.DutyMonthly, Monthly: hitori.MonthlyNthWeekday, Nth: 4, Weekday: time.Thursday, Holiday: hitori.HolidayNext},
			nil, sla.Date{Year: 2027, Month: 9, Day: 1}, sla.Date{Year: 2027, Month: 9, Day: 30}, []string{"2027-09-24<2027-09-23"}},
		{"weekend daily skipped on business days only", hitori.DutySchedule{Freq: hitori.DutyDaily, BusinessDaysOnly: true, Holiday: hitori.HolidayNext},
			nil, sla.Date{Year: 2027, Month: 5, Day: 1}, sla.Date{Year: 2027, Month: 5, Day: 7}, []string{"2027-05-06", "2027-05-07"}},
		{"two-month closure keeps the day", hitori.DutySchedule{Freq: hitori.DutyYearly, Month: 8, Day: 2, Holiday: hitori.HolidayNext},
			closed, sla.Date{Year: 2027, Month: 7, Day: 1}, sla.Date{Year: 2027, Month: 10, Day: 31}, []string{"2027-08-02"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cal := c.cal
			if cal == nil {
				cal = sla.DefaultCalendar()
			}
			var got []string
			for _, d := range duty.Dates(c.s, cal, c.from, c.to) {
				s := d.Due.String()
				if d.Nominal != d.Due {
					s += "<" + d.Nominal.String()
				}
				got = append(got, s)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

// TestScheduleValidate refuses what no calendar has.
func TestScheduleValidate(t *testing.T) {
	bad := []hitori.DutySchedule{
		{Freq: "hourly"},
		{Freq: hitori.DutyWeekly, Weekday: 7, Holiday: hitori.HolidayNext},
		{Freq: hitori.DutyMonthly, Monthly: hitori.MonthlyDay, Day: 32, Holiday: hitori.HolidayNext},
		{Freq: hitori.DutyMonthly, Monthly: hitori.MonthlyNthWeekday, Nth: 5, Holiday: hitori.HolidayNext},
		{Freq: hitori.DutyMonthly, Monthly: "fortnight", Holiday: hitori.HolidayNext},
		{Freq: hitori.DutyYearly, Month: 2, Day: 30, Holiday: hitori.HolidayNext},
		{Freq: hitori.DutyYearly, Month: 13, Day: 1, Holiday: hitori.HolidayNext},
		{Freq: hitori.DutyWeekly, Weekday: time.Monday, Holiday: "later"},
	}
	for i, s := range bad {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			if err := s.Validate(); hitori.ErrorCode(err) != hitori.EINVALID {
				t.Errorf("%+v: %v", s, err)
			}
		})
	}
	if err := (hitori.DutySchedule{Freq: hitori.DutyYearly, Month: 2, Day: 29, Holiday: hitori.HolidayKeep}).Validate(); err != nil {
		t.Errorf("2/29: %v", err)
	}
}
