// Package served runs the real hitori binary for the benchmarks over HTTP
// (bench/system, bench/inventory) and reads what /proc says of it: how
// long it took to answer, its CPU time and its memory.
package served

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Server is a running `hitori serve`.
type Server struct {
	Cmd     *exec.Cmd
	Base    string        // http://127.0.0.1:PORT
	Started time.Duration // exec to the first 200 from /healthz
	CPU     time.Duration // CPU time the server used until then: what a busy machine does not inflate
	Log     bytes.Buffer  // its standard output and error
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

// Start execs `bin serve` with args on a free loopback port and polls
// /healthz every millisecond until it answers 200: the cold start figure,
// measured the same way every time.
func Start(ctx context.Context, bin string, args []string) (*Server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	s := &Server{Base: "http://" + addr}
	s.Cmd = exec.Command(bin, append([]string{"serve", "--addr", addr, "--log-level", "warn"}, args...)...)
	s.Cmd.Stdout, s.Cmd.Stderr = &s.Log, &s.Log
	client := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	t := time.Now()
	if err := s.Cmd.Start(); err != nil {
		return nil, err
	}
	s.exited = make(chan error, 1)
	go func() { s.exited <- s.Cmd.Wait() }()
	for {
		resp, err := client.Get(s.Base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				s.Started = time.Since(t)
				s.CPU = CPUTime(s.Cmd.Process.Pid)
				return s, nil
			}
		}
		select {
		case err := <-s.exited:
			return nil, fmt.Errorf("hitori serve exited before /healthz answered: %v\n%s", err, s.Log.String())
		case <-ctx.Done():
			s.Stop()
			return nil, ctx.Err()
		case <-time.After(time.Millisecond):
		}
		if time.Since(t) > 10*time.Minute {
			s.Stop()
			return nil, fmt.Errorf("hitori serve: no 200 from /healthz after 10 minutes")
		}
	}
}

// Pid is the server's process id.
func (s *Server) Pid() int { return s.Cmd.Process.Pid }

// Stop ends the server as a service manager does: SIGTERM, then SIGKILL.
func (s *Server) Stop() {
	_ = s.Cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(15 * time.Second):
		_ = s.Cmd.Process.Kill()
		<-s.exited
	}
}

// Memory is what /proc says of a process's memory, in KiB: VmRSS counts
// the pages of the database file it has mapped (SQLite's mmap, shared with
// the page cache); RssAnon is the process's own memory; VmHWM is VmRSS's
// peak.
type Memory struct{ RssAnon, VmRSS, VmHWM int64 }

func (m Memory) String() string {
	return fmt.Sprintf("%s / %s", MiB(m.RssAnon), MiB(m.VmRSS))
}

// MiB formats KiB as whole MiB.
func MiB(kib int64) string { return fmt.Sprintf("%.0f MiB", float64(kib)/1024) }

// ReadMemory reads /proc/PID/status.
func ReadMemory(pid int) (Memory, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return Memory{}, err
	}
	defer f.Close()
	var m Memory
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "RssAnon":
			m.RssAnon = n
		case "VmRSS":
			m.VmRSS = n
		case "VmHWM":
			m.VmHWM = n
		}
	}
	return m, sc.Err()
}

// CPUTime is the user+system CPU time a process has used so far (0 when
// it cannot be read: the process is gone).
func CPUTime(pid int) time.Duration {
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
