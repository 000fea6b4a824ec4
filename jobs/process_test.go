package jobs_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"testing"
	"time"

	"hitori"
	"hitori/jobs"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// helperDSN names the database a re-executed test binary works on.
const helperDSN = "HITORI_JOBS_HELPER_DSN"

// TestHelperProcess is a worker process for TestTwoProcessesKill; it does
// nothing in a normal run.
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
	cfg := fastConfig()
	cfg.Poll = 50 * time.Millisecond
	e := jobs.New(db.Jobs(), cfg)
	pid := os.Getpid()
	// The effect is idempotent (keyed by job ID); runs records every run
	// that got as far as its effect, to count repeats.
	e.Register("work", func(ctx context.Context, j *hitori.Job) error {
		started := time.Now().UTC()
		select {
		case <-time.After(50 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
		if err := db.ExecForTest(ctx, `INSERT INTO job_effects (job_id) VALUES ($1) ON CONFLICT DO NOTHING`, j.ID); err != nil {
			return err
		}
		return db.ExecForTest(ctx, `INSERT INTO job_runs (job_id, pid, started_at, ended_at) VALUES ($1, $2, $3, $4)`,
			j.ID, pid, started, time.Now().UTC())
	})
	if err := e.Run(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestTwoProcessesKill runs two worker processes on one PostgreSQL schema,
// kills one with SIGKILL halfway, and checks that every job ran to
// completion, that repeats come only from the killed process's unfinished
// work, and that no job ran in two processes at once.
func TestTwoProcessesKill(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t, sqlstore.Postgres)
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{`CREATE TABLE job_effects (job_id BIGINT PRIMARY KEY)`,
		`CREATE TABLE job_runs (job_id BIGINT NOT NULL, pid INTEGER NOT NULL, started_at TIMESTAMPTZ NOT NULL, ended_at TIMESTAMPTZ NOT NULL)`} {
		if err := db.ExecForTest(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	const n = 200
	for i := range n {
		MustEnqueue(t, db.Jobs(), &hitori.Job{Kind: "work", Payload: fmt.Sprintf(`{"i":%d}`, i)})
	}
	workers := make([]*exec.Cmd, 2)
	for i := range workers {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), helperDSN+"="+dsn)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		workers[i] = cmd
		defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	}
	// A plain connection reads the results; sqlstore registered the driver.
	pg, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	count := func(q string) int {
		var c int
		if err := pg.QueryRowContext(ctx, q).Scan(&c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	waitFor(t, "a third of the jobs", func() bool { return count(`SELECT COUNT(*) FROM job_effects`) >= n/3 })
	victim := workers[0]
	if err := victim.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = victim.Wait()
	atKill := count(`SELECT COUNT(*) FROM job_effects`)
	// The victim's leases run out after 2 s; the survivor then takes its jobs.
	waitFor(t, "every job done", func() bool { return count(`SELECT COUNT(*) FROM jobs WHERE state = 'done'`) == n })
	_ = workers[1].Process.Signal(syscall.SIGTERM)
	if err := workers[1].Wait(); err != nil {
		t.Errorf("survivor: %v", err)
	}

	if got := count(`SELECT COUNT(*) FROM job_effects`); got != n {
		t.Errorf("%d effects, want %d: a job was lost", got, n)
	}
	if got := count(`SELECT COUNT(DISTINCT pid) FROM job_runs`); got != 2 {
		t.Errorf("runs came from %d processes, want 2", got)
	}
	if got := count(fmt.Sprintf(`SELECT COUNT(*) FROM (SELECT job_id FROM job_runs GROUP BY job_id
		HAVING COUNT(*) > 1 AND COUNT(*) FILTER (WHERE pid = %d) = 0) x`, victim.Process.Pid)); got != 0 {
		t.Errorf("%d jobs ran twice without the killed process being one of the runners", got)
	}
	if got := count(`SELECT COUNT(*) FROM job_runs a JOIN job_runs b ON a.job_id = b.job_id AND a.pid < b.pid
		WHERE a.started_at < b.ended_at AND b.started_at < a.ended_at`); got != 0 {
		t.Errorf("%d jobs ran in two processes at the same time", got)
	}
	repeats := count(`SELECT COUNT(*) - COUNT(DISTINCT job_id) FROM job_runs`)
	t.Logf("%d jobs; %d done when the worker was killed; %d repeated runs (the killed worker's effect committed, its completion not)", n, atKill, repeats)
}
