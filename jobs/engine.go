package jobs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"hitori"
)

// Engine claims and runs jobs for one process. Build it with New, Register
// handlers and Declare schedules, then call Run once.
type Engine struct {
	store Store
	cfg   Config

	mu       sync.Mutex
	handlers map[string]Handler
	held     map[int64]*held // claimed jobs, waiting or running, by ID
	done     *completer
	stats    map[string]*KindStats

	wake    chan struct{} // a job was enqueued here: claim now
	taken   chan struct{} // a worker took a job from the buffer: there is room to claim
	started atomic.Bool
}

// New returns an engine over store; zero Config fields get defaults.
func New(store Store, cfg Config) *Engine {
	return &Engine{store: store, cfg: cfg.withDefaults(),
		handlers: map[string]Handler{}, held: map[int64]*held{}, stats: map[string]*KindStats{},
		done: newCompleter(),
		wake: make(chan struct{}, 1), taken: make(chan struct{}, 1)}
}

// Owner is the name this engine holds leases under.
func (e *Engine) Owner() string { return e.cfg.Owner }

// Register sets the handler for a kind of job. It panics when called after
// Run or twice for a kind: both are wiring mistakes, found at start.
func (e *Engine) Register(kind string, h Handler) {
	if e.started.Load() {
		panic("jobs: Register after Run")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, dup := e.handlers[kind]; dup || h == nil {
		panic(fmt.Sprintf("jobs: handler for %q registered twice or nil", kind))
	}
	e.handlers[kind] = h
}

// Declare adds or updates a recurring schedule by name. A schedule whose
// spec did not change keeps its next run, so every process may declare its
// schedules at each start.
func (e *Engine) Declare(ctx context.Context, s hitori.Schedule) error {
	spec, err := ParseSpec(s.Spec)
	if err != nil {
		return hitori.Errorf(hitori.EINVALID, "%v", err)
	}
	if s.Name == "" || s.Kind == "" {
		return hitori.Errorf(hitori.EINVALID, "a schedule needs a name and a kind")
	}
	s.Spec = spec.String()
	s.NextRun = spec.Next(e.cfg.Now(), e.cfg.Location, e.cfg.Calendar)
	s.Enabled = true
	return e.store.PutSchedule(ctx, &s)
}

// Wake makes a running engine claim now rather than at its next poll; call
// it after enqueueing a job this process should start at once.
func (e *Engine) Wake() {
	select {
	case e.wake <- struct{}{}:
	default:
	}
}

// kinds lists the registered kinds: the engine claims only those.
func (e *Engine) kinds() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	ks := make([]string, 0, len(e.handlers))
	for k := range e.handlers {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// Run claims and runs jobs and fires schedules until ctx ends. Then it
// waits up to StopWait for running handlers, cancels the rest, and hands
// their jobs and the claimed ones no worker started back to the queue so
// another process takes them at once.
func (e *Engine) Run(ctx context.Context) error {
	if !e.started.CompareAndSwap(false, true) {
		return errors.New("jobs: Run called twice")
	}
	// Handlers outlive ctx by up to StopWait, so their context is separate.
	base, cancelHandlers := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelHandlers()
	var workers, background sync.WaitGroup
	stopHeartbeat, stopCompleter := make(chan struct{}), make(chan struct{})
	background.Go(func() { e.heartbeat(stopHeartbeat) })
	background.Go(func() { e.runCompleter(stopCompleter) })
	background.Go(func() { e.maintain(ctx) })

	queue, f := make(chan *hitori.Job, e.cfg.Batch), newFill(e.cfg.Workers, e.cfg.Batch)
	for range e.cfg.Workers {
		workers.Go(func() { e.work(ctx, base, queue, f) })
	}
	e.dispatch(ctx, queue, f)

	finished := make(chan struct{})
	go func() { workers.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(e.cfg.StopWait):
		cancelHandlers()
		select { // a handler that heeds its context returns promptly
		case <-finished:
		case <-time.After(time.Second):
			e.cfg.Logger.Warn("jobs: handlers still running at stop; their jobs are requeued")
		}
	}
	close(stopCompleter) // done jobs are written before the rest are released
	close(stopHeartbeat)
	background.Wait()
	rctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if n, err := e.store.Release(rctx, e.cfg.Owner); err != nil {
		return fmt.Errorf("jobs: release leases: %w", err)
	} else if n > 0 {
		e.cfg.Logger.Info("jobs: released unfinished jobs", "n", n)
	}
	return nil
}
