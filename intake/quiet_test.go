package intake_test

import (
	"context"
	"testing"

	"hitori"
	"hitori/intake"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
	"hitori/work"
)

// TestQuietMail: mail sent in bulk or by a program is a real notice often
// enough (a data centre's maintenance announcement) that it becomes an
// item; only the acknowledgement is left out. Certain machine answers stay ignored.
func TestQuietMail(t *testing.T) {
	const vendor = "データセンター運用 <noc@dc.example.jp>"
	tests := []struct {
		name    string
		raw     []byte
		want    string // result, "created" for any new item
		noAck   bool
		notices int // acknowledgements queued
	}{
		{"ordinary mail is acknowledged", rawMail(vendor, "ラック電源の交換について", "q1@x"), "created", false, 1},
		{"maintenance notice sent as bulk", rawMail(vendor, "【重要】12月メンテナンスのお知らせ", "q2@x", "Precedence: bulk"), "created", true, 0},
		{"mailing list", rawMail(vendor, "障害情報", "q3@x", "Precedence: list"), "created", true, 0},
		{"a program's alert", rawMail("NAS <nas@minato-seiko.example>", "ディスク異常", "q4@x", "Auto-Submitted: auto-generated"), "created", true, 0},
		{"Exchange asks for no auto-reply", rawMail(vendor, "作業完了報告", "q5@x", "X-Auto-Response-Suppress: All"), "created", true, 0},
		{"out-of-office stays ignored", rawMail(vendor, "不在", "q6@x", "Auto-Submitted: auto-replied", "Precedence: bulk"), "ignored: auto-reply", false, 0},
	}
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		db.Items().SetItemOutbox(work.Outbox)
		p := intake.New(storeOf(db), intake.Options{DataDir: t.TempDir()})
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := noticeJobs(t, db)
				r, err := p.Ingest(ctx, tt.raw)
				if err != nil {
					t.Fatal(err)
				}
				if got := r.String(); got != tt.want && !(tt.want == "created" && r.Action == intake.Created) {
					t.Fatalf("got %q, want %q", got, tt.want)
				}
				if r.Action == intake.Created {
					it, err := db.Items().FindItemByID(ctx, r.ItemID)
					if err != nil {
						t.Fatal(err)
					}
					if it.HasTag(hitori.TagNoAck) != tt.noAck {
						t.Errorf("tags %q, want %s: %v", it.Tags, hitori.TagNoAck, tt.noAck)
					}
				}
				if got := noticeJobs(t, db) - before; got != tt.notices {
					t.Errorf("%d acknowledgements queued, want %d", got, tt.notices)
				}
			})
		}
	})
}

// noticeJobs counts queued item notices.
func noticeJobs(tb testing.TB, db *sqlstore.DB) int {
	tb.Helper()
	js, err := db.Jobs().List(context.Background(), hitori.JobFilter{State: hitori.JobQueued, Kind: hitori.JobItemNotice})
	if err != nil {
		tb.Fatal(err)
	}
	return len(js)
}
