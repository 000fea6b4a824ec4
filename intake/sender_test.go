package intake_test

import (
	"context"
	"fmt"
	"testing"

	"hitori"
	"hitori/intake"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
	"hitori/work"
)

// TestThreadingSender: a subject tag or a reference threads mail to an
// item, but only its requester, someone who already wrote on it, or staff
// write a public reply. Anyone else's mail (item numbers are sequential)
// becomes an internal note for the admin, reopens nothing and tells no one.
func TestThreadingSender(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		db.Items().SetItemOutbox(work.Outbox)
		staff := &hitori.User{Email: "admin@minato-seiko.example", Name: "管理者", Role: hitori.RoleAdmin}
		if err := db.Users().CreateUser(ctx, staff, "password123"); err != nil {
			t.Fatal(err)
		}
		p := intake.New(storeOf(db), intake.Options{DataDir: t.TempDir()})
		const yoko = "中村 陽子 <yoko.nakamura@minato-seiko.example>"
		orig, err := p.Ingest(ctx, rawMail(yoko, "経費精算にログインできない", "s0@x"))
		if err != nil {
			t.Fatal(err)
		}
		tag := fmt.Sprintf("Re: [HD-%d] 経費精算", orig.ItemID)
		tests := []struct {
			name   string
			raw    []byte
			public bool
		}{
			{"stranger by tag", rawMail("攻撃者 <mallory@evil.example>", tag, "s1@x"), false},
			{"stranger again, referencing their own note", rawMail("攻撃者 <mallory@evil.example>", tag, "s2@x", "References: <s1@x>"), false},
			{"stranger by reference to the requester's mail", rawMail("他部署 <other@minato-seiko.example>", "Re: 別件", "s3@x", "References: <s0@x>"), false},
			{"requester by tag", rawMail(yoko, tag, "s4@x"), true},
			{"staff by tag", rawMail("管理者 <ADMIN@minato-seiko.example>", tag, "s5@x"), true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if err := db.ExecForTest(ctx, `UPDATE items SET status = 'resolved' WHERE id = $1`, orig.ItemID); err != nil {
					t.Fatal(err)
				}
				jobs := noticeJobs(t, db)
				r, err := p.Ingest(ctx, tt.raw)
				if err != nil || r.Action != intake.Appended || r.ItemID != orig.ItemID {
					t.Fatalf("got %v, %v; want appended #%d", r, err, orig.ItemID)
				}
				events, err := db.Items().FindEvents(ctx, orig.ItemID)
				if err != nil {
					t.Fatal(err)
				}
				e := events[len(events)-1]
				if e.Public() != tt.public || (e.Field == hitori.FieldUnverifiedSender) == tt.public {
					t.Errorf("event kind %s field %q, want public %v", e.Kind, e.Field, tt.public)
				}
				it, err := db.Items().FindItemByID(ctx, orig.ItemID)
				if err != nil {
					t.Fatal(err)
				}
				if reopened := it.Status != hitori.StatusResolved; reopened != tt.public {
					t.Errorf("status %s after the mail, want reopened %v", it.Status, tt.public)
				}
				if n := noticeJobs(t, db) - jobs; n != 0 {
					t.Errorf("%d notices queued, want none", n)
				}
			})
		}
	})
}
