package jobs

import (
	"testing"
	"time"
)

func TestParseSpec(t *testing.T) {
	tests := []struct {
		in   string
		want Spec
		text string // String(); "" means in
	}{
		{"every 30s", Spec{Every: 30 * time.Second}, ""},
		{"Every 1h30m", Spec{Every: 90 * time.Minute}, "every 1h30m0s"},
		{"daily 09:00", Spec{Unit: "daily", Clock: 9 * time.Hour}, ""},
		{"daily 9:05 business", Spec{Unit: "daily", Clock: 9*time.Hour + 5*time.Minute, Business: true}, "daily 09:05 business"},
		{"weekly MON 23:59", Spec{Unit: "weekly", Weekday: time.Monday, Clock: 23*time.Hour + 59*time.Minute}, "weekly mon 23:59"},
		{"monthly 31 00:00 business", Spec{Unit: "monthly", Day: 31, Business: true}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSpec(tt.in)
			if err != nil || got != tt.want {
				t.Fatalf("ParseSpec(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			}
			text := tt.text
			if text == "" {
				text = tt.in
			}
			if got.String() != text {
				t.Fatalf("String() = %q, want %q", got.String(), text)
			}
		})
	}
	for _, in := range []string{"", "every", "every 0.5s", "every x", "every 30s business", "daily", "daily 24:00",
		"daily 9:0", "daily 09:60", "daily -1:00", "weekly xyz 09:00", "weekly mon", "monthly 0 09:00",
		"monthly 32 09:00", "hourly 09:00", "daily 09:00 business extra", "business"} {
		if s, err := ParseSpec(in); err == nil {
			t.Errorf("ParseSpec(%q) = %+v, want an error", in, s)
		}
	}
}

func TestSpecNext(t *testing.T) {
	tokyo := tokyo()
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, tokyo) }
	tests := []struct {
		name, spec  string
		after, want time.Time
	}{
		{"interval", "every 30s", at(2026, 12, 6, 8, 0), at(2026, 12, 6, 8, 0).Add(30 * time.Second)},
		{"later today", "daily 09:00", at(2026, 12, 6, 8, 0), at(2026, 12, 6, 9, 0)},
		{"strictly after", "daily 09:00", at(2026, 12, 6, 9, 0), at(2026, 12, 7, 9, 0)},
		{"business daily skips the weekend", "daily 09:00 business", at(2026, 12, 5, 10, 0), at(2026, 12, 7, 9, 0)},
		{"weekly", "weekly sun 23:30", at(2026, 12, 6, 23, 0), at(2026, 12, 6, 23, 30)},
		{"weekly business moves off a holiday", "weekly mon 09:00 business", at(2026, 11, 20, 12, 0), at(2026, 11, 24, 9, 0)},
		{"monthly business skips 年末年始", "monthly 1 09:00 business", at(2026, 12, 2, 0, 0), at(2027, 1, 4, 9, 0)},
		{"moved run after its nominal day", "monthly 1 09:00 business", at(2027, 1, 4, 8, 0), at(2027, 1, 4, 9, 0)},
		{"after a moved run", "monthly 1 09:00 business", at(2027, 1, 4, 10, 0), at(2027, 2, 1, 9, 0)},
		{"day 31 in February", "monthly 31 09:00", at(2026, 2, 1, 0, 0), at(2026, 2, 28, 9, 0)},
		{"UTC input", "daily 09:00", time.Date(2026, 12, 6, 0, 30, 0, 0, time.UTC), at(2026, 12, 7, 9, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSpec(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Next(tt.after, tokyo, nil); !got.Equal(tt.want) {
				t.Fatalf("Next(%v) = %v, want %v", tt.after, got.In(tokyo), tt.want)
			}
		})
	}
}

func FuzzParseSpec(f *testing.F) {
	for _, s := range []string{"every 30s", "daily 09:00", "weekly mon 09:00 business", "monthly 31 23:59 business", "every 1h"} {
		f.Add(s)
	}
	after := time.Date(2026, 12, 6, 1, 2, 3, 0, time.UTC)
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ParseSpec(in)
		if err != nil {
			return
		}
		again, err := ParseSpec(s.String())
		if err != nil || again != s {
			t.Fatalf("%q: String() %q parses to %+v, %v", in, s.String(), again, err)
		}
		if next := s.Next(after, tokyo(), nil); !next.After(after) {
			t.Fatalf("%q: Next(%v) = %v, not after", in, after, next)
		}
	})
}

func TestBackoff(t *testing.T) {
	r := 0.0
	c := Config{BackoffBase: 10 * time.Second, BackoffMax: time.Minute, Rand: func() float64 { return r }}.withDefaults()
	tests := []struct {
		attempt int
		rand    float64
		want    time.Duration
	}{
		{1, 0, 5 * time.Second},
		{1, 0.5, 7500 * time.Millisecond},
		{2, 0, 10 * time.Second},
		{3, 0.999999, 40*time.Second - 20*time.Microsecond},
		{4, 0, 30 * time.Second}, // capped at a minute
		{60, 0, 30 * time.Second},
	}
	for _, tt := range tests {
		r = tt.rand
		if got := c.backoff(tt.attempt); got != tt.want {
			t.Errorf("backoff(%d) with rand %v = %v, want %v", tt.attempt, tt.rand, got, tt.want)
		}
	}
}
