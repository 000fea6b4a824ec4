package work

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"hitori"
	"hitori/sla"
)

// SettingsKey is where Settings live in the settings table, as JSON.
const SettingsKey = "work.settings"

// SettingStore keeps named settings (sqlstore.Settings implements it).
type SettingStore interface {
	GetSetting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// Settings are what the administrator configures for the work area: the
// business calendar the SLA clocks run on, the targets per quadrant, and
// the categories colleagues pick from. Holidays is kept as typed (comments
// included) so the form shows it back unchanged.
type Settings struct {
	Holidays   string                     `json:"holidays"`
	Open       string                     `json:"open"`  // "09:00"
	Close      string                     `json:"close"` // "18:00"
	Workdays   []time.Weekday             `json:"workdays"`
	Targets    map[hitori.Quadrant]Target `json:"targets"`
	Categories []string                   `json:"categories"`
	// CategoryTargets overrides quadrant targets for a category, one rule a
	// line: "カテゴリ, 象限, 初回応答(時間), 解決(時間)", e.g. "セキュリティ, 1, 0.5, 4".
	CategoryTargets string `json:"category_targets"`
}

// Target is one quadrant's SLA in business hours; 0 means no target.
type Target struct {
	FirstResponse float64 `json:"first_response_hours"`
	Resolution    float64 `json:"resolution_hours"`
}

// Limits on settings.
const (
	MaxTargetHours  = 2000 // about a year of business days
	MaxCategories   = 50
	maxCategoryRune = hitori.MaxItemShort
)

// DefaultCategories are the usual kinds of inquiry in a small Japanese office.
var DefaultCategories = []string{"PC・周辺機器", "アカウント・パスワード", "ネットワーク・Wi-Fi", "メール・Teams",
	"ソフトウェア", "プリンター・複合機", "電話・スマートフォン", "その他"}

// DefaultSettings matches New's calendar and policies.
func DefaultSettings() Settings {
	st := Settings{Holidays: "12-29..01-03 年末年始\n", Open: "09:00", Close: "18:00",
		Workdays:   []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		Targets:    map[hitori.Quadrant]Target{},
		Categories: slices.Clone(DefaultCategories)}
	for q, p := range DefaultPolicies() {
		st.Targets[q] = Target{FirstResponse: p.FirstResponse.Hours(), Resolution: p.Resolution.Hours()}
	}
	return st
}

// SettingsError says what is wrong with Settings: catalogue keys per form
// field, and the holiday list's bad lines with their line numbers.
type SettingsError struct {
	Fields   map[string]string
	Holidays []*sla.ParseError
	// CategoryLine is the first bad line of CategoryTargets, 0 when none.
	CategoryLine int
}

func (e *SettingsError) Error() string {
	var parts []string
	for f, k := range e.Fields {
		parts = append(parts, f+": "+k)
	}
	for _, p := range e.Holidays {
		parts = append(parts, p.Error())
	}
	slices.Sort(parts)
	return "work: invalid settings: " + strings.Join(parts, "; ")
}

// TargetField names a target's form field, e.g. "q1_first".
func TargetField(q hitori.Quadrant, resolution bool) string {
	if resolution {
		return fmt.Sprintf("q%d_resolution", q)
	}
	return fmt.Sprintf("q%d_first", q)
}

// compiled is a checked Settings turned into what the clocks use.
type compiled struct {
	calendar   *sla.Calendar
	policies   Policies
	byCategory map[string]Policies
}

// compile checks st and builds its calendar and policies; it also trims
// and de-duplicates the categories in place.
func (st *Settings) compile() (compiled, error) {
	bad := &SettingsError{Fields: map[string]string{}}
	cal := sla.DefaultCalendar()
	cal.Company = nil
	hs, err := sla.ParseHolidays(st.Holidays)
	if err != nil {
		var pe *sla.ParseError
		for _, e := range joined(err) {
			if errors.As(e, &pe) {
				bad.Holidays = append(bad.Holidays, pe)
			}
		}
		bad.Fields["holidays"] = "work.settings.holidays_invalid"
	}
	cal.Company = hs
	open, okOpen := clockTime(st.Open)
	closeAt, okClose := clockTime(st.Close)
	switch {
	case !okOpen:
		bad.Fields["open"] = "work.settings.time_invalid"
	case !okClose:
		bad.Fields["close"] = "work.settings.time_invalid"
	case closeAt <= open:
		bad.Fields["close"] = "work.settings.close_before_open"
	}
	cal.Open, cal.Close = open, closeAt
	cal.Workdays = [7]bool{}
	for _, d := range st.Workdays {
		if d < time.Sunday || d > time.Saturday {
			bad.Fields["workdays"] = "error.invalid"
			continue
		}
		cal.Workdays[d] = true
	}
	if cal.Workdays == [7]bool{} {
		bad.Fields["workdays"] = "work.settings.workdays_required"
	}
	pol := Policies{}
	for q := hitori.Quadrant(1); q <= 4; q++ {
		t := st.Targets[q]
		for _, h := range []struct {
			v   float64
			res bool
		}{{t.FirstResponse, false}, {t.Resolution, true}} {
			if math.IsNaN(h.v) || h.v < 0 || h.v > MaxTargetHours {
				bad.Fields[TargetField(q, h.res)] = "work.settings.hours_invalid"
			}
		}
		if t.Resolution > 0 && t.FirstResponse > t.Resolution {
			bad.Fields[TargetField(q, true)] = "work.settings.resolution_before_first"
		}
		pol[q] = sla.Policy{FirstResponse: hours(t.FirstResponse), Resolution: hours(t.Resolution)}
	}
	var cats []string
	for _, c := range st.Categories {
		c = strings.TrimSpace(c)
		if c == "" || slices.Contains(cats, c) {
			continue
		}
		if utf8.RuneCountInString(c) > maxCategoryRune {
			bad.Fields["categories"] = "error.too_long"
		}
		cats = append(cats, c)
	}
	if len(cats) > MaxCategories {
		bad.Fields["categories"] = "work.settings.too_many_categories"
	}
	st.Categories = cats
	byCategory, badLine := parseCategoryTargets(st.CategoryTargets, pol)
	if badLine > 0 {
		bad.Fields["category_targets"] = "work.settings.category_invalid"
		bad.CategoryLine = badLine
	}
	if len(bad.Fields) > 0 {
		return compiled{}, bad
	}
	if err := cal.Validate(); err != nil {
		return compiled{}, &SettingsError{Fields: map[string]string{"holidays": "work.settings.holidays_invalid"}}
	}
	return compiled{calendar: cal, policies: pol, byCategory: byCategory}, nil
}

// joined lists the errors inside an errors.Join, or err alone.
func joined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// hours turns a number of hours into a duration, to the minute.
func hours(h float64) time.Duration {
	return time.Duration(math.Round(h*60)) * time.Minute
}

// clockTime reads "9:00", "09:00" or "24:00" as an offset from midnight.
func clockTime(s string) (time.Duration, bool) {
	hh, mm, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		return 0, false
	}
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if err1 != nil || err2 != nil || len(mm) != 2 || h < 0 || m < 0 || m > 59 || h > 24 || h == 24 && m != 0 {
		return 0, false
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, true
}
