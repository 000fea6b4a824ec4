package sla

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// official is the Cabinet Office list (内閣府「国民の祝日について」,
// syukujitsu.csv) for 2000–2027, dates only: the CSV calls every
// substitute day just 休日, so names are checked separately below.
const official = `
2000: 1/1 1/10 2/11 3/20 4/29 5/3 5/4 5/5 7/20 9/15 9/23 10/9 11/3 11/23 12/23
2001: 1/1 1/8 2/11 2/12 3/20 4/29 4/30 5/3 5/4 5/5 7/20 9/15 9/23 9/24 10/8 11/3 11/23 12/23 12/24
2002: 1/1 1/14 2/11 3/21 4/29 5/3 5/4 5/5 5/6 7/20 9/15 9/16 9/23 10/14 11/3 11/4 11/23 12/23
2003: 1/1 1/13 2/11 3/21 4/29 5/3 5/5 7/21 9/15 9/23 10/13 11/3 11/23 11/24 12/23
2004: 1/1 1/12 2/11 3/20 4/29 5/3 5/4 5/5 7/19 9/20 9/23 10/11 11/3 11/23 12/23
2005: 1/1 1/10 2/11 3/20 3/21 4/29 5/3 5/4 5/5 7/18 9/19 9/23 10/10 11/3 11/23 12/23
2006: 1/1 1/2 1/9 2/11 3/21 4/29 5/3 5/4 5/5 7/17 9/18 9/23 10/9 11/3 11/23 12/23
2007: 1/1 1/8 2/11 2/12 3/21 4/29 4/30 5/3 5/4 5/5 7/16 9/17 9/23 9/24 10/8 11/3 11/23 12/23 12/24
2008: 1/1 1/14 2/11 3/20 4/29 5/3 5/4 5/5 5/6 7/21 9/15 9/23 10/13 11/3 11/23 11/24 12/23
2009: 1/1 1/12 2/11 3/20 4/29 5/3 5/4 5/5 5/6 7/20 9/21 9/22 9/23 10/12 11/3 11/23 12/23
2010: 1/1 1/11 2/11 3/21 3/22 4/29 5/3 5/4 5/5 7/19 9/20 9/23 10/11 11/3 11/23 12/23
2011: 1/1 1/10 2/11 3/21 4/29 5/3 5/4 5/5 7/18 9/19 9/23 10/10 11/3 11/23 12/23
2012: 1/1 1/2 1/9 2/11 3/20 4/29 4/30 5/3 5/4 5/5 7/16 9/17 9/22 10/8 11/3 11/23 12/23 12/24
2013: 1/1 1/14 2/11 3/20 4/29 5/3 5/4 5/5 5/6 7/15 9/16 9/23 10/14 11/3 11/4 11/23 12/23
2014: 1/1 1/13 2/11 3/21 4/29 5/3 5/4 5/5 5/6 7/21 9/15 9/23 10/13 11/3 11/23 11/24 12/23
2015: 1/1 1/12 2/11 3/21 4/29 5/3 5/4 5/5 5/6 7/20 9/21 9/22 9/23 10/12 11/3 11/23 12/23
2016: 1/1 1/11 2/11 3/20 3/21 4/29 5/3 5/4 5/5 7/18 8/11 9/19 9/22 10/10 11/3 11/23 12/23
2017: 1/1 1/2 1/9 2/11 3/20 4/29 5/3 5/4 5/5 7/17 8/11 9/18 9/23 10/9 11/3 11/23 12/23
2018: 1/1 1/8 2/11 2/12 3/21 4/29 4/30 5/3 5/4 5/5 7/16 8/11 9/17 9/23 9/24 10/8 11/3 11/23 12/23 12/24
2019: 1/1 1/14 2/11 3/21 4/29 4/30 5/1 5/2 5/3 5/4 5/5 5/6 7/15 8/11 8/12 9/16 9/23 10/14 10/22 11/3 11/4 11/23
2020: 1/1 1/13 2/11 2/23 2/24 3/20 4/29 5/3 5/4 5/5 5/6 7/23 7/24 8/10 9/21 9/22 11/3 11/23
2021: 1/1 1/11 2/11 2/23 3/20 4/29 5/3 5/4 5/5 7/22 7/23 8/8 8/9 9/20 9/23 11/3 11/23
2022: 1/1 1/10 2/11 2/23 3/21 4/29 5/3 5/4 5/5 7/18 8/11 9/19 9/23 10/10 11/3 11/23
2023: 1/1 1/2 1/9 2/11 2/23 3/21 4/29 5/3 5/4 5/5 7/17 8/11 9/18 9/23 10/9 11/3 11/23
2024: 1/1 1/8 2/11 2/12 2/23 3/20 4/29 5/3 5/4 5/5 5/6 7/15 8/11 8/12 9/16 9/22 9/23 10/14 11/3 11/4 11/23
2025: 1/1 1/13 2/11 2/23 2/24 3/20 4/29 5/3 5/4 5/5 5/6 7/21 8/11 9/15 9/23 10/13 11/3 11/23 11/24
2026: 1/1 1/12 2/11 2/23 3/20 4/29 5/3 5/4 5/5 5/6 7/20 8/11 9/21 9/22 9/23 10/12 11/3 11/23
2027: 1/1 1/11 2/11 2/23 3/21 3/22 4/29 5/3 5/4 5/5 7/19 8/11 9/20 9/23 10/11 11/3 11/23
`

