package markdown

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Per-field bounds that are not worth making configurable.
const (
	maxCategoryRunes = 100
	maxTagRunes      = 50
	maxTags          = 50
	maxUsers         = 500
)

// idPattern keeps ids safe to use in URLs and file names without escaping.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

// emailPattern accepts the dot-atom addresses people actually have; quoted
// local parts and IDN domains are refused rather than half-supported.
var emailPattern = regexp.MustCompile(`^[A-Za-z0-9!#$%&'*+/=?^_{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_{|}~-]+)*` +
	`@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$`)

// Validate checks d with DefaultLimits, as Parse does; errors are
// *ParseError with Line 0. Call it before Format when d comes from a form.
func (d Doc) Validate() error {
	if perr, _ := validate(d, DefaultLimits()); perr != nil {
		return perr
	}
	return nil
}

// validate returns the first problem and, for list fields, the index of the
// offending item (for the body, the 0-based line; else -1) so Parse can
// point at the right line of the file.
func validate(d Doc, lim Limits) (*ParseError, int) {
	bad := func(field string, r Reason, v string) *ParseError {
		return &ParseError{Field: field, Reason: r, Value: quoteValue(v)}
	}
	if d.ID != "" && !idPattern.MatchString(d.ID) {
		return bad(FieldID, ReasonInvalidID, d.ID), -1
	}
	if strings.TrimSpace(d.Title) == "" {
		return bad(FieldTitle, ReasonRequired, ""), -1
	}
	if r := checkLine(d.Title, lim.TitleRunes); r != "" {
		return bad(FieldTitle, r, d.Title), -1
	}
	if r := checkLine(d.Category, maxCategoryRunes); r != "" {
		return bad(FieldCategory, r, d.Category), -1
	}
	if perr, i := validateList(FieldTags, d.Tags, maxTags, func(s string) Reason { return checkLine(s, maxTagRunes) }); perr != nil {
		return perr, i
	}
	if d.Type != "" && !d.Type.Valid() {
		return bad(FieldType, ReasonInvalidType, string(d.Type)), -1
	}
	if d.Visibility != "" && !d.Visibility.Valid() {
		return bad(FieldVisibility, ReasonInvalidVisibility, string(d.Visibility)), -1
	}
	if perr, i := validateList(FieldUsers, d.Users, maxUsers, checkEmail); perr != nil {
		return perr, i
	}
	if len(d.Users) > 0 && d.Visibility != VisibilityRestricted {
		return bad(FieldUsers, ReasonUsersNotRestricted, ""), -1
	}
	if !d.ReviewBy.IsZero() && !d.ReviewBy.valid() {
		return bad(FieldReviewBy, ReasonInvalidDate, d.ReviewBy.String()), -1
	}
	for k, v := range d.Extra {
		if !keyPattern.MatchString(k) || isKnownKey(k) {
			return bad(k, ReasonInvalidKey, k), -1
		}
		if !utf8.ValidString(v) {
			return bad(k, ReasonInvalidUTF8, ""), -1
		}
	}
	if len(d.Body) > lim.BodyBytes {
		return bad(FieldBody, ReasonBodyTooLarge, ""), -1
	}
	if !utf8.ValidString(d.Body) {
		return bad(FieldBody, ReasonInvalidUTF8, ""), -1
	}
	if line := tooDeepLine(d.Body, MaxNesting); line >= 0 {
		return bad(FieldBody, ReasonTooDeep, ""), line
	}
	return nil, -1
}

// validateList checks each item and refuses duplicates, which would only
// make tag counts and access lists lie.
func validateList(field string, items []string, limit int, check func(string) Reason) (*ParseError, int) {
	if len(items) > limit {
		return &ParseError{Field: field, Reason: ReasonTooMany}, limit
	}
	seen := make(map[string]bool, len(items))
	for i, s := range items {
		if strings.TrimSpace(s) == "" {
			return &ParseError{Field: field, Reason: ReasonEmptyItem}, i
		}
		if r := check(s); r != "" {
			return &ParseError{Field: field, Reason: r, Value: quoteValue(s)}, i
		}
		k := strings.ToLower(s) // e-mail addresses and tags both compare case-insensitively for people
		if seen[k] {
			return &ParseError{Field: field, Reason: ReasonDuplicateItem, Value: quoteValue(s)}, i
		}
		seen[k] = true
	}
	return nil, -1
}

// checkLine validates a single-line text value of at most limit runes.
func checkLine(s string, limit int) Reason {
	if !utf8.ValidString(s) {
		return ReasonInvalidUTF8
	}
	if utf8.RuneCountInString(s) > limit {
		return ReasonTooLong
	}
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ReasonControlChar
		}
	}
	return ""
}

func checkEmail(s string) Reason {
	if len(s) > 254 || !emailPattern.MatchString(s) {
		return ReasonInvalidEmail
	}
	return ""
}
