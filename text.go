package hitori

import (
	"strings"
	"unicode/utf8"
)

// CheckText refuses text no database can store as it was typed: a NUL
// character (PostgreSQL rejects it, SQLite keeps it and cuts the text short
// in some tools) or bytes that are not UTF-8. Validators call it on every
// text field, so both databases answer the same 422 naming the field.
func CheckText(field, s string) error {
	if strings.IndexByte(s, 0) >= 0 || !utf8.ValidString(s) {
		return FieldError(field, "error.invalid_text")
	}
	return nil
}

// CheckTexts is CheckText over field/value pairs, stopping at the first bad one.
func CheckTexts(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := CheckText(pairs[i], pairs[i+1]); err != nil {
			return err
		}
	}
	return nil
}
