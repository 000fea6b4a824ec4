package web

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"reflect"
	"strings"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// apiCall sends a JSON body (or none) with a bearer token and decodes the answer.
func (c *client) apiCall(t *testing.T, method, path, token, body string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, c.e.ts.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	status, _, raw := c.do(req)
	var out map[string]any
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatalf("%s %s: %d, not JSON: %.300s", method, path, status, raw)
	}
	return status, out
}

// TestHandoverAPI registers a vendor, a system and a contract through the
// API with a technician's token, reads them back (list and by id, the
// decision date computed), and checks refusals name their fields and
// write nothing.
func TestHandoverAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newEnv(t, db)
		tech := e.mustUser("tech@example.com", hitori.RoleTechnician)
		token, _, err := db.Auth().CreateToken(context.Background(), tech.ID, "cmdb sync")
		if err != nil {
			t.Fatal(err)
		}
		c := e.client()
		status, v := c.apiCall(t, "POST", "/api/v1/vendors", token,
			`{"name":"保守ベンダー","phone":"03-0000-0000","contacts":[{"name":"鈴木","role":"SE","phone":"","email":"s@example.com"}]}`)
		if status != http.StatusCreated || v["name"] != "保守ベンダー" || len(v["contacts"].([]any)) != 1 {
			t.Fatalf("create vendor: %d %v", status, v)
		}
		vid := int64(v["id"].(float64))
		status, sys := c.apiCall(t, "POST", "/api/v1/systems", token,
			`{"name":"UTM","kind":"firewall","criticality":"high","owner_user_id":`+itoa64(tech.ID)+`,"vendor_id":`+itoa64(vid)+`}`)
		if status != http.StatusCreated || sys["vendor"] != "保守ベンダー" || sys["owner"] == nil {
			t.Fatalf("create system: %d %v", status, sys)
		}
		sid := itoa64(int64(sys["id"].(float64)))
		status, k := c.apiCall(t, "POST", "/api/v1/contracts", token,
			`{"vendor_id":`+itoa64(vid)+`,"title":"UTM 保守契約","ends_on":"2027-03-31","notice":1,"notice_unit":"months","annual_yen":128000,"system_ids":[`+sid+`]}`)
		if status != http.StatusCreated || k["decision_on"] != "2027-02-28" || k["annual_yen"] != float64(128000) {
			t.Fatalf("create contract: %d %v", status, k)
		}
		for path, want := range map[string]string{
			"/api/v1/systems?q=utm":                                 `"UTM"`,
			"/api/v1/systems/" + sid:                                `"contracts":[` + itoa64(int64(k["id"].(float64))),
			"/api/v1/vendors":                                       `"鈴木"`,
			"/api/v1/vendors/" + itoa64(vid):                        `"s@example.com"`,
			"/api/v1/contracts?system_id=" + sid:                    `"decision_on":"2027-02-28"`,
			"/api/v1/contracts/" + itoa64(int64(k["id"].(float64))): `"system_ids":[` + sid + `]`,
		} {
			req, _ := http.NewRequest("GET", e.ts.URL+path, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			if status, _, body := c.do(req); status != http.StatusOK || !strings.Contains(body, want) {
				t.Errorf("GET %s: %d, want %s in %.400s", path, status, want, body)
			}
		}
		before := registerCounts(t, db)
		for _, tc := range []struct{ path, body, field string }{
			{"/api/v1/vendors", `{"name":"","portal":"ftp://x"}`, "portal"},
			{"/api/v1/systems", `{"name":"x","criticality":"urgent"}`, "criticality"},
			{"/api/v1/systems", `{"name":"x","relations":[{"kind":"depends_on","to":999999}]}`, ""},
			{"/api/v1/contracts", `{"title":"x","vendor_id":` + itoa64(vid) + `,"annual_yen":-1}`, "annual_yen"},
			{"/api/v1/contracts", `{"title":"x","vendor_id":` + itoa64(vid) + `,"ends_on":"2027/3/31"}`, "ends_on"},
			{"/api/v1/contracts", `{"title":"x","secret":1}`, "secret"},
		} {
			status, out := c.apiCall(t, "POST", tc.path, token, tc.body)
			fields, _ := out["fields"].(map[string]any)
			if status != http.StatusUnprocessableEntity || (tc.field != "" && fields[tc.field] == nil) {
				t.Errorf("POST %s %s: %d %v, want 422 naming %q", tc.path, tc.body, status, out, tc.field)
			}
		}
		if after := registerCounts(t, db); after != before {
			t.Errorf("refused posts wrote something: %v → %v", before, after)
		}
	})
}

// TestHandoverAPIDocs: docs/api.md names every field the register's POST
// bodies accept, in Japanese and in English.
func TestHandoverAPIDocs(t *testing.T) {
	doc, err := os.ReadFile("../docs/api.md")
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]any{"systems": systemInJSON{}, "vendors": vendorInJSON{}, "contracts": contractInJSON{}} {
		typ := reflect.TypeOf(body)
		for i := range typ.NumField() {
			tag, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			if n := strings.Count(string(doc), "| `"+tag+"`"); n < 2 {
				t.Errorf("%s: field %q in %d table rows of docs/api.md, want ja and en", name, tag, n)
			}
		}
	}
}
