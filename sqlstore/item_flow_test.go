package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestItemChangeEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		it := MustCreateItem(t, db, f.adminCtx, &hitori.Item{Title: "VPN がつながらない", RequesterID: &f.sato.ID})
		f.clock.Add(time.Hour)
		status, urgent, tags := hitori.StatusResolved, true, []string{"VPN", "在宅"}
		assignee := &f.tech.ID
		got, err := db.Items().UpdateItem(f.techCtx, it.ID, hitori.ItemUpdate{Status: &status, Urgent: &urgent, Tags: &tags, AssigneeID: &assignee})
		if err != nil {
			t.Fatal(err)
		}
		if got.ResolvedAt == nil || !got.ResolvedAt.Equal(f.clock.Now()) || got.Quadrant() != 3 || !got.UpdatedAt.Equal(f.clock.Now()) {
			t.Fatalf("updated item = %+v", got)
		}
		evs, err := db.Items().FindEvents(f.adminCtx, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][2]string{"status": {"new", "resolved"}, "urgent": {"false", "true"}, "tags": {"", "VPN, 在宅"},
			"assignee_id": {"", fmt.Sprint(f.tech.ID)}}
		if len(evs) != len(want) {
			t.Fatalf("got %d events, want %d: %+v", len(evs), len(want), evs)
		}
		for _, e := range evs {
			w, ok := want[e.Field]
			if !ok || e.Kind != hitori.EventChange || e.Old != w[0] || e.New != w[1] || e.AuthorID == nil || *e.AuthorID != f.tech.ID {
				t.Errorf("event %+v, want %s %v by the technician", e, e.Field, w)
			}
		}
		// Setting the same values again records nothing; reopening clears the resolution.
		if _, err := db.Items().UpdateItem(f.techCtx, it.ID, hitori.ItemUpdate{Urgent: &urgent}); err != nil {
			t.Fatal(err)
		}
		reopen := hitori.StatusInProgress
		got, err = db.Items().UpdateItem(f.techCtx, it.ID, hitori.ItemUpdate{Status: &reopen})
		if err != nil || got.ResolvedAt != nil {
			t.Fatalf("reopened: %+v, %v", got, err)
		}
		if evs, _ = db.Items().FindEvents(f.adminCtx, it.ID); len(evs) != len(want)+1 {
			t.Fatalf("after no-op and reopen: %d events, want %d", len(evs), len(want)+1)
		}
		// The requester sees the status changes but not the assignment.
		pub, _ := db.Items().FindEvents(f.satoCtx, it.ID)
		for _, e := range pub {
			if e.Field != "status" {
				t.Errorf("requester sees %s change", e.Field)
			}
		}
		if len(pub) != 2 {
			t.Errorf("requester sees %d events, want 2 status changes", len(pub))
		}
	})
}

func TestItemMinutesAndFirstResponse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		due := f.clock.Now().Add(4 * time.Hour)
		it := MustCreateItem(t, db, f.adminCtx, &hitori.Item{Title: "PC が遅い", RequesterID: &f.sato.ID, FirstResponseDue: &due})
		steps := []struct {
			ctx       context.Context
			e         hitori.Event
			responded bool
			minutes   int
		}{
			{f.adminCtx, hitori.Event{Kind: hitori.EventNote, Minutes: 15}, false, 15}, // time only, no body
			{context.Background(), hitori.Event{Kind: hitori.EventEmail, Body: "追記です", Author: "sato@example.com"}, false, 15},
			{f.satoCtx, hitori.Event{Kind: hitori.EventReply, Body: "まだですか"}, false, 15},
			{f.techCtx, hitori.Event{Kind: hitori.EventReply, Body: "確認します", Minutes: 10}, true, 25},
			{f.adminCtx, hitori.Event{Kind: hitori.EventReply, Body: "再起動してください", Minutes: hitori.MaxMinutes}, true, 25 + hitori.MaxMinutes},
		}
		var firstAt time.Time
		for i, s := range steps {
			f.clock.Add(time.Minute)
			s.e.ItemID = it.ID
			if err := db.Items().AddEvent(s.ctx, &s.e); err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
			got, err := db.Items().FindItemByID(f.adminCtx, it.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.MinutesSpent != s.minutes || (got.FirstRespondedAt != nil) != s.responded {
				t.Fatalf("step %d: minutes %d responded %v; want %d %v", i, got.MinutesSpent, got.FirstRespondedAt, s.minutes, s.responded)
			}
			if s.responded && firstAt.IsZero() {
				firstAt = *got.FirstRespondedAt
			}
			if s.responded && !got.FirstRespondedAt.Equal(firstAt) {
				t.Fatalf("step %d: first response moved to %v", i, got.FirstRespondedAt)
			}
		}
		evs, _ := db.Items().FindEvents(f.adminCtx, it.ID)
		if len(evs) != len(steps) || evs[1].Author != "sato@example.com" || evs[3].Author != f.tech.Name {
			t.Fatalf("timeline = %+v", evs)
		}
	})
}

