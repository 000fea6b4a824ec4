package mail

import (
	"strings"
	"time"
)

// Ignore reasons say why a message must not become a ticket or thread reply.
const (
	IgnoreAutoReply   = "auto-reply"   // out-of-office and other machine replies (Auto-Submitted, 自動応答:)
	IgnoreBounce      = "bounce"       // delivery failure reports; see Message.Report
	IgnoreReadReceipt = "read-receipt" // disposition notifications (開封済み:)
	IgnoreLoop        = "loop"         // our own mail coming back, or too many hops
	IgnoreBulk        = "bulk"         // no longer given (bulk mail is kept: QuietBulk); older records carry it
)

// Quiet reasons say why a message that is kept gets no automatic answer.
const (
	QuietBulk      = "bulk"      // Precedence: bulk, junk or list
	QuietAutomatic = "automatic" // Auto-Submitted other than auto-replied, or X-Auto-Response-Suppress
)

// FullTextName is the attachment that carries the whole body when Text was cut at MaxTextBytes.
const FullTextName = "本文全文.txt"

// Message is one incoming mail reduced to what the helpdesk needs.
type Message struct {
	MessageID  string   // without angle brackets
	InReplyTo  string   // first id of In-Reply-To, without angle brackets
	References []string // ids of References in order, without angle brackets

	Subject   string   // decoded, runs of ASCII whitespace collapsed; may be empty
	From      Address  // first From address (Sender when From is missing)
	ReplyTo   *Address // first Reply-To address, nil when absent
	Requester Address  // who the ticket is for: Reply-To when present, else From
	Date      time.Time

	Text        string       // body as plain text (HTML converted), LF line ends
	Attachments []Attachment // in MIME order

	Ignore string  // "" or one of the Ignore* reasons
	Quiet  string  // "" or one of the Quiet* reasons: keep it, but send no acknowledgement
	Report *Report // details of a bounce or read receipt, nil otherwise

	Truncated bool     // a limit was hit; Notes says which
	Notes     []string // one line per limit hit, for operators

	Header Header // all top-level fields as received, for hooks such as CheckLoop
}

// Address is a mailbox with its decoded display name.
type Address struct {
	Name  string
	Email string
}

// String renders the address for display (not for a header line: it is not encoded).
func (a Address) String() string {
	switch {
	case a.Name == "":
		return a.Email
	case a.Email == "":
		return a.Name
	}
	return a.Name + " <" + a.Email + ">"
}

// Attachment is one file carried by the message.
type Attachment struct {
	Name        string // decoded file name, path separators and control characters removed
	ContentType string // lower-case type/subtype without parameters
	ContentID   string // without angle brackets; lets HTML views resolve cid: images
	Size        int64  // decoded size, known even when Data was dropped
	Data        []byte // nil when Omitted
	Omitted     bool   // Data dropped because it exceeded MaxAttachmentBytes
}

// Limits bounds the work and memory one message may take; a zero field means the default.
type Limits struct {
	MaxMessageBytes    int64 // raw bytes parsed; the rest is ignored
	MaxAttachments     int   // attachments kept; later ones are listed in Notes only
	MaxAttachmentBytes int64 // decoded bytes per attachment; larger ones keep metadata only
	MaxTextBytes       int   // bytes of Text; the full text is then kept as FullTextName
}

// DefaultLimits returns limits that fit ordinary office mail with room to spare.
func DefaultLimits() Limits {
	return Limits{
		// Exchange Online accepts up to 150 MB but tenants default to 35 MB;
		// base64 adds a third, so 48 MiB of wire bytes covers the default.
		MaxMessageBytes:    48 << 20,
		MaxAttachments:     100,
		MaxAttachmentBytes: 35 << 20,
		// Enough for any hand-written mail; pasted logs beyond this are
		// better read from the attached full text than from a ticket page.
		MaxTextBytes: 256 << 10,
	}
}

// withDefaults fills zero fields so callers can pass Limits{} safely.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxMessageBytes <= 0 {
		l.MaxMessageBytes = d.MaxMessageBytes
	}
	if l.MaxAttachments <= 0 {
		l.MaxAttachments = d.MaxAttachments
	}
	if l.MaxAttachmentBytes <= 0 {
		l.MaxAttachmentBytes = d.MaxAttachmentBytes
	}
	if l.MaxTextBytes <= 0 {
		l.MaxTextBytes = d.MaxTextBytes
	}
	return l
}

// note records that a limit was hit.
func (m *Message) note(s string) {
	m.Truncated = true
	m.Notes = append(m.Notes, s)
}

// Title returns the subject, or for mail without one the first non-blank
// line of the new text cut to maxRunes; "" means the caller shows its own
// placeholder such as "(件名なし)" from the message catalogue.
func (m *Message) Title(maxRunes int) string {
	if m.Subject != "" {
		return m.Subject
	}
	for _, l := range strings.Split(StripQuoted(m.Text), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			if r := []rune(l); len(r) > maxRunes {
				return string(r[:maxRunes])
			}
			return l
		}
	}
	return ""
}
