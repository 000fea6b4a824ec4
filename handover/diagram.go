package handover

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"slices"
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/width"

	"hitori"
)

// DiagramText is the diagram's wording in the reader's language: the
// caller passes its catalogue (keys "handover.diagram.*" and
// "handover.kind.*").
type DiagramText func(key string) string

// Diagram geometry, in SVG units.
const (
	nodeW, nodeH = 184, 44
	gapX, gapY   = 24, 64
	margin       = 16
	labelUnits   = 22 // half-width units of a label before it is cut
)

// Drawing styles as presentation attributes.
const (
	fontFamily = `'Noto Sans CJK JP', 'IPAexGothic', 'Hiragino Sans', 'Yu Gothic', sans-serif`
	boxStyle   = `fill="#eef4ff" stroke="#3567b5"`
	assetStyle = `fill="#f5f5f5" stroke="#888" stroke-dasharray="4 2"`
	subStyle   = `font-size="11" fill="#555"`
)

var edgeStyle = map[string]string{
	"depends_on": `stroke="#555" fill="none"`,
	"runs_on":    `stroke="#555" fill="none" stroke-dasharray="6 3"`,
	"asset":      `stroke="#999" fill="none"`,
}

type diagNode struct {
	key   string // "s12" or "a7"
	label string
	sub   string
	asset bool
	crit  int
	href  string
	layer int
	x, y  int
}

type diagEdge struct {
	from, to string
	kind     string // depends_on, runs_on, asset
}

