package mail

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzLimits are small so that fuzzing reaches every limit path quickly.
var fuzzLimits = Limits{MaxMessageBytes: 256 << 10, MaxAttachments: 3, MaxAttachmentBytes: 4 << 10, MaxTextBytes: 2 << 10}

// FuzzParse checks that parse never panics, is deterministic and keeps its invariants.
func FuzzParse(f *testing.F) {
	for _, raw := range allSamples(f) {
		f.Add(raw[:min(len(raw), 16<<10)]) // large seeds make every mutation and minimisation slow
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		m1, err1 := parse(raw, fuzzLimits)
		m2, err2 := parse(raw, fuzzLimits)
		if err1 != err2 || !reflect.DeepEqual(m1, m2) {
			t.Fatalf("not deterministic: %v / %v", err1, err2)
		}
		if err1 != nil {
			if m1 != nil {
				t.Fatalf("message returned with error %v", err1)
			}
			return
		}
		for name, s := range map[string]string{"Subject": m1.Subject, "Text": m1.Text, "From": m1.From.String()} {
			if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
				t.Errorf("%s is not clean UTF-8: %q", name, s)
			}
		}
		if strings.ContainsAny(m1.Subject, "\r\n\t") {
			t.Errorf("Subject holds line breaks: %q", m1.Subject)
		}
		if len(m1.Text) > fuzzLimits.MaxTextBytes {
			t.Errorf("Text is %d bytes, over the limit", len(m1.Text))
		}
		if len(m1.Attachments) > fuzzLimits.MaxAttachments+1 { // +1 for the full text
			t.Errorf("%d attachments, over the limit", len(m1.Attachments))
		}
		for _, a := range m1.Attachments {
			if int64(len(a.Data)) > fuzzLimits.MaxAttachmentBytes && a.Name != FullTextName || strings.ContainsAny(a.Name, "/\\\x00") {
				t.Errorf("attachment %q breaks a limit or has a path", a.Name)
			}
		}
	})
}

// FuzzStripQuoted checks that quoted lines never survive and nothing is invented.
func FuzzStripQuoted(f *testing.F) {
	for _, n := range []string{"11", "12", "25"} {
		m, err := Parse(mustRaw(f, n), DefaultLimits())
		if err != nil {
			f.Fatal(err)
		}
		f.Add(m.Text)
	}
	f.Add("a\n\nOn Tue, x wrote:\n> b\n")
	f.Add("> a\nb\n-----Original Message-----\nc")
	f.Fuzz(func(t *testing.T, s string) {
		got := StripQuoted(s)
		if len(got) > len(s) {
			t.Fatalf("output longer than input: %q", got)
		}
		for _, l := range strings.Split(got, "\n") {
			if isQuoted(strings.TrimSpace(l)) {
				t.Fatalf("quoted line kept: %q", l)
			}
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("valid input gave invalid output %q", got)
		}
	})
}

// FuzzNormalizeSubject checks that the key is stable under re-normalising.
func FuzzNormalizeSubject(f *testing.F) {
	for _, s := range []string{"Re: 件名", "RE: [HD-1029] 共有", "Ｒｅ：Ｆｗ：x", "Re[2]: Re(3): y", "転送: 返信: z", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := NormalizeSubject(s)
		if again := NormalizeSubject(got); again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, got, again)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("valid input gave invalid output %q", got)
		}
	})
}

// FuzzDecodeHeader checks that decoding never panics and always yields UTF-8.
func FuzzDecodeHeader(f *testing.F) {
	for _, raw := range allSamples(f) {
		h, _, _ := splitHeader(raw)
		for _, k := range []string{"Subject", "From", "Content-Type", "Content-Disposition"} {
			if v := h.Get(k); v != "" {
				f.Add(v)
			}
		}
	}
	f.Add("=?utf-8?B?5ryi5Q==?= =?utf-8?B?rZc=?=")
	f.Fuzz(func(t *testing.T, s string) {
		got := DecodeHeader(s)
		if !utf8.ValidString(got) {
			t.Fatalf("DecodeHeader(%q) = %q, not UTF-8", s, got)
		}
		if DecodeHeader(s) != got {
			t.Fatalf("not deterministic")
		}
		parseMediaType(s)
		parseAddressList(s)
	})
}
