package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"hitori"
)

// apiCaller calls the API with a user's bearer token and returns status and body.
func (e *env) apiCaller(u *hitori.User) func(method, path, body string) (int, string) {
	e.t.Helper()
	token, _, err := e.db.Auth().CreateToken(context.Background(), u.ID, "test")
	if err != nil {
		e.t.Fatal(err)
	}
	return func(method, path, body string) (int, string) {
		r, _ := http.NewRequest(method, e.ts.URL+path, strings.NewReader(body))
		r.Header.Set("Authorization", "Bearer "+token)
		r.Header.Set("Content-Type", "application/json")
		status, _, b := e.client().do(r)
		return status, b
	}
}

func TestItemAPI(t *testing.T) {
	e := newSQLiteEnv(t)
	callers := map[string]func(method, path, body string) (int, string){}
	users := map[string]*hitori.User{}
	for _, who := range []struct {
		name string
		role hitori.Role
	}{{"admin", hitori.RoleAdmin}, {"tech", hitori.RoleTechnician}, {"sato", hitori.RoleRequester},
		{"suzuki", hitori.RoleRequester}, {"viewer", hitori.RoleViewer}} {
		users[who.name] = e.mustUser(who.name+"@example.com", who.role)
		callers[who.name] = e.apiCaller(users[who.name])
	}
	// Two items to work on: one the admin opened for sato, one sato opened.
	status, body := callers["admin"]("POST", "/api/v1/items", fmt.Sprintf(
		`{"title":"複合機で印刷できない","body":"3階","urgent":true,"important":true,"requester_id":%d,"tags":["印刷"]}`, users["sato"].ID))
	var first itemJSON
	if err := json.Unmarshal([]byte(body), &first); status != 201 || err != nil || first.Key != hitori.ItemKey(first.ID) ||
		first.Quadrant != 1 || first.Requester.Email != "sato@example.com" || first.Source != "api" || first.Status != "new" {
		t.Fatalf("create as admin: %d %s", status, body)
	}
	status, body = callers["sato"]("POST", "/api/v1/items", `{"title":"パスワードを忘れました"}`)
	if status != 201 || !strings.Contains(body, fmt.Sprintf(`"requester":{"id":%d`, users["sato"].ID)) {
		t.Fatalf("create as requester: %d %s", status, body)
	}
	item := fmt.Sprintf("/api/v1/items/%d", first.ID)
	big := `{"title":"x","body":"` + strings.Repeat("a", maxItemJSON) + `"}`
	tests := []struct {
		name, who, method, path, body string
		status                        int
		inBody                        string
	}{
		{"empty title", "admin", "POST", "/api/v1/items", `{"title":" "}`, 422, `"title":"入力してください。"`},
		{"unknown field", "admin", "POST", "/api/v1/items", `{"titel":"x"}`, 422, `"titel":"この項目はありません`},
		{"wrong type", "admin", "POST", "/api/v1/items", `{"title":"x","urgent":"yes"}`, 422, `"urgent":`},
		{"bad json", "admin", "POST", "/api/v1/items", `{"title":`, 422, `JSON の形式`},
		{"trailing data", "admin", "POST", "/api/v1/items", `{"title":"x"} {}`, 422, `JSON の形式`},
		{"too large", "admin", "POST", "/api/v1/items", big, 422, `1 MiB`},
		{"bad due date", "admin", "POST", "/api/v1/items", `{"title":"x","due_at":"明日"}`, 422, `"due_at":`},
		{"requester as assignee", "admin", "POST", "/api/v1/items", fmt.Sprintf(`{"title":"x","assignee_id":%d}`, users["sato"].ID), 422, `"assignee_id":`},
		{"requester sets assignee", "sato", "POST", "/api/v1/items", fmt.Sprintf(`{"title":"x","assignee_id":%d}`, users["tech"].ID), 422, `"assignee_id":"この項目はスタッフだけ`},
		{"viewer creates", "viewer", "POST", "/api/v1/items", `{"title":"x"}`, 403, `"error":"forbidden"`},
		{"viewer lists", "viewer", "GET", "/api/v1/items", "", 403, `"error":"forbidden"`},
		{"viewer reads", "viewer", "GET", item, "", 403, `"error":"forbidden"`},
		{"other requester reads", "suzuki", "GET", item, "", 404, `"error":"not_found"`},
		{"other requester replies", "suzuki", "POST", item + "/replies", `{"body":"x"}`, 404, `"error":"not_found"`},
		{"other requester lists", "suzuki", "GET", "/api/v1/items", "", 200, `"items":[],"total":0`},
		{"requester lists own", "sato", "GET", "/api/v1/items", "", 200, `"total":2,"page":1,"limit":50`},
		{"filter", "admin", "GET", "/api/v1/items?status=new,in_progress&quadrant=1&q=%E5%8D%B0%E5%88%B7", "", 200, `"total":1`},
		{"page", "admin", "GET", "/api/v1/items?page=2&limit=1&sort=created", "", 200, `"total":2,"page":2,"limit":1`},
		{"bad status", "admin", "GET", "/api/v1/items?status=done", "", 422, `"status":`},
		{"bad limit", "admin", "GET", "/api/v1/items?limit=0", "", 422, `"limit":`},
		{"bad assignee", "admin", "GET", "/api/v1/items?assignee=x", "", 422, `"assignee":`},
		{"by key", "admin", "GET", "/api/v1/items/" + first.Key, "", 200, `"title":"複合機で印刷できない"`},
		{"bad id", "admin", "GET", "/api/v1/items/abc", "", 404, ``},
		{"missing item", "admin", "GET", "/api/v1/items/9999", "", 404, ``},
		{"patch", "tech", "PATCH", item, fmt.Sprintf(`{"status":"in_progress","assignee_id":%d,"due_at":"2026-12-01T17:00:00+09:00"}`, users["tech"].ID),
			200, `"due_at":"2026-12-01T08:00:00Z"`},
		{"patch unknown field", "tech", "PATCH", item, `{"priority":1}`, 422, `"priority":"この項目はありません`},
		{"patch null title", "tech", "PATCH", item, `{"title":null}`, 422, `"title":`},
		{"patch bad status", "tech", "PATCH", item, `{"status":"done"}`, 422, `"status":`},
		{"patch clears assignee", "tech", "PATCH", item, `{"assignee_id":null}`, 200, `"assignee_id":null`},
		{"requester patches own", "sato", "PATCH", item, `{"urgent":false}`, 403, `"error":"forbidden"`},
		{"reply with minutes", "tech", "POST", item + "/replies", `{"body":"確認します","minutes":10}`, 201, `"kind":"reply"`},
		{"internal note", "tech", "POST", item + "/replies", `{"body":"トナー切れ","internal":true,"minutes":5}`, 201, `"kind":"note"`},
		{"requester replies", "sato", "POST", item + "/replies", `{"body":"ありがとうございます"}`, 201, `"author":"sato"`},
		{"requester note", "sato", "POST", item + "/replies", `{"body":"x","internal":true}`, 403, ``},
		{"too many minutes", "tech", "POST", item + "/replies", `{"body":"x","minutes":2000}`, 422, `"minutes":`},
		{"staff sees note and time", "admin", "GET", item, "", 200, `"minutes_spent":15`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := callers[tt.who](tt.method, tt.path, tt.body)
			if status != tt.status || !strings.Contains(body, tt.inBody) {
				t.Fatalf("%s %s as %s: %d %.400s; want %d containing %q", tt.method, tt.path, tt.who, status, body, tt.status, tt.inBody)
			}
		})
	}
	// The requester's view of the timeline has the replies but not the note or the assignment.
	_, body = callers["sato"]("GET", item, "")
	var detail itemDetailJSON
	if err := json.Unmarshal([]byte(body), &detail); err != nil {
		t.Fatal(err)
	}
	if detail.FirstRespondedAt == nil || detail.MinutesSpent != 15 {
		t.Fatalf("item after replies: %s", body)
	}
	kinds := []string{}
	for _, ev := range detail.Events {
		if ev.Kind == "note" || ev.Field == "assignee_id" {
			t.Fatalf("requester sees %+v", ev)
		}
		kinds = append(kinds, ev.Kind+":"+ev.Field)
	}
	if got := strings.Join(kinds, ","); got != "change:status,reply:,reply:" {
		t.Fatalf("requester's timeline = %s", got)
	}
}
