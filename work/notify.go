package work

import (
	"context"
	"encoding/json"
	"fmt"

	"hitori"
	"hitori/jobs"
)

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

// noticePayload is what an item.notice job carries: references only, so
// the mail says what the item says when it is sent.
type noticePayload struct {
	Kind    string `json:"kind"`
	ItemID  int64  `json:"item_id"`
	EventID int64  `json:"event_id,omitempty"`
}

// Outbox is the work area's hitori.ItemOutbox: the rules for what a
// requester hears of. A new ticket is acknowledged (tasks are the staff's
// own work); a public reply from the staff is sent on (the requester's own
// words need no echo, internal notes never leave the building); a move to
// "resolved" or "waiting for you" is announced unless a reply in the same
// exchange already told them. Staff never get mail about their own actions
// on their own items.
func Outbox(ctx context.Context, ch hitori.ItemChange) []*hitori.Job {
	it := ch.After
	if it == nil || ownItem(ch.Actor, it) {
		return nil
	}
	var out []*hitori.Job
	replied := false
	for _, e := range ch.Events {
		if e.Kind == hitori.EventReply && ch.Actor != nil && ch.Actor.Role.IsStaff() {
			out = append(out, noticeJob(NoticeReply, it.ID, e.ID))
			replied = true
		}
	}
	switch {
	case ch.Before == nil:
		// A walk-up's colleague is at the desk: no mail says we have it.
		// Bulk and program-sent mail is kept but not answered (TagNoAck).
		if it.Type == hitori.TypeTicket && it.Source != hitori.SourceWalkUp && !it.HasTag(hitori.TagNoAck) {
			out = append(out, noticeJob(NoticeCreated, it.ID, 0))
		}
	case !replied && !quietStatus(ctx) && ch.Before.Status != it.Status &&
		(it.Status == hitori.StatusResolved || it.Status == hitori.StatusWaitRequester):
		out = append(out, noticeJob(NoticeStatus, it.ID, 0))
	}
	return out
}

// ownItem reports whether a member of staff acts on an item they asked for.
func ownItem(me *hitori.User, it *hitori.Item) bool {
	if me == nil || !me.Role.IsStaff() {
		return false
	}
	return it.RequesterID != nil && *it.RequesterID == me.ID ||
		it.RequesterEmail != "" && hitori.NormalizeEmail(me.Email) == hitori.NormalizeEmail(it.RequesterEmail)
}

// ReplyNoticeJob is the notice job that mails a requester a public reply
// written by the system (the status page's "we know" reply), which Outbox
// leaves alone because no member of staff wrote it.
func ReplyNoticeJob(itemID, eventID int64) *hitori.Job {
	return noticeJob(NoticeReply, itemID, eventID)
}

func noticeJob(kind string, itemID, eventID int64) *hitori.Job {
	p, _ := json.Marshal(noticePayload{Kind: kind, ItemID: itemID, EventID: eventID})
	return &hitori.Job{Kind: hitori.JobItemNotice, Payload: string(p), MaxAttempts: 8}
}

type quietKey struct{}

// withQuietStatus marks a status change whose requester was just told by a
// reply in the same exchange, so Outbox does not mail them twice.
func withQuietStatus(ctx context.Context) context.Context {
	return context.WithValue(ctx, quietKey{}, true)
}

func quietStatus(ctx context.Context) bool { v, _ := ctx.Value(quietKey{}).(bool); return v }

// NoticeHandler runs item.notice jobs: it reads the item (and the reply)
// as they are now, finds the requester's address and language, and hands
// the notice to send. Delivery is at least once: a process that dies
// between sending and recording the job as done sends the mail again.
func (s *Service) NoticeHandler(send SendFunc, users UserFinder) jobs.Handler {
	return func(ctx context.Context, j *hitori.Job) error {
		var p noticePayload
		if err := json.Unmarshal([]byte(j.Payload), &p); err != nil || p.ItemID == 0 {
			return jobs.Permanent(fmt.Errorf("work: notice payload %q: %v", j.Payload, err))
		}
		it, err := s.Items.FindItemByID(ctx, p.ItemID)
		if hitori.ErrorCode(err) == hitori.ENOTFOUND {
			return nil // the item is gone: nothing to tell
		} else if err != nil {
			return err
		}
		n := Notice{Kind: p.Kind, Item: it, Lang: "ja"}
		if p.EventID != 0 {
			if n.Event, err = s.findEvent(ctx, it.ID, p.EventID); err != nil {
				return err
			}
		}
		if it.RequesterID != nil && users != nil {
			u, err := users.FindUserByID(ctx, *it.RequesterID)
			if err != nil {
				return err
			}
			if u.Disabled {
				return nil
			}
			n.Lang = u.Lang
			if it.RequesterEmail == "" {
				it.RequesterEmail = u.Email
			}
			if it.RequesterName == "" {
				it.RequesterName = u.Name
			}
		}
		if n.Lang == "" {
			n.Lang = "ja"
		}
		if it.RequesterEmail == "" {
			return nil // nobody to write to
		}
		return send(ctx, n)
	}
}

func (s *Service) findEvent(ctx context.Context, itemID, id int64) (*hitori.Event, error) {
	events, err := s.Items.FindEvents(ctx, itemID)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		if e.ID == id {
			return e, nil
		}
	}
	return nil, jobs.Permanent(fmt.Errorf("work: event %d of item %d is gone", id, itemID))
}
