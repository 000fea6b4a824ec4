package mail

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// OutgoingMessage is a plain-text message the helpdesk sends: a reply or a
// notification. Bytes renders it as RFC 5322 with MIME: UTF-8 text in
// base64, every non-ASCII header in RFC 2047 B encoding, lines of at most 76
// characters, so Japanese survives any mail system.
type OutgoingMessage struct {
	From       Address
	To         []Address
	Cc         []Address
	ReplyTo    *Address
	Subject    string
	Text       string
	MessageID  string   // without brackets; see NewMessageID
	InReplyTo  string   // the message answered, without brackets
	References []string // the thread, oldest first, without brackets
	Date       time.Time
	// AutoSubmitted is "auto-replied" or "auto-generated" for mail no person
	// wrote (RFC 3834): other systems then never answer it automatically.
	AutoSubmitted string
	Extra         []Field // more fields, such as X-Loop
}

// maxLine is the longest header line written when folding can help (RFC 2047 section 2).
const maxLine = 76

// maxReferences bounds the References field: the first message and the
// newest ones are what clients thread on (RFC 5322 section 3.6.4).
const maxReferences = 20

// NewMessageID returns a unique Message-ID at domain, without brackets; a
// nil rnd means crypto/rand.
func NewMessageID(domain string, now time.Time, rnd io.Reader) (string, error) {
	if rnd == nil {
		rnd = rand.Reader
	}
	b := make([]byte, 10)
	if _, err := io.ReadFull(rnd, b); err != nil {
		return "", fmt.Errorf("mail: message id: %w", err)
	}
	if domain == "" || !validDomain(domain) {
		return "", fmt.Errorf("mail: message id: invalid domain %q", domain)
	}
	return fmt.Sprintf("hitori.%d.%s@%s", now.Unix(), hex.EncodeToString(b), domain), nil
}

// Recipients returns the envelope recipients: To and Cc.
func (m *OutgoingMessage) Recipients() []string {
	var out []string
	for _, a := range append(append([]Address(nil), m.To...), m.Cc...) {
		out = append(out, a.Email)
	}
	return out
}

// Bytes renders the message with CRLF line ends.
func (m *OutgoingMessage) Bytes() ([]byte, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	date := m.Date
	if date.IsZero() {
		date = time.Now()
	}
	var b bytes.Buffer
	field := func(name string, tokens []string) {
		writeFolded(&b, name, tokens)
	}
	field("Date", []string{date.Format("Mon, 02 Jan 2006 15:04:05 -0700")})
	field("From", addressTokens([]Address{m.From}))
	field("To", addressTokens(m.To))
	if len(m.Cc) > 0 {
		field("Cc", addressTokens(m.Cc))
	}
	if m.ReplyTo != nil {
		field("Reply-To", addressTokens([]Address{*m.ReplyTo}))
	}
	field("Subject", textTokens(m.Subject, maxLine-len("Subject: ")))
	field("Message-ID", []string{"<" + m.MessageID + ">"})
	if m.InReplyTo != "" {
		field("In-Reply-To", []string{"<" + m.InReplyTo + ">"})
	}
	if refs := trimReferences(m.References); len(refs) > 0 {
		toks := make([]string, len(refs))
		for i, r := range refs {
			toks[i] = "<" + r + ">"
		}
		field("References", toks)
	}
	if m.AutoSubmitted != "" {
		field("Auto-Submitted", []string{m.AutoSubmitted})
		// Exchange and Outlook: send no out-of-office or read receipt back.
		field("X-Auto-Response-Suppress", []string{"All"})
	}
	for _, f := range m.Extra {
		field(f.Name, textTokens(f.Value, maxLine-len(f.Name)-2))
	}
	field("MIME-Version", []string{"1.0"})
	field("Content-Type", []string{"text/plain;", "charset=UTF-8"})
	field("Content-Transfer-Encoding", []string{"base64"})
	b.WriteString("\r\n")
	text := strings.ReplaceAll(normalizeNewlines(m.Text), "\n", "\r\n")
	enc := base64.StdEncoding.EncodeToString([]byte(text))
	for len(enc) > maxLine {
		b.WriteString(enc[:maxLine] + "\r\n")
		enc = enc[maxLine:]
	}
	if enc != "" {
		b.WriteString(enc + "\r\n")
	}
	return b.Bytes(), nil
}

