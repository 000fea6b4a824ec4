package intake

import (
	"context"
	"fmt"
	"strings"
	"time"

	"hitori"
	"hitori/mail"
)

// OriginalName is the attachment name of a message as received.
const OriginalName = "original.eml"

// txWrite writes one decided message in a transaction and returns its
// result. It may run more than once: a batch that fails as a whole is
// written again message by message.
type txWrite func(ctx context.Context, tx Tx) (Result, error)

// decision is a message whose place is decided: what threading saw and
// how to write it.
type decision struct {
	keys  Keys
	match Match
	write txWrite
}

// messageWrite creates an item or appends to the matched one.
func (p *Pipeline) messageWrite(pr *prepared, keys Keys, m Match) txWrite {
	return func(ctx context.Context, tx Tx) (Result, error) {
		if m.ItemID == 0 {
			return p.create(ctx, tx, pr, keys)
		}
		return p.appendTo(ctx, tx, pr, keys, m)
	}
}

// settle ends a message after its transaction: a lost race on the same
// Message-ID reports the winner's result, files nobody refers to go, and
// a new item gets its acknowledgement hook.
func (p *Pipeline) settle(ctx context.Context, pr *prepared, res Result, err error) (Result, error) {
	committed := err == nil
	if err != nil {
		res, err = p.afterConflict(ctx, pr.id, err)
	}
	p.finish(ctx, pr, committed)
	if committed && res.Action == Created && !res.Duplicate && !res.quiet && p.opt.OnCreated != nil {
		p.opt.OnCreated(ctx, res.ItemID)
	}
	return res, err
}

// storeFiles writes the original message and every attachment with a sum,
// holding each in flight until finish.
func (p *Pipeline) storeFiles(pr *prepared) error {
	put := func(sum string, data []byte) error {
		pr.held = append(pr.held, sum)
		c, err := p.files.put(sum, data)
		if c {
			pr.created = append(pr.created, sum)
		}
		return err
	}
	if err := put(pr.emlSum, pr.raw); err != nil {
		return err
	}
	for i, a := range pr.msg.Attachments {
		if pr.sums[i] != "" {
			if err := put(pr.sums[i], a.Data); err != nil {
				return err
			}
		}
	}
	return nil
}

// finish ends a message's hold on its files and, unless a commit now
// refers to them, removes those it created — even when its context was
// cancelled, since the failure being cleaned up may be exactly that.
func (p *Pipeline) finish(ctx context.Context, pr *prepared, committed bool) {
	p.files.release(pr.held)
	pr.held = nil
	if committed || len(pr.created) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	p.files.collect(ctx, p.store, pr.created)
	pr.created = nil
}

// create opens a ticket from a new message: the whole text is the request,
// as forwarded content often is the request itself.
func (p *Pipeline) create(ctx context.Context, tx Tx, pr *prepared, keys Keys) (Result, error) {
	msg, user := pr.msg, pr.user
	title := truncRunes(strings.TrimSpace(msg.Title(hitori.MaxItemTitle)), hitori.MaxItemTitle)
	if title == "" {
		title = p.opt.NoSubject
	}
	it := &hitori.Item{Type: hitori.TypeTicket, Title: title, Body: truncBytes(msg.Text, hitori.MaxItemBody),
		Source: hitori.SourceEmail, RequesterName: pr.name, RequesterEmail: pr.email, MessageID: pr.id, Urgent: urgent(msg)}
	if user != nil {
		it.RequesterID = &user.ID
	}
	if msg.Quiet != "" {
		it.Tags = []string{hitori.TagNoAck} // kept, but the outbox sends no acknowledgement
	}
	p.work.StartClock(ctx, it)
	if err := tx.CreateItem(ctx, it); err != nil {
		return Result{}, err
	}
	if err := p.attach(ctx, tx, pr, it.ID, 0); err != nil {
		return Result{}, err
	}
	rec := p.received(pr, Created, it.ID, 0, keys)
	rec.SubjectKey = truncBytes(keys.Subject, 1000)
	if err := tx.RecordReceived(ctx, rec); err != nil {
		return Result{}, err
	}
	return Result{Action: Created, ItemID: it.ID, MessageID: pr.id, quiet: msg.Quiet != ""}, nil
}

