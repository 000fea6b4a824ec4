package markdown

import "strings"

// MaxNesting bounds two kinds of nesting that goldmark handles in
// quadratic time: block containers opened on one line (quote and list
// markers) and square brackets inside one block. Measured on v1.8.7, a
// single 1 MiB line of '>' keeps a CPU busy for about an hour, and 1 MiB of
// paragraphs each nesting 4096 brackets takes over a minute; no real
// article nests either more than a handful of levels.
const MaxNesting = 32

// tooDeepLine returns the 0-based index of the first line that nests deeper
// than limit, or -1. It over-approximates (markers and brackets inside code
// count too), which only ever refuses absurd input.
func tooDeepLine(body string, limit int) int {
	brackets := 0 // '[' still open in the current block
	for i, line := 0, 0; i < len(body); line++ {
		end := strings.IndexByte(body[i:], '\n')
		if end < 0 {
			end = len(body) - i
		}
		text := body[i : i+end]
		if containerDepth(text) > limit {
			return line
		}
		if strings.TrimSpace(text) == "" {
			brackets = 0 // inline content, and so bracket matching, ends with the block
		}
		var deep bool
		if brackets, deep = bracketDepth(text, brackets, limit); deep {
			return line
		}
		i += end + 1
	}
	return -1
}

// bracketDepth continues counting open '[' through line and reports whether
// a ']' closed a bracket nested deeper than limit. Unclosed '[' alone are
// cheap for goldmark, so only a closing bracket can trip the limit.
func bracketDepth(line string, open, limit int) (int, bool) {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++ // an escaped bracket is text
		case '[':
			open++
		case ']':
			if open > limit {
				return open, true
			}
			if open > 0 {
				open--
			}
		}
	}
	return open, false
}

// containerDepth counts the container markers at the start of a line:
// '>' and list markers ("-", "*", "+" or up to nine digits with '.' or ')',
// each followed by a blank or the end of the line). It stops at the first
// other character, so its cost is bounded by the marker prefix.
func containerDepth(line string) int {
	depth := 0
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '>':
			depth++
			i++
		case c == '-' || c == '*' || c == '+':
			if !blankOrEnd(line, i+1) {
				return depth
			}
			depth++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j >= len(line) || (line[j] != '.' && line[j] != ')') || !blankOrEnd(line, j+1) {
				return depth
			}
			depth++
			i = j + 1
		default:
			return depth
		}
	}
	return depth
}

func blankOrEnd(s string, i int) bool {
	return i >= len(s) || s[i] == ' ' || s[i] == '\t'
}

// rawLines is PlainText's fallback for bodies too deep to parse safely:
// the source text, one trimmed line per non-blank line.
func rawLines(body string) string {
	var out []string
	for _, l := range strings.Split(body, "\n") {
		if l = collapseSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
