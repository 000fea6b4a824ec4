package mail

import (
	"bytes"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Parse reads one raw message into a Message. It fails only for input that
// is not mail (ErrEmpty, ErrNotMail); anything else is decoded as far as
// possible, and limits cut content with Truncated and Notes set rather than
// dropping the message. It never panics.
func Parse(raw []byte, lim Limits) (m *Message, err error) {
	defer func() {
		if r := recover(); r != nil {
			m, err = nil, ErrInternal // a parser bug must not take the mail poller down
		}
	}()
	return parse(raw, lim)
}

// parse is Parse without the recover, so tests and fuzzing see real panics.
func parse(raw []byte, lim Limits) (*Message, error) {
	lim = lim.withDefaults()
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, ErrEmpty
	}
	m := &Message{}
	if int64(len(raw)) > lim.MaxMessageBytes {
		m.note(fmt.Sprintf("message is %d bytes, over the limit of %d: only the first %d bytes were read", len(raw), lim.MaxMessageBytes, lim.MaxMessageBytes))
		raw = raw[:lim.MaxMessageBytes]
	}
	t := &tree{}
	root := t.parse(raw, 0, "text/plain")
	if len(root.header) == 0 {
		return nil, ErrNotMail
	}
	h := root.header
	m.Header = h
	m.MessageID = firstID(h.Get("Message-ID"))
	m.InReplyTo = firstID(h.Get("In-Reply-To"))
	m.References = allIDs(h.Get("References"))
	m.Subject = collapseSpace(DecodeHeader(h.Get("Subject")))
	m.From = firstAddress(h.Get("From"))
	if m.From.Email == "" {
		m.From = firstAddress(h.Get("Sender"))
	}
	m.Requester = m.From
	if rt := firstAddress(h.Get("Reply-To")); rt.Email != "" {
		// Web forms send from a no-reply address with the person in Reply-To,
		// and anyone else who sets Reply-To wants the answer there.
		m.ReplyTo, m.Requester = &rt, rt
	}
	m.Date = parseDate(h.Get("Date"))

	c := &collector{lim: lim}
	c.walk(root, true)
	m.Report = c.report
	m.Attachments = c.atts
	m.Text = strings.TrimRight(normalizeNewlines(strings.Join(c.texts, "\n")), " \t\n")
	m.limitText(lim, c)
	for _, n := range append(t.cut, c.notes...) {
		m.note(n)
	}
	if len(c.dropped) > 0 {
		m.note(fmt.Sprintf("%d attachments beyond the limit of %d were dropped: %s", len(c.dropped), lim.MaxAttachments, strings.Join(c.dropped[:min(len(c.dropped), 10)], ", ")))
	}
	ctype, params := parseMediaType(h.Get("Content-Type")) // as declared, even if the body did not match
	m.Ignore = classify(h, ctype, params, m.Subject, m.From)
	m.Quiet = quiet(h)
	return m, nil
}

// limitText cuts Text at MaxTextBytes, on a line end when one is near, and
// keeps the whole text as an attachment so nothing the sender pasted is lost.
func (m *Message) limitText(lim Limits, c *collector) {
	if len(m.Text) <= lim.MaxTextBytes {
		return
	}
	full := m.Text
	cut := lim.MaxTextBytes
	for cut > 0 && !utf8.RuneStart(full[cut]) {
		cut--
	}
	if nl := strings.LastIndexByte(full[:cut], '\n'); nl > cut*3/4 {
		cut = nl
	}
	m.Text = full[:cut]
	m.note(fmt.Sprintf("text is %d bytes, over the limit of %d: cut, full text attached as %s", len(full), lim.MaxTextBytes, FullTextName))
	a := Attachment{Name: FullTextName, ContentType: "text/plain", Size: int64(len(full)), Data: []byte(full)}
	if a.Size > lim.MaxAttachmentBytes {
		a.Data, a.Omitted = nil, true
		m.note(fmt.Sprintf("full text is over the attachment limit of %d bytes: not kept", lim.MaxAttachmentBytes))
	}
	// The full text is ours, not the sender's, so it does not count against MaxAttachments.
	m.Attachments = append(m.Attachments, a)
}

// firstAddress returns the first mailbox of an address field.
func firstAddress(v string) Address {
	if as := parseAddressList(v); len(as) > 0 {
		return as[0]
	}
	return Address{}
}

// dateLayouts are forms seen from mailers that net/mail does not accept.
var dateLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 -0700",
	"Mon Jan 2 15:04:05 -0700 2006",
	"2006/01/02 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700",
	time.RFC3339,
}

// parseDate reads a Date field; the zero time means absent or unreadable,
// and the caller falls back to the time the mail was received.
func parseDate(v string) time.Time {
	v = collapseSpace(v)
	if v == "" {
		return time.Time{}
	}
	if t, ok := strings.CutSuffix(v, " JST"); ok {
		v = t + " +0900" // old Japanese mailers; Go reads an unknown zone name as UTC
	}
	if t, err := mail.ParseDate(v); err == nil {
		return t
	}
	if i := strings.IndexByte(v, '('); i > 0 {
		v = strings.TrimSpace(v[:i]) // "+0900 (JST)"
	}

	for _, l := range dateLayouts {
		if t, err := time.Parse(l, v); err == nil {
			return t
		}
	}
	return time.Time{}
}
