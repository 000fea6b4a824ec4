package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestUnreadItems(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		items := db.Items()
		reply := func(ctx context.Context, id int64, kind hitori.EventKind) {
			t.Helper()
			f.clock.Add(time.Minute)
			if err := items.AddEvent(ctx, &hitori.Event{ItemID: id, Kind: kind, Body: "返信"}); err != nil {
				t.Fatal(err)
			}
		}
		seen := func(id int64) {
			t.Helper()
			f.clock.Add(time.Minute)
			if err := items.MarkItemSeen(f.satoCtx, id); err != nil {
				t.Fatal(err)
			}
		}
		item := func(title string) int64 {
			return MustCreateItem(t, db, f.satoCtx, &hitori.Item{Title: title}).ID
		}
		answered, read, mine, noted, never, quiet := item("返信あり"), item("既読"), item("自分の返信だけ"), item("メモだけ"), item("一度も開いていない"), item("返信なし")
		for _, id := range []int64{answered, read, mine, noted, quiet} {
			seen(id)
		}
		reply(f.techCtx, answered, hitori.EventReply)
		reply(f.techCtx, read, hitori.EventReply)
		seen(read)
		reply(f.satoCtx, mine, hitori.EventReply)
		reply(f.techCtx, noted, hitori.EventNote)
		reply(f.techCtx, never, hitori.EventReply)
		theirs := MustCreateItem(t, db, f.suzukiCtx, &hitori.Item{Title: "鈴木さんの件"}).ID
		reply(f.techCtx, theirs, hitori.EventReply)

		ids := []int64{answered, read, mine, noted, never, quiet, theirs}
		got, err := items.FindUnreadItems(f.satoCtx, ids)
		if err != nil {
			t.Fatal(err)
		}
		want := map[int64]bool{answered: true, never: true}
		if len(got) != len(want) || !got[answered] || !got[never] {
			t.Errorf("unread %v, want %v", got, want)
		}
		if err := items.MarkItemSeen(f.satoCtx, theirs); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("marking another's item seen: %v, want ENOTFOUND", err)
		}
		if err := items.MarkItemSeen(f.viewerCtx, answered); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("a viewer marking an item seen: %v, want ENOTFOUND", err)
		}
		if got, err := items.FindUnreadItems(f.suzukiCtx, ids); err != nil || len(got) != 1 || !got[theirs] {
			t.Errorf("suzuki's unread: %v %v, want only #%d", got, err, theirs)
		}
	})
}
