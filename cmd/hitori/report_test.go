package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hitori/auth"
	"hitori/report"
	"hitori/report/reportseed"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// seededData writes the generated data set into a fresh data folder.
func seededData(t *testing.T) string {
	t.Helper()
	data := t.TempDir()
	db, err := sqlstore.Open(context.Background(), filepath.Join(data, "hitori.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Hasher = auth.Hasher{P: auth.TestParams} // the seed's staff member has a password
	if _, err := reportseed.All(context.Background(), reportseed.Seeder{Items: db.Items(), Users: db.Users(), Assets: db.Assets(),
		Monitors: db.Monitors(), Incidents: db.Incidents(), Articles: db.Articles(), Handover: db.Handover(), Duties: db.Duties(),
		SetNow: func(at time.Time) { db.Now = func() time.Time { return at } }}); err != nil {
		t.Fatal(err)
	}
	return data
}

func TestReportMonthlyHTML(t *testing.T) {
	data := seededData(t)
	out := filepath.Join(t.TempDir(), "nov.html")
	if code, _, errs := cli(t, "", "report", "monthly", "--data", data, "--month", "2026-11", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, want := range []string{"IT 月次報告 2026-11", "今月のまとめ", "<svg", "<title", "<style>", "停止したシステムと対応", "UTM",
		"クラウドバックアップ株式会社", "524,000", "会計システム"} {
		if !strings.Contains(html, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for _, bad := range []string{"<script", "<link", "src=\"http", "href=\"http"} {
		if strings.Contains(html, bad) {
			t.Errorf("report is not self-contained: has %q", bad)
		}
	}
}

// TestReportMonthlyPDF prints the report with the host's Chromium and reads
// its text layer back with pdftotext: the Japanese headings and the
// month's total hours must be there as text.
func TestReportMonthlyPDF(t *testing.T) {
	if report.FindChromium() == "" {
		storetest.Skip(t, "no Chromium on this host")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		storetest.Skip(t, "no pdftotext (poppler-utils)")
	}
	data := seededData(t)
	out := filepath.Join(t.TempDir(), "nov.pdf")
	if code, _, errs := cli(t, "", "report", "monthly", "--data", data, "--month", "2026-11", "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	text, err := exec.Command(pdftotext, "-layout", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(strings.Fields(string(text)), "")
	for _, want := range []string{"IT月次報告2026-11", "今月のまとめ", "作業量とサービス状況", "セキュリティとライフサイクルのリスク", "カテゴリー別の作業時間",
		"障害と対応", "停止したシステムと対応", "ITコスト", "524,000"} {
		if !strings.Contains(got, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, text)
		}
	}
}

func TestReportMonthlyWithoutChromium(t *testing.T) {
	t.Setenv("HITORI_CHROMIUM", "none")
	data := seededData(t)
	out := filepath.Join(t.TempDir(), "nov.pdf")
	code, _, errs := cli(t, "", "report", "monthly", "--data", data, "--month", "2026-11", "--out", out)
	if code == 0 || !strings.Contains(errs, "Chromium") {
		t.Fatalf("exit %d, stderr %q: want a clear failure naming Chromium", code, errs)
	}
	b, err := os.ReadFile(out + ".html")
	if err != nil || !strings.Contains(string(b), "Chromium") {
		t.Fatalf("HTML fallback: %v", err)
	}
}
