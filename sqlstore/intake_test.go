package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// mailItem opens an item the way intake does: in one mail transaction, with
// its received record.
func mailItem(t *testing.T, db *sqlstore.DB, msgID, sender, key string) *hitori.Item {
	t.Helper()
	ctx := context.Background()
	it := &hitori.Item{Title: key, Source: hitori.SourceEmail, RequesterEmail: sender, MessageID: msgID}
	err := db.MailLog().InMailTx(ctx, func(tx hitori.MailTx) error {
		if err := tx.CreateItem(ctx, it); err != nil {
			return err
		}
		return tx.RecordReceived(ctx, &hitori.ReceivedMail{MessageID: msgID, Action: hitori.MailCreated, ItemID: it.ID, Sender: sender, SubjectKey: key})
	})
	if err != nil {
		t.Fatal(err)
	}
	return it
}

func TestMailLookups(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		a := mailItem(t, db, "a@x", "yoko@x", "経費精算")
		now = now.Add(time.Hour)
		b := mailItem(t, db, "b@x", "yoko@x", "経費精算")
		c := mailItem(t, db, "c@x", "other@x", "経費精算")

		t.Run("thread ids in priority order", func(t *testing.T) {
			if id, err := db.MailLog().FindThreadItem(ctx, []string{"none@x", "b@x", "a@x"}); err != nil || id != b.ID {
				t.Fatalf("got %d, %v; want the first known id's item %d", id, err, b.ID)
			}
			if _, err := db.MailLog().FindThreadItem(ctx, []string{"none@x"}); hitori.ErrorCode(err) != hitori.ENOTFOUND {
				t.Fatalf("unknown ids: %v", err)
			}
			if _, err := db.MailLog().FindThreadItem(ctx, nil); hitori.ErrorCode(err) != hitori.ENOTFOUND {
				t.Fatalf("no ids: %v", err)
			}
		})
		t.Run("subject: same sender, newest open, in the window", func(t *testing.T) {
			since := now.Add(-2 * time.Hour)
			if id, err := db.MailLog().FindSubjectItem(ctx, "yoko@x", "経費精算", since); err != nil || id != b.ID {
				t.Fatalf("got %d, %v; want %d", id, err, b.ID)
			}
			resolved := hitori.StatusResolved
			if _, err := db.Items().UpdateItem(ctx, b.ID, hitori.ItemUpdate{Status: &resolved}); err != nil {
				t.Fatal(err)
			}
			if id, err := db.MailLog().FindSubjectItem(ctx, "yoko@x", "経費精算", since); err != nil || id != a.ID {
				t.Fatalf("with the newest resolved: got %d, %v; want %d", id, err, a.ID)
			}
			if _, err := db.MailLog().FindSubjectItem(ctx, "yoko@x", "経費精算", now.Add(-30*time.Minute)); hitori.ErrorCode(err) != hitori.ENOTFOUND {
				t.Fatalf("outside the window: %v", err)
			}
			if id, err := db.MailLog().FindSubjectItem(ctx, "other@x", "経費精算", since); err != nil || id != c.ID {
				t.Fatalf("other sender: %d, %v", id, err)
			}
			if _, err := db.MailLog().FindSubjectItem(ctx, "nobody@x", "経費精算", since); hitori.ErrorCode(err) != hitori.ENOTFOUND {
				t.Fatalf("unknown sender: %v", err)
			}
		})
		t.Run("a Message-ID is received once", func(t *testing.T) {
			err := db.MailLog().InMailTx(ctx, func(tx hitori.MailTx) error {
				return tx.RecordReceived(ctx, &hitori.ReceivedMail{MessageID: "a@x", Action: hitori.MailIgnored, Reason: "bulk"})
			})
			if hitori.ErrorCode(err) != hitori.ECONFLICT {
				t.Fatalf("second record: %v", err)
			}
			err = db.MailLog().InMailTx(ctx, func(tx hitori.MailTx) error {
				return tx.AddEvent(ctx, &hitori.Event{ItemID: c.ID, Kind: hitori.EventEmail, Body: "x", MessageID: "b@x"})
			})
			if evs, _ := db.Items().FindEvents(ctx, c.ID); hitori.ErrorCode(err) != hitori.ECONFLICT || len(evs) != 0 {
				t.Fatalf("event with a seen Message-ID: %v", err)
			}
			r, err := db.MailLog().FindReceived(ctx, "a@x")
			if err != nil || r.Action != hitori.MailCreated || r.ItemID != a.ID {
				t.Fatalf("record %+v, %v", r, err)
			}
		})
		t.Run("a failed transaction leaves nothing", func(t *testing.T) {
			before, _, _ := db.Items().FindItems(ctx, hitori.ItemFilter{})
			err := db.MailLog().InMailTx(ctx, func(tx hitori.MailTx) error {
				it := &hitori.Item{Title: "x", Source: hitori.SourceEmail, MessageID: "d@x"}
				if err := tx.CreateItem(ctx, it); err != nil {
					return err
				}
				return tx.RecordReceived(ctx, &hitori.ReceivedMail{MessageID: "a@x", Action: hitori.MailCreated, ItemID: it.ID})
			})
			after, _, _ := db.Items().FindItems(ctx, hitori.ItemFilter{})
			if err == nil || len(after) != len(before) {
				t.Fatalf("%v: %d items before, %d after", err, len(before), len(after))
			}
			if _, err := db.Items().FindItemByMessageID(ctx, "d@x"); hitori.ErrorCode(err) != hitori.ENOTFOUND {
				t.Fatalf("the rolled back Message-ID is still claimed: %v", err)
			}
		})
		t.Run("files in use", func(t *testing.T) {
			err := db.MailLog().InMailTx(ctx, func(tx hitori.MailTx) error {
				return tx.AddAttachment(ctx, &hitori.Attachment{ItemID: a.ID, Name: "a.png", ContentType: "image/png", Size: 3, SHA256: "abc"})
			})
			if err != nil {
				t.Fatal(err)
			}
			if used, err := db.MailLog().FileInUse(ctx, "abc"); err != nil || !used {
				t.Fatalf("%v %v", used, err)
			}
			if used, err := db.MailLog().FileInUse(ctx, "def"); err != nil || used {
				t.Fatalf("%v %v", used, err)
			}
			as, err := db.MailLog().FindAttachments(ctx, a.ID)
			if err != nil || len(as) != 1 || as[0].EventID != 0 || as[0].Name != "a.png" {
				t.Fatalf("%+v, %v", as, err)
			}
		})
		t.Run("reopen", func(t *testing.T) {
			for _, tt := range []struct{ from, to hitori.Status }{
				{hitori.StatusResolved, hitori.StatusInProgress}, {hitori.StatusWaitRequester, hitori.StatusInProgress},
				{hitori.StatusWaitVendor, hitori.StatusWaitVendor}, {hitori.StatusClosed, hitori.StatusClosed},
			} {
				st := tt.from
				if _, err := db.Items().UpdateItem(ctx, c.ID, hitori.ItemUpdate{Status: &st}); err != nil {
					t.Fatal(err)
				}
				var old hitori.Status
				err := db.MailLog().InMailTx(ctx, func(tx hitori.MailTx) error {
					var err error
					old, err = tx.ReopenItem(ctx, c.ID)
					return err
				})
				it, _ := db.Items().FindItemByID(ctx, c.ID)
				if err != nil || old != tt.from || it.Status != tt.to || it.Status.Open() && it.ResolvedAt != nil {
					t.Fatalf("from %s: %s (was %s), %v", tt.from, it.Status, old, err)
				}
			}
		})
	})
}

