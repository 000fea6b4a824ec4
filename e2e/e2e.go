// Package e2e tests hitori from the outside: it builds the real binary, runs
// it as an operator would (serve, user, token, backup, restore) and drives the
// pages in headless Chromium. Unit and handler tests prove the pieces; these
// tests prove the pieces are wired together in the shipped program.
//
// Run it from the module root:
//
//	go test -race -v ./e2e/
//
// Chromium comes from /usr/bin/chromium or "chromium" on PATH. Without it, or
// without HITORI_TEST_POSTGRES for the PostgreSQL run, the tests skip; with
// HITORI_TEST_REQUIRE_ALL=1 (CI) they fail instead.
//
// The package holds only tests and the small pure helpers below, which know
// nothing about testing so that they stay easy to read and to test.
package e2e

import (
	"os"
	"os/exec"
	"strings"
)

// servingURL extracts the address from the server's start-up log line
// (level=INFO msg="hitori is serving" url=http://127.0.0.1:PORT/ …). The
// tests listen on port 0 and read the real port from here, so parallel runs
// never collide on a port picked in advance.
func servingURL(line string) (string, bool) {
	if !strings.Contains(line, "hitori is serving") {
		return "", false
	}
	for f := range strings.FieldsSeq(line) {
		if u, ok := strings.CutPrefix(f, "url="); ok && strings.HasPrefix(u, "http") {
			return strings.Trim(u, `"`), true
		}
	}
	return "", false
}

// chromiumPath finds the browser: Debian's /usr/bin/chromium first, then
// whatever "chromium" PATH offers. It returns "" when there is none.
func chromiumPath() string {
	if fi, err := os.Stat("/usr/bin/chromium"); err == nil && !fi.IsDir() {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// childEnv is the environment for hitori subprocesses: ours minus every
// HITORI_ variable, because the commands read HITORI_DATA, HITORI_DB and
// friends as defaults, and a developer's shell settings must never point a
// test at real data. The tests pass everything they mean as flags.
//
// Unless GORACE is already set, it also stops a race-instrumented binary
// from sleeping a second before every exit (the race runtime's default
// atexit_sleep_ms): a race is reported when it happens and still turns the
// exit status into 66, and the suite runs a dozen short commands.
func childEnv() []string {
	var env []string
	gorace := false
	for _, kv := range os.Environ() {
		gorace = gorace || strings.HasPrefix(kv, "GORACE=")
		if !strings.HasPrefix(kv, "HITORI_") {
			env = append(env, kv)
		}
	}
	if !gorace {
		env = append(env, "GORACE=atexit_sleep_ms=0")
	}
	return env
}
