package markdown

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Parse reads an article file with DefaultLimits; see ParseLimits.
func Parse(src []byte) (Doc, error) {
	return ParseLimits(src, DefaultLimits())
}

// ParseLimits reads an article file: a `---` line, front matter, a `---`
// line, then the Markdown body. A UTF-8 BOM and CRLF line endings are
// accepted (files arrive from Windows editors); the body is returned with
// "\n" endings. Every error is a *ParseError.
func ParseLimits(src []byte, lim Limits) (Doc, error) {
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	first, rest := cutLine(src)
	if !isDelimiter(first) {
		return Doc{}, &ParseError{Line: 1, Reason: ReasonNoFrontMatter}
	}
	var lines []string
	lineNo, size := 1, 0
	for {
		if len(rest) == 0 {
			return Doc{}, &ParseError{Line: lineNo, Reason: ReasonUnclosed}
		}
		var line []byte
		line, rest = cutLine(rest)
		lineNo++
		if isDelimiter(line) {
			break
		}
		size += len(line) + 1
		if size > lim.FrontMatterBytes {
			return Doc{}, &ParseError{Line: lineNo, Reason: ReasonFrontMatterTooLarge}
		}
		lines = append(lines, string(line))
	}
	bodyLine := lineNo + 1
	if len(rest) > lim.BodyBytes {
		return Doc{}, &ParseError{Line: bodyLine, Field: FieldBody, Reason: ReasonBodyTooLarge}
	}
	if !utf8.Valid(rest) {
		return Doc{}, &ParseError{Line: bodyLine + invalidUTF8Line(rest), Field: FieldBody, Reason: ReasonInvalidUTF8}
	}
	entries, perr := parseFrontMatter(lines, 2)
	if perr != nil {
		return Doc{}, perr
	}
	d, perr := buildDoc(entries)
	if perr != nil {
		return Doc{}, perr
	}
	d.Body = normalizeNewlines(string(rest))
	if perr, item := validate(d, lim); perr != nil {
		perr.Line = lineOf(perr, item, entries, bodyLine)
		return Doc{}, perr
	}
	return d, nil
}

// cutLine splits off the first line, dropping its "\n" or "\r\n".
func cutLine(b []byte) (line, rest []byte) {
	line, rest, _ = bytes.Cut(b, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r")), rest
}

// isDelimiter accepts `---` with trailing blanks, which editors leave behind
// and which are invisible to the person fixing the file.
func isDelimiter(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "---"
}

// invalidUTF8Line returns the 0-based line of the first invalid byte.
func invalidUTF8Line(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return bytes.Count(b[:i], []byte("\n"))
		}
		i += n
	}
	return 0
}

// normalizeNewlines turns CRLF and lone CR into LF so that revisions saved
// from different editors diff cleanly.
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// lineOf finds the file line for a validation error: the item's own line
// for block lists, else the key's line, else the opening delimiter.
func lineOf(perr *ParseError, item int, entries []entry, bodyLine int) int {
	if perr.Field == FieldBody {
		return bodyLine + max(item, 0)
	}
	for _, e := range entries {
		if e.key != perr.Field {
			continue
		}
		if item >= 0 && item < len(e.itemLines) {
			return e.itemLines[item]
		}
		return e.line
	}
	return 1
}
