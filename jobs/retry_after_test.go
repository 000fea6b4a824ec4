package jobs

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestDelayFor(t *testing.T) {
	c := Config{BackoffBase: 10 * time.Second, BackoffMax: time.Hour, Rand: func() float64 { return 0 }}
	base := errors.New("429")
	tests := []struct {
		name    string
		attempt int
		err     error
		want    time.Duration
	}{
		{"plain error: backoff", 1, base, 5 * time.Second},
		{"later Retry-After wins", 1, RetryAfter(base, 2*time.Minute), 2 * time.Minute},
		{"earlier Retry-After: backoff", 5, RetryAfter(base, time.Second), 80 * time.Second},
		{"capped at BackoffMax", 1, RetryAfter(base, 3*time.Hour), time.Hour},
		{"found through wrapping", 1, fmt.Errorf("notify: %w", RetryAfter(base, time.Minute)), time.Minute},
		{"kept under Permanent too", 1, Permanent(RetryAfter(base, time.Minute)), time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.delayFor(tt.attempt, tt.err); got != tt.want {
				t.Errorf("delayFor = %v, want %v", got, tt.want)
			}
		})
	}
	if RetryAfter(nil, time.Second) != nil {
		t.Error("RetryAfter(nil) is not nil")
	}
	if err := RetryAfter(base, time.Second); !errors.Is(err, base) || err.Error() != "429" {
		t.Errorf("RetryAfter hides its error: %v", err)
	}
}
