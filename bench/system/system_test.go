package main

import (
	"hitori/bench/internal/served"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		var ds []time.Duration
		for _, n := range ns {
			ds = append(ds, time.Duration(n)*time.Millisecond)
		}
		return ds
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 95, 0},
		{"one value", ms(7), 50, 7 * time.Millisecond},
		{"median of four is the second", ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{"p95 of 1..100", ms(hundred...), 95, 95 * time.Millisecond},
		{"p99 of 1..100", ms(hundred...), 99, 99 * time.Millisecond},
		{"p100 is the maximum", ms(1, 5, 9), 100, 9 * time.Millisecond},
		{"p0 is the minimum", ms(1, 5, 9), 0, time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := percentile(tt.sorted, tt.p); got != tt.want {
				t.Errorf("percentile(%v, %v) = %v, want %v", tt.sorted, tt.p, got, tt.want)
			}
		})
	}
}

func TestSummariseSortsAndCounts(t *testing.T) {
	s := summarise([]time.Duration{3 * time.Millisecond, time.Millisecond, 2 * time.Millisecond}, 1, "boom", 2*time.Second)
	if s.n != 3 || s.errors != 1 || s.p50 != 2*time.Millisecond || s.p99 != 3*time.Millisecond || s.perSecond() != 1.5 {
		t.Errorf("summarise = %+v, per second %v", s, s.perSecond())
	}
}

func TestFormatting(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{thousands(1000000), "1,000,000"},
		{thousands(999), "999"},
		{thousands(10000), "10,000"},
		{ms(1250 * time.Microsecond), "1.2"},
		{ms(49600 * time.Microsecond), "50"},
		{served.Memory{RssAnon: 20 * 1024, VmRSS: 900 * 1024}.String(), "20 MiB / 900 MiB"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestVerdict(t *testing.T) {
	board := &scenario{name: "board"}
	list := &scenario{name: "work list with text"}
	tests := []struct {
		name string
		r    result
		want string
	}{
		{"list meets 500/s", result{sc: list, seq: stats{p95: 40 * time.Millisecond}, conc: []stats{{n: 600, elapsed: time.Second}}}, "met"},
		{"board needs 1000/s", result{sc: board, seq: stats{p95: 40 * time.Millisecond}, conc: []stats{{n: 600, elapsed: time.Second}}}, "**miss**: req/s 60% of 1000"},
		{"slow p95", result{sc: list, seq: stats{p95: 100 * time.Millisecond}, conc: []stats{{n: 600, elapsed: time.Second}}}, "**miss**: p95 ×2.0"},
		{"errors", result{sc: list, seq: stats{errors: 1}, conc: []stats{{n: 600, elapsed: time.Second}}}, "**miss**: errors"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.verdict(); got != tt.want {
				t.Errorf("verdict = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMarkdownTable(t *testing.T) {
	rp := &report{database: "SQLite", in: installation{items: 1000000, articles: 10000}, conns: []int{8, 32},
		cold: []time.Duration{40 * time.Millisecond, 50 * time.Millisecond, 60 * time.Millisecond},
		results: []result{{sc: &scenario{name: "board", path: "GET /work", want: http.StatusOK},
			seq:  stats{p50: time.Millisecond, p95: 2 * time.Millisecond, p99: 3 * time.Millisecond},
			conc: []stats{{n: 2000, elapsed: time.Second}, {n: 1500, elapsed: time.Second, errors: 2, firstErr: "GET /work answered 500"}}}}}
	var b strings.Builder
	rp.writeMarkdown(&b)
	out := b.String()
	for _, want := range []string{
		"#### SQLite — 1,000,000 items, 10,000 articles",
		"median 50 ms, min 40, max 60 — target ≤ 100 ms: met",
		"| 8 conns req/s (p95 ms) | 32 conns req/s (p95 ms) |",
		"| board | `GET /work` | 1.0 / 2.0 / 3.0 | 2000 (0.0) | 1500 (0.0) |",
		"- board: 2 failed requests, first: GET /work answered 500",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
