package hitori

import (
	"context"
	"strings"
	"time"
)

// Recurrences of a maintenance window.
const (
	RecurWeekly  = "weekly"  // every Weekday
	RecurMonthly = "monthly" // the Week-th Weekday of the month, or its Day-th day
)

// RecurringWindow is a maintenance window that comes back: every Sunday
// 02:00–04:00, or the second Wednesday night of each month. Times are
// wall-clock times in TZ (Asia/Tokyo when empty).
type RecurringWindow struct {
	ID        int64        `json:"-"`
	MonitorID int64        `json:"-"`
	Freq      string       `json:"freq"`
	Weekday   time.Weekday `json:"weekday"`
	Week      int          `json:"week"`    // monthly: 1–4, or -1 for the last; 0: by Day
	Day       int          `json:"day"`     // monthly by date, 1–31 (a shorter month: its last day)
	Start     string       `json:"start"`   // "02:00"
	Minutes   int          `json:"minutes"` // how long
	TZ        string       `json:"tz,omitempty"`
	Note      string       `json:"note,omitempty"`
}

// Limits on recurring windows.
const (
	RecurringWindowsMax   = 20
	RecurringMinutesMax   = 7 * 24 * 60
	recurringLookAheadDay = 400
)

// Validate checks a recurring window (catalogue keys "window.error.*").
func (w *RecurringWindow) Validate() error {
	w.Note, w.TZ = strings.TrimSpace(w.Note), strings.TrimSpace(w.TZ)
	f := map[string]string{}
	switch w.Freq {
	case RecurWeekly:
		w.Week, w.Day = 0, 0
	case RecurMonthly:
		if w.Week == 0 && (w.Day < 1 || w.Day > 31) || w.Week != 0 && (w.Week < -1 || w.Week > 4) {
			f["day"] = "window.error.day"
		}
		if w.Week != 0 {
			w.Day = 0
		}
	default:
		f["freq"] = "window.error.freq"
	}
	if w.Weekday < time.Sunday || w.Weekday > time.Saturday {
		f["weekday"] = "window.error.day"
	}
	if _, ok := ParseClock(w.Start); !ok {
		f["start"] = "window.error.start"
	}
	if w.Minutes < 1 || w.Minutes > RecurringMinutesMax {
		f["minutes"] = "window.error.minutes"
	}
	if _, err := w.location(); err != nil {
		f["tz"] = "window.error.tz"
	}
	if !checkShortText(w.Note, MonitorNameMax) {
		f["note"] = "window.error.note"
	}
	if len(f) > 0 {
		return &Error{Code: EINVALID, Message: "invalid maintenance window", Key: "window.error.form", Fields: f}
	}
	return nil
}

func (w *RecurringWindow) location() (*time.Location, error) {
	if w.TZ == "" || w.TZ == "Asia/Tokyo" {
		return Tokyo, nil
	}
	return time.LoadLocation(w.TZ)
}

// occursOn reports whether the window starts on the day (y, m, d).
func (w *RecurringWindow) occursOn(day time.Time) bool {
	switch w.Freq {
	case RecurWeekly:
		return day.Weekday() == w.Weekday
	case RecurMonthly:
		last := time.Date(day.Year(), day.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
		switch {
		case w.Week == 0:
			return day.Day() == min(w.Day, last)
		case day.Weekday() != w.Weekday:
			return false
		case w.Week < 0:
			return day.Day()+7 > last
		default:
			return (day.Day()-1)/7 == w.Week-1
		}
	}
	return false
}

// span returns the window starting on day's date.
func (w *RecurringWindow) span(day time.Time, loc *time.Location) (time.Time, time.Time) {
	c, _ := ParseClock(w.Start)
	s := time.Date(day.Year(), day.Month(), day.Day(), int(c/time.Hour), int(c%time.Hour/time.Minute), 0, 0, loc)
	return s, s.Add(time.Duration(w.Minutes) * time.Minute)
}

// Contains reports whether t falls in one of the window's occurrences.
func (w *RecurringWindow) Contains(t time.Time) bool {
	s, e, ok := w.NextAfter(t.Add(-time.Duration(w.Minutes) * time.Minute))
	return ok && !t.Before(s) && t.Before(e)
}

// NextAfter returns the first occurrence ending after t (it may have
// begun already); false when there is none within a year or so.
func (w *RecurringWindow) NextAfter(t time.Time) (time.Time, time.Time, bool) {
	loc, err := w.location()
	if err != nil {
		return time.Time{}, time.Time{}, false
	}
	lt := t.In(loc)
	back := w.Minutes/(24*60) + 1 // an occurrence begun days ago may still run
	day := time.Date(lt.Year(), lt.Month(), lt.Day()-back, 12, 0, 0, 0, loc)
	for range recurringLookAheadDay + back {
		if w.occursOn(day) {
			if s, e := w.span(day, loc); e.After(t) {
				return s, e, true
			}
		}
		day = time.Date(day.Year(), day.Month(), day.Day()+1, 12, 0, 0, 0, loc)
	}
	return time.Time{}, time.Time{}, false
}

// PlannedMaintenance is one upcoming maintenance of a monitor, one-off or
// an occurrence of a recurring window: what the status page announces.
type PlannedMaintenance struct {
	MonitorID   int64
	MonitorName string
	Starts      time.Time
	Ends        time.Time
	Note        string
	Recurring   bool
}

// MaintenanceService keeps the recurring maintenance windows and lists
// upcoming maintenance.
type MaintenanceService interface {
	// RecurringWindows returns a monitor's recurring windows (staff only).
	RecurringWindows(ctx context.Context, monitorID int64) ([]RecurringWindow, error)
	// SaveRecurringWindows replaces them (staff only, audited); the
	// scheduler picks them up with its next reload.
	SaveRecurringWindows(ctx context.Context, monitorID int64, ws []RecurringWindow) error
}

// MaintenanceReader lists planned maintenance for pages outside
// operations (the status page): no user check, nothing secret in it.
type MaintenanceReader interface {
	// UpcomingMaintenance lists the maintenance of unpaused monitors that
	// is running or starts before until, soonest first.
	UpcomingMaintenance(ctx context.Context, from, until time.Time) ([]*PlannedMaintenance, error)
}
