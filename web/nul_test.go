package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hitori"
	"hitori/sqlstore/storetest"
)

// TestNULRefused sends a NUL through every entry point that takes text:
// each must answer 422 naming the field, on both databases, where
// PostgreSQL used to fail with a 500 and SQLite stored it.
func TestNULRefused(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newEnv(t, storetest.Open(t, dialect))
			admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
			sato := e.mustUser("sato@example.com", hitori.RoleRequester)
			it := mustItem(t, e, sato, "VPN に接続できない")
			api := e.apiCaller(admin)
			staff, colleague := e.client(), e.client()
			staff.login(admin.Email, "password123")
			colleague.login(sato.Email, "password123")
			item := fmt.Sprintf("/api/v1/items/%d", it.ID)
			tests := []struct {
				name, method, path, body string // body: JSON for /api/, else a form
				as                       *client
				field                    string
			}{
				{"API create title", "POST", "/api/v1/items", `{"title":"a\u0000b"}`, nil, "title"},
				{"API create tags", "POST", "/api/v1/items", `{"title":"t","tags":["a\u0000"]}`, nil, "tags"},
				{"API patch", "PATCH", item, `{"category":"\u0000"}`, nil, "category"},
				{"API reply", "POST", item + "/replies", `{"body":"ok\u0000"}`, nil, "body"},
				{"API list q", "GET", "/api/v1/items?q=%00", "", nil, "q"},
				{"API search q", "GET", "/api/v1/search?q=a%00b", "", nil, "q"},
				{"staff form title", "POST", "/work/items", "title=a%00&body=b", staff, ""},
				{"staff form requester", "POST", "/work/items", "title=a&requester=x%00%40example.com", staff, ""},
				{"staff form tags", "POST", "/work/items", "title=a&tags=x%00", staff, ""},
				{"staff reply", "POST", workItemURL(it.ID) + "/replies", "body=a%00", staff, ""},
				{"staff list q", "GET", "/work/items?q=%00", "", staff, ""},
				{"portal form", "POST", "/portal/items", "title=a&body=b%00", colleague, ""},
				{"portal reply", "POST", portalItemURL(it.ID) + "/replies", "body=b%00", colleague, ""},
				{"kb q", "GET", "/kb?q=%00", "", colleague, ""},
			}
			for _, tc := range tests {
				t.Run(tc.name, func(t *testing.T) {
					var status int
					var body string
					switch {
					case tc.as == nil:
						status, body = api(tc.method, tc.path, tc.body)
					case tc.method == "GET":
						status, _, body = tc.as.get(tc.path)
					default:
						form, err := url.ParseQuery(tc.body)
						if err != nil {
							t.Fatal(err)
						}
						status, _, body = tc.as.post(tc.path, form)
					}
					if status != http.StatusUnprocessableEntity {
						t.Fatalf("status %d, want 422: %.300s", status, body)
					}
					want := "使えない文字"
					if tc.field != "" {
						want = `"` + tc.field + `":"`
					}
					if !strings.Contains(body, want) {
						t.Errorf("body lacks %q: %.400s", want, body)
					}
				})
			}
		})
	}
}
