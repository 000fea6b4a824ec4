package e2e

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Limits for the server process. Start-up includes migrations, which on a
// loaded CI machine with a race-instrumented binary take a few seconds.
const (
	startTimeout    = 30 * time.Second
	shutdownTimeout = 10 * time.Second // what ListenAndServe promises for draining
)

// server is one running "hitori serve" process.
type server struct {
	URL string     // http://127.0.0.1:PORT, without the trailing slash
	log *logBuffer // everything the server printed so far
}

// startServer runs "hitori serve" on a free port with its own data folder
// (plus any extra flags, such as --db) and stops it when the test ends,
// failing the test unless it exits 0 within shutdownTimeout of SIGTERM.
func startServer(t *testing.T, data string, extra ...string) *server {
	t.Helper()
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--data", data}, extra...)
	cmd := exec.Command(hitoriBin(t), args...)
	cmd.Env = childEnv()
	logs := &logBuffer{ready: make(chan string, 1)}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("start hitori serve: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	t.Cleanup(func() {
		stopping := time.Now()
		switch err := cmd.Process.Signal(syscall.SIGTERM); {
		case errors.Is(err, os.ErrProcessDone):
			t.Errorf("hitori serve exited before the test ended: %v", <-exited)
			t.Logf("hitori serve %s log:\n%s", data, logs)
			return
		case err != nil:
			t.Errorf("SIGTERM hitori serve: %v", err)
		}
		select {
		case err := <-exited:
			if err != nil {
				t.Errorf("hitori serve after SIGTERM: %v, want exit status 0", err)
			} else {
				t.Logf("hitori serve (%s) stopped cleanly %s after SIGTERM", data, time.Since(stopping).Round(time.Millisecond))
			}
		case <-time.After(shutdownTimeout):
			_ = cmd.Process.Kill()
			<-exited
			t.Errorf("hitori serve still running %s after SIGTERM; killed it", shutdownTimeout)
		}
		if t.Failed() {
			t.Logf("hitori serve %s log:\n%s", data, logs)
		}
	})

	select {
	case u := <-logs.ready:
		return &server{URL: strings.TrimSuffix(u, "/"), log: logs}
	case err := <-exited:
		// Hand the result back for the clean-up, which also shows the log.
		exited <- err
		t.Fatalf("hitori serve exited before serving: %v", err)
	case <-time.After(startTimeout):
		t.Fatalf("hitori serve did not log its URL within %s", startTimeout)
	}
	return nil
}

// logBuffer collects a process's output for failure messages and announces
// the URL from the first "hitori is serving" line. exec copies the pipe into
// it, so Wait returns only after the last line has arrived.
type logBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	partial []byte // an unfinished line, kept until its newline arrives
	ready   chan string
	found   bool
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	l.partial = append(l.partial, p...)
	for {
		i := bytes.IndexByte(l.partial, '\n')
		if i < 0 {
			break
		}
		line := string(l.partial[:i])
		l.partial = l.partial[i+1:]
		if u, ok := servingURL(line); ok && !l.found {
			l.found = true
			l.ready <- u
		}
	}
	return len(p), nil
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// cliResult is what one hitori command printed and how it ended.
type cliResult struct {
	Stdout, Stderr string
	Code           int
}

// runHitori runs one hitori command to completion with stdin as its input,
// in a fresh working folder so that a relative default (--data hitori-data)
// can never land in the source tree. It fails the test only if the command
// cannot run at all or hangs; the exit code is the caller's to judge.
func runHitori(t *testing.T, stdin string, args ...string) cliResult {
	t.Helper()
	return runHitoriIn(t, t.TempDir(), stdin, args...)
}

// runHitoriIn is runHitori in a working folder of the caller's choosing.
func runHitoriIn(t *testing.T, dir, stdin string, args ...string) cliResult {
	t.Helper()
	bin := hitoriBin(t) // may build first: keep that out of the command's time limit
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = childEnv()
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if (err != nil && !errors.As(err, &exit)) || ctx.Err() != nil {
		t.Fatalf("hitori %s: %v\nstderr:\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return cliResult{Stdout: stdout.String(), Stderr: stderr.String(), Code: cmd.ProcessState.ExitCode()}
}

// mustHitori runs a command that must succeed and returns its standard output.
func mustHitori(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	r := runHitori(t, stdin, args...)
	if r.Code != 0 {
		t.Fatalf("hitori %s: exit %d, want 0\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.Code, r.Stdout, r.Stderr)
	}
	return r.Stdout
}
