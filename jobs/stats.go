package jobs

import (
	"maps"
	"time"
)

// KindStats counts one kind's runs in this process since it started.
type KindStats struct {
	Runs     int64         // handler calls that ended
	Errors   int64         // of those, the ones that returned an error
	Failed   int64         // jobs moved to the failed state here
	RunTime  time.Duration // total handler time
	StoreErr int64         // results that could not be recorded
}

// Stats is a snapshot of an engine's counters, for /metrics.
type Stats struct {
	Kinds   map[string]KindStats
	Running int // handlers running now
	Waiting int // jobs claimed and waiting for a free worker
}

// Stats returns a copy of the counters.
func (e *Engine) Stats() Stats {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := Stats{Kinds: make(map[string]KindStats, len(e.stats))}
	for _, h := range e.held {
		if h.cancel != nil {
			s.Running++
		} else {
			s.Waiting++
		}
	}
	for k, v := range maps.All(e.stats) {
		s.Kinds[k] = *v
	}
	return s
}

func (e *Engine) count(kind string, took time.Duration, err error, failed bool, storeErr error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	k := e.stats[kind]
	if k == nil {
		k = &KindStats{}
		e.stats[kind] = k
	}
	k.Runs++
	k.RunTime += took
	if err != nil {
		k.Errors++
	}
	if failed {
		k.Failed++
	}
	if storeErr != nil {
		k.StoreErr++
	}
}
