package asset

import (
	"strings"
	"testing"
	"time"

	"hitori"
)

// TestAlertMailText renders the alert mail in both languages: each thing
// once however many steps it reached, soonest first, days left, the link.
func TestAlertMailText(t *testing.T) {
	a := &Alerts{BaseURL: "https://hitori.example.co.jp/", Location: time.UTC,
		Now: func() time.Time { return time.Date(2027, 4, 1, 6, 0, 0, 0, time.UTC) }}
	alerts := []*hitori.AssetAlert{
		{Kind: hitori.ExpiryRenewal, RefID: 3, Label: "Microsoft 365", On: "2027-04-30", Step: 30},
		{Kind: hitori.ExpiryWarranty, RefID: 1, Label: "PC-001 富士通 LIFEBOOK", On: "2027-04-08", Step: 30},
		{Kind: hitori.ExpiryWarranty, RefID: 1, Label: "PC-001 富士通 LIFEBOOK", On: "2027-04-08", Step: 7},
	}
	cases := []struct {
		lang, subject string
		lines         []string
	}{
		{"ja", "期限が近いもの: 2 件", []string{"- 2027-04-08 保証期限: PC-001 富士通 LIFEBOOK（あと 7 日）", "- 2027-04-30 ライセンス更新: Microsoft 365（あと 29 日）",
			"一覧: https://hitori.example.co.jp/licenses/expiring"}},
		{"en", "Expiring soon: 2", []string{"- 2027-04-08 Warranty ends: PC-001 富士通 LIFEBOOK (7 days left)", "- 2027-04-30 License renewal: Microsoft 365 (29 days left)",
			"List: https://hitori.example.co.jp/licenses/expiring"}},
	}
	for _, c := range cases {
		subject, body := a.alertMail(c.lang, alerts)
		if subject != c.subject {
			t.Errorf("%s subject %q, want %q", c.lang, subject, c.subject)
		}
		last := -1
		for _, l := range c.lines {
			i := strings.Index(body, l)
			if i < 0 || i < last {
				t.Errorf("%s body lacks %q in order:\n%s", c.lang, l, body)
			}
			last = i
		}
		if strings.Count(body, "PC-001") != 1 {
			t.Errorf("%s: the PC is listed %d times", c.lang, strings.Count(body, "PC-001"))
		}
	}
}
