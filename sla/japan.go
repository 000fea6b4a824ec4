package sla

import (
	"slices"
	"time"
)

// The years JapaneseHolidays covers: the Happy Monday system starts in
// 2000 and the equinox formula is only published as valid to 2099.
const (
	firstRuleYear = 2000
	lastRuleYear  = 2099
)

// JapaneseHolidays returns the public holidays of year in date order,
// computed from 国民の祝日に関する法律 as amended up to 2021, including
// 振替休日 and 国民の休日. It returns nil outside 2000–2099.
//
// The one-off holidays of 2019 (即位の日, 即位礼正殿の儀) and the
// Olympic moves of 2020 and 2021 are included. 春分の日 and 秋分の日
// use the usual approximation formula; the Cabinet Office fixes the real
// dates each February for the following year, so a year more than one
// year ahead may differ if the formula and the observatory ever disagree.
// Laws passed after 2021 are not known to this function.
func JapaneseHolidays(year int) []Holiday {
	if year < firstRuleYear || year > lastRuleYear {
		return nil
	}
	named := make(map[Date]string) // the 国民の祝日 proper, before 振替/国民の休日
	add := func(m time.Month, day int, name string) { named[Date{year, m, day}] = name }

	add(time.January, 1, "元日")
	add(time.January, nthMonday(year, time.January, 2), "成人の日")
	add(time.February, 11, "建国記念の日")
	switch {
	case year <= 2018:
		add(time.December, 23, "天皇誕生日")
	case year >= 2020: // 2019 had no 天皇誕生日: the abdication fell between the two dates
		add(time.February, 23, "天皇誕生日")
	}
	add(time.March, equinoxDay(year, 20843100), "春分の日")
	if year >= 2007 {
		add(time.April, 29, "昭和の日")
		add(time.May, 4, "みどりの日")
	} else {
		add(time.April, 29, "みどりの日")
	}
	add(time.May, 3, "憲法記念日")
	add(time.May, 5, "こどもの日")
	if year == 2019 {
		add(time.May, 1, "即位の日")
		add(time.October, 22, "即位礼正殿の儀の行われる日")
	}
	addSummer(year, add)
	if year <= 2002 {
		add(time.September, 15, "敬老の日")
	} else {
		add(time.September, nthMonday(year, time.September, 3), "敬老の日")
	}
	add(time.September, equinoxDay(year, 23248800), "秋分の日")
	add(time.November, 3, "文化の日")
	add(time.November, 23, "勤労感謝の日")

	out := make([]Holiday, 0, len(named)+4)
	for d, name := range named {
		out = append(out, Holiday{From: d, To: d, Name: name})
	}
	out = append(out, derivedHolidays(year, named)...)
	slices.SortFunc(out, func(a, b Holiday) int { return a.From.Compare(b.From) })
	return out
}

// addSummer adds 海の日, 山の日 and 体育の日/スポーツの日, the three that
// the Tokyo Olympics moved in 2020 and (postponed) 2021.
func addSummer(year int, add func(time.Month, int, string)) {
	sports := "スポーツの日"
	if year < 2020 {
		sports = "体育の日"
	}
	switch year {
	case 2020:
		add(time.July, 23, "海の日")
		add(time.July, 24, sports)
		add(time.August, 10, "山の日")
		return
	case 2021:
		add(time.July, 22, "海の日")
		add(time.July, 23, sports)
		add(time.August, 8, "山の日")
		return
	}
	if year <= 2002 {
		add(time.July, 20, "海の日")
	} else {
		add(time.July, nthMonday(year, time.July, 3), "海の日")
	}
	if year >= 2016 {
		add(time.August, 11, "山の日")
	}
	add(time.October, nthMonday(year, time.October, 2), sports)
}

// derivedHolidays returns the 振替休日 and 国民の休日 that the named
// holidays of year imply.
func derivedHolidays(year int, named map[Date]string) []Holiday {
	var out []Holiday
	substitute := make(map[Date]bool)
	for d := range named {
		if d.Weekday() != time.Sunday {
			continue
		}
		next := d.AddDays(1)
		if year >= 2007 {
			// Since 2007 the substitute is the nearest day that is not itself a
			// holiday (a Sunday 5/3 gives 5/6); before, only the Monday counted.
			for named[next] != "" {
				next = next.AddDays(1)
			}
		} else if named[next] != "" {
			continue
		}
		substitute[next] = true
		out = append(out, Holiday{From: next, To: next, Name: "振替休日"})
	}
	for d := range named {
		mid := d.AddDays(1)
		if named[mid] != "" || named[mid.AddDays(1)] == "" || substitute[mid] {
			continue
		}
		// Before 2007 a sandwiched Sunday stayed a plain Sunday (2003-05-04).
		if year < 2007 && mid.Weekday() == time.Sunday {
			continue
		}
		out = append(out, Holiday{From: mid, To: mid, Name: "国民の休日"})
	}
	return out
}

// nthMonday returns the day of the month of the nth Monday of m.
func nthMonday(year int, m time.Month, n int) int {
	first := Date{year, m, 1}.Weekday()
	offset := (int(time.Monday) - int(first) + 7) % 7
	return 1 + offset + 7*(n-1)
}

// equinoxDay applies the standard approximation for 1980–2099,
// day = floor(base + 0.242194·(y−1980)) − floor((y−1980)/4), in integer
// millionths so that no floating-point rounding can shift a day.
// base is 20.8431 (春分) or 23.2488 (秋分), given in millionths.
func equinoxDay(year int, base int) int {
	n := year - 1980
	return (base+242194*n)/1000000 - n/4
}
