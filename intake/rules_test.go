package intake_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/intake"
	"hitori/mail"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// rawMail builds a small UTF-8 message; extra holds more header lines.
func rawMail(from, subject, id string, extra ...string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: it-help@minato-seiko.example\r\nSubject: %s\r\n", from, subject) // raw UTF-8, as web forms send
	if id != "" {
		fmt.Fprintf(&b, "Message-ID: <%s>\r\n", id)
	}
	for _, h := range extra {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("Date: Wed, 25 Nov 2026 10:00:00 +0900\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nよろしくお願いします。\r\n\r\n> 前のメール\r\n")
	return []byte(b.String())
}

// clock is a settable time for the pipeline and the store.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestThreadingRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		c := &clock{t: time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC)}
		db.Now = c.now
		p := intake.New(storeOf(db), intake.Options{DataDir: t.TempDir(), Now: c.now, OwnAddresses: []string{"it-help@minato-seiko.example"}, XLoop: "it-help@minato-seiko.example"})
		ingest := func(raw []byte) intake.Result {
			t.Helper()
			r, err := p.Ingest(ctx, raw)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		const yoko, other = "中村 陽子 <yoko.nakamura@minato-seiko.example>", "林 健一 <kenichi.hayashi@minato-seiko.example>"
		orig := ingest(rawMail(yoko, "経費精算にログインできない", "a1@x"))

		tests := []struct {
			name  string
			raw   []byte
			later time.Duration
			want  string // result, with #ORIG for the first item
		}{
			{"same sender, Re: subject, no headers", rawMail(yoko, "Re: 経費精算にログインできない", "a2@x"), 0, "appended #ORIG"},
			{"full-width RE and a tag", rawMail(yoko, "ＲＥ： [HD-999] 経費精算にログインできない", "a3@x"), 0, "appended #ORIG"},
			{"another sender, same subject", rawMail(other, "Re: 経費精算にログインできない", "b1@x"), 0, "created"},
			{"reply by References from another sender", rawMail(other, "別件", "b2@x", "References: <zz@x> <a1@x>"), 0, "appended #ORIG"},
			{"tag of an existing item", rawMail(other, fmt.Sprintf("RE: [HD-%d] なんでも", orig.ItemID), "b3@x"), 0, "appended #ORIG"},
			{"subject match too old", rawMail(yoko, "Re: 経費精算にログインできない", "a4@x"), 15 * 24 * time.Hour, "created"},
			{"own address is a loop", rawMail("IT Helpdesk <it-help@minato-seiko.example>", "[HD-1] 受付しました", "c1@x"), 0, "ignored: loop"},
			{"X-Loop is a loop", rawMail(other, "転送", "c2@x", "X-Loop: it-help@minato-seiko.example"), 0, "ignored: loop"},
			{"bulk is kept (without an acknowledgement)", rawMail(other, "ニュースレター", "c3@x", "Precedence: bulk"), 0, "created"},
		}
		for _, tt := range tests {
			c.t = c.t.Add(tt.later)
			got := ingest(tt.raw).String()
			want := strings.ReplaceAll(tt.want, "#ORIG", fmt.Sprintf("#%d", orig.ItemID))
			if got != want && !(want == "created" && strings.HasPrefix(got, "created #")) {
				t.Errorf("%s: got %q, want %q", tt.name, got, want)
			}
		}
	})
}

func TestReplyReopens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		p := newPipeline(t, db)
		r, err := p.Ingest(ctx, mustRead(t, "10_thread_1_original.eml"))
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range []hitori.Status{hitori.StatusResolved, hitori.StatusClosed} {
			if _, err := db.Items().UpdateItem(ctx, r.ItemID, hitori.ItemUpdate{Status: &st}); err != nil {
				t.Fatal(err)
			}
			file := map[hitori.Status]string{hitori.StatusResolved: "11_thread_2_reply.eml", hitori.StatusClosed: "12_thread_3_rere_outlook.eml"}[st]
			if got, err := p.Ingest(ctx, mustRead(t, file)); err != nil || got.Action != intake.Appended || got.ItemID != r.ItemID {
				t.Fatalf("%s: %v, %v", file, got, err)
			}
			it := mustFindItem(t, db, r.ItemID)
			want := map[hitori.Status]hitori.Status{hitori.StatusResolved: hitori.StatusInProgress, hitori.StatusClosed: hitori.StatusClosed}[st]
			if it.Status != want || st == hitori.StatusResolved && it.ResolvedAt != nil {
				t.Fatalf("after a reply to a %s item: status %s, resolved at %v; want %s", st, it.Status, it.ResolvedAt, want)
			}
		}
		evs := mustEvents(t, db, r.ItemID)
		var reopened bool
		for _, e := range evs {
			reopened = reopened || e.Kind == hitori.EventChange && e.Field == "status" && e.Old == "resolved" && e.New == "in_progress"
		}
		if !reopened {
			t.Fatalf("no status change recorded: %+v", evs)
		}
	})
}

