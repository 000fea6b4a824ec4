package jobs

import (
	"context"
	"testing"
	"time"

	"hitori"
)

func TestRenewedFencesWaitingJobs(t *testing.T) {
	e := New(nil, Config{Lease: time.Minute})
	t0 := time.Now()
	renewal := t0.Add(time.Second)
	tests := []struct {
		name    string
		claimed time.Time
		until   time.Time // zero: claimed + lease
		inReply bool
		starts  bool
	}{
		{"renewed", t0, time.Time{}, true, true},
		{"taken by another process", t0, time.Time{}, false, false},
		{"claimed while the renewal ran", renewal.Add(time.Millisecond), time.Time{}, false, true},
		{"lease ran out while waiting", t0, t0.Add(-time.Second), true, false},
	}
	var ids []int64
	for i, tt := range tests {
		id := int64(i + 1)
		e.hold([]*hitori.Job{{ID: id}}, tt.claimed)
		if !tt.until.IsZero() {
			e.held[id].until = tt.until
		}
		if tt.inReply {
			ids = append(ids, id)
		}
	}
	e.renewed(renewal, ids)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.until.IsZero() {
				e.held[int64(i+1)].until = tt.until // a renewal that failed would not have moved it
			}
			_, got := e.begin(context.Background(), &hitori.Job{ID: int64(i + 1)})
			if got != tt.starts {
				t.Fatalf("starts %v, want %v", got, tt.starts)
			}
		})
	}
	if st := e.Stats(); st.Running != 2 || st.Waiting != 0 {
		t.Fatalf("stats %+v, want 2 running, none waiting", st)
	}
}

func TestFillFollowsStartRate(t *testing.T) {
	tests := []struct {
		name    string
		started int64 // jobs started in the last 100 ms
		want    int
	}{
		{"slow jobs keep the floor", 1, 8},
		{"fast jobs reach the cap", 10000, 64},
		{"in between moves halfway", 40, 24},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFill(4, 64)
			f.since = time.Now().Add(-fillWindow)
			f.started.Store(tt.started)
			// The clock moves on between setting since and target: allow one less.
			if got := f.target(); got != tt.want && got != tt.want-1 {
				t.Fatalf("target %d, want %d", got, tt.want)
			}
		})
	}
}
