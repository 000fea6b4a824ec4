// Package reportseed writes a generated data set whose report figures are
// known: items of every kind, minutes logged on them at chosen instants
// (the Asia/Tokyo day boundaries included), answers and resolutions,
// assets and licenses with dates ahead. The report tests, the web tests
// and the end-to-end tests check the reports' numbers against Expect.
package reportseed

import (
	"context"
	"fmt"
	"time"

	"hitori"
)

// Seeder is where the data goes: the stores, and the clock they stamp
// rows with (sqlstore.DB.Now).
type Seeder struct {
	Items  hitori.ItemService
	Assets hitori.AssetStore // nil: no assets or licenses
	SetNow func(time.Time)
}

// Entry is one logging of minutes as the generator made it.
type Entry struct {
	Day      string // YYYY-MM-DD in Japan (computed at +09:00, independently of the reports)
	Category string
	Kind     hitori.WorkKind
	Minutes  int
}

// Expect is what the generator wrote, to compute known answers from.
type Expect struct {
	Entries []Entry
	// Opened counts items by the Japanese day they were opened.
	Opened map[string]int
	// Interruptions counts interruption items by the day they were opened.
	Interruptions map[string]int
	// Resolved counts items by the day they were resolved.
	Resolved map[string]int
	// FirstResponse and Resolution are each ticket's times, by opening day
	// (first response) and resolution day.
	FirstResponse map[string][]time.Duration
	Resolution    map[string][]time.Duration
	Open          int // items left open
}

// Minutes sums the entries from..to (days, inclusive) by category and kind.
func (e *Expect) Minutes(from, to string) (total int, byCategory, byKind map[string]int) {
	byCategory, byKind = map[string]int{}, map[string]int{}
	for _, x := range e.Entries {
		if x.Day < from || x.Day > to {
			continue
		}
		total += x.Minutes
		byCategory[x.Category] += x.Minutes
		byKind[string(x.Kind)] += x.Minutes
	}
	return total, byCategory, byKind
}

// jst is Japan's offset, fixed: the expected days are computed without
// the time zone database the reports use.
var jst = time.FixedZone("JST", 9*3600)

// At is a Japanese wall-clock instant.
func At(y int, m time.Month, d, hh, mm, ss int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, jst)
}

// Boundary entries: minutes logged a second either side of November 2026.
var Boundary = []struct {
	At      time.Time
	Minutes int
}{
	{At(2026, 10, 31, 23, 59, 59), 15},
	{At(2026, 11, 1, 0, 0, 0), 20},
	{At(2026, 11, 30, 23, 59, 59), 25},
	{At(2026, 12, 1, 0, 0, 0), 30},
}

var (
	sources    = []hitori.Source{hitori.SourceWalkUp, hitori.SourceEmail, hitori.SourcePortal, hitori.SourcePhone, hitori.SourceStaff}
	categories = []string{"PC", "ネットワーク", "アカウント", ""}
)

// Items writes 100 items opened two a day from 2026-10-20 (Japan), with
// minutes logged on them, and the boundary entries on an item of their own.
func Items(ctx context.Context, s Seeder) (*Expect, error) {
	e := &Expect{Opened: map[string]int{}, Interruptions: map[string]int{}, Resolved: map[string]int{},
		FirstResponse: map[string][]time.Duration{}, Resolution: map[string][]time.Duration{}}
	day := func(t time.Time) string { return t.In(jst).Format("2006-01-02") }
	for i := range 100 {
		created := At(2026, 10, 20+i/2, 9+i%8, 10*(i%2), 0)
		it := &hitori.Item{Title: fmt.Sprintf("問い合わせ %d", i+1), Source: sources[i%5], Category: categories[i%4],
			Urgent: i%3 == 0, Important: i%2 == 0}
		if it.Source == hitori.SourceStaff {
			it.Type = hitori.TypeTask
		}
		s.SetNow(created)
		if err := s.Items.CreateItem(ctx, it); err != nil {
			return nil, fmt.Errorf("reportseed: item %d: %w", i, err)
		}
		kind := hitori.DefaultWorkKind(it.Type, it.Source)
		e.Opened[day(created)]++
		if kind == hitori.KindInterruption {
			e.Interruptions[day(created)]++
		}
		log := func(at time.Time, k hitori.EventKind, minutes int) error {
			s.SetNow(at)
			if err := s.Items.AddEvent(ctx, &hitori.Event{ItemID: it.ID, Kind: k, Body: "対応", Minutes: minutes}); err != nil {
				return fmt.Errorf("reportseed: event on %d: %w", i, err)
			}
			e.Entries = append(e.Entries, Entry{day(at), it.Category, kind, minutes})
			return nil
		}
		if err := log(created.Add(30*time.Minute), hitori.EventNote, 5+5*(i%7)); err != nil {
			return nil, err
		}
		if i%3 == 0 {
			if err := log(created.Add(2*time.Hour), hitori.EventReply, 10); err != nil {
				return nil, err
			}
			if it.Type == hitori.TypeTicket {
				e.FirstResponse[day(created)] = append(e.FirstResponse[day(created)], 2*time.Hour)
			}
		}
		if i%4 == 3 {
			e.Open++
			continue
		}
		resolved := created.Add(26 * time.Hour)
		s.SetNow(resolved)
		st := hitori.StatusResolved
		if _, err := s.Items.UpdateItem(ctx, it.ID, hitori.ItemUpdate{Status: &st}); err != nil {
			return nil, fmt.Errorf("reportseed: resolve %d: %w", i, err)
		}
		e.Resolved[day(resolved)]++
		if it.Type == hitori.TypeTicket {
			e.Resolution[day(resolved)] = append(e.Resolution[day(resolved)], 26*time.Hour)
		}
	}
	return e, boundary(ctx, s, e)
}

// boundary logs the Boundary minutes on one maintenance task.
func boundary(ctx context.Context, s Seeder, e *Expect) error {
	s.SetNow(At(2026, 10, 31, 12, 0, 0))
	it := &hitori.Item{Type: hitori.TypeTask, Title: "月末の保守", Category: "サーバー", Kind: hitori.KindMaintenance}
	if err := s.Items.CreateItem(ctx, it); err != nil {
		return fmt.Errorf("reportseed: boundary item: %w", err)
	}
	e.Opened["2026-10-31"]++
	e.Open++
	for _, b := range Boundary {
		s.SetNow(b.At)
		if err := s.Items.AddEvent(ctx, &hitori.Event{ItemID: it.ID, Kind: hitori.EventNote, Minutes: b.Minutes}); err != nil {
			return fmt.Errorf("reportseed: boundary minutes: %w", err)
		}
		e.Entries = append(e.Entries, Entry{b.At.In(jst).Format("2006-01-02"), it.Category, it.Kind, b.Minutes})
	}
	return nil
}
