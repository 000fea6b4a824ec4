package sla

import "fmt"

// Catalogue keys for what can be wrong with a holiday. The web layer
// translates them; Error gives the English text for logs and the CLI.
const (
	KeyBadDate       = "sla.holiday.bad_date"       // the date as typed
	KeyNotRealDate   = "sla.holiday.not_real_date"  // the date as typed
	KeyMissingName   = "sla.holiday.missing_name"   // the date part
	KeyMixedYears    = "sla.holiday.mixed_years"    // —
	KeyReversedRange = "sla.holiday.reversed_range" // end, start
)

// english holds each key's text for logs, with the same verbs as the catalogue.
var english = map[string]string{
	KeyBadDate:       "invalid date %q: write YYYY-MM-DD (or MM-DD for every year), then a space and the name",
	KeyNotRealDate:   "%q is not a real date",
	KeyMissingName:   "missing name after %q (write e.g. \"2026-12-29 年末年始\")",
	KeyMixedYears:    "give a year on both ends of the range, or on neither",
	KeyReversedRange: "range ends (%s) before it starts (%s)",
}

// HolidayError says what is wrong with one holiday as a catalogue key and
// its arguments, so the administrator reads it in their own language.
type HolidayError struct {
	Key  string
	Args []string
}

func problem(key string, args ...string) *HolidayError { return &HolidayError{Key: key, Args: args} }

// Error implements error, in English.
func (e *HolidayError) Error() string {
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		args[i] = a
	}
	return fmt.Sprintf(english[e.Key], args...)
}
