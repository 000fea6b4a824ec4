package markdown

import (
	"fmt"
	"strings"
)

// Reason is a stable, machine-readable cause of a ParseError; the web layer
// uses it as a message-catalogue key to show the error in Japanese.
type Reason string

// Reasons reported by Parse and Validate.
const (
	ReasonNoFrontMatter       Reason = "no_front_matter"
	ReasonUnclosed            Reason = "unclosed_front_matter"
	ReasonFrontMatterTooLarge Reason = "front_matter_too_large"
	ReasonBodyTooLarge        Reason = "body_too_large"
	ReasonInvalidUTF8         Reason = "invalid_utf8"
	ReasonControlChar         Reason = "control_character"
	ReasonSyntax              Reason = "syntax"
	ReasonIndent              Reason = "unexpected_indent"
	ReasonUnsupported         Reason = "unsupported_yaml"
	ReasonInvalidKey          Reason = "invalid_key"
	ReasonDuplicateKey        Reason = "duplicate_key"
	ReasonUnterminatedQuote   Reason = "unterminated_quote"
	ReasonBadEscape           Reason = "bad_escape"
	ReasonUnterminatedList    Reason = "unterminated_list"
	ReasonTrailingText        Reason = "trailing_text"
	ReasonExpectedList        Reason = "expected_list"
	ReasonExpectedScalar      Reason = "expected_scalar"
	ReasonEmptyItem           Reason = "empty_item"
	ReasonDuplicateItem       Reason = "duplicate_item"
	ReasonTooMany             Reason = "too_many"
	ReasonRequired            Reason = "required"
	ReasonTooLong             Reason = "too_long"
	ReasonInvalidID           Reason = "invalid_id"
	ReasonInvalidType         Reason = "invalid_type"
	ReasonInvalidVisibility   Reason = "invalid_visibility"
	ReasonInvalidEmail        Reason = "invalid_email"
	ReasonInvalidDate         Reason = "invalid_date"
	ReasonUsersNotRestricted  Reason = "users_without_restricted"
	ReasonTooDeep             Reason = "nesting_too_deep"
)

// reasonText is the English wording of each Reason, used by Error.
var reasonText = map[Reason]string{
	ReasonNoFrontMatter:       "file must start with a '---' line",
	ReasonUnclosed:            "front matter has no closing '---' line",
	ReasonFrontMatterTooLarge: "front matter is too large",
	ReasonBodyTooLarge:        "body is too large",
	ReasonInvalidUTF8:         "text is not valid UTF-8",
	ReasonControlChar:         "control characters and line breaks are not allowed here",
	ReasonSyntax:              "expected 'key: value'",
	ReasonIndent:              "unexpected indentation (nested values are not supported)",
	ReasonUnsupported:         "this YAML feature is not supported",
	ReasonInvalidKey:          "key must be letters, digits, '_', '-' or '.'",
	ReasonDuplicateKey:        "key appears more than once",
	ReasonUnterminatedQuote:   "quoted text has no closing quote",
	ReasonBadEscape:           "unknown escape sequence in double-quoted text",
	ReasonUnterminatedList:    "list has no closing ']'",
	ReasonTrailingText:        "unexpected text after the value",
	ReasonExpectedList:        "expected a list such as [a, b]",
	ReasonExpectedScalar:      "expected a single value, not a list",
	ReasonEmptyItem:           "list item is empty",
	ReasonDuplicateItem:       "list item appears more than once",
	ReasonTooMany:             "list has too many items",
	ReasonRequired:            "value is required",
	ReasonTooLong:             "value is too long",
	ReasonInvalidID:           "id must be 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit",
	ReasonInvalidType:         "type must be one of faq, runbook, troubleshooting, policy",
	ReasonInvalidVisibility:   "visibility must be one of everyone, staff, restricted",
	ReasonInvalidEmail:        "not a valid e-mail address",
	ReasonInvalidDate:         "date must be a real day written YYYY-MM-DD",
	ReasonUsersNotRestricted:  "users may only be set when visibility is restricted",
	ReasonTooDeep:             "quotes, lists or brackets are nested too deeply",
}

// ParseError describes why an article file or Doc was rejected.
type ParseError struct {
	Line   int    // 1-based line in the file; 0 when not known (Validate)
	Field  string // front matter key, FieldBody, or "" for file structure
	Reason Reason
	Value  string // the offending text, if short enough to quote
}

// Error renders the error in English, e.g.
// `markdown: line 3: tags: list has no closing ']'`.
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("markdown: ")
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	if s, ok := reasonText[e.Reason]; ok {
		b.WriteString(s)
	} else {
		b.WriteString(string(e.Reason))
	}
	if e.Value != "" {
		fmt.Fprintf(&b, " (%q)", e.Value)
	}
	return b.String()
}

// quoteValue trims a value for ParseError.Value so an error message never
// carries a whole pasted document.
func quoteValue(s string) string {
	const limit = 80
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return s[:cut] + "…"
}
