package handover_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"hitori/handover"
)

// parseICS unfolds an iCalendar text as RFC 5545 says (a CRLF followed by
// one space or tab continues the line) and returns the content lines; it
// fails on a bare LF, a physical line over 75 octets or a broken UTF-8
// sequence.
func parseICS(t *testing.T, data []byte) []string {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatal("output does not end with CRLF")
	}
	physical := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	var lines []string
	for i, p := range physical {
		if strings.Contains(p, "\n") || strings.Contains(p, "\r") {
			t.Fatalf("line %d has a bare line break: %q", i, p)
		}
		if len(p) > 75 {
			t.Fatalf("line %d is %d octets: %q", i, len(p), p)
		}
		if !utf8.ValidString(p) {
			t.Fatalf("line %d splits a UTF-8 sequence: %q", i, p)
		}
		if strings.HasPrefix(p, " ") || strings.HasPrefix(p, "\t") {
			if len(lines) == 0 {
				t.Fatal("continuation before any line")
			}
			lines[len(lines)-1] += p[1:]
			continue
		}
		lines = append(lines, p)
	}
	return lines
}

// unescape reverses EscapeText.
func unescape(s string) string {
	return strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n", `\N`, "\n").Replace(s)
}

func TestICSOutput(t *testing.T) {
	long := strings.Repeat("株式会社ネットワーク保守サービス（東日本）", 4) + "、UTM 保守契約; 自動更新, 要判断"
	cal := &handover.ICSCalendar{Name: "hitori 更新カレンダー", Domain: "hitori.example.jp",
		Stamp: time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC),
		Events: []handover.ICSEvent{
			{UID: "decision-7-2027-09-30", Date: time.Date(2027, 9, 30, 0, 0, 0, 0, time.UTC), Summary: "判断期限: " + long,
				Description: "1行目\n2行目\\終わり", URL: "https://hitori.example.jp/contracts/7"},
			{UID: "warranty-3-2027-12-31", Date: time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC), Summary: "保証期限: PC-001"},
		}}
	var buf bytes.Buffer
	n, err := cal.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteTo: %d, %v (wrote %d)", n, err, buf.Len())
	}
	// Folding counts octets: the Japanese summary is far under 75 runes a
	// chunk but must still be folded by bytes.
	var folded int
	for _, p := range strings.Split(buf.String(), "\r\n") {
		if strings.HasPrefix(p, " ") {
			folded++
			if utf8.RuneCountInString(p) >= 75 {
				t.Errorf("folded by runes, not octets: %q", p)
			}
		}
	}
	if folded < 3 {
		t.Errorf("only %d continuation lines for a %d-octet summary", folded, len(long))
	}
	lines := parseICS(t, buf.Bytes())
	props := map[string][]string{}
	for _, l := range lines {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("line without a colon: %q", l)
		}
		props[name] = append(props[name], value)
	}
	for name, want := range map[string]int{"BEGIN": 3, "END": 3, "UID": 2, "DTSTAMP": 2, "DTSTART;VALUE=DATE": 2, "DTEND;VALUE=DATE": 2, "SUMMARY": 2} {
		if got := len(props[name]); got != want {
			t.Errorf("%s appears %d times, want %d", name, got, want)
		}
	}
	if lines[0] != "BEGIN:VCALENDAR" || lines[1] != "VERSION:2.0" || !strings.HasPrefix(lines[2], "PRODID:") || lines[len(lines)-1] != "END:VCALENDAR" {
		t.Errorf("calendar frame: %q … %q", lines[:3], lines[len(lines)-1])
	}
	checks := []struct{ got, want string }{
		{props["UID"][0], "decision-7-2027-09-30@hitori.example.jp"},
		{props["DTSTAMP"][0], "20270102T030405Z"},
		{props["DTSTART;VALUE=DATE"][0], "20270930"},
		{props["DTEND;VALUE=DATE"][0], "20271001"},
		{unescape(props["SUMMARY"][0]), "判断期限: " + long},
		{unescape(props["DESCRIPTION"][0]), "1行目\n2行目\\終わり"},
		{props["URL"][0], "https://hitori.example.jp/contracts/7"},
		{props["DTEND;VALUE=DATE"][1], "20280101"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if !strings.Contains(props["SUMMARY"][0], `\;`) || !strings.Contains(props["SUMMARY"][0], `\,`) {
		t.Errorf("summary not escaped: %q", props["SUMMARY"][0])
	}
}

func TestEscapeText(t *testing.T) {
	for in, want := range map[string]string{
		"a,b;c":  `a\,b\;c`,
		`x\y`:    `x\\y`,
		"1\r\n2": `1\n2`,
		"改行\nあり": `改行\nあり`,
	} {
		if got := handover.EscapeText(in); got != want {
			t.Errorf("EscapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzCertificateExpiry: any monitor message parses or is refused
// without panicking, and a date found is a valid one.
func FuzzCertificateExpiry(f *testing.F) {
	for _, s := range []string{"85 days left", "certificate expires in 9 days (2027-01-31)", "dial tcp: timeout", "99999 days left", "(2027-02-30)"} {
		f.Add(s)
	}
	at := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, msg string) {
		if d, ok := handover.CertificateExpiry(msg, at); ok && !d.Valid() {
			t.Fatalf("%q gave invalid date %q", msg, d)
		}
	})
}

func TestCertificateExpiry(t *testing.T) {
	at := time.Date(2027, 1, 1, 6, 0, 0, 0, time.UTC)
	for msg, want := range map[string]string{
		"85 days left": "2027-03-27", "certificate expires in 9 days (2027-01-10)": "2027-01-10", "connection refused": "",
	} {
		got, ok := handover.CertificateExpiry(msg, at)
		if string(got) != want || ok != (want != "") {
			t.Errorf("%q: %q %v, want %q", msg, got, ok, want)
		}
	}
}
