package web

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"hitori"
)

// upload is a file a test sends from a portal form.
type upload struct {
	name string
	data []byte
}

// postFiles submits a portal form as multipart, as a phone's browser does.
func (c *client) postFiles(path string, fields map[string]string, files ...upload) (int, string, string) {
	c.e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", c.cookie(csrfCookie))
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for _, f := range files {
		fw, _ := mw.CreateFormFile("files", f.name)
		fw.Write(f.data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.e.ts.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

func TestPortalUpload(t *testing.T) {
	e := newWorkEnv(t)
	e.srv.cfg.DataDir = t.TempDir()
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	tech := e.mustUser("tech@example.com", hitori.RoleTechnician)
	c := e.client()
	c.login(sato.Email, "password123")
	s := e.client()
	s.login(tech.Email, "password123")
	shot := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{1}, 6<<20)...) // over the 1 MiB of plain forms
	log := []byte("ERROR 0x80070005 アクセスが拒否されました")

	status, loc, body := c.postFiles("/portal/items", map[string]string{"title": "印刷できない"},
		upload{`C:\Users\sato\エラー画面.png`, shot}, upload{"event.log", log})
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/portal/items/") {
		t.Fatalf("open with files: %d %q\n%.300s", status, loc, body)
	}
	id, _ := strconv.ParseInt(strings.TrimPrefix(strings.Split(loc, "?")[0], "/portal/items/"), 10, 64)

	status, _, body = c.postFiles(portalItemURL(id)+"/replies", map[string]string{"body": "再起動後の画面です"}, upload{"再起動後.jpg", []byte("\xff\xd8\xff\xe0JFIF")})
	if status != http.StatusSeeOther {
		t.Fatalf("reply with a file: %d\n%.300s", status, body)
	}
	if status, _, _ := c.postFiles(portalItemURL(id)+"/replies", nil, upload{"追加.png", shot[:100]}); status != http.StatusSeeOther {
		t.Fatalf("reply with a file alone: %d", status)
	}

	staff := section(s.mustGet(workItemURL(id)), "item-files", "</section>")
	portal := section(c.mustGet(portalItemURL(id)), "portal-files", "</section>")
	for _, name := range []string{"エラー画面.png", "event.log", "再起動後.jpg", "追加.png"} {
		if !strings.Contains(staff, name) {
			t.Errorf("staff page does not list %s:\n%s", name, staff)
		}
		if !strings.Contains(portal, name) {
			t.Errorf("portal page does not list %s:\n%s", name, portal)
		}
	}
	files, err := e.db.MailLog().FindAttachments(hitori.NewContextWithUser(t.Context(), tech), id)
	if err != nil || len(files) != 4 {
		t.Fatalf("attachments %v %v, want 4", files, err)
	}
	if files[0].ContentType != "image/png" || files[0].EventID != 0 || files[2].EventID == 0 {
		t.Errorf("first file %+v, reply's %+v", files[0], files[2])
	}
	if _, _, got := c.get(fmt.Sprintf("%s/attachments/%d", portalItemURL(id), files[1].ID)); got != string(log) {
		t.Errorf("downloaded %q, want %q", got, log)
	}

	before := len(files)
	tests := []struct {
		name  string
		path  string
		files []upload
		want  string
	}{
		{"a file too large", "/portal/items", []upload{{"big.png", make([]byte, hitori.MaxPortalFileSize+1)}}, "1 つ 10 MB まで"},
		{"too many files", "/portal/items", []upload{{"1.png", log}, {"2.png", log}, {"3.png", log}, {"4.png", log}, {"5.png", log}, {"6.png", log}}, "5 つまで"},
		{"a reply's file too large", portalItemURL(id) + "/replies", []upload{{"big.png", make([]byte, hitori.MaxPortalFileSize+1)}}, "1 つ 10 MB まで"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := c.postFiles(tt.path, map[string]string{"title": tt.name, "body": "x"}, tt.files...)
			if status != http.StatusUnprocessableEntity || !strings.Contains(body, tt.want) {
				t.Errorf("status %d, want 422 with %q", status, tt.want)
			}
		})
	}
	if files, _ := e.db.MailLog().FindAttachments(hitori.NewContextWithUser(t.Context(), tech), id); len(files) != before {
		t.Errorf("refused uploads left %d files, want %d", len(files), before)
	}
	if _, n, _ := e.db.Items().FindItems(t.Context(), hitori.ItemFilter{Sort: "updated"}); n != 1 {
		t.Errorf("refused uploads opened items: %d items, want 1", n)
	}
}
