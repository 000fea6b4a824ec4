package web

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"hitori"
)

func TestArticleFiles(t *testing.T) {
	e := newSQLiteEnv(t)
	e.srv.cfg.DataDir = t.TempDir()
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	e.mustUser("sato@example.com", hitori.RoleRequester)
	ctx := hitori.NewContextWithUser(context.Background(), admin)
	public := &hitori.Article{Title: "VPN の設定", Body: "手順"}
	secret := &hitori.Article{Title: "ルーターの設定", Body: "管理画面", Visibility: hitori.VisibleStaff}
	for _, a := range []*hitori.Article{public, secret} {
		if err := e.srv.kb.Create(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	c := e.client()
	c.login("admin@example.com", "password123")
	upload := func(c *client, articleID int64, name string, data []byte) (int, string) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("csrf", c.cookie(csrfCookie))
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
		mw.Close()
		req, _ := http.NewRequest("POST", fmt.Sprintf("%s/kb/%d/files", e.ts.URL, articleID), &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		status, loc, _ := c.do(req)
		return status, loc
	}
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 100)...)
	if status, loc := upload(c, public.ID, `C:\Users\sato\スクリーンショット.png`, png); status != http.StatusSeeOther || !strings.Contains(loc, "#files") {
		t.Fatalf("upload: %d %q", status, loc)
	}
	upload(c, secret.ID, "config.txt", []byte("admin password is in the vault"))
	if status, _ := upload(c, public.ID, "big.bin", make([]byte, hitori.MaxArticleFileSize+1)); status != http.StatusUnprocessableEntity {
		t.Fatalf("oversized upload: %d, want 422", status)
	}
	files, err := e.db.Articles().FindArticleFiles(ctx, public.ID)
	if err != nil || len(files) != 1 || files[0].Name != "スクリーンショット.png" || files[0].ContentType != "image/png" {
		t.Fatalf("files = %+v, %v", files, err)
	}
	_, _, page := c.get(fmt.Sprintf("/kb/%d", public.ID))
	if !strings.Contains(page, "スクリーンショット.png") {
		t.Fatal("file not listed on the article page")
	}
	req, _ := http.NewRequest("GET", fmt.Sprintf("%s/kb/%d/files/%d", e.ts.URL, public.ID, files[0].ID), nil)
	resp, err := c.c.Do(req)
	if err != nil || resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "inline") || resp.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("download: %v %v", resp, err)
	}
	resp.Body.Close()

	// A requester reads the public article's file, never the staff article's.
	r := e.client()
	r.login("sato@example.com", "password123")
	if status, _, _ := r.get(fmt.Sprintf("/kb/%d/files/%d", public.ID, files[0].ID)); status != http.StatusOK {
		t.Fatalf("requester, public file: %d", status)
	}
	secretFiles, _ := e.db.Articles().FindArticleFiles(ctx, secret.ID)
	if status, _, _ := r.get(fmt.Sprintf("/kb/%d/files/%d", secret.ID, secretFiles[0].ID)); status != http.StatusNotFound {
		t.Fatalf("requester, staff-only file: %d, want 404", status)
	}
	// A file id under the wrong article is not found.
	if status, _, _ := c.get(fmt.Sprintf("/kb/%d/files/%d", public.ID, secretFiles[0].ID)); status != http.StatusNotFound {
		t.Fatalf("file under another article: %d", status)
	}
	if status, _, _ := c.post(fmt.Sprintf("/kb/%d/files/%d/delete", public.ID, files[0].ID), nil); status != http.StatusSeeOther {
		t.Fatalf("delete: %d", status)
	}
	if files, _ := e.db.Articles().FindArticleFiles(ctx, public.ID); len(files) != 0 {
		t.Fatal("file still listed after delete")
	}
}
