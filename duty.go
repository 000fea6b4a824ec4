package hitori

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Audit actions and target of recurring duties (shown through the
// catalogue keys "audit.ACTION" and TargetDuty).
const (
	AuditDutyComplete = "duty.complete" // an occurrence's checklist and evidence were recorded
	AuditDutyDelete   = "duty.delete"   // a duty and its history were deleted
	TargetDuty        = "target.duty"   // args: duty id
)

// TagDuty marks the work items that are occurrences of a recurring duty,
// so the board can filter them and the admin sees where a task came from.
const TagDuty = "duty"

// DutyFreq is how often a duty recurs.
type DutyFreq string

// Frequencies.
const (
	DutyDaily   DutyFreq = "daily"
	DutyWeekly  DutyFreq = "weekly"
	DutyMonthly DutyFreq = "monthly"
	DutyYearly  DutyFreq = "yearly"
)

// DutyFreqs lists every frequency in display order.
var DutyFreqs = []DutyFreq{DutyDaily, DutyWeekly, DutyMonthly, DutyYearly}

// MonthlyRule is how a monthly duty picks its day.
type MonthlyRule string

// Monthly rules.
const (
	MonthlyDay             MonthlyRule = "day"               // day N (31: the month's last day)
	MonthlyNthWeekday      MonthlyRule = "nth_weekday"       // e.g. the second Wednesday (patch day)
	MonthlyLastBusinessDay MonthlyRule = "last_business_day" // the month's last business day
)

// MonthlyRules lists every monthly rule in display order.
var MonthlyRules = []MonthlyRule{MonthlyDay, MonthlyNthWeekday, MonthlyLastBusinessDay}

// HolidayRule says what happens when a duty's day is not a business day
// (a weekend, a Japanese public holiday or a company holiday).
type HolidayRule string

// Holiday rules.
const (
	HolidayNext     HolidayRule = "next"     // the next business day
	HolidayPrevious HolidayRule = "previous" // the previous business day
	HolidaySkip     HolidayRule = "skip"     // no occurrence that time
	HolidayKeep     HolidayRule = "keep"     // the day as it is
)

// HolidayRules lists every holiday rule in display order.
var HolidayRules = []HolidayRule{HolidayNext, HolidayPrevious, HolidaySkip, HolidayKeep}

// DutySchedule says on which days a duty falls due.
type DutySchedule struct {
	Freq DutyFreq `json:"freq"`
	// BusinessDaysOnly: a daily duty falls on business days only.
	BusinessDaysOnly bool         `json:"business_days_only,omitempty"`
	Weekday          time.Weekday `json:"weekday,omitempty"` // weekly; monthly nth_weekday
	Monthly          MonthlyRule  `json:"monthly,omitempty"`
	Day              int          `json:"day,omitempty"`   // monthly day (1–31), yearly day
	Nth              int          `json:"nth,omitempty"`   // nth_weekday: 1–4, or -1 for the last
	Month            time.Month   `json:"month,omitempty"` // yearly
	Holiday          HolidayRule  `json:"holiday,omitempty"`
}

// Rule returns the holiday rule in force: a daily schedule and the last
// business day are business days already (or every day on purpose), so
// for them the rule is always keep.
func (s DutySchedule) Rule() HolidayRule {
	if s.Freq == DutyDaily || s.Freq == DutyMonthly && s.Monthly == MonthlyLastBusinessDay {
		return HolidayKeep
	}
	return s.Holiday
}

// Validate reports the first field of s that cannot be right.
func (s DutySchedule) Validate() error {
	switch s.Freq {
	case DutyDaily:
		return nil
	case DutyWeekly:
		if s.Weekday < time.Sunday || s.Weekday > time.Saturday {
			return FieldError("weekday", "duty.error.weekday")
		}
	case DutyMonthly:
		switch s.Monthly {
		case MonthlyDay:
			if s.Day < 1 || s.Day > 31 {
				return FieldError("day", "duty.error.day")
			}
		case MonthlyNthWeekday:
			if s.Nth != -1 && (s.Nth < 1 || s.Nth > 4) {
				return FieldError("nth", "duty.error.nth")
			}
			if s.Weekday < time.Sunday || s.Weekday > time.Saturday {
				return FieldError("weekday", "duty.error.weekday")
			}
		case MonthlyLastBusinessDay:
			return nil
		default:
			return FieldError("monthly", "duty.error.monthly")
		}
	case DutyYearly:
		if s.Month < time.January || s.Month > time.December {
			return FieldError("month", "duty.error.month")
		}
		// 2000 is a leap year: 2/29 is allowed and falls on 2/28 otherwise.
		if last := time.Date(2000, s.Month+1, 0, 0, 0, 0, 0, time.UTC).Day(); s.Day < 1 || s.Day > last {
			return FieldError("day", "duty.error.day")
		}
	default:
		return FieldError("freq", "duty.error.freq")
	}
	switch s.Holiday {
	case HolidayNext, HolidayPrevious, HolidaySkip, HolidayKeep:
		return nil
	}
	return FieldError("holiday", "duty.error.holiday")
}

// Limits on a duty's fields.
const (
	DutyTitleMax     = 180  // leaves room on the task title for the due date
	DutyTextMax      = 4000 // description, evidence prompt, evidence note
	DutyChecklistMax = 30   // checklist lines
	DutyCheckMax     = 200  // one checklist line
	DutyLeadMax      = 60   // days ahead an occurrence may reach the board
)

// Duty is a recurring task: a checklist done on a schedule, each time
// with an evidence note (the backup result, the patch list), kept as
// audit evidence.
type Duty struct {
	ID          int64
	Title       string
	Description string   // what to do; copied onto each task
	Checklist   []string // the steps ticked off on completion
	// EvidencePrompt says what the evidence note must record; when set the
	// note is required on completion.
	EvidencePrompt string
	AssigneeID     *int64 // the staff member the tasks go to; nil: unassigned
	Schedule       DutySchedule
	// LeadDays is how many days before its due date an occurrence's task
	// reaches the board.
	LeadDays  int
	StartsOn  Date // nothing falls due before it
	Paused    bool // a paused duty makes no new tasks
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Validate trims d's text and reports the first field that is wrong.
func (d *Duty) Validate() error {
	d.Title = strings.TrimSpace(d.Title)
	d.Description = strings.TrimSpace(d.Description)
	d.EvidencePrompt = strings.TrimSpace(d.EvidencePrompt)
	var list []string
	for _, c := range d.Checklist {
		if c = strings.TrimSpace(c); c != "" {
			list = append(list, c)
		}
	}
	d.Checklist = list
	switch {
	case d.Title == "":
		return FieldError("title", "duty.error.title")
	case utf8.RuneCountInString(d.Title) > DutyTitleMax:
		return FieldError("title", "duty.error.too_long")
	case utf8.RuneCountInString(d.Description) > DutyTextMax:
		return FieldError("description", "duty.error.too_long")
	case utf8.RuneCountInString(d.EvidencePrompt) > DutyTextMax:
		return FieldError("evidence_prompt", "duty.error.too_long")
	case len(d.Checklist) > DutyChecklistMax:
		return FieldError("checklist", "duty.error.checklist")
	case d.LeadDays < 0 || d.LeadDays > DutyLeadMax:
		return FieldError("lead_days", "duty.error.lead_days")
	case !d.StartsOn.Valid() || d.StartsOn == "":
		return FieldError("starts_on", "duty.error.starts_on")
	}
	for _, c := range d.Checklist {
		if utf8.RuneCountInString(c) > DutyCheckMax {
			return FieldError("checklist", "duty.error.checklist")
		}
	}
	return d.Schedule.Validate()
}

// DutyCheck is one checklist line as it was recorded on completion.
type DutyCheck struct {
	Label string `json:"label"`
	Done  bool   `json:"done"`
}

// DutyOccurrence is one time a duty falls due, and the task it became.
type DutyOccurrence struct {
	ID        int64
	DutyID    int64
	DutyTitle string
	NominalOn Date // the day the schedule names
	DueOn     Date // after the holiday rule
	ItemID    int64
	// ItemStatus and ItemResolvedAt are the task's, read with the occurrence.
	ItemStatus     Status
	ItemResolvedAt *time.Time
	CreatedAt      time.Time
	CompletedAt    *time.Time // when the checklist and evidence were recorded
	CompletedBy    string
	Checks         []DutyCheck
	Evidence       string
}

// Recorded reports whether the checklist and evidence were recorded.
func (o *DutyOccurrence) Recorded() bool { return o.CompletedAt != nil }

// Done reports whether the occurrence is finished: recorded, or its task
// resolved or closed on the board.
func (o *DutyOccurrence) Done() bool {
	return o.CompletedAt != nil || o.ItemStatus != "" && !o.ItemStatus.Open()
}

// Missed reports whether the occurrence's due date has passed by today
// without it being done.
func (o *DutyOccurrence) Missed(today Date) bool { return !o.Done() && o.DueOn < today }

// DutySummary is a duty as the list shows it.
type DutySummary struct {
	Duty    *Duty
	Missed  int   // occurrences past due and not done
	Open    int   // occurrences not done
	NextDue *Date // the earliest open occurrence's due date
}

// DutyFilter selects duties for the list.
type DutyFilter struct {
	Query  string
	Sort   string // "title" (default), "missed", "created"
	Today  Date   // what "missed" counts against
	Offset int
	Limit  int
}

// OccurrenceFilter selects occurrences, newest due date first.
type OccurrenceFilter struct {
	DutyID  int64 // 0: every duty
	Nominal Date  // only the occurrence of this nominal date; "": any
	From    Date  // due on or after; "": no bound
	Until   Date  // due on or before; "": no bound
	Offset  int
	Limit   int
}

// DutyStore is the recurring duties' storage. Every method but the
// generator's (AddOccurrence, ActiveDuties) is for staff only.
type DutyStore interface {
	CreateDuty(ctx context.Context, d *Duty) error
	UpdateDuty(ctx context.Context, d *Duty) error
	// DeleteDuty removes a duty and its occurrence history (the tasks stay
	// on the board); audited with how many records went.
	DeleteDuty(ctx context.Context, id int64) error
	FindDuty(ctx context.Context, id int64) (*Duty, error)
	FindDuties(ctx context.Context, f DutyFilter) ([]*DutySummary, int, error)
	// ActiveDuties lists every duty that is not paused, for the generator.
	ActiveDuties(ctx context.Context) ([]*Duty, error)
	// OccurrenceDates returns the nominal dates of a duty's occurrences on
	// or after from.
	OccurrenceDates(ctx context.Context, dutyID int64, from Date) (map[Date]bool, error)
	// AddOccurrence records an occurrence and its task; one already
	// recorded for the duty and nominal date is left as it is (false).
	AddOccurrence(ctx context.Context, o *DutyOccurrence) (bool, error)
	FindOccurrence(ctx context.Context, id int64) (*DutyOccurrence, error)
	FindOccurrences(ctx context.Context, f OccurrenceFilter) ([]*DutyOccurrence, int, error)
	// CompleteOccurrence records the checklist results and the evidence
	// note once (ECONFLICT the second time); audited.
	CompleteOccurrence(ctx context.Context, id int64, checks []DutyCheck, evidence string) (*DutyOccurrence, error)
}
