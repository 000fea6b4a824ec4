package handover

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

// alertTexts is the mail's wording per language: the web catalogues are
// not at hand in a job, and the mail is a few fixed lines.
var alertTexts = map[string]map[string]string{
	"ja": {
		"subject": "契約の更新判断期限: %d 件",
		"intro":   "次の契約は、解約・変更の申し出期限（判断期限）が近づいています。更新しない場合は期限までに申し出てください。",
		"line":    "- %s 判断期限 %s（あと %d 日）",
		"link":    "更新カレンダー: %s",
	},
	"en": {
		"subject": "Contract decision dates: %d",
		"intro":   "The last day to give notice on these contracts is coming up. If one should not renew, give notice by then.",
		"line":    "- %s: decide by %s (%d days left)",
		"link":    "Renewal calendar: %s",
	},
}

// MailJob is the handler of JobContractAlertMail: one mail per language
// to the active administrators, each contract once, soonest first.
func (a *Alerts) MailJob(ctx context.Context, j *hitori.Job) error {
	var p alertMailPayload
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil {
		return jobs.Permanent(fmt.Errorf("handover: alert mail payload: %w", err))
	}
	if a.Sender == nil {
		return jobs.Permanent(fmt.Errorf("handover: no mail server to send decision-date alerts"))
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
		return fmt.Errorf("handover: send decision-date alerts (%w)", err)
	}
	return nil
}

func (a *Alerts) alertMail(lang string, alerts []*hitori.AssetAlert) (subject, body string) {
	t := alertTexts[lang]
	seen := map[int64]bool{}
	var list []*hitori.AssetAlert
	for _, al := range alerts {
		if !seen[al.RefID] {
			seen[al.RefID] = true
			list = append(list, al)
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].On < list[j].On })
	today := a.Today()
	var b strings.Builder
	b.WriteString(t["intro"] + "\n\n")
	for _, al := range list {
		fmt.Fprintf(&b, t["line"]+"\n", al.Label, al.On, max(DaysBetween(today, al.On), 0))
	}
	if a.BaseURL != "" {
		b.WriteString("\n" + fmt.Sprintf(t["link"], strings.TrimRight(a.BaseURL, "/")+"/renewals") + "\n")
	}
	return fmt.Sprintf(t["subject"], len(list)), b.String()
}
