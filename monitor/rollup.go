package monitor

import (
	"context"
	"time"

	"hitori"
)

// The roll-up is ordinary background work: a job-engine schedule, run by
// one process at a time.
const (
	JobRollup      = "monitor.rollup"
	RollupSchedule = "every 600s"
	// DefaultKeep is how long raw results are kept before only their
	// roll-ups remain.
	DefaultKeep = 48 * time.Hour
)

// RollupJob returns the handler of JobRollup: summarise finished hours and
// days, purge what is past its window.
func RollupJob(st hitori.MonitorRun, keep time.Duration, now func() time.Time) func(context.Context, *hitori.Job) error {
	if keep <= 0 {
		keep = DefaultKeep
	}
	if now == nil {
		now = time.Now
	}
	return func(ctx context.Context, _ *hitori.Job) error {
		return st.Rollup(ctx, now().UTC(), keep)
	}
}
