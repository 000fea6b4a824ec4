package monitor_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"sync"
	"syscall"
	"testing"
	"time"

	"hitori"
	"hitori/monitor"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

const helperDSN = "HITORI_MONITOR_HELPER_DSN"

// TestHelperProcess is a scheduler process for TestTwoProcessesKill; it
// does nothing in a normal run.
func TestHelperProcess(t *testing.T) {
	dsn := os.Getenv(helperDSN)
	if dsn == "" {
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := &monitor.Scheduler{Store: db.Monitors(), Holder: fmt.Sprintf("pid-%d", os.Getpid()), Workers: 16}
	if err := s.Run(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestTwoProcessesKill runs two scheduler processes on one PostgreSQL
// schema; they split the monitors between them. One is killed with
// SIGKILL; the other must take its monitors over, and no monitor may be
// checked by both at once.
func TestTwoProcessesKill(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t, sqlstore.Postgres)
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var mu sync.Mutex
	hits := map[string][]time.Time{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path] = append(hits[r.URL.Path], time.Now())
		mu.Unlock()
	}))
	defer srv.Close()
	admin := hitori.NewContextWithUser(ctx, &hitori.User{ID: 1, Role: hitori.RoleAdmin})
	const n = 64
	paths := make([]string, n)
	for i := range n {
		paths[i] = fmt.Sprintf("/m/%d", i)
		m := &hitori.Monitor{Name: paths[i], Type: hitori.MonitorHTTP, Target: srv.URL + paths[i], Interval: 10 * time.Second, Timeout: 2 * time.Second}
		if err := db.Monitors().CreateMonitor(admin, m); err != nil {
			t.Fatal(err)
		}
	}
	procs := make([]*exec.Cmd, 2)
	for i := range procs {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), helperDSN+"="+dsn)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs[i] = cmd
		defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	}
	pg, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	count := func(q string, args ...any) int {
		var c int
		if err := pg.QueryRowContext(ctx, q, args...).Scan(&c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	hitAfter := func(since time.Time) int {
		mu.Lock()
		defer mu.Unlock()
		k := 0
		for _, p := range paths {
			if h := hits[p]; len(h) > 0 && h[len(h)-1].After(since) {
				k++
			}
		}
		return k
	}
	owners := func() int {
		return count(`SELECT COUNT(DISTINCT owner) FROM monitor_shards WHERE lease_until > now()`)
	}
	start := time.Now()
	waitFor(t, "both processes hold shards and every monitor ran", func() bool { return owners() == 2 && hitAfter(start) == n })
	victim := procs[0]
	if err := victim.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = victim.Wait()
	killed := time.Now()
	waitFor(t, "the survivor runs every monitor", func() bool { return hitAfter(killed.Add(time.Second)) == n })
	takeover := time.Since(killed)
	waitFor(t, "the survivor holds every shard", func() bool {
		return count(`SELECT COUNT(*) FROM monitor_shards WHERE lease_until > now() AND owner = $1`, fmt.Sprintf("pid-%d", procs[1].Process.Pid)) == 32
	})
	_ = procs[1].Process.Signal(syscall.SIGTERM)
	if err := procs[1].Wait(); err != nil {
		t.Errorf("survivor: %v", err)
	}
	// Never two runs of a monitor at once: consecutive checks of one
	// monitor are an interval apart (slots are the same in every process).
	mu.Lock()
	defer mu.Unlock()
	var maxGap time.Duration
	for _, p := range paths {
		h := hits[p]
		for i := 1; i < len(h); i++ {
			gap := h[i].Sub(h[i-1])
			// Across the kill the survivor cannot know of a check whose
			// result died unflushed with the victim (up to 1 s of results),
			// so it runs an overdue-looking monitor at once, spread over
			// 1–5 s: a repeat, never two runs at the same time. Elsewhere
			// checks of one monitor are an interval apart.
			minGap := 5 * time.Second
			if h[i-1].Before(killed) && h[i].After(killed) {
				minGap = 500 * time.Millisecond
			}
			if gap < minGap {
				t.Errorf("%s checked twice within %v", p, gap)
			}
			maxGap = max(maxGap, gap)
		}
	}
	t.Logf("every monitor checked again %.1f s after the kill; longest gap between two checks of a monitor %.1f s", takeover.Seconds(), maxGap.Seconds())
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}