// Diagram draws the register as an SVG configuration diagram: systems
// and their linked assets as boxes, relations as arrows from a system to
// what it depends on or runs on. The layout is layered and deterministic:
// a box sits one row above the deepest thing it needs (assets and systems
// needing nothing at the bottom), each row ordered by criticality and
// name. Cycles are cut where they close. No script, no external fonts.
func Diagram(systems []*hitori.System, t DiagramText) []byte {
	nodes, edges := diagramGraph(systems, t)
	layout(nodes, edges)
	var b bytes.Buffer
	w, h := canvas(nodes)
	title, desc := t("handover.diagram.title"), fmt.Sprintf(t("handover.diagram.desc"), len(systems), len(edges))
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="diagram-title diagram-desc" class="diagram">`, w, h, w, h)
	fmt.Fprintf(&b, `<title id="diagram-title">%s</title><desc id="diagram-desc">%s</desc>`, esc(title), esc(desc))
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>`)
	// Presentation attributes, not a <style> element: the page's CSP
	// refuses inline styles, and the binder opens the file without one.
	fmt.Fprintf(&b, `<g font-family="%s" font-size="13" fill="#111">`, fontFamily)
	byKey := map[string]*diagNode{}
	for _, n := range nodes {
		byKey[n.key] = n
	}
	for _, e := range edges {
		f, to := byKey[e.from], byKey[e.to]
		x1, y1, x2, y2 := f.x+nodeW/2, f.y+nodeH, to.x+nodeW/2, to.y
		if to.y < f.y { // a cycle's closing edge points up
			y1, y2 = f.y, to.y+nodeH
		}
		fmt.Fprintf(&b, `<line %s x1="%d" y1="%d" x2="%d" y2="%d" marker-end="url(#arrow)"><title>%s</title></line>`,
			edgeStyle[e.kind], x1, y1, x2, y2, esc(f.label+" → "+to.label+" ("+t("handover.diagram."+edgeKey(e.kind))+")"))
	}
	for _, n := range nodes {
		style := boxStyle
		if n.asset {
			style = assetStyle
		} else if n.crit == 0 {
			style += ` stroke-width="3"`
		}
		if n.href != "" {
			fmt.Fprintf(&b, `<a href="%s">`, esc(n.href))
		}
		fmt.Fprintf(&b, `<g><title>%s</title><rect %s x="%d" y="%d" width="%d" height="%d" rx="6"/>`,
			esc(n.label+" — "+n.sub), style, n.x, n.y, nodeW, nodeH)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%s</text>`, n.x+nodeW/2, n.y+19, esc(cut(n.label)))
		fmt.Fprintf(&b, `<text %s x="%d" y="%d" text-anchor="middle">%s</text></g>`, subStyle, n.x+nodeW/2, n.y+35, esc(cut(n.sub)))
		if n.href != "" {
			b.WriteString(`</a>`)
		}
	}
	legendY := h - margin + 4
	fmt.Fprintf(&b, `<text %s x="%d" y="%d">%s</text>`, subStyle, margin, legendY, esc(t("handover.diagram.legend")))
	b.WriteString(`</g></svg>`)
	return b.Bytes()
}

func diagramGraph(systems []*hitori.System, t DiagramText) ([]*diagNode, []diagEdge) {
	var nodes []*diagNode
	seen := map[string]bool{}
	var edges []diagEdge
	ids := map[int64]bool{}
	for _, s := range systems {
		ids[s.ID] = true
	}
	for _, s := range systems {
		key := "s" + strconv.FormatInt(s.ID, 10)
		nodes = append(nodes, &diagNode{key: key, label: s.Name, sub: t("handover.kind." + string(s.Kind)),
			crit: s.Criticality.Rank(), href: "/systems/" + strconv.FormatInt(s.ID, 10)})
		for _, r := range s.Relations {
			if ids[r.To] {
				edges = append(edges, diagEdge{from: key, to: "s" + strconv.FormatInt(r.To, 10), kind: string(r.Kind)})
			}
		}
		for _, l := range s.LinksOf(hitori.LinkAsset) {
			if l.Missing {
				continue
			}
			akey := "a" + l.Ref
			if !seen[akey] {
				seen[akey] = true
				nodes = append(nodes, &diagNode{key: akey, label: l.Label, sub: t("handover.diagram.asset"), asset: true,
					crit: 3, href: "/assets/" + l.Ref})
			}
			edges = append(edges, diagEdge{from: key, to: akey, kind: "asset"})
		}
	}
	slices.SortFunc(edges, func(a, b diagEdge) int {
		return cmp.Or(cmp.Compare(a.from, b.from), cmp.Compare(a.to, b.to), cmp.Compare(a.kind, b.kind))
	})
	return nodes, edges
}

// layout gives each node its layer (longest path down to a sink, cycles
// cut by the visiting mark) and its position.
func layout(nodes []*diagNode, edges []diagEdge) {
	out := map[string][]string{}
	for _, e := range edges {
		out[e.from] = append(out[e.from], e.to)
	}
	depth := map[string]int{}
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(k string) int
	visit = func(k string) int {
		switch state[k] {
		case 1:
			return -1 // closes a cycle: ignored
		case 2:
			return depth[k]
		}
		state[k] = 1
		d := 0
		for _, to := range out[k] {
			if v := visit(to); v >= 0 {
				d = max(d, v+1)
			}
		}
		state[k], depth[k] = 2, d
		return d
	}
	top := 0
	for _, n := range nodes {
		n.layer = visit(n.key)
		top = max(top, n.layer)
	}
	rows := make([][]*diagNode, top+1)
	for _, n := range nodes {
		rows[top-n.layer] = append(rows[top-n.layer], n)
	}
	widest := 0
	for _, row := range rows {
		slices.SortStableFunc(row, func(a, b *diagNode) int {
			return cmp.Or(cmp.Compare(a.crit, b.crit), cmp.Compare(a.label, b.label), cmp.Compare(a.key, b.key))
		})
		widest = max(widest, len(row))
	}
	for i, row := range rows {
		offset := (widest - len(row)) * (nodeW + gapX) / 2
		for j, n := range row {
			n.x = margin + offset + j*(nodeW+gapX)
			n.y = margin + i*(nodeH+gapY)
		}
	}
}

func canvas(nodes []*diagNode) (int, int) {
	w, h := 2*margin+nodeW, 2*margin+nodeH
	for _, n := range nodes {
		w, h = max(w, n.x+nodeW+margin), max(h, n.y+nodeH+margin)
	}
	return max(w, 360), h + 24 // room for the legend
}

// cut shortens a label to what fits a box, counting full-width characters
// as two units.
func cut(s string) string {
	units := 0
	for i, r := range s {
		u := 1
		if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
			u = 2
		}
		if units+u > labelUnits {
			return s[:i] + "…"
		}
		units += u
	}
	return s
}

func esc(s string) string {
	if !utf8.ValidString(s) {
		s = string([]rune(s))
	}
	return html.EscapeString(s)
}

// edgeKey names an edge kind's catalogue entry ("asset" is taken by the box).
func edgeKey(kind string) string {
	if kind == "asset" {
		return "asset_edge"
	}
	return kind
}
