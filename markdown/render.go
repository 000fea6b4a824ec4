package markdown

import (
	"bytes"
	"html/template"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// engine holds the configured Markdown converter and HTML policies. They
// are immutable after construction and safe for concurrent use, so one
// shared instance is built lazily (compiling the policies' regexps on every
// call would dominate the cost of rendering a short article).
type engine struct {
	md    goldmark.Markdown
	final *bluemonday.Policy
	text  *bluemonday.Policy
}

var sharedEngine = sync.OnceValue(newEngine)

func newEngine() *engine {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.Linkify,
			extension.TaskList,
			// A line break inside a Japanese sentence must not become a
			// visible space.
			extension.NewCJK(extension.WithEastAsianLineBreaks()),
		),
		goldmark.WithParserOptions(parser.WithInlineParsers(util.Prioritized(refParser{}, 150))),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(&rawHTMLRenderer{policy: rawPolicy()}, 100)),
		),
	)
	return &engine{md: md, final: finalPolicy(), text: textPolicy()}
}

// parse builds the AST; bodies over MaxBodyBytes are cut at a rune
// boundary so that callers without an error return stay bounded. Invalid
// UTF-8 is replaced first: goldmark v1.8.7 panics on a stray continuation
// byte before a soft line break when East Asian line breaks are on
// (yuin/goldmark#597, found by FuzzRender), and browsers would show U+FFFD
// for those bytes anyway.
func (e *engine) parse(body string, opts ...parser.ParseOption) (ast.Node, []byte) {
	src := []byte(strings.ToValidUTF8(truncate(body, MaxBodyBytes), "\uFFFD"))
	return e.md.Parser().Parse(text.NewReader(src), opts...), src
}

// Render converts a Markdown body to sanitised HTML and returns its
// headings for a table of contents. Raw HTML is allowed but cleaned
// (see rawPolicy); the result is safe to place in a template as is. Bodies
// over MaxBodyBytes or MaxNesting get a *ParseError (Line counts from the
// body's first line), never a slow render.
func Render(body string) (template.HTML, []Heading, error) { return RenderRefs(body, nil) }

// decorate gives headings our ids and links our rel before rendering.
// goldmark's own heading ids drop non-ASCII text, so 手順 would become
// "heading"; see slug.
func decorate(doc ast.Node, src []byte) []Heading {
	var headings []Heading
	ids := newIDSet()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			t := inlineText(n, src)
			id := ids.unique(slug(t))
			n.SetAttributeString("id", []byte(id))
			headings = append(headings, Heading{Level: n.Level, Text: t, ID: id})
		case *ast.Link, *ast.AutoLink:
			n.SetAttributeString("rel", []byte(linkRel))
		}
		return ast.WalkContinue, nil
	})
	return headings
}

// truncate cuts s to at most limit bytes without splitting a rune.
func truncate(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	for limit > 0 && s[limit]&0xC0 == 0x80 {
		limit--
	}
	return s[:limit]
}

// rawHTMLRenderer replaces goldmark's raw-HTML output (all or nothing) with
// each fragment cleaned by rawPolicy, so authors keep <kbd>, <br> and
// <details> while ids and inputs are only ever ours.
type rawHTMLRenderer struct {
	policy *bluemonday.Policy
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, r.renderBlock)
	reg.Register(ast.KindRawHTML, r.renderInline)
}

func (r *rawHTMLRenderer) renderBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	raw := htmlBlockSource(node.(*ast.HTMLBlock), src)
	_, err := w.Write(r.policy.SanitizeBytes(raw))
	return ast.WalkContinue, err
}

func (r *rawHTMLRenderer) renderInline(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	var raw bytes.Buffer
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		raw.Write(seg.Value(src))
	}
	_, err := w.Write(r.policy.SanitizeBytes(raw.Bytes()))
	return ast.WalkSkipChildren, err
}
