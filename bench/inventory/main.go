// Command inventory benchmarks agent reports against the real binary: it
// starts `hitori serve` on a fresh data folder (and, with -db, a fresh
// PostgreSQL database it drops afterwards), posts N distinct devices'
// zlib-compressed inventories to POST /inventory from c concurrent
// senders, as FusionInventory and OCS agents send them, then the same
// reports again. The two real Debian 12 inventories in inventory/testdata
// are alternated, each rewritten per device (host name, DEVICEID, MACs).
// Every body is made and compressed before the clock starts, so the
// benchmark measures hitori, not itself.
//
//	go run ./bench/inventory -n 10000 [-c 8] [-db postgres://postgres@127.0.0.1:5432/postgres]
package main

import (
	"bytes"
	"compress/zlib"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"hitori/bench/internal/served"
	"hitori/bench/inventory/fleet"
)

func main() {
	n := flag.Int("n", 1000, "distinct devices")
	c := flag.Int("c", 8, "concurrent senders")
	bin := flag.String("bin", "", "hitori binary (default: build ./cmd/hitori)")
	pg := flag.String("db", "", "postgres:// URL of the server to use (a fresh database is created on it and dropped afterwards); empty: SQLite")
	testdata := flag.String("testdata", "inventory/testdata", "folder of the recorded inventories")
	flag.Parse()
	ctx := context.Background()

	dir, err := os.MkdirTemp("", "hitori-bench-inventory")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if *bin == "" {
		*bin = filepath.Join(dir, "hitori")
		build := exec.Command("go", "build", "-o", *bin, "./cmd/hitori")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			log.Fatal("build: ", err)
		}
	}
	args := []string{"--data", filepath.Join(dir, "data")}
	var db *pgDatabase
	if *pg != "" {
		if db, err = createDatabase(*pg); err != nil {
			log.Fatal(err)
		}
		defer db.drop()
		args = append(args, "--db", db.url)
	}

	bodies, err := fleetBodies(*testdata, *n)
	if err != nil {
		log.Fatal(err)
	}
	srv, err := served.Start(ctx, *bin, args)
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Stop()

	fmt.Printf("inventory ingestion over HTTP: %d devices, %d senders, %s, %s\n", *n, *c, dbName(db), machine())
	fmt.Printf("date %s, load average at start %s\n", time.Now().UTC().Format(time.RFC3339), loadAverage())
	for round := 1; round <= 2; round++ {
		r := measure(srv, db, bodies, *c)
		what := "first reports of new PCs"
		if round == 2 {
			what = "the same reports again (unchanged)"
		}
		fmt.Printf("round %d (%s): %.1f reports/s, hitori CPU %.2f ms/report, PostgreSQL backends CPU %s ms/report, %.1f s, load average after %s\n",
			round, what, float64(*n)/r.wall.Seconds(), ms(r.hitoriCPU)/float64(*n), r.pgPerReport(*n), r.wall.Seconds(), loadAverage())
	}
	fmt.Printf("hitori peak RSS (VmHWM) %s, database size %s\n", peakRSS(srv.Pid()), databaseSize(db, dir))
}

// result is one round's figures.
type result struct {
	wall, hitoriCPU, pgCPU time.Duration
	pg                     bool
}

func (r result) pgPerReport(n int) string {
	if !r.pg {
		return "-"
	}
	return fmt.Sprintf("%.2f", ms(r.pgCPU)/float64(n))
}

// measure posts every body once, from c senders, and returns the round's
// wall time and the CPU time hitori and the database's backends used.
func measure(srv *served.Server, db *pgDatabase, bodies [][]byte, c int) result {
	client := &http.Client{Timeout: 5 * time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: c}}
	pg0 := db.backendTicks()
	// Backends the pool closes during the round would be lost to a
	// sample at its end: sample every second and keep each one's last.
	pgSeen := backendTicks{}
	stopSampling := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			pgSeen.merge(db.backendTicks())
			select {
			case <-stopSampling:
				return
			case <-time.After(time.Second):
			}
		}
	}()
	cpu0 := served.CPUTime(srv.Pid())
	start := time.Now()
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Value
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(bodies) {
					return
				}
				if err := post(client, srv.Base+"/inventory", bodies[i]); err != nil {
					failed.Store(fmt.Errorf("device %d: %w", i, err))
					return
				}
			}
		}()
	}
	wg.Wait()
	r := result{wall: time.Since(start), hitoriCPU: served.CPUTime(srv.Pid()) - cpu0, pg: db != nil}
	if err, _ := failed.Load().(error); err != nil {
		log.Fatal(err, "\n", srv.Log.String())
	}
	close(stopSampling)
	<-sampled
	pgSeen.merge(db.backendTicks())
	r.pgCPU = pgSeen.since(pg0)
	return r
}

// post sends one report as the agents do and checks hitori stored it.
func post(client *http.Client, url string, body []byte) error {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-compress-zlib")
	req.Header.Set("User-Agent", "FusionInventory-Agent_v2.6")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	reply, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d: %q", resp.StatusCode, reply)
	}
	return nil
}

// fleetBodies makes n devices' compressed reports from the two recorded
// inventories, alternated.
func fleetBodies(testdata string, n int) ([][]byte, error) {
	var sources []*fleet.Body
	for _, f := range []string{"fusioninventory-2.6-debian12.xml", "ocsinventory-agent-2.10-debian12.xml"} {
		raw, err := os.ReadFile(filepath.Join(testdata, f))
		if err != nil {
			return nil, err
		}
		sources = append(sources, fleet.New(raw))
	}
	bodies := make([][]byte, n)
	var wg sync.WaitGroup
	workers := runtime.NumCPU()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				var b bytes.Buffer
				z := zlib.NewWriter(&b)
				z.Write(sources[i%2].Device(i))
				z.Close()
				bodies[i] = b.Bytes()
			}
		}()
	}
	wg.Wait()
	return bodies, nil
}

// peakRSS is a process's peak resident memory (VmHWM).
func peakRSS(pid int) string {
	m, err := served.ReadMemory(pid)
	if err != nil {
		return "?"
	}
	return served.MiB(m.VmHWM)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func dbName(db *pgDatabase) string {
	if db == nil {
		return "SQLite"
	}
	return "PostgreSQL " + db.version
}

func machine() string {
	model := "?"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.Lines(string(b)) {
			if v, ok := strings.CutPrefix(line, "model name"); ok {
				model = strings.TrimSpace(strings.TrimLeft(v, "\t :"))
				break
			}
		}
	}
	return fmt.Sprintf("%d × %s, %s/%s", runtime.NumCPU(), model, runtime.GOOS, runtime.GOARCH)
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:3], " ")
}

func databaseSize(db *pgDatabase, dir string) string {
	if db != nil {
		return db.size()
	}
	var total int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(filepath.Join(dir, "data", "hitori.db"+suffix)); err == nil {
			total += fi.Size()
		}
	}
	return fmt.Sprintf("%.0f MiB (file and WAL)", float64(total)/(1<<20))
}