// check refuses what would make a broken or forged message.
func (m *OutgoingMessage) check() error {
	if len(m.To) == 0 {
		return errors.New("mail: outgoing message has no recipient")
	}
	for _, a := range append(append([]Address{m.From}, m.To...), m.Cc...) {
		if !validAddress(a.Email) {
			return fmt.Errorf("mail: invalid address %q", a.Email)
		}
	}
	if m.ReplyTo != nil && !validAddress(m.ReplyTo.Email) {
		return fmt.Errorf("mail: invalid address %q", m.ReplyTo.Email)
	}
	for _, id := range append([]string{m.MessageID, m.InReplyTo}, m.References...) {
		if strings.ContainsAny(id, "<> \t\r\n") {
			return fmt.Errorf("mail: invalid message id %q", id)
		}
	}
	if m.MessageID == "" {
		return errors.New("mail: outgoing message has no Message-ID")
	}
	for _, f := range m.Extra {
		if f.Name == "" || strings.ContainsAny(f.Name, ": \t\r\n") {
			return fmt.Errorf("mail: invalid header name %q", f.Name)
		}
	}
	return nil
}

// trimReferences keeps the first id and the newest ones.
func trimReferences(refs []string) []string {
	var out []string
	for _, r := range refs {
		if r != "" {
			out = append(out, r)
		}
	}
	if len(out) <= maxReferences {
		return out
	}
	return append([]string{out[0]}, out[len(out)-maxReferences+1:]...)
}

// writeFolded writes "Name: tokens" with tokens separated by single
// spaces, starting a new line (CRLF and a space) before a token that would
// pass maxLine. A token longer than a line stays whole (RFC 5322 allows 998).
func writeFolded(b *bytes.Buffer, name string, tokens []string) {
	line := len(name) + 1
	b.WriteString(name + ":")
	for _, t := range tokens {
		if line+1+len(t) > maxLine && line > len(name)+1 {
			b.WriteString("\r\n")
			line = 0
		}
		b.WriteString(" " + t)
		line += 1 + len(t)
	}
	b.WriteString("\r\n")
}

// textTokens turns unstructured text into tokens: ASCII words as they are,
// or, when the text holds anything else, RFC 2047 B-encoded words of UTF-8
// split on character boundaries, the first fitting in first characters.
func textTokens(s string, first int) []string {
	s = cleanHeaderText(s)
	if s == "" {
		return nil
	}
	if isPrintableASCII(s) && !strings.Contains(s, "=?") {
		return strings.Fields(s)
	}
	return encodeWords(s, first)
}

// encodeWords splits s into B-encoded words of at most first characters
// for the first and maxLine-1 for the rest (and never over RFC 2047's 75).
func encodeWords(s string, first int) []string {
	const prefix, suffix = "=?UTF-8?B?", "?="
	bytesFor := func(chars int) int {
		chars = min(chars, 75) - len(prefix) - len(suffix)
		return max(chars/4*3, 12) // base64 turns 3 bytes into 4 characters
	}
	var words []string
	limit := bytesFor(first)
	for s != "" {
		n := 0
		for n < len(s) {
			_, size := utf8.DecodeRuneInString(s[n:])
			if n+size > limit && n > 0 {
				break
			}
			n += size
		}
		words = append(words, prefix+base64.StdEncoding.EncodeToString([]byte(s[:n]))+suffix)
		s = s[n:]
		limit = bytesFor(maxLine - 1)
	}
	return words
}

// addressTokens renders a list of mailboxes: display names quoted or
// encoded, addresses in angle brackets, separated by commas.
func addressTokens(as []Address) []string {
	var toks []string
	for i, a := range as {
		var t []string
		name := cleanHeaderText(a.Name)
		switch {
		case name == "":
		case isPrintableASCII(name) && !strings.Contains(name, "=?"):
			t = append(t, quoteName(name))
		default:
			t = encodeWords(name, 40)
		}
		addr := a.Email
		if name != "" {
			addr = "<" + addr + ">"
		}
		t = append(t, addr)
		if i < len(as)-1 {
			t[len(t)-1] += ","
		}
		toks = append(toks, t...)
	}
	return toks
}

// quoteName quotes an ASCII display name when it holds specials.
func quoteName(s string) string {
	if !strings.ContainsAny(s, "()<>[]:;@\\,.\"") {
		return s
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// cleanHeaderText drops control characters (a header injection) and collapses space.
func cleanHeaderText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	return collapseSpace(strings.ToValidUTF8(s, "\uFFFD"))
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// validAddress accepts a plain ASCII addr-spec: what every SMTP server takes.
func validAddress(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && len(s) <= 254 && isPrintableASCII(s) && !strings.ContainsAny(s, " <>()[]\\,;:\"") &&
		validDomain(domain)
}

func validDomain(d string) bool {
	return d != "" && len(d) <= 253 && isPrintableASCII(d) && !strings.ContainsAny(d, " <>()[]\\,;:\"@") &&
		!strings.HasPrefix(d, ".") && !strings.HasSuffix(d, ".")
}
