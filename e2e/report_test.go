package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hitori/auth"
	"hitori/report/reportseed"
	"hitori/sqlstore"
)

// reportTimeout allows two A4 prints on a loaded machine.
const reportTimeout = 2 * time.Minute

// monthlyHeadings are the monthly report's Japanese headings and a
// figure of the seeded data set (the yearly IT cost) that its printout
// must hold as text.
var monthlyHeadings = []string{"IT月次報告2026-11", "今月のまとめ", "作業量とサービス状況", "障害と対応",
	"停止したシステムと対応", "セキュリティとライフサイクルのリスク", "ITコスト", "524,000"}

// TestMonthlyReportPrintsA4 is issue 13's acceptance 3, second half, with
// the real binary: the monthly report page of a seeded data folder, opened
// by a signed-in administrator, and the self-contained HTML file that
// "hitori report monthly --out FILE.html" writes, opened from the file
// system, each print from Chromium (the DevTools protocol's print to PDF,
// honouring the page's @page size) on A4 pages only, with the Japanese
// headings and figures read back from the PDF's text by pdftotext. The
// page fetches nothing and uses a Japanese font.
func TestMonthlyReportPrintsA4(t *testing.T) {
	data := t.TempDir()
	mustHitori(t, adminPassword+"\n", "user", "create", "--data", data, "--email", adminEmail, "--name", adminName, "--role", "admin")
	seedReports(t, data)
	file := filepath.Join(t.TempDir(), "monthly-2026-11.html")
	mustHitori(t, "", "report", "monthly", "--data", data, "--month", "2026-11", "--out", file)
	srv := startServer(t, data)

	b := newBrowserFor(t, reportTimeout)
	b.do("sign in", chromedp.Navigate(srv.URL+"/reports/monthly"), chromedp.WaitVisible(byTestID("login-form")))
	signIn(b, adminEmail, adminPassword)
	for _, src := range []struct{ name, url string }{
		{"page", srv.URL + "/reports/monthly/2026-11"},
		{"file", "file://" + filepath.ToSlash(file)},
	} {
		t.Run(src.name, func(t *testing.T) {
			b.t = t
			b.do("open the monthly report", chromedp.Navigate(src.url))
			b.do("wait for the heading", chromedp.WaitVisible(chromedp.CSS(`h1`)))
			wantContains(t, b, "h1", "IT 月次報告 2026-11")
			wantContains(t, b, `[data-testid="monthly-outages"]`, "UTM")
			wantContains(t, b, `[data-testid="monthly-cost-vendor"]`, "クラウドバックアップ株式会社")
			if n := eval[int](b, "resources fetched", "performance.getEntriesByType('resource').length"); n != 0 {
				t.Errorf("the report fetched %d resources; it must need none", n)
			}
			if fam := eval[string](b, "font", "getComputedStyle(document.body).fontFamily"); !strings.Contains(fam, "Noto Sans CJK JP") {
				t.Errorf("font-family %q has no Japanese font first", fam)
			}
			ctx, cancel := context.WithTimeout(b.ctx, 45*time.Second)
			defer cancel()
			pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
			if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
				t.Fatalf("print: %v", err)
			}
			pages, a4 := pdfPages(pdf)
			t.Logf("%s: %d pages, %d A4", src.name, pages, a4)
			if pages < 2 || a4 != pages {
				t.Errorf("printout: %d pages, %d of them A4; want every page A4 (and the report longer than one)", pages, a4)
			}
			checkPrintedText(t, saveArtifact(t, "monthly-"+src.name+".pdf", pdf), monthlyHeadings)
		})
	}
}

// checkPrintedText reads a PDF's text layer back with pdftotext
// (poppler-utils) and looks for each of want, spaces ignored.
func checkPrintedText(t *testing.T, pdfFile string, want []string) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("poppler-utils not installed: the printout's text is not read back")
		return
	}
	out, err := exec.Command("pdftotext", "-layout", pdfFile, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(strings.ReplaceAll(string(out), "\u3000", " ")), "")
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("printout lacks %q:\n%.2000s", w, out)
		}
	}
}

// seedReports writes the reports' generated data set into the data folder.
func seedReports(t *testing.T, data string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, filepath.Join(data, "hitori.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Hasher = auth.Hasher{P: auth.TestParams}
	if _, err := reportseed.All(ctx, reportseed.Seeder{Items: db.Items(), Users: db.Users(), Assets: db.Assets(),
		Monitors: db.Monitors(), Incidents: db.Incidents(), Articles: db.Articles(), Handover: db.Handover(), Duties: db.Duties(),
		SetNow: func(at time.Time) { db.Now = func() time.Time { return at } }}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(data, "hitori.db")); err != nil {
		t.Fatal(err)
	}
}
