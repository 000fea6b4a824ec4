package sla

import (
	"errors"
	"fmt"
	"strings"
)

// ParseError reports one bad line of a holiday list.
type ParseError struct {
	Line   int    // 1-based
	Reason string // what is wrong, in English for logs
	// Key and Args say the same as a message-catalogue entry (see
	// HolidayError): show the administrator these, translated.
	Key  string
	Args []string
}

// Error implements error.
func (e *ParseError) Error() string {
	return fmt.Sprintf("sla: holiday list line %d: %s", e.Line, e.Reason)
}

// maxParseErrors caps the report on a pasted wrong file: the first few
// lines are enough to see the mistake.
const maxParseErrors = 10

// ParseHolidays reads the administrator's list of company holidays, one
// per line:
//
//	# comment
//	2026-08-13 夏季休暇
//	2026-12-29..2027-01-03 年末年始
//	12-29..01-03 年末年始      (every year)
//	２０２６／５／１ 創立記念日
//
// Dates may use - or /, full-width digits and separators, and ~, ～ or
// 〜 for a range. The name is the rest of the line after a space (a
// full-width space counts) and is required. A line is a comment only when
// '#' or '＃' starts it, so names may contain '#'. Every bad line is
// reported, up to ten, as *ParseError values joined with errors.Join.
func ParseHolidays(text string) ([]Holiday, error) {
	var out []Holiday
	var errs []error
	text = strings.TrimPrefix(text, "\uFEFF") // Notepad's UTF-8 BOM
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "＃") {
			continue
		}
		h, bad := parseHolidayLine(line)
		if bad != nil {
			if errs = append(errs, &ParseError{Line: i + 1, Reason: bad.Error(), Key: bad.Key, Args: bad.Args}); len(errs) == maxParseErrors {
				break
			}
			continue
		}
		out = append(out, h)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// FormatHolidays writes hs in the form ParseHolidays reads, for showing
// the current list in the admin form. It writes names as they are, so a
// name must be non-empty and on one line to read back.
func FormatHolidays(hs []Holiday) string {
	var b strings.Builder
	for _, h := range hs {
		b.WriteString(h.From.String())
		if h.To != h.From {
			b.WriteString("..")
			b.WriteString(h.To.String())
		}
		b.WriteString(" ")
		b.WriteString(h.Name)
		b.WriteString("\n")
	}
	return b.String()
}

// parseHolidayLine returns the holiday on one non-comment line, or the
// reason it is not one.
func parseHolidayLine(line string) (Holiday, *HolidayError) {
	spec, name := splitSpec(line)
	fromText, toText, isRange := strings.Cut(spec, "..")
	if !isRange {
		fromText, toText, isRange = strings.Cut(spec, "~")
	}
	if !isRange {
		toText = fromText
	}
	from, bad := parseDate(fromText)
	if bad != nil {
		return Holiday{}, bad
	}
	to, bad := parseDate(toText)
	if bad != nil {
		return Holiday{}, bad
	}
	if name == "" {
		return Holiday{}, problem(KeyMissingName, spec)
	}
	h := Holiday{From: from, To: to, Name: name}
	if bad := h.problem(); bad != nil {
		return Holiday{}, bad
	}
	return h, nil
}
