package intake

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/width"

	"hitori"
	"hitori/blob"
	"hitori/mail"
	"hitori/work"
)

// Options configure a Pipeline; zero fields take the defaults noted.
type Options struct {
	DataDir       string        // stored files go to DataDir/attachments
	TagPrefix     string        // ticket tag in subjects, "HD" as in [HD-1029]
	SubjectWindow time.Duration // how old an item may be for subject threading; 14 days
	Limits        mail.Limits   // zero fields: mail.DefaultLimits
	OwnAddresses  []string      // the helpdesk's own addresses: mail from them is a loop
	XLoop         string        // the X-Loop value hitori's mail carries
	NoSubject     string        // title of mail with neither subject nor text: "(件名なし)"
	NoBody        string        // text of a reply that only quoted: "(本文なし)"
	Sync          bool          // fsync stored files before commit (power-loss safety; slower)
	Work          *work.Service // starts new tickets' SLA clocks (StartClock); nil: work.New(store, store)
	// OnCreated, when set, is called after a message's new item is committed
	// (not for appends, ignored mail, duplicates, or mail that asked for no
	// automatic answer): the acknowledgement hook.
	OnCreated func(ctx context.Context, itemID int64)
	Now       func() time.Time
}

// Result is what became of one message.
type Result struct {
	Action    Action
	ItemID    int64
	Reason    string // for Ignored
	MessageID string // as used for idempotency (synthetic when the mail had none)
	By        string // how an append was threaded: references, tag, subject
	Duplicate bool   // the Message-ID was handled before; nothing was written

	quiet bool // the new item asked for no acknowledgement (hitori.TagNoAck)
}

// String is the public form `hitori mail ingest` prints after the file name.
// A message handled before says "duplicate": printing its first outcome
// again ("created #N") read as if a second item had been made.
func (r Result) String() string {
	if r.Action == Ignored {
		return "ignored: " + r.Reason
	}
	if r.Duplicate {
		return fmt.Sprintf("duplicate #%d", r.ItemID)
	}
	return fmt.Sprintf("%s #%d", r.Action, r.ItemID)
}

// Pipeline turns raw messages into items: it parses, drops what must not be
// answered, threads replies, stores files and writes each message in one
// transaction. It is safe for concurrent use.
type Pipeline struct {
	store Store
	opt   Options
	work  *work.Service
	files *Files
}

