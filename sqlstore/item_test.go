package sqlstore_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// testClock is a settable clock for the store.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *testClock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func (c *testClock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// itemFixture is a database with one user of each role and a fake clock.
type itemFixture struct {
	db                                    *sqlstore.DB
	clock                                 *testClock
	admin, tech, sato, suzuki, viewer     *hitori.User
	adminCtx, techCtx, satoCtx, suzukiCtx context.Context
	viewerCtx                             context.Context
}

func newItemFixture(t *testing.T, db *sqlstore.DB) *itemFixture {
	t.Helper()
	f := &itemFixture{db: db, clock: &testClock{t: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}}
	db.Now = f.clock.Now
	f.admin = MustCreateUser(t, db, "admin@example.com", hitori.RoleAdmin)
	f.tech = MustCreateUser(t, db, "tech@example.com", hitori.RoleTechnician)
	f.sato = MustCreateUser(t, db, "sato@example.com", hitori.RoleRequester)
	f.suzuki = MustCreateUser(t, db, "suzuki@example.com", hitori.RoleRequester)
	f.viewer = MustCreateUser(t, db, "viewer@example.com", hitori.RoleViewer)
	bg := context.Background()
	f.adminCtx, f.techCtx = hitori.NewContextWithUser(bg, f.admin), hitori.NewContextWithUser(bg, f.tech)
	f.satoCtx, f.suzukiCtx = hitori.NewContextWithUser(bg, f.sato), hitori.NewContextWithUser(bg, f.suzuki)
	f.viewerCtx = hitori.NewContextWithUser(bg, f.viewer)
	return f
}

// MustCreateItem creates it as the context's user or fails the test.
func MustCreateItem(tb testing.TB, db *sqlstore.DB, ctx context.Context, it *hitori.Item) *hitori.Item {
	tb.Helper()
	if err := db.Items().CreateItem(ctx, it); err != nil {
		tb.Fatalf("create item %q: %v", it.Title, err)
	}
	return it
}

// wantField fails unless err is EINVALID naming field.
func wantField(tb testing.TB, err error, field string) {
	tb.Helper()
	e, ok := hitori.AsError(err)
	if !ok || e.Code != hitori.EINVALID || e.Fields[field] == "" {
		tb.Fatalf("got %v, want EINVALID on %q", err, field)
	}
}

func TestItemPermissions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		mine := MustCreateItem(t, db, f.satoCtx, &hitori.Item{Title: "プリンターで印刷できない", Body: "3階の複合機です"})
		if mine.RequesterID == nil || *mine.RequesterID != f.sato.ID || mine.RequesterEmail != "sato@example.com" ||
			mine.Source != hitori.SourcePortal || mine.Status != hitori.StatusNew {
			t.Fatalf("requester's item = %+v", mine)
		}
		system := context.Background()
		tests := []struct {
			name                     string
			ctx                      context.Context
			see, list, update, reply string // "" allowed, else the error code
			note                     string
		}{
			{"requester on own item", f.satoCtx, "", "", hitori.EFORBIDDEN, "", hitori.EFORBIDDEN},
			{"other requester", f.suzukiCtx, hitori.ENOTFOUND, "", hitori.ENOTFOUND, hitori.ENOTFOUND, hitori.EFORBIDDEN},
			{"viewer", f.viewerCtx, hitori.EFORBIDDEN, hitori.EFORBIDDEN, hitori.EFORBIDDEN, hitori.EFORBIDDEN, hitori.EFORBIDDEN},
			{"technician", f.techCtx, "", "", "", "", ""},
			{"admin", f.adminCtx, "", "", "", "", ""},
			{"system", system, "", "", "", "", ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				check := func(op string, err error, want string) {
					t.Helper()
					if got := hitori.ErrorCode(err); got != want {
						t.Errorf("%s: got %q (%v), want %q", op, got, err, want)
					}
				}
				_, err := db.Items().FindItemByID(tt.ctx, mine.ID)
				check("find", err, tt.see)
				_, err = db.Items().FindEvents(tt.ctx, mine.ID)
				check("events", err, tt.see)
				items, _, err := db.Items().FindItems(tt.ctx, hitori.ItemFilter{})
				check("list", err, tt.list)
				if tt.list == "" && tt.see != "" && len(items) != 0 {
					t.Errorf("list shows %d items to a user who may not see them", len(items))
				}
				title := "件名変更 " + tt.name
				_, err = db.Items().UpdateItem(tt.ctx, mine.ID, hitori.ItemUpdate{Title: &title})
				check("update", err, tt.update)
				err = db.Items().AddEvent(tt.ctx, &hitori.Event{ItemID: mine.ID, Kind: hitori.EventReply, Body: "返信"})
				check("reply", err, tt.reply)
				err = db.Items().AddEvent(tt.ctx, &hitori.Event{ItemID: mine.ID, Kind: hitori.EventNote, Body: "メモ"})
				check("note", err, tt.note)
			})
		}
		// Requesters open items for themselves only, and only with the fields they own.
		if err := db.Items().CreateItem(f.suzukiCtx, &hitori.Item{Title: "代理", RequesterID: &f.sato.ID}); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Fatalf("requester creating for another: %v", err)
		}
		wantField(t, db.Items().CreateItem(f.suzukiCtx, &hitori.Item{Title: "担当指定", AssigneeID: &f.tech.ID}), "assignee_id")
		wantField(t, db.Items().CreateItem(f.suzukiCtx, &hitori.Item{Title: "重要", Important: true}), "important")
		if err := db.Items().CreateItem(f.viewerCtx, &hitori.Item{Title: "閲覧者"}); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Fatalf("viewer create: %v", err)
		}
		wantField(t, db.Items().AddEvent(f.satoCtx, &hitori.Event{ItemID: mine.ID, Kind: hitori.EventReply, Body: "x", Minutes: 5}), "minutes")
		// A requester listing with someone else's id still gets only their own.
		items, total, err := db.Items().FindItems(f.suzukiCtx, hitori.ItemFilter{RequesterID: &f.sato.ID})
		if err != nil || total != 0 || len(items) != 0 {
			t.Fatalf("suzuki listing sato's items: %d, %v", total, err)
		}
		// Requesters never see internal notes or assignment changes.
		evs, err := db.Items().FindEvents(f.satoCtx, mine.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			if e.Kind == hitori.EventNote || e.Field == "assignee_id" {
				t.Fatalf("requester sees %+v", e)
			}
		}
	})
}

func TestItemValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		tags := make([]string, hitori.MaxItemTags+1)
		for i := range tags {
			tags[i] = "tag" + strings.Repeat("x", i)
		}
		tests := []struct {
			name  string
			item  hitori.Item
			field string
		}{
			{"empty title", hitori.Item{Title: "  "}, "title"},
			{"long title", hitori.Item{Title: strings.Repeat("あ", hitori.MaxItemTitle+1)}, "title"},
			{"long body", hitori.Item{Title: "x", Body: strings.Repeat("a", hitori.MaxItemBody+1)}, "body"},
			{"too many tags", hitori.Item{Title: "x", Tags: tags}, "tags"},
			{"bad type", hitori.Item{Title: "x", Type: "incident"}, "type"},
			{"bad source", hitori.Item{Title: "x", Source: "fax"}, "source"},
			{"requester as assignee", hitori.Item{Title: "x", AssigneeID: &f.sato.ID}, "assignee_id"},
			{"unknown requester", hitori.Item{Title: "x", RequesterID: ptr(int64(9999))}, "requester_id"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) { wantField(t, db.Items().CreateItem(f.adminCtx, &tt.item), tt.field) })
		}
		it := MustCreateItem(t, db, f.adminCtx, &hitori.Item{Title: "x", Tags: []string{" a ", "a", "", "b"}})
		if strings.Join(it.Tags, ",") != "a,b" {
			t.Fatalf("tags not normalised: %q", it.Tags)
		}
		bad := hitori.Status("done")
		_, err := db.Items().UpdateItem(f.adminCtx, it.ID, hitori.ItemUpdate{Status: &bad})
		wantField(t, err, "status")
		empty := ""
		_, err = db.Items().UpdateItem(f.adminCtx, it.ID, hitori.ItemUpdate{Title: &empty})
		wantField(t, err, "title")
		events := []struct {
			name  string
			e     hitori.Event
			field string
		}{
			{"change kind", hitori.Event{Kind: hitori.EventChange, Body: "x"}, "kind"},
			{"negative minutes", hitori.Event{Kind: hitori.EventNote, Body: "x", Minutes: -1}, "minutes"},
			{"too many minutes", hitori.Event{Kind: hitori.EventNote, Body: "x", Minutes: hitori.MaxMinutes + 1}, "minutes"},
			{"empty reply", hitori.Event{Kind: hitori.EventReply, Body: " "}, "body"},
		}
		for _, tt := range events {
			t.Run(tt.name, func(t *testing.T) {
				tt.e.ItemID = it.ID
				wantField(t, db.Items().AddEvent(f.adminCtx, &tt.e), tt.field)
			})
		}
		if err := db.Items().AddEvent(f.adminCtx, &hitori.Event{ItemID: it.ID + 100, Kind: hitori.EventNote, Body: "x"}); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Fatalf("event on a missing item: %v", err)
		}
	})
}

func ptr[T any](v T) *T { return &v }
