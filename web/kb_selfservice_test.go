package web

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"hitori"
	"hitori/kb"
)

// TestKBVisibility: a requester never sees a staff-only article, on its
// page, in the list, in search or in suggestions; a restricted article is
// shown only to the people it names.
func TestKBVisibility(t *testing.T) {
	e := newKBEnv(t)
	pub := e.mustArticle(&hitori.Article{Slug: "kb-pub", Title: "VPN の接続方法", Body: "VPN クライアントを起動します。", Category: "ネットワーク"})
	staff := e.mustArticle(&hitori.Article{Slug: "kb-staff", Title: "VPN 装置の再起動手順", Body: "VPN 装置の管理画面から再起動します。",
		Visibility: hitori.VisibleStaff, Category: "機密カテゴリ"})
	restricted := e.mustArticle(&hitori.Article{Slug: "kb-secret", Title: "VPN 証明書の発行手順", Body: "VPN 証明書を発行します。",
		Visibility: hitori.VisibleRestricted, Readers: []int64{e.sato.ID}})
	type view struct {
		who     string
		article *hitori.Article
		status  int
	}
	for _, v := range []view{
		{"sato", pub, 200}, {"sato", staff, 404}, {"sato", restricted, 200},
		{"suzuki", pub, 200}, {"suzuki", staff, 404}, {"suzuki", restricted, 404},
		{"tech", staff, 200}, {"tech", restricted, 200},
	} {
		for _, p := range []string{kbURL(v.article.ID), "/kb/" + v.article.Slug} {
			if status, _, _ := e.as[v.who].get(p); status != v.status {
				t.Errorf("%s GET %s: %d, want %d", v.who, p, status, v.status)
			}
		}
	}
	tests := []struct {
		who  string
		sees []string
		not  []string
	}{
		{"sato", []string{pub.Title, restricted.Title}, []string{staff.Title, "機密カテゴリ"}},
		{"suzuki", []string{pub.Title}, []string{staff.Title, restricted.Title, "機密カテゴリ"}},
		{"tech", []string{pub.Title, staff.Title, restricted.Title}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.who, func(t *testing.T) {
			c := e.as[tt.who]
			for _, p := range []string{"/kb", "/kb?q=VPN", "/kb?q=" + url.QueryEscape("再起動手順"), "/kb?q=VPN&sort=title"} {
				_, _, body := c.get(p)
				for _, s := range tt.sees {
					if p != "/kb?q="+url.QueryEscape("再起動手順") && !strings.Contains(body, s) {
						t.Errorf("%s: %s lacks %q", tt.who, p, s)
					}
				}
				for _, s := range tt.not {
					if strings.Contains(body, s) {
						t.Errorf("%s: %s shows %q", tt.who, p, s)
					}
				}
			}
			_, _, body := c.get("/api/v1/kb/suggest?q=VPN")
			var res kb.Suggestions
			if err := json.Unmarshal([]byte(body), &res); err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, a := range res.Articles {
				titles = append(titles, a.Title)
			}
			got := strings.Join(titles, "|")
			for _, s := range tt.sees {
				if !strings.Contains(got, s) {
					t.Errorf("suggest for %s lacks %q: %s", tt.who, s, got)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(got, s) {
					t.Errorf("suggest for %s has %q", tt.who, s)
				}
			}
		})
	}
	// A restricted article made in the form names its readers by e-mail.
	status, loc, _ := e.as["tech"].post("/kb", articleForm("title", "経理システムの管理者手順", "visibility", "restricted", "readers", "SATO@example.com, "))
	if status != 303 {
		t.Fatalf("create restricted: %d", status)
	}
	made := strings.Split(loc, "?")[0]
	for who, want := range map[string]int{"sato": 200, "suzuki": 404, "admin": 200} {
		if status, _, _ := e.as[who].get(made); status != want {
			t.Errorf("%s GET restricted %s: %d, want %d", who, made, status, want)
		}
	}
	if _, _, body := e.as["tech"].get(made + "/edit"); !strings.Contains(body, ">sato@example.com</textarea>") || !strings.Contains(body, `value="restricted" checked`) {
		t.Error("edit form lacks the reader list")
	}
	if _, _, body := e.as["tech"].get(made); !strings.Contains(body, "sato@example.com") {
		t.Error("staff's page does not name the readers")
	}
	if _, _, body := e.as["sato"].get(made); strings.Contains(body, "sato@example.com</span>") {
		t.Error("a reader sees the reader list")
	}

	// Requesters may not mark an article they cannot read as the solution.
	if status, _ := e.as["suzuki"].postScript("/kb/deflect", url.Values{"article": {"kb-secret"}}); status != 404 {
		t.Errorf("deflect on a hidden article: %d, want 404", status)
	}
	// Requesters do not get the staff's controls.
	_, _, body := e.as["sato"].get("/kb")
	for _, s := range []string{"/kb/new", "tab=stale", "/kb/insights"} {
		if strings.Contains(body, s) {
			t.Errorf("requester's list links %s", s)
		}
	}
	if _, _, body := e.as["sato"].get(kbURL(pub.ID)); strings.Contains(body, "/edit") || strings.Contains(body, "/history") {
		t.Error("requester's article page has edit or history links")
	}
}

func TestKBSuggestAPI(t *testing.T) {
	e := newKBEnv(t)
	e.mustArticle(&hitori.Article{Slug: "kb-001", Title: "複合機で印刷できないとき", Body: "複合機の電源と印刷キューを確認します。"})
	for i := 0; i < 7; i++ {
		e.mustArticle(&hitori.Article{Title: "印刷の設定 " + string(rune('A'+i)), Body: "印刷の設定方法。"})
	}
	tests := []struct {
		name, q string
		n       int
	}{
		{"empty", "", 0},
		{"blank", "   ", 0},
		{"one rune", "紙", 0},
		{"capped at five", "印刷", 5},
		{"over-long query is cut, not refused", strings.Repeat("印刷", 400), 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := e.as["sato"].get("/api/v1/kb/suggest?q=" + url.QueryEscape(tt.q))
			var res kb.Suggestions
			if err := json.Unmarshal([]byte(body), &res); status != 200 || err != nil || res.Articles == nil {
				t.Fatalf("%d %s (%v)", status, body, err)
			}
			if len(res.Articles) != tt.n {
				t.Fatalf("%d suggestions, want %d: %s", len(res.Articles), tt.n, body)
			}
		})
	}
	_, _, body := e.as["sato"].get("/api/v1/kb/suggest?q=" + url.QueryEscape("複合機"))
	var res kb.Suggestions
	_ = json.Unmarshal([]byte(body), &res)
	if len(res.Articles) == 0 || res.Articles[0].ID != "kb-001" || !strings.HasPrefix(res.Articles[0].URL, "/kb/") ||
		!strings.Contains(res.Articles[0].Snippet, "<mark>") {
		t.Fatalf("suggestion = %s", body)
	}
	if !strings.Contains(body, `"articles":[{"id":"kb-001","title":"複合機で印刷できないとき","url":"/kb/`) {
		t.Errorf("JSON shape: %s", body)
	}
}

