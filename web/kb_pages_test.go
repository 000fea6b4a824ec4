package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"hitori"
)

// TestKBLifecycle walks one article through create → view → edit → history
// → diff → restore, as the staff would in the browser.
func TestKBLifecycle(t *testing.T) {
	e := newKBEnv(t)
	admin := e.as["admin"]
	var id string
	path := func(p string) string { return strings.ReplaceAll(p, "{id}", id) }
	steps := []struct {
		name     string
		method   string
		path     string
		form     url.Values
		status   int
		location string   // prefix, for redirects
		want     []string // substrings of the body
		notWant  []string
	}{
		{"new form has the runbook starter", "GET", "/kb/new?kind=runbook", nil, 200, "",
			[]string{"## 前提条件", `value="runbook" selected`, `id="kb-starters"`}, nil},
		{"missing title is 422", "POST", "/kb", articleForm("title", " "), 422, "",
			[]string{`class="fielderror"`, "入力してください。", "接続できません。"}, nil},
		{"bad review date is 422", "POST", "/kb", articleForm("review_by", "2026-02-30"), 422, "", []string{"値が正しくありません。"}, nil},
		{"unknown reader is 422", "POST", "/kb", articleForm("visibility", "restricted", "readers", "sato@example.com\nnobody@example.com"), 422, "",
			[]string{"nobody@example.com"}, nil},
		{"bad kind is 422", "POST", "/kb", articleForm("kind", "poem"), 422, "", nil, nil},
		{"preview does not save", "POST", "/kb", articleForm("preview", "1"), 200, "", []string{"kb-preview", `<h2 id="症状">`}, nil},
		{"create", "POST", "/kb", articleForm("review_by", "2026-11-01", "slug", "kb-vpn"), 303, "/kb/", nil, nil},
		{"view", "GET", "/kb/{id}?saved=1", nil, 200, "",
			[]string{"<h1>VPN に接続できないとき</h1>", `<h2 id="症状">`, `href="#%e5%af%be%e5%87%a6"`, "保存しました。", "#VPN", "#在宅勤務",
				"kb-stale-text", "2026-11-01", "/kb/{id}/edit", "/kb/{id}/history", "admin@example.com", "トラブル対応"}, nil},
		{"view by import id", "GET", "/kb/kb-vpn", nil, 200, "", []string{"<h1>VPN に接続できないとき</h1>"}, nil},
		{"edit form", "GET", "/kb/{id}/edit", nil, 200, "", []string{`name="revision" value="1"`, "VPN, 在宅勤務", "2026-11-01", `value="kb-vpn"`}, []string{"\r\n"}},
		{"edit", "POST", "/kb/{id}", articleForm("revision", "1", "slug", "kb-vpn", "review_by", "2026-11-01", "body", "## 症状\n\n接続できません。\n\n## 対処\n\n1. PC を再起動します。\n2. VPN に再接続します。\n"), 303, "/kb/", nil, nil},
		{"edited view", "GET", "/kb/{id}", nil, 200, "", []string{"VPN に再接続します。", "<dd>2</dd>"}, nil},
		{"history", "GET", "/kb/{id}/history", nil, 200, "", []string{"2 版", "1 版", "admin@example.com", `form="kb-restore-1"`, "data-confirm"}, []string{`form="kb-restore-2"`}},
		{"diff", "GET", "/kb/{id}/diff?from=1&to=2", nil, 200, "",
			[]string{`class="kb-delete"`, `class="kb-insert"`, "1. 再起動します。", "2. VPN に再接続します。", "+2", "−1"}, nil},
		{"default diff is the last change", "GET", "/kb/{id}/diff", nil, 200, "", []string{"VPN に再接続します。"}, nil},
		{"diff of a bad revision number", "GET", "/kb/{id}/diff?from=x", nil, 422, "", nil, nil},
		{"diff of a missing revision", "GET", "/kb/{id}/diff?from=9&to=1", nil, 404, "", nil, nil},
		{"restore needs a revision", "POST", "/kb/{id}/restore", url.Values{}, 422, "", nil, nil},
		{"restore a missing revision", "POST", "/kb/{id}/restore", url.Values{"revision": {"9"}}, 404, "", nil, nil},
		{"restore", "POST", "/kb/{id}/restore", url.Values{"revision": {"1"}}, 303, "/kb/", nil, nil},
		{"restored view", "GET", "/kb/{id}?restored=1", nil, 200, "", []string{"1 版の内容を新しい版として復元しました。", "<li>再起動します。</li>", "<dd>3</dd>"},
			[]string{"VPN に再接続します。"}},
		{"history keeps every revision", "GET", "/kb/{id}/history", nil, 200, "", []string{"3 版", "2 版", "1 版"}, nil},
		{"missing article", "GET", "/kb/999999", nil, 404, "", nil, nil},
		{"missing article's history", "GET", "/kb/999999/history", nil, 404, "", nil, nil},
		{"edit of a missing article", "POST", "/kb/999999", articleForm("revision", "1"), 404, "", nil, nil},
		{"edit without revision", "POST", "/kb/{id}", articleForm(), 422, "", nil, nil},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			var status int
			var loc, body string
			if st.method == "GET" {
				status, loc, body = admin.get(path(st.path))
			} else {
				status, loc, body = admin.post(path(st.path), st.form)
			}
			if status != st.status {
				t.Fatalf("%s %s: status %d, want %d; body %.400s", st.method, path(st.path), status, st.status, body)
			}
			if st.location != "" && !strings.HasPrefix(loc, st.location) {
				t.Fatalf("location %q, want prefix %q", loc, st.location)
			}
			if st.name == "create" {
				id = strings.TrimPrefix(strings.Split(loc, "?")[0], "/kb/")
			}
			for _, w := range st.want {
				if !strings.Contains(body, path(w)) {
					t.Errorf("body lacks %q", path(w))
				}
			}
			for _, w := range st.notWant {
				if strings.Contains(body, path(w)) {
					t.Errorf("body has %q", path(w))
				}
			}
		})
	}
	n, _ := strconv.ParseInt(id, 10, 64)
	a, err := e.db.Articles().FindArticleByID(context.Background(), n)
	if err != nil || a.Revision != 3 || a.Body != "## 症状\n\n接続できません。\n\n## 対処\n\n1. 再起動します。\n" || a.Slug != "kb-vpn" || len(a.Tags) != 2 {
		t.Fatalf("stored article = %+v, %v", a, err)
	}
}

