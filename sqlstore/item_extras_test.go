package sqlstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestCannedReplies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		c := &hitori.CannedReply{Title: " 再起動のお願い ", Body: "{{name}} さん、再起動してください。({{key}})"}
		if err := db.Items().CreateCannedReply(f.techCtx, c); err != nil {
			t.Fatal(err)
		}
		if c.ID == 0 || c.Title != "再起動のお願い" {
			t.Fatalf("got %+v, want an id and a trimmed title", c)
		}
		wantField(t, db.Items().CreateCannedReply(f.adminCtx, &hitori.CannedReply{Title: "再起動のお願い", Body: "x"}), "title")
		wantField(t, db.Items().CreateCannedReply(f.adminCtx, &hitori.CannedReply{Title: strings.Repeat("長", 101), Body: "x"}), "title")
		wantField(t, db.Items().CreateCannedReply(f.adminCtx, &hitori.CannedReply{Title: "t", Body: strings.Repeat("あ", 10_001)}), "body")
		wantField(t, db.Items().CreateCannedReply(f.adminCtx, &hitori.CannedReply{Title: "t", Body: " "}), "body")
		for name, ctx := range map[string]context.Context{"requester": f.satoCtx, "viewer": f.viewerCtx} {
			if err := db.Items().CreateCannedReply(ctx, &hitori.CannedReply{Title: "x", Body: "x"}); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
				t.Errorf("create as %s: got %v, want EFORBIDDEN", name, err)
			}
			if _, err := db.Items().ListCannedReplies(ctx); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
				t.Errorf("list as %s: got %v, want EFORBIDDEN", name, err)
			}
		}
		f.clock.Add(time.Hour)
		c.Body = "新しい本文"
		if err := db.Items().UpdateCannedReply(f.adminCtx, c); err != nil {
			t.Fatal(err)
		}
		got, err := db.Items().FindCannedReply(f.techCtx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Body != "新しい本文" || !got.UpdatedAt.After(got.CreatedAt) {
			t.Errorf("got %+v, want the new body and a later updated_at", got)
		}
		other := &hitori.CannedReply{Title: "別件", Body: "b"}
		if err := db.Items().CreateCannedReply(f.adminCtx, other); err != nil {
			t.Fatal(err)
		}
		other.Title = "再起動のお願い"
		wantField(t, db.Items().UpdateCannedReply(f.adminCtx, other), "title")
		if err := db.Items().UpdateCannedReply(f.adminCtx, &hitori.CannedReply{ID: 999999, Title: "z", Body: "z"}); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("update missing: got %v, want ENOTFOUND", err)
		}
		list, err := db.Items().ListCannedReplies(f.techCtx)
		if err != nil || len(list) != 2 {
			t.Fatalf("list: got %d, %v; want 2", len(list), err)
		}
		if err := db.Items().DeleteCannedReply(f.techCtx, c.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.Items().DeleteCannedReply(f.techCtx, c.ID); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("delete twice: got %v, want ENOTFOUND", err)
		}
	})
}

func TestCannedRepliesLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		for i := range hitori.MaxCannedReplies {
			if err := db.Items().CreateCannedReply(f.adminCtx, &hitori.CannedReply{Title: fmt.Sprint("c", i), Body: "b"}); err != nil {
				t.Fatal(err)
			}
		}
		wantField(t, db.Items().CreateCannedReply(f.adminCtx, &hitori.CannedReply{Title: "one more", Body: "b"}), "title")
	})
}

func TestSavedFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		sf := &hitori.SavedFilter{Name: "自分の担当", Query: "?assignee=me&status=open"}
		if err := db.Items().SaveFilter(f.techCtx, sf); err != nil {
			t.Fatal(err)
		}
		if sf.ID == 0 || sf.Query != "assignee=me&status=open" {
			t.Fatalf("got %+v", sf)
		}
		// The same name again replaces the query rather than failing.
		again := &hitori.SavedFilter{Name: "自分の担当", Query: "assignee=me"}
		if err := db.Items().SaveFilter(f.techCtx, again); err != nil {
			t.Fatal(err)
		}
		if again.ID != sf.ID {
			t.Errorf("resave: id %d, want %d", again.ID, sf.ID)
		}
		wantField(t, db.Items().SaveFilter(f.techCtx, &hitori.SavedFilter{Name: "", Query: "q=x"}), "name")
		wantField(t, db.Items().SaveFilter(f.techCtx, &hitori.SavedFilter{Name: strings.Repeat("名", 61)}), "name")
		wantField(t, db.Items().SaveFilter(f.techCtx, &hitori.SavedFilter{Name: "long", Query: strings.Repeat("a", 2001)}), "query")
		if err := db.Items().SaveFilter(f.satoCtx, &hitori.SavedFilter{Name: "x"}); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Errorf("requester: got %v, want EFORBIDDEN", err)
		}
		if err := db.Items().SaveFilter(context.Background(), &hitori.SavedFilter{Name: "x"}); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Errorf("system: got %v, want EFORBIDDEN", err)
		}
		mine, err := db.Items().ListSavedFilters(f.techCtx)
		if err != nil || len(mine) != 1 || mine[0].Query != "assignee=me" {
			t.Fatalf("tech's filters: got %v, %v", mine, err)
		}
		theirs, err := db.Items().ListSavedFilters(f.adminCtx)
		if err != nil || len(theirs) != 0 {
			t.Fatalf("admin's filters: got %v, %v; want none", theirs, err)
		}
		if err := db.Items().DeleteSavedFilter(f.adminCtx, sf.ID); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("delete another's: got %v, want ENOTFOUND", err)
		}
		if err := db.Items().DeleteSavedFilter(f.techCtx, sf.ID); err != nil {
			t.Fatal(err)
		}
		for i := range hitori.MaxSavedFilters {
			if err := db.Items().SaveFilter(f.adminCtx, &hitori.SavedFilter{Name: fmt.Sprint("f", i)}); err != nil {
				t.Fatal(err)
			}
		}
		wantField(t, db.Items().SaveFilter(f.adminCtx, &hitori.SavedFilter{Name: "one more"}), "name")
		if err := db.Items().SaveFilter(f.adminCtx, &hitori.SavedFilter{Name: "f0", Query: "q=1"}); err != nil {
			t.Errorf("resave at the limit: %v", err)
		}
	})
}

func TestIgnoredMailAndAttachment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		it := MustCreateItem(t, db, f.techCtx, &hitori.Item{Type: hitori.TypeTicket, Title: "メール"})
		att := &hitori.Attachment{ItemID: it.ID, Name: "ログ.txt", ContentType: "text/plain", Size: 3, SHA256: strings.Repeat("a", 64)}
		for i, reason := range []string{"auto-reply", "bounce", "auto-reply"} {
			f.clock.Add(time.Minute)
			err := db.MailLog().InMailTx(context.Background(), func(tx hitori.MailTx) error {
				if i == 0 {
					if err := tx.AddAttachment(context.Background(), att); err != nil {
						return err
					}
				}
				return tx.RecordReceived(context.Background(), &hitori.ReceivedMail{MessageID: fmt.Sprint("m", i, "@example.com"),
					Action: hitori.MailIgnored, Reason: reason, Sender: "x@example.com", Subject: fmt.Sprint("s", i)})
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		got, total, err := db.MailLog().FindIgnoredMail(f.adminCtx, "auto-reply", 0, 10)
		if err != nil || total != 2 || len(got) != 2 || got[0].MessageID != "m2@example.com" {
			t.Fatalf("auto-replies: got %d of %d (%v), want 2 newest first", len(got), total, err)
		}
		if _, total, _ := db.MailLog().FindIgnoredMail(f.adminCtx, "", 0, 1); total != 3 {
			t.Errorf("all ignored: total %d, want 3", total)
		}
		if _, _, err := db.MailLog().FindIgnoredMail(f.satoCtx, "", 0, 10); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Errorf("as requester: got %v, want EFORBIDDEN", err)
		}
		a, err := db.MailLog().FindItemAttachment(f.techCtx, it.ID, att.ID)
		if err != nil || a.Name != "ログ.txt" {
			t.Fatalf("attachment: got %v, %v", a, err)
		}
		if _, err := db.MailLog().FindItemAttachment(f.techCtx, it.ID+1, att.ID); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("another item's: got %v, want ENOTFOUND", err)
		}
		if _, err := db.MailLog().FindItemAttachment(f.satoCtx, it.ID, att.ID); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Errorf("as requester: got %v, want EFORBIDDEN", err)
		}
	})
}