// TestKBDeflectionAndUnanswered: "this solved it" and questions nobody's
// article answered are recorded, and staff see both on the insights page.
func TestKBDeflectionAndUnanswered(t *testing.T) {
	e := newKBEnv(t)
	a := e.mustArticle(&hitori.Article{Slug: "kb-001", Title: "複合機で印刷できないときの確認手順",
		Body: "1. 複合機の電源を確認します。\n2. 印刷キューを開きます。", Tags: []string{"印刷"}})
	sato := e.as["sato"]

	status, body := sato.postScript("/kb/deflect", url.Values{"article": {"kb-001"}, "q": {"印刷できない"}})
	if status != 200 || !strings.Contains(body, `"ok":true`) {
		t.Fatalf("scripted deflect: %d %s", status, body)
	}
	if status, loc, _ := sato.post("/kb/deflect", url.Values{"article": {kbURL(a.ID)[4:]}, "q": {"印刷"}}); status != 303 || !strings.HasPrefix(loc, kbURL(a.ID)+"?solved=") {
		t.Fatalf("form deflect: %d %q", status, loc)
	}
	if status, loc, _ := sato.post("/kb/deflect", url.Values{"article": {"kb-001"}, "next": {"https://evil.example/"}}); status != 303 || loc != "/" {
		t.Fatalf("deflect with an off-site next: got %d %q, want 303 \"/\"", status, loc)
	}
	if status, _ := sato.postScript("/kb/deflect", url.Values{}); status != 422 {
		t.Fatalf("deflect without article: %d, want 422", status)
	}
	if status, _ := sato.postScript("/kb/deflect", url.Values{"article": {"kb-999"}}); status != 404 {
		t.Fatalf("deflect of a missing article: %d, want 404", status)
	}

	// Two wordings of one unanswered question, through the page and the API.
	if status, _, body := sato.post("/help", url.Values{"message": {"社員食堂の今日のメニューは？"}}); status != 200 ||
		!strings.Contains(body, "答えられる記事が見つかりませんでした") || !strings.Contains(body, `action="/portal/new"`) {
		t.Fatalf("help page: %d %.1500s", status, body)
	}
	if status, body := sato.postJSONBody("/api/v1/chat", `{"message":"社員食堂の今日のメニューは"}`); status != 200 || !strings.Contains(body, `"confident":false`) {
		t.Fatalf("chat API: %d %s", status, body)
	}
	// An answered question is not recorded.
	if status, body := sato.postJSONBody("/api/v1/chat", `{"message":"複合機で印刷できません"}`); status != 200 ||
		!strings.Contains(body, `"confident":true`) || !strings.Contains(body, `"url":"/kb/`) {
		t.Fatalf("answered chat: %d %s", status, body)
	}

	st := e.db
	actx := hitori.NewContextWithUser(context.Background(), e.admin)
	groups, total, err := st.Articles().TopUnanswered(actx, time.Time{}, 10)
	if err != nil || total != 2 || len(groups) != 1 || groups[0].Count != 2 || groups[0].Example != "社員食堂の今日のメニューは" {
		t.Fatalf("unanswered = %+v, %d, %v", groups, total, err)
	}
	defl, n, err := st.Articles().DeflectionCounts(actx, time.Time{}, 10)
	if err != nil || n != 3 || len(defl) != 1 || defl[0].Count != 3 || defl[0].ArticleID != a.ID {
		t.Fatalf("deflections = %+v, %d, %v", defl, n, err)
	}

	_, _, page := e.as["tech"].get("/kb/insights")
	for _, want := range []string{"社員食堂の今日のメニューは", "2 回", "3 回", a.Title, `data-testid="kb-unanswered-total">2<`,
		`/kb/new?kind=faq&amp;title=%e7%a4%be`} {
		if !strings.Contains(page, want) {
			t.Errorf("insights lack %q", want)
		}
	}
	if status, _, _ := e.as["sato"].get("/kb/insights"); status != 403 {
		t.Errorf("requester insights: %d", status)
	}
	if status, loc, _ := e.as["tech"].post("/kb/insights/dismiss", url.Values{"key": {groups[0].Key}, "days": {"7"}}); status != 303 || !strings.Contains(loc, "days=7") {
		t.Fatalf("dismiss: %d %q", status, loc)
	}
	if _, _, page := e.as["tech"].get("/kb/insights?days=0"); strings.Contains(page, "社員食堂") {
		t.Error("dismissed question still listed")
	}
	if status, _, _ := e.as["tech"].post("/kb/insights/dismiss", url.Values{}); status != 422 {
		t.Errorf("dismiss without key: %d", status)
	}
}

