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
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// mustNoteFile records an internal note on item id with a file on it, as
// if a colleague's mail had been filed as a note.
func mustNoteFile(t *testing.T, e *env, id int64, name string, data []byte) *intake.Attachment {
	t.Helper()
	a := &intake.Attachment{ItemID: id, Name: name, ContentType: "text/plain", Size: int64(len(data)), SHA256: intake.Sum(data)}
	p := blob.At(e.srv.cfg.DataDir, blob.Attachments).Path(a.SHA256)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	err := e.db.MailLog().InMailTx(context.Background(), func(tx intake.Tx) error {
		note := &hitori.Event{ItemID: id, Kind: hitori.EventNote, Body: "スタッフ用メモ"}
		if err := tx.AddEvent(context.Background(), note); err != nil {
			return err
		}
		a.EventID = note.ID
		return tx.AddAttachment(context.Background(), a)
	})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestPortalAttachments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newEnv(t, db)
		e.srv.work.Now = e.clock.Now
		e.srv.cfg.DataDir = t.TempDir()
		sato := e.mustUser("sato@example.com", hitori.RoleRequester)
		e.mustUser("suzuki@example.com", hitori.RoleRequester)
		it := mustItem(t, e, sato, "プリンターのエラー")
		photo := []byte("\x89PNG\r\n\x1a\nエラー画面")
		shot := mustAttach(t, e, it.ID, "エラー画面.png", "image/png", photo, false)
		page := mustAttach(t, e, it.ID, "log.html", "text/html", []byte("<script>alert(1)</script>"), false)
		eml := mustAttach(t, e, it.ID, intake.OriginalName, "message/rfc822", []byte("From: sato@example.com\r\n\r\nx\r\n"), true)
		note := mustNoteFile(t, e, it.ID, "社内メモ.txt", []byte("内部の情報"))
		url := func(a *intake.Attachment) string { return fmt.Sprintf("/portal/items/%d/attachments/%d", it.ID, a.ID) }

		c := e.client()
		c.login("sato@example.com", "password123")
		files := section(c.mustGet(portalItemURL(it.ID)), "portal-files", "</section>")
		for _, want := range []string{"エラー画面.png", url(shot), "log.html", "バイト"} {
			if !strings.Contains(files, want) {
				t.Errorf("portal files lack %q:\n%s", want, files)
			}
		}
		for _, hidden := range []string{"社内メモ", intake.OriginalName, fmt.Sprintf("/attachments/%d", eml.ID)} {
			if strings.Contains(files, hidden) {
				t.Errorf("portal files show %q:\n%s", hidden, files)
			}
		}

		resp := mustDownload(t, c, url(shot))
		if ct := resp.Header.Get("Content-Type"); ct != "image/png" {
			t.Errorf("image Content-Type %q", ct)
		}
		if _, _, body := c.get(url(shot)); body != string(photo) {
			t.Errorf("downloaded %q, want %q", body, photo)
		}
		resp = mustDownload(t, c, url(page))
		for h, want := range map[string]string{
			"Content-Type":            "application/octet-stream",
			"X-Content-Type-Options":  "nosniff",
			"Content-Security-Policy": "default-src 'none'; sandbox",
		} {
			if got := resp.Header.Get(h); got != want {
				t.Errorf("%s: got %q, want %q", h, got, want)
			}
		}

		other := e.client()
		other.login("suzuki@example.com", "password123")
		for name, tc := range map[string]struct {
			c    *client
			path string
		}{
			"another requester": {other, url(shot)},
			"internal note":     {c, url(note)},
			"original .eml":     {c, url(eml)},
			"bad id":            {c, fmt.Sprintf("/portal/items/%d/attachments/x", it.ID)},
			"no such":           {c, fmt.Sprintf("/portal/items/%d/attachments/999999", it.ID)},
		} {
			t.Run(name, func(t *testing.T) {
				if status, _, _ := tc.c.get(tc.path); status != http.StatusNotFound {
					t.Errorf("GET %s: status %d, want 404", tc.path, status)
				}
			})
		}
	})
}
