package intake_test

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"hitori"
	"hitori/intake"
	"hitori/mail"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// startMemIMAP runs go-imap's in-memory server with one user; the real
// servers are in imap_integration_test.go.
func startMemIMAP(t *testing.T, caps imap.CapSet) mail.IMAPConfig {
	t.Helper()
	mem := imapmemserver.New()
	u := imapmemserver.NewUser("helpdesk", "secret")
	if err := u.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(u)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         caps,
		InsecureAuth: true,
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return mail.IMAPConfig{Addr: ln.Addr().String(), TLS: mail.TLSNone, Username: "helpdesk", Password: "secret", Timeout: 10 * time.Second}
}

// deliver appends samples to a folder of the mailbox.
func deliver(t *testing.T, cfg mail.IMAPConfig, folder string, files ...string) {
	t.Helper()
	mb, err := mail.DialIMAP(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer mb.Close()
	for _, f := range files {
		if err := mb.Append(folder, mustRead(t, f)); err != nil {
			t.Fatal(err)
		}
	}
}

// folderCount returns how many messages wait in a folder (as Pending sees them).
func folderCount(t *testing.T, cfg mail.IMAPConfig, folder string, withFolder bool) int {
	t.Helper()
	cfg.Mailbox = folder
	mb, err := mail.DialIMAP(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer mb.Close()
	uids, err := mb.Pending(withFolder, 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(uids)
}

var pollSamples = []string{"10_thread_1_original.eml", "11_thread_2_reply.eml", "14_auto_reply_ooo.eml", "07_attach_png_rfc2231.eml"}

func TestPollerMovesAfterCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		cfg := startMemIMAP(t, imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapMove: {}, imap.CapUIDPlus: {}})
		deliver(t, cfg, "INBOX", pollSamples...)
		dir := t.TempDir()

		// The first poll fails on one message mid-transaction: it stays in
		// the mailbox, the others go to the processed folder.
		fs := &failingStore{Store: storeOf(db), failAt: func(n int64) bool { return n == 1 }}
		p := &intake.Poller{Pipeline: intake.New(fs, intake.Options{DataDir: dir}), Leases: db.MailLog(), IMAP: cfg, ProcessedMailbox: "Processed"}
		st, err := p.Poll(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !st.Claimed || st.Failed != 1 || st.Fetched != 4 {
			t.Fatalf("first poll %+v: want one failure of four", st)
		}
		if got := folderCount(t, cfg, "INBOX", true); got != 1 {
			t.Fatalf("%d messages left in INBOX, want the failed one", got)
		}

		// Another process sharing the database does not poll while the lease is held.
		other := &intake.Poller{Pipeline: intake.New(storeOf(db), intake.Options{DataDir: dir}), Leases: db.MailLog(), IMAP: cfg, ProcessedMailbox: "Processed", Holder: "other"}
		if st, err := other.Poll(ctx); err != nil || st.Claimed {
			t.Fatalf("second process polled while the lease was held: %+v, %v", st, err)
		}

		// The next poll of the holder picks the failed message up.
		p.Pipeline = intake.New(storeOf(db), intake.Options{DataDir: dir})
		st, err = p.Poll(ctx)
		if err != nil || st.Fetched != 1 || st.Failed != 0 || st.Created+st.Appended != 1 {
			t.Fatalf("second poll %+v, %v", st, err)
		}
		if in, done := folderCount(t, cfg, "INBOX", true), folderCount(t, cfg, "Processed", true); in != 0 || done != 4 {
			t.Fatalf("INBOX %d, Processed %d; want 0 and 4", in, done)
		}
		if got := countItems(t, db); got != 2 {
			t.Fatalf("%d items, want 2 (10 with its reply 11, and 07)", got)
		}

		// A message put back into the mailbox is recognised and acknowledged again.
		deliver(t, cfg, "INBOX", pollSamples[0])
		if st, err := p.Poll(ctx); err != nil || st.Duplicates != 1 || countItems(t, db) != 2 {
			t.Fatalf("redelivered: %+v, %v", st, err)
		}
	})
}

func TestPollerMarksWithoutFolder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		cfg := startMemIMAP(t, nil)
		deliver(t, cfg, "INBOX", pollSamples...)
		p := &intake.Poller{Pipeline: intake.New(storeOf(db), intake.Options{DataDir: t.TempDir()}), Leases: db.MailLog(), IMAP: cfg}
		st, err := p.Poll(ctx)
		if err != nil || st.Fetched != 4 || st.Created != 2 || st.Appended != 1 || st.Ignored != 1 {
			t.Fatalf("poll %+v, %v", st, err)
		}
		if got := folderCount(t, cfg, "INBOX", false); got != 0 {
			t.Fatalf("%d messages still pending after the poll", got)
		}
		if st, err := p.Poll(ctx); err != nil || st.Fetched != 0 {
			t.Fatalf("second poll fetched %+v, %v", st, err)
		}
	})
}

// TestPollJob: a scheduled poll works through a backlog larger than one
// batch, then gives the mailbox up at once, so the next poll may run in
// another process without waiting for the lease to expire.
func TestPollJob(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		cfg := startMemIMAP(t, imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapMove: {}, imap.CapUIDPlus: {}})
		deliver(t, cfg, "INBOX", pollSamples...)
		p := &intake.Poller{Pipeline: intake.New(storeOf(db), intake.Options{DataDir: t.TempDir()}), Leases: db.MailLog(), IMAP: cfg,
			ProcessedMailbox: "Done", Batch: 1, Holder: "run"}
		if err := p.PollJob(context.Background(), &hitori.Job{Kind: intake.JobPoll}); err != nil {
			t.Fatal(err)
		}
		if n := countItems(t, db); n < 2 || folderCount(t, cfg, "INBOX", true) > 0 {
			t.Fatalf("after the job: %d items, %d messages pending", n, folderCount(t, cfg, "INBOX", true))
		}
		if ok, err := db.MailLog().ClaimLease(context.Background(), "mail-poll:helpdesk@"+cfg.Addr+"/inbox", "other", time.Minute); err != nil || !ok {
			t.Fatalf("lease not released: %v %v", ok, err)
		}
		bad := &intake.Poller{Pipeline: p.Pipeline, Leases: db.MailLog(), IMAP: cfg, ProcessedMailbox: "inbox"}
		if _, err := bad.Poll(context.Background()); err == nil {
			t.Fatal("a processed folder equal to the mailbox must be refused")
		}
	})
}
