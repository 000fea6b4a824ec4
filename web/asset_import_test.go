package web

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hitori"
	"hitori/asset"
	"hitori/ledger"
)

// postLedger uploads a ledger file from the import form.
func (c *client) postLedger(name string, data []byte) (int, string, string) {
	c.e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", c.cookie(csrfCookie))
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", c.e.ts.URL+"/assets/import", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

func ledgerClient(t *testing.T) (*env, *client) {
	e := newSQLiteEnv(t)
	e.mustUser("tech@example.com", hitori.RoleTechnician)
	c := e.client()
	c.login("tech@example.com", "password123")
	c.mustGet("/assets/import")
	return e, c
}

func countAssets(t *testing.T, e *env) int {
	n := 0
	if err := e.db.Assets().EachAsset(context.Background(), func(*hitori.Asset) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// The messy ledger: upload, preview (40 to add, licenses recognised, the
// mapping suggested), correct the mapping, confirm; the assets are there.
func TestLedgerImportPage(t *testing.T) {
	e, c := ledgerClient(t)
	data, err := os.ReadFile(filepath.Join("testdata", "it_asset_ledger_messy.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	status, loc, body := c.postLedger("it_asset_ledger_messy.xlsx", data)
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/asset-imports/") {
		t.Fatalf("upload: %d %q %.300s", status, loc, body)
	}
	body = c.mustGet(loc)
	for _, want := range []string{`data-testid="ledger-created">40<`, `data-testid="ledger-error-count">0<`, "ライセンスのシートを 15 件",
		"シート「ハードウェア」: 見出しは 3 行目。", `<option value="serial" selected>シリアル番号</option>`, "MS-PC-0004", "この内容で取り込む"} {
		if !strings.Contains(body, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
	assertNoEnglish(t, "the import preview", body)
	if countAssets(t, e) != 0 {
		t.Fatal("the preview wrote assets")
	}
	// Ignore 備考 (column O of the first sheet): the preview is run again.
	form := map[string][]string{"col.0.14": {""}}
	if status, _, body := c.post(loc+"/mapping", form); status != http.StatusSeeOther {
		t.Fatalf("mapping: %d %.300s", status, body)
	}
	body = c.mustGet(loc)
	if !strings.Contains(body, `name="col.0.14" aria-label="備考">`+"\n"+`<option value="" selected>`) {
		t.Errorf("the corrected mapping is not shown")
	}
	if status, _, body := c.post(loc+"/confirm", nil); status != http.StatusSeeOther {
		t.Fatalf("confirm: %d %.300s", status, body)
	}
	body = c.mustGet(loc)
	if !strings.Contains(body, "取り込みが完了しました") || !strings.Contains(body, `data-testid="ledger-created">40<`) {
		t.Errorf("result page: %.2000s", body)
	}
	if n := countAssets(t, e); n != 40 {
		t.Errorf("%d assets after the import", n)
	}
	if status, _, _ := c.post(loc+"/confirm", nil); status != http.StatusConflict {
		t.Errorf("a second confirm: %d", status)
	}
}

// Every error names sheet, row and column, in the user's language.
func TestLedgerImportErrors(t *testing.T) {
	_, c := ledgerClient(t)
	csv := "IT資産台帳\n\n資産番号,種別,購入日,購入金額,状態\nA-1,PC,2023/2/30,1000,使用中\nA-2,PC,R5.4.1,たくさん,行方不明\nA-3,PC,2023/4/1,1000,在庫\n"
	_, loc, _ := c.postLedger("bad.csv", []byte(csv))
	body := c.mustGet(loc)
	for _, want := range []string{
		"<td>CSV</td><td>4</td><td>購入日</td><td>日付として読めません</td><td>2023/2/30</td>",
		"<td>CSV</td><td>5</td><td>購入金額</td><td>金額として読めません</td><td>たくさん</td>",
		"<td>CSV</td><td>5</td><td>状態</td>",
		`data-testid="ledger-valid">1<`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
	// Not a ledger at all: the run says so.
	_, loc, _ = c.postLedger("x.xlsx", []byte("PK\x03\x04nonsense"))
	if body = c.mustGet(loc); !strings.Contains(body, ".xlsx または .csv のファイルとして読めません") {
		t.Errorf("bad file page: %.1000s", body)
	}
}

// A file over the in-request size runs as a job; the page shows progress
// and refreshes until it is done.
func TestLedgerImportAsJob(t *testing.T) {
	e, c := ledgerClient(t)
	var b strings.Builder
	b.WriteString("資産番号,種別,型番,購入日,購入金額\n")
	for i := 0; b.Len() <= asset.SyncRunBytes; i++ {
		fmt.Fprintf(&b, "MS-%06d,ノートPC,ThinkPad X1 Carbon Gen %d,2024/4/1,\"¥%d\"\n", i, i%12, 100000+i)
	}
	_, loc, _ := c.postLedger("big.csv", []byte(b.String()))
	status, _, body := c.get(loc)
	if status != http.StatusOK || !strings.Contains(body, `data-testid="ledger-progress"`) {
		t.Fatalf("big file page: %d %.500s", status, body)
	}
	svc := asset.New(e.db.Assets())
	e.runJobs(asset.JobLedgerImport, svc.LedgerImportJob)
	body = c.mustGet(loc)
	if !strings.Contains(body, "取り込み前の確認") || !strings.Contains(body, "ほか ") {
		t.Errorf("after the job: %.1000s", body)
	}
}

func TestLedgerExportDownload(t *testing.T) {
	_, c := ledgerClient(t)
	status, _, body := c.get("/assets/export?format=csv&encoding=utf-8")
	if status != http.StatusOK || !strings.HasPrefix(body, "\ufeff資産番号,種別") {
		t.Fatalf("export: %d %.200s", status, body)
	}
	if status, _, _ := c.get("/assets/export?format=pdf"); status != http.StatusUnprocessableEntity {
		t.Errorf("bad format: %d", status)
	}
}

// The catalogue carries the ledger package's reasons word for word, so
// the command line and the page say the same.
func TestLedgerCatalogueHasReasons(t *testing.T) {
	locs, err := loadLocales()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range ledger.ReasonKeys() {
		for _, lang := range Languages {
			if got, want := locs[lang].T(k), ledger.Reason(k, lang); got != want {
				t.Errorf("%s %s: %q, ledger says %q", lang, k, got, want)
			}
		}
	}
}
