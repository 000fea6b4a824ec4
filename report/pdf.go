package report

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// ErrNoChromium says the host has no Chromium to print the PDF with: the
// caller writes the HTML report instead, and says so.
var ErrNoChromium = errors.New("report: no Chromium on this host: the PDF needs one (install chromium and fonts-noto-cjk); the HTML report prints to A4 from any browser")

// FindChromium returns the browser to print with: $HITORI_CHROMIUM, else
// the first of the usual names on PATH; "" when there is none.
func FindChromium() string {
	if p := os.Getenv("HITORI_CHROMIUM"); p != "" {
		if p == "none" { // lets an operator (and the tests) turn printing off
			return ""
		}
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// PrintTimeout bounds one PDF print.
const PrintTimeout = 90 * time.Second

// PrintPDF prints the self-contained HTML html to a PDF at out with a
// headless Chromium (chromium: its path): the PDF gets the browser's text
// layer with the Japanese fonts subsetted and embedded. A fresh profile
// per print keeps runs apart.
func PrintPDF(ctx context.Context, chromium string, html []byte, out string) error {
	if chromium == "" {
		return ErrNoChromium
	}
	dir, err := os.MkdirTemp("", "hitori-print-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "report.html")
	if err := os.WriteFile(in, html, 0o600); err != nil {
		return err
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, PrintTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--no-pdf-header-footer", "--print-to-pdf="+abs, "file://"+in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("report: chromium print: %w: %s", err, tail(msg, 400))
	}
	if st, err := os.Stat(abs); err != nil || st.Size() == 0 {
		return fmt.Errorf("report: chromium wrote no PDF: %s", tail(msg, 400))
	}
	return nil
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}
