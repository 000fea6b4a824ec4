package markdown

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// headingIDPattern matches exactly what slug produces, so the final policy
// can let our heading ids through without admitting arbitrary ids.
var headingIDPattern = regexp.MustCompile(`^[\p{L}\p{N}\p{M}_-]+$`)

// linkRel is set on every link we render. nofollow tells search engines not
// to credit user-written links; noopener is harmless today (we add no
// target) and protects us if a later template opens links in a new tab.
const linkRel = "nofollow noopener"

// finalPolicy sanitises the whole rendered page: bluemonday's UGC policy
// plus the few attributes our own renderer emits. It is the last line of
// defence, applied after rawPolicy has already cleaned user-written HTML.
func finalPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	// Fenced code gets class="language-go" for a client-side highlighter.
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^language-[A-Za-z0-9_.+#-]{1,40}$`)).OnElements("code")
	// Task-list items render as disabled checkboxes; rawPolicy removes every
	// user-written <input>, so only ours reach this point.
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^(|checked|disabled)$`)).OnElements("input")
	// UGC's own id rule is ASCII-only, which would strip 前提条件.
	p.AllowAttrs("id").Matching(headingIDPattern).OnElements("h1", "h2", "h3", "h4", "h5", "h6")
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^` + linkRel + `$`)).OnElements("a")
	// Help-desk articles say "press <kbd>Ctrl</kbd>+<kbd>Alt</kbd>+<kbd>Del</kbd>"
	// constantly; UGC leaves kbd out only because it predates such uses.
	p.AllowElements("kbd")
	return p
}

// rawPolicy cleans HTML that authors type into Markdown. It is stricter
// than UGC: no id (so nobody can fake a heading anchor or clobber a DOM
// name our scripts use), no form controls, and no <a> — links must use
// Markdown syntax, which guarantees they all carry linkRel.
func rawPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowStandardURLs()
	p.AllowElements("br", "wbr", "hr", "p", "div", "span", "b", "i", "u", "s",
		"em", "strong", "small", "mark", "sub", "sup", "kbd", "samp", "var",
		"code", "pre", "abbr", "cite", "dfn", "q", "ins", "del", "strike", "tt",
		"blockquote", "details", "summary", "figure", "figcaption", "ruby",
		"rt", "rp", "h1", "h2", "h3", "h4", "h5", "h6")
	p.AllowAttrs("open").Matching(regexp.MustCompile(`^(|open)$`)).OnElements("details")
	p.AllowAttrs("title").Matching(bluemonday.Paragraph).OnElements("abbr", "span", "img")
	p.AllowLists()
	p.AllowTables()
	p.AllowImages()
	return p
}

// textPolicy strips every tag, for extracting text from raw HTML blocks.
func textPolicy() *bluemonday.Policy {
	p := bluemonday.StrictPolicy()
	p.AddSpaceWhenStrippingTag(true) // "<td>a</td><td>b</td>" is "a b", not "ab"
	return p
}
