package monitor

import (
	"container/heap"
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"hitori"
)

// Scheduler runs the monitors of the shards this process holds. It is a
// fast path beside the job engine (docs/monitors.md says why): one timer
// goroutine hands due checks to a bounded pool of workers, and one writer
// stores their results in batches.
type Scheduler struct {
	Store    hitori.MonitorRun
	Checkers *Checkers
	Holder   string // this process, unique among those sharing the database
	Log      *slog.Logger

	Workers    int           // concurrent checks; default 256
	Shards     int           // how the monitors are split between processes; default 32
	LeaseTTL   time.Duration // a dead process's shards move after this; default 6 s
	ClaimEvery time.Duration // lease renewal and reload of changed monitors; default 2 s
	FlushEvery time.Duration // results are written at least this often; default 1 s
	BatchMax   int           // and at most this many at once; default 2000

	mu      sync.Mutex // guards queue and entries; never held while checking
	queue   entryHeap
	entries map[int64]*entry
	wake    chan struct{}

	stats Stats
}

// Stats count what the scheduler did, for /metrics and the benchmark.
type Stats struct {
	Started atomic.Int64 // checks started
	Late    atomic.Int64 // started more than a second after their slot
	Skipped atomic.Int64 // slots missed because the previous run was still going
	Saved   atomic.Int64 // results stored
	Failed  atomic.Int64 // batches that could not be stored
}

// Stats returns the scheduler's counters.
func (s *Scheduler) Stats() *Stats { return &s.stats }

// entry is one scheduled monitor.
type entry struct {
	mon     atomic.Pointer[hitori.Monitor]
	state   hitori.MonitorState // written only by the one running check
	next    time.Time           // the next slot
	running atomic.Bool
	gone    atomic.Bool // removed at a reload: its last run is not rescheduled
	catchUp bool        // the next run is an overdue one outside the slots
	index   int
}

type job struct {
	e    *entry
	slot time.Time
}

type saved struct {
	r  hitori.CheckResult
	st hitori.MonitorState
	ev *hitori.MonitorEvent
}

func (s *Scheduler) defaults() {
	if s.Workers <= 0 {
		s.Workers = 256
	}
	if s.Shards <= 0 {
		s.Shards = 32
	}
	if s.LeaseTTL <= 0 {
		s.LeaseTTL = 6 * time.Second
	}
	if s.ClaimEvery <= 0 {
		s.ClaimEvery = 2 * time.Second
	}
	if s.FlushEvery <= 0 {
		s.FlushEvery = time.Second
	}
	if s.BatchMax <= 0 {
		s.BatchMax = 2000
	}
	if s.Log == nil {
		s.Log = slog.Default()
	}
	if s.Checkers == nil {
		s.Checkers = &Checkers{}
	}
	s.Checkers.Init()
	s.mu.Lock()
	s.entries = map[int64]*entry{}
	s.mu.Unlock()
	s.wake = make(chan struct{}, 1)
}

// Scheduled is how many monitors this process runs now.
func (s *Scheduler) Scheduled() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

// Run schedules checks until ctx ends, then stores what is pending and
// gives the shards up so another process takes them at once.
func (s *Scheduler) Run(ctx context.Context) error {
	s.defaults()
	jobs := make(chan job, s.Workers)
	results := make(chan saved, s.BatchMax)
	var workers, writer sync.WaitGroup
	for range s.Workers {
		workers.Go(func() { s.work(ctx, jobs, results) })
	}
	writer.Go(func() { s.write(results) })
	var loop sync.WaitGroup
	loop.Go(func() { s.claimLoop(ctx) })
	s.dispatch(ctx, jobs)
	loop.Wait()
	close(jobs)
	workers.Wait()
	close(results)
	writer.Wait()
	rel, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	return s.Store.ReleaseShards(rel, s.Holder)
}

