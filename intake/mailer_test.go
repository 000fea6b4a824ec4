package intake_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"hitori"
	"hitori/intake"
	"hitori/mail"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// captureSender keeps what would have been sent.
type captureSender struct {
	mu   sync.Mutex
	sent [][]byte
	err  error
}

func (c *captureSender) Send(_ context.Context, m *mail.OutgoingMessage) error {
	raw, err := m.Bytes()
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sent = append(c.sent, raw)
	return c.err
}

func (c *captureSender) last(t *testing.T) *mail.Message {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	m, err := mail.Parse(c.sent[len(c.sent)-1], mail.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func newMailer(t *testing.T, db *sqlstore.DB, s intake.MessageSender) *intake.Mailer {
	t.Helper()
	ts, err := intake.LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	return &intake.Mailer{Sender: s, Outbox: db.MailLog(), Templates: ts, BaseURL: "https://hitori.minato-seiko.example",
		From: mail.Address{Name: "情報システム課", Email: "it-help@minato-seiko.example"}, Signature: "情報システム課 内線 1234"}
}

// TestMailerThreads: the acknowledgement answers the requester's mail, a
// staff reply answers the acknowledgement, and the requester's answer to
// that reply — with no References, only In-Reply-To — lands on the item.
func TestMailerThreads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		p := newPipeline(t, db)
		r, err := p.Ingest(ctx, mustRead(t, "10_thread_1_original.eml"))
		if err != nil {
			t.Fatal(err)
		}
		it := mustFindItem(t, db, r.ItemID)
		cs := &captureSender{}
		m := newMailer(t, db, cs)

		ack, err := m.Send(ctx, intake.Notice{Kind: intake.KindCreated, Item: it})
		if err != nil {
			t.Fatal(err)
		}
		got := cs.last(t)
		if got.InReplyTo != r.MessageID || got.MessageID != ack || !strings.HasSuffix(ack, "@minato-seiko.example") ||
			!strings.Contains(got.Subject, "["+it.Key()+"]") || got.Header.Get("Auto-Submitted") != "auto-replied" ||
			!strings.Contains(got.Text, "受付番号は "+it.Key()) || !strings.Contains(got.Text, "/items/") {
			t.Fatalf("acknowledgement %+v", got)
		}

		reply := &hitori.Event{ItemID: it.ID, Kind: hitori.EventReply, Body: "VPNクライアントを再インストールしてください。"}
		if err := db.Items().AddEvent(ctx, reply); err != nil {
			t.Fatal(err)
		}
		rid, err := m.Send(ctx, intake.Notice{Kind: intake.KindReply, Item: it, Event: reply})
		if err != nil {
			t.Fatal(err)
		}
		got = cs.last(t)
		if got.InReplyTo != ack || strings.Join(got.References, " ") != r.MessageID+" "+ack || got.Header.Has("Auto-Submitted") ||
			!strings.HasPrefix(got.Subject, "Re: ["+it.Key()+"]") || !strings.HasPrefix(got.Text, reply.Body) {
			t.Fatalf("reply %+v", got)
		}

		answer := rawMail("山本 健太 <kenta.yamamoto@minato-seiko.example>", "ありがとうございます", "answer@minato-seiko.example",
			"In-Reply-To: <"+rid+">")
		if res, err := p.Ingest(ctx, answer); err != nil || res.Action != intake.Appended || res.ItemID != it.ID || res.By != intake.ByReferences {
			t.Fatalf("answer to our reply: %+v, %v", res, err)
		}

		// Our own mail coming back (a copy to the helpdesk address) is a loop, not a reply.
		cs.mu.Lock()
		own := cs.sent[0]
		cs.mu.Unlock()
		if res, err := p.Ingest(ctx, own); err != nil || res.Action != intake.Ignored || res.Reason != mail.IgnoreAutoReply && res.Reason != mail.IgnoreLoop {
			t.Fatalf("own acknowledgement came back as %+v, %v", res, err)
		}
	})
}

// TestMailerBounce: a delivery failure of hitori's mail marks it failed and
// leaves a note on the item; a failure to send is recorded too.
func TestMailerBounce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		p := newPipeline(t, db)
		r, err := p.Ingest(ctx, mustRead(t, "01_plain_iso2022jp.eml"))
		if err != nil {
			t.Fatal(err)
		}
		it := mustFindItem(t, db, r.ItemID)
		cs := &captureSender{}
		id, err := newMailer(t, db, cs).Send(ctx, intake.Notice{Kind: intake.KindStatus, Item: it, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if got := cs.last(t); !strings.Contains(got.Subject, "(received)") || got.Header.Get("Auto-Submitted") != "auto-generated" {
			t.Fatalf("status notice %q", got.Subject)
		}
		bounce := strings.ReplaceAll(string(mustRead(t, "15_bounce_dsn.eml")), "hd-1035.1732518120.d1@helpdesk.minato-seiko.example", id)
		if !strings.Contains(bounce, id) {
			t.Fatal("the bounce sample no longer names the original Message-ID this test replaces")
		}
		res, err := p.Ingest(ctx, []byte(bounce))
		if err != nil || res.Action != intake.Ignored || res.Reason != mail.IgnoreBounce || res.ItemID != it.ID {
			t.Fatalf("bounce: %+v, %v", res, err)
		}
		evs := mustEvents(t, db, it.ID)
		if len(evs) != 1 || evs[0].Kind != hitori.EventNote || !strings.Contains(evs[0].Body, "5.1.10") {
			t.Fatalf("events %+v", evs)
		}

		cs.err = errors.New("connection refused")
		if _, err := newMailer(t, db, cs).Send(ctx, intake.Notice{Kind: intake.KindCreated, Item: it}); err == nil {
			t.Fatal("a failed send must be reported")
		}
	})
}

func TestTemplatesOverride(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "ja"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(s string) {
		if err := os.WriteFile(filepath.Join(dir, "ja", "created.tmpl"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(`{{define "subject"}}受付 {{.Key}}{{end}}{{define "body"}}{{.Name}} さん、受け付けました。{{end}}`)
	ts, err := intake.LoadTemplates(dir)
	if err != nil {
		t.Fatal(err)
	}
	it := &hitori.Item{ID: 7, Title: "プリンター"}
	s, b, err := ts.Render("ja", intake.KindCreated, intake.MailData{Item: it, Key: it.Key(), Name: "佐藤"})
	if err != nil || s != "受付 HD-7" || b != "佐藤 さん、受け付けました。\n" {
		t.Fatalf("%q %q %v", s, b, err)
	}
	if s, _, err := ts.Render("en", intake.KindCreated, intake.MailData{Item: it, Key: it.Key(), Name: "Sato"}); err != nil || s != "[HD-7] プリンター" {
		t.Fatalf("en default: %q %v", s, err)
	}
	for _, broken := range []string{`{{define "subject"}}x{{end}}`, `{{define "subject"}}{{.Nope`} {
		write(broken)
		if _, err := intake.LoadTemplates(dir); err == nil {
			t.Errorf("template %q loaded; want an error at start", broken)
		}
	}
}
