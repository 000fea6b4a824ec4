package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/vault"
)

// standinWorld is a department with a runbook (staff only), an FAQ, a
// vault entry to share and one not to, and an administrator.
type standinWorld struct {
	e              *env
	admin          *hitori.User
	adminC         *client
	runbook, faq   int64
	shared, hidden string
}

const standinSecret, standinHidden = "Stand-in-shared-9!", "Never-for-standin-7#"

func newStandinWorld(t *testing.T) *standinWorld {
	w := &standinWorld{e: newSQLiteEnv(t)}
	e := w.e
	w.admin = e.mustUser("admin@example.com", hitori.RoleAdmin)
	w.adminC = e.client()
	w.adminC.login("admin@example.com", "password123")
	ctx := hitori.NewContextWithUser(context.Background(), w.admin)
	for _, a := range []*hitori.Article{
		{Title: "NAS の再起動手順", Body: "## 手順\n\n1. 電源ボタンを長押し", Kind: hitori.KindRunbook, Visibility: hitori.VisibleStaff},
		{Title: "VPN の FAQ", Body: "社内向け", Kind: hitori.KindFAQ, Visibility: hitori.VisibleStaff},
	} {
		if err := e.db.Articles().CreateArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		if a.Kind == hitori.KindRunbook {
			w.runbook = a.ID
		} else {
			w.faq = a.ID
		}
	}
	for _, x := range []struct {
		sys, pw string
		id      *string
	}{{"UTM 管理画面", standinSecret, &w.shared}, {"経理 SaaS", standinHidden, &w.hidden}} {
		pw := x.pw
		id, err := e.srv.vault.Create(context.Background(), vault.Actor{User: w.admin}, vault.EntryInput{System: x.sys, Username: "admin", Password: &pw})
		if err != nil {
			t.Fatal(err)
		}
		*x.id = id
	}
	v := &hitori.Vendor{Name: "みなと保守", Phone: "0120-111-222", HowToOpen: "電話で顧客番号を伝える"}
	if err := e.db.Handover().CreateVendor(context.Background(), v); err != nil {
		t.Fatal(err)
	}
	sys := &hitori.System{Name: "本社 NAS", Kind: hitori.SystemFileServer, Criticality: hitori.CriticalHigh, VendorID: v.ID,
		Links: []hitori.SystemLink{{Kind: hitori.LinkArticle, Ref: itoa64(w.runbook)}, {Kind: hitori.LinkVault, Ref: w.shared}, {Kind: hitori.LinkVault, Ref: w.hidden}}}
	if err := e.db.Handover().CreateSystem(context.Background(), sys); err != nil {
		t.Fatal(err)
	}
	return w
}

var standinLinkRE = regexp.MustCompile(`/standin/link/([A-Za-z0-9_-]+)`)

// grant fills the administrator's form and returns the link token shown once.
func (w *standinWorld) grant(t *testing.T, email string, from, until time.Time, entries ...string) string {
	t.Helper()
	f := url.Values{"name": {"山田 代理"}, "email": {email}, "note": {"夏季休暇"},
		"from": {from.In(tokyo).Format(standinForm)}, "until": {until.In(tokyo).Format(standinForm)}, "entries": entries}
	status, _, body := w.adminC.post("/admin/standins", f)
	m := standinLinkRE.FindStringSubmatch(body)
	if status != http.StatusOK || m == nil {
		t.Fatalf("grant: status %d %.500s", status, body)
	}
	return m[1]
}

