package hitori

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// AlertRule says when and whom a monitor's outage alerts: after how many
// failures, whether recovery is told, how often "still down" is repeated,
// quiet hours, and the escalation chain. MonitorID 0 is the defaults every
// monitor without a rule of its own follows.
type AlertRule struct {
	MonitorID      int64            `json:"-"`
	AfterFailures  int              `json:"after_failures"`  // alert once this many checks failed in a row (never before the monitor is down)
	NotifyRecovery bool             `json:"notify_recovery"` // tell the channels alerted when it is over
	RemindMinutes  int              `json:"remind_min"`      // "still down" every so many minutes; 0: never
	ResolveMinutes int              `json:"resolve_min"`     // up this long before the outage is over: flapping stays one incident
	Critical       bool             `json:"critical"`        // alerts ignore quiet hours; the item is urgent and important
	QuietStart     string           `json:"quiet_start"`     // "22:00" Asia/Tokyo; empty: no quiet hours
	QuietEnd       string           `json:"quiet_end"`       // "07:00"
	Steps          []EscalationStep `json:"steps"`
	UpdatedAt      time.Time        `json:"-"`
}

// EscalationStep is one link of the chain: whom to tell, and (from the
// second step on) after how long without an acknowledgement.
type EscalationStep struct {
	AfterMinutes int     `json:"after_min"` // unacknowledged this long after the previous step; ignored for step 1
	ChannelIDs   []int64 `json:"channels"`  // alert channels (notify's), by id
	OnCall       bool    `json:"on_call"`   // also whoever is on call then
}

// Limits on alert rules.
const (
	AlertStepsMax      = 6
	AlertChannelsMax   = 10
	AlertMinutesMax    = 7 * 24 * 60
	AlertFailuresMax   = 100
	AlertResolveMaxMin = 24 * 60
)

// DefaultAlertRule is what a fresh installation does: tell whoever is on
// call as soon as a monitor is down, remind every hour, tell them when it
// is over, and count an outage as over after 5 quiet minutes.
func DefaultAlertRule() *AlertRule {
	return &AlertRule{AfterFailures: 1, NotifyRecovery: true, RemindMinutes: 60, ResolveMinutes: 5,
		Steps: []EscalationStep{{OnCall: true}}}
}

// Validate trims and checks a rule; problems come back as field errors
// (catalogue keys "alert.error.*").
func (r *AlertRule) Validate() error {
	f := map[string]string{}
	if r.AfterFailures < 0 || r.AfterFailures > AlertFailuresMax {
		f["after_failures"] = "alert.error.failures"
	}
	if r.RemindMinutes < 0 || r.RemindMinutes > AlertMinutesMax {
		f["remind_min"] = "alert.error.minutes"
	}
	if r.ResolveMinutes < 0 || r.ResolveMinutes > AlertResolveMaxMin {
		f["resolve_min"] = "alert.error.minutes"
	}
	r.QuietStart, r.QuietEnd = strings.TrimSpace(r.QuietStart), strings.TrimSpace(r.QuietEnd)
	if (r.QuietStart == "") != (r.QuietEnd == "") {
		f["quiet"] = "alert.error.quiet"
	}
	if _, ok := ParseClock(r.QuietStart); !ok && r.QuietStart != "" {
		f["quiet"] = "alert.error.clock"
	}
	if _, ok := ParseClock(r.QuietEnd); !ok && r.QuietEnd != "" {
		f["quiet"] = "alert.error.clock"
	}
	if len(r.Steps) == 0 || len(r.Steps) > AlertStepsMax {
		f["steps"] = "alert.error.steps"
	}
	for i, s := range r.Steps {
		if len(s.ChannelIDs) == 0 && !s.OnCall || len(s.ChannelIDs) > AlertChannelsMax {
			f["steps"] = "alert.error.step_target"
		}
		if i > 0 && (s.AfterMinutes < 1 || s.AfterMinutes > AlertMinutesMax) {
			f["steps"] = "alert.error.step_after"
		}
		for _, id := range s.ChannelIDs {
			if id <= 0 {
				f["steps"] = "alert.error.step_target"
			}
		}
	}
	if len(f) > 0 {
		return &Error{Code: EINVALID, Message: "invalid alert rule", Key: "alert.error.form", Fields: f}
	}
	return nil
}

// NeedFailures is how many failures in a row the first alert waits for
// on a monitor tolerating retries: never fewer than going down takes.
func (r *AlertRule) NeedFailures(retries int) int { return max(r.AfterFailures, retries+1) }

// QuietUntil reports whether t falls in the rule's quiet hours (Asia/Tokyo)
// and when they end. Critical rules have none.
func (r *AlertRule) QuietUntil(t time.Time) (time.Time, bool) {
	start, ok1 := ParseClock(r.QuietStart)
	end, ok2 := ParseClock(r.QuietEnd)
	if r.Critical || !ok1 || !ok2 || start == end {
		return time.Time{}, false
	}
	lt := t.In(Tokyo)
	day := time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, Tokyo)
	now := lt.Sub(day)
	switch {
	case start < end && now >= start && now < end: // 01:00–06:00
		return day.Add(end), true
	case start > end && now >= start: // 22:00–07:00, evening part
		return day.AddDate(0, 0, 1).Add(end), true
	case start > end && now < end: // 22:00–07:00, morning part
		return day.Add(end), true
	}
	return time.Time{}, false
}

// ParseClock reads "HH:MM" (24 h) into the time since midnight.
func ParseClock(s string) (time.Duration, bool) {
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) == 0 || len(h) > 2 || len(m) != 2 {
		return 0, false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, false
	}
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, true
}

// Tokyo is Asia/Tokyo, or +09:00 where the host has no tzdata (exact:
// Japan keeps no daylight saving time).
var Tokyo = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Tokyo"); err == nil {
		return l
	}
	return time.FixedZone("JST", 9*3600)
}()

// AlertChannelNames is what alerting needs of the alert channels (the
// notify area's): their names by id, to show them and to skip a step's
// channel that was deleted since. Soft: the rules keep ids, not keys.
type AlertChannelNames interface {
	AlertChannelNames(ctx context.Context) (map[int64]string, error)
}

// AlertRuleService keeps the alert rules and the on-call calendar (staff
// only; changes are audited).
type AlertRuleService interface {
	// AlertRule returns the monitor's own rule, or the defaults (MonitorID
	// 0) with own false; AlertRule(ctx, 0) is the defaults.
	AlertRule(ctx context.Context, monitorID int64) (rule *AlertRule, own bool, err error)
	SaveAlertRule(ctx context.Context, r *AlertRule) error
	// DeleteAlertRule returns a monitor to the defaults.
	DeleteAlertRule(ctx context.Context, monitorID int64) error
	OnCall(ctx context.Context) (*OnCallCalendar, error)
	SaveOnCall(ctx context.Context, c *OnCallCalendar) error
}

// Audit actions of alerting.
const (
	AuditAlertRule   = "alert.rule"
	AuditOnCall      = "alert.oncall"
	AuditIncidentAck = "incident.ack"
	AuditWindows     = "monitor.windows"
)

// checkShortText refuses invalid UTF-8, NULs and text over limit runes.
func checkShortText(s string, limit int) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0) && utf8.RuneCountInString(s) <= limit
}
