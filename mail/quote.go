package mail

import (
	"regexp"
	"strings"
)

// Markers that start the quoted history of a reply.
var (
	// "-----Original Message-----" and its Japanese and spaced variants.
	originalRe = regexp.MustCompile(`(?i)^-{2,}\s*(original message|元のメッセージ|オリジナル\s*メッセージ|reply message)\s*-{2,}$`)
	// Outlook's separator line before a header block.
	separatorRe = regexp.MustCompile(`^_{10,}$`)
	// First and second lines of a quoted header block (差出人: / 送信日時:).
	fromLineRe = regexp.MustCompile(`(?i)^\*?(from|差出人|送信者|送信元|von|de)\s*\*?\s*[:：]`)
	sentLineRe = regexp.MustCompile(`(?i)^\*?(sent|date|送信日時|送信日|日時|日付|gesendet|envoyé)\s*\*?\s*[:：]`)
	// Attribution lines: "On … wrote:", "… さんは書きました:", "…のメッセージ:".
	wroteRe = regexp.MustCompile(`(?i)(wrote|書きました|書いています|のメッセージ)\s*[:：]$`)
)

// StripQuoted returns only the new text of a reply: it cuts at the first
// attribution line, "-----Original Message-----", Outlook separator or
// quoted header block (From:/差出人: followed by Sent:/送信日時:), and drops
// '>' lines. Markers at the very top (bottom-posting) are skipped so the
// answer below survives. Forward markers are not cut: a forward's body is
// the request. The result may be empty when the reply added nothing.
func StripQuoted(text string) string {
	lines := strings.Split(normalizeNewlines(text), "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if isQuoted(l) {
			continue
		}
		if start := quoteStart(lines, i); start >= 0 {
			out = out[:max(len(out)-(i-start), 0)] // a two-line attribution began on an earlier line
			if hasText(out) {
				break
			}
			continue // history above the answer: skip the marker, keep reading
		}
		out = append(out, strings.TrimRight(lines[i], " \t"))
	}
	for len(out) > 0 && (strings.TrimSpace(out[len(out)-1]) == "" || separatorRe.MatchString(strings.TrimSpace(out[len(out)-1]))) {
		out = out[:len(out)-1]
	}
	for len(out) > 0 && strings.TrimSpace(out[0]) == "" {
		out = out[1:]
	}
	return strings.Join(out, "\n")
}

// quoteStart reports whether line i starts quoted history and returns the
// index of its first line (i, or i-1 for a two-line attribution), else -1.
func quoteStart(lines []string, i int) int {
	l := strings.TrimSpace(lines[i])
	switch {
	case originalRe.MatchString(l):
		return i
	case separatorRe.MatchString(l) && fromLineRe.MatchString(nextNonBlank(lines, i)):
		return i
	case fromLineRe.MatchString(l) && headerBlockFollows(lines, i):
		return i
	case wroteRe.MatchString(l) || strings.HasSuffix(l, ">:") && quotedFollows(lines, i):
		if i > 0 {
			prev := strings.TrimSpace(lines[i-1])
			// Becky and Gmail wrap the attribution: "On <date>\nName <addr> wrote:".
			if !strings.HasPrefix(strings.ToLower(l), "on ") && (strings.HasPrefix(strings.ToLower(prev), "on ") || strings.HasSuffix(prev, "<")) {
				return i - 1
			}
		}
		return i
	}
	return -1
}

// headerBlockFollows reports a Sent:/送信日時: line within the next few lines.
func headerBlockFollows(lines []string, i int) bool {
	for j := i + 1; j < len(lines) && j <= i+4; j++ {
		if sentLineRe.MatchString(strings.TrimSpace(lines[j])) {
			return true
		}
	}
	return false
}

// quotedFollows reports whether the next non-blank line is quoted.
func quotedFollows(lines []string, i int) bool { return isQuoted(nextNonBlank(lines, i)) }

// hasText reports whether any line is not blank.
func hasText(lines []string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			return true
		}
	}
	return false
}

// nextNonBlank returns the next non-blank line after i, trimmed.
func nextNonBlank(lines []string, i int) string {
	for j := i + 1; j < len(lines); j++ {
		if l := strings.TrimSpace(lines[j]); l != "" {
			return l
		}
	}
	return ""
}

// isQuoted reports a '>' quoted line (also the full-width '＞' some IMEs produce).
func isQuoted(l string) bool { return strings.HasPrefix(l, ">") || strings.HasPrefix(l, "＞") }
