package intake_test

import (
	"bytes"
	"context"
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

// TestRealMailServers runs intake against real servers: samples reach the
// helpdesk mailbox through postfix and IMAP APPEND, one poll over STARTTLS
// turns them into items and moves them to the processed folder, and a
// reply sent through postfix (STARTTLS, login) reaches the colleague's
// mailbox with its Japanese subject and threading headers intact; her
// answer to it comes back into the same item.
func TestRealMailServers(t *testing.T) {
	srv := startRealServers(t)
	imapCfg := func(user, pass, folder string) mail.IMAPConfig {
		return mail.IMAPConfig{Addr: srv.imapAddr, TLS: mail.TLSStartTLS, TLSConfig: srv.tls, Username: user, Password: pass,
			Mailbox: folder, Timeout: 30 * time.Second}
	}
	smtp := func(user, pass string) *mail.Sender {
		return &mail.Sender{Addr: srv.smtpAddr, TLS: mail.TLSStartTLS, TLSConfig: srv.tls, Username: user, Password: pass,
			HelloName: "client.minato-seiko.example", Timeout: 30 * time.Second}
	}
	samples := mustSamples(t)
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		mustExistingItems(t, db)
		hd := imapCfg(helpdeskUser, helpdeskPass, "INBOX")
		processed := "Processed-" + db.Dialect

		// The first sample (ISO-2022-JP, 7 bit) travels the real MTA path;
		// the rest are appended in order once it has arrived.
		first := mustRead(t, samples[0].File)
		if err := smtp(sakiUser, sakiPass).SendRaw(ctx, "misaki.sato@minato-seiko.example", []string{helpdeskUser}, first); err != nil {
			t.Fatalf("send through postfix: %v\n%s", err, srv.log("postfix.log"))
		}
		waitPending(t, hd, 1, srv)
		mb, err := mail.DialIMAP(ctx, hd)
		if err != nil {
			t.Fatalf("imap login: %v\n%s", err, srv.log("dovecot.log"))
		}
		for _, s := range samples[1:] {
			must(t, mb.Append("INBOX", mustRead(t, s.File)))
		}
		mb.Close()

		p := &intake.Poller{Pipeline: intake.New(storeOf(db), intake.Options{DataDir: t.TempDir(), OwnAddresses: []string{helpdeskUser}}),
			Leases: db.MailLog(), IMAP: hd, ProcessedMailbox: processed}
		st, err := p.Poll(ctx)
		if err != nil || st.Fetched != len(samples) || st.Failed != 0 {
			t.Fatalf("poll: %+v, %v\n%s", st, err, srv.log("dovecot.log"))
		}
		items := map[string]int64{}
		for _, s := range samples {
			msg, err := mail.Parse(mustRead(t, s.File), mail.Limits{})
			must(t, err)
			rec, err := db.MailLog().FindReceived(ctx, msg.MessageID)
			if err != nil {
				t.Fatalf("%s was not recorded: %v", s.File, err)
			}
			want := s.ToItem
			if s.ToFile != "" {
				want = items[s.ToFile]
			}
			if rec.Action != s.Action || s.Action == intake.Ignored && rec.Reason != s.Reason || s.Action == intake.Appended && rec.ItemID != want {
				t.Errorf("%s: %s #%d %s; want %s #%d %s", s.File, rec.Action, rec.ItemID, rec.Reason, s.Action, want, s.Reason)
			}
			items[s.File] = rec.ItemID
		}
		if in, done := pendingCount(t, hd, true), pendingCount(t, imapCfg(helpdeskUser, helpdeskPass, processed), true); in != 0 || done != len(samples) {
			t.Fatalf("after the poll INBOX holds %d and %s %d; want 0 and %d", in, processed, done, len(samples))
		}

		// A staff reply on the AutoCAD ticket of 清水 早紀, through postfix.
		it := mustFindItem(t, db, items["23_mutt_iso2022jp_rfc2231_attach.eml"])
		reply := &hitori.Event{ItemID: it.ID, Kind: hitori.EventReply, Body: "清水さん\n\nライセンスを再割り当てしました。もう一度起動してみてください。"}
		must(t, db.Items().AddEvent(ctx, reply))
		ts, err := intake.LoadTemplates("")
		must(t, err)
		m := &intake.Mailer{Sender: smtp(helpdeskUser, helpdeskPass), Outbox: db.MailLog(), Templates: ts,
			From: mail.Address{Name: "情報システム課 ヘルプデスク", Email: helpdeskUser}}
		id, err := m.Send(ctx, intake.Notice{Kind: intake.KindReply, Item: it, Event: reply})
		if err != nil {
			t.Fatalf("send reply: %v\n%s", err, srv.log("postfix.log"))
		}
		raw := fetchByID(t, imapCfg(sakiUser, sakiPass, "INBOX"), id, srv)
		got, err := mail.Parse(raw, mail.Limits{})
		must(t, err)
		wantSubject := "Re: [" + it.Key() + "] AutoCAD LTが起動しない（ライセンスエラー）"
		if got.Subject != wantSubject || got.InReplyTo != it.MessageID || len(got.References) == 0 || got.References[0] != it.MessageID ||
			!strings.HasPrefix(got.Text, "清水さん") || got.From.Email != helpdeskUser {
			t.Fatalf("delivered reply: subject %q, in-reply-to %q, references %q, from %q, text %q", got.Subject, got.InReplyTo,
				got.References, got.From.Email, got.Text)
		}
		head, _, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
		if !bytes.Contains(head, []byte("Subject: =?UTF-8?B?")) {
			t.Fatalf("subject not B-encoded after delivery:\n%s", head)
		}

		// Her answer quotes nothing but In-Reply-To, through postfix again.
		answer := fmt.Sprintf("From: 清水 早紀 <%s>\r\nTo: %s\r\nSubject: Re: 起動しました\r\nMessage-ID: <answer.%s@minato-seiko.example>\r\n"+
			"In-Reply-To: <%s>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n起動しました。ありがとうございました。\r\n",
			sakiUser, helpdeskUser, db.Dialect, id)
		must(t, smtp(sakiUser, sakiPass).SendRaw(ctx, sakiUser, []string{helpdeskUser}, []byte(answer)))
		waitPending(t, hd, 1, srv)
		if st, err := p.Poll(ctx); err != nil || st.Appended != 1 {
			t.Fatalf("poll of the answer: %+v, %v", st, err)
		}
		evs := mustEvents(t, db, it.ID)
		if last := evs[len(evs)-1]; last.Kind != hitori.EventEmail || !strings.Contains(last.Body, "起動しました") {
			t.Fatalf("the answer did not reach %s: %+v", it.Key(), last)
		}
	})
}

