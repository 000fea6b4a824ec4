package sla

import (
	"strings"
	"testing"
	"time"
)

// mustTime parses "2006-01-02 15:04" in Asia/Tokyo.
func mustTime(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.ParseInLocation("2006-01-02 15:04", s, tokyo())
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// lunchCalendar is the default calendar with a 12:00–13:00 break.
func lunchCalendar() *Calendar {
	c := DefaultCalendar()
	c.Breaks = []Span{{12 * time.Hour, 13 * time.Hour}}
	return c
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(*Calendar)
		want   string // substring of the error; "" for none
	}{
		{"default", func(*Calendar) {}, ""},
		{"lunch", func(c *Calendar) { c.Breaks = lunchCalendar().Breaks }, ""},
		{"nil location means Tokyo", func(c *Calendar) { c.Loc = nil }, ""},
		{"no workdays", func(c *Calendar) { c.Workdays = [7]bool{} }, "no working weekdays"},
		{"close before open", func(c *Calendar) { c.Close = 8 * time.Hour }, "open < close"},
		{"close equals open", func(c *Calendar) { c.Close = c.Open }, "open < close"},
		{"past midnight", func(c *Calendar) { c.Close = 25 * time.Hour }, "<= 24h"},
		{"break outside hours", func(c *Calendar) { c.Breaks = []Span{{17 * time.Hour, 19 * time.Hour}} }, "break 1"},
		{"breaks out of order", func(c *Calendar) {
			c.Breaks = []Span{{15 * time.Hour, 16 * time.Hour}, {12 * time.Hour, 13 * time.Hour}}
		}, "break 2"},
		{"breaks fill the day", func(c *Calendar) {
			c.Breaks = []Span{{9 * time.Hour, 12 * time.Hour}, {12 * time.Hour, 18 * time.Hour}}
		}, "no business time"},
		{"bad company holiday", func(c *Calendar) {
			c.Company = append(c.Company, Holiday{Date{2026, 8, 16}, Date{2026, 8, 13}, "夏季休暇"})
		}, `"夏季休暇": range ends`},
		{"half-annual holiday", func(c *Calendar) {
			c.Company = append(c.Company, Holiday{Date{2026, 8, 13}, Date{0, 8, 16}, "夏季休暇"})
		}, "both ends"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultCalendar()
			tt.modify(c)
			err := c.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Validate() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestHolidayNameAndBusinessDay(t *testing.T) {
	def := DefaultCalendar()
	noPublic := DefaultCalendar()
	noPublic.NoPublicHolidays = true
	summer := DefaultCalendar()
	summer.Company = []Holiday{{Date{0, 8, 13}, Date{0, 8, 16}, "夏季休暇"}}
	tests := []struct {
		name     string
		c        *Calendar
		d        Date
		wantName string
		wantBiz  bool
	}{
		{"ordinary Wednesday", def, Date{2026, 11, 25}, "", true},
		{"Saturday", def, Date{2026, 11, 28}, "", false},
		{"public holiday", def, Date{2026, 11, 23}, "勤労感謝の日", false},
		{"public beats company", def, Date{2026, 1, 1}, "元日", false},
		{"year-end", def, Date{2026, 12, 29}, "年末年始", false},
		{"new year wraps", def, Date{2027, 1, 3}, "年末年始", false},
		{"last day before the break", def, Date{2026, 12, 28}, "", true},
		{"first day back", def, Date{2027, 1, 4}, "", true},
		{"beyond 2099 only company holidays", def, Date{2100, 12, 30}, "年末年始", false},
		{"public ignored", noPublic, Date{2026, 5, 4}, "", true},
		{"company kept when public ignored", noPublic, Date{2026, 1, 1}, "年末年始", false},
		{"annual range inside", summer, Date{2031, 8, 14}, "夏季休暇", false},
		{"annual range after", summer, Date{2031, 8, 18}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name, ok := tt.c.HolidayName(tt.d)
			if name != tt.wantName || ok != (tt.wantName != "") {
				t.Errorf("HolidayName(%v) = %q, %v; want %q", tt.d, name, ok, tt.wantName)
			}
			if got := tt.c.IsBusinessDay(tt.d); got != tt.wantBiz {
				t.Errorf("IsBusinessDay(%v) = %v, want %v", tt.d, got, tt.wantBiz)
			}
		})
	}
}

func TestDate(t *testing.T) {
	d := Date{2026, time.December, 31}
	if got, want := d.AddDays(1), (Date{2027, time.January, 1}); got != want {
		t.Errorf("AddDays(1) = %v, want %v", got, want)
	}
	if got, want := d.AddDays(-365), (Date{2025, time.December, 31}); got != want {
		t.Errorf("AddDays(-365) = %v, want %v", got, want)
	}
	if got, want := d.String(), "2026-12-31"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got, want := (Date{Month: 1, Day: 3}).String(), "01-03"; got != want {
		t.Errorf("annual String() = %q, want %q", got, want)
	}
	// 23:30 UTC is already the next day in Tokyo.
	utc := time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC)
	if got, want := DateOf(utc.In(tokyo())), (Date{2027, 1, 1}); got != want {
		t.Errorf("DateOf = %v, want %v", got, want)
	}
	if got := (Date{2026, 1, 2}).Compare(Date{2025, 12, 31}); got != 1 {
		t.Errorf("Compare = %d, want 1", got)
	}
}
