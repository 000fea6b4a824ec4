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
// rows with (sqlstore.DB.Now). Items and SetNow are needed; each other
// store left nil leaves its part of the data set out (All).
type Seeder struct {
	Items  hitori.ItemService
	SetNow func(time.Time)
	// Users makes the staff member whose replies stop the first-response
	// clock; nil: replies are the system's and no ticket counts as answered.
	Users     hitori.UserService
	Assets    hitori.AssetStore // assets, departments and licenses
	Monitors  hitori.MonitorStore
	Incidents hitori.IncidentStore // with Monitors: the outage's incident
	Articles  ArticleStore         // self-service deflections
	Handover  hitori.HandoverStore // vendors, systems and contracts
	Duties    hitori.DutyStore

	staff context.Context // the staff member's context, once made
}

// ArticleStore is what the deflections need of the knowledge base.
type ArticleStore interface {
	CreateArticle(ctx context.Context, a *hitori.Article) error
	RecordDeflection(ctx context.Context, articleID int64, slug, query string) error
}

// Timed is one ticket's first response or resolution: how long it took,
// and whether it had a target and met it.
type Timed struct {
	Took      time.Duration
	HasTarget bool
	Met       bool
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
	FirstResponse map[string][]Timed
	Resolution    map[string][]Timed
	Open          int // items left open
	// OpenTicketsWithTarget are the open tickets with an SLA target: at
	// Now, every one of them is past it.
	OpenTicketsWithTarget int
	// OpenCreated are the open items' opening instants (the backlog's ages).
	OpenCreated []time.Time

	Assets    *AssetsExpect
	Monitors  *MonitorsExpect
	Deflected map[string]int // deflections by day
	Handover  *HandoverExpect
}

// Now is the instant the data set's answers are computed for: the
// reports' clock in the tests (2026-12-10 12:00 in Japan).
var Now = At(2026, 12, 10, 12, 0, 0)

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
		FirstResponse: map[string][]Timed{}, Resolution: map[string][]Timed{}, Deflected: map[string]int{}}
	staff, err := s.staffContext(ctx)
	if err != nil {
		return nil, err
	}
	for i := range 100 {
		created := At(2026, 10, 20+i/2, 9+i%8, 10*(i%2), 0)
		it := &hitori.Item{Title: fmt.Sprintf("問い合わせ %d", i+1), Source: sources[i%5], Category: categories[i%4],
			Urgent: i%3 == 0, Important: i%2 == 0}
		if it.Source == hitori.SourceStaff {
			it.Type = hitori.TypeTask
		}
		// SLA targets on tickets: a first answer within 1 hour (even i) or
		// 4 hours (odd i), a resolution within 24 hours (every fifth) or 48.
		frDue, resDue := created.Add(4*time.Hour), created.Add(48*time.Hour)
		if i%2 == 0 {
			frDue = created.Add(time.Hour)
		}
		if i%5 == 0 {
			resDue = created.Add(24 * time.Hour)
		}
		if it.Type != hitori.TypeTask {
			it.FirstResponseDue, it.ResolutionDue = &frDue, &resDue
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
			if err := s.Items.AddEvent(staff, &hitori.Event{ItemID: it.ID, Kind: k, Body: "対応", Minutes: minutes}); err != nil {
				return fmt.Errorf("reportseed: event on %d: %w", i, err)
			}
			e.Entries = append(e.Entries, Entry{day(at), it.Category, kind, minutes})
			return nil
		}
		if err := log(created.Add(30*time.Minute), hitori.EventNote, 5+5*(i%7)); err != nil {
			return nil, err
		}
		if i%3 == 0 { // answered after 30 minutes to 2½ hours
			took := time.Duration(30+20*(i%7)) * time.Minute
			if err := log(created.Add(took), hitori.EventReply, 10); err != nil {
				return nil, err
			}
			if it.Type == hitori.TypeTicket && s.Users != nil {
				e.FirstResponse[day(created)] = append(e.FirstResponse[day(created)], Timed{took, true, took <= frDue.Sub(created)})
			}
		}
		if i%4 == 3 {
			e.Open++
			e.OpenCreated = append(e.OpenCreated, created)
			if it.Type == hitori.TypeTicket {
				e.OpenTicketsWithTarget++
			}
			continue
		}
		took := time.Duration(20+i%9) * time.Hour // resolved after 20 to 28 hours
		resolved := created.Add(took)
		s.SetNow(resolved)
		st := hitori.StatusResolved
		if _, err := s.Items.UpdateItem(ctx, it.ID, hitori.ItemUpdate{Status: &st}); err != nil {
			return nil, fmt.Errorf("reportseed: resolve %d: %w", i, err)
		}
		e.Resolved[day(resolved)]++
		if it.Type == hitori.TypeTicket {
			e.Resolution[day(resolved)] = append(e.Resolution[day(resolved)], Timed{took, true, took <= resDue.Sub(created)})
		}
	}
	return e, boundary(ctx, s, e)
}

func day(t time.Time) string { return t.In(jst).Format("2006-01-02") }

// staffContext is a context of the seed's staff member (made once), or
// the system's when there is no user store.
func (s *Seeder) staffContext(ctx context.Context) (context.Context, error) {
	if s.Users == nil {
		return ctx, nil
	}
	if s.staff != nil {
		return s.staff, nil
	}
	u := &hitori.User{Email: "seed-staff@example.com", Name: "情シス 担当", Role: hitori.RoleTechnician, Lang: "ja"}
	if err := s.Users.CreateUser(ctx, u, "seed-staff-password-2026"); err != nil {
		return nil, fmt.Errorf("reportseed: staff user: %w", err)
	}
	s.staff = hitori.NewContextWithUser(ctx, u)
	return s.staff, nil
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
	e.OpenCreated = append(e.OpenCreated, At(2026, 10, 31, 12, 0, 0))
	for _, b := range Boundary {
		s.SetNow(b.At)
		if err := s.Items.AddEvent(ctx, &hitori.Event{ItemID: it.ID, Kind: hitori.EventNote, Minutes: b.Minutes}); err != nil {
			return fmt.Errorf("reportseed: boundary minutes: %w", err)
		}
		e.Entries = append(e.Entries, Entry{b.At.In(jst).Format("2006-01-02"), it.Category, it.Kind, b.Minutes})
	}
	return nil
}
