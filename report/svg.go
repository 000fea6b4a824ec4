package report

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Chart is what a chart shows. Charts are SVG drawn on the server, so the
// browser, print and exported files show the same picture with no script;
// each carries a title and a description, and prints its values as text.
type Chart struct {
	ID     string // unique on the page: the title's and description's ids derive from it
	Title  string
	Desc   string   // one sentence saying what the chart shows
	Labels []string // one per bar, point or slice
	Series []Series // one for bar, line and donut; several for a stacked bar
	Unit   string   // after each value ("分", "%", "件")
}

// Series is one row of values, one per label.
type Series struct {
	Name   string
	Values []float64
}

// palette is colour-blind-safe (Okabe–Ito) and prints on grey printers as
// distinct shades.
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"}

// Color is the i-th series' or slice's colour.
func Color(i int) string { return palette[i%len(palette)] }

const (
	chartW  = 640
	barH    = 22
	barGap  = 8
	labelW  = 170
	valueW  = 90
	chartFS = 13
)

// svgOpen starts an accessible SVG of height h.
func svgOpen(b *strings.Builder, c Chart, h int) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="%s-t %s-d" font-family="sans-serif" font-size="%d">`,
		chartW, h, esc(c.ID), esc(c.ID), chartFS)
	fmt.Fprintf(b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, esc(c.ID), esc(c.Title), esc(c.ID), esc(c.Desc+" "+c.valuesText()))
}

// valuesText says every value in words, for screen readers.
func (c Chart) valuesText() string {
	var parts []string
	for si, s := range c.Series {
		for i, v := range s.Values {
			if i >= len(c.Labels) {
				break
			}
			name := c.Labels[i]
			if len(c.Series) > 1 {
				name = c.Series[si].Name + " " + name
			}
			parts = append(parts, name+": "+Num(v)+c.Unit)
		}
	}
	return strings.Join(parts, "、")
}

// Num writes a value with at most one decimal and thousands separators.
func Num(v float64) string {
	if v == math.Trunc(v) {
		return group(strconv.FormatInt(int64(v), 10))
	}
	s := strconv.FormatFloat(v, 'f', 1, 64)
	i := strings.IndexByte(s, '.')
	return group(s[:i]) + s[i:]
}

func group(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func esc(s string) string { return template.HTMLEscapeString(s) }

// Bar draws horizontal bars of the first series, a label on the left and
// the value on the right of each.
func Bar(c Chart) template.HTML {
	var b strings.Builder
	vals := c.first()
	h := max(len(vals), 1)*(barH+barGap) + barGap
	svgOpen(&b, c, h)
	top := maxOf(vals)
	span := float64(chartW - labelW - valueW)
	for i, v := range vals {
		y := barGap + i*(barH+barGap)
		w := 0.0
		if top > 0 {
			w = v / top * span
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, labelW-6, y+barH-6, esc(clip(c.label(i), 14)))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>`, labelW, y, w, barH, Color(0))
		fmt.Fprintf(&b, `<text x="%.1f" y="%d">%s%s</text>`, float64(labelW)+w+6, y+barH-6, Num(v), esc(c.Unit))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// StackedBar draws one vertical bar per label, its series stacked, with a
// legend and each bar's total above it.
func StackedBar(c Chart) template.HTML {
	var b strings.Builder
	const plotTop, plotH, legendH = 24, 180, 24
	n := max(len(c.Labels), 1)
	rows := (len(c.Series) + 3) / 4
	h := plotTop + plotH + 40 + rows*legendH
	svgOpen(&b, c, h)
	totals := make([]float64, n)
	for _, s := range c.Series {
		for i, v := range s.Values {
			if i < n {
				totals[i] += v
			}
		}
	}
	top := maxOf(totals)
	slot := float64(chartW-40) / float64(n)
	bw := math.Max(math.Min(slot*0.7, 60), 2)
	for i := range n {
		x := 20 + slot*float64(i) + (slot-bw)/2
		y := float64(plotTop + plotH)
		for si, s := range c.Series {
			if i >= len(s.Values) || top == 0 {
				continue
			}
			hh := s.Values[i] / top * plotH
			y -= hh
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`, x, y, bw, hh, Color(si))
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="11">%s</text>`, x+bw/2, y-4, Num(totals[i]))
		if n <= 16 || i%((n+15)/16) == 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" font-size="11">%s</text>`, x+bw/2, plotTop+plotH+16, esc(clip(c.label(i), 10)))
		}
	}
	legend(&b, c.Series, plotTop+plotH+32)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// Line draws each series as a line with its points' values.
