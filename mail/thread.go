package mail

import (
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// replyPrefixes are reply and forward markers in the languages our users'
// mailers speak (Japanese, English, German, Nordic, Chinese clients),
// compared lower-case after width folding.
var replyPrefixes = []string{"re", "fw", "fwd", "転送", "返信", "aw", "wg", "sv", "vs", "antw", "tr", "rif", "回复", "答复", "转发", "回覆", "轉寄"}

// NormalizeSubject returns a comparison key for threading by subject when
// a reply has no usable headers: reply/forward prefixes ("Re:", "RE[2]:",
// "転送:", "Ｒｅ：") are removed repeatedly, together with leading ticket tags
// such as "[HD-1029]", because the helpdesk's own replies add the tag and the
// requester's first mail has none. Width is folded (full-width letters and
// spaces to ASCII) and white space collapsed. It is a key, not display text.
func NormalizeSubject(s string) string {
	s = collapseSpace(width.Fold.String(s))
	for {
		t := strings.TrimLeft(s, " ")
		t = trimReplyPrefix(t)
		t = trimTicketTag(t)
		if t == s {
			return strings.TrimSpace(s)
		}
		s = t
	}
}

// trimReplyPrefix removes one "Re:", "Re[2]:", "Re(2):" or "Re :" style prefix.
func trimReplyPrefix(s string) string {
	for _, p := range replyPrefixes {
		if len(s) < len(p) || !strings.EqualFold(s[:len(p)], p) {
			continue
		}
		rest := s[len(p):]
		if len(rest) > 0 && (rest[0] == '[' || rest[0] == '(') {
			closer := map[byte]byte{'[': ']', '(': ')'}[rest[0]]
			j := strings.IndexByte(rest, closer)
			if j < 0 || !allDigits(rest[1:j]) {
				continue
			}
			rest = rest[j+1:]
		}
		rest = strings.TrimLeft(rest, " ")
		if strings.HasPrefix(rest, ":") {
			return strings.TrimLeft(rest[1:], " ")
		}
	}
	return s
}

// trimTicketTag removes a leading "[ABC-123]" tag.
func trimTicketTag(s string) string {
	if !strings.HasPrefix(s, "[") {
		return s
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return s
	}
	prefix, num, ok := strings.Cut(s[1:end], "-")
	if !ok || prefix == "" || !allLetters(prefix) || !allDigits(num) {
		return s
	}
	return strings.TrimLeft(s[end+1:], " ")
}

// FindTicketTag finds "[PREFIX-n]" in a subject (case-insensitive,
// full-width brackets and digits allowed) and returns n. Brackets are
// required so that asset numbers such as "PC-0018" are never taken for tickets.
func FindTicketTag(subject, prefix string) (int, bool) {
	if prefix == "" {
		return 0, false
	}
	s := strings.ToLower(width.Fold.String(subject))
	open := "[" + strings.ToLower(width.Fold.String(prefix)) + "-"
	for {
		i := strings.Index(s, open)
		if i < 0 {
			return 0, false
		}
		s = s[i+len(open):]
		end := strings.IndexByte(s, ']')
		if end > 0 && end <= 9 && allDigits(s[:end]) {
			if n, err := strconv.Atoi(s[:end]); err == nil && n > 0 {
				return n, true
			}
		}
	}
}

// firstID returns the first message id in a field, without angle brackets.
func firstID(v string) string {
	if ids := allIDs(v); len(ids) > 0 {
		return ids[0]
	}
	return ""
}

// allIDs returns the message ids in a field. Ids in angle brackets are
// preferred; some mailers add comments or omit the brackets, so
// bracket-less words with an '@' are taken when no brackets exist.
func allIDs(v string) []string {
	var ids []string
	rest := v
	for {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '>')
		if j < 0 {
			break
		}
		if id := strings.Join(strings.Fields(rest[i+1:i+j]), ""); id != "" {
			ids = append(ids, id)
		}
		rest = rest[i+j+1:]
	}
	if len(ids) == 0 {
		for _, w := range strings.Fields(v) {
			if strings.Contains(w, "@") {
				ids = append(ids, strings.Trim(w, "<>,;\"'()"))
			}
		}
	}
	return ids
}

// allDigits reports whether s is non-empty and only ASCII digits.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// allLetters reports whether s is only ASCII letters.
func allLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if !(s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
			return false
		}
	}
	return true
}
