package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestReadinessFixLinksWork seeds a register with every kind of gap —
// a bare system, one whose linked runbook is overdue for review, no
// emergency kit — and follows every fix link of the readiness page: each
// must open a working page (200).
func TestReadinessFixLinksWork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e, c, tech := registerEnv(t, db)
		ctx := hitori.NewContextWithUser(context.Background(), tech)
		h := db.Handover()
		past := e.clock.Now().AddDate(0, -1, 0)
		runbook := &hitori.Article{Title: "UTM の再起動", Body: "手順", Kind: hitori.KindRunbook, Visibility: hitori.VisibleStaff, ReviewBy: &past}
		if err := db.Articles().CreateArticle(ctx, runbook); err != nil {
			t.Fatal(err)
		}
		v := &hitori.Vendor{Name: "保守ベンダー"}
		if err := h.CreateVendor(ctx, v); err != nil {
			t.Fatal(err)
		}
		for _, s := range []*hitori.System{
			{Name: "何もないシステム", Criticality: hitori.CriticalLow},
			{Name: "UTM", Criticality: hitori.CriticalHigh, VendorID: v.ID, OwnerUserID: tech.ID,
				Links: []hitori.SystemLink{{Kind: hitori.LinkArticle, Ref: itoa64(runbook.ID)}}},
		} {
			if err := h.CreateSystem(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		body := c.page(t, "/readiness")
		gaps := body[strings.Index(body, `data-testid="readiness-gaps"`):]
		gaps = gaps[:strings.Index(gaps, "</ol>")]
		links := regexp.MustCompile(`href="([^"]+)"`).FindAllStringSubmatch(gaps, -1)
		kinds := map[string]bool{}
		for _, m := range links {
			u := strings.ReplaceAll(m[1], "&amp;", "&")
			path, _, _ := strings.Cut(u, "#")
			kinds[regexp.MustCompile(`\d+`).ReplaceAllString(path, "N")] = true
			if status, _, page := c.get(path); status != http.StatusOK {
				t.Errorf("fix link %s: %d %.200s", u, status, page)
			}
		}
		for _, want := range []string{"/systems/N/edit", "/contracts/new?system=N", "/kb/N/edit", "/monitors/new?type=heartbeat", "/vault"} {
			if !kinds[want] {
				t.Errorf("no fix link like %s among %v", want, kinds)
			}
		}
	})
}

// TestSystemLinks links and unlinks a runbook through the picker on the
// edit page, and finds vault entries by name only.
func TestSystemLinks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		_, c, tech := registerEnv(t, db)
		ctx := hitori.NewContextWithUser(context.Background(), tech)
		a := &hitori.Article{Title: "NAS の復旧手順", Body: "手順", Kind: hitori.KindRunbook, Visibility: hitori.VisibleStaff}
		if err := db.Articles().CreateArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		sys := &hitori.System{Name: "NAS"}
		if err := db.Handover().CreateSystem(ctx, sys); err != nil {
			t.Fatal(err)
		}
		id := itoa64(sys.ID)
		edit := c.page(t, "/systems/"+id+"/edit?link_kind=article")
		if !strings.Contains(edit, "NAS の復旧手順") || !strings.Contains(edit, `data-testid="link-add"`) {
			t.Fatalf("picker does not offer the runbook: %.300s", edit)
		}
		link := url.Values{"kind": {"article"}, "ref": {itoa64(a.ID)}}
		status, loc, _ := c.post("/systems/"+id+"/links", link)
		if status != http.StatusSeeOther || !strings.Contains(loc, "flash=linked") {
			t.Fatalf("link: %d %q", status, loc)
		}
		c.post("/systems/"+id+"/links", link) // twice is once
		got := mustSystem(t, db.Handover(), ctx, id)
		if len(got.Links) != 1 || got.Links[0].Label != "NAS の復旧手順" {
			t.Fatalf("links %+v", got.Links)
		}
		if edit := c.page(t, "/systems/"+id+"/edit?link_kind=article"); !strings.Contains(edit, "リンク済み") {
			t.Error("linked runbook not marked in the picker")
		}
		if edit := c.page(t, "/systems/"+id+"/edit?link_kind=vault"); !strings.Contains(edit, "名前だけ") {
			t.Error("vault picker does not say it shows names only")
		}
		for _, tc := range []struct {
			form url.Values
			want int
		}{
			{link, http.StatusSeeOther},
			{link, http.StatusNotFound},
			{url.Values{"kind": {"secret"}, "ref": {"1"}}, http.StatusUnprocessableEntity},
		} {
			if status, _, body := c.post("/systems/"+id+"/links/delete", tc.form); status != tc.want {
				t.Errorf("unlink %v: %d, want %d %.200s", tc.form, status, tc.want, body)
			}
		}
		if got := mustSystem(t, db.Handover(), ctx, id); len(got.Links) != 0 {
			t.Errorf("links after unlink: %+v", got.Links)
		}
	})
}

