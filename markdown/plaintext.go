package markdown

import (
	"bufio"
	"bytes"
	stdhtml "html"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// PlainText strips Markdown syntax from body for the search index and for
// result snippets: one line per paragraph, heading, list item, table row or
// code block, keeping the text of links, images (alt), code and cells.
// Bodies over MaxBodyBytes are cut first; bodies nested deeper than
// MaxNesting come back as their source lines, unparsed.
func PlainText(body string) string {
	body = truncate(body, MaxBodyBytes)
	if tooDeepLine(body, MaxNesting) >= 0 {
		return rawLines(strings.ToValidUTF8(body, "\uFFFD"))
	}
	e := sharedEngine()
	doc, src := e.parse(body)
	var lines []string
	add := func(s string) {
		if s != "" {
			lines = append(lines, s)
		}
	}
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.Kind() {
			case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading:
				add(inlineText(c, src))
			case ast.KindFencedCodeBlock, ast.KindCodeBlock:
				add(collapseSpace(string(c.Lines().Value(src))))
			case ast.KindHTMLBlock:
				raw := htmlBlockSource(c.(*ast.HTMLBlock), src)
				add(collapseSpace(stdhtml.UnescapeString(string(e.text.SanitizeBytes(raw)))))
			case extast.KindTableHeader, extast.KindTableRow:
				var cells []string
				for cell := c.FirstChild(); cell != nil; cell = cell.NextSibling() {
					if t := inlineText(cell, src); t != "" {
						cells = append(cells, t)
					}
				}
				add(strings.Join(cells, " "))
			case ast.KindThematicBreak:
			default:
				walk(c) // document, blockquote, list, list item, table
			}
		}
	}
	walk(doc)
	return strings.Join(lines, "\n")
}

// htmlBlockSource returns the raw text of an HTML block.
func htmlBlockSource(n *ast.HTMLBlock, src []byte) []byte {
	var raw bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		raw.Write(seg.Value(src))
	}
	if n.HasClosure() {
		raw.Write(n.ClosureLine.Value(src))
	}
	return raw.Bytes()
}

// inlineText returns the visible text of an inline container on one line.
// Text goes through goldmark's own HTML writer and back through
// html.UnescapeString, so backslash escapes and entities come out exactly
// as a reader sees them on the rendered page.
func inlineText(n ast.Node, src []byte) string {
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	writeInline(w, n, src)
	_ = w.Flush()
	return joinBreaks(stdhtml.UnescapeString(buf.String()))
}

func writeInline(w *bufio.Writer, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if c.IsRaw() {
				_, _ = w.Write(util.EscapeHTML(c.Value(src)))
			} else {
				html.DefaultWriter.Write(w, c.Value(src))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				_ = w.WriteByte('\n')
			}
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					_, _ = w.Write(util.EscapeHTML(t.Value(src))) // code is verbatim: no unescaping
				}
			}
		case *ast.String:
			_, _ = w.Write(util.EscapeHTML(c.Value))
		case *ast.AutoLink:
			_, _ = w.Write(util.EscapeHTML(c.Label(src)))
		case *ast.RawHTML, *extast.TaskCheckBox:
			// tags carry no text; the checkbox is shown by the list item
		default:
			writeInline(w, c, src) // emphasis, links, image alt, strikethrough
		}
	}
}

// joinBreaks turns line breaks into spaces, except between two East Asian
// wide characters, where a space would split a Japanese word in a snippet
// (the same rule the CJK extension applies when rendering).
func joinBreaks(s string) string {
	if !strings.Contains(s, "\n") {
		return collapseSpace(s)
	}
	parts := strings.Split(s, "\n")
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(strings.TrimRight(parts[i-1], " \t"))
			next, _ := utf8.DecodeRuneInString(strings.TrimLeft(p, " \t"))
			if !util.IsEastAsianWideRune(prev) || !util.IsEastAsianWideRune(next) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(strings.TrimSpace(p))
	}
	return collapseSpace(b.String())
}

// collapseSpace trims s and turns each run of ASCII white space into one
// space. The ideographic space (U+3000) is left alone: in a Japanese title
// it is deliberate spacing, not layout.
func collapseSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
	}), " ")
}
