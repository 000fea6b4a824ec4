package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/chromedp"

	"hitori/sqlstore/storetest"
)

// A hung page must fail the test, not stall the suite until go test's
// ten-minute alarm: every browser dies after browserTimeout, and each step
// gets stepTimeout so that a failing step still leaves a live tab to
// describe in the failure message.
const (
	browserTimeout = 60 * time.Second
	stepTimeout    = 20 * time.Second
)

// browser is one headless Chromium with one tab, owned by one test.
type browser struct {
	t   *testing.T
	ctx context.Context
}

// newBrowser starts Chromium with a fresh profile, or skips the test (fails
// under HITORI_TEST_REQUIRE_ALL=1) when none is installed.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	return newBrowserFor(t, browserTimeout)
}

// newBrowserFor is newBrowser for a test that needs the browser longer
// than browserTimeout, such as a walk-through of many pages.
func newBrowserFor(t *testing.T, lifetime time.Duration) *browser {
	t.Helper()
	exe := chromiumPath()
	if exe == "" {
		storetest.Skip(t, "browser tests need Chromium at /usr/bin/chromium or on PATH (apt-get install chromium fonts-noto-cjk)")
	}
	// The profile folder is made before the clean-up below is registered,
	// so it is removed after Chromium has exited.
	profile := t.TempDir()
	out := &syncBuffer{} // Chromium's own output, shown when the test fails
	ctx, cancel := context.WithTimeout(context.Background(), lifetime)
	actx, acancel := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox, // containers and CI run as root, where the sandbox refuses to start
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), // a container's 64 MB /dev/shm crashes tabs
		// hitori picks its language from Accept-Language, and headless
		// Chromium sends en-US whatever the machine's locale: ask for
		// Japanese as the office browsers hitori is made for do.
		chromedp.Flag("accept-lang", "ja"),
		chromedp.WindowSize(1280, 900),
		chromedp.UserDataDir(profile),
		chromedp.CombinedOutput(out),
	)
	bctx, bcancel := chromedp.NewContext(actx)
	b := &browser{t: t, ctx: bctx}
	t.Cleanup(func() {
		bcancel() // closes the tab and asks the browser to quit
		acancel() // waits for the process to exit
		cancel()
		if t.Failed() {
			t.Logf("chromium output (last 4 KiB):\n%s", out.tail(4096))
		}
	})
	start := time.Now()
	if err := chromedp.Do(bctx); err != nil { // start it now: a broken install fails here, plainly
		t.Fatalf("start chromium %s: %v", exe, err) // the clean-up shows its output
	}
	t.Logf("chromium started in %s", time.Since(start).Round(time.Millisecond))
	return b
}

// do runs actions as one named step and fails the test with a description
// of the page (address, text, screenshot) if they do not complete.
func (b *browser) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.fatal(step, err)
	}
}

// eval evaluates a JavaScript expression in the page and decodes its value.
func eval[T any](b *browser, step, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.fatal(step, err)
	}
	return v
}

// text returns the visible text of the first element matching a CSS selector.
func (b *browser) text(sel string) string {
	b.t.Helper()
	return strings.TrimSpace(eval[string](b, "read "+sel, fmt.Sprintf("document.querySelector(%q)?.innerText ?? ''", sel)))
}

// fatal ends the test at a failed step, saying where the browser was.
func (b *browser) fatal(step string, err error) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	where, _ := chromedp.Run(ctx, chromedp.Location())
	body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ''`))
	shot := ""
	if img, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		shot = saveArtifact(b.t, "failure.png", img)
	}
	b.t.Fatalf("%s: %v\n  at %s\n  screenshot %s\n  page text:\n%s", step, err, where, shot, truncate(body, 2000))
}

// screenshot saves a full-page PNG under the artifacts folder, checks that it
// is a real, non-empty image, and returns its path.
func (b *browser) screenshot(name string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	img, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100 means PNG
	if err != nil {
		b.fatal("screenshot "+name, err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(img))
	if err != nil || cfg.Width == 0 || cfg.Height == 0 {
		b.t.Fatalf("screenshot %s: %d bytes, not a non-empty PNG (%dx%d, %v)", name, len(img), cfg.Width, cfg.Height, err)
	}
	path := saveArtifact(b.t, name+".png", img)
	b.t.Logf("screenshot %dx%d: %s", cfg.Width, cfg.Height, path)
	return path
}

// saveArtifact writes b to $TMPDIR/hitori-e2e/TEST-NAME, outside the test's
// temporary folders, so that a person can still look at it after the run;
// each run overwrites the last one's files.
func saveArtifact(t *testing.T, name string, b []byte) string {
	dir := filepath.Join(os.TempDir(), "hitori-e2e")
	path := filepath.Join(dir, strings.NewReplacer("/", "_", " ", "_").Replace(t.Name())+"-"+name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Errorf("save %s: %v", name, err)
		return ""
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Errorf("save %s: %v", name, err)
		return ""
	}
	return path
}

// truncate shortens s to at most n bytes without splitting a character
// (page text here is mostly Japanese).
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// syncBuffer is a bytes.Buffer that Chromium's output goroutine and the test
// may use at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// tail returns about the last n bytes written, in whole lines, without the
// D-Bus complaints Chromium prints by the dozen on machines without a
// desktop session: they are never the cause and would bury the line that is.
func (s *syncBuffer) tail(n int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var keep []string
	for line := range strings.Lines(s.b.String()) {
		if !strings.Contains(line, "dbus") {
			keep = append(keep, line)
		}
	}
	out := strings.Join(keep, "")
	if len(out) > n {
		out = out[len(out)-n:]
		if i := strings.IndexByte(out, '\n'); i >= 0 {
			out = out[i+1:]
		}
	}
	return out
}
