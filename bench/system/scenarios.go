package main

import (
	"fmt"
	"net/http"
	"net/url"
)

// words are what people type: single products, symptoms and two-word
// queries, rotated so no answer is cached by accident.
var words = []string{"プリンター", "VPN", "パスワード", "Outlook", "共有フォルダ", "起動しない", "Teams", "印刷できない"}

func word(i int) string { return words[i%len(words)] }

// scenarios lists what users hit, in the order of the report.
func scenarios(tech, req *session, in installation) []*scenario {
	get := func(name, shown string, as *session, path func(i int) string) *scenario {
		return &scenario{name: name, path: shown, as: as, want: http.StatusOK,
			build: func(s *session, i int) (*http.Request, error) { return s.get(path(i)) }}
	}
	fixed := func(p string) func(int) string { return func(int) string { return p } }
	search := func(kind string) func(int) string {
		return func(i int) string {
			q := "/api/v1/search?q=" + url.QueryEscape(word(i))
			if kind != "" {
				q += "&kind=" + kind
			}
			return q
		}
	}
	// Item pages alternate between open items and any item of the two years.
	itemID := func(i int) int64 {
		if i%2 == 0 && len(in.openIDs) > 0 {
			return in.openIDs[i/2%len(in.openIDs)]
		}
		return 1 + int64(i*7919)%int64(max(in.items, 1))
	}
	openID := func(i int) int64 {
		if len(in.openIDs) == 0 {
			return 1
		}
		return in.openIDs[i%len(in.openIDs)]
	}
	return []*scenario{
		get("board", "GET /work", tech, fixed("/work")),
		get("work list, default filter", "GET /work/items", tech, fixed("/work/items")),
		get("work list with text", "GET /work/items?q=…", tech, func(i int) string { return "/work/items?q=" + url.QueryEscape(word(i)) }),
		get("item page", "GET /work/items/{id}", tech, func(i int) string { return fmt.Sprintf("/work/items/%d", itemID(i)) }),
		get("portal list (requester)", "GET /portal", req, fixed("/portal")),
		get("search box, all kinds", "GET /api/v1/search?q=…", tech, search("")),
		get("search box, articles", "GET /api/v1/search?q=…&kind=article", tech, search("article")),
		get("search box, items", "GET /api/v1/search?q=…&kind=item", tech, search("item")),
		get("search box, assets", "GET /api/v1/search?q=…&kind=asset", tech, search("asset")),
		{name: "chat question", path: "POST /api/v1/chat", as: req, want: http.StatusOK,
			build: func(s *session, i int) (*http.Request, error) {
				return s.postJSON("/api/v1/chat", fmt.Sprintf(`{"message":"%sがうまくいきません"}`, word(i)))
			}},
		{name: "create item", path: "POST /work/items", as: tech, want: http.StatusSeeOther, writes: true,
			build: func(s *session, i int) (*http.Request, error) {
				return s.postForm("/work/items", url.Values{"type": {"ticket"}, "source": {"phone"},
					"title": {fmt.Sprintf("%sの件 (ベンチ %d)", word(i), i)}, "body": {"電話で受付。" + word(i) + "について確認をお願いします。"}})
			}},
		{name: "reply", path: "POST /work/items/{id}/replies", as: tech, want: http.StatusSeeOther, writes: true,
			build: func(s *session, i int) (*http.Request, error) {
				return s.postForm(fmt.Sprintf("/work/items/%d/replies", openID(i)), url.Values{"body": {"確認しました。対応します。"}})
			}},
	}
}