// TestStandinSignInReadOnly: the link signs the stand-in in; they see the
// runbook but not the FAQ, the shared entry but not the other, reveal it
// (recorded in the vault's log under their name), and every other route —
// every write above all — is refused.
func TestStandinSignInReadOnly(t *testing.T) {
	w := newStandinWorld(t)
	e := w.e
	now := e.clock.Now()
	token := w.grant(t, "yamada@vendor.example", now.Add(-time.Minute), now.Add(72*time.Hour), w.shared)
	sc := e.client()
	if _, _, body := sc.get("/standin/link/" + token); !strings.Contains(body, `data-testid="standin-link-confirm"`) {
		t.Fatalf("confirm page: %.300s", body)
	}
	sc.standinLogin(token)
	if status, _, _ := e.client().post("/standin/link/"+token, nil); status == http.StatusSeeOther {
		t.Error("the link signed in twice")
	}
	home := sc.mustGet("/standin")
	for _, want := range []string{"NAS の再起動手順", "UTM 管理画面", `data-testid="standin-window"`,
		"本社 NAS", "みなと保守", "0120-111-222", "電話で顧客番号を伝える", `<a href="/standin/kb/` + itoa64(w.runbook) + `">`, `<a href="/standin/vault/` + w.shared + `">`} {
		if !strings.Contains(home, want) {
			t.Errorf("home lacks %q", want)
		}
	}
	for _, no := range []string{"VPN の FAQ", "経理 SaaS", standinSecret, `href="/account"`} {
		if strings.Contains(home, no) {
			t.Errorf("home shows %q", no)
		}
	}
	if body := sc.mustGet("/standin/kb/" + itoa64(w.runbook)); !strings.Contains(body, "電源ボタンを長押し") {
		t.Errorf("runbook not rendered: %.300s", body)
	}
	for _, path := range []string{"/standin/kb/" + itoa64(w.faq), "/standin/vault/" + w.hidden} {
		if status, _, _ := sc.get(path); status != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, status)
		}
	}
	if status, _, _ := sc.post("/standin/vault/"+w.hidden+"/reveal", nil); status != http.StatusNotFound {
		t.Errorf("reveal of an entry not granted: status %d", status)
	}
	status, _, body := sc.post("/standin/vault/"+w.shared+"/reveal", nil)
	if status != http.StatusOK || !strings.Contains(body, standinSecret) {
		t.Fatalf("reveal: status %d %.300s", status, body)
	}
	recs, err := e.db.Vault().ListVaultAudit(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	last := recs[len(recs)-1]
	if last.Action != hitori.VaultAuditReveal || last.Actor != "yamada@vendor.example" || last.EntryID != w.shared {
		t.Errorf("last vault record = %+v, want the stand-in's reveal", last)
	}
	// Read-only everywhere: every route outside the stand-in's room and the
	// public ones is refused, whatever its method.
	own := map[string]bool{}
	for p, who := range standinAuthz {
		own[p] = contains(who, "standin")
	}
	for _, rt := range e.srv.routes() {
		if rt.access == public || own[rt.pattern] {
			continue
		}
		method, path, _ := strings.Cut(rt.pattern, " ")
		path = strings.NewReplacer("{$}", "", "{id}", "1", "{fid}", "1", "{token}", "x").Replace(path)
		req, _ := http.NewRequest(method, e.ts.URL+path, strings.NewReader("csrf="+sc.cookie(csrfCookie)))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-CSRF-Token", sc.cookie(csrfCookie))
		status, loc, body := sc.do(req)
		if !denied(status, loc, body) {
			t.Errorf("stand-in %s: status %d, want refused", rt.pattern, status)
		}
	}
	if body := sc.mustGet("/standin"); !strings.Contains(body, "NAS の再起動手順") {
		t.Error("the refusals ended the stand-in's session")
	}
	// The account is not edited on the user pages (a role or a password there would outlive the grant).
	standinUser, err := e.db.Users().FindUserByEmail(context.Background(), "yamada@vendor.example")
	if err != nil {
		t.Fatal(err)
	}
	if body := w.adminC.mustGet("/admin/users/" + itoa64(standinUser.ID)); !strings.Contains(body, `data-testid="standin-account"`) {
		t.Error("the user page offers to edit a stand-in's account")
	}
	if status, _, _ := w.adminC.post("/admin/users/"+itoa64(standinUser.ID), url.Values{"role": {"admin"}}); status != http.StatusConflict {
		t.Errorf("promoting a stand-in account: status %d, want 409", status)
	}
	// Password sign-in is not a way in: the account has none.
	if status, _, _ := e.client().post("/login", url.Values{"email": {"yamada@vendor.example"}, "password": {"anything-at-all"}}); status == http.StatusSeeOther {
		t.Error("a stand-in signed in with a password")
	}
}

// TestStandinExpires: past Until the session is refused with a page that
// says so, the link no longer works, the sweep withdraws the vault share,
// and a revoked grant ends at once.
func TestStandinExpires(t *testing.T) {
	w := newStandinWorld(t)
	e := w.e
	now := e.clock.Now()
	token := w.grant(t, "yamada@vendor.example", now, now.Add(8*time.Hour), w.shared)
	sc := e.client()
	sc.standinLogin(token)
	sc.mustGet("/standin")
	e.clock.Add(8*time.Hour + time.Second)
	status, _, body := sc.get("/standin")
	if status != http.StatusForbidden || !strings.Contains(body, "期限が切れました") || !strings.Contains(body, `data-testid="standin-ended"`) {
		t.Fatalf("after Until: status %d %.400s", status, body)
	}
	if status, loc, _ := sc.get("/standin"); status != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Errorf("the ended session lived on: status %d location %q", status, loc)
	}
	// The share is withdrawn by the sweep.
	if err := e.srv.standin.ExpireJob(context.Background(), &hitori.Job{}); err != nil {
		t.Fatal(err)
	}
	ent, err := e.db.Vault().FindVaultEntry(context.Background(), w.shared)
	if err != nil {
		t.Fatal(err)
	}
	if len(ent.Grants) != 0 {
		t.Errorf("grants after expiry = %+v, want none", ent.Grants)
	}
	events, _, _ := e.db.Audit().FindAuditEvents(context.Background(), hitori.AuditFilter{Action: hitori.AuditStandinExpire})
	if len(events) != 1 {
		t.Errorf("expiry audit events = %d, want 1", len(events))
	}

	// A new grant, then revoked early: the open session ends at once.
	now = e.clock.Now()
	token = w.grant(t, "yamada@vendor.example", now, now.Add(time.Hour))
	sc = e.client()
	sc.standinLogin(token)
	grants, _ := e.db.Standins().ListStandins(context.Background(), false, now)
	if status, loc, body := w.adminC.post("/admin/standins/"+itoa64(grants[0].ID)+"/revoke", nil); status != http.StatusSeeOther {
		t.Fatalf("revoke: %d %q %.300s", status, loc, body)
	}
	if status, _, _ := sc.get("/standin"); status == http.StatusOK {
		t.Error("a revoked grant's session still works")
	}
	// A link used before From is refused with its opening time, and kept.
	now = e.clock.Now()
	token = w.grant(t, "sato@vendor.example", now.Add(2*time.Hour), now.Add(5*time.Hour))
	if status, _, body := e.client().post("/standin/link/"+token, nil); status != http.StatusForbidden || !strings.Contains(body, "から使えます") {
		t.Errorf("early link: status %d %.300s", status, body)
	}
	e.clock.Add(2 * time.Hour)
	e.client().standinLogin(token)
}
