package intake_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"hitori"
	"hitori/intake"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestSamples ingests every shared sample in order and checks each outcome
// against INDEX.tsv, then the details a helpdesk relies on.
func TestSamples(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		mustExistingItems(t, db)
		sato := &hitori.User{Email: "misaki.sato@minato-seiko.example", Name: "佐藤 美咲", Role: hitori.RoleRequester}
		if err := db.Users().CreateUser(ctx, sato, "correct horse battery staple"); err != nil {
			t.Fatal(err)
		}
		p := newPipeline(t, db)
		items := map[string]int64{} // sample file → its item
		for _, s := range mustSamples(t) {
			r, err := p.Ingest(ctx, mustRead(t, s.File))
			if err != nil {
				t.Errorf("%s: %v", s.File, err)
				continue
			}
			want := s.ToItem
			if s.ToFile != "" {
				want = items[s.ToFile]
			}
			switch {
			case r.Action != s.Action:
				t.Errorf("%s: got %s, want %s", s.File, r, s.Action)
			case s.Action == intake.Ignored && r.Reason != s.Reason:
				t.Errorf("%s: got %s, want ignored: %s", s.File, r, s.Reason)
			case s.Action == intake.Appended && r.ItemID != want:
				t.Errorf("%s: got %s (by %s), want appended #%d", s.File, r, r.By, want)
			case r.Duplicate:
				t.Errorf("%s: first ingest reported as a duplicate", s.File)
			}
			items[s.File] = r.ItemID
		}

		t.Run("requester account linked", func(t *testing.T) {
			it := mustFindItem(t, db, items["01_plain_iso2022jp.eml"])
			if it.RequesterID == nil || *it.RequesterID != sato.ID || it.Source != hitori.SourceEmail || it.FirstResponseDue == nil {
				t.Fatalf("item %+v: want requester %d, source email, SLA due set", it, sato.ID)
			}
			if it.Title != "2Fの複合機で印刷できません" {
				t.Fatalf("title %q", it.Title)
			}
		})
		t.Run("form mail is for Reply-To", func(t *testing.T) {
			it := mustFindItem(t, db, items["21_raw_utf8_headers_form.eml"])
			if it.RequesterEmail != "saki.shimizu@minato-seiko.example" || it.RequesterID != nil {
				t.Fatalf("requester %q %v", it.RequesterEmail, it.RequesterID)
			}
		})
		t.Run("urgent subject", func(t *testing.T) {
			if it := mustFindItem(t, db, items["22_long_folded_subject_emoji.eml"]); !it.Urgent {
				t.Fatal("至急 in the subject should make the item urgent")
			}
			if it := mustFindItem(t, db, items["01_plain_iso2022jp.eml"]); it.Urgent {
				t.Fatal("an ordinary mail is not urgent")
			}
		})
		t.Run("empty subject gets a title", func(t *testing.T) {
			if it := mustFindItem(t, db, items["19_empty_subject.eml"]); it.Title == "" {
				t.Fatal("empty title")
			}
		})
		t.Run("attachments stored", func(t *testing.T) {
			as, err := db.MailLog().FindAttachments(ctx, items["07_attach_png_rfc2231.eml"])
			if err != nil {
				t.Fatal(err)
			}
			if len(as) != 2 || !as[0].Original || as[0].Name != intake.OriginalName || as[1].Name != "スクリーンショット 2026-11-25 101512.png" || as[1].ContentType != "image/png" {
				t.Fatalf("attachments %+v", as)
			}
			for _, a := range as {
				b, err := os.ReadFile(p.Files().Path(a.SHA256))
				if err != nil {
					t.Fatal(err)
				}
				if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != a.SHA256 || int64(len(b)) != a.Size {
					t.Fatalf("%s: stored bytes do not match the row", a.Name)
				}
			}
			orig, _ := os.ReadFile(p.Files().Path(as[0].SHA256))
			if string(orig) != string(mustRead(t, "07_attach_png_rfc2231.eml")) {
				t.Fatal("the original .eml is not kept byte for byte")
			}
		})
		t.Run("over the text limit", func(t *testing.T) {
			id := items["18_large_body_2mb.eml"]
			as, err := db.MailLog().FindAttachments(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(as) != 2 || as[1].Name != "本文全文.txt" || as[1].Size < 1<<20 {
				t.Fatalf("attachments %+v: want the full text kept", as)
			}
			evs := mustEvents(t, db, id)
			if len(evs) != 1 || evs[0].Kind != hitori.EventNote || !strings.Contains(evs[0].Body, "本文全文.txt") {
				t.Fatalf("events %+v: want one internal note about the limit", evs)
			}
		})
		t.Run("replies are stripped", func(t *testing.T) {
			evs := mustEvents(t, db, items["10_thread_1_original.eml"])
			if len(evs) != 2 {
				t.Fatalf("thread of 10 has %d events, want 2 replies", len(evs))
			}
			for _, e := range evs {
				if e.Kind != hitori.EventEmail || e.MessageID == "" || strings.Contains(e.Body, "\n>") || strings.Contains(e.Body, "Original Message") {
					t.Fatalf("event %+v: want a stripped e-mail", e)
				}
			}
			evs = mustEvents(t, db, 1029)
			if len(evs) != 1 || strings.Contains(evs[0].Body, "差出人") || !strings.Contains(evs[0].Body, "Outlookに表示されました") {
				t.Fatalf("HD-1029 events %+v", evs)
			}
		})
		t.Run("bounce noted on its item", func(t *testing.T) {
			evs := mustEvents(t, db, 1035)
			if len(evs) != 1 || evs[0].Kind != hitori.EventNote || !strings.Contains(evs[0].Body, "5.1.10") {
				t.Fatalf("HD-1035 events %+v: want an internal note of the bounce", evs)
			}
		})
		t.Run("ignored are logged with reasons", func(t *testing.T) {
			rs, err := db.MailLog().FindReceivedMail(ctx, intake.Ignored, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, r := range rs {
				got[r.Reason] = true
				if r.EMLSHA256 == "" {
					t.Errorf("%s: original not kept", r.MessageID)
				}
			}
			if len(rs) != 3 || !got["auto-reply"] || !got["bounce"] || !got["read-receipt"] {
				t.Fatalf("ignored log %+v", rs)
			}
		})
	})
}

func mustFindItem(tb testing.TB, db *sqlstore.DB, id int64) *hitori.Item {
	tb.Helper()
	it, err := db.Items().FindItemByID(context.Background(), id)
	if err != nil {
		tb.Fatalf("item %d: %v", id, err)
	}
	return it
}

func mustEvents(tb testing.TB, db *sqlstore.DB, id int64) []*hitori.Event {
	tb.Helper()
	evs, err := db.Items().FindEvents(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	return evs
}