// claimLoop renews the leases and reloads the monitors when the shards
// held or the monitors changed.
func (s *Scheduler) claimLoop(ctx context.Context) {
	var held []int
	version := ""
	t := time.NewTicker(s.ClaimEvery)
	defer t.Stop()
	for {
		shards, err := s.Store.ClaimShards(ctx, s.Holder, s.Shards, s.LeaseTTL)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			s.Log.Warn("monitors: claim shards", "err", err)
			shards = nil // a lease we cannot renew may be someone else's by now
		}
		v, err := s.Store.MonitorsVersion(ctx)
		if err == nil && (v != version || !equalInts(shards, held)) {
			if err = s.reload(ctx, shards); err == nil {
				version, held = v, shards
			}
		}
		if err != nil && ctx.Err() == nil {
			s.Log.Warn("monitors: reload", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// reload makes the scheduled set the unpaused monitors of shards. A
// monitor already scheduled keeps its in-memory state (newer than the
// stored one while a batch is pending); one taken over starts from the
// stored state.
func (s *Scheduler) reload(ctx context.Context, shards []int) error {
	ms, states, err := s.Store.LoadMonitors(ctx, shards, s.Shards)
	if err != nil {
		return err
	}
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	keep := map[int64]bool{}
	for i, m := range ms {
		if m.Paused {
			continue
		}
		keep[m.ID] = true
		if e := s.entries[m.ID]; e != nil {
			old := e.mon.Swap(m)
			if old.Interval != m.Interval {
				e.next = slotAfter(m, now)
				heap.Fix(&s.queue, e.index)
			}
			continue
		}
		e := &entry{state: *states[i], next: slotAfter(m, now)}
		if last := e.state.Last; last != nil && e.next.Sub(last.At) > m.Interval+time.Second {
			// Its own slot has passed unchecked: taken over from a process
			// that died, or after a restart. Run it soon, spread over a
			// quarter interval (1–5 s) so a restart with thousands is no
			// herd, then return to its slots.
			spread := min(max(m.Interval/4, time.Second), 5*time.Second)
			e.next, e.catchUp = now.Add(time.Duration(mix(uint64(m.ID))%uint64(spread))), true
		}
		e.mon.Store(m)
		s.entries[m.ID] = e
		heap.Push(&s.queue, e)
	}
	for id, e := range s.entries {
		if !keep[id] {
			e.gone.Store(true)
			heap.Remove(&s.queue, e.index)
			delete(s.entries, id)
		}
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
	return nil
}

// slotAfter is m's first slot after now. Each monitor has a stable offset
// within its interval (from its id), so checks of equal interval are
// spread evenly instead of all starting together.
func slotAfter(m *hitori.Monitor, now time.Time) time.Time {
	ivl := m.Interval.Nanoseconds()
	offset := int64(mix(uint64(m.ID)) % uint64(ivl))
	n := now.UnixNano()
	slot := (n-offset)/ivl*ivl + offset
	for slot <= n {
		slot += ivl
	}
	return time.Unix(0, slot)
}

// mix scatters consecutive ids (splitmix64's finaliser).
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// dispatch hands each due monitor to the pool and moves it to its next slot.
func (s *Scheduler) dispatch(ctx context.Context, jobs chan<- job) {
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		s.mu.Lock()
		var due []job
		now := time.Now()
		for len(s.queue) > 0 && !s.queue[0].next.After(now) {
			e := s.queue[0]
			due = append(due, job{e, e.next})
			if e.catchUp { // back to the stable slots, at least half an interval later
				e.next, e.catchUp = slotAfter(e.mon.Load(), now.Add(e.mon.Load().Interval/2)), false
			} else {
				e.next = e.next.Add(e.mon.Load().Interval)
			}
			for !e.next.After(now) { // behind by more than an interval (a stall): skip to the next slot
				e.next = e.next.Add(e.mon.Load().Interval)
				s.stats.Skipped.Add(1)
			}
			heap.Fix(&s.queue, 0)
		}
		wait := time.Hour
		if len(s.queue) > 0 {
			wait = time.Until(s.queue[0].next)
		}
		s.mu.Unlock()
		for _, j := range due {
			if !j.e.running.CompareAndSwap(false, true) {
				s.stats.Skipped.Add(1) // never two runs of one monitor at once
				continue
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
		if len(due) > 0 {
			continue // the pool was slow: look again before sleeping
		}
		timer.Reset(wait)
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case <-timer.C:
		}
	}
}

// work runs checks from the pool's queue.
func (s *Scheduler) work(ctx context.Context, jobs <-chan job, results chan<- saved) {
	for j := range jobs {
		if ctx.Err() != nil {
			j.e.running.Store(false)
			continue
		}
		if time.Since(j.slot) > time.Second {
			s.stats.Late.Add(1)
		}
		s.stats.Started.Add(1)
		m := j.e.mon.Load()
		r := s.Checkers.Check(ctx, m)
		if ctx.Err() != nil { // cut short by shutdown: not a real failure
			j.e.running.Store(false)
			continue
		}
		st, ev := Next(m, j.e.state, r)
		j.e.state = st
		j.e.running.Store(false)
		if !j.e.gone.Load() {
			results <- saved{r, st, ev}
		}
	}
}

// write stores results in batches: every FlushEvery, or at BatchMax.
func (s *Scheduler) write(results <-chan saved) {
	t := time.NewTicker(s.FlushEvery)
	defer t.Stop()
	var batch []saved
	flush := func() {
		if len(batch) == 0 {
			return
		}
		rs := make([]*hitori.CheckResult, len(batch))
		states := map[int64]*hitori.MonitorState{} // the newest per monitor
		var evs []*hitori.MonitorEvent
		for i := range batch {
			b := &batch[i]
			rs[i] = &b.r
			states[b.r.MonitorID] = &b.st
			if b.ev != nil {
				evs = append(evs, b.ev)
			}
		}
		sts := make([]*hitori.MonitorState, 0, len(states))
		for _, st := range states {
			sts = append(sts, st)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := s.Store.SaveResults(ctx, rs, sts, evs); err != nil {
			s.stats.Failed.Add(1)
			s.Log.Warn("monitors: save results", "err", err, "results", len(rs))
			if len(batch) < 10*s.BatchMax {
				return // kept for the next flush
			}
		} else {
			s.stats.Saved.Add(int64(len(rs)))
		}
		batch = make([]saved, 0, len(batch)) // the store may keep pointers into the old one
	}
	for {
		select {
		case r, ok := <-results:
			if !ok {
				flush()
				return
			}
			batch = append(batch, r)
			if len(batch) >= s.BatchMax {
				flush()
			}
		case <-t.C:
			flush()
		}
	}
}

// entryHeap orders entries by their next slot.
type entryHeap []*entry

func (h entryHeap) Len() int           { return len(h) }
func (h entryHeap) Less(i, j int) bool { return h[i].next.Before(h[j].next) }
func (h entryHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}
func (h *entryHeap) Push(x any) {
	e := x.(*entry)
	e.index = len(*h)
	*h = append(*h, e)
}
func (h *entryHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}
