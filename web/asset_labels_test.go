package web

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestLabelLayoutsMatchCSS: each sheet's CSS rule lays out what
// labelLayouts says, and the labels with their margins fit on A4 with the
// margins equal on opposite sides.
func TestLabelLayoutsMatchCSS(t *testing.T) {
	css, err := staticFS.ReadFile("static/asset_labels.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range labelLayouts {
		want := fmt.Sprintf(".sheet-%s { padding: %smm %smm 0; grid-template-columns: repeat(%d, %smm); grid-auto-rows: %smm; }",
			l.ID, mm(l.TopMM), mm(l.LeftMM), l.Cols, mm(l.WidthMM), mm(l.HeightMM))
		if !strings.Contains(string(css), want) {
			t.Errorf("asset_labels.css lacks %q", want)
		}
		right := 210 - l.LeftMM - float64(l.Cols)*l.WidthMM
		bottom := 297 - l.TopMM - float64(l.Rows)*l.HeightMM
		if math.Abs(right-l.LeftMM) > 0.05 || math.Abs(bottom-l.TopMM) > 0.05 {
			t.Errorf("%s: margins left %.1f right %.1f top %.1f bottom %.1f mm", l.ID, l.LeftMM, right, l.TopMM, bottom)
		}
	}
}

// mm writes a length as the CSS does: no trailing zeros.
func mm(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", v), "0"), ".")
}
