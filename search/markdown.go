package search

import (
	"regexp"
	"strings"
)

var (
	mdImage   = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink    = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
	mdHTMLTag = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>`)
	mdListNum = regexp.MustCompile(`^\d{1,3}[.)]\s+`)
	mdTableHr = regexp.MustCompile(`^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$`)
)

// stripMarkdown turns Markdown (or plain text) into the plain text that is
// indexed, quoted in snippets and answered from. Blocks stay separated by
// blank lines, and a heading becomes a block of its own, so passages can be
// cut later without keeping the source; numbered steps keep their numbers
// because the order is part of the answer.
func stripMarkdown(src string) string {
	var b strings.Builder
	b.Grow(len(src))
	blank := true // avoid leading and doubled blank lines
	inFence := false
	for _, line := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		s := strings.TrimSpace(line)
		if strings.HasPrefix(s, "```") || strings.HasPrefix(s, "~~~") {
			inFence = !inFence
			continue
		}
		heading := false
		if !inFence {
			s, heading = stripBlockSyntax(s)
			s = stripInline(s)
		}
		if s == "" || heading {
			if !blank {
				b.WriteString("\n")
				blank = true
			}
			if s == "" {
				continue
			}
		}
		b.WriteString(s)
		b.WriteString("\n")
		blank = false
		if heading {
			b.WriteString("\n")
			blank = true
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// stripBlockSyntax removes line-level markers and reports headings.
func stripBlockSyntax(s string) (string, bool) {
	if mdTableHr.MatchString(s) && strings.Contains(s, "-") {
		return "", false
	}
	if t := strings.TrimLeft(s, "#"); len(t) < len(s) && len(s)-len(t) <= 6 && (t == "" || t[0] == ' ') {
		return strings.TrimSpace(strings.TrimRight(t, "# ")), true
	}
	for strings.HasPrefix(s, ">") {
		s = strings.TrimSpace(s[1:])
	}
	switch {
	case strings.HasPrefix(s, "- [ ] "), strings.HasPrefix(s, "- [x] "):
		s = "・" + s[6:]
	case strings.HasPrefix(s, "- "), strings.HasPrefix(s, "* "), strings.HasPrefix(s, "+ "):
		s = "・" + s[2:]
	case mdListNum.MatchString(s):
		// keep "1." as is: step numbers matter in answers
	}
	if strings.HasPrefix(s, "|") || strings.HasSuffix(s, "|") {
		s = strings.TrimSpace(strings.ReplaceAll(strings.Trim(s, "|"), "|", " / "))
	}
	return s, false
}

// stripInline removes emphasis, code spans, link targets and HTML tags.
func stripInline(s string) string {
	if !strings.ContainsAny(s, "*_`[<!") {
		return s
	}
	s = mdImage.ReplaceAllString(s, "$1")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdHTMLTag.ReplaceAllString(s, "")
	s = strings.NewReplacer("**", "", "__", "", "`", "").Replace(s)
	return s
}

// blocks splits stripped text into its blank-line separated blocks.
func blocks(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
