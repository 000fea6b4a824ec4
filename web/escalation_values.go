package web

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"hitori"
)

// The alert rule, on-call and recurring-window forms as url.Values, both
// ways. Repeated rows are parallel repeated fields (step_after[i],
// step_channels[i], …); a row left empty is ignored.

func itoa0(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return ""
}

func ids(v []int64) string {
	s := make([]string, len(v))
	for i, id := range v {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ", ")
}

// ruleValues fills the rule form from a rule.
func ruleValues(r *hitori.AlertRule, v url.Values) {
	v.Set("after_failures", strconv.Itoa(r.AfterFailures))
	v.Set("remind_min", strconv.Itoa(r.RemindMinutes))
	v.Set("resolve_min", strconv.Itoa(r.ResolveMinutes))
	v.Set("quiet_start", r.QuietStart)
	v.Set("quiet_end", r.QuietEnd)
	v.Set("notify_recovery", flag(r.NotifyRecovery))
	v.Set("critical", flag(r.Critical))
	for _, s := range r.Steps {
		v.Add("step_after", itoa0(s.AfterMinutes))
		v.Add("step_channels", ids(s.ChannelIDs))
		v.Add("step_oncall", flag(s.OnCall))
	}
}

// formReader reads numbers and lists from a form, noting bad fields.
type formReader struct {
	f      url.Values
	fields map[string]string
}

func (fr *formReader) num(name, field string, i int) int {
	v := strings.TrimSpace(nth(fr.f[name], i))
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		fr.fields[field] = "alert.error.number"
	}
	return n
}

func (fr *formReader) idList(name, field string, i int) []int64 {
	var out []int64
	for _, s := range strings.FieldsFunc(nth(fr.f[name], i), func(r rune) bool { return r == ',' || r == ' ' || r == '、' }) {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id < 1 {
			fr.fields[field] = "alert.error.channels"
			continue
		}
		out = append(out, id)
	}
	return out
}

func nth(v []string, i int) string {
	if i < len(v) {
		return v[i]
	}
	return ""
}

// rows is how many rows of repeated fields a form sent.
func rows(f url.Values, names ...string) int {
	n := 0
	for _, name := range names {
		n = max(n, len(f[name]))
	}
	return n
}

// ruleFromForm reads the rule form.
func ruleFromForm(f url.Values) (*hitori.AlertRule, map[string]string) {
	fr := &formReader{f: f, fields: map[string]string{}}
	r := &hitori.AlertRule{AfterFailures: fr.num("after_failures", "after_failures", 0),
		RemindMinutes: fr.num("remind_min", "remind_min", 0), ResolveMinutes: fr.num("resolve_min", "resolve_min", 0),
		QuietStart: f.Get("quiet_start"), QuietEnd: f.Get("quiet_end"),
		NotifyRecovery: f.Get("notify_recovery") == "1", Critical: f.Get("critical") == "1"}
	for i := range rows(f, "step_after", "step_channels", "step_oncall") {
		s := hitori.EscalationStep{AfterMinutes: fr.num("step_after", "steps", i), ChannelIDs: fr.idList("step_channels", "steps", i),
			OnCall: nth(f["step_oncall"], i) == "1"}
		if len(s.ChannelIDs) == 0 && !s.OnCall && strings.TrimSpace(nth(f["step_channels"], i)) == "" {
			continue
		}
		r.Steps = append(r.Steps, s)
	}
	return r, fr.fields
}

// windowValues fills the recurring windows' rows.
func windowValues(ws []hitori.RecurringWindow, v url.Values) {
	for _, w := range ws {
		v.Add("rw_freq", w.Freq)
		v.Add("rw_week", strconv.Itoa(w.Week))
		v.Add("rw_weekday", strconv.Itoa(int(w.Weekday)))
		v.Add("rw_day", itoa0(w.Day))
		v.Add("rw_start", w.Start)
		v.Add("rw_minutes", strconv.Itoa(w.Minutes))
		v.Add("rw_note", w.Note)
	}
}

