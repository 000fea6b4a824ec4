package web

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"hitori"
	"hitori/binder"
	"hitori/vault"
)

// unzipBinder returns the files of a downloaded binder by name.
func unzipBinder(t *testing.T, body string) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(strings.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[strings.TrimPrefix(f.Name, binder.ZipFolder+"/")] = string(b)
	}
	return out
}

// TestHandoverBinderDownload: the administrator's button gives a zip with
// the runbooks, translated, and no credential; with credentials asked for,
// only the vault's encrypted export joins, which imports back; a
// secret's plaintext appears in no file of either binder.
func TestHandoverBinderDownload(t *testing.T) {
	w := newStandinWorld(t)
	e, admin := w.e, w.adminC
	if body := admin.mustGet("/admin/handover/binder"); !strings.Contains(body, `data-testid="binder-download"`) {
		t.Fatalf("page: %.300s", body)
	}
	status, _, body := admin.post("/admin/handover/binder", nil)
	if status != http.StatusOK {
		t.Fatalf("download: status %d %.300s", status, body)
	}
	files := unzipBinder(t, body)
	page := files[binder.IndexName]
	for _, want := range []string{"NAS の再起動手順", "電源ボタンを長押し", "IT 引き継ぎ資料", "復旧手順", "パスワードは含まれていません"} {
		if !strings.Contains(page, want) {
			t.Errorf("binder lacks %q", want)
		}
	}
	if m := regexp.MustCompile(`\b(binder|asset)\.[a-z_.]+`).FindString(page); m != "" {
		t.Errorf("untranslated key %q in the binder", m)
	}
	if len(files) != 1 {
		t.Errorf("files without credentials: %d, want the page only", len(files))
	}
	assertNoSecret(t, body, files)

	for _, tt := range []struct {
		name  string
		form  url.Values
		field string
	}{
		{"passphrases differ", url.Values{"include_secrets": {"1"}, "passphrase": {"correct horse battery"}, "passphrase2": {"correct horse battery!"}}, "一致しません"},
		{"passphrase short", url.Values{"include_secrets": {"1"}, "passphrase": {"short"}, "passphrase2": {"short"}}, "12 文字以上"},
	} {
		if status, _, body := admin.post("/admin/handover/binder", tt.form); status != http.StatusUnprocessableEntity || !strings.Contains(body, tt.field) {
			t.Errorf("%s: status %d %.300s", tt.name, status, body)
		}
	}
	pass := "correct horse battery staple"
	status, _, body = admin.post("/admin/handover/binder", url.Values{"include_secrets": {"1"}, "passphrase": {pass}, "passphrase2": {pass}})
	if status != http.StatusOK {
		t.Fatalf("download with credentials: status %d %.300s", status, body)
	}
	files = unzipBinder(t, body)
	vf, ok := files[binder.VaultFileName]
	if !ok || !strings.Contains(files[binder.IndexName], "hitori vault import") {
		t.Fatalf("with credentials: files %d, vault file %v", len(files), ok)
	}
	assertNoSecret(t, body, files)
	n, err := e.srv.vault.Import(context.Background(), vault.Actor{User: w.admin}, []byte(vf), pass)
	if err != nil || n != 2 {
		t.Errorf("the binder's vault file imports %d entries, %v; want 2", n, err)
	}
	events, _, _ := e.db.Audit().FindAuditEvents(context.Background(), hitori.AuditFilter{Action: hitori.AuditHandoverExport})
	if len(events) != 2 {
		t.Errorf("binder exports audited: %d, want 2", len(events))
	}
}

// assertNoSecret fails when a vault password shows in the raw download or
// any file in it.
func assertNoSecret(t *testing.T, raw string, files map[string]string) {
	t.Helper()
	for _, secret := range []string{standinSecret, standinHidden} {
		if bytes.Contains([]byte(raw), []byte(secret)) {
			t.Errorf("the download holds the plaintext %q", secret)
		}
		for name, data := range files {
			if strings.Contains(data, secret) {
				t.Errorf("%s holds the plaintext %q", name, secret)
			}
		}
	}
}
