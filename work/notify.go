package work

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"hitori"
)

// Notifier tells a requester what happened to their item. Calls must not
// block the request that triggers them.
type Notifier interface {
	ItemCreated(ctx context.Context, it *hitori.Item)
	Replied(ctx context.Context, it *hitori.Item, ev *hitori.Event)
	StatusChanged(ctx context.Context, it *hitori.Item, old, new hitori.Status)
}

// Notice kinds; the same names as intake's mail templates.
const (
	NoticeCreated = "created"
	NoticeReply   = "reply"
	NoticeStatus  = "status"
)

// Notice is one message for a requester, in their language.
type Notice struct {
	Kind  string
	Item  *hitori.Item // RequesterEmail and RequesterName filled in
	Event *hitori.Event
	Lang  string
}

// SendFunc delivers a notice (intake.Mailer.Send behind an adapter: this
// package cannot import intake, which imports it).
type SendFunc func(ctx context.Context, n Notice) error

// UserFinder looks up a requester's account for their address and language.
type UserFinder interface {
	FindUserByID(ctx context.Context, id int64) (*hitori.User, error)
}

// MailNotifier queues notices and sends them from one goroutine, so a slow
// mail server never holds up a page. A full queue drops the notice with a
// warning rather than block; Close sends what is queued.
type MailNotifier struct {
	Send  SendFunc
	Users UserFinder
	Lang  string // when the requester has no account; "" means ja
	Log   *slog.Logger

	mu     sync.Mutex
	closed bool
	q      chan Notice
	done   chan struct{}
}

// NewMailNotifier starts the sending goroutine; queue is the bound (0: 100).
func NewMailNotifier(send SendFunc, users UserFinder, log *slog.Logger, queue int) *MailNotifier {
	if queue <= 0 {
		queue = 100
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	n := &MailNotifier{Send: send, Users: users, Log: log, q: make(chan Notice, queue), done: make(chan struct{})}
	go n.run()
	return n
}

func (n *MailNotifier) run() {
	defer close(n.done)
	for nt := range n.q {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		if err := n.Send(ctx, nt); err != nil {
			n.Log.Warn("notify: send", "item", nt.Item.Key(), "kind", nt.Kind, "err", err)
		} else {
			n.Log.Info("notify: sent", "item", nt.Item.Key(), "kind", nt.Kind)
		}
		cancel()
	}
}

// Close stops taking notices and waits until the queued ones are sent or
// ctx ends.
func (n *MailNotifier) Close(ctx context.Context) error {
	n.mu.Lock()
	if !n.closed {
		n.closed = true
		close(n.q)
	}
	n.mu.Unlock()
	select {
	case <-n.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ItemCreated acknowledges a new ticket with its key.
func (n *MailNotifier) ItemCreated(ctx context.Context, it *hitori.Item) {
	if it.Type != hitori.TypeTicket {
		return // tasks are the staff's own work
	}
	n.enqueue(ctx, NoticeCreated, it, nil)
}

// Replied sends a staff member's public reply; notes stay internal.
func (n *MailNotifier) Replied(ctx context.Context, it *hitori.Item, ev *hitori.Event) {
	if ev == nil || ev.Kind != hitori.EventReply {
		return
	}
	if u := hitori.UserFromContext(ctx); u == nil || !u.Role.IsStaff() {
		return // the requester's own words need no echo
	}
	n.enqueue(ctx, NoticeReply, it, ev)
}

// StatusChanged tells the requester when the item waits for them or is resolved.
func (n *MailNotifier) StatusChanged(ctx context.Context, it *hitori.Item, old, new hitori.Status) {
	if old == new || new != hitori.StatusResolved && new != hitori.StatusWaitRequester {
		return
	}
	n.enqueue(ctx, NoticeStatus, it, nil)
}

// enqueue resolves the recipient now (while the request's user is known)
// and queues the notice, or drops it with a warning when the queue is full.
func (n *MailNotifier) enqueue(ctx context.Context, kind string, it *hitori.Item, ev *hitori.Event) {
	cp := *it
	lang := n.Lang
	if cp.RequesterID != nil && n.Users != nil {
		u, err := n.Users.FindUserByID(ctx, *cp.RequesterID)
		if err != nil {
			n.Log.Warn("notify: requester", "item", it.Key(), "err", err)
			return
		}
		if u.Disabled {
			return
		}
		lang = u.Lang
		if cp.RequesterEmail == "" {
			cp.RequesterEmail = u.Email
		}
		if cp.RequesterName == "" {
			cp.RequesterName = u.Name
		}
	}
	if lang == "" {
		lang = "ja"
	}
	if cp.RequesterEmail == "" {
		n.Log.Debug("notify: no requester address", "item", it.Key(), "kind", kind)
		return
	}
	if me := hitori.UserFromContext(ctx); me != nil && me.Role.IsStaff() &&
		(cp.RequesterID != nil && *cp.RequesterID == me.ID || hitori.NormalizeEmail(me.Email) == hitori.NormalizeEmail(cp.RequesterEmail)) {
		return // never mail staff about their own actions on their own items
	}
	nt := Notice{Kind: kind, Item: &cp, Event: ev, Lang: lang}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		n.Log.Warn("notify: shutting down, notice dropped", "item", it.Key(), "kind", kind)
		return
	}
	select {
	case n.q <- nt:
	default:
		n.Log.Warn("notify: queue full, notice dropped", "item", it.Key(), "kind", kind)
	}
}

// NotifyCreated passes a new item to s.Notify, if any.
func (s *Service) NotifyCreated(ctx context.Context, it *hitori.Item) {
	if s.Notify == nil || it == nil {
		return
	}
	s.Notify.ItemCreated(ctx, it)
}

// NotifyReplied passes a timeline entry to s.Notify, if any.
func (s *Service) NotifyReplied(ctx context.Context, it *hitori.Item, ev *hitori.Event) {
	if s.Notify == nil || it == nil || ev == nil {
		return
	}
	s.Notify.Replied(ctx, it, ev)
}

// NotifyStatus passes a status change to s.Notify, if any.
func (s *Service) NotifyStatus(ctx context.Context, it *hitori.Item, old, new hitori.Status) {
	if s.Notify == nil || it == nil || old == new {
		return
	}
	s.Notify.StatusChanged(ctx, it, old, new)
}
