package mail

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestParseErrors covers the only inputs Parse refuses.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"nil", "", ErrEmpty},
		{"blank", " \r\n\t", ErrEmpty},
		{"no fields", "just some text\nwithout a header\n", ErrNotMail},
		{"body only", "\r\nbody", ErrNotMail},
		{"binary", "\x00\x01\x02\xff", ErrNotMail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse([]byte(tt.in), DefaultLimits())
			if !errors.Is(err, tt.want) || m != nil {
				t.Errorf("Parse(%q) = %v, %v; want nil, %v", tt.in, m, err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Code == "" || !strings.HasPrefix(err.Error(), "mail: ") {
				t.Errorf("error %v is not a user-safe *Error", err)
			}
		})
	}
}

// TestLimits checks that every limit keeps the message and says why.
func TestLimits(t *testing.T) {
	t.Run("sample 18 text", func(t *testing.T) {
		m := mustParse(t, "18")
		full := m.Attachments[len(m.Attachments)-1]
		if !m.Truncated || len(m.Text) > DefaultLimits().MaxTextBytes || full.Name != FullTextName {
			t.Fatalf("Truncated=%v len(Text)=%d last attachment %q", m.Truncated, len(m.Text), full.Name)
		}
		if !utf8.ValidString(m.Text) || !strings.HasPrefix(string(full.Data), m.Text) || !strings.HasSuffix(string(full.Data), "株式会社みなと精工") {
			t.Errorf("text is not a clean prefix of the full text")
		}
	})
	t.Run("message bytes", func(t *testing.T) {
		raw := mustRaw(t, "07")
		m, err := Parse(raw, Limits{MaxMessageBytes: int64(len(raw) / 2)})
		if err != nil || !m.Truncated || len(m.Notes) == 0 || m.Subject == "" {
			t.Fatalf("Parse = %+v, %v", m, err)
		}
	})
	t.Run("attachment bytes", func(t *testing.T) {
		m, err := Parse(mustRaw(t, "08"), Limits{MaxAttachmentBytes: 1000})
		if err != nil || len(m.Attachments) != 1 {
			t.Fatalf("Parse: %v, %+v", err, m)
		}
		a := m.Attachments[0]
		if !a.Omitted || a.Data != nil || a.Size != 37480 || a.Name != "VPN接続エラー報告.pdf" || !m.Truncated {
			t.Errorf("got %+v, Truncated=%v", a, m.Truncated)
		}
	})
	t.Run("attachment count", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("From: a@example.jp\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\r\n本文\r\n")
		for i := range 5 {
			fmt.Fprintf(&b, "--x\r\nContent-Type: image/png; name=%d.png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw==\r\n", i)
		}
		b.WriteString("--x--\r\n")
		m, err := Parse([]byte(b.String()), Limits{MaxAttachments: 2})
		if err != nil || len(m.Attachments) != 2 || !m.Truncated || !strings.Contains(strings.Join(m.Notes, " "), "2.png, 3.png, 4.png") {
			t.Fatalf("got %d attachments, notes %q, err %v", len(m.Attachments), m.Notes, err)
		}
	})
	t.Run("zero limits mean defaults", func(t *testing.T) {
		if got := (Limits{}).withDefaults(); got != DefaultLimits() {
			t.Errorf("got %+v, want %+v", got, DefaultLimits())
		}
	})
}