// windowsFromForm reads the recurring windows' rows; a row without a
// start time is left out.
func windowsFromForm(f url.Values) ([]hitori.RecurringWindow, map[string]string) {
	fr := &formReader{f: f, fields: map[string]string{}}
	var out []hitori.RecurringWindow
	for i := range rows(f, "rw_start", "rw_freq") {
		if strings.TrimSpace(nth(f["rw_start"], i)) == "" {
			continue
		}
		w := hitori.RecurringWindow{Freq: nth(f["rw_freq"], i), Week: fr.num("rw_week", "windows", i),
			Weekday: time.Weekday(fr.num("rw_weekday", "windows", i)), Day: fr.num("rw_day", "windows", i),
			Start: strings.TrimSpace(nth(f["rw_start"], i)), Minutes: fr.num("rw_minutes", "windows", i), Note: nth(f["rw_note"], i)}
		if err := w.Validate(); err != nil {
			fr.fields["windows"] = "window.error.row"
		}
		out = append(out, w)
	}
	return out, fr.fields
}

const dateLayout = "2006-01-02"

// onCallValues fills the on-call form.
func onCallValues(c *hitori.OnCallCalendar, v url.Values) {
	if !c.Start.IsZero() {
		v.Set("oc_start", c.Start.In(tokyo).Format(windowLayout))
	}
	for _, m := range c.Rotation {
		v.Add("oc_name", m.Name)
		v.Add("oc_channel", strconv.FormatInt(m.ChannelID, 10))
	}
	for _, o := range c.Overrides {
		v.Add("ov_from", o.Starts.In(tokyo).Format(dateLayout))
		v.Add("ov_to", o.Ends.In(tokyo).AddDate(0, 0, -1).Format(dateLayout))
		v.Add("ov_name", o.Member.Name)
		v.Add("ov_channel", strconv.FormatInt(o.Member.ChannelID, 10))
		v.Add("ov_note", o.Note)
	}
}

// onCallFromForm reads the on-call form: a rotation start in Tokyo time,
// members in order, and overrides as whole days from–to (inclusive).
func onCallFromForm(f url.Values) (*hitori.OnCallCalendar, map[string]string) {
	fr := &formReader{f: f, fields: map[string]string{}}
	c := &hitori.OnCallCalendar{}
	if v := strings.TrimSpace(f.Get("oc_start")); v != "" {
		t, err := time.ParseInLocation(windowLayout, v, tokyo)
		if err != nil {
			fr.fields["start"] = "alert.error.start"
		}
		c.Start = t.UTC()
	}
	for i := range rows(f, "oc_name", "oc_channel") {
		name := strings.TrimSpace(nth(f["oc_name"], i))
		if name == "" && strings.TrimSpace(nth(f["oc_channel"], i)) == "" {
			continue
		}
		ch := fr.idList("oc_channel", "rotation", i)
		m := hitori.OnCallMember{Name: name}
		if len(ch) > 0 {
			m.ChannelID = ch[0]
		}
		c.Rotation = append(c.Rotation, m)
	}
	for i := range rows(f, "ov_from", "ov_name") {
		name, from := strings.TrimSpace(nth(f["ov_name"], i)), strings.TrimSpace(nth(f["ov_from"], i))
		if name == "" && from == "" {
			continue
		}
		start, err1 := time.ParseInLocation(dateLayout, from, tokyo)
		end, err2 := time.ParseInLocation(dateLayout, strings.TrimSpace(nth(f["ov_to"], i)), tokyo)
		if err1 != nil || err2 != nil {
			fr.fields["overrides"] = "alert.error.span"
		}
		o := hitori.OnCallOverride{Starts: start.UTC(), Ends: end.AddDate(0, 0, 1).UTC(), Member: hitori.OnCallMember{Name: name}, Note: nth(f["ov_note"], i)}
		if ch := fr.idList("ov_channel", "overrides", i); len(ch) > 0 {
			o.Member.ChannelID = ch[0]
		}
		c.Overrides = append(c.Overrides, o)
	}
	return c, fr.fields
}