func TestOutbox(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		it := mailItem(t, db, "orig@x", "saki@x", "件名")
		o := &hitori.OutgoingMail{MessageID: "out1@helpdesk", ItemID: it.ID, Kind: "reply", Recipient: "saki@x", Subject: "Re: 件名"}
		if err := db.MailLog().RecordOutgoing(ctx, o); err != nil {
			t.Fatal(err)
		}
		if err := db.MailLog().RecordOutgoing(ctx, o); hitori.ErrorCode(err) != hitori.ECONFLICT {
			t.Fatalf("same id twice: %v", err)
		}
		ids, err := db.MailLog().ThreadMessageIDs(ctx, it.ID)
		if err != nil || len(ids) != 2 || ids[0] != "orig@x" || ids[1] != "out1@helpdesk" {
			t.Fatalf("thread %q, %v", ids, err)
		}
		if id, err := db.MailLog().FindThreadItem(ctx, []string{"out1@helpdesk"}); err != nil || id != it.ID {
			t.Fatalf("a reply to our mail finds the item: %d, %v", id, err)
		}
		if err := db.MailLog().SetOutgoingStatus(ctx, "out1@helpdesk", hitori.OutgoingSent, ""); err != nil {
			t.Fatal(err)
		}
		if err := db.MailLog().SetOutgoingStatus(ctx, "nope@helpdesk", hitori.OutgoingSent, ""); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Fatalf("unknown outgoing: %v", err)
		}
	})
}

func TestLeases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		claim := func(holder string) bool {
			t.Helper()
			ok, err := db.MailLog().ClaimLease(ctx, "job", holder, time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		if !claim("a") || claim("b") || !claim("a") {
			t.Fatal("a holds the lease and renews it; b waits")
		}
		now = now.Add(2 * time.Minute)
		if !claim("b") || claim("a") {
			t.Fatal("after expiry b takes over")
		}
		if err := db.MailLog().ReleaseLease(ctx, "job", "a"); err != nil || claim("a") {
			t.Fatalf("a released a lease it did not hold: %v", err)
		}
		if err := db.MailLog().ReleaseLease(ctx, "job", "b"); err != nil || !claim("a") {
			t.Fatalf("after b released: %v", err)
		}
	})
}
