package intake

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"hitori"
	"hitori/mail"
)

// Poller reads a mailbox over IMAP into the pipeline. A message leaves the
// mailbox (moved to ProcessedMailbox, or marked) only after its item is
// committed, so a crash at any point loses nothing: the next poll fetches
// it again and the pipeline, seeing its Message-ID, writes nothing twice.
// Several processes sharing one database may run pollers on the same
// mailbox: a lease in the database lets one of them poll at a time.
type Poller struct {
	Pipeline *Pipeline
	Leases   Leaser
	IMAP     mail.IMAPConfig
	// ProcessedMailbox receives each message after its commit (created if
	// missing). Empty: messages stay and are marked \Seen and, where the
	// server allows keywords, $HitoriProcessed.
	ProcessedMailbox string
	Interval         time.Duration // between polls; 0 means one minute
	Batch            int           // messages per poll at most; 0 means 200
	Holder           string        // this process in the lease table; empty: host, pid and a random part
	Logger           *slog.Logger
}

// PollStats counts what one poll did.
type PollStats struct {
	Claimed                    bool // this process held the lease and polled
	Fetched                    int
	Created, Appended, Ignored int
	Duplicates                 int // already ingested earlier; acknowledged again
	Failed                     int // left in the mailbox for the next poll
}

// Job kinds of the mailbox: the poll runs on a schedule of the job
// engine (every --imap-interval), the sweep daily.
const (
	JobPoll  = "mail.poll"
	JobSweep = "mail.sweep"
)

// PollJob is the job handler of one scheduled poll: it polls until the
// mailbox is empty or the job's time is up, then gives the mailbox lease
// back, so the next poll may run in any process sharing the database. The
// engine never runs two polls at once (the schedule's unique key); the
// lease still keeps a process of an older version off the mailbox.
func (p *Poller) PollJob(ctx context.Context, _ *hitori.Job) error {
	p.defaults()
	log := p.Logger.With("mailbox", p.leaseName())
	defer func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if err := p.Leases.ReleaseLease(ctx, p.leaseName(), p.Holder); err != nil {
			log.Warn("mail poll: release lease", "err", err)
		}
	}()
	for {
		st, err := p.Poll(ctx)
		if err != nil {
			return err
		}
		if st.Fetched > 0 || st.Failed > 0 {
			log.Info("mail poll", "fetched", st.Fetched, "created", st.Created, "appended", st.Appended,
				"ignored", st.Ignored, "duplicates", st.Duplicates, "failed", st.Failed)
		}
		if !st.Claimed || st.Fetched < p.Batch || st.Failed > 0 || ctx.Err() != nil {
			return nil
		}
		// A backlog: go on at once.
	}
}

// SweepJob removes stored files of messages whose process died before
// their commit, once a day.
func (p *Poller) SweepJob(ctx context.Context, _ *hitori.Job) error {
	n, err := p.Pipeline.Files().Sweep(ctx, p.Pipeline.store, 24*time.Hour, time.Now())
	if err != nil {
		return fmt.Errorf("intake: sweep files: %w", err)
	}
	if n > 0 {
		p.Logger.Info("mail: removed orphaned files", "count", n)
	}
	return nil
}

// Poll claims the mailbox and ingests what waits there, oldest first. A
// message that fails stays for the next poll; the others go on.
func (p *Poller) Poll(ctx context.Context) (PollStats, error) {
	p.defaults()
	var st PollStats
	folder := strings.TrimSpace(p.ProcessedMailbox)
	if strings.EqualFold(folder, cmpDefault(p.IMAP.Mailbox, "INBOX")) {
		return st, fmt.Errorf("intake: the processed folder %q is the mailbox polled", folder)
	}
	name, ttl := p.leaseName(), p.leaseTTL()
	ok, err := p.Leases.ClaimLease(ctx, name, p.Holder, ttl)
	if err != nil || !ok {
		return st, err
	}
	st.Claimed = true
	renewed := time.Now()
	mb, err := mail.DialIMAP(ctx, p.IMAP)
	if err != nil {
		return st, err
	}
	defer mb.Close()
	if folder != "" {
		if err := mb.EnsureFolder(folder); err != nil {
			return st, err
		}
	}
	uids, err := mb.Pending(folder != "", p.Batch)
	if err != nil {
		return st, err
	}
	for _, uid := range uids {
		if ctx.Err() != nil {
			return st, ctx.Err()
		}
		if time.Since(renewed) > ttl/3 {
			if ok, err := p.Leases.ClaimLease(ctx, name, p.Holder, ttl); err != nil || !ok {
				return st, fmt.Errorf("intake: mail poll lease lost: %v", err)
			}
			renewed = time.Now()
		}
		raw, err := mb.Fetch(uid)
		if errors.Is(err, mail.ErrGone) {
			continue
		}
		if err != nil {
			return st, err // the connection is likely gone; retry everything next time
		}
		st.Fetched++
		res, err := p.Pipeline.Ingest(ctx, raw)
		if isMailError(err) {
			res, err = p.Pipeline.IgnoreUnreadable(ctx, raw, err)
		}
		if err != nil {
			st.Failed++
			p.Logger.Error("mail poll: ingest", "uid", uid, "err", err)
			continue
		}
		st.count(res)
		// Acknowledge only now, after the commit.
		if folder != "" {
			err = mb.Move(uid, folder)
		} else {
			err = mb.MarkProcessed(uid)
		}
		if err != nil {
			return st, err // the message will be fetched again and recognised
		}
	}
	return st, nil
}

func (st *PollStats) count(r Result) {
	switch {
	case r.Duplicate:
		st.Duplicates++
	case r.Action == Created:
		st.Created++
	case r.Action == Appended:
		st.Appended++
	default:
		st.Ignored++
	}
}

func (p *Poller) defaults() {
	if p.Interval <= 0 {
		p.Interval = time.Minute
	}
	if p.Batch <= 0 {
		p.Batch = 200
	}
	if p.Logger == nil {
		p.Logger = slog.New(slog.DiscardHandler)
	}
	if p.Holder == "" {
		host, _ := os.Hostname()
		b := make([]byte, 4)
		rand.Read(b)
		p.Holder = fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
	}
}

// leaseName identifies the mailbox, so two pollers on different mailboxes
// never block each other.
func (p *Poller) leaseName() string {
	return strings.ToLower(fmt.Sprintf("mail-poll:%s@%s/%s", p.IMAP.Username, p.IMAP.Addr, cmpDefault(p.IMAP.Mailbox, "INBOX")))
}

// leaseTTL outlives a poll's pause, so the holder keeps the mailbox while
// it runs, and expires soon after a holder dies.
func (p *Poller) leaseTTL() time.Duration { return 2*p.Interval + time.Minute }

func cmpDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
