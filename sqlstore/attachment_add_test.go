package sqlstore_test

import (
	"context"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestAddPortalAttachment: a colleague files attachments on their own item
// and their own replies, nowhere else.
func TestAddPortalAttachment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		mine := MustCreateItem(t, db, f.satoCtx, &hitori.Item{Title: "画面が暗い"})
		theirs := MustCreateItem(t, db, f.suzukiCtx, &hitori.Item{Title: "鈴木さんの件"})
		event := func(ctx context.Context, kind hitori.EventKind) int64 {
			t.Helper()
			e := &hitori.Event{ItemID: mine.ID, Kind: kind, Body: "本文"}
			if err := db.Items().AddEvent(ctx, e); err != nil {
				t.Fatal(err)
			}
			return e.ID
		}
		myReply, staffReply, note := event(f.satoCtx, hitori.EventReply), event(f.techCtx, hitori.EventReply), event(f.techCtx, hitori.EventNote)
		tests := []struct {
			name  string
			item  int64
			event int64
			as    *hitori.User
			sum   string
			code  string
		}{
			{"with my item", mine.ID, 0, f.sato, "aa", ""},
			{"with my reply", mine.ID, myReply, f.sato, "bb", ""},
			{"another's item", theirs.ID, 0, f.sato, "cc", hitori.ENOTFOUND},
			{"the staff's reply", mine.ID, staffReply, f.sato, "dd", hitori.ENOTFOUND},
			{"an internal note", mine.ID, note, f.sato, "ee", hitori.ENOTFOUND},
			{"a viewer", mine.ID, 0, f.viewer, "ff", hitori.ENOTFOUND},
			{"no file stored", mine.ID, 0, f.sato, "", hitori.EINVALID},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				a := &hitori.Attachment{ItemID: tt.item, EventID: tt.event, Name: "画面.png", ContentType: "image/png", Size: 3, SHA256: tt.sum}
				err := db.MailLog().AddPortalAttachment(hitori.NewContextWithUser(t.Context(), tt.as), a)
				if got := hitori.ErrorCode(err); got != tt.code {
					t.Fatalf("got %v (code %q), want code %q", err, got, tt.code)
				}
				if tt.code == "" && a.ID == 0 {
					t.Error("no id")
				}
			})
		}
		got, err := db.MailLog().FindPortalAttachments(f.satoCtx, mine.ID)
		if err != nil || len(got) != 2 {
			t.Errorf("sato's files %v %v, want 2", got, err)
		}
	})
}