// pendingCount counts the messages waiting in a folder.
func pendingCount(t *testing.T, cfg mail.IMAPConfig, withFolder bool) int {
	t.Helper()
	mb, err := mail.DialIMAP(context.Background(), cfg)
	must(t, err)
	defer mb.Close()
	uids, err := mb.Pending(withFolder, 0)
	must(t, err)
	return len(uids)
}

// waitPending waits until a mailbox holds at least n messages (postfix delivers asynchronously).
func waitPending(t *testing.T, cfg mail.IMAPConfig, n int, srv *realServers) {
	t.Helper()
	for start := time.Now(); time.Since(start) < 30*time.Second; time.Sleep(100 * time.Millisecond) {
		if pendingCount(t, cfg, true) >= n {
			return
		}
	}
	t.Fatalf("%s: mail did not arrive within 30 s\n%s", cfg.Username, srv.log("postfix.log"))
}

// fetchByID waits for the message with a Message-ID in a mailbox and returns it.
func fetchByID(t *testing.T, cfg mail.IMAPConfig, id string, srv *realServers) []byte {
	t.Helper()
	for start := time.Now(); time.Since(start) < 30*time.Second; time.Sleep(100 * time.Millisecond) {
		mb, err := mail.DialIMAP(context.Background(), cfg)
		must(t, err)
		uids, err := mb.Pending(true, 0)
		must(t, err)
		for _, uid := range uids {
			raw, err := mb.Fetch(uid)
			must(t, err)
			if bytes.Contains(raw, []byte("<"+id+">")) {
				mb.Close()
				return raw
			}
		}
		mb.Close()
	}
	t.Fatalf("message %s did not arrive within 30 s\n%s", id, srv.log("postfix.log"))
	return nil
}
