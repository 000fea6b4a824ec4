package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hitori"
	"hitori/sqlstore"
)

// binderSecret is a vault password that must appear in no file of the binder.
const binderSecret = "Binder-never-plain-Pw!42"

// TestHandoverBinderOffline is issue 11's binder acceptance with the real
// binary: runbooks imported, a secret stored through the API, then
// "hitori handover export --include-secrets" writes the binder; no file
// holds the secret's plaintext; headless Chromium opens the page from the
// file system (file://, never the server's address), finds the contents and the
// runbooks, fetches nothing, and prints it on A4 with the Japanese text
// intact.
func TestHandoverBinderOffline(t *testing.T) {
	data := t.TempDir()
	mustHitori(t, "admin-password-2026\n", "user", "create", "--data", data, "--email", "admin@example.com", "--role", "admin")
	kbDir, err := filepath.Abs("../testdata/kb")
	if err != nil {
		t.Fatal(err)
	}
	mustHitori(t, "", "kb", "import", "--data", data, kbDir)
	seedRegister(t, data)
	token := strings.TrimSpace(mustHitori(t, "", "token", "create", "--data", data, "--email", "admin@example.com", "--name", "binder-e2e"))
	srv := startServer(t, data)
	apiSecret(t, srv.URL, token, map[string]string{"system": "UTM", "username": "admin", "password": binderSecret})

	out := filepath.Join(t.TempDir(), "binder")
	cmd := exec.Command(hitoriBin(t), "handover", "export", "--data", data, "--company", "株式会社ひとり商事", "--include-secrets", out)
	cmd.Env = append(childEnv(), "HITORI_BINDER_PASSPHRASE=binder passphrase 2026")
	if b, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(b), "wrote the handover binder") {
		t.Fatalf("handover export: %v\n%s", err, b)
	}
	entries, err := os.ReadDir(out)
	if err != nil || len(entries) != 2 {
		t.Fatalf("binder folder: %d files, %v; want the page and the encrypted vault file", len(entries), err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(out, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(binderSecret)) {
			t.Errorf("%s holds the secret's plaintext", e.Name())
		}
	}

	b := newBrowser(t)
	page := "file://" + filepath.ToSlash(filepath.Join(out, "index.html"))
	b.do("open the binder from the file system",
		chromedp.Navigate(page),
		chromedp.WaitVisible(byTestID("binder-toc")),
	)
	wantContains(t, b, "h1", "IT 引き継ぎ資料")
	wantContains(t, b, `[data-testid="binder-toc"]`, "手順書（ランブック）")
	wantContains(t, b, `[data-testid="binder-toc"]`, "復旧手順")
	wantContains(t, b, `[data-testid="binder-runbooks"]`, "複合機で印刷できないときの確認手順")
	wantContains(t, b, `[data-testid="binder-recovery"]`, "hitori vault recover")
	wantContains(t, b, `[data-testid="binder-toc"]`, "ベンダーと連絡先")
	wantContains(t, b, `[data-testid="binder-vendors"]`, "みなと保守サービス")
	wantContains(t, b, `[data-testid="binder-vendors"]`, "0120-123-456")
	wantContains(t, b, `[data-testid="binder-vendors"]`, "顧客番号 HK-2024-0815 を伝える")
	wantContains(t, b, `[data-testid="binder-systems"]`, "本社ファイルサーバー")
	wantContains(t, b, `[data-testid="binder-contracts"]`, "NAS 保守契約")
	wantContains(t, b, `[data-testid="binder-renewals"]`, "解約の判断期限")
	if n := eval[int](b, "diagram", `document.querySelectorAll('[data-testid="binder-diagram"] svg').length`); n != 1 {
		t.Errorf("diagram SVGs: %d, want 1", n)
	}
	wantContains(t, b, `[data-testid="binder-diagram"]`, "本社ファイルサーバー")
	b.do("follow the diagram's box to the system",
		chromedp.Click(`[data-testid="binder-diagram"] a[href^="#system-"]`),
	)
	if loc := eval[string](b, "location", "location.href"); !strings.Contains(loc, "#system-") {
		t.Errorf("after the diagram's box: %s", loc)
	}
	b.do("follow a system's runbook link",
		chromedp.Click(`[data-testid="binder-systems"] a[href^="#runbook-"]`),
	)
	if loc := eval[string](b, "location", "location.href"); !strings.Contains(loc, "#runbook-") {
		t.Errorf("after the system's runbook link: %s", loc)
	}
	b.do("follow the contents to a runbook",
		chromedp.Click(`[data-testid="binder-toc"] a[href^="#runbook-"]`),
	)
	if loc := eval[string](b, "location", "location.href"); !strings.HasPrefix(loc, "file://") || !strings.Contains(loc, "#runbook-") {
		t.Errorf("after the contents link: %s", loc)
	}
	if n := eval[int](b, "resources fetched", "performance.getEntriesByType('resource').length"); n != 0 {
		t.Errorf("the binder fetched %d resources; it must need none", n)
	}
	if fam := eval[string](b, "font", "getComputedStyle(document.documentElement).fontFamily"); !strings.Contains(fam, "Noto Sans CJK JP") {
		t.Errorf("font-family %q has no Japanese font", fam)
	}
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("print: %v", err)
	}
	pdfFile := saveArtifact(t, "binder.pdf", pdf)
	checkPrintedBinder(t, pdfFile)
}

