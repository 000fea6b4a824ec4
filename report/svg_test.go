package report_test

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"hitori/report"
)

// TestChartsAreAccessibleSVG: every chart kind is well-formed SVG with a
// title, a description naming every value, and the values as text.
func TestChartsAreAccessibleSVG(t *testing.T) {
	c := report.Chart{ID: "c1", Title: "カテゴリー別", Desc: "作業時間", Unit: "分", Labels: []string{"PC", "ネットワーク<&>"},
		Series: []report.Series{{Name: "今月", Values: []float64{1234, 56}}, {Name: "先月", Values: []float64{7, 8}}}}
	for name, draw := range map[string]func(report.Chart) string{
		"bar":     func(c report.Chart) string { return string(report.Bar(c)) },
		"stacked": func(c report.Chart) string { return string(report.StackedBar(c)) },
		"line":    func(c report.Chart) string { return string(report.Line(c)) },
		"donut":   func(c report.Chart) string { return string(report.Donut(c)) },
	} {
		t.Run(name, func(t *testing.T) {
			svg := draw(c)
			d := xml.NewDecoder(strings.NewReader(svg))
			for {
				if _, err := d.Token(); err != nil {
					if err.Error() != "EOF" {
						t.Fatalf("not well-formed: %v\n%s", err, svg)
					}
					break
				}
			}
			for _, want := range []string{`role="img"`, `aria-labelledby="c1-t c1-d"`, "<title id=\"c1-t\">カテゴリー別</title>", "PC: 1,234分", "ネットワーク&lt;&amp;&gt;"} {
				if !strings.Contains(svg, want) {
					t.Errorf("lacks %q", want)
				}
			}
			if strings.Count(svg, "1,234") < 2 && name != "stacked" { // in the description and drawn as text
				t.Errorf("the value is not written as text")
			}
		})
	}
}

func TestPercentileNearestRank(t *testing.T) {
	for _, tt := range []struct {
		in   []int
		p    float64
		want int
	}{{[]int{1, 2, 3, 4}, 50, 2}, {[]int{5, 1, 3}, 50, 3}, {[]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90, 9}, {nil, 50, 0}} {
		var d []int64
		for _, x := range tt.in {
			d = append(d, int64(x))
		}
		if got := report.Percentile(durations(d), tt.p); int(got) != tt.want {
			t.Errorf("P%v of %v = %v, want %v", tt.p, tt.in, int(got), tt.want)
		}
	}
}

func durations(v []int64) []time.Duration {
	out := make([]time.Duration, len(v))
	for i, x := range v {
		out[i] = time.Duration(x)
	}
	return out
}
