package mail

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// collector walks the MIME tree once, gathering body text and attachments
// under the limits.
type collector struct {
	lim     Limits
	texts   []string
	atts    []Attachment
	dropped []string // names of attachments beyond MaxAttachments
	notes   []string
	report  *Report
}

// walk visits p. textOK is false inside alternatives that were not chosen:
// their text duplicates the chosen one, but their images (Outlook pastes
// screenshots into multipart/related) are still wanted.
func (c *collector) walk(p *part, textOK bool) {
	switch {
	case p.ctype == "multipart/alternative":
		best := chooseAlternative(p.children)
		for i, ch := range p.children {
			c.walk(ch, textOK && i == best)
		}
	case p.ctype == "multipart/signed":
		for _, ch := range p.children {
			if !strings.HasSuffix(ch.ctype, "-signature") { // a signature is not a file the user sent
				c.walk(ch, textOK)
			}
		}
	case strings.HasPrefix(p.ctype, "multipart/"):
		for _, ch := range p.children {
			if p.ctype == "multipart/report" && isMessageType(ch.ctype) {
				c.readOriginal(ch.body)
			}
			c.walk(ch, textOK)
		}
	case strings.HasSuffix(p.ctype, "delivery-status") || strings.HasSuffix(p.ctype, "disposition-notification"):
		c.readReport(p)
	case p.ctype == "text/rfc822-headers" || p.ctype == "message/global-headers":
		c.readOriginal(p.body)
	case isMessageType(p.ctype):
		c.forwarded(p)
	case isBodyText(p):
		if textOK {
			c.texts = append(c.texts, partText(p))
		}
	default:
		c.attach(p, p.filename(), p.body)
	}
}

// chooseAlternative picks the child to read as text: plain text when it has
// content (what the sender typed, no conversion loss), else a nested
// multipart (usually related HTML), else the last alternative, as RFC 2046
// orders them by increasing preference.
func chooseAlternative(children []*part) int {
	for i, ch := range children {
		if ch.ctype == "text/plain" && isBodyText(ch) && strings.TrimSpace(string(ch.body)) != "" {
			return i
		}
	}
	for i := len(children) - 1; i >= 0; i-- {
		if strings.HasPrefix(children[i].ctype, "multipart/") {
			return i
		}
	}
	return len(children) - 1
}

// isBodyText reports whether p is meant to be read as the message body.
func isBodyText(p *part) bool {
	return (p.ctype == "text/plain" || p.ctype == "text/html") && p.disp != "attachment" && p.filename() == ""
}

// isMessageType reports an encapsulated message.
func isMessageType(ct string) bool { return ct == "message/rfc822" || ct == "message/global" }

// partText decodes a body part to plain text.
func partText(p *part) string {
	label := p.charset()
	if p.ctype == "text/html" {
		if label == "" {
			label = htmlMetaCharset(p.body)
		}
		return htmlToText(decodeText(label, p.body))
	}
	s := decodeText(label, p.body)
	if strings.EqualFold(p.params["format"], "flowed") {
		s = unflow(s, strings.EqualFold(p.params["delsp"], "yes"))
	}
	return s
}

// forwarded keeps an attached message whole, named after its subject so the
// helpdesk sees what was forwarded (a phishing report, say) without opening it.
func (c *collector) forwarded(p *part) {
	h, _, _ := splitHeader(p.body)
	name := collapseSpace(DecodeHeader(h.Get("Subject")))
	if name != "" {
		name += ".eml"
	} else if name = p.filename(); name == "" {
		name = "forwarded.eml"
	}
	c.attach(p, name, p.body)
}

// attach records a file, enforcing MaxAttachments and MaxAttachmentBytes.
func (c *collector) attach(p *part, name string, data []byte) {
	name = sanitizeName(name)
	if name == "" {
		name = fmt.Sprintf("attachment-%d%s", len(c.atts)+len(c.dropped)+1, extFor(p.ctype))
	}
	if len(c.atts) >= c.lim.MaxAttachments {
		c.dropped = append(c.dropped, name)
		return
	}
	a := Attachment{
		Name:        name,
		ContentType: p.ctype,
		ContentID:   strings.Trim(trimValue(p.header.Get("Content-ID")), "<>"),
		Size:        int64(len(data)),
		Data:        data,
	}
	if a.Size > c.lim.MaxAttachmentBytes {
		a.Data, a.Omitted = nil, true
		c.notes = append(c.notes, fmt.Sprintf("attachment %q is %d bytes, over the limit of %d: content dropped", name, a.Size, c.lim.MaxAttachmentBytes))
	}
	c.atts = append(c.atts, a)
}

// sanitizeName makes a sender-chosen name safe to show and store: path
// separators could escape a directory and control characters break logs.
func sanitizeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '/' || r == '\\':
			return '_'
		case r < 0x20 || r == 0x7F:
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(collapseSpace(s))
	for len(s) > 240 { // most file systems stop at 255 bytes
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}

// extFor gives a fallback extension for unnamed parts of common types.
func extFor(ct string) string {
	switch ct {
	case "image/png":
		return ".png"
	case "image/jpeg", "image/jpg":
		return ".jpg"
	case "image/gif":
		return ".gif"
	case "application/pdf":
		return ".pdf"
	case "text/plain":
		return ".txt"
	case "text/html":
		return ".html"
	case "text/calendar":
		return ".ics"
	case "message/rfc822":
		return ".eml"
	}
	return ".bin"
}