func TestJapaneseHolidaysMatchOfficialDates(t *testing.T) {
	for _, line := range strings.Split(strings.TrimSpace(official), "\n") {
		yearText, dates, _ := strings.Cut(line, ": ")
		t.Run(yearText, func(t *testing.T) {
			var year int
			fmt.Sscan(yearText, &year)
			var got []string
			for _, h := range JapaneseHolidays(year) {
				got = append(got, fmt.Sprintf("%d/%d", h.From.Month, h.From.Day))
			}
			if g := strings.Join(got, " "); g != dates {
				t.Errorf("JapaneseHolidays(%d)\n got %s\nwant %s", year, g, dates)
			}
		})
	}
}

func TestJapaneseHolidaysNames(t *testing.T) {
	tests := map[int]string{
		2025: "01-01 元日, 01-13 成人の日, 02-11 建国記念の日, 02-23 天皇誕生日, 02-24 振替休日, 03-20 春分の日, 04-29 昭和の日, 05-03 憲法記念日, 05-04 みどりの日, 05-05 こどもの日, 05-06 振替休日, 07-21 海の日, 08-11 山の日, 09-15 敬老の日, 09-23 秋分の日, 10-13 スポーツの日, 11-03 文化の日, 11-23 勤労感謝の日, 11-24 振替休日",
		2026: "01-01 元日, 01-12 成人の日, 02-11 建国記念の日, 02-23 天皇誕生日, 03-20 春分の日, 04-29 昭和の日, 05-03 憲法記念日, 05-04 みどりの日, 05-05 こどもの日, 05-06 振替休日, 07-20 海の日, 08-11 山の日, 09-21 敬老の日, 09-22 国民の休日, 09-23 秋分の日, 10-12 スポーツの日, 11-03 文化の日, 11-23 勤労感謝の日",
		2027: "01-01 元日, 01-11 成人の日, 02-11 建国記念の日, 02-23 天皇誕生日, 03-21 春分の日, 03-22 振替休日, 04-29 昭和の日, 05-03 憲法記念日, 05-04 みどりの日, 05-05 こどもの日, 07-19 海の日, 08-11 山の日, 09-20 敬老の日, 09-23 秋分の日, 10-11 スポーツの日, 11-03 文化の日, 11-23 勤労感謝の日",
		2019: "01-01 元日, 01-14 成人の日, 02-11 建国記念の日, 03-21 春分の日, 04-29 昭和の日, 04-30 国民の休日, 05-01 即位の日, 05-02 国民の休日, 05-03 憲法記念日, 05-04 みどりの日, 05-05 こどもの日, 05-06 振替休日, 07-15 海の日, 08-11 山の日, 08-12 振替休日, 09-16 敬老の日, 09-23 秋分の日, 10-14 体育の日, 10-22 即位礼正殿の儀の行われる日, 11-03 文化の日, 11-04 振替休日, 11-23 勤労感謝の日",
		2000: "01-01 元日, 01-10 成人の日, 02-11 建国記念の日, 03-20 春分の日, 04-29 みどりの日, 05-03 憲法記念日, 05-04 国民の休日, 05-05 こどもの日, 07-20 海の日, 09-15 敬老の日, 09-23 秋分の日, 10-09 体育の日, 11-03 文化の日, 11-23 勤労感謝の日, 12-23 天皇誕生日",
	}
	for year, want := range tests {
		t.Run(fmt.Sprint(year), func(t *testing.T) {
			var got []string
			for _, h := range JapaneseHolidays(year) {
				if h.From != h.To || h.From.Year != year {
					t.Errorf("holiday %+v: want a single day in %d", h, year)
				}
				got = append(got, fmt.Sprintf("%02d-%02d %s", h.From.Month, h.From.Day, h.Name))
			}
			if g := strings.Join(got, ", "); g != want {
				t.Errorf("JapaneseHolidays(%d)\n got %s\nwant %s", year, g, want)
			}
		})
	}
}

func TestJapaneseHolidaysOutOfRange(t *testing.T) {
	for _, year := range []int{1999, 2100, 0, -5} {
		if got := JapaneseHolidays(year); got != nil {
			t.Errorf("JapaneseHolidays(%d) = %v, want nil", year, got)
		}
	}
}

// TestJapaneseHolidaysInvariants checks every covered year against rules
// that hold whatever the dates: sorted, unique, never a substitute on a
// Sunday, and a 振替休日 follows a run of holidays that includes a Sunday.
func TestJapaneseHolidaysInvariants(t *testing.T) {
	for year := firstRuleYear; year <= lastRuleYear; year++ {
		hs := JapaneseHolidays(year)
		if n := len(hs); n < 15 || n > 22 {
			t.Errorf("%d: %d holidays, want 15–22", year, n)
		}
		seen := map[Date]bool{}
		for i, h := range hs {
			if i > 0 && hs[i-1].From.Compare(h.From) >= 0 {
				t.Errorf("%d: %v not after %v", year, h.From, hs[i-1].From)
			}
			seen[h.From] = true
			if h.Name == "振替休日" {
				if h.From.Weekday() == time.Sunday {
					t.Errorf("%d: 振替休日 on Sunday %v", year, h.From)
				}
				d := h.From.AddDays(-1)
				for seen[d] && d.Weekday() != time.Sunday {
					d = d.AddDays(-1)
				}
				if !seen[d] {
					t.Errorf("%d: 振替休日 %v follows no Sunday holiday", year, h.From)
				}
			}
		}
		if year >= 2016 && year != 2020 && year != 2021 && !seen[Date{year, time.August, 11}] {
			t.Errorf("%d: 山の日 8/11 missing", year)
		}
	}
}