// New returns a pipeline writing to store.
func New(store Store, opt Options) *Pipeline {
	if opt.TagPrefix == "" {
		opt.TagPrefix = hitori.ItemKeyPrefix
	}
	if opt.SubjectWindow <= 0 {
		opt.SubjectWindow = 14 * 24 * time.Hour
	}
	if opt.Limits.MaxTextBytes <= 0 || opt.Limits.MaxTextBytes > hitori.MaxItemBody {
		opt.Limits.MaxTextBytes = hitori.MaxItemBody // a longer text is kept whole as an attachment
	}
	if opt.NoSubject == "" {
		opt.NoSubject = "(件名なし)"
	}
	if opt.NoBody == "" {
		opt.NoBody = "(本文なし)"
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	p := &Pipeline{store: store, opt: opt, work: opt.Work, files: &Files{Store: &blob.Store{Dir: filepath.Join(opt.DataDir, blob.Attachments), Sync: opt.Sync}}}
	if p.work == nil {
		p.work = work.New(store, store)
		p.work.Now = opt.Now
	}
	return p
}

// Files returns where the pipeline stores attachments and original messages.
func (p *Pipeline) Files() *Files { return p.files }

// Ingest handles one raw message. A message already handled (same
// Message-ID) returns its earlier result and writes nothing. The error is
// a *mail.Error for input that is not mail.
func (p *Pipeline) Ingest(ctx context.Context, raw []byte) (Result, error) {
	pr, err := p.prepare(ctx, raw)
	if err != nil {
		return Result{}, err
	}
	return p.commit(ctx, pr)
}

// prepared is a message made ready for its commit by the work that does not
// depend on the messages before it: parsing, the lookups that only ever
// turn from "no" to "yes" (a later conflict on the Message-ID catches a
// change in between), and writing its files. It may run ahead on other cores.
type prepared struct {
	raw     []byte
	msg     *mail.Message
	id      string   // Message-ID, or a synthetic one derived from the bytes
	emlSum  string   // SHA-256 of raw
	sums    []string // SHA-256 per attachment; "" when its bytes were not kept
	held    []string // files marked in flight until the message is decided
	created []string // files this message wrote; removed unless a commit refers to them

	done *Result // already handled: the result to report, nothing to write

	name, email string       // the requester, within the item field limits
	user        *hitori.User // the requester's account, if any
}

// prepare parses a message, classifies it, looks up whether it was handled
// before and who sent it, and writes its files: the original always, the
// attachments unless it will be ignored. Files go first so that a
// committed row always finds its file.
func (p *Pipeline) prepare(ctx context.Context, raw []byte) (*prepared, error) {
	msg, err := mail.Parse(raw, p.opt.Limits)
	if err != nil {
		return nil, fmt.Errorf("intake: %w", err)
	}
	msg.CheckLoop(p.opt.XLoop, p.opt.OwnAddresses...)
	pr := &prepared{raw: raw, msg: msg, id: msg.MessageID, emlSum: Sum(raw)}
	if pr.id == "" || len(pr.id) > hitori.MaxMessageIDLen {
		// Without a usable id the bytes identify the message, so a re-run
		// of the same file is still recognised.
		pr.id = "sha256-" + pr.emlSum[:40] + "@hitori.invalid"
	}
	r, ok, err := p.seen(ctx, pr.id)
	if err != nil {
		return nil, err
	}
	if ok {
		pr.done = &r
		return pr, nil
	}
	if msg.Ignore == "" {
		// Mail recorded by another channel (an item opened through the API
		// with this Message-ID, or a reply hitori sent) is not ours to write again.
		if it, err := p.store.FindItemByMessageID(ctx, pr.id); err == nil {
			r := Result{Action: Appended, ItemID: it.ID, MessageID: pr.id, Duplicate: true}
			if it.MessageID == pr.id {
				r.Action = Created
			}
			pr.done = &r
			return pr, nil
		} else if hitori.ErrorCode(err) != hitori.ENOTFOUND {
			return nil, err
		}
		if pr.name, pr.email, pr.user, err = p.requester(ctx, msg.Requester); err != nil {
			return nil, err
		}
	}
	for _, a := range msg.Attachments {
		sum := ""
		if !a.Omitted && msg.Ignore == "" {
			sum = Sum(a.Data)
		}
		pr.sums = append(pr.sums, sum)
	}
	if err := p.storeFiles(pr); err != nil {
		p.finish(ctx, pr, false)
		return nil, err
	}
	return pr, nil
}

// commit decides where a prepared message belongs and writes it in its
// own transaction. Threading runs here, in order, because it depends on
// the messages committed before.
func (p *Pipeline) commit(ctx context.Context, pr *prepared) (Result, error) {
	if pr.done != nil {
		return *pr.done, nil
	}
	d, err := p.decide(ctx, pr)
	if err != nil {
		p.finish(ctx, pr, false)
		return Result{}, err
	}
	var res Result
	err = p.store.InMailTx(ctx, func(tx Tx) error {
		var err error
		res, err = d.write(ctx, tx)
		return err
	})
	return p.settle(ctx, pr, res, err)
}

// decide finds where a message goes (ignored, a new item, or which item it
// answers and whether its sender may write there) from what is committed.
func (p *Pipeline) decide(ctx context.Context, pr *prepared) (decision, error) {
	msg := pr.msg
	if msg.Ignore != "" {
		return p.ignore(ctx, pr, msg.Ignore)
	}
	keys := ThreadKeys(msg, p.opt.TagPrefix)
	m, err := findThread(ctx, p.store, keys, p.opt.Now().Add(-p.opt.SubjectWindow))
	if err != nil {
		return decision{}, err
	}
	if m.By == ByTag || m.By == ByReferences {
		// Subject matching already requires the item's own sender.
		ok, err := p.trusted(ctx, pr, m.ItemID)
		if err != nil {
			return decision{}, err
		}
		m.Unverified = !ok
	}
	return decision{keys: keys, match: m, write: p.messageWrite(pr, keys, m)}, nil
}

// seen returns the earlier result for a Message-ID already received.
func (p *Pipeline) seen(ctx context.Context, id string) (Result, bool, error) {
	rec, err := p.store.FindReceived(ctx, id)
	if hitori.ErrorCode(err) == hitori.ENOTFOUND {
		return Result{}, false, nil
	}
	if err != nil {
		return Result{}, false, err
	}
	return Result{Action: rec.Action, ItemID: rec.ItemID, Reason: rec.Reason, MessageID: id, Duplicate: true}, true, nil
}

// afterConflict handles losing a race: another process (or an earlier,
// interrupted run) committed the same Message-ID first.
func (p *Pipeline) afterConflict(ctx context.Context, id string, err error) (Result, error) {
	if hitori.ErrorCode(err) != hitori.ECONFLICT {
		return Result{}, err
	}
	if r, ok, serr := p.seen(ctx, id); serr == nil && ok {
		return r, nil
	}
	if it, ferr := p.store.FindItemByMessageID(ctx, id); ferr == nil {
		return Result{Action: Appended, ItemID: it.ID, MessageID: id, Duplicate: true}, nil
	}
	return Result{}, err
}

// requester returns who the mail is from for the item, within the item
// field limits, and their account when they have one.
func (p *Pipeline) requester(ctx context.Context, a mail.Address) (name, email string, user *hitori.User, err error) {
	name, email = truncRunes(a.Name, hitori.MaxNameLen), hitori.NormalizeEmail(a.Email)
	if len(email) > hitori.MaxEmailLen {
		email = ""
	}
	if email == "" {
		return name, "", nil, nil
	}
	u, err := p.store.FindUserByEmail(ctx, email)
	switch {
	case err == nil:
		return name, email, u, nil
	case hitori.ErrorCode(err) == hitori.ENOTFOUND:
		return name, email, nil, nil
	}
	return "", "", nil, err
}

// urgentWords in a subject (after width folding and lower-casing) mark an
// item urgent, as do the priority headers Outlook and Thunderbird set.
var urgentWords = []string{"至急", "緊急", "urgent", "asap"}

// urgent reports whether the sender marked the mail as urgent.
func urgent(m *mail.Message) bool {
	h := m.Header
	xp := strings.TrimSpace(h.Get("X-Priority"))
	if strings.HasPrefix(xp, "1") || strings.HasPrefix(xp, "2") ||
		strings.EqualFold(strings.TrimSpace(h.Get("Importance")), "high") ||
		strings.EqualFold(strings.TrimSpace(h.Get("Priority")), "urgent") {
		return true
	}
	s := strings.ToLower(width.Fold.String(m.Subject))
	for _, w := range urgentWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// truncRunes cuts s to at most n runes.
func truncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// truncBytes cuts s to at most n bytes on a rune boundary.
func truncBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// isMailError reports input that is not mail at all (empty, no header).
func isMailError(err error) bool {
	var me *mail.Error
	return errors.As(err, &me) && me.Code != mail.ErrInternal.Code
}
