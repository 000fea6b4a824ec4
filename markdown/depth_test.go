package markdown

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestContainerDepth(t *testing.T) {
	tests := []struct {
		line string
		want int
	}{
		{"", 0},
		{"text > quote", 0},
		{"> > a", 2},
		{">>>", 3},
		{"- > 1. * + x", 5},
		{"1) 2. 3.x", 2},
		{"-x", 0},
		{"- ", 1},
		{"1234567890. x", 0}, // ten digits is not a list marker
		{"  > \t- a", 2},
		{"---", 0},
	}
	for _, tt := range tests {
		if got := containerDepth(tt.line); got != tt.want {
			t.Errorf("containerDepth(%q) = %d, want %d", tt.line, got, tt.want)
		}
	}
}

func TestTooDeepLine(t *testing.T) {
	over := MaxNesting + 1
	tests := []struct {
		name string
		body string
		want int
	}{
		{"plain", "a\nb\n", -1},
		{"quotes at the limit", strings.Repeat(">", MaxNesting) + " x", -1},
		{"quotes over", "a\n" + strings.Repeat(">", over), 1},
		{"brackets at the limit", strings.Repeat("[", MaxNesting) + strings.Repeat("]", MaxNesting), -1},
		{"brackets over", strings.Repeat("[", over) + "x" + strings.Repeat("]", over), 0},
		{"brackets over across lines", strings.Repeat("[", over) + "\nx]", 1},
		{"blank line ends the block", strings.Repeat("[", over) + "\n\n]", -1},
		{"unclosed brackets are cheap", strings.Repeat("[", 10*over), -1},
		{"escaped brackets are text", strings.Repeat("\\[", over) + strings.Repeat("]", over), -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tooDeepLine(tt.body, MaxNesting); got != tt.want {
				t.Errorf("tooDeepLine = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestTooDeep(t *testing.T) {
	deep := "ok\n" + strings.Repeat("> ", MaxNesting) + "fine\n" + strings.Repeat(">", MaxNesting+1) + " x\n"
	if got := tooDeepLine(deep, MaxNesting); got != 2 {
		t.Errorf("tooDeepLine = %d, want 2", got)
	}
	_, _, err := Render(deep)
	var perr *ParseError
	if !errors.As(err, &perr) || perr.Reason != ReasonTooDeep || perr.Line != 3 {
		t.Errorf("Render: got %v, want nesting_too_deep at line 3", err)
	}
	if got, want := PlainText(deep), "ok\n"+strings.TrimSpace(strings.Repeat("> ", MaxNesting))+" fine\n"+strings.Repeat(">", MaxNesting+1)+" x"; got != want {
		t.Errorf("PlainText fallback\n got: %q\nwant: %q", got, want)
	}
}

// TestAdversarialBodiesAreBounded renders bodies built to hit goldmark's
// slow paths. A quarter of MaxBodyBytes keeps the suite quick while a
// quadratic path would still take minutes; the time bound is loose because
// shared CI machines are slow.
func TestAdversarialBodiesAreBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	const size = MaxBodyBytes / 4
	fill := func(unit string) string { return truncate(strings.Repeat(unit, size/len(unit)), size) }
	bodies := map[string]string{
		"quotes at the limit":   fill(strings.Repeat("> ", MaxNesting) + "x\n"),
		"lists at the limit":    fill(strings.Repeat("- ", MaxNesting) + "x\n"),
		"open brackets":         fill("["),
		"brackets at the limit": fill(strings.Repeat("[", MaxNesting) + strings.Repeat("]", MaxNesting) + "\n\n"),
		"emphasis":              fill("*a _b "),
		"links":                 fill("[a](b) "),
		"raw html":              fill("<div>"),
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			if _, _, err := Render(body); err != nil {
				t.Fatal(err)
			}
			_ = PlainText(body)
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}
