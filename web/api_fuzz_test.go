package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"hitori"
)

// The JSON API's request bodies come from scripts and other programs, so
// every endpoint that decodes one is fuzzed through the real handler on a
// real SQLite store. Seeds live in testdata/fuzz/<FuzzName>/ (valid bodies
// and the edges: NUL, huge numbers, wrong types, deep nesting, long
// Japanese text, full-width digits). Each input is sent once as staff and
// once as a requester (the bool), since the two take different paths.

// apiFuzzEnv is a server with an admin, a requester, tokens for both and
// one item of the requester's for the endpoints under an item.
type apiFuzzEnv struct {
	e            *env
	staff, colle string // bearer tokens
	item         int64
}

func newAPIFuzzEnv(f *testing.F) *apiFuzzEnv {
	e := newSQLiteEnv(f)
	e.srv.work.Now = e.clock.Now
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	it := &hitori.Item{Type: hitori.TypeTicket, Title: "VPN につながらない", Source: hitori.SourceEmail, RequesterID: &sato.ID}
	if err := e.srv.work.Create(context.Background(), it); err != nil {
		f.Fatal(err)
	}
	token := func(u *hitori.User) string {
		tok, _, err := e.db.Auth().CreateToken(context.Background(), u.ID, "fuzz")
		if err != nil {
			f.Fatal(err)
		}
		return tok
	}
	return &apiFuzzEnv{e: e, staff: token(admin), colle: token(sato), item: it.ID}
}

// call serves one request in process (no sockets: more inputs a second).
func (a *apiFuzzEnv) call(method, path, body string, staff bool) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	tok := a.colle
	if staff {
		tok = a.staff
	}
	r.Header.Set("Authorization", "Bearer "+tok)
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	a.e.srv.ServeHTTP(w, r)
	return w
}

// check asserts what holds for any body: no 5xx, a JSON answer, and on a
// 4xx the error shape with a code and a translated message.
func (a *apiFuzzEnv) check(t *testing.T, method, path, body string, w *httptest.ResponseRecorder) {
	t.Helper()
	if w.Code >= 500 {
		t.Fatalf("%s %s %q: status %d\n%.400s", method, path, body, w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%s %s %q: status %d, Content-Type %q", method, path, body, w.Code, ct)
	}
	if !json.Valid(w.Body.Bytes()) {
		t.Fatalf("%s %s %q: status %d, not JSON: %.400s", method, path, body, w.Code, w.Body)
	}
	if w.Code >= 400 {
		var e apiError
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" || e.Message == "" {
			t.Fatalf("%s %s %q: status %d, not the error shape: %s", method, path, body, w.Code, w.Body)
		}
	}
}

// readable asserts that item id answers GET as staff with itself.
func (a *apiFuzzEnv) readable(t *testing.T, id int64) {
	t.Helper()
	w := a.call("GET", fmt.Sprintf("/api/v1/items/%d", id), "", true)
	var got itemDetailJSON
	if w.Code != http.StatusOK || json.Unmarshal(w.Body.Bytes(), &got) != nil || got.ID != id {
		t.Fatalf("item %d after a 2xx: status %d %.400s", id, w.Code, w.Body)
	}
}

func FuzzAPIItemCreate(f *testing.F) {
	a := newAPIFuzzEnv(f)
	f.Fuzz(func(t *testing.T, body string, staff bool) {
		w := a.call("POST", "/api/v1/items", body, staff)
		a.check(t, "POST", "/api/v1/items", body, w)
		if w.Code < 300 {
			var it itemJSON
			if err := json.Unmarshal(w.Body.Bytes(), &it); err != nil || it.ID == 0 {
				t.Fatalf("create %q: %d %s", body, w.Code, w.Body)
			}
			a.readable(t, it.ID)
		}
	})
}

func FuzzAPIItemPatch(f *testing.F) {
	a := newAPIFuzzEnv(f)
	path := fmt.Sprintf("/api/v1/items/%d", a.item)
	f.Fuzz(func(t *testing.T, body string, staff bool) {
		w := a.call("PATCH", path, body, staff)
		a.check(t, "PATCH", path, body, w)
		if w.Code < 300 {
			a.readable(t, a.item)
		}
	})
}

func FuzzAPIItemReply(f *testing.F) {
	a := newAPIFuzzEnv(f)
	path := fmt.Sprintf("/api/v1/items/%d/replies", a.item)
	f.Fuzz(func(t *testing.T, body string, staff bool) {
		w := a.call("POST", path, body, staff)
		a.check(t, "POST", path, body, w)
		if w.Code < 300 {
			a.readable(t, a.item)
		}
	})
}

func FuzzAPIChat(f *testing.F) {
	a := newAPIFuzzEnv(f)
	f.Fuzz(func(t *testing.T, body string, staff bool) {
		a.check(t, "POST", "/api/v1/chat", body, a.call("POST", "/api/v1/chat", body, staff))
	})
}
