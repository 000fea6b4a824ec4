package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"sync"
	"time"
)

// A scenario is one thing a user does: a request builder, the status it
// must answer, and who does it.
type scenario struct {
	name   string // what the user does, as the report's first column
	path   string // the request as shown in the report
	as     *session
	want   int
	build  func(s *session, i int) (*http.Request, error) // i counts requests, for varying ids and words
	writes bool                                           // it changes data (create, reply)
}

// stats summarises one run of a scenario.
type stats struct {
	n        int
	errors   int // transport errors and unexpected statuses
	firstErr string
	elapsed  time.Duration
	p50, p95 time.Duration
	p99      time.Duration
}

// perSecond is the throughput of the run.
func (s stats) perSecond() float64 {
	if s.elapsed <= 0 {
		return 0
	}
	return float64(s.n) / s.elapsed.Seconds()
}

// percentile returns the p-th percentile (0–100) of sorted latencies by the
// nearest-rank method: the smallest value with at least p % of the values
// at or below it.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[min(max(rank, 1), len(sorted))-1]
}

// summarise turns raw latencies into stats.
func summarise(lat []time.Duration, errs int, firstErr string, elapsed time.Duration) stats {
	slices.Sort(lat)
	return stats{n: len(lat), errors: errs, firstErr: firstErr, elapsed: elapsed,
		p50: percentile(lat, 50), p95: percentile(lat, 95), p99: percentile(lat, 99)}
}

// do sends one request of sc and checks its status.
func do(client *http.Client, sc *scenario, i int) error {
	req, err := sc.build(sc.as, i)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != sc.want {
		return fmt.Errorf("%s answered %d, want %d", sc.path, resp.StatusCode, sc.want)
	}
	return nil
}

// newClient keeps one idle connection per worker, as a browser keeps its
// connection, and never follows redirects (a form's 303 is the answer).
func newClient(conns int) *http.Client {
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, IdleConnTimeout: time.Minute}
	return &http.Client{Transport: tr, Timeout: 60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// run drives sc with conns workers until n requests are done or d has
// passed, whichever is first (n 0: only d), after a short warm-up.
func run(ctx context.Context, sc *scenario, conns, n int, d time.Duration, counter *int) stats {
	client := newClient(conns)
	defer client.CloseIdleConnections()
	for range min(conns, 4) { // warm-up: open connections, fill caches
		*counter++
		_ = do(client, sc, *counter)
	}
	var (
		mu       sync.Mutex
		lat      = make([]time.Duration, 0, 4096)
		errs     int
		firstErr string
		next     = *counter
		wg       sync.WaitGroup
	)
	deadline := time.Now().Add(d)
	start := time.Now()
	for range conns {
		wg.Go(func() {
			for ctx.Err() == nil && time.Now().Before(deadline) {
				mu.Lock()
				if n > 0 && len(lat)+errs >= n {
					mu.Unlock()
					return
				}
				next++
				i := next
				mu.Unlock()
				t := time.Now()
				err := do(client, sc, i)
				took := time.Since(t)
				mu.Lock()
				if err != nil {
					errs++
					if firstErr == "" {
						firstErr = err.Error()
					}
				} else {
					lat = append(lat, took)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	*counter = next
	return summarise(lat, errs, firstErr, time.Since(start))
}
