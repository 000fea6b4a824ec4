package asset

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"hitori"
	"hitori/mail"
)

// Expiry alerts: a daily job (JobAlerts) finds warranty ends, lease ends
// and license renewals that have come within one of the configured steps
// (days before), remembers each (thing, date, step) once, and in the same
// transaction queues one mail to the administrators (JobAlertMail) about
// what is new. The "期限が近いもの" page lists the same expiries.
const (
	JobAlerts    = "asset.alerts"     // daily: find and record due alerts
	JobAlertMail = "asset.alert_mail" // mail administrators about new alerts
	// AlertSchedule is when JobAlerts runs (Asia/Tokyo), before the
	// working day starts.
	AlertSchedule = "daily 06:00"
	// SettingAlertSteps is the settings key of the steps, e.g. "90,30,7".
	SettingAlertSteps = "asset.alert_steps"
	// UpcomingDays is how far ahead the expiry list looks.
	UpcomingDays = 90
	// maxSteps and maxStepDays bound what an administrator may configure.
	maxSteps    = 10
	maxStepDays = 730
)

// DefaultAlertSteps are used until an administrator sets others.
var DefaultAlertSteps = []int{90, 30, 7}

// ParseAlertSteps reads "90, 30, 7" (also full-width digits or 、) into
// distinct steps, largest first.
func ParseAlertSteps(text string) ([]int, error) {
	text = strings.NewReplacer("、", ",", "，", ",", " ", ",", "　", ",").Replace(text)
	var steps []int
	for f := range strings.SplitSeq(text, ",") {
		f = strings.TrimSpace(foldDigits(f))
		if f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 || n > maxStepDays {
			return nil, hitori.FieldError("steps", "license.error.steps")
		}
		if !slices.Contains(steps, n) {
			steps = append(steps, n)
		}
	}
	if len(steps) == 0 || len(steps) > maxSteps {
		return nil, hitori.FieldError("steps", "license.error.steps")
	}
	slices.Sort(steps)
	slices.Reverse(steps)
	return steps, nil
}

// foldDigits turns full-width digits into ASCII.
func foldDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}

