package work_test

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"hitori"
	"hitori/intake"
	"hitori/mail"
	"hitori/work"
)

// fakeSender keeps the messages instead of sending them.
type fakeSender struct {
	mu   sync.Mutex
	sent []*mail.OutgoingMessage
}

func (f *fakeSender) Send(_ context.Context, m *mail.OutgoingMessage) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent = append(f.sent, m)
	return nil
}

// memOutbox is an outbox whose thread starts with the requester's mail.
type memOutbox struct {
	mu  sync.Mutex
	ids []string
}

func (o *memOutbox) ThreadMessageIDs(context.Context, int64) ([]string, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.ids...), nil
}

func (o *memOutbox) RecordOutgoing(_ context.Context, out *intake.Outgoing) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.ids = append(o.ids, out.MessageID)
	return nil
}

func (o *memOutbox) SetOutgoingStatus(context.Context, string, string, string) error { return nil }

type users map[int64]*hitori.User

func (u users) FindUserByID(_ context.Context, id int64) (*hitori.User, error) {
	if x, ok := u[id]; ok {
		return x, nil
	}
	return nil, hitori.Errorf(hitori.ENOTFOUND, "no user %d", id)
}

func TestMailNotifier(t *testing.T) {
	ts, err := intake.LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	sender := &fakeSender{}
	outbox := &memOutbox{ids: []string{"first@pc.example.jp"}}
	m := &intake.Mailer{Sender: sender, Outbox: outbox, Templates: ts, BaseURL: "https://hitori.example.jp",
		From: mail.Address{Name: "IT", Email: "help@example.jp"}}
	send := func(ctx context.Context, n work.Notice) error {
		_, err := m.Send(ctx, intake.Notice{Kind: n.Kind, Item: n.Item, Event: n.Event, Lang: n.Lang})
		return err
	}
	sato := &hitori.User{ID: 7, Email: "sato@example.jp", Name: "佐藤", Role: hitori.RoleRequester, Lang: "en"}
	admin := &hitori.User{ID: 1, Email: "admin@example.jp", Name: "管理者", Role: hitori.RoleAdmin, Lang: "ja"}
	n := work.NewMailNotifier(send, users{7: sato, 1: admin}, slog.New(slog.DiscardHandler), 10)

	it := &hitori.Item{ID: 42, Type: hitori.TypeTicket, Title: "VPN", Status: hitori.StatusInProgress, RequesterID: &sato.ID,
		Source: hitori.SourcePortal, CreatedAt: time.Now()}
	staff := hitori.NewContextWithUser(context.Background(), admin)
	n.Replied(staff, it, &hitori.Event{ID: 3, ItemID: 42, Kind: hitori.EventReply, Body: "Please restart."})
	n.Replied(staff, it, &hitori.Event{ID: 4, ItemID: 42, Kind: hitori.EventNote, Body: "secret"}) // a note: nothing
	n.StatusChanged(staff, it, hitori.StatusNew, hitori.StatusInProgress)                          // not worth a mail
	mine := &hitori.Item{ID: 43, Type: hitori.TypeTicket, Title: "own", RequesterID: &admin.ID, Source: hitori.SourceStaff}
	n.Replied(staff, mine, &hitori.Event{ID: 5, ItemID: 43, Kind: hitori.EventReply, Body: "to myself"}) // never to oneself
	if err := n.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	n.ItemCreated(staff, it) // after Close: dropped, no panic

	if len(sender.sent) != 1 {
		t.Fatalf("sent %d messages, want 1 (the public reply)", len(sender.sent))
	}
	msg := sender.sent[0]
	if len(msg.To) != 1 || msg.To[0].Email != "sato@example.jp" {
		t.Errorf("To %v, want sato@example.jp", msg.To)
	}
	if msg.Subject != "Re: ["+it.Key()+"] VPN" {
		t.Errorf("Subject %q, want Re: [%s] VPN", msg.Subject, it.Key())
	}
	if msg.InReplyTo != "first@pc.example.jp" {
		t.Errorf("In-Reply-To %q, want the requester's first message", msg.InReplyTo)
	}
	if !strings.Contains(msg.Text, "Please restart.") || !strings.Contains(msg.Text, "https://hitori.example.jp/portal/items/42") ||
		!strings.Contains(msg.Text, "Reply to this message") { // sato reads English
		t.Errorf("body lacks the reply or the portal link:\n%s", msg.Text)
	}
}
