package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hitori"
	"hitori/kb"
)

func TestSearchAndChatAPI(t *testing.T) {
	e := newSQLiteEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	req := e.mustUser("sato@example.com", hitori.RoleRequester)
	ctx := hitori.NewContextWithUser(context.Background(), admin)
	for _, a := range []*hitori.Article{
		{Slug: "kb-001", Title: "複合機で印刷できないときの確認手順", Body: "1. 複合機の電源を確認します。\n2. 印刷キューを開きます。", Tags: []string{"印刷"}},
		{Slug: "kb-900", Title: "複合機の保守契約と管理者パスワード", Body: "保守業者の連絡先と管理画面の印刷設定。", Visibility: hitori.VisibleStaff},
	} {
		if err := e.srv.kb.Create(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	token, _, _ := e.db.Auth().CreateToken(context.Background(), req.ID, "t")
	call := func(method, path, body string) (int, string) {
		r, _ := http.NewRequest(method, e.ts.URL+path, strings.NewReader(body))
		r.Header.Set("Authorization", "Bearer "+token)
		r.Header.Set("Content-Type", "application/json")
		status, _, b := e.client().do(r)
		return status, b
	}
	status, body := call("GET", "/api/v1/search?q=%E5%8D%B0%E5%88%B7&kind=article&limit=3", "")
	var res kb.SearchResults
	if err := json.Unmarshal([]byte(body), &res); status != 200 || err != nil || len(res.Results) != 1 || res.Results[0].ID != "kb-001" {
		t.Fatalf("search as requester: %d %s", status, body)
	}
	if !strings.Contains(res.Results[0].Snippet, "<mark>") {
		t.Fatalf("snippet not highlighted: %q", res.Results[0].Snippet)
	}
	tests := []struct {
		name, method, path, body string
		status                   int
		inBody                   string
	}{
		{"empty query", "GET", "/api/v1/search?q=", "", 422, `"q":"入力してください。"`},
		{"bad kind", "GET", "/api/v1/search?q=x&kind=planet", "", 422, `"fields":{"kind":"値が正しくありません。"}`},
		{"bad limit", "GET", "/api/v1/search?q=x&limit=0", "", 422, ""},
		{"chat", "POST", "/api/v1/chat", `{"message":"複合機で印刷できません"}`, 200, `"confident":true`},
		{"chat no answer", "POST", "/api/v1/chat", `{"message":"社員食堂の今日のメニューは？"}`, 200, `"confident":false`},
		{"chat bad json", "POST", "/api/v1/chat", `{"message":`, 422, ""},
		{"chat empty", "POST", "/api/v1/chat", `{"message":"  "}`, 422, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := call(tt.method, tt.path, tt.body)
			if status != tt.status || !strings.Contains(body, tt.inBody) {
				t.Fatalf("%s %s: %d %s; want %d containing %q", tt.method, tt.path, status, body, tt.status, tt.inBody)
			}
		})
	}
}

func TestSearchFindsItems(t *testing.T) {
	e := newSQLiteEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	suzuki := e.mustUser("suzuki@example.com", hitori.RoleRequester)
	for _, u := range []*hitori.User{sato, suzuki} {
		ctx := hitori.NewContextWithUser(context.Background(), u)
		it := &hitori.Item{Type: hitori.TypeTicket, Title: "プロジェクターが映らない", Body: "会議室Aのプロジェクターが映りません（" + u.Email + "）", Source: hitori.SourcePortal, RequesterID: &u.ID}
		if err := e.db.Items().CreateItem(ctx, it); err != nil {
			t.Fatal(err)
		}
	}
	search := func(u *hitori.User) kb.SearchResults {
		token, _, _ := e.db.Auth().CreateToken(context.Background(), u.ID, "t")
		r, _ := http.NewRequest("GET", e.ts.URL+"/api/v1/search?kind=item&q="+url.QueryEscape("プロジェクター"), nil)
		r.Header.Set("Authorization", "Bearer "+token)
		status, _, body := e.client().do(r)
		var res kb.SearchResults
		if status != 200 || json.Unmarshal([]byte(body), &res) != nil {
			t.Fatalf("search as %s: %d %s", u.Email, status, body)
		}
		return res
	}
	if res := search(admin); len(res.Results) != 2 || res.Results[0].Kind != "item" || !strings.HasPrefix(res.Results[0].ID, "HD-") ||
		!strings.Contains(res.Results[0].Snippet, "<mark>プロジェクター</mark>") {
		t.Fatalf("admin: %+v", res)
	}
	if res := search(sato); len(res.Results) != 1 || !strings.Contains(res.Results[0].Snippet, "sato@") {
		t.Fatalf("requester sees others' items: %+v", res)
	}
}
