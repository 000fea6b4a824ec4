package intake_test

import (
	"strings"
	"testing"

	"hitori"
	"hitori/intake"
)

// TestAcknowledgementSaysHowToReply holds the acknowledgement to telling
// the requester both ways to answer: by mail with the key kept in the
// subject (how intake threads a reply that lost its headers) and, when
// hitori knows its address, on the portal page.
func TestAcknowledgementSaysHowToReply(t *testing.T) {
	ts, err := intake.LoadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	it := &hitori.Item{ID: 42, Title: "VPN につながらない"}
	const url = "https://hitori.example/portal/items/42"
	for _, tc := range []struct {
		name, lang, url string
		want, not       []string
	}{
		{"ja with portal", "ja", url, []string{"このメールに返信", "件名の [HD-42] は消さずに", "問い合わせページから返信", url}, nil},
		{"ja mail only", "ja", "", []string{"このメールに返信", "件名の [HD-42] は消さずに"}, []string{"問い合わせページ", "http"}},
		{"en with portal", "en", url, []string{"reply to this mail, keeping [HD-42] in the subject", "reply on the request's page", url}, nil},
		{"en mail only", "en", "", []string{"reply to this mail, keeping [HD-42] in the subject"}, []string{"page", "http"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, body, err := ts.Render(tc.lang, intake.KindCreated, intake.MailData{Item: it, Key: it.Key(), Name: "佐藤", URL: tc.url})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q:\n%s", w, body)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(body, n) {
					t.Errorf("body has %q:\n%s", n, body)
				}
			}
		})
	}
}
