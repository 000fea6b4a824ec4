package mail

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	netmail "net/mail"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func sampleOutgoing() *OutgoingMessage {
	return &OutgoingMessage{
		From:       Address{Name: "情報システム課 ヘルプデスク", Email: "it-help@minato-seiko.example"},
		To:         []Address{{Name: "髙橋 一郎", Email: "ichiro.takahashi@minato-seiko.example"}, {Name: "Ops, Inc.", Email: "ops@example.com"}},
		Subject:    "Re: [HD-1029] 共有メールボックスのアクセス権付与について、本日中に対応いたします（ご確認ください）①㈱～",
		Text:       "髙橋さん\n\nアクセス権を付与しました。\r\n反映まで最大1時間かかります。\n\n-- \n情報システム課",
		MessageID:  "hitori.1764000000.00112233445566778899@minato-seiko.example",
		InReplyTo:  "OS3P286MB2145@OUTLOOK.example",
		References: []string{"first@x", "OS3P286MB2145@OUTLOOK.example"},
		Date:       time.Date(2026, 11, 25, 11, 2, 0, 0, time.FixedZone("JST", 9*3600)),
		Extra:      []Field{{Name: "X-Loop", Value: "it-help@minato-seiko.example"}},
	}
}

// TestOutgoingRoundTrip reads the rendered message back with our parser and
// with the standard library's, which share no code with the writer.
func TestOutgoingRoundTrip(t *testing.T) {
	m := sampleOutgoing()
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(raw, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.ReplaceAll(m.Text, "\r\n", "\n")
	switch {
	case got.Subject != m.Subject:
		t.Errorf("subject %q, want %q", got.Subject, m.Subject)
	case got.From != m.From:
		t.Errorf("from %+v", got.From)
	case got.MessageID != m.MessageID || got.InReplyTo != m.InReplyTo || strings.Join(got.References, " ") != strings.Join(m.References, " "):
		t.Errorf("threading %q %q %q", got.MessageID, got.InReplyTo, got.References)
	case got.Text != want:
		t.Errorf("text %q, want %q", got.Text, want)
	case !got.Date.Equal(m.Date):
		t.Errorf("date %v", got.Date)
	case got.Ignore != "":
		t.Errorf("a reply written by a person was classified %q", got.Ignore)
	}
	if tag, ok := FindTicketTag(got.Subject, "HD"); !ok || tag != 1029 {
		t.Errorf("tag %d %v", tag, ok)
	}

	std, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	dec := new(mime.WordDecoder)
	if s, err := dec.DecodeHeader(std.Header.Get("Subject")); err != nil || s != m.Subject {
		t.Errorf("net/mail subject %q, %v", s, err)
	}
	to, err := std.Header.AddressList("To")
	if err != nil || len(to) != 2 || to[0].Name != "髙橋 一郎" || to[1].Name != "Ops, Inc." || to[1].Address != "ops@example.com" {
		t.Errorf("net/mail To %v, %v", to, err)
	}
}

func TestOutgoingShape(t *testing.T) {
	m := sampleOutgoing()
	m.References = nil
	for i := range 40 {
		m.References = append(m.References, fmt.Sprintf("r%02d.%s@mx.example", i, strings.Repeat("x", 20)))
	}
	m.AutoSubmitted = "auto-replied"
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	head, body, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
	for _, l := range strings.Split(string(head), "\r\n") {
		if len(l) > maxLine {
			t.Errorf("header line of %d characters: %q", len(l), l)
		}
		if strings.Contains(l, "\n") || strings.Contains(l, "\r") {
			t.Errorf("bare line break in %q", l)
		}
	}
	for i, c := range raw {
		if c > 0x7e || c == '\n' && (i == 0 || raw[i-1] != '\r') {
			t.Fatalf("byte %d is %#x: the message must be 7-bit with CRLF", i, c)
		}
	}
	for _, l := range strings.Split(strings.TrimSpace(string(body)), "\r\n") {
		if len(l) > maxLine {
			t.Errorf("body line of %d characters", len(l))
		}
	}
	got, err := Parse(raw, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.References) != maxReferences || got.References[0] != m.References[0] || got.References[maxReferences-1] != m.References[39] {
		t.Errorf("references %d: want the first and the newest, %d in all", len(got.References), maxReferences)
	}
	if got.Ignore != IgnoreAutoReply {
		t.Errorf("a notification must be recognised as automatic, got %q", got.Ignore)
	}
	if !strings.Contains(string(head), "\r\nAuto-Submitted: auto-replied\r\n") || !strings.Contains(string(head), "\r\nX-Auto-Response-Suppress: All\r\n") {
		t.Error("missing Auto-Submitted or X-Auto-Response-Suppress")
	}
}

func TestOutgoingRefusesInjection(t *testing.T) {
	m := sampleOutgoing()
	m.Subject = "hello\r\nBcc: victim@example.com"
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("\r\nBcc:")) {
		t.Fatal("a line break in the subject started a header field")
	}
	bad := []func(m *OutgoingMessage){
		func(m *OutgoingMessage) { m.To = []Address{{Email: "a@b.example>\r\nBcc: x@y"}} },
		func(m *OutgoingMessage) { m.To = nil },
		func(m *OutgoingMessage) { m.MessageID = "" },
		func(m *OutgoingMessage) { m.InReplyTo = "a> <b" },
		func(m *OutgoingMessage) { m.From.Email = "田中@example.com" },
		func(m *OutgoingMessage) { m.Extra = []Field{{Name: "X-A\r\nB", Value: "v"}} },
	}
	for i, f := range bad {
		m := sampleOutgoing()
		f(m)
		if _, err := m.Bytes(); err == nil {
			t.Errorf("case %d: want an error", i)
		}
	}
}

