package handover

import (
	"context"
	"encoding/json"
	"time"

	"hitori"
	"hitori/asset"
	"hitori/mail"
)

// Decision-date alerts: a daily job (JobContractAlerts) finds contracts
// whose decision date (end − notice period) has come within one of the
// configured steps, remembers each (contract, decision date, step) once
// and, in the same transaction, queues one mail to the administrators
// (JobContractAlertMail) about what is new. A changed end date is a new
// decision date and alerts afresh.
const (
	JobContractAlerts    = "handover.contract_alerts"
	JobContractAlertMail = "handover.contract_alert_mail"
	// ContractAlertSchedule is when JobContractAlerts runs (Asia/Tokyo).
	ContractAlertSchedule = "daily 06:10"
	// SettingContractAlertSteps is the settings key of the steps.
	SettingContractAlertSteps = "handover.contract_alert_steps"
)

// DefaultContractAlertSteps are used until an administrator sets others.
var DefaultContractAlertSteps = []int{90, 60, 30}

// Alerts computes, records and mails the decision-date alerts.
type Alerts struct {
	Store    hitori.ContractStore
	Settings hitori.SettingService
	Users    hitori.UserService // the administrators the mail goes to
	// Sender delivers the mail; nil: alerts are recorded and shown on the
	// renewal calendar, no mail is owed.
	Sender  mail.MessageSender
	From    mail.Address
	Domain  string // of Message-IDs; "": From's domain
	BaseURL string // for the link to the calendar; "": none
	Lang    string // when an administrator has none; "" is Japanese
	// Now is the clock (tests set a fake one); nil: time.Now.
	Now func() time.Time
	// Location is whose calendar "days before" count in; nil: Asia/Tokyo.
	Location *time.Location
}

func (a *Alerts) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

// Today is the calendar date in the alerts' location.
func (a *Alerts) Today() hitori.Date { return asset.TodayIn(a.Now, a.Location) }

// Steps returns the configured steps, or the defaults when none are
// stored (or what is stored no longer parses).
func (a *Alerts) Steps(ctx context.Context) ([]int, error) {
	return asset.StepSetting(ctx, a.Settings, SettingContractAlertSteps, DefaultContractAlertSteps)
}

// SaveSteps stores steps typed by an administrator ("90, 60, 30").
func (a *Alerts) SaveSteps(ctx context.Context, text string) ([]int, error) {
	return asset.SaveStepSetting(ctx, a.Settings, SettingContractAlertSteps, text)
}

// Run records today's due decision-date alerts and queues their mail; it
// returns the alerts new today. A second run on a day sends nothing.
func (a *Alerts) Run(ctx context.Context) ([]*hitori.AssetAlert, error) {
	steps, err := a.Steps(ctx)
	if err != nil {
		return nil, err
	}
	today := a.Today()
	dates, err := a.Store.FindContractDates(ctx, today, addDays(today, steps[0]))
	if err != nil {
		return nil, err
	}
	var decisions []*hitori.Expiry
	for _, d := range dates {
		if d.Kind == hitori.ExpiryDecision {
			decisions = append(decisions, d)
		}
	}
	due := asset.Due(today, steps, decisions)
	if len(due) == 0 {
		return nil, nil
	}
	var outbox hitori.AlertOutbox
	if a.Sender != nil {
		outbox = contractMailJob
	}
	return a.Store.RecordContractAlerts(ctx, due, outbox)
}

// Job is the handler of JobContractAlerts.
func (a *Alerts) Job(ctx context.Context, _ *hitori.Job) error {
	_, err := a.Run(ctx)
	return err
}

type alertMailPayload struct {
	Alerts []*hitori.AssetAlert `json:"alerts"`
}

// contractMailJob is the outbox of new alerts: one mail job carrying them.
func contractMailJob(alerts []*hitori.AssetAlert) *hitori.Job {
	p, err := json.Marshal(alertMailPayload{Alerts: alerts})
	if err != nil {
		return nil
	}
	return &hitori.Job{Kind: JobContractAlertMail, Payload: string(p)}
}

// addDays returns d moved by n calendar days.
func addDays(d hitori.Date, n int) hitori.Date {
	t, ok := d.Time(time.UTC)
	if !ok {
		return d
	}
	return hitori.DateOf(t.AddDate(0, 0, n))
}

// DaysBetween counts calendar days from a to b (negative when b is
// earlier; 0 when either is not a date).
func DaysBetween(a, b hitori.Date) int {
	ta, ok1 := a.Time(time.UTC)
	tb, ok2 := b.Time(time.UTC)
	if !ok1 || !ok2 {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}
