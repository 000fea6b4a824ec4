package web

import (
	"fmt"
	"strings"
	"time"
)

// workSLALeft words the business time left before due so that nobody
// reads it as wall-clock time: "営業時間で残り 1時間" with the due time in
// JST, and, when the clock is stopped now (night, weekend, holiday), when
// it starts again. key is work.sla.ok or work.sla.at_risk.
func (s *Server) workSLALeft(p *page, key string, left time.Duration, due *time.Time, now time.Time) string {
	if due == nil {
		return p.T(key, workDur(p, left), "—")
	}
	cal := s.work.BusinessCalendar()
	// Add counts from the next opening when now is outside business hours.
	resume := cal.Add(now, time.Nanosecond).Add(-time.Nanosecond)
	if resume.After(now) && resume.Before(*due) {
		return p.T(key+"_paused", workDur(p, left), workWhen(p, resume), workWhen(p, *due))
	}
	return p.T(key, workDur(p, left), workWhen(p, *due))
}

// workWhen writes an instant in JST with its weekday, "12/8(月) 9:00": a
// deadline on Monday morning must not look like one on Sunday.
func workWhen(p *page, t time.Time) string {
	t = t.In(tokyo)
	days := strings.Split(p.T("work.sla.weekdays"), ",")
	wd := t.Weekday().String()
	if len(days) == 7 {
		wd = days[t.Weekday()]
	}
	return fmt.Sprintf("%d/%d(%s) %d:%02d", t.Month(), t.Day(), wd, t.Hour(), t.Minute())
}