func TestNewMessageID(t *testing.T) {
	now := time.Unix(1764000000, 0)
	id, err := NewMessageID("minato-seiko.example", now, bytes.NewReader(make([]byte, 10)))
	if err != nil || id != "hitori.1764000000.00000000000000000000@minato-seiko.example" {
		t.Fatalf("%q, %v", id, err)
	}
	a, _ := NewMessageID("x.example", now, nil)
	b, _ := NewMessageID("x.example", now, nil)
	if a == b {
		t.Fatal("ids repeat")
	}
	if _, err := NewMessageID("bad domain", now, nil); err == nil {
		t.Fatal("want an error for a bad domain")
	}
	if _, err := NewMessageID("x.example", now, io.LimitReader(nil, 0)); err == nil {
		t.Fatal("want an error when randomness fails")
	}
}

// FuzzOutgoingRoundTrip: whatever the subject, names and text, the
// rendered message keeps to 76-character header lines where it can, holds
// no raw line break in a header, and reads back as written.
func FuzzOutgoingRoundTrip(f *testing.F) {
	f.Add("Re: [HD-1029] 共有メールボックスのアクセス権付与①㈱～", "髙橋 一郎", "本文\nです")
	f.Add("=?UTF-8?B?not encoded?=", "Ops, \"Inc.\"", "")
	f.Add("a\r\nBcc: x@y", "\x00\xff", ".\r\n.\n")
	f.Add(strings.Repeat("長い件名", 40), strings.Repeat("名", 60), strings.Repeat("x", 200))
	f.Fuzz(func(t *testing.T, subject, name, text string) {
		m := sampleOutgoing()
		m.Subject, m.To[0].Name, m.Text = subject, name, text
		raw, err := m.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		head, _, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
		for _, l := range strings.Split(string(head), "\r\n") {
			if strings.ContainsAny(l, "\r\n") || len(l) > 998 {
				t.Fatalf("bad header line %q", l)
			}
			if strings.HasPrefix(l, "Subject:") || strings.HasPrefix(l, " =?UTF-8?B?") {
				if len(l) > maxLine {
					t.Fatalf("encoded line of %d characters: %q", len(l), l)
				}
			}
		}
		got, err := Parse(raw, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if want := cleanHeaderText(subject); got.Subject != want {
			t.Fatalf("subject %q, want %q", got.Subject, want)
		}
		wantText := strings.TrimRight(normalizeNewlines(strings.ToValidUTF8(text, "\uFFFD")), " \t\n")
		if got.Text != wantText && utf8.ValidString(text) && !strings.ContainsRune(text, 0) {
			t.Fatalf("text %q, want %q", got.Text, wantText)
		}
	})
}