func Line(c Chart) template.HTML {
	var b strings.Builder
	const plotTop, plotH = 24, 180
	rows := (len(c.Series) + 3) / 4
	h := plotTop + plotH + 40 + rows*24
	svgOpen(&b, c, h)
	n := max(len(c.Labels), 1)
	var all []float64
	for _, s := range c.Series {
		all = append(all, s.Values...)
	}
	top := maxOf(all)
	step := float64(chartW-60) / float64(max(n-1, 1))
	fmt.Fprintf(&b, `<line x1="30" y1="%d" x2="%d" y2="%d" stroke="#888"/>`, plotTop+plotH, chartW-30, plotTop+plotH)
	for si, s := range c.Series {
		var pts []string
		for i, v := range s.Values {
			y := float64(plotTop + plotH)
			if top > 0 {
				y -= v / top * plotH
			}
			x := 30 + step*float64(i)
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, y))
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`, x, y, Color(si))
			if n <= 16 {
				fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="11">%s</text>`, x, y-6, Num(v))
			}
		}
		fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(pts, " "), Color(si))
	}
	for i := range n {
		if n <= 16 || i%((n+15)/16) == 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" font-size="11">%s</text>`, 30+step*float64(i), plotTop+plotH+16, esc(clip(c.label(i), 10)))
		}
	}
	legend(&b, c.Series, plotTop+plotH+32)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// Donut draws the first series as slices of a ring, with a legend giving
// each slice's value and share.
func Donut(c Chart) template.HTML {
	var b strings.Builder
	vals := c.first()
	const cx, cy, r, rw = 110, 110, 90, 34
	h := max(220, 24*len(vals)+20)
	svgOpen(&b, c, h)
	total := 0.0
	for _, v := range vals {
		total += v
	}
	if total == 0 {
		fmt.Fprintf(&b, `<circle cx="%d" cy="%d" r="%d" fill="none" stroke="#ddd" stroke-width="%d"/>`, cx, cy, r-rw/2, rw)
	}
	a := -math.Pi / 2
	for i, v := range vals {
		if total == 0 || v <= 0 {
			continue
		}
		sweep := v / total * 2 * math.Pi
		if sweep >= 2*math.Pi-1e-9 { // one slice: a whole ring
			fmt.Fprintf(&b, `<circle cx="%d" cy="%d" r="%d" fill="none" stroke="%s" stroke-width="%d"/>`, cx, cy, r-rw/2, Color(i), rw)
			break
		}
		b.WriteString(slice(cx, cy, r, r-rw, a, a+sweep, Color(i)))
		a += sweep
	}
	for i, v := range vals {
		y := 20 + i*24
		share := 0.0
		if total > 0 {
			share = v / total * 100
		}
		fmt.Fprintf(&b, `<rect x="250" y="%d" width="14" height="14" fill="%s"/><text x="270" y="%d">%s: %s%s (%s%%)</text>`,
			y-12, Color(i), y, esc(clip(c.label(i), 16)), Num(v), esc(c.Unit), Num(math.Round(share*10)/10))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// slice is a ring segment from angle a0 to a1.
func slice(cx, cy, ro, ri int, a0, a1 float64, color string) string {
	large := 0
	if a1-a0 > math.Pi {
		large = 1
	}
	p := func(r int, a float64) (float64, float64) {
		return float64(cx) + float64(r)*math.Cos(a), float64(cy) + float64(r)*math.Sin(a)
	}
	x0, y0 := p(ro, a0)
	x1, y1 := p(ro, a1)
	x2, y2 := p(ri, a1)
	x3, y3 := p(ri, a0)
	return fmt.Sprintf(`<path d="M%.2f %.2f A%d %d 0 %d 1 %.2f %.2f L%.2f %.2f A%d %d 0 %d 0 %.2f %.2f Z" fill="%s"/>`,
		x0, y0, ro, ro, large, x1, y1, x2, y2, ri, ri, large, x3, y3, color)
}

// legend writes the series' names in rows of four from y.
func legend(b *strings.Builder, series []Series, y int) {
	if len(series) < 2 {
		return
	}
	for i, s := range series {
		x := 20 + (i%4)*150
		yy := y + (i/4)*24
		fmt.Fprintf(b, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d" font-size="12">%s</text>`,
			x, yy, Color(i), x+16, yy+11, esc(clip(s.Name, 10)))
	}
}

func (c Chart) first() []float64 {
	if len(c.Series) == 0 {
		return nil
	}
	return c.Series[0].Values
}

func (c Chart) label(i int) string {
	if i < len(c.Labels) {
		return c.Labels[i]
	}
	return ""
}

func maxOf(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}

// clip shortens s to n runes with an ellipsis; the full text stays in the
// chart's description and the table beside it.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
