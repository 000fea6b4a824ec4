package web

import (
	"encoding/json"
	"strings"
	"testing"

	"hitori"
)

// TestAPIRequesterEmailLinksAccount: an item opened through the API for a
// colleague's address belongs to their account, so their portal lists it
// (issue 9, item 4); an address without an account stays an address.
func TestAPIRequesterEmailLinksAccount(t *testing.T) {
	e := newSQLiteEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	call := e.apiCaller(admin)
	tests := []struct {
		name, email, title string
		linked             bool
	}{
		{"known address", "sato@example.com", "VPN がつながらない", true},
		{"known address, other case", " Sato@Example.COM", "共有フォルダが見えない", true},
		{"no account", "guest@example.com", "来客用 Wi-Fi", false},
	}
	c := e.client()
	c.login(sato.Email, "password123")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, _ := json.Marshal(map[string]string{"title": tt.title, "requester_email": tt.email})
			status, out := call("POST", "/api/v1/items", string(body))
			var got itemJSON
			if err := json.Unmarshal([]byte(out), &got); status != 201 || err != nil {
				t.Fatalf("create: %d %s", status, out)
			}
			if linked := got.Requester.ID != nil && *got.Requester.ID == sato.ID; linked != tt.linked {
				t.Errorf("requester %+v: linked %v, want %v", got.Requester, linked, tt.linked)
			}
			if onPortal := strings.Contains(c.mustGet("/portal"), tt.title); onPortal != tt.linked {
				t.Errorf("on sato's portal: %v, want %v", onPortal, tt.linked)
			}
		})
	}
}
