package notify

import (
	"context"
	"fmt"
	"strings"

	"hitori"
	"hitori/mail"
)

// E-mail goes through hitori's own outgoing mail (the SMTP server set up
// for the helpdesk, mail.Sender), as plain UTF-8 text marked
// auto-generated (RFC 3834) so that no auto-responder answers it. Its
// Message-ID is fixed by the job and the channel, so a copy sent twice
// after a crash is recognisable as the same message.
func (n *Notifier) sendEmail(ctx context.Context, c *hitori.AlertChannel, m hitori.NotifyMessage, d Delivery) error {
	if n.Mail == nil {
		return permanentf("mail is not set up: configure the SMTP server (docs/mail.md) to use e-mail channels")
	}
	var to []mail.Address
	for _, a := range hitori.SplitAddresses(c.Setting("to")) {
		to = append(to, mail.Address{Email: a})
	}
	if len(to) == 0 {
		return permanentf("the channel has no recipients")
	}
	domain := n.Domain
	if domain == "" {
		_, domain, _ = strings.Cut(n.From.Email, "@")
	}
	msg := &mail.OutgoingMessage{From: n.From, To: to, Subject: m.Subject, Text: plainText(m, 100000),
		Date: n.now(), AutoSubmitted: "auto-generated",
		MessageID: fmt.Sprintf("hitori.notify.%d.%d.%d@%s", c.ID, d.JobID, m.IncidentID, domain)}
	if _, err := msg.Bytes(); err != nil {
		return permanentf("mail: %v", err)
	}
	if err := n.Mail.Send(ctx, msg); err != nil {
		return retryablef("mail: %v", err)
	}
	return nil
}
