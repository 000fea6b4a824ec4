package mail

import (
	"bytes"
	"strings"
)

// Report carries the machine-readable part of a bounce (RFC 3464) or read
// receipt (RFC 8098), so the helpdesk can mark its own outbound mail as
// failed or read instead of opening a ticket.
type Report struct {
	Type              string // "delivery-status" or "disposition-notification"
	OriginalMessageID string // of the helpdesk mail the report is about, without brackets
	OriginalSubject   string // decoded; carries the [HD-n] tag of that mail
	Recipient         string // Final-Recipient address, without the "rfc822;" type
	Action            string // DSN: failed, delayed, delivered, relayed, expanded
	Status            string // DSN: enhanced status code such as 5.1.10
	Diagnostic        string // DSN: the remote server's words, for the operator
	Disposition       string // MDN: e.g. "manual-action/MDN-sent-manually; displayed"
}

// readReport fills the report from message/delivery-status or
// message/disposition-notification; only the first recipient is kept, as
// helpdesk mail goes to one person.
func (c *collector) readReport(p *part) {
	r := c.ensureReport()
	if strings.HasSuffix(p.ctype, "disposition-notification") {
		r.Type = "disposition-notification"
	} else {
		r.Type = "delivery-status"
	}
	for _, f := range reportFields(p.body) {
		v := collapseSpace(decodeLiteral(f.Value))
		set := func(dst *string) {
			if *dst == "" {
				*dst = v
			}
		}
		switch strings.ToLower(f.Name) {
		case "final-recipient":
			if _, addr, ok := strings.Cut(v, ";"); ok {
				v = strings.TrimSpace(addr)
			}
			set(&r.Recipient)
		case "action":
			set(&r.Action)
		case "status":
			set(&r.Status)
		case "diagnostic-code":
			set(&r.Diagnostic)
		case "disposition":
			set(&r.Disposition)
		case "original-message-id":
			v = firstID(v)
			set(&r.OriginalMessageID)
		}
	}
}

// readOriginal takes the id and subject of the message a report returns.
func (c *collector) readOriginal(b []byte) {
	h, _, _ := splitHeader(b)
	r := c.ensureReport()
	if id := firstID(h.Get("Message-ID")); id != "" && r.OriginalMessageID == "" {
		r.OriginalMessageID = id
	}
	if s := collapseSpace(DecodeHeader(h.Get("Subject"))); s != "" && r.OriginalSubject == "" {
		r.OriginalSubject = s
	}
}

// ensureReport returns the report, creating it on first use.
func (c *collector) ensureReport() *Report {
	if c.report == nil {
		c.report = &Report{}
	}
	return c.report
}

// reportFields reads every field of a report body, whose per-message and
// per-recipient groups are separated by blank lines.
func reportFields(b []byte) Header {
	var all Header
	for len(bytes.TrimSpace(b)) > 0 && len(all) < maxFields {
		b = bytes.TrimLeft(b, "\r\n")
		h, rest, _ := splitHeader(b)
		all = append(all, h...)
		if len(rest) >= len(b) {
			break
		}
		b = rest
	}
	return all
}
