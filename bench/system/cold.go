package main

import (
	"context"
	"slices"
	"time"

	"hitori/bench/internal/served"
)

// coldStarts starts and stops the server k times and returns the start
// times and the CPU time used until ready, each sorted: the page cache is
// warm, as after a restart.
func coldStarts(ctx context.Context, bin string, dbArgs []string, k int) (ts, cpu []time.Duration, err error) {
	for range k {
		s, err := served.Start(ctx, bin, dbArgs)
		if err != nil {
			return nil, nil, err
		}
		ts, cpu = append(ts, s.Started), append(cpu, s.CPU)
		s.Stop()
	}
	slices.Sort(ts)
	slices.Sort(cpu)
	return ts, cpu, nil
}
