package intake

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"hitori"
	"hitori/mail"
)

// MessageSender delivers a rendered message; *mail.Sender is one.
type MessageSender interface {
	Send(ctx context.Context, m *mail.OutgoingMessage) error
}

// Mailer writes to requesters about their items so that their mail client
// threads everything under their first message: each mail answers the
// newest message of the item's thread (In-Reply-To), lists the thread
// (References), carries the [HD-n] tag, and has a Message-ID at our domain
// that is recorded before sending, so the requester's answer finds its item.
type Mailer struct {
	Sender    MessageSender
	Outbox    Outbox
	Templates *Templates
	From      mail.Address // the helpdesk's address
	Domain    string       // of Message-IDs; empty: From's domain
	Lang      string       // default language, "ja" when empty
	BaseURL   string       // the web app, for links to items; empty: no links
	Signature string
	Now       func() time.Time
	Rand      io.Reader // nil: crypto/rand
}

// Notice is one mail about an item.
type Notice struct {
	Kind  string // KindReply, KindCreated or KindStatus
	Item  *hitori.Item
	Event *hitori.Event // the staff reply, for KindReply
	Lang  string        // "" uses Mailer.Lang
}

// Send renders and sends a notice to the item's requester and returns its
// Message-ID. The outcome (sent or failed) is recorded in the outbox.
func (m *Mailer) Send(ctx context.Context, n Notice) (string, error) {
	it := n.Item
	if it.RequesterEmail == "" {
		return "", hitori.Errorf(hitori.EINVALID, "item %s has no requester address", it.Key())
	}
	if n.Kind == KindReply && (n.Event == nil || n.Event.ItemID != it.ID) {
		return "", fmt.Errorf("intake: a reply notice needs the reply event of item %d", it.ID)
	}
	now := time.Now
	if m.Now != nil {
		now = m.Now
	}
	lang := n.Lang
	if lang == "" {
		lang = m.Lang
	}
	name := it.RequesterName
	if name == "" {
		name = it.RequesterEmail
	}
	d := MailData{Item: it, Event: n.Event, Key: it.Key(), Name: name, Signature: m.Signature}
	if m.BaseURL != "" {
		d.URL = strings.TrimRight(m.BaseURL, "/") + "/portal/items/" + strconv.FormatInt(it.ID, 10) // requesters read items in the portal
	}
	subject, body, err := m.Templates.Render(lang, n.Kind, d)
	if err != nil {
		return "", err
	}
	thread, err := m.Outbox.ThreadMessageIDs(ctx, it.ID)
	if err != nil {
		return "", err
	}
	domain := m.Domain
	if domain == "" {
		_, domain, _ = strings.Cut(m.From.Email, "@")
	}
	id, err := mail.NewMessageID(domain, now(), m.Rand)
	if err != nil {
		return "", err
	}
	msg := &mail.OutgoingMessage{From: m.From, To: []mail.Address{{Name: it.RequesterName, Email: it.RequesterEmail}},
		Subject: subject, Text: body, MessageID: id, References: thread, Date: now(),
		Extra: []mail.Field{{Name: "X-Loop", Value: m.From.Email}}}
	if len(thread) > 0 {
		msg.InReplyTo = thread[len(thread)-1]
	}
	switch n.Kind {
	case KindCreated:
		msg.AutoSubmitted = "auto-replied" // an automatic answer to their mail (RFC 3834)
	case KindStatus:
		msg.AutoSubmitted = "auto-generated"
	}
	if _, err := msg.Bytes(); err != nil {
		return "", err // refuse before recording what could never be sent
	}
	out := &Outgoing{MessageID: id, ItemID: it.ID, Kind: n.Kind, Recipient: it.RequesterEmail, Subject: subject}
	if n.Event != nil {
		out.EventID = n.Event.ID
	}
	if err := m.Outbox.RecordOutgoing(ctx, out); err != nil {
		return "", err
	}
	if err := m.Sender.Send(ctx, msg); err != nil {
		_ = m.Outbox.SetOutgoingStatus(context.WithoutCancel(ctx), id, OutFailed, truncBytes(err.Error(), 1000))
		return id, err
	}
	return id, m.Outbox.SetOutgoingStatus(ctx, id, OutSent, "")
}
