package mail

import (
	"bytes"
	"strings"
)

// maxFields bounds header fields per entity; spam kits pad headers to choke parsers.
const maxFields = 1000

// Field is one header field as received: Value is unfolded but not decoded.
type Field struct {
	Name  string
	Value string
}

// Header is an entity's header fields in the order they arrived.
type Header []Field

// Get returns the raw value of the first field with the name, compared case-insensitively.
func (h Header) Get(name string) string {
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// Has reports whether a field with the name is present, even if empty.
func (h Header) Has(name string) bool {
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			return true
		}
	}
	return false
}

// Count returns how many fields have the name.
func (h Header) Count(name string) int {
	n := 0
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			n++
		}
	}
	return n
}

// splitHeader separates an entity into header fields and body. It accepts
// CRLF and bare LF, skips an mbox "From " line, ignores lines that are not
// fields, and reports whether fields beyond maxFields were dropped.
func splitHeader(raw []byte) (h Header, body []byte, dropped bool) {
	// A field's value runs from after its colon to the end of its last
	// continuation line; it is cut out once, as appending line by line is
	// quadratic for a field folded a hundred thousand times.
	start, end := -1, -1
	finish := func() {
		if start >= 0 {
			h[len(h)-1].Value = unfoldReplacer.Replace(string(raw[start:end]))
			start = -1
		}
	}
	pos := 0
	for first := true; pos < len(raw); first = false {
		lineStart := pos
		lineEnd := len(raw)
		if i := bytes.IndexByte(raw[pos:], '\n'); i >= 0 {
			lineEnd = pos + i
			pos = lineEnd + 1
		} else {
			pos = len(raw)
		}
		line := bytes.TrimSuffix(raw[lineStart:lineEnd], []byte{'\r'})
		switch {
		case len(line) == 0:
			finish()
			return h, raw[pos:], dropped
		case first && bytes.HasPrefix(line, []byte("From ")):
			continue
		case line[0] == ' ' || line[0] == '\t':
			if start >= 0 {
				end = lineEnd // unfolding keeps the white space, drops the line break
			}
			continue
		}
		finish()
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 {
			continue
		}
		name := string(bytes.TrimRight(line[:colon], " \t"))
		if !validFieldName(name) {
			continue
		}
		if len(h) >= maxFields {
			dropped = true
			continue
		}
		h = append(h, Field{Name: name})
		start = lineStart + colon + 1
		for start < lineEnd && (raw[start] == ' ' || raw[start] == '\t') {
			start++
		}
		end = lineEnd
	}
	finish()
	return h, nil, dropped
}

// validFieldName accepts the printable ASCII RFC 5322 allows in field names.
func validFieldName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7F {
			return false
		}
	}
	return true
}

// trimValue removes the folding white space left around a field value.
func trimValue(s string) string { return strings.Trim(s, " \t\r\n") }
