package jobs

import (
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"time"

	"hitori/sla"
)

// Config tunes an Engine. Zero fields get the defaults noted.
type Config struct {
	Owner     string        // names this process in leases; default host-pid-random
	Workers   int           // handlers running at once; default 4
	Batch     int           // most jobs claimed ahead for free workers (fewer for slow jobs: see fill); default 64
	Gather    time.Duration // pause after a claim that took every due job, so the next takes several; default 5ms
	Lease     time.Duration // how long a claim holds without renewal; default 30s
	Poll      time.Duration // longest wait between claims when idle; default 1s
	Timeout   time.Duration // per job; default 5m
	Retention time.Duration // done jobs kept; default 7 days
	StopWait  time.Duration // for running handlers on stop; default 10s
	// BackoffBase is the first retry delay, doubled each attempt up to
	// BackoffMax; defaults 10s and 1h.
	BackoffBase, BackoffMax time.Duration
	Location                *time.Location // schedules' wall clock; default Asia/Tokyo
	Calendar                *sla.Calendar  // business days; default sla.DefaultCalendar()
	Now                     func() time.Time
	Rand                    func() float64 // in [0,1), for jitter
	Logger                  *slog.Logger
}

func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.Lease, 30*time.Second)
	def(&c.Poll, time.Second)
	def(&c.Timeout, 5*time.Minute)
	def(&c.Retention, 7*24*time.Hour)
	def(&c.StopWait, 10*time.Second)
	def(&c.BackoffBase, 10*time.Second)
	def(&c.BackoffMax, time.Hour)
	def(&c.Gather, 5*time.Millisecond)
	if c.Workers <= 0 {
		c.Workers = 4
	}
	if c.Batch <= 0 {
		c.Batch = max(64, 2*c.Workers)
	}
	if c.Owner == "" {
		host, _ := os.Hostname()
		c.Owner = fmt.Sprintf("%s-%d-%06x", host, os.Getpid(), rand.Uint32()&0xffffff)
	}
	if c.Location == nil {
		c.Location = tokyo()
	}
	if c.Calendar == nil {
		c.Calendar = sla.DefaultCalendar()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Rand == nil {
		c.Rand = rand.Float64
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// tokyo is Asia/Tokyo, or +09:00 on a host without tzdata (exact: Japan
// has no daylight saving time).
func tokyo() *time.Location {
	if loc, err := time.LoadLocation("Asia/Tokyo"); err == nil {
		return loc
	}
	return time.FixedZone("JST", 9*60*60)
}

// backoff is the delay before retrying after the attempt-th run failed:
// doubling from BackoffBase, capped at BackoffMax, with half of it random
// so jobs that failed together do not retry together.
func (c Config) backoff(attempt int) time.Duration {
	d := c.BackoffBase
	for i := 1; i < attempt && d < c.BackoffMax; i++ {
		d *= 2
	}
	d = min(d, c.BackoffMax)
	return d/2 + time.Duration(c.Rand()*float64(d/2))
}
