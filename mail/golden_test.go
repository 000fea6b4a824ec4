package mail

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/mail/golden/*.json from the current parser")

// golden is the stable, reviewable projection of a parsed sample.
type golden struct {
	Subject      string         `json:"subject"`
	From         string         `json:"from"`
	Requester    string         `json:"requester"`
	Date         string         `json:"date"`
	MessageID    string         `json:"message_id"`
	InReplyTo    string         `json:"in_reply_to"`
	References   []string       `json:"references"`
	Ignore       string         `json:"ignore"`
	Attachments  []goldenAttach `json:"attachments"`
	Truncated    bool           `json:"truncated"`
	Notes        []string       `json:"notes"`
	Report       *Report        `json:"report,omitempty"`
	TextHead     string         `json:"text_head"`
	StrippedHead string         `json:"stripped_head"`
}

// goldenAttach describes an attachment without its bytes.
type goldenAttach struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
}

// toGolden projects a message for the golden file.
func toGolden(m *Message) golden {
	g := golden{
		Subject: m.Subject, From: m.From.String(), Requester: m.Requester.String(),
		MessageID: m.MessageID, InReplyTo: m.InReplyTo, References: m.References,
		Ignore: m.Ignore, Truncated: m.Truncated, Notes: m.Notes, Report: m.Report,
		TextHead: headRunes(m.Text, 300), StrippedHead: headRunes(StripQuoted(m.Text), 300),
		Attachments: []goldenAttach{},
	}
	if !m.Date.IsZero() {
		g.Date = m.Date.Format(time.RFC3339)
	}
	for _, a := range m.Attachments {
		g.Attachments = append(g.Attachments, goldenAttach{a.Name, a.ContentType, a.Size})
	}
	return g
}

var (
	angleSender   = regexp.MustCompile(`^"?([^"<]*?)"? <([^>]+)>`)
	commentSender = regexp.MustCompile(`^(\S+@\S+) \((.*)\)$`)
	requesterRe   = regexp.MustCompile(`\(requester: Reply-To (.+) <([^>]+)>\)`)
	attachRe      = regexp.MustCompile(`with attachment (.+)$`)
)

// wantAddress reads INDEX.tsv's sender column into From and Requester.
func wantAddress(t *testing.T, s string) (from, req Address) {
	t.Helper()
	if m := angleSender.FindStringSubmatch(s); m != nil {
		from = Address{Name: m[1], Email: m[2]}
	} else if m := commentSender.FindStringSubmatch(s); m != nil {
		from = Address{Name: m[2], Email: m[1]}
	} else {
		t.Fatalf("cannot read expected sender %q", s)
	}
	req = from
	if m := requesterRe.FindStringSubmatch(s); m != nil {
		req = Address{Name: m[1], Email: m[2]}
	}
	return from, req
}

// TestGolden checks every sample against INDEX.tsv and its golden file.
func TestGolden(t *testing.T) {
	wantIgnore := map[string]string{"14": IgnoreAutoReply, "15": IgnoreBounce, "20": IgnoreReadReceipt}
	samples := mustSamples(t)
	if got, want := len(allSamples(t)), len(samples); got != want {
		t.Fatalf("%d .eml files but %d INDEX.tsv rows: every sample needs a row", got, want)
	}
	for _, s := range samples {
		nn := s.File[:2]
		t.Run(nn, func(t *testing.T) {
			m := mustParse(t, s.File)
			if got, want := collapseSpace(m.Subject), collapseSpace(s.Subject); got != want {
				t.Errorf("subject: got %q, want %q", got, want)
			}
			from, req := wantAddress(t, s.Sender)
			if m.From != from {
				t.Errorf("from: got %+v, want %+v", m.From, from)
			}
			if m.Requester != req {
				t.Errorf("requester: got %+v, want %+v", m.Requester, req)
			}
			if got, want := m.Ignore, wantIgnore[nn]; got != want {
				t.Errorf("ignore: got %q, want %q", got, want)
			}
			var want []string
			if a := attachRe.FindStringSubmatch(s.Action); a != nil {
				want = append(want, a[1])
			}
			switch nn {
			case "13":
				want = append(want, "【重要】Microsoft 365 パスワードの有効期限のお知らせ.eml")
			case "18":
				want = append(want, FullTextName)
			case "24": // named in what_it_tests rather than in the action
				want = append(want, "VPN接続エラー報告.pdf")
			}
			var got []string
			for _, a := range m.Attachments {
				got = append(got, a.Name)
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("attachments: got %q, want %q", got, want)
			}
			checkGolden(t, nn, toGolden(m))
		})
	}
}

// checkGolden compares with testdata/mail/golden/NN.json, or rewrites it with -update.
func checkGolden(t *testing.T, nn string, g golden) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(g); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(sampleDir, "golden", nn+".json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./mail -run TestGolden -update)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("golden %s differs; got:\n%s", path, buf.String())
	}
}
