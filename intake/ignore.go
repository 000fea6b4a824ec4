package intake

import (
	"context"
	"fmt"
	"strings"

	"hitori"
	"hitori/mail"
)

// ignore records a message that must not become a ticket (an auto-reply,
// bounce, read receipt, bulk mail or loop) with the reason, keeping the
// original so the admin can check the decision. A bounce of mail hitori
// sent marks that mail failed and leaves an internal note on its item.
func (p *Pipeline) ignore(ctx context.Context, pr *prepared, reason string) (decision, error) {
	msg := pr.msg
	rec := p.received(pr, Ignored, 0, 0, Keys{Sender: hitori.NormalizeEmail(msg.Requester.Email)})
	rec.Reason = reason
	bounce := reason == mail.IgnoreBounce && msg.Report != nil
	var tagged int64 // the item a bounce's subject tag names, when hitori did not record the mail
	if bounce {
		rec.Detail = truncBytes(bounceDetail(msg.Report), 4000)
		if n, ok := mail.FindTicketTag(msg.Report.OriginalSubject, p.opt.TagPrefix); ok {
			if _, err := p.store.FindItemByID(ctx, int64(n)); err == nil {
				tagged = int64(n)
			} else if hitori.ErrorCode(err) != hitori.ENOTFOUND {
				return decision{}, err
			}
		}
	}
	d := decision{keys: Keys{Tag: int64(bounceTag(msg, p.opt.TagPrefix))}}
	d.write = func(ctx context.Context, tx Tx) (Result, error) {
		r := *rec // a batch that failed as a whole writes it again
		if bounce {
			item, err := p.bounced(ctx, tx, msg.Report, r.Detail, tagged)
			if err != nil {
				return Result{}, err
			}
			r.ItemID = item
		}
		if err := tx.RecordReceived(ctx, &r); err != nil {
			return Result{}, err
		}
		return Result{Action: Ignored, ItemID: r.ItemID, Reason: reason, MessageID: pr.id}, nil
	}
	return d, nil
}

// bounceTag is the ticket number a bounce's original subject carries, 0 when none.
func bounceTag(msg *mail.Message, prefix string) int {
	if msg.Ignore != mail.IgnoreBounce || msg.Report == nil {
		return 0
	}
	n, _ := mail.FindTicketTag(msg.Report.OriginalSubject, prefix)
	return n
}

// bounced marks hitori's failed mail and notes the failure on its item; it
// returns the item, or 0 when the bounce is about mail hitori cannot place.
func (p *Pipeline) bounced(ctx context.Context, tx Tx, r *mail.Report, detail string, tagged int64) (int64, error) {
	item := int64(0)
	if r.OriginalMessageID != "" {
		id, err := tx.MarkOutgoing(ctx, r.OriginalMessageID, OutFailed, detail)
		if err != nil && hitori.ErrorCode(err) != hitori.ENOTFOUND {
			return 0, err
		}
		item = id
	}
	if item == 0 {
		item = tagged
	}
	if item == 0 || strings.EqualFold(r.Action, "delayed") {
		return item, nil
	}
	note := &hitori.Event{ItemID: item, Kind: hitori.EventNote,
		Body: "送信したメールが届きませんでした / Mail to the requester could not be delivered:\n" + detail}
	return item, tx.AddEvent(ctx, note)
}

// bounceDetail is the one line an admin needs from a delivery report.
func bounceDetail(r *mail.Report) string {
	parts := []string{}
	for _, s := range []string{r.Status, r.Action, r.Recipient, r.Diagnostic} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	if r.OriginalSubject != "" {
		parts = append(parts, fmt.Sprintf("(%s)", r.OriginalSubject))
	}
	return strings.Join(parts, " ")
}

// IgnoreUnreadable records input that is not mail at all (empty, or no
// header) under a synthetic id derived from its bytes, so the mailbox can
// let it go without losing it: the bytes stay under Files.
func (p *Pipeline) IgnoreUnreadable(ctx context.Context, raw []byte, cause error) (Result, error) {
	sum := Sum(raw)
	pr := &prepared{raw: raw, msg: &mail.Message{}, id: "sha256-" + sum[:40] + "@hitori.invalid", emlSum: sum}
	committed := false
	defer func() { p.finish(ctx, pr, committed) }()
	if r, ok, err := p.seen(ctx, pr.id); err != nil || ok {
		return r, err
	}
	if err := p.storeFiles(pr); err != nil {
		return Result{}, err
	}
	rec := p.received(pr, Ignored, 0, 0, Keys{})
	rec.Reason, rec.Detail = ReasonUnreadable, truncBytes(cause.Error(), 4000)
	if err := p.store.InMailTx(ctx, func(tx Tx) error { return tx.RecordReceived(ctx, rec) }); err != nil {
		return p.afterConflict(ctx, pr.id, err)
	}
	committed = true
	return Result{Action: Ignored, Reason: ReasonUnreadable, MessageID: pr.id}, nil
}
