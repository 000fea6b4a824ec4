package asset_test

import (
	"bytes"
	"context"
	"fmt"
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
	"hitori/inventory"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// BenchmarkInventoryReplay replays the two real inventories (FusionInventory
// and OCS, ~924 programs each) as HITORI_BENCH_DEVICES distinct devices
// (default 1,000; BENCHMARKS.md uses 10,000): host name, DEVICEID and MAC
// addresses vary. Each report is parsed from its XML text and ingested by
// 4 concurrent senders, as the HTTP handler does. Round 1 creates every
// asset; round 2 sends the same reports again, which must only move
// last_seen_at. Run with -benchtime 1x:
//
//	HITORI_BENCH_DEVICES=10000 go test -run XXX -bench InventoryReplay -benchtime 1x ./asset/
func BenchmarkInventoryReplay(b *testing.B) {
	devices := 1000
	if v, err := strconv.Atoi(os.Getenv("HITORI_BENCH_DEVICES")); err == nil && v > 0 {
		devices = v
	}
	var sources []*fleetBody
	for _, f := range []string{"fusioninventory-2.6-debian12.xml", "ocsinventory-agent-2.10-debian12.xml"} {
		raw, err := os.ReadFile(filepath.Join("..", "inventory", "testdata", f))
		if err != nil {
			b.Fatal(err)
		}
		sources = append(sources, newFleetBody(raw))
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

// fleetBody rewrites a source report as device i of the fleet. The
// places to rewrite are found once, so that making a body costs a copy
// and not a search of 300 KB: the benchmark measures hitori, not itself.
type fleetBody struct {
	parts [][]byte // text between the places, len(holes)+1
	holes []int    // which rewrite each place gets
}

var fleetRewrites = []struct {
	old string
	new func(i int) string
}{
	{"<NAME>vm</NAME>", func(i int) string { return fmt.Sprintf("<NAME>pc-%05d</NAME>", i) }},
	{"<DEVICEID>vm-", func(i int) string { return fmt.Sprintf("<DEVICEID>pc-%05d-", i) }},
	{"02:fc:00:00:00:01", func(i int) string { return fleetMAC("02:fc:00", i) }},
	{"32:b4:51:d4:a9:2e", func(i int) string { return fleetMAC("32:b4:51", i) }},
	{"da:42:26:de:bb:00", func(i int) string { return fleetMAC("da:42:26", i) }},
}

func fleetMAC(prefix string, i int) string {
	return fmt.Sprintf("%s:%02x:%02x:%02x", prefix, i>>16&0xff, i>>8&0xff, i&0xff)
}

func newFleetBody(src []byte) *fleetBody {
	f := &fleetBody{}
	for {
		at, which := -1, 0
		for k, rw := range fleetRewrites {
			if j := bytes.Index(src, []byte(rw.old)); j >= 0 && (at < 0 || j < at) {
				at, which = j, k
			}
		}
		if at < 0 {
			f.parts = append(f.parts, src)
			return f
		}
		f.parts = append(f.parts, src[:at])
		f.holes = append(f.holes, which)
		src = src[at+len(fleetRewrites[which].old):]
	}
}

func (f *fleetBody) device(i int) []byte {
	var b bytes.Buffer
	b.Grow(len(f.parts[0]) * 2)
	for k, hole := range f.holes {
		b.Write(f.parts[k])
		b.WriteString(fleetRewrites[hole].new(i))
	}
	b.Write(f.parts[len(f.parts)-1])
	return b.Bytes()
}

func replay(b *testing.B, svc *asset.Service, sources []*fleetBody, devices int) time.Duration {
	b.Helper()
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Value
	start := time.Now()
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= devices {
					return
				}
				body, _, err := inventory.ReadBody(bytes.NewReader(sources[i%2].device(i)), inventory.MaxBody)
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
