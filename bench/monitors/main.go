// Command monitors benchmarks the monitor scheduler: N HTTP monitors at an
// interval against a loopback target (a child process, so its CPU is not
// counted), results stored in SQLite or PostgreSQL. It reports the share
// of checks started within 1 s of their slot, CPU per check (scheduler,
// checks and storage), resident memory, time until every monitor has run,
// and database growth.
//
//	go run ./bench/monitors -n 10000 -interval 10s -duration 60s [-db postgres://…]
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"hitori"
	"hitori/monitor"
	"hitori/sqlstore"
)

func main() {
	n := flag.Int("n", 1000, "monitors")
	interval := flag.Duration("interval", 60*time.Second, "check interval")
	duration := flag.Duration("duration", 2*time.Minute, "measured time after the warm-up interval")
	dsn := flag.String("db", "", "postgres:// URL (a fresh schema is not made: use an empty database); empty: a new SQLite file")
	workers := flag.Int("workers", 256, "scheduler pool size")
	target := flag.Bool("target", false, "internal: serve the loopback target")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the measured time")
	flag.Parse()
	if *target {
		serveTarget()
		return
	}
	addr, stop := startTarget()
	defer stop()
	ctx := context.Background()
	if *dsn == "" {
		dir, _ := os.MkdirTemp("", "hitori-bench-monitors")
		defer os.RemoveAll(dir)
		*dsn = filepath.Join(dir, "hitori.db")
	}
	db, err := sqlstore.Open(ctx, *dsn)
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	admin := &hitori.User{Email: fmt.Sprintf("bench%d@example.com", time.Now().UnixNano()), Name: "bench", Role: hitori.RoleAdmin}
	actx := hitori.NewContextWithUser(ctx, admin)
	t0 := time.Now()
	for i := range *n {
		m := &hitori.Monitor{Name: fmt.Sprintf("web %05d", i), Type: hitori.MonitorHTTP,
			Target: fmt.Sprintf("http://%s/m/%d", addr, i), Interval: *interval, Timeout: 5 * time.Second}
		if err := db.Monitors().CreateMonitor(actx, m); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("created %d monitors in %v", *n, time.Since(t0).Round(time.Millisecond))
	size0 := dbSize(ctx, db)
	s := &monitor.Scheduler{Store: db.Monitors(), Holder: "bench", Workers: *workers,
		Log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error)
	start := time.Now()
	go func() { done <- s.Run(runCtx) }()
	// Warm-up: one interval, in which every monitor must have started.
	time.Sleep(*interval + 2*time.Second)
	st := s.Stats()
	warmStarted := st.Started.Load()
	firstAll := time.Since(start)
	cpu0, late0, started0, skipped0 := cpuTime(), st.Late.Load(), st.Started.Load(), st.Skipped.Load()
	m0 := time.Now()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(f)
	}
	time.Sleep(*duration)
	pprof.StopCPUProfile()
	cpu1, late1, started1, skipped1 := cpuTime(), st.Late.Load(), st.Started.Load(), st.Skipped.Load()
	elapsed := time.Since(m0)
	cancel()
	if err := <-done; err != nil {
		log.Print(err)
	}
	size1 := dbSize(ctx, db)
	// The status list (what GET /api/v1/monitors and the web list call): pages of 50.
	var took []time.Duration
	for i := range 40 {
		t := time.Now()
		if _, _, err := db.Monitors().FindMonitors(actx, hitori.MonitorFilter{Offset: (i * 50 * 7) % max(*n-50, 1), Limit: 50}); err != nil {
			log.Fatal(err)
		}
		took = append(took, time.Since(t))
	}
	slices.Sort(took)
	checks := started1 - started0
	fmt.Printf("monitors=%d interval=%v db=%s workers=%d\n", *n, *interval, db.Dialect, *workers)
	fmt.Printf("started in the first interval+2s: %d of %d (%.1f s after start)\n", warmStarted, *n, firstAll.Seconds())
	fmt.Printf("checks measured: %d in %.1f s = %.0f/s (expected %.0f/s); skipped slots %d\n", checks, elapsed.Seconds(),
		float64(checks)/elapsed.Seconds(), float64(*n)/interval.Seconds(), skipped1-skipped0)
	fmt.Printf("on time (started within 1 s of slot): %.3f%%\n", 100*(1-float64(late1-late0)/float64(max(checks, 1))))
	fmt.Printf("CPU per check (user+sys, whole process incl. storage): %.3f ms\n", float64((cpu1-cpu0).Microseconds())/1000/float64(max(checks, 1)))
	fmt.Printf("RSS now %s, peak %s\n", procStatus("VmRSS"), procStatus("VmHWM"))
	fmt.Printf("status list, page of 50 (40 pages): p50 %.1f ms, p95 %.1f ms\n", ms(took[len(took)/2]), ms(took[len(took)*95/100]))
	total := st.Saved.Load()
	if size1 > size0 && total > 0 {
		perCheck := float64(size1-size0) / float64(total)
		fmt.Printf("database growth: %.0f bytes per stored result (raw, before roll-up) = %.1f MB/day at this rate\n",
			perCheck, perCheck*float64(*n)*86400/interval.Seconds()/1e6)
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func procStatus(key string) string {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, key+":") {
			return strings.TrimSpace(strings.TrimPrefix(line, key+":"))
		}
	}
	return "?"
}

func dbSize(ctx context.Context, db *sqlstore.DB) int64 {
	if db.Dialect == sqlstore.SQLite {
		var total int64
		for _, suffix := range []string{"", "-wal"} {
			if fi, err := os.Stat(db.Path + suffix); err == nil {
				total += fi.Size()
			}
		}
		return total
	}
	n, _ := db.SizeForBench(ctx)
	return n
}

// startTarget runs this program again as the loopback HTTP target.
func startTarget() (string, func()) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	f, _ := ln.(*net.TCPListener).File()
	cmd := exec.Command(os.Args[0], "-target")
	cmd.ExtraFiles = []*os.File{f}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		log.Fatal(err)
	}
	ln.Close()
	return ln.Addr().String(), func() { cmd.Process.Kill(); cmd.Wait() }
}

func serveTarget() {
	ln, err := net.FileListener(os.NewFile(3, "listener"))
	if err != nil {
		log.Fatal(err)
	}
	http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok"))
	}))
}
