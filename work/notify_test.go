package work_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"hitori"
	"hitori/intake"
	"hitori/jobs"
	"hitori/mail"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
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

// TestOutbox: the rules for what a requester hears of, decided inside the
// change's transaction.
func TestOutbox(t *testing.T) {
	sato := &hitori.User{ID: 7, Email: "sato@example.jp", Role: hitori.RoleRequester}
	admin := &hitori.User{ID: 1, Email: "admin@example.jp", Role: hitori.RoleAdmin}
	ticket := func(status hitori.Status) *hitori.Item {
		return &hitori.Item{ID: 42, Type: hitori.TypeTicket, Status: status, RequesterID: &sato.ID}
	}
	reply := &hitori.Event{ID: 3, ItemID: 42, Kind: hitori.EventReply}
	note := &hitori.Event{ID: 4, ItemID: 42, Kind: hitori.EventNote}
	quiet := work.WithQuietStatusForTest(context.Background())
	tests := []struct {
		name string
		ctx  context.Context
		ch   hitori.ItemChange
		want []string
	}{
		{"new ticket from the portal", nil, hitori.ItemChange{After: ticket(hitori.StatusNew), Actor: sato}, []string{"created 42 0"}},
		{"new ticket by e-mail", nil, hitori.ItemChange{After: ticket(hitori.StatusNew)}, []string{"created 42 0"}},
		{"bulk mail asked for no answer", nil, hitori.ItemChange{After: &hitori.Item{ID: 42, Type: hitori.TypeTicket, Source: hitori.SourceEmail, Tags: []string{hitori.TagNoAck}}}, nil},
		{"walk-up", nil, hitori.ItemChange{After: &hitori.Item{ID: 42, Type: hitori.TypeTicket, Source: hitori.SourceWalkUp, RequesterID: &sato.ID}, Actor: admin}, nil},
		{"new task", nil, hitori.ItemChange{After: &hitori.Item{ID: 42, Type: hitori.TypeTask, RequesterID: &sato.ID}, Actor: admin}, nil},
		{"staff's own ticket", nil, hitori.ItemChange{After: &hitori.Item{ID: 42, Type: hitori.TypeTicket, RequesterEmail: "ADMIN@example.jp"}, Actor: admin}, nil},
		{"staff reply", nil, hitori.ItemChange{Before: ticket(hitori.StatusNew), After: ticket(hitori.StatusNew), Events: []*hitori.Event{reply}, Actor: admin}, []string{"reply 42 3"}},
		{"requester's own reply", nil, hitori.ItemChange{Before: ticket(hitori.StatusResolved), After: ticket(hitori.StatusInProgress), Events: []*hitori.Event{reply}, Actor: sato}, nil},
		{"internal note", nil, hitori.ItemChange{Before: ticket(hitori.StatusNew), After: ticket(hitori.StatusNew), Events: []*hitori.Event{note}, Actor: admin}, nil},
		{"resolved", nil, hitori.ItemChange{Before: ticket(hitori.StatusNew), After: ticket(hitori.StatusResolved), Actor: admin}, []string{"status 42 0"}},
		{"waiting for the requester", nil, hitori.ItemChange{Before: ticket(hitori.StatusInProgress), After: ticket(hitori.StatusWaitRequester), Actor: admin}, []string{"status 42 0"}},
		{"in progress: not worth a mail", nil, hitori.ItemChange{Before: ticket(hitori.StatusNew), After: ticket(hitori.StatusInProgress), Actor: admin}, nil},
		{"resolved after a reply that said so", quiet, hitori.ItemChange{Before: ticket(hitori.StatusNew), After: ticket(hitori.StatusResolved), Actor: admin}, nil},
		{"unchanged status", nil, hitori.ItemChange{Before: ticket(hitori.StatusResolved), After: ticket(hitori.StatusResolved), Actor: admin}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := tt.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			var got []string
			for _, j := range work.Outbox(ctx, tt.ch) {
				if j.Kind != hitori.JobItemNotice {
					t.Errorf("job kind %q", j.Kind)
				}
				var p struct {
					Kind    string `json:"kind"`
					ItemID  int64  `json:"item_id"`
					EventID int64  `json:"event_id"`
				}
				if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
					t.Fatal(err)
				}
				got = append(got, fmt.Sprintf("%s %d %d", p.Kind, p.ItemID, p.EventID))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("notices %q, want %q", got, tt.want)
			}
		})
	}
}

