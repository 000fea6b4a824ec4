package monitor

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hitori"
)

// memStore is an in-memory MonitorRun for the scheduler's tests.
type memStore struct {
	mu       sync.Mutex
	monitors []*hitori.Monitor
	version  int
	results  []*hitori.CheckResult
	events   []*hitori.MonitorEvent
	batches  int
	released bool
}

func (s *memStore) ClaimShards(_ context.Context, _ string, shards int, _ time.Duration) ([]int, error) {
	out := make([]int, shards)
	for i := range out {
		out[i] = i
	}
	return out, nil
}
func (s *memStore) ReleaseShards(context.Context, string) error { s.released = true; return nil }
func (s *memStore) LoadMonitors(_ context.Context, _ []int, _ int) ([]*hitori.Monitor, []*hitori.MonitorState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var sts []*hitori.MonitorState
	for _, m := range s.monitors {
		sts = append(sts, &hitori.MonitorState{MonitorID: m.ID, Status: hitori.MonitorPending})
	}
	return append([]*hitori.Monitor(nil), s.monitors...), sts, nil
}
func (s *memStore) SaveResults(_ context.Context, rs []*hitori.CheckResult, _ []*hitori.MonitorState, evs []*hitori.MonitorEvent) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.results, s.events = append(s.results, rs...), append(s.events, evs...)
	s.batches++
	return nil
}
func (s *memStore) LastBeat(context.Context, int64) (time.Time, error)     { return time.Time{}, nil }
func (s *memStore) Rollup(context.Context, time.Time, time.Duration) error { return nil }
func (s *memStore) MonitorsVersion(context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strconv.Itoa(s.version), nil
}

func TestSchedulerOneRunAtATimeAndBatches(t *testing.T) {
	var running, overlap, calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.URL.Path == "/slow" {
			if running.Add(1) > 1 {
				overlap.Add(1)
			}
			time.Sleep(250 * time.Millisecond) // longer than the interval
			running.Add(-1)
		}
		if r.URL.Path == "/down" {
			w.WriteHeader(500)
		}
	}))
	defer srv.Close()
	st := &memStore{}
	// Intervals below the 10 s minimum keep the test short; the scheduler does not care.
	st.monitors = append(st.monitors, &hitori.Monitor{ID: 1, Type: hitori.MonitorHTTP, Target: srv.URL + "/slow", Interval: 50 * time.Millisecond, Timeout: time.Second})
	st.monitors = append(st.monitors, &hitori.Monitor{ID: 2, Type: hitori.MonitorHTTP, Target: srv.URL + "/down", Interval: 50 * time.Millisecond, Timeout: time.Second})
	for i := range 20 {
		st.monitors = append(st.monitors, &hitori.Monitor{ID: int64(10 + i), Type: hitori.MonitorHTTP, Target: srv.URL + "/ok", Interval: 50 * time.Millisecond, Timeout: time.Second})
	}
	s := &Scheduler{Store: st, Holder: "t", Workers: 8, ClaimEvery: 20 * time.Millisecond, FlushEvery: 100 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.Run(ctx) }()
	waitFor(t, func() bool { st.mu.Lock(); defer st.mu.Unlock(); return len(st.results) > 200 && len(st.events) > 0 })
	// A deleted monitor stops being checked.
	st.mu.Lock()
	st.monitors, st.version = st.monitors[:2], st.version+1
	st.mu.Unlock()
	waitFor(t, func() bool { return s.Scheduled() == 2 })
	deleted := func() (n, all, batches int) {
		st.mu.Lock()
		defer st.mu.Unlock()
		for _, r := range st.results {
			if r.MonitorID >= 10 {
				n++
			}
		}
		return n, len(st.results), st.batches
	}
	_, _, b0 := deleted()
	waitFor(t, func() bool { _, _, b := deleted(); return b >= b0+2 }) // what was in flight is stored
	gone, all, _ := deleted()
	waitFor(t, func() bool { _, n, _ := deleted(); return n > all+20 })
	if again, _, _ := deleted(); again != gone {
		t.Fatalf("deleted monitors still checked: %d results, then %d", gone, again)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if overlap.Load() != 0 {
		t.Fatalf("%d overlapping runs of one monitor", overlap.Load())
	}
	if s.Stats().Skipped.Load() == 0 {
		t.Fatal("the slow monitor's missed slots were not counted")
	}
	if st.batches*5 > len(st.results) {
		t.Fatalf("%d results in %d batches: not batched", len(st.results), st.batches)
	}
	if st.events[0].MonitorID != 2 || st.events[0].To != hitori.MonitorDown {
		t.Fatalf("events %+v", st.events[0])
	}
	if !st.released {
		t.Fatal("shards not released on shutdown")
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for range 500 {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("condition not met in 10 s")
}

func TestSlotsSpreadEvenly(t *testing.T) {
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	perSecond := make([]int, 60)
	for id := range int64(6000) {
		m := &hitori.Monitor{ID: id + 1, Interval: time.Minute}
		slot := slotAfter(m, now)
		if !slot.After(now) || slot.Sub(now) > time.Minute {
			t.Fatalf("slot %v", slot)
		}
		if again := slotAfter(m, now.Add(time.Millisecond)); !again.Equal(slot) && slot.Sub(now) > time.Millisecond {
			t.Fatalf("unstable slot %v %v", slot, again)
		}
		perSecond[slot.Sub(now)/time.Second]++
	}
	for s, n := range perSecond { // 100 per second on average
		if n < 60 || n > 140 {
			t.Fatalf("second %d has %d checks: a herd", s, n)
		}
	}
}
