package web

import (
	"bytes"
	"encoding/base64"
	"html"
	"image/png"
	"regexp"
	"strings"
	"testing"

	"hitori"
)

var qrSrcRE = regexp.MustCompile(`<img src="([^"]*)" alt="QR"`)

// TestTOTPSetupShowsQRCode: html/template turns a data: URL given as a
// plain string into #ZgotmplZ, a broken image (issue 9).
func TestTOTPSetupShowsQRCode(t *testing.T) {
	e := newSQLiteEnv(t)
	e.mustUser("a@example.com", hitori.RoleAdmin)
	c := e.client()
	c.login("a@example.com", "password123")
	_, _, body := c.get("/account/2fa")
	m := qrSrcRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no QR image on the page: %.500s", body)
	}
	const prefix = "data:image/png;base64,"
	src := html.UnescapeString(m[1]) // as the browser reads the attribute
	data, ok := strings.CutPrefix(src, prefix)
	if !ok {
		t.Fatalf("QR src = %.60q; want %s…", src, prefix)
	}
	raw, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		t.Fatalf("QR src is not base64: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("QR src is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 100 || b.Dy() < 100 {
		t.Fatalf("QR image is %v; want at least 100×100", b)
	}
}