// TestKBEditConflict: two editors start from the same revision; the second
// save is refused with the conflict message and keeps what was typed.
func TestKBEditConflict(t *testing.T) {
	e := newKBEnv(t)
	a := e.mustArticle(&hitori.Article{Title: "プリンターの設定", Body: "最初の本文\n"})
	p := kbURL(a.ID)
	for _, who := range []string{"admin", "tech"} {
		_, _, body := e.as[who].get(p + "/edit")
		if m := hiddenRevision.FindStringSubmatch(body); m == nil || m[1] != "1" {
			t.Fatalf("%s's form has revision %v", who, m)
		}
	}
	if status, _, body := e.as["admin"].post(p, articleForm("revision", "1", "title", "プリンターの設定", "body", "管理者の本文\n")); status != 303 {
		t.Fatalf("first save: %d %.300s", status, body)
	}
	status, _, body := e.as["tech"].post(p, articleForm("revision", "1", "title", "プリンターの設定", "body", "技術担当の本文\n"))
	if status != 409 {
		t.Fatalf("second save: %d, want 409", status)
	}
	for _, want := range []string{"編集中に他の人が保存しました", "技術担当の本文", "管理者の本文", `data-testid="kb-conflict"`, `name="revision" value="2"`, "admin@example.com"} {
		if !strings.Contains(body, want) {
			t.Errorf("conflict page lacks %q", want)
		}
	}
	got, _ := e.db.Articles().FindArticleByID(context.Background(), a.ID)
	if got.Body != "管理者の本文\n" || got.Revision != 2 {
		t.Fatalf("the conflicting save changed the article: %+v", got)
	}
	// Saving again from the conflict page is a deliberate overwrite.
	if status, _, _ := e.as["tech"].post(p, articleForm("revision", "2", "title", "プリンターの設定", "body", "技術担当の本文\n")); status != 303 {
		t.Fatalf("save after conflict: %d", status)
	}
}

