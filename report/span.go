package report

import (
	"fmt"
	"time"

	"hitori"
)

// MaxSpanDays bounds one report's span, so one request cannot read a
// decade of history.
const MaxSpanDays = 3 * 366

// Span is a run of whole days in the installation's time zone, both ends
// included.
type Span struct {
	From, To hitori.Date
}

// ParseSpan reads "YYYY-MM-DD" days; problems come back as field errors
// named from and to.
func ParseSpan(from, to string, loc *time.Location) (Span, error) {
	f, errF := time.ParseInLocation("2006-01-02", from, loc)
	t, errT := time.ParseInLocation("2006-01-02", to, loc)
	fields := map[string]string{}
	if errF != nil {
		fields["from"] = "report.error.date"
	}
	if errT != nil {
		fields["to"] = "report.error.date"
	}
	if len(fields) == 0 {
		switch {
		case t.Before(f):
			fields["to"] = "report.error.order"
		case t.Sub(f) > MaxSpanDays*24*time.Hour:
			fields["to"] = "report.error.too_long"
		}
	}
	if len(fields) > 0 {
		return Span{}, &hitori.Error{Code: hitori.EINVALID, Message: "invalid report span", Key: "error.fields", Fields: fields}
	}
	return Span{hitori.DateOf(f), hitori.DateOf(t)}, nil
}

// MonthSpan is the calendar month "YYYY-MM".
func MonthSpan(month string, loc *time.Location) (Span, error) {
	t, err := time.ParseInLocation("2006-01", month, loc)
	if err != nil {
		return Span{}, hitori.FieldError("month", "report.error.month")
	}
	return Span{hitori.DateOf(t), hitori.DateOf(t.AddDate(0, 1, -1))}, nil
}

// Bounds are the span's instants: the first day's midnight and the
// midnight after the last day, in loc (the end excluded).
func (s Span) Bounds(loc *time.Location) (time.Time, time.Time) {
	f, _ := s.From.Time(loc)
	t, _ := s.To.Time(loc)
	return f, t.AddDate(0, 0, 1)
}

// Days is the number of days in the span.
func (s Span) Days() int {
	f, _ := s.From.Time(time.UTC)
	t, _ := s.To.Time(time.UTC)
	return int(t.Sub(f)/(24*time.Hour)) + 1
}

// Previous is the span of the same length just before s; a whole calendar
// month's is the month before.
func (s Span) Previous() Span {
	f, _ := s.From.Time(time.UTC)
	t, _ := s.To.Time(time.UTC)
	if f.Day() == 1 && t.AddDate(0, 0, 1).Day() == 1 && t.AddDate(0, 0, 1).Equal(f.AddDate(0, 1, 0)) {
		p := f.AddDate(0, -1, 0)
		return Span{hitori.DateOf(p), hitori.DateOf(f.AddDate(0, 0, -1))}
	}
	n := s.Days()
	return Span{hitori.DateOf(f.AddDate(0, 0, -n)), hitori.DateOf(f.AddDate(0, 0, -1))}
}

// String is "FROM – TO".
func (s Span) String() string { return fmt.Sprintf("%s – %s", s.From, s.To) }

// dayOf is t's calendar day in loc.
func dayOf(t time.Time, loc *time.Location) hitori.Date { return hitori.DateOf(t.In(loc)) }

// weekOf is the Monday starting t's week in loc.
func weekOf(t time.Time, loc *time.Location) hitori.Date {
	d := t.In(loc)
	off := (int(d.Weekday()) + 6) % 7
	return hitori.DateOf(d.AddDate(0, 0, -off))
}

// monthOf is "YYYY-MM" of t in loc.
func monthOf(t time.Time, loc *time.Location) string { return t.In(loc).Format("2006-01") }
