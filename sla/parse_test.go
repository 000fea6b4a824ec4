package sla

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseHolidays(t *testing.T) {
	text := "\uFEFF# 会社の休日\r\n" +
		"2026-08-13..2026-08-16 夏季休暇\r\n" +
		"\r\n" +
		"  ２０２６－０５－０１　創立記念日\n" +
		"12/29～1/3 年末年始\n" +
		"2026-12-29 〜 2027-01-03 年末年始 2026\n" +
		"＃ 全角のコメント\n" +
		"2027/1/4 仕事始め # 本社のみ\n" +
		"08-13~08-16 お盆\n"
	want := []Holiday{
		{Date{2026, 8, 13}, Date{2026, 8, 16}, "夏季休暇"},
		{Date{2026, 5, 1}, Date{2026, 5, 1}, "創立記念日"},
		{Date{0, 12, 29}, Date{0, 1, 3}, "年末年始"},
		{Date{2026, 12, 29}, Date{2027, 1, 3}, "年末年始 2026"},
		{Date{2027, 1, 4}, Date{2027, 1, 4}, "仕事始め # 本社のみ"}, // '#' only starts a comment at the line start
		{Date{0, 8, 13}, Date{0, 8, 16}, "お盆"},
	}
	got, err := ParseHolidays(text)
	if err != nil {
		t.Fatalf("ParseHolidays: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseHolidays\n got %v\nwant %v", got, want)
	}
	if again, err := ParseHolidays(FormatHolidays(got)); err != nil || !reflect.DeepEqual(again, got) {
		t.Errorf("round trip through FormatHolidays = %v, %v; want %v", again, err, got)
	}
}

func TestParseHolidaysErrors(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		line   int
		reason string // substring of the English text
		key    string
		args   []string
	}{
		{"no name", "# list\n2026-12-29", 2, "missing name", KeyMissingName, []string{"2026-12-29"}},
		{"no space before name", "2026-12-29年末年始", 1, "invalid date", KeyBadDate, []string{"2026-12-29年末年始"}},
		{"month 13", "\n\n2026-13-01 x", 3, "not a real date", KeyNotRealDate, []string{"2026-13-01"}},
		{"February 30", "2026-02-30 x", 1, "not a real date", KeyNotRealDate, []string{"2026-02-30"}},
		{"annual February 30", "02-30 x", 1, "not a real date", KeyNotRealDate, []string{"02-30"}},
		{"reversed range", "2027-01-03..2026-12-29 年末年始", 1, "ends (2026-12-29) before it starts", KeyReversedRange, []string{"2026-12-29", "2027-01-03"}},
		{"mixed range", "12-29..2027-01-03 年末年始", 1, "both ends", KeyMixedYears, nil},
		{"three-digit year", "226-12-29 x", 1, "invalid date", KeyBadDate, []string{"226-12-29"}},
		{"year zero", "0000-01-01 x", 1, "invalid date", KeyBadDate, []string{"0000-01-01"}},
		{"words", "年末年始 12/29-1/3", 1, "invalid date", KeyBadDate, []string{"年末年始"}},
		{"open range", "2026-12-29.. 年末年始", 1, "invalid date", KeyBadDate, []string{"年末年始"}},
		{"double range", "2026-01-01..2026-01-02..2026-01-03 x", 1, "invalid date", KeyBadDate, []string{"2026-01-02..2026-01-03"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs, err := ParseHolidays(tt.text)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseHolidays = %v, %v; want a *ParseError", hs, err)
			}
			if pe.Line != tt.line || !strings.Contains(pe.Reason, tt.reason) {
				t.Errorf("got line %d %q, want line %d containing %q", pe.Line, pe.Reason, tt.line, tt.reason)
			}
			if pe.Key != tt.key || !reflect.DeepEqual(pe.Args, tt.args) {
				t.Errorf("got key %q args %q, want %q %q", pe.Key, pe.Args, tt.key, tt.args)
			}
			if hs != nil {
				t.Errorf("holidays = %v, want nil on error", hs)
			}
		})
	}
}

func TestParseHolidaysReportsEveryBadLine(t *testing.T) {
	text := "2026-01-01 ok\nbad\n2026-01-02 ok\nworse\n" + strings.Repeat("x\n", 20)
	_, err := ParseHolidays(text)
	var lines []int
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		lines = append(lines, e.(*ParseError).Line)
	}
	if want := []int{2, 4, 5, 6, 7, 8, 9, 10, 11, 12}; !reflect.DeepEqual(lines, want) {
		t.Errorf("error lines = %v, want %v (capped at %d)", lines, want, maxParseErrors)
	}
	if got, want := err.Error(), "sla: holiday list line 2: invalid date"; !strings.HasPrefix(got, want) {
		t.Errorf("Error() = %q, want prefix %q", got, want)
	}
}

// FuzzParseHolidays checks that any text either fails with line-numbered
// errors or yields valid holidays that survive a FormatHolidays round
// trip and that a calendar can use without hanging.
func FuzzParseHolidays(f *testing.F) {
	for _, seed := range []string{
		"2026-12-29 年末年始",
		"2026-12-29..2027-01-03 年末年始\n# c\n12/29～1/3 x",
		"２０２６－０５－０１　創立記念日",
		"2026-12-29 〜 2027-01-03 y",
		"2026-02-30 x\n\n13-01 y",
		"\uFEFF\r\n08-13~08-16 お盆",
		"0001-01-01..9999-12-31 ずっと",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		hs, err := ParseHolidays(text)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line < 1 || hs != nil {
				t.Fatalf("error %v (holidays %v): want *ParseError with a line and no holidays", err, hs)
			}
			return
		}
		for _, h := range hs {
			if verr := h.Validate(); verr != nil || h.Name == "" {
				t.Fatalf("holiday %+v: invalid (%v) or unnamed", h, verr)
			}
		}
		again, err := ParseHolidays(FormatHolidays(hs))
		if err != nil || len(again) != len(hs) || (len(hs) > 0 && !reflect.DeepEqual(again, hs)) {
			t.Fatalf("round trip of %v = %v, %v", hs, again, err)
		}
		c := DefaultCalendar()
		c.Company = hs
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		c.Between(start, c.Add(start, 100*time.Hour))
	})
}