// FormatAlertSteps writes steps as the settings store keeps them.
func FormatAlertSteps(steps []int) string {
	parts := make([]string, len(steps))
	for i, n := range steps {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

// Alerts computes, records and mails the expiry alerts.
type Alerts struct {
	Store    hitori.LicenseStore
	Settings hitori.SettingService
	Users    hitori.UserService // the administrators the mail goes to
	// Sender delivers the mail; nil: no mail is owed (alerts are still
	// recorded and listed).
	Sender  mail.MessageSender
	From    mail.Address
	Domain  string // of Message-IDs; "": From's domain
	BaseURL string // for the link to the list; "": none
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
func (a *Alerts) Today() hitori.Date { return TodayIn(a.Now, a.Location) }

// TodayIn is the calendar date by the clock now (nil: time.Now) in loc
// (nil: Asia/Tokyo): the day every "days before" alert counts from.
func TodayIn(now func() time.Time, loc *time.Location) hitori.Date {
	if now == nil {
		now = time.Now
	}
	if loc == nil {
		loc = tokyo
	}
	return hitori.DateOf(now().In(loc))
}

// Steps returns the configured steps, or the defaults when none are
// stored (or what is stored no longer parses).
func (a *Alerts) Steps(ctx context.Context) ([]int, error) {
	return StepSetting(ctx, a.Settings, SettingAlertSteps, DefaultAlertSteps)
}

// SaveSteps stores steps typed by an administrator.
func (a *Alerts) SaveSteps(ctx context.Context, text string) ([]int, error) {
	return SaveStepSetting(ctx, a.Settings, SettingAlertSteps, text)
}

// StepSetting reads the alert steps stored under key, or defaults when
// none are stored (or what is stored no longer parses); every area that
// alerts "N days before" keeps its steps this way.
func StepSetting(ctx context.Context, settings hitori.SettingService, key string, defaults []int) ([]int, error) {
	text, err := settings.GetSetting(ctx, key)
	if hitori.ErrorCode(err) == hitori.ENOTFOUND {
		return slices.Clone(defaults), nil
	}
	if err != nil {
		return nil, err
	}
	steps, err := ParseAlertSteps(text)
	if err != nil {
		return slices.Clone(defaults), nil
	}
	return steps, nil
}

// SaveStepSetting stores steps typed by an administrator ("90, 60, 30")
// under key, refusing what does not parse.
func SaveStepSetting(ctx context.Context, settings hitori.SettingService, key, text string) ([]int, error) {
	steps, err := ParseAlertSteps(text)
	if err != nil {
		return nil, err
	}
	return steps, settings.SetSetting(ctx, key, FormatAlertSteps(steps))
}

// Upcoming lists what runs out from today to UpcomingDays ahead (or
// further, when a step is larger).
func (a *Alerts) Upcoming(ctx context.Context) ([]*hitori.Expiry, error) {
	steps, err := a.Steps(ctx)
	if err != nil {
		return nil, err
	}
	today := a.Today()
	return a.Store.FindExpiries(ctx, today, addDays(today, max(UpcomingDays, steps[0])))
}

// Due returns the alerts owed today: for each expiry and each step not yet
// alerted, one when the date is at most that many days away. A thing first
// seen with 5 days left owes every larger step too, so they are recorded
// at once and none fires later.
func Due(today hitori.Date, steps []int, expiries []*hitori.Expiry) []*hitori.AssetAlert {
	var out []*hitori.AssetAlert
	for _, e := range expiries {
		left := daysBetween(today, e.On)
		if left < 0 {
			continue
		}
		for _, step := range steps {
			if left <= step && !slices.Contains(e.Alerted, step) {
				out = append(out, &hitori.AssetAlert{Kind: e.Kind, RefID: e.RefID, Label: e.Label, On: e.On, Step: step})
			}
		}
	}
	return out
}

// Run records today's due alerts and queues their mail; it returns the
// alerts new today. Running it twice a day sends nothing the second time.
func (a *Alerts) Run(ctx context.Context) ([]*hitori.AssetAlert, error) {
	steps, err := a.Steps(ctx)
	if err != nil {
		return nil, err
	}
	today := a.Today()
	exps, err := a.Store.FindExpiries(ctx, today, addDays(today, steps[0]))
	if err != nil {
		return nil, err
	}
	due := Due(today, steps, exps)
	if len(due) == 0 {
		return nil, nil
	}
	var outbox hitori.AlertOutbox
	if a.Sender != nil {
		outbox = alertMailJob
	}
	return a.Store.RecordAlerts(ctx, due, outbox)
}

// Job is the handler of JobAlerts.
func (a *Alerts) Job(ctx context.Context, _ *hitori.Job) error {
	_, err := a.Run(ctx)
	return err
}

// alertMailJob is the outbox of new alerts: one mail job carrying them.
func alertMailJob(alerts []*hitori.AssetAlert) *hitori.Job {
	p, err := json.Marshal(alertMailPayload{Alerts: alerts})
	if err != nil {
		return nil
	}
	return &hitori.Job{Kind: JobAlertMail, Payload: string(p)}
}

type alertMailPayload struct {
	Alerts []*hitori.AssetAlert `json:"alerts"`
}

// addDays returns d moved by n calendar days.
func addDays(d hitori.Date, n int) hitori.Date {
	t, ok := d.Time(time.UTC)
	if !ok {
		return d
	}
	return hitori.DateOf(t.AddDate(0, 0, n))
}

// daysBetween counts calendar days from a to b (negative when b is earlier).
func daysBetween(a, b hitori.Date) int {
	ta, ok1 := a.Time(time.UTC)
	tb, ok2 := b.Time(time.UTC)
	if !ok1 || !ok2 {
		return -1
	}
	return int(tb.Sub(ta).Hours() / 24)
}

// DaysLeft is how many days from today until e runs out.
func DaysLeft(today hitori.Date, e *hitori.Expiry) int { return daysBetween(today, e.On) }
