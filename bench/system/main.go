// Command system is the whole-system benchmark of BENCHMARKS.md: it seeds
// an installation (1,000,000 items, 10,000 articles) unless the database
// already holds one, starts the real binary, signs in as a browser does and
// drives the pages and APIs users hit, sequentially for latency and with 8
// and 32 connections for throughput, then prints a markdown table with the
// server's own memory (RssAnon) beside VmRSS and the cold start.
//
//	go run ./bench/system -data DIR [-db postgres://…] [-bin hitori]
//
// Writes (create, reply) run last so the read figures see the seeded data.
package main

import (
	"context"
	"flag"
	"fmt"
	"hitori/bench/internal/served"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

func main() {
	if err := mainErr(); err != nil {
		fmt.Fprintln(os.Stderr, "bench/system:", err)
		os.Exit(1)
	}
}

func mainErr() error {
	data := flag.String("data", "", "data folder (required); seeded when its database is empty")
	db := flag.String("db", "", "PostgreSQL URL; empty: SQLite in the data folder")
	bin := flag.String("bin", "", "hitori binary; empty: build ./cmd/hitori")
	items := flag.Int("items", 1_000_000, "items to seed into an empty database")
	articles := flag.Int("articles", 10_000, "articles the installation should hold")
	seqN := flag.Int("seq", 300, "sequential requests per scenario (at most -seq-time)")
	seqTime := flag.Duration("seq-time", 15*time.Second, "longest sequential run per scenario")
	dur := flag.Duration("dur", 10*time.Second, "length of each concurrent run")
	connList := flag.String("conns", "8,32", "connection counts of the concurrent runs")
	colds := flag.Int("cold", 5, "cold starts to measure")
	only := flag.String("only", "", "run only scenarios whose name contains this")
	coldOnly := flag.Bool("cold-only", false, "measure the cold start and memory after sign-in only")
	flag.Parse()
	if *data == "" {
		flag.Usage()
		return fmt.Errorf("-data is required")
	}
	var conns []int
	for _, c := range strings.Split(*connList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			return fmt.Errorf("-conns: %q is not a connection count", c)
		}
		conns = append(conns, n)
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	defer cancel()

	if *bin == "" {
		dir, err := os.MkdirTemp("", "bench-system")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*bin = filepath.Join(dir, "hitori")
		build := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", *bin, "./cmd/hitori")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build: %w", err)
		}
	}
	dbArgs := []string{"--data", *data}
	dsn, name := filepath.Join(*data, "hitori.db"), "SQLite"
	if *db != "" {
		dbArgs = append(dbArgs, "--db", *db)
		dsn, name = *db, "PostgreSQL"
	}
	if err := os.MkdirAll(*data, 0o700); err != nil {
		return err
	}
	in, err := prepare(ctx, *bin, dsn, dbArgs, *items, *articles)
	if err != nil {
		return err
	}
	rp := &report{database: name, in: in, conns: conns, started: time.Now(), loadBefore: uptime()}

	// A first start applies pending migrations and is not counted.
	srv, err := served.Start(ctx, *bin, dbArgs)
	if err != nil {
		return err
	}
	srv.Stop()
	if rp.cold, rp.coldCPU, err = coldStarts(ctx, *bin, dbArgs, *colds); err != nil {
		return err
	}
	if srv, err = served.Start(ctx, *bin, dbArgs); err != nil {
		return err
	}
	defer srv.Stop()
	tech, err := signIn(srv.Base, techEmail, password)
	if err != nil {
		return err
	}
	req, err := signIn(srv.Base, reqEmail, password)
	if err != nil {
		return err
	}
	pid := srv.Pid()
	rp.idle, _ = served.ReadMemory(pid)
	counter := 0
	for _, sc := range scenarios(tech, req, in) {
		if *coldOnly || *only != "" && !strings.Contains(sc.name, *only) {
			continue
		}
		fmt.Fprintf(os.Stderr, "bench: %s (%s)…\n", sc.name, sc.path)
		r := result{sc: sc, seq: run(ctx, sc, 1, *seqN, *seqTime, &counter)}
		for i, c := range conns {
			cpu0, t0 := served.CPUTime(pid), time.Now()
			s := run(ctx, sc, c, 0, *dur, &counter)
			if i == 0 {
				r.cpu = float64(served.CPUTime(pid)-cpu0) / float64(time.Since(t0))
			}
			r.conc = append(r.conc, s)
		}
		r.memory, _ = served.ReadMemory(pid)
		rp.results = append(rp.results, r)
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	rp.end = uptime()
	rp.writeMarkdown(os.Stdout)
	if m, err := served.ReadMemory(pid); err == nil {
		fmt.Printf("Peak VmRSS (VmHWM) of the server over the run: %s.\n", served.MiB(m.VmHWM))
	}
	return nil
}
