package markdown

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// RefResolver names the page and title of the article a cross-reference
// such as [kb-040] points at; ok is false when there is no such article
// (or the reader may not see it), and the reference then stays text.
type RefResolver func(key string) (url, title string, ok bool)

// refPattern is a cross-reference: an article key in brackets, not the
// start of a Markdown link ([text](url), [text][label], [label]: url).
var refPattern = regexp.MustCompile(`^\[([A-Za-z]{1,10}-[0-9]{1,6})\]`)

var refResolverKey = parser.NewContextKey()

// refParser turns [kb-040] into a link titled with the article's title. It
// runs before goldmark's link parser, and gives way to it when the text is
// no reference or resolves to nothing.
type refParser struct{}

func (refParser) Trigger() []byte { return []byte{'['} }

func (refParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	resolve, _ := pc.Get(refResolverKey).(RefResolver)
	if resolve == nil {
		return nil
	}
	line, _ := block.PeekLine()
	m := refPattern.FindSubmatch(line)
	if m == nil || len(line) > len(m[0]) && bytes.IndexByte([]byte("([:"), line[len(m[0])]) >= 0 {
		return nil
	}
	url, title, ok := resolve(string(m[1]))
	if !ok {
		return nil
	}
	block.Advance(len(m[0]))
	link := ast.NewLink()
	link.Destination = []byte(url)
	link.Title = m[1]
	link.AppendChild(link, ast.NewString([]byte(title)))
	return link
}

// RenderRefs is Render with cross-references ([kb-040]) resolved into links
// to the articles, shown by title. Unresolved ones stay as typed.
func RenderRefs(body string, refs RefResolver) (template.HTML, []Heading, error) {
	if len(body) > MaxBodyBytes {
		return "", nil, &ParseError{Field: FieldBody, Reason: ReasonBodyTooLarge}
	}
	if line := tooDeepLine(body, MaxNesting); line >= 0 {
		return "", nil, &ParseError{Line: line + 1, Field: FieldBody, Reason: ReasonTooDeep}
	}
	e := sharedEngine()
	doc, src := e.parseRefs(body, refs)
	headings := decorate(doc, src)
	var buf bytes.Buffer
	if err := e.md.Renderer().Render(&buf, src, doc); err != nil {
		return "", nil, fmt.Errorf("markdown: render: %w", err)
	}
	return template.HTML(e.final.SanitizeBytes(buf.Bytes())), headings, nil
}

// Refs lists the cross-references in body in order, each once, as the
// renderer sees them (not inside code).
func Refs(body string) []string {
	var keys []string
	seen := map[string]bool{}
	sharedEngine().parseRefs(body, func(key string) (string, string, bool) {
		if !seen[key] {
			seen[key] = true
			keys = append(keys, key)
		}
		return "", "", false
	})
	return keys
}

func (e *engine) parseRefs(body string, refs RefResolver) (ast.Node, []byte) {
	pc := parser.NewContext()
	if refs != nil {
		pc.Set(refResolverKey, refs)
	}
	return e.parse(body, parser.WithContext(pc))
}