// checkPrintedBinder checks the printout with poppler-utils when present:
// A4 pages, and the Japanese text read back (glyphs, not boxes).
func checkPrintedBinder(t *testing.T, pdfFile string) {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Log("poppler-utils not installed: the printout is not read back")
		return
	}
	info, err := exec.Command("pdfinfo", pdfFile).Output()
	if err != nil || !strings.Contains(string(info), "(A4)") {
		t.Errorf("printout is not A4: %v\n%s", err, info)
	}
	text, err := exec.Command("pdftotext", "-layout", pdfFile, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"IT 引き継ぎ資料", "株式会社ひとり商事", "複合機で印刷できないときの確認手順", "復旧手順", "みなと保守サービス"} {
		if !strings.Contains(strings.ReplaceAll(string(text), "\u3000", " "), want) {
			t.Errorf("printout lacks %q", want)
		}
	}
	if bytes.Contains(text, []byte(binderSecret)) {
		t.Error("the printout holds the secret's plaintext")
	}
}

// seedRegister puts a vendor, a system linked to an imported runbook, and
// a contract into the handover register, through the store.
func seedRegister(t *testing.T, data string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, filepath.Join(data, "hitori.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rb, err := db.Articles().FindArticleBySlug(ctx, "kb-001")
	if err != nil {
		t.Fatal(err)
	}
	v := &hitori.Vendor{Name: "みなと保守サービス", Handles: "NAS と複合機の保守", Phone: "0120-123-456",
		HowToOpen: "平日 9–18 時に電話し、顧客番号 HK-2024-0815 を伝える", Contacts: []hitori.VendorContact{{Name: "港 太郎", Role: "担当SE"}}}
	if err := db.Handover().CreateVendor(ctx, v); err != nil {
		t.Fatal(err)
	}
	sys := &hitori.System{Name: "本社ファイルサーバー", Kind: hitori.SystemFileServer, Criticality: hitori.CriticalHigh, VendorID: v.ID,
		Links: []hitori.SystemLink{{Kind: hitori.LinkArticle, Ref: strconv.FormatInt(rb.ID, 10)}}}
	if err := db.Handover().CreateSystem(ctx, sys); err != nil {
		t.Fatal(err)
	}
	end := hitori.DateOf(time.Now().AddDate(1, 0, 0))
	c := &hitori.Contract{VendorID: v.ID, Title: "NAS 保守契約", StartsOn: hitori.DateOf(time.Now()), EndsOn: end, AutoRenew: true,
		Notice: 1, NoticeUnit: hitori.NoticeMonths, SystemIDs: []int64{sys.ID}}
	if err := db.Handover().CreateContract(ctx, c); err != nil {
		t.Fatal(err)
	}
}
