package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// server is a running `hitori serve`.
type server struct {
	cmd     *exec.Cmd
	base    string
	started time.Duration // exec to the first 200 from /healthz
	cpu     time.Duration // CPU time the server used until then: what a busy machine does not inflate
	log     bytes.Buffer
	exited  chan error
}

// freeAddr returns a loopback address nobody listens on.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// startServer execs the binary and polls /healthz every millisecond until it
// answers 200: the cold start figure, measured the same way every time.
func startServer(ctx context.Context, bin string, dbArgs []string) (*server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	s := &server{base: "http://" + addr}
	args := append([]string{"serve", "--addr", addr, "--log-level", "warn"}, dbArgs...)
	s.cmd = exec.Command(bin, args...)
	s.cmd.Stdout, s.cmd.Stderr = &s.log, &s.log
	client := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	t := time.Now()
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	s.exited = make(chan error, 1)
	go func() { s.exited <- s.cmd.Wait() }()
	for {
		resp, err := client.Get(s.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				s.started = time.Since(t)
				s.cpu = cpuTime(s.cmd.Process.Pid)
				return s, nil
			}
		}
		select {
		case err := <-s.exited:
			return nil, fmt.Errorf("hitori serve exited before /healthz answered: %v\n%s", err, s.log.String())
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-time.After(time.Millisecond):
		}
		if time.Since(t) > 10*time.Minute {
			s.stop()
			return nil, fmt.Errorf("hitori serve: no 200 from /healthz after 10 minutes")
		}
	}
}

// stop ends the server as a service manager does: SIGTERM, then SIGKILL.
func (s *server) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
}

// memory is what /proc says of a process's memory: VmRSS counts the pages
// of the database file it has mapped (SQLite's mmap, shared with the page
// cache); RssAnon is the process's own memory.
type memory struct{ rssAnon, vmRSS, vmHWM int64 } // KiB

func (m memory) String() string {
	return fmt.Sprintf("%s / %s", mib(m.rssAnon), mib(m.vmRSS))
}

func mib(kib int64) string { return fmt.Sprintf("%.0f MiB", float64(kib)/1024) }

// readMemory reads /proc/PID/status.
func readMemory(pid int) (memory, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return memory{}, err
	}
	defer f.Close()
	var m memory
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "RssAnon":
			m.rssAnon = n
		case "VmRSS":
			m.vmRSS = n
		case "VmHWM":
			m.vmHWM = n
		}
	}
	return m, sc.Err()
}

// cpuTime is the user+system CPU time a process has used so far.
func cpuTime(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name (which may hold spaces) in parentheses.
	i := bytes.LastIndexByte(b, ')')
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * time.Second / 100 // USER_HZ is 100 on Linux
}

// coldStarts starts and stops the server k times and returns the start
// times and the CPU time used until ready, each sorted: the page cache is
// warm, as after a restart.
func coldStarts(ctx context.Context, bin string, dbArgs []string, k int) (ts, cpu []time.Duration, err error) {
	for range k {
		s, err := startServer(ctx, bin, dbArgs)
		if err != nil {
			return nil, nil, err
		}
		ts, cpu = append(ts, s.started), append(cpu, s.cpu)
		s.stop()
	}
	slices.Sort(ts)
	slices.Sort(cpu)
	return ts, cpu, nil
}