// postFile uploads a contract document.
func (c *client) postFile(path, name string, data []byte) (int, string, string) {
	c.e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", c.cookie(csrfCookie))
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", c.e.ts.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// TestContractDocuments uploads, downloads and deletes a contract's
// documents: a PDF is kept, HTML and an oversized file are refused with
// the reason on the contract's page, and deleting removes the bytes.
func TestContractDocuments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e, c, tech := registerEnv(t, db)
		ctx := hitori.NewContextWithUser(context.Background(), tech)
		v := &hitori.Vendor{Name: "保守ベンダー"}
		if err := db.Handover().CreateVendor(ctx, v); err != nil {
			t.Fatal(err)
		}
		k := &hitori.Contract{VendorID: v.ID, Title: "保守契約", EndsOn: "2027-03-31"}
		if err := db.Handover().CreateContract(ctx, k); err != nil {
			t.Fatal(err)
		}
		base := "/contracts/" + itoa64(k.ID)
		c.page(t, base)
		pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
		for _, tc := range []struct {
			name string
			data []byte
			want int
			text string
		}{
			{"契約書.pdf", pdf, http.StatusSeeOther, ""},
			{"page.html", []byte("<html><script>alert(1)</script></html>"), http.StatusUnprocessableEntity, "この種類のファイルは添付できません"},
			{"big.pdf", append(append([]byte{}, pdf...), make([]byte, hitori.MaxContractFileSize)...), http.StatusUnprocessableEntity, "大きすぎます"},
		} {
			status, _, body := c.postFile(base+"/files", tc.name, tc.data)
			if status != tc.want || !strings.Contains(body, tc.text) {
				t.Errorf("%s: %d, want %d with %q: %.300s", tc.name, status, tc.want, tc.text, body)
			}
		}
		got, err := db.Handover().FindContract(ctx, k.ID)
		if err != nil || len(got.Files) != 1 {
			t.Fatalf("files %v %v", got, err)
		}
		f := got.Files[0]
		status, _, data := c.get(base + "/files/" + itoa64(f.ID))
		if status != http.StatusOK || data != string(pdf) {
			t.Fatalf("download: %d %q", status, data)
		}
		if !strings.Contains(c.page(t, base+"/files/"+itoa64(f.ID)+"/delete"), `data-testid="delete-confirm"`) {
			t.Error("no confirmation before deleting a document")
		}
		c.mustSeeOther(t, base+"/files/"+itoa64(f.ID)+"/delete", nil)
		if status, _, _ := c.get(base + "/files/" + itoa64(f.ID)); status != http.StatusNotFound {
			t.Errorf("deleted document still served: %d", status)
		}
		if _, err := os.Stat(e.srv.contractBlobs().Path(f.SHA256)); !os.IsNotExist(err) {
			t.Errorf("document bytes left behind: %v", err)
		}
	})
}
