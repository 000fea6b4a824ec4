package sla

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// splitSpec splits a holiday line into its date part, folded to ASCII,
// and the name as typed. Spaces end the date part except around a range
// separator, so "2026-12-29 ～ 2027-01-03 年末年始" reads as one range.
func splitSpec(line string) (spec, name string) {
	var b strings.Builder
	i := 0
	for i < len(line) {
		r, size := utf8.DecodeRuneInString(line[i:])
		if !unicode.IsSpace(r) { // IsSpace includes the full-width U+3000
			b.WriteRune(foldWidth(r))
			i += size
			continue
		}
		j := i
		for j < len(line) {
			r, size := utf8.DecodeRuneInString(line[j:])
			if !unicode.IsSpace(r) {
				break
			}
			j += size
		}
		next, _ := utf8.DecodeRuneInString(line[j:])
		if s := b.String(); !isRangeRune(lastRune(s)) && !isRangeRune(foldWidth(next)) {
			break
		}
		i = j
	}
	return b.String(), strings.TrimSpace(line[i:])
}

// foldWidth maps the full-width and look-alike characters a Japanese IME
// produces in dates to ASCII. Full NFKC is not needed for this alphabet.
func foldWidth(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return '0' + (r - '０')
	case r == '－' || r == '−' || r == '‐' || r == 'ー':
		return '-'
	case r == '／':
		return '/'
	case r == '．':
		return '.'
	case r == '～' || r == '〜':
		return '~'
	}
	return r
}

func isRangeRune(r rune) bool { return r == '.' || r == '~' }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// parseDate reads YYYY-MM-DD, or MM-DD for every year, with - or / as
// the separator and one- or two-digit month and day.
func parseDate(s string) (Date, *HolidayError) {
	bad := problem(KeyBadDate, s)
	parts := strings.Split(strings.ReplaceAll(s, "/", "-"), "-")
	var nums []int
	for i, p := range parts {
		width := 2
		if len(parts) == 3 && i == 0 {
			width = 4
		}
		n, ok := digits(p, width)
		if !ok {
			return Date{}, bad
		}
		nums = append(nums, n)
	}
	var d Date
	switch len(nums) {
	case 2:
		d = Date{Month: time.Month(nums[0]), Day: nums[1]}
	case 3:
		if nums[0] == 0 { // year 0 would silently mean "every year"
			return Date{}, bad
		}
		d = Date{Year: nums[0], Month: time.Month(nums[1]), Day: nums[2]}
	default:
		return Date{}, bad
	}
	if !d.valid() {
		return Date{}, problem(KeyNotRealDate, s)
	}
	return d, nil
}

// digits parses 1..width ASCII digits; a 4-wide field must be exactly 4,
// so that a mistyped "226-12-29" is not read as the year 226.
func digits(s string, width int) (int, bool) {
	if len(s) == 0 || len(s) > width || (width == 4 && len(s) != 4) {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}
