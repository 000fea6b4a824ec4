package handover

import (
	"bufio"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// ICSEvent is one all-day event of an iCalendar export, its text already
// in the reader's language.
type ICSEvent struct {
	UID         string // unique within the calendar; the writer adds "@" + domain
	Date        time.Time
	Summary     string
	Description string
	URL         string // absolute, or ""
}

// ICSCalendar is an iCalendar (RFC 5545) publication of all-day events.
type ICSCalendar struct {
	Name   string // X-WR-CALNAME, the name calendar apps show
	Domain string // right-hand side of every UID
	Stamp  time.Time
	Events []ICSEvent
}

// WriteTo writes the calendar: CRLF line ends, lines folded at 75 octets
// (never inside a UTF-8 sequence), TEXT values escaped, each event a
// VALUE=DATE day with a UID and a DTSTAMP.
func (c *ICSCalendar) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	b := bufio.NewWriter(cw)
	line := func(name, value string) { writeFolded(b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//hitori//renewals//JA")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if c.Name != "" {
		line("X-WR-CALNAME", EscapeText(c.Name))
	}
	stamp := c.Stamp.UTC().Format("20060102T150405Z")
	for _, e := range c.Events {
		line("BEGIN", "VEVENT")
		line("UID", EscapeText(e.UID+"@"+c.Domain))
		line("DTSTAMP", stamp)
		line("DTSTART;VALUE=DATE", e.Date.Format("20060102"))
		line("DTEND;VALUE=DATE", e.Date.AddDate(0, 0, 1).Format("20060102"))
		line("SUMMARY", EscapeText(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION", EscapeText(e.Description))
		}
		if e.URL != "" {
			line("URL", e.URL)
		}
		line("TRANSP", "TRANSPARENT")
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	err := b.Flush()
	return cw.n, err
}

// EscapeText escapes an RFC 5545 TEXT value: backslash, semicolon, comma
// and line breaks.
func EscapeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// writeFolded writes one content line and CRLF, folding it so no physical
// line exceeds 75 octets: a continuation starts with a space, which
// counts toward its 75.
func writeFolded(b *bufio.Writer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