// TestNoticeHandler sends a reply notice from the job the outbox wrote:
// to the requester's address, in their language, threaded under their
// first message; a gone item or a disabled requester sends nothing.
func TestNoticeHandler(t *testing.T) {
	db := storetest.Open(t, sqlstore.SQLite)
	ctx := context.Background()
	sato := &hitori.User{Email: "sato@example.jp", Name: "佐藤", Role: hitori.RoleRequester, Lang: "en"}
	admin := &hitori.User{Email: "admin@example.jp", Name: "管理者", Role: hitori.RoleAdmin}
	for _, u := range []*hitori.User{sato, admin} {
		if err := db.Users().CreateUser(ctx, u, "password123"); err != nil {
			t.Fatal(err)
		}
	}
	db.Items().SetItemOutbox(work.Outbox)
	svc := work.New(db.Items(), db.Settings())
	staff := hitori.NewContextWithUser(ctx, admin)
	it := &hitori.Item{Type: hitori.TypeTicket, Title: "VPN", RequesterID: &sato.ID}
	if err := svc.Open(staff, it); err != nil {
		t.Fatal(err)
	}
	if err := svc.Reply(staff, &hitori.Event{ItemID: it.ID, Kind: hitori.EventReply, Body: "Please restart."}, hitori.StatusResolved); err != nil {
		t.Fatal(err)
	}
	queued, err := db.Jobs().List(ctx, hitori.JobFilter{State: hitori.JobQueued, Kind: hitori.JobItemNotice})
	if err != nil || len(queued) != 2 {
		t.Fatalf("outbox %d jobs, %v; want created and reply (the resolve is said by the reply)", len(queued), err)
	}

	ts, err := intake.LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	sender := &fakeSender{}
	m := &intake.Mailer{Sender: sender, Outbox: &memOutbox{ids: []string{"first@pc.example.jp"}}, Templates: ts,
		BaseURL: "https://hitori.example.jp", From: mail.Address{Name: "IT", Email: "help@example.jp"}}
	handle := svc.NoticeHandler(func(ctx context.Context, n work.Notice) error {
		_, err := m.Send(ctx, intake.Notice{Kind: n.Kind, Item: n.Item, Event: n.Event, Lang: n.Lang})
		return err
	}, db.Users())
	for _, j := range queued {
		if err := handle(ctx, j); err != nil {
			t.Fatal(err)
		}
	}
	if len(sender.sent) != 2 {
		t.Fatalf("sent %d messages, want 2", len(sender.sent))
	}
	msg := sender.sent[1]
	if len(msg.To) != 1 || msg.To[0].Email != "sato@example.jp" || msg.Subject != "Re: ["+it.Key()+"] VPN" {
		t.Errorf("To %v Subject %q", msg.To, msg.Subject)
	}
	if !strings.Contains(msg.Text, "Please restart.") || !strings.Contains(msg.Text, "Reply to this message") {
		t.Errorf("body lacks the reply or is not in English:\n%s", msg.Text)
	}
	if err := handle(ctx, &hitori.Job{Kind: hitori.JobItemNotice, Payload: `{"kind":"status","item_id":999999}`}); err != nil {
		t.Errorf("gone item: %v", err)
	}
	if err := handle(ctx, &hitori.Job{Kind: hitori.JobItemNotice, Payload: `nonsense`}); !jobs.IsPermanent(err) {
		t.Errorf("bad payload: %v, want a permanent error", err)
	}
	off := true
	if _, err := db.Users().UpdateUser(staff, sato.ID, hitori.UserUpdate{Disabled: &off}); err != nil {
		t.Fatal(err)
	}
	if err := handle(ctx, queued[0]); err != nil || len(sender.sent) != 2 {
		t.Errorf("disabled requester: %v, %d sent", err, len(sender.sent))
	}
}
