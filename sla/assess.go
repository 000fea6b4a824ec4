package sla

import "time"

// Policy holds the service-level targets of a ticket class, in business
// time. A zero target means there is none.
type Policy struct {
	FirstResponse time.Duration
	Resolution    time.Duration
}

// Due returns the deadlines for a ticket opened at opened; a missing
// target gives the zero time, which Assess reads as "no target".
func (p Policy) Due(c *Calendar, opened time.Time) (firstResponse, resolution time.Time) {
	if p.FirstResponse > 0 {
		firstResponse = c.Add(opened, p.FirstResponse)
	}
	if p.Resolution > 0 {
		resolution = c.Add(opened, p.Resolution)
	}
	return firstResponse, resolution
}

// Risk grades how a target stands. The zero value is RiskNone.
type Risk int

// The grades, from no concern to too late.
const (
	RiskNone     Risk = iota // no target, or the target was met
	RiskOK                   // on track
	RiskAtRisk               // little of the budget is left; see Assess
	RiskBreached             // the deadline has passed
)

// String returns a stable lower-case name, usable as a CSS class or a
// message-catalogue key.
func (r Risk) String() string {
	switch r {
	case RiskNone:
		return "none"
	case RiskOK:
		return "ok"
	case RiskAtRisk:
		return "at-risk"
	case RiskBreached:
		return "breached"
	}
	return "unknown"
}

// AtRiskShare and AtRiskFloor set when a target turns RiskAtRisk: when
// the business time left is under a quarter of the budget (start→due) or
// under one business hour, whichever is larger. The floor keeps a long
// target from turning amber only minutes before it breaches, and makes a
// target shorter than an hour at risk from the start.
const (
	AtRiskShare = 4 // the budget is divided by this
	AtRiskFloor = time.Hour
)

// Assess grades a target that ran from start to due, as seen at now, and
// returns the business time left: negative, or zero, once breached (zero
// when the deadline passed outside business hours). A zero due means no
// target. When done is true, pass the moment the target was met as now:
// the result is RiskNone if that was on time and RiskBreached if late.
func Assess(c *Calendar, start, due, now time.Time, done bool) (Risk, time.Duration) {
	if due.IsZero() {
		return RiskNone, 0
	}
	if now.After(due) {
		return RiskBreached, -c.Between(due, now)
	}
	left := c.Between(now, due)
	if done {
		return RiskNone, left
	}
	threshold := max(c.Between(start, due)/AtRiskShare, AtRiskFloor)
	if left < threshold {
		return RiskAtRisk, left
	}
	return RiskOK, left
}
