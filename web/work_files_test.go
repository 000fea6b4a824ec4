package web

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hitori"
	"hitori/blob"
	"hitori/intake"
)

// mustAttach stores data under the server's attachments folder (unless
// data is nil: a file that went missing) and records it on item id.
func mustAttach(t *testing.T, e *env, id int64, name, ctype string, data []byte, original bool) *intake.Attachment {
	t.Helper()
	a := &intake.Attachment{ItemID: id, Name: name, ContentType: ctype, Size: int64(len(data)), Original: original}
	if data != nil {
		a.SHA256 = intake.Sum(data)
		p := blob.At(e.srv.cfg.DataDir, blob.Attachments).Path(a.SHA256)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
	} else {
		a.SHA256 = intake.Sum([]byte(name))
	}
	err := e.db.MailLog().InMailTx(context.Background(), func(tx intake.Tx) error { return tx.AddAttachment(context.Background(), a) })
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestWorkItemFiles(t *testing.T) {
	e := newWorkEnv(t)
	e.srv.cfg.DataDir = t.TempDir()
	e.mustUser("tech@example.com", hitori.RoleTechnician)
	it := mustItem(t, e, nil, "プリンター")
	other := mustItem(t, e, nil, "別件")
	eml := []byte("From: a@example.com\r\nSubject: test\r\n\r\nbody\r\n")
	orig := mustAttach(t, e, it.ID, intake.OriginalName, "message/rfc822", eml, true)
	log := mustAttach(t, e, it.ID, "エラー ログ;1.html", "text/html", []byte("<script>alert(1)</script>"), false)
	gone := mustAttach(t, e, it.ID, "gone.pdf", "application/pdf", nil, false)
	big := &intake.Attachment{ItemID: it.ID, Name: "big.zip", ContentType: "application/zip", Size: 50 << 20}
	if err := e.db.MailLog().InMailTx(context.Background(), func(tx intake.Tx) error { return tx.AddAttachment(context.Background(), big) }); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	c.login("tech@example.com", "password123")

	files := section(c.mustGet(workItemURL(it.ID)), "item-files", "</section>")
	for _, want := range []string{"エラー ログ;1.html", "big.zip", "50.0 MB", "25 バイト", fmt.Sprintf("/work/items/%d/mail/%d", it.ID, orig.ID)} {
		if !strings.Contains(files, want) {
			t.Errorf("files section lacks %q:\n%s", want, files)
		}
	}
	if strings.Contains(section(c.mustGet(workItemURL(other.ID)), "item-files", "</section>"), "big.zip") {
		t.Error("another item lists these files")
	}

	resp := mustDownload(t, c, fmt.Sprintf("/work/items/%d/attachments/%d", it.ID, log.ID))
	for h, want := range map[string]string{
		"Content-Type":            "application/octet-stream", // never text/html from a stranger
		"Content-Disposition":     `attachment; filename="___ ___1.html"; filename*=UTF-8''%E3%82%A8%E3%83%A9%E3%83%BC%20%E3%83%AD%E3%82%B0%3B1.html`,
		"X-Content-Type-Options":  "nosniff",
		"Content-Security-Policy": "default-src 'none'; sandbox",
	} {
		if got := resp.Header.Get(h); got != want {
			t.Errorf("%s: got %q, want %q", h, got, want)
		}
	}
	resp = mustDownload(t, c, fmt.Sprintf("/work/items/%d/mail/%d", it.ID, orig.ID))
	if got := resp.Header.Get("Content-Type"); got != "message/rfc822" {
		t.Errorf("eml Content-Type %q", got)
	}
	if got := resp.Header.Get("Content-Disposition"); !strings.Contains(got, it.Key()+"-") || !strings.Contains(got, ".eml") {
		t.Errorf("eml Content-Disposition %q", got)
	}

	for name, path := range map[string]string{
		"missing file":       fmt.Sprintf("/work/items/%d/attachments/%d", it.ID, gone.ID),
		"not kept":           fmt.Sprintf("/work/items/%d/attachments/%d", it.ID, big.ID),
		"another item":       fmt.Sprintf("/work/items/%d/attachments/%d", other.ID, log.ID),
		"eml as attachment":  fmt.Sprintf("/work/items/%d/attachments/%d", it.ID, orig.ID),
		"attachment as mail": fmt.Sprintf("/work/items/%d/mail/%d", it.ID, log.ID),
		"bad id":             fmt.Sprintf("/work/items/%d/attachments/x", it.ID),
		"no such":            fmt.Sprintf("/work/items/%d/mail/999999", it.ID),
	} {
		t.Run(name, func(t *testing.T) {
			if status, _, _ := c.get(path); status != http.StatusNotFound {
				t.Errorf("GET %s: status %d, want 404", path, status)
			}
		})
	}
}

// mustDownload fetches path, which must answer 200, and returns the response.
func mustDownload(t *testing.T, c *client, path string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("GET", c.e.ts.URL+path, nil)
	resp, err := c.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d", path, resp.StatusCode)
	}
	return resp
}

func TestWorkDisposition(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"report.pdf", `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`},
		{`..\..\evil".txt`, `attachment; filename="evil_.txt"; filename*=UTF-8''evil%22.txt`},
		{"", `attachment; filename="file"; filename*=UTF-8''file`},
		{"見積書.xlsx", `attachment; filename="___.xlsx"; filename*=UTF-8''%E8%A6%8B%E7%A9%8D%E6%9B%B8.xlsx`},
	} {
		if got := workDisposition(tc.in); got != tc.want {
			t.Errorf("workDisposition(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
