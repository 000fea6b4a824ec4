package sqlstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// mustMailFiles records, as mail intake would, one file with the opening
// message, one with a public e-mail, one with an internal note and the
// original .eml, and returns them in that order.
func mustMailFiles(t *testing.T, db *sqlstore.DB, itemID int64) []*hitori.Attachment {
	t.Helper()
	ctx := context.Background()
	var out []*hitori.Attachment
	err := db.MailLog().InMailTx(ctx, func(tx hitori.MailTx) error {
		mail := &hitori.Event{ItemID: itemID, Kind: hitori.EventEmail, Body: "追加の写真です", MessageID: "m2@example.com"}
		note := &hitori.Event{ItemID: itemID, Kind: hitori.EventNote, Body: "内部メモ"}
		for _, e := range []*hitori.Event{mail, note} {
			if err := tx.AddEvent(ctx, e); err != nil {
				return err
			}
		}
		for i, ev := range []int64{0, mail.ID, note.ID, 0} {
			a := &hitori.Attachment{ItemID: itemID, EventID: ev, Name: fmt.Sprint("file", i, ".png"), ContentType: "image/png",
				Size: 10, SHA256: strings.Repeat(fmt.Sprint(i), 64), Original: i == 3}
			if err := tx.AddAttachment(ctx, a); err != nil {
				return err
			}
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPortalAttachments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		it := MustCreateItem(t, db, f.techCtx, &hitori.Item{Type: hitori.TypeTicket, Title: "プリンター", RequesterID: &f.sato.ID})
		files := mustMailFiles(t, db, it.ID)
		opening, public, note, eml := files[0], files[1], files[2], files[3]

		list, err := db.MailLog().FindPortalAttachments(f.satoCtx, it.ID)
		if err != nil || len(list) != 2 || list[0].ID != opening.ID || list[1].ID != public.ID {
			t.Fatalf("requester's list: got %v (%v), want the opening and the public file", list, err)
		}
		for _, a := range []*hitori.Attachment{opening, public} {
			got, err := db.MailLog().FindPortalAttachment(f.satoCtx, it.ID, a.ID)
			if err != nil || got.Name != a.Name || got.SHA256 != a.SHA256 {
				t.Errorf("requester's %s: got %v, %v", a.Name, got, err)
			}
		}
		for _, tc := range []struct {
			name   string
			ctx    context.Context
			itemID int64
			id     int64
		}{
			{"another requester", f.suzukiCtx, it.ID, opening.ID},
			{"staff on the portal", f.techCtx, it.ID, opening.ID},
			{"viewer", f.viewerCtx, it.ID, opening.ID},
			{"the system", context.Background(), it.ID, opening.ID},
			{"internal note's file", f.satoCtx, it.ID, note.ID},
			{"original message", f.satoCtx, it.ID, eml.ID},
			{"wrong item", f.satoCtx, it.ID + 1, opening.ID},
			{"no such file", f.satoCtx, it.ID, 999999},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if _, err := db.MailLog().FindPortalAttachment(tc.ctx, tc.itemID, tc.id); hitori.ErrorCode(err) != hitori.ENOTFOUND {
					t.Errorf("got %v, want ENOTFOUND", err)
				}
			})
		}
		if _, err := db.MailLog().FindPortalAttachments(f.suzukiCtx, it.ID); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("another requester's list: got %v, want ENOTFOUND", err)
		}
		if _, err := db.MailLog().FindPortalAttachments(f.techCtx, it.ID); hitori.ErrorCode(err) != hitori.ENOTFOUND {
			t.Errorf("staff list of someone's item: got %v, want ENOTFOUND", err)
		}
	})
}