func TestNoMessageIDAndUnreadable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		p := newPipeline(t, db)
		raw := rawMail("森 美穂 <miho.mori@minato-seiko.example>", "IDなし", "")
		a, err := p.Ingest(ctx, raw)
		if err != nil || a.Action != intake.Created {
			t.Fatalf("%v, %v", a, err)
		}
		b, err := p.Ingest(ctx, raw)
		if err != nil || !b.Duplicate || b.ItemID != a.ItemID {
			t.Fatalf("the same bytes again: %+v, %v; want a duplicate of #%d", b, err, a.ItemID)
		}
		_, err = p.Ingest(ctx, []byte("\x00\x01 not mail at all"))
		if !errors.Is(err, mail.ErrNotMail) {
			t.Fatalf("not mail: %v", err)
		}
		for range 2 {
			r, err := p.IgnoreUnreadable(ctx, []byte("garbage"), err)
			if err != nil || r.Action != intake.Ignored || r.Reason != intake.ReasonUnreadable {
				t.Fatalf("unreadable: %+v, %v", r, err)
			}
		}
		if rs, err := db.MailLog().FindReceivedMail(ctx, intake.Ignored, 0, 0); err != nil || len(rs) != 1 {
			t.Fatalf("ignored log %d rows, %v", len(rs), err)
		}
	})
}

// TestLimits: a message over every limit still becomes an item, with a note.
func TestLimits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		p := intake.New(storeOf(db), intake.Options{DataDir: t.TempDir(),
			Limits: mail.Limits{MaxAttachmentBytes: 100, MaxTextBytes: 50}})
		r, err := p.Ingest(ctx, mustRead(t, "07_attach_png_rfc2231.eml"))
		if err != nil || r.Action != intake.Created {
			t.Fatalf("%v, %v", r, err)
		}
		as, err := db.MailLog().FindAttachments(ctx, r.ItemID)
		if err != nil {
			t.Fatal(err)
		}
		var omitted bool
		for _, a := range as {
			omitted = omitted || a.Name == "スクリーンショット 2026-11-25 101512.png" && a.SHA256 == "" && a.Size > 100
		}
		evs := mustEvents(t, db, r.ItemID)
		if !omitted || len(evs) != 1 || evs[0].Kind != hitori.EventNote {
			t.Fatalf("attachments %+v, events %+v: want the big file listed without bytes and a note", as, evs)
		}
	})
}

// TestReferencesBeforeTag: when References and the subject tag point to
// different items, References win (a reply keeps its thread even if the
// requester pasted another ticket's subject), and the tag still works alone.
func TestReferencesBeforeTag(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		p := newPipeline(t, db)
		ingest := func(raw []byte) intake.Result {
			t.Helper()
			r, err := p.Ingest(ctx, raw)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		const yoko, kenichi = "中村 陽子 <yoko.nakamura@minato-seiko.example>", "林 健一 <kenichi.hayashi@minato-seiko.example>"
		a := ingest(rawMail(yoko, "VPNにつながらない", "a1@x"))
		b := ingest(rawMail(kenichi, "プリンターが止まった", "b1@x"))
		if a.Action != intake.Created || b.Action != intake.Created || a.ItemID == b.ItemID {
			t.Fatalf("setup: got %v and %v, want two new items", a, b)
		}
		tests := []struct {
			name string
			raw  []byte
			want int64
		}{
			{"References to A, tag of B", rawMail(yoko, fmt.Sprintf("Re: [HD-%d] プリンターが止まった", b.ItemID), "a2@x", "In-Reply-To: <a1@x>", "References: <a1@x>"), a.ItemID},
			{"References only to A, tag of B", rawMail(kenichi, fmt.Sprintf("RE: [HD-%d] 別件", b.ItemID), "a3@x", "References: <zz@x> <a1@x>"), a.ItemID},
			{"unknown References, tag of B", rawMail(yoko, fmt.Sprintf("Re: [HD-%d] 別件", b.ItemID), "b2@x", "References: <nobody@x>"), b.ItemID},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got := ingest(tt.raw)
				if got.Action != intake.Appended || got.ItemID != tt.want {
					t.Errorf("got %v, want appended #%d", got, tt.want)
				}
			})
		}
	})
}

// TestNoSenderNoSubjectMatch: subject matching needs a sender. Two messages
// with no usable From and the same subject are two people's problems, not
// one thread.
func TestNoSenderNoSubjectMatch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		p := newPipeline(t, db)
		var ids []int64
		for i, from := range []string{"", "undisclosed-recipients:;"} {
			r, err := p.Ingest(ctx, rawMail(from, "パスワードを忘れました", fmt.Sprintf("nosender%d@x", i)))
			if err != nil {
				t.Fatal(err)
			}
			if r.Action != intake.Created {
				t.Fatalf("message %d without a sender: got %v, want a new item", i, r)
			}
			ids = append(ids, r.ItemID)
		}
		if ids[0] == ids[1] {
			t.Fatalf("both sender-less messages went to #%d", ids[0])
		}
	})
}
