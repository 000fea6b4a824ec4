package main

import (
	"fmt"
	"hitori/bench/internal/served"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// Targets of issue 14, 2 cores, 1,000,000 items.
const (
	targetP95        = 50 * time.Millisecond
	targetPerSecond  = 500.0
	targetFastPerSec = 1000.0 // the board and the search box
	targetColdStart  = 100 * time.Millisecond
)

// result is one scenario's figures.
type result struct {
	sc     *scenario
	seq    stats
	conc   []stats       // one per entry of the connection counts
	cpu    float64       // server CPU, cores, during the first concurrent run
	memory served.Memory // after the scenario
}

// fast reports whether the scenario has the higher throughput target.
func (r result) fast() bool {
	return r.sc.name == "board" || strings.HasPrefix(r.sc.name, "search box")
}

// verdict says whether the targets are met, and by how much not.
func (r result) verdict() string {
	var miss []string
	if r.seq.p95 > targetP95 {
		miss = append(miss, fmt.Sprintf("p95 ×%.1f", float64(r.seq.p95)/float64(targetP95)))
	}
	want := targetPerSecond
	if r.fast() {
		want = targetFastPerSec
	}
	if len(r.conc) > 0 && r.conc[0].perSecond() < want {
		miss = append(miss, fmt.Sprintf("req/s %.0f%% of %.0f", 100*r.conc[0].perSecond()/want, want))
	}
	if r.seq.errors+sumErrors(r.conc) > 0 {
		miss = append(miss, "errors")
	}
	if len(miss) == 0 {
		return "met"
	}
	return "**miss**: " + strings.Join(miss, ", ")
}

func sumErrors(ss []stats) int {
	n := 0
	for _, s := range ss {
		n += s.errors
	}
	return n
}

// ms formats a duration in milliseconds with precision that suits it.
func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	switch {
	case v < 10:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.0f", v)
	}
}

// thousands writes n with comma separators.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// report is one database's run.
type report struct {
	database        string
	in              installation
	conns           []int
	cold, coldCPU   []time.Duration // sorted
	idle            served.Memory   // after start and sign-in
	results         []result
	loadBefore, end string
	started         time.Time
}

// writeMarkdown prints the run as it goes into BENCHMARKS.md.
func (rp *report) writeMarkdown(w io.Writer) {
	fmt.Fprintf(w, "#### %s — %s items, %s articles\n\n", rp.database, thousands(rp.in.items), thousands(rp.in.articles))
	fmt.Fprintf(w, "%s; %s. Load before: %s; after: %s.\n\n", machine(), rp.started.UTC().Format("2006-01-02 15:04 MST"), rp.loadBefore, rp.end)
	if len(rp.cold) > 0 {
		med := rp.cold[len(rp.cold)/2]
		verdict := "met"
		if med > targetColdStart {
			verdict = fmt.Sprintf("**miss** by %s ms", ms(med-targetColdStart))
		}
		fmt.Fprintf(w, "Cold start (exec to the first 200 from /healthz, warm page cache, %d starts): median %s ms, min %s, max %s — target ≤ 100 ms: %s.",
			len(rp.cold), ms(med), ms(rp.cold[0]), ms(rp.cold[len(rp.cold)-1]), verdict)
		if len(rp.coldCPU) == len(rp.cold) {
			fmt.Fprintf(w, " CPU time the server used until then: median %s ms.", ms(rp.coldCPU[len(rp.coldCPU)/2]))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "Memory after start and sign-in (RssAnon / VmRSS): %s.\n\n", rp.idle)
	fmt.Fprint(w, "| what a user does | request | sequential p50 / p95 / p99 ms |")
	for _, c := range rp.conns {
		fmt.Fprintf(w, " %d conns req/s (p95 ms) |", c)
	}
	fmt.Fprint(w, " server CPU |  RssAnon / VmRSS after | targets |\n|---|---|---|")
	for range rp.conns {
		fmt.Fprint(w, "---|")
	}
	fmt.Fprint(w, "---|---|---|\n")
	for _, r := range rp.results {
		fmt.Fprintf(w, "| %s | `%s` | %s / %s / %s |", r.sc.name, r.sc.path, ms(r.seq.p50), ms(r.seq.p95), ms(r.seq.p99))
		for _, c := range r.conc {
			fmt.Fprintf(w, " %.0f (%s) |", c.perSecond(), ms(c.p95))
		}
		fmt.Fprintf(w, " %.2f cores | %s | %s |\n", r.cpu, r.memory, r.verdict())
	}
	fmt.Fprintln(w)
	for _, r := range rp.results {
		for _, s := range append([]stats{r.seq}, r.conc...) {
			if s.errors > 0 {
				fmt.Fprintf(w, "- %s: %d failed requests, first: %s\n", r.sc.name, s.errors, s.firstErr)
				break
			}
		}
	}
}

// machine describes the computer: cores, memory, kernel, Go.
func machine() string {
	mem := "?"
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kib int64
		fmt.Sscanf(strings.TrimPrefix(strings.SplitN(string(b), "\n", 2)[0], "MemTotal:"), "%d", &kib)
		mem = fmt.Sprintf("%.0f GiB", float64(kib)/(1<<20))
	}
	kernel, _ := exec.Command("uname", "-r").Output()
	gov, _ := exec.Command("go", "env", "GOVERSION").Output()
	return fmt.Sprintf("%d cores, %s RAM, Linux %s, %s", runtime.NumCPU(), mem,
		strings.TrimSpace(string(kernel)), strings.TrimSpace(string(gov)))
}

// uptime is the load average as `uptime` prints it.
func uptime() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:3], " ")
}
