package asset_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"hitori/asset"
	"hitori/bench/inventory/fleet"
	"hitori/inventory"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// BenchmarkInventoryReplay replays the two real inventories (FusionInventory
// and OCS, ~924 programs each) as HITORI_BENCH_DEVICES distinct devices
// (default 1,000; BENCHMARKS.md uses 10,000): host name, DEVICEID and MAC
// addresses vary. Each report is parsed from its XML text and ingested by
// HITORI_BENCH_SENDERS concurrent senders (default 4), as the HTTP handler
// does. Round 1 creates every
// asset; round 2 sends the same reports again, which must only move
// last_seen_at. Run with -benchtime 1x:
//
//	HITORI_BENCH_DEVICES=10000 go test -run XXX -bench InventoryReplay -benchtime 1x ./asset/
func BenchmarkInventoryReplay(b *testing.B) {
	devices := 1000
	if v, err := strconv.Atoi(os.Getenv("HITORI_BENCH_DEVICES")); err == nil && v > 0 {
		devices = v
	}
	var sources []*fleet.Body
	for _, f := range []string{"fusioninventory-2.6-debian12.xml", "ocsinventory-agent-2.10-debian12.xml"} {
		raw, err := os.ReadFile(filepath.Join("..", "inventory", "testdata", f))
		if err != nil {
			b.Fatal(err)
		}
		sources = append(sources, fleet.New(raw))
	}
	for _, dialect := range storetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			for range b.N {
				db := storetest.Open(b, dialect)
				svc := asset.New(db.Assets())
				svc.Settings = db.Settings()
				cpu0 := cpuTime()
				first := replay(b, svc, sources, devices)
				cpu1 := cpuTime()
				second := replay(b, svc, sources, devices)
				cpu2 := cpuTime()
				size, err := db.DatabaseSizeForTest(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(devices)/first.Seconds(), "reports/s-first")
				b.ReportMetric(float64(devices)/second.Seconds(), "reports/s-unchanged")
				b.ReportMetric(float64((cpu1-cpu0).Milliseconds())/float64(devices), "cpu-ms/report-first")
				b.ReportMetric(float64((cpu2-cpu1).Milliseconds())/float64(devices), "cpu-ms/report-unchanged")
				b.ReportMetric(float64(size)/(1<<20), "db-MiB")
				b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MiB")
				checkReplayed(b, db, devices)
			}
		})
	}
}

func replay(b *testing.B, svc *asset.Service, sources []*fleet.Body, devices int) time.Duration {
	b.Helper()
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Value
	start := time.Now()
	senders := 4
	if v, err := strconv.Atoi(os.Getenv("HITORI_BENCH_SENDERS")); err == nil && v > 0 {
		senders = v
	}
	for range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= devices {
					return
				}
				body, _, err := inventory.ReadBody(bytes.NewReader(sources[i%2].Device(i)), inventory.MaxBody)
				if err == nil {
					var m *inventory.Message
					if m, err = inventory.Parse(body); err == nil {
						_, err = svc.Ingest(context.Background(), m.Report, "192.0.2.1")
					}
				}
				if err != nil {
					failed.Store(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// checkReplayed makes sure the fleet really is distinct assets.
func checkReplayed(b *testing.B, db *sqlstore.DB, devices int) {
	states, err := db.Assets().InventoryStates(context.Background(), false)
	if err != nil || len(states) != devices {
		b.Fatalf("%d inventoried assets (%v), want %d", len(states), err, devices)
	}
}

// cpuTime is the CPU time this process has used (user and system): the
// machine is shared, so wall-clock rates depend on the load and this does
// not. PostgreSQL's own CPU is not in it.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS is the process's peak resident memory (VmHWM), 0 when unknown.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
