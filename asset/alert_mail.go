package asset

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"hitori"
	"hitori/jobs"
	"hitori/mail"
)

// alertTexts is the mail's wording per language. The web catalogues are
// not at hand in a job, and the mail is a few fixed lines.
var alertTexts = map[string]map[string]string{
	"ja": {
		"subject":  "期限が近いもの: %d 件",
		"intro":    "次の期限が近づいています。",
		"warranty": "保証期限",
		"lease":    "リース期限",
		"renewal":  "ライセンス更新",
		"line":     "- %s %s: %s（あと %d 日）",
		"link":     "一覧: %s",
	},
	"en": {
		"subject":  "Expiring soon: %d",
		"intro":    "These dates are coming up.",
		"warranty": "Warranty ends",
		"lease":    "Lease ends",
		"renewal":  "License renewal",
		"line":     "- %s %s: %s (%d days left)",
		"link":     "List: %s",
	},
}

// MailJob is the handler of JobAlertMail: one mail per language to the
// active administrators listing the new alerts, each thing once. It is
// run at least once, so an administrator may rarely get it twice.
func (a *Alerts) MailJob(ctx context.Context, j *hitori.Job) error {
	var p alertMailPayload
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
		return jobs.Permanent(fmt.Errorf("asset: alert mail payload: %w", err))
	}
	if a.Sender == nil {
		return jobs.Permanent(fmt.Errorf("asset: no mail server to send expiry alerts"))
	}
	admins, _, err := a.Users.FindUsers(ctx, hitori.UserFilter{Role: hitori.RoleAdmin, Limit: 200})
	if err != nil {
		return err
	}
	readers := make([]mail.Reader, 0, len(admins))
	for _, u := range admins {
		if !u.Disabled && u.Email != "" {
			readers = append(readers, mail.Reader{Address: mail.Address{Name: u.Name, Email: u.Email}, Lang: u.Lang})
		}
	}
	err = mail.SendByLanguage(ctx, a.Sender, a.From, a.Domain, a.now(), readers,
		func(lang string) bool { return alertTexts[lang] != nil }, []string{a.Lang, "ja"},
		func(lang string) (string, string) { return a.alertMail(lang, p.Alerts) })
	if err != nil {
		return fmt.Errorf("asset: send expiry alerts (%w)", err)
	}
	return nil
}

// alertMail renders the mail: each thing once, soonest first, with the
// days left counted from today.
func (a *Alerts) alertMail(lang string, alerts []*hitori.AssetAlert) (subject, body string) {
	t := alertTexts[lang]
	type thing struct {
		kind hitori.ExpiryKind
		ref  int64
		on   hitori.Date
	}
	seen := map[thing]bool{}
	var list []*hitori.AssetAlert
	for _, al := range alerts {
		k := thing{al.Kind, al.RefID, al.On}
		if !seen[k] {
			seen[k] = true
			list = append(list, al)
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].On < list[j].On })
	today := a.Today()
	var b strings.Builder
	b.WriteString(t["intro"] + "\n\n")
	for _, al := range list {
		fmt.Fprintf(&b, t["line"]+"\n", al.On, t[string(al.Kind)], al.Label, max(daysBetween(today, al.On), 0))
	}
	if a.BaseURL != "" {
		b.WriteString("\n" + fmt.Sprintf(t["link"], strings.TrimRight(a.BaseURL, "/")+"/licenses/expiring") + "\n")
	}
	return fmt.Sprintf(t["subject"], len(list)), b.String()
}
