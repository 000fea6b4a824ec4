package hitori

import (
	"strings"
	"time"
)

// OnCallMember is who is on call: a name to show and the alert channel
// that reaches them.
type OnCallMember struct {
	Name      string `json:"name"`
	ChannelID int64  `json:"channel"`
}

// OnCallOverride puts someone on call for a span instead of the rotation
// (a holiday, a vendor's week).
type OnCallOverride struct {
	Starts time.Time    `json:"starts"`
	Ends   time.Time    `json:"ends"`
	Member OnCallMember `json:"member"`
	Note   string       `json:"note,omitempty"`
}

// OnCallCalendar is who is on call when: a weekly rotation handing over
// at Start's weekday and time, and overrides that win over it.
type OnCallCalendar struct {
	Rotation  []OnCallMember   `json:"rotation"`
	Start     time.Time        `json:"start"` // Rotation[0]'s first week begins here
	Overrides []OnCallOverride `json:"overrides"`
	UpdatedAt time.Time        `json:"-"`
}

// Limits on the on-call calendar.
const (
	OnCallMembersMax   = 20
	OnCallOverridesMax = 100
)

// At returns who is on call at t; false when nobody is.
func (c *OnCallCalendar) At(t time.Time) (OnCallMember, bool) {
	if c == nil {
		return OnCallMember{}, false
	}
	for _, o := range c.Overrides {
		if !t.Before(o.Starts) && t.Before(o.Ends) {
			return o.Member, true
		}
	}
	if len(c.Rotation) == 0 {
		return OnCallMember{}, false
	}
	const week = 7 * 24 * time.Hour
	// Weeks count in elapsed time from Start: exact in Asia/Tokyo, where
	// a week is always 168 hours.
	d := t.Sub(c.Start)
	n := int64(d / week)
	if d < 0 && d%week != 0 {
		n-- // floor, for times before the rotation's start
	}
	i := n % int64(len(c.Rotation))
	if i < 0 {
		i += int64(len(c.Rotation))
	}
	return c.Rotation[i], true
}

// Validate trims and checks the calendar (catalogue keys "alert.error.*").
func (c *OnCallCalendar) Validate() error {
	f := map[string]string{}
	if len(c.Rotation) > OnCallMembersMax {
		f["rotation"] = "alert.error.too_many"
	}
	for i := range c.Rotation {
		m := &c.Rotation[i]
		m.Name = strings.TrimSpace(m.Name)
		if m.Name == "" || !checkShortText(m.Name, MonitorNameMax) || m.ChannelID < 0 {
			f["rotation"] = "alert.error.member"
		}
	}
	if len(c.Rotation) > 0 && c.Start.IsZero() {
		f["start"] = "alert.error.start"
	}
	if len(c.Overrides) > OnCallOverridesMax {
		f["overrides"] = "alert.error.too_many"
	}
	for i := range c.Overrides {
		o := &c.Overrides[i]
		o.Member.Name, o.Note = strings.TrimSpace(o.Member.Name), strings.TrimSpace(o.Note)
		if !o.Ends.After(o.Starts) {
			f["overrides"] = "alert.error.span"
		}
		if o.Member.Name == "" || !checkShortText(o.Member.Name, MonitorNameMax) || !checkShortText(o.Note, MonitorNameMax) || o.Member.ChannelID < 0 {
			f["overrides"] = "alert.error.member"
		}
	}
	if len(f) > 0 {
		return &Error{Code: EINVALID, Message: "invalid on-call calendar", Key: "alert.error.form", Fields: f}
	}
	return nil
}
