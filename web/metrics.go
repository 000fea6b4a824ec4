package web

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"

	"hitori/jobs"
)

// metrics keeps request counters and latency histograms per route, written
// in the Prometheus text format by hand (a few lines instead of a dependency).
type metrics struct {
	mu       sync.Mutex
	requests map[[2]string]uint64 // route, status
	hist     map[string]*histogram
}

var buckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

type histogram struct {
	counts []uint64
	sum    float64
	n      uint64
}

func newMetrics() *metrics {
	return &metrics{requests: map[[2]string]uint64{}, hist: map[string]*histogram{}}
}

func (m *metrics) observe(route string, status int, d time.Duration) {
	if status == 0 {
		status = http.StatusOK
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[[2]string{route, strconv.Itoa(status)}]++
	h := m.hist[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(buckets))}
		m.hist[route] = h
	}
	sec := d.Seconds()
	for i, b := range buckets {
		if sec <= b {
			h.counts[i]++
		}
	}
	h.sum += sec
	h.n++
}

func (s *Server) metricsPage(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	m := s.metrics
	m.mu.Lock()
	keys := make([][2]string, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1] })
	fmt.Fprintln(w, "# HELP hitori_http_requests_total HTTP requests by route and status.")
	fmt.Fprintln(w, "# TYPE hitori_http_requests_total counter")
	for _, k := range keys {
		fmt.Fprintf(w, "hitori_http_requests_total{route=%q,status=%q} %d\n", k[0], k[1], m.requests[k])
	}
	routes := make([]string, 0, len(m.hist))
	for r := range m.hist {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	fmt.Fprintln(w, "# HELP hitori_http_request_duration_seconds Request latency by route.")
	fmt.Fprintln(w, "# TYPE hitori_http_request_duration_seconds histogram")
	for _, rt := range routes {
		h := m.hist[rt]
		for i, b := range buckets {
			fmt.Fprintf(w, "hitori_http_request_duration_seconds_bucket{route=%q,le=\"%g\"} %d\n", rt, b, h.counts[i])
		}
		fmt.Fprintf(w, "hitori_http_request_duration_seconds_bucket{route=%q,le=\"+Inf\"} %d\n", rt, h.n)
		fmt.Fprintf(w, "hitori_http_request_duration_seconds_sum{route=%q} %g\n", rt, h.sum)
		fmt.Fprintf(w, "hitori_http_request_duration_seconds_count{route=%q} %d\n", rt, h.n)
	}
	m.mu.Unlock()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	gauge := func(name, help string, v float64) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n%s %g\n", name, help, name, name, v)
	}
	gauge("hitori_goroutines", "Goroutines.", float64(runtime.NumGoroutine()))
	gauge("hitori_heap_alloc_bytes", "Heap bytes in use.", float64(ms.HeapAlloc))
	gauge("hitori_sys_bytes", "Bytes obtained from the OS.", float64(ms.Sys))
	gauge("hitori_uptime_seconds", "Seconds since start.", time.Since(s.started).Seconds())
	// Resident memory as the kernel splits it (Linux): the process's own
	// (anon) and mapped file pages, which for SQLite are the database in the
	// OS cache, counted once per reader connection (docs/memory.md).
	for _, m := range residentMemory() {
		gauge("hitori_resident_"+m.kind+"_bytes", m.help, float64(m.bytes))
	}
	up := 1.0
	if err := s.stores.Health.Ping(r.Context()); err != nil {
		up = 0
	}
	gauge("hitori_database_up", "1 when the database answers.", up)
	s.jobMetrics(r.Context(), w)
	return nil
}

// jobMetrics reports the queue depth by kind and state (from the database,
// so every process shows the whole queue) and this process's runs, run
// time and failures by kind.
func (s *Server) jobMetrics(ctx context.Context, w io.Writer) {
	if s.jobs != nil {
		if counts, err := s.jobs.Counts(ctx); err == nil {
			fmt.Fprintln(w, "# HELP hitori_jobs Background jobs in the database by kind and state.")
			fmt.Fprintln(w, "# TYPE hitori_jobs gauge")
			for _, c := range counts {
				fmt.Fprintf(w, "hitori_jobs{kind=%q,state=%q} %d\n", c.Kind, c.State, c.N)
			}
		}
	}
	if s.cfg.JobStats == nil {
		return
	}
	st := s.cfg.JobStats.Stats()
	kinds := slices.Sorted(maps.Keys(st.Kinds))
	counter := func(name, help string, v func(jobs.KindStats) float64) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n", name, help, name)
		for _, k := range kinds {
			fmt.Fprintf(w, "%s{kind=%q} %g\n", name, k, v(st.Kinds[k]))
		}
	}
	counter("hitori_job_runs_total", "Job runs finished by this process.", func(k jobs.KindStats) float64 { return float64(k.Runs) })
	counter("hitori_job_errors_total", "Job runs that returned an error (retried or failed).", func(k jobs.KindStats) float64 { return float64(k.Errors) })
	counter("hitori_job_failures_total", "Jobs moved to the failed state by this process.", func(k jobs.KindStats) float64 { return float64(k.Failed) })
	counter("hitori_job_run_seconds_total", "Time spent in job handlers.", func(k jobs.KindStats) float64 { return k.RunTime.Seconds() })
	fmt.Fprintf(w, "# HELP hitori_jobs_running Job handlers running in this process.\n# TYPE hitori_jobs_running gauge\nhitori_jobs_running %d\n", st.Running)
	fmt.Fprintf(w, "# HELP hitori_jobs_waiting Jobs this process has claimed and not started yet.\n# TYPE hitori_jobs_waiting gauge\nhitori_jobs_waiting %d\n", st.Waiting)
}