func TestItemMergeAndMessageIDs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		sys := context.Background()
		into := MustCreateItem(t, db, sys, &hitori.Item{Title: "メールが届かない", Source: hitori.SourceEmail, RequesterEmail: "ito@example.com", MessageID: "<a@mail>"})
		dup := MustCreateItem(t, db, sys, &hitori.Item{Title: "メールが届かない(再送)", Source: hitori.SourceEmail, MessageID: "<b@mail>"})
		// The same message again, as a new item or appended anywhere, is a conflict.
		if err := db.Items().CreateItem(sys, &hitori.Item{Title: "再取り込み", Source: hitori.SourceEmail, MessageID: "<a@mail>"}); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Fatalf("same message as new item: %v", err)
		}
		if err := db.Items().AddEvent(sys, &hitori.Event{ItemID: dup.ID, Kind: hitori.EventEmail, Body: "x", MessageID: "<a@mail>"}); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Fatalf("same message appended: %v", err)
		}
		if err := db.Items().AddEvent(sys, &hitori.Event{ItemID: dup.ID, Kind: hitori.EventEmail, Body: "続報", MessageID: "<c@mail>"}); err != nil {
			t.Fatal(err)
		}
		if err := db.Items().CreateItem(sys, &hitori.Item{Title: "x", Source: hitori.SourceEmail, MessageID: "<c@mail>"}); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Fatalf("event's message as new item: %v", err)
		}
		if got, err := db.Items().FindItemByMessageID(sys, "<c@mail>"); err != nil || got.ID != dup.ID {
			t.Fatalf("by message id: %+v, %v", got, err)
		}
		if err := db.Items().MergeItems(f.satoCtx, dup.ID, into.ID); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Fatalf("requester merging: %v", err)
		}
		wantField(t, db.Items().MergeItems(f.adminCtx, dup.ID, dup.ID), "into")
		if err := db.Items().MergeItems(f.adminCtx, dup.ID, into.ID); err != nil {
			t.Fatal(err)
		}
		got, err := db.Items().FindItemByID(f.adminCtx, dup.ID)
		if err != nil || got.MergedInto == nil || *got.MergedInto != into.ID || got.Status != hitori.StatusClosed {
			t.Fatalf("merged duplicate = %+v, %v", got, err)
		}
		if err := db.Items().MergeItems(f.adminCtx, dup.ID, into.ID); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Fatalf("merging twice: %v", err)
		}
		for id, field := range map[int64]string{dup.ID: "merged_into", into.ID: "merged_from"} {
			evs, _ := db.Items().FindEvents(f.adminCtx, id)
			found := false
			for _, e := range evs {
				found = found || e.Field == field
			}
			if !found {
				t.Errorf("item %d has no %s event: %+v", id, field, evs)
			}
		}
		// Mail in the duplicate's thread now leads to the surviving item.
		if got, err := db.Items().FindItemByMessageID(sys, "<c@mail>"); err != nil || got.ID != into.ID {
			t.Fatalf("after merge, by message id: %+v, %v", got, err)
		}
		if _, err := db.Items().FindItemByMessageID(sys, "<none@mail>"); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Fatalf("unknown message id: %v", err)
		}
	})
}

func TestItemRequesterReplyReopens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		it := MustCreateItem(t, db, f.satoCtx, &hitori.Item{Title: "共有フォルダが見えない"})
		for _, from := range []hitori.Status{hitori.StatusWaitRequester, hitori.StatusResolved, hitori.StatusWaitVendor} {
			t.Run(string(from), func(t *testing.T) {
				st := from
				if _, err := db.Items().UpdateItem(f.adminCtx, it.ID, hitori.ItemUpdate{Status: &st}); err != nil {
					t.Fatal(err)
				}
				if err := db.Items().AddEvent(f.satoCtx, &hitori.Event{ItemID: it.ID, Kind: hitori.EventReply, Body: "まだ見えません"}); err != nil {
					t.Fatal(err)
				}
				got, _ := db.Items().FindItemByID(f.adminCtx, it.ID)
				want := hitori.StatusInProgress
				if from == hitori.StatusWaitVendor {
					want = from // waiting on the vendor still
				}
				if got.Status != want || got.ResolvedAt != nil {
					t.Fatalf("after the requester's reply: %s (resolved %v), want %s", got.Status, got.ResolvedAt, want)
				}
				evs, _ := db.Items().FindEvents(f.satoCtx, it.ID)
				last := evs[len(evs)-1]
				if want != from && (last.Field != "status" || last.New != string(want) || last.AuthorID == nil || *last.AuthorID != f.sato.ID) {
					t.Fatalf("last event %+v, want the requester's status change", last)
				}
			})
		}
	})
}
