package e2e

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// ledgerJSON is `hitori assets import --json`'s contract.
type ledgerJSON struct {
	Valid, Created, Updated, Unchanged int
	Errors                             []struct {
		Sheet, Column, Reason string
		Row                   int
	}
}

// TestAssetImportPage drives the ledger import in Chromium: the messy
// ledger with three broken cells shows every error the command line finds
// (sheet, row, column, reason), the confirm imports the valid rows; the
// unbroken messy ledger then adds the rest, and all 40 assets are in the
// register.
func TestAssetImportPage(t *testing.T) {
	data := t.TempDir()
	mustHitori(t, adminPassword+"\n", "user", "create", "--data", data, "--email", adminEmail, "--name", adminName, "--role", "admin")
	broken, _ := filepath.Abs(filepath.Join("testdata", "it_asset_ledger_messy_errors.xlsx"))
	messy, _ := filepath.Abs(filepath.Join("testdata", "it_asset_ledger_messy.xlsx"))

	var want ledgerJSON
	if err := json.Unmarshal([]byte(mustHitori(t, "", "assets", "import", "--data", data, "--dry-run", "--json", broken)), &want); err != nil {
		t.Fatal(err)
	}
	if want.Valid != 37 || len(want.Errors) != 4 {
		t.Fatalf("the command line finds %d valid rows and %d errors, want 37 and 4", want.Valid, len(want.Errors))
	}

	srv := startServer(t, data)
	b := newBrowser(t)
	b.do("open the import page", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(byTestID("login-form")))
	signIn(b, adminEmail, adminPassword)
	b.do("upload the broken ledger",
		chromedp.Navigate(srv.URL+"/assets/import"),
		chromedp.WaitVisible(byTestID("ledger-upload")),
		chromedp.SetUploadFiles(byTestID("ledger-file"), []string{broken}),
		chromedp.Submit(byTestID("ledger-upload")),
		chromedp.WaitVisible(byTestID("ledger-summary")),
	)
	wantText(t, b, `[data-testid="ledger-valid"]`, "37")
	wantText(t, b, `[data-testid="ledger-error-count"]`, "4")
	wantContains(t, b, `[data-testid="ledger-licenses"]`, "15")
	rows := eval[[][]string](b, "read the errors", `[...document.querySelectorAll('[data-testid="ledger-error"]')].map(tr => [...tr.cells].map(td => td.innerText.trim()))`)
	if len(rows) != len(want.Errors) {
		t.Fatalf("the page lists %d errors, the command line %d: %v", len(rows), len(want.Errors), rows)
	}
	for i, e := range want.Errors {
		got := strings.Join(rows[i][:4], "|")
		if exp := strings.Join([]string{e.Sheet, itoa(e.Row), e.Column, e.Reason}, "|"); got != exp {
			t.Errorf("error %d: page %q, command line %q", i, got, exp)
		}
	}
	b.screenshot("ledger-preview-errors")
	b.do("confirm",
		chromedp.Click(`[data-testid="ledger-confirm"] button`),
		chromedp.WaitVisible(byTestID("ledger-done")),
	)
	wantText(t, b, `[data-testid="ledger-created"]`, "37")

	b.do("upload the whole messy ledger",
		chromedp.Navigate(srv.URL+"/assets/import"),
		chromedp.WaitVisible(byTestID("ledger-upload")),
		chromedp.SetUploadFiles(byTestID("ledger-file"), []string{messy}),
		chromedp.Submit(byTestID("ledger-upload")),
		chromedp.WaitVisible(byTestID("ledger-summary")),
	)
	wantText(t, b, `[data-testid="ledger-created"]`, "3")
	wantText(t, b, `[data-testid="ledger-error-count"]`, "0")
	b.do("confirm again",
		chromedp.Click(`[data-testid="ledger-confirm"] button`),
		chromedp.WaitVisible(byTestID("ledger-done")),
	)

	// The register holds all 40: the command line reads the same data.
	var again ledgerJSON
	if err := json.Unmarshal([]byte(mustHitori(t, "", "assets", "import", "--data", data, "--dry-run", "--json", messy)), &again); err != nil {
		t.Fatal(err)
	}
	if again.Valid != 40 || again.Unchanged != 40 {
		t.Errorf("after the imports, the messy ledger would change: %+v", again)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