// TestParseStructure covers MIME shapes not in the samples.
func TestParseStructure(t *testing.T) {
	tests := []struct {
		name, raw, wantText string
		wantAttach          []string
	}{
		{"no boundary found", "Content-Type: multipart/mixed; boundary=zz\n\nplain words\n", "plain words", nil},
		{"missing close delimiter", "Content-Type: multipart/mixed; boundary=b\n\n--b\n\n本文\n--b\nContent-Type: image/png\nContent-Disposition: attachment; filename=a.png\n\nxx", "本文", []string{"a.png"}},
		{"boundary-like line inside text", "Content-Type: multipart/mixed; boundary=b\n\n--b\n\n--bx is not a delimiter\n--b--\n", "--bx is not a delimiter", nil},
		{"alternative prefers plain", "Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\nplain\n--b\nContent-Type: text/html\n\n<p>html</p>\n--b--\n", "plain", nil},
		{"empty plain falls back to html", "Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\n \n--b\nContent-Type: text/html\n\n<p>html</p>\n--b--\n", "html", nil},
		{"outlook related images kept", "Content-Type: multipart/alternative; boundary=a\n\n--a\nContent-Type: text/plain\n\nplain\n--a\nContent-Type: multipart/related; boundary=r\n\n--r\nContent-Type: text/html\n\n<img src=cid:i1>\n--r\nContent-Type: image/png\nContent-ID: <i1>\n\nPNG\n--r--\n--a--\n", "plain", []string{"attachment-1.png"}},
		{"signature skipped", "Content-Type: multipart/signed; boundary=s\n\n--s\nContent-Type: text/plain\n\nsigned\n--s\nContent-Type: application/pkcs7-signature; name=smime.p7s\n\nSIG\n--s--\n", "signed", nil},
		{"unnamed forward", "Content-Type: message/rfc822\n\nFrom: x@y\n\nbody", "", []string{"forwarded.eml"}},
		{"path in file name", "Content-Type: application/pdf; name=\"..\\\\..\\\\a/b.pdf\"\n\n%PDF", "", []string{".._.._a_b.pdf"}},
		{"text attachment", "Content-Type: text/plain\nContent-Disposition: attachment\n\nlog", "", []string{"attachment-1.txt"}},
		{"html charset from meta", "Content-Type: text/html\n\n<meta charset=shift_jis><p>\x8a\xbf\x8e\x9a</p>", "漢字", nil},
		{"nul removed", "Subject: x\n\na\x00b", "ab", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := parse([]byte("From: a@example.jp\n"+tt.raw), DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			if m.Text != tt.wantText {
				t.Errorf("Text = %q, want %q", m.Text, tt.wantText)
			}
			var names []string
			for _, a := range m.Attachments {
				names = append(names, a.Name)
			}
			if strings.Join(names, "|") != strings.Join(tt.wantAttach, "|") {
				t.Errorf("attachments = %q, want %q", names, tt.wantAttach)
			}
		})
	}
}

// TestDeepNesting checks that hostile nesting is cut, noted and survives.
func TestDeepNesting(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("From: a@example.jp\n")
	for i := range 200 {
		fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n", i, i)
	}
	b.WriteString("Content-Type: text/plain\n\ndeep\n")
	m, err := parse(b.Bytes(), DefaultLimits())
	if err != nil || !m.Truncated {
		t.Fatalf("got %v, Truncated=%v", err, m != nil && m.Truncated)
	}
}

// TestParseDate covers the Date forms Japanese mailers send.
func TestParseDate(t *testing.T) {
	want := time.Date(2026, 11, 25, 11, 15, 0, 0, time.FixedZone("", 9*3600))
	for _, in := range []string{
		"Wed, 25 Nov 2026 11:15:00 +0900",
		"Wed, 25 Nov 2026 11:15:00 +0900 (JST)",
		"25 Nov 2026 11:15:00 +0900",
		"Wed, 25 Nov 2026 11:15 +0900",
		"2026/11/25 11:15:00 +0900",
		"Wed,\r\n 25 Nov 2026 11:15:00 +0900",
		"Wed, 25 Nov 2026 11:15:00 JST",
	} {
		if got := parseDate(in); !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v, want %v", in, got, want)
		}
	}
	if got := parseDate("yesterday"); !got.IsZero() {
		t.Errorf("parseDate(garbage) = %v, want zero", got)
	}
}

// TestTitle falls back to the first line of the new text for sample 19.
func TestTitle(t *testing.T) {
	if got, want := mustParse(t, "19").Title(10), "お疲れ様です。人事部"; got != want {
		t.Errorf("Title = %q, want %q", got, want)
	}
	if got, want := mustParse(t, "10").Title(10), "VPNに接続できません"; got != want {
		t.Errorf("Title = %q, want %q", got, want)
	}
	if got := (&Message{}).Title(10); got != "" {
		t.Errorf("Title of empty message = %q, want \"\"", got)
	}
}

// TestManyParts checks that a flood of MIME parts is cut and noted once.
func TestManyParts(t *testing.T) {
	raw := "From: a@example.jp\nContent-Type: multipart/mixed; boundary=b\n\n" + strings.Repeat("--b\nContent-Type: text/plain\n\nx\n", 2*maxParts) + "--b--\n"
	m, err := parse([]byte(raw), DefaultLimits())
	if err != nil || !m.Truncated || len(m.Notes) != 1 {
		t.Fatalf("err %v, Truncated %v, Notes %q", err, m != nil && m.Truncated, m.Notes)
	}
}