// appendTo adds a reply to its item: only the new text (the original stays
// downloadable), and the item comes back to the staff if it was resolved
// or waiting for the requester. A closed item stays closed. Mail from an
// unverified sender becomes an internal note that changes nothing else.
func (p *Pipeline) appendTo(ctx context.Context, tx Tx, pr *prepared, keys Keys, m Match) (Result, error) {
	msg, user := pr.msg, pr.user
	e := &hitori.Event{ItemID: m.ItemID, Kind: hitori.EventEmail, Author: mail.Address{Name: pr.name, Email: pr.email}.String(),
		Body: truncBytes(p.replyText(msg), hitori.MaxItemBody), MessageID: pr.id}
	if user != nil {
		e.AuthorID = &user.ID
	}
	if m.Unverified {
		e.Kind, e.Field = hitori.EventNote, hitori.FieldUnverifiedSender
	}
	if err := tx.AddEvent(ctx, e); err != nil {
		return Result{}, err
	}
	if !m.Unverified { // a note leaves the item as it is
		if _, err := tx.ReopenItem(ctx, m.ItemID); err != nil {
			return Result{}, err
		}
	}
	if err := p.attach(ctx, tx, pr, m.ItemID, e.ID); err != nil {
		return Result{}, err
	}
	if err := tx.RecordReceived(ctx, p.received(pr, Appended, m.ItemID, e.ID, keys)); err != nil {
		return Result{}, err
	}
	return Result{Action: Appended, ItemID: m.ItemID, MessageID: pr.id, By: m.By}, nil
}

// replyText is what a reply adds to its thread.
func (p *Pipeline) replyText(msg *mail.Message) string {
	if t := strings.TrimSpace(mail.StripQuoted(msg.Text)); t != "" {
		return t
	}
	if t := strings.TrimSpace(msg.Text); t != "" {
		return t // all quoted: better the whole text than nothing
	}
	return p.opt.NoBody
}

// attach records the original message and its attachments, and a note when
// a limit cut something, on the item (and the event of an append).
func (p *Pipeline) attach(ctx context.Context, tx Tx, pr *prepared, itemID, eventID int64) error {
	orig := &Attachment{ItemID: itemID, EventID: eventID, Name: OriginalName, ContentType: "message/rfc822",
		Size: int64(len(pr.raw)), SHA256: pr.emlSum, Original: true}
	if err := tx.AddAttachment(ctx, orig); err != nil {
		return err
	}
	for i, a := range pr.msg.Attachments {
		name := truncRunes(a.Name, 255)
		if name == "" {
			name = fmt.Sprintf("attachment-%d", i+1)
		}
		ct := a.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		row := &Attachment{ItemID: itemID, EventID: eventID, Name: name, ContentType: ct, Size: a.Size, SHA256: pr.sums[i]}
		if err := tx.AddAttachment(ctx, row); err != nil {
			return err
		}
	}
	if !pr.msg.Truncated {
		return nil
	}
	note := &hitori.Event{ItemID: itemID, Kind: hitori.EventNote, Body: limitNote(pr.msg.Notes)}
	return tx.AddEvent(ctx, note)
}

// limitNote tells the staff what a limit cut and where the whole is.
func limitNote(notes []string) string {
	var b strings.Builder
	b.WriteString("受信メールが制限を超えたため一部を省略しました。元のメール (" + OriginalName + ") に全文があります。\n")
	b.WriteString("The message exceeded an intake limit; the original (" + OriginalName + ") holds everything.\n")
	for _, n := range notes {
		b.WriteString("- " + n + "\n")
	}
	return truncBytes(b.String(), hitori.MaxItemBody)
}

// received builds the log record of a message.
func (p *Pipeline) received(pr *prepared, a Action, itemID, eventID int64, keys Keys) *Received {
	return &Received{MessageID: pr.id, Action: a, ItemID: itemID, EventID: eventID, Sender: keys.Sender,
		Subject: truncRunes(pr.msg.Subject, 1000), Detail: truncBytes(strings.Join(pr.msg.Notes, "\n"), 4000),
		EMLSHA256: pr.emlSum, EMLSize: int64(len(pr.raw))}
}
