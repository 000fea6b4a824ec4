package web

import (
	"regexp"
	"testing"
)

// TestInputsNormalWeight: labels are semibold and inputs take `font:
// inherit` from them, so typed text came out semibold too (issue 9). The
// rule for inputs must reset the weight after inheriting the font.
func TestInputsNormalWeight(t *testing.T) {
	css, err := staticFS.ReadFile("static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	rule := regexp.MustCompile(`(?m)^input, select, textarea \{[^}]*\}`).Find(css)
	if rule == nil {
		t.Fatal("style.css: no rule for input, select, textarea")
	}
	if !regexp.MustCompile(`font: inherit;[^}]*font-weight: 400`).Match(rule) {
		t.Errorf("inputs inherit the label's weight: %s", rule)
	}
}