// TestKBHelpConversation: without script, the conversation is carried by
// the form and rendered by the server.
func TestKBHelpConversation(t *testing.T) {
	e := newKBEnv(t)
	e.mustArticle(&hitori.Article{Slug: "kb-001", Title: "複合機で印刷できないときの確認手順", Body: "1. 複合機の電源を確認します。\n2. 印刷キューを開きます。"})
	c := e.as["sato"]
	if status, _, body := c.get("/help?q=" + url.QueryEscape("印刷")); status != 200 || !strings.Contains(body, ">印刷</textarea>") || !strings.Contains(body, `role="log"`) {
		t.Fatalf("help: %d", status)
	}
	status, _, body := c.post("/help", url.Values{"message": {"複合機で印刷できません"}})
	if status != 200 || !strings.Contains(body, "複合機の電源を確認します") || !strings.Contains(body, `href="/kb/`) {
		t.Fatalf("first answer: %d %.1500s", status, body)
	}
	tr := regexpFind(body, `name="transcript" value="([^"]*)"`)
	if tr == "" {
		t.Fatal("no transcript in the form")
	}
	status, _, body = c.post("/help", url.Values{"message": {"会議室のプロジェクターが映らない"}, "transcript": {htmlUnescape(tr)}})
	if status != 200 || !strings.Contains(body, "複合機で印刷できません") || !strings.Contains(body, "会議室のプロジェクターが映らない") ||
		!strings.Contains(body, "問い合わせを作成") {
		t.Fatalf("second answer: %d %.2000s", status, body)
	}
	// "Open an item" posts only the question nobody answered (issue 9, item 11).
	if strings.Contains(body, `href="/portal/new?`) {
		t.Error("the conversation travels in a link")
	}
	title := htmlUnescape(regexpFind(body, `name="title" value="([^"]*)"`))
	draft := htmlUnescape(regexpFind(body, `name="body" value="([^"]*)"`))
	if title != "会議室のプロジェクターが映らない" {
		t.Errorf("item title %q", title)
	}
	if !strings.Contains(draft, "会議室のプロジェクターが映らない") || strings.Contains(draft, "複合機で印刷できません") {
		t.Errorf("item body %q: want the unanswered question only", draft)
	}
	status, _, form := c.post("/portal/new", url.Values{"title": {title}, "body": {draft}})
	if status != 200 || !strings.Contains(form, ">"+title+"</textarea>") && !strings.Contains(form, `value="`+title+`"`) {
		t.Errorf("prefilled form: %d %.300s", status, form)
	}
	// A tampered transcript cannot smuggle links off the site.
	bad := `[{"q":"x","k":"answer","a":"y","l":[{"t":"evil","u":"javascript:alert(1)"},{"t":"off","u":"https://evil.example/"}]}]`
	if _, _, body := c.post("/help", url.Values{"message": {"印刷"}, "transcript": {bad}}); strings.Contains(body, "evil") {
		t.Error("tampered transcript links shown")
	}
	if status, _, body := c.post("/help", url.Values{"message": {"  "}, "transcript": {tr}}); status != 422 || !strings.Contains(body, "入力してください") {
		t.Errorf("empty message: %d", status)
	}
}

func TestKBItemDraftCap(t *testing.T) {
	e := newKBEnv(t)
	p := e.srv.kbPage(newTestRequest(), "kb.help.title")
	for _, q := range []string{"短い質問", strings.Repeat("長い質問です。", 400)} {
		d := kbItemDraftOf(p, kbTurn{Q: q, Kind: "none"})
		if n := utf8.RuneCountInString(d.Body); n > kbItemBodyRunes || !strings.Contains(d.Body, kbCap(q, 50)) {
			t.Errorf("body of %d runes lacks the question", n)
		}
		if utf8.RuneCountInString(d.Title) > kbItemTitleRunes {
			t.Error("title too long")
		}
	}
}