// TestKBDelete: administrators delete behind a confirmation, and it is audited.
func TestKBDelete(t *testing.T) {
	e := newKBEnv(t)
	a := e.mustArticle(&hitori.Article{Slug: "kb-old", Title: "古い手順", Body: "もう使いません"})
	p := kbURL(a.ID)
	if _, _, body := e.as["admin"].get(p); !strings.Contains(body, `action="`+p+`/delete"`) || !strings.Contains(body, "data-confirm=") {
		t.Fatal("admin's page lacks the delete form with a confirmation")
	}
	if _, _, body := e.as["tech"].get(p); strings.Contains(body, p+"/delete") {
		t.Fatal("technician sees the delete button")
	}
	if status, _, _ := e.as["tech"].post(p+"/delete", nil); status != 403 {
		t.Fatalf("technician delete: %d, want 403", status)
	}
	if status, loc, _ := e.as["admin"].post(p+"/delete", nil); status != 303 || loc != "/kb?deleted=1" {
		t.Fatalf("delete: %d %q", status, loc)
	}
	if status, _, _ := e.as["admin"].get(p); status != 404 {
		t.Fatalf("deleted article: %d", status)
	}
	if _, _, body := e.as["admin"].get("/kb?q=" + url.QueryEscape("古い手順")); strings.Contains(body, p) {
		t.Fatal("deleted article still found by search")
	}
	evs, _, err := e.db.Audit().FindAuditEvents(context.Background(), hitori.AuditFilter{Action: kbAuditDelete})
	if err != nil || len(evs) != 1 || evs[0].Target != "kb-old" || evs[0].ActorEmail != "admin@example.com" {
		t.Fatalf("audit = %+v, %v", evs, err)
	}
	if _, _, body := e.as["admin"].get("/admin/audit"); !strings.Contains(body, "ナレッジ記事の削除") {
		t.Fatal("audit log does not label the deletion")
	}
}

// TestKBXSS: a hostile body or title never reaches the page as markup.
func TestKBXSS(t *testing.T) {
	e := newKBEnv(t)
	a := e.mustArticle(&hitori.Article{Title: `<img src=x onerror=alert(1)>危険なタイトル`, Body: "# 見出し\n\n" +
		"<script>alert('x')</script>\n\n<img src=x onerror=alert(2)>\n\n[クリック](javascript:alert(3))\n\n" +
		"<a href=\"javascript:alert(4)\">a</a> <div onclick=\"alert(5)\">d</div> <iframe src=\"https://evil.example\"></iframe>\n\n危険な本文の検索語"})
	for _, who := range []string{"admin", "sato"} {
		for _, p := range []string{kbURL(a.ID), "/kb?q=" + url.QueryEscape("危険な本文"), "/kb", "/help"} {
			_, _, body := e.as[who].get(p)
			for _, bad := range []string{"<script>alert", "onerror=alert(2)", "<img src=x onerror", "javascript:", "onclick", "<iframe"} {
				if strings.Contains(body, bad) {
					t.Errorf("%s %s contains %q", who, p, bad)
				}
			}
		}
	}
	if _, _, body := e.as["sato"].get(kbURL(a.ID)); !strings.Contains(body, "<h1>&lt;img src=x onerror=alert(1)&gt;危険なタイトル</h1>") {
		t.Error("the title is not shown as escaped text")
	}
	_, _, body := e.as["sato"].get("/kb?q=" + url.QueryEscape("検索語"))
	if !strings.Contains(body, "<mark>検索語</mark>") {
		t.Errorf("search results lack the highlighted snippet: %.2000s", body)
	}
}

func TestKBSnippetCheck(t *testing.T) {
	tests := []struct{ in, want string }{
		{"印刷の<mark>手順</mark>", "印刷の<mark>手順</mark>"},
		{"a &lt;b&gt; &amp; &#39;c&#39; &#34;d&#34;", "a &lt;b&gt; &amp; &#39;c&#39; &#34;d&#34;"},
		{"<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"},
		{"<mark onclick=x>y</mark>", "&lt;mark onclick=x&gt;y"},
		{"&#x3c;script", "&lt;script"},
		{`a"b`, "a&#34;b"},
	}
	for _, tt := range tests {
		if got := string(kbSnippet(tt.in)); got != tt.want {
			t.Errorf("kbSnippet(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
