package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"hitori"
)

// apiAssetCall sends one bearer request to the test server.
func apiAssetCall(t *testing.T, e *env, token, method, path, body string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, e.ts.URL+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func mustToken(t *testing.T, e *env, u *hitori.User) string {
	t.Helper()
	tok, _, err := e.db.Auth().CreateToken(context.Background(), u.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// TestAPIAssetsContract holds GET /api/v1/assets to its public shape: the
// contract's names, dates as YYYY-MM-DD, money as integer yen, absent
// values as null, and the number and serial filters exact.
func TestAPIAssetsContract(t *testing.T) {
	e := newSQLiteEnv(t)
	ctx := context.Background()
	tok := mustToken(t, e, e.mustUser("tech@example.com", hitori.RoleTechnician))
	colleague := mustToken(t, e, e.mustUser("sato@example.com", hitori.RoleRequester))
	d, _ := e.db.Assets().EnsureDepartment(ctx, "営業部")
	p, _ := e.db.Assets().EnsurePerson(ctx, "田中 一郎", d.ID)
	price := int64(128000)
	full := &hitori.Asset{Number: "PC-001", Type: hitori.AssetPC, Maker: "富士通", Model: "LIFEBOOK", Serial: "R3X-1", PersonID: p.ID,
		DepartmentID: d.ID, Location: "本社3F", AcquiredOn: "2023-04-01", PriceYen: &price, WarrantyUntil: "2028-03-31", LeaseUntil: "2027-03-31"}
	bare := &hitori.Asset{Number: "MN-001", Type: hitori.AssetMonitor}
	for _, a := range []*hitori.Asset{full, bare} {
		if err := e.srv.asset.Create(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	contract := []string{"id", "number", "type", "maker", "model", "serial", "status", "user", "department", "location",
		"acquired_on", "price_yen", "warranty_until", "lease_until", "software_count"}
	for _, tc := range []struct {
		query string
		want  map[string]any
	}{
		{"number=PC-001", map[string]any{"number": "PC-001", "type": "pc", "maker": "富士通", "model": "LIFEBOOK", "serial": "R3X-1",
			"status": "in_use", "user": "田中 一郎", "department": "営業部", "location": "本社3F", "acquired_on": "2023-04-01",
			"price_yen": float64(128000), "warranty_until": "2028-03-31", "lease_until": "2027-03-31", "software_count": float64(0)}},
		{"serial=R3X-1", map[string]any{"number": "PC-001"}},
		{"number=MN-001", map[string]any{"number": "MN-001", "maker": nil, "serial": nil, "user": nil, "department": nil, "location": nil,
			"acquired_on": nil, "price_yen": nil, "warranty_until": nil, "lease_until": nil}},
		{"q=lifebook", map[string]any{"number": "PC-001"}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			status, body := apiAssetCall(t, e, tok, "GET", "/api/v1/assets?"+tc.query, "")
			var out struct {
				Assets []map[string]any `json:"assets"`
			}
			if status != http.StatusOK || json.Unmarshal(body, &out) != nil || len(out.Assets) != 1 {
				t.Fatalf("status %d: %s", status, body)
			}
			got := out.Assets[0]
			for _, k := range contract {
				if _, ok := got[k]; !ok {
					t.Errorf("no %q in %s", k, body)
				}
			}
			for k, want := range tc.want {
				if got[k] != want {
					t.Errorf("%s = %#v, want %#v", k, got[k], want)
				}
			}
		})
	}
	if status, body := apiAssetCall(t, e, tok, "GET", "/api/v1/assets?serial=none", ""); status != http.StatusOK || !strings.Contains(string(body), `"assets":[]`) {
		t.Errorf("no match: %d %s", status, body)
	}
	if status, _ := apiAssetCall(t, e, colleague, "GET", "/api/v1/assets", ""); status != http.StatusForbidden {
		t.Errorf("requester token: %d", status)
	}
}

func TestAPIAssetDetailAndPatch(t *testing.T) {
	e := newSQLiteEnv(t)
	ctx := context.Background()
	tok := mustToken(t, e, e.mustUser("tech@example.com", hitori.RoleTechnician))
	p, _ := e.db.Assets().EnsurePerson(ctx, "鈴木", 0)
	a := &hitori.Asset{Number: "PC-9", Type: hitori.AssetPC, Location: "本社1F", Vendor: "大塚商会"}
	if err := e.srv.asset.Create(ctx, a); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/api/v1/assets/%d", a.ID)
	status, body := apiAssetCall(t, e, tok, "PATCH", path, fmt.Sprintf(`{"location":"本社2F","person_id":%d,"vendor":null,"price_yen":99800,"warranty_until":"2029-01-31"}`, p.ID))
	var got assetDetailJSON
	if status != http.StatusOK || json.Unmarshal(body, &got) != nil {
		t.Fatalf("patch: %d %s", status, body)
	}
	if *got.Location != "本社2F" || *got.User != "鈴木" || got.Vendor != nil || *got.PriceYen != 99800 || *got.WarrantyUntil != "2029-01-31" || *got.Number != "PC-9" {
		t.Errorf("after patch: %s", body)
	}
	if len(got.History) != 2 || got.History[0].Kind != "changed" || *got.History[0].Actor != "tech" || got.Software == nil {
		t.Errorf("history/software: %s", body)
	}
	for _, tc := range []struct {
		name, body, field string
		status            int
	}{
		{"bad date", `{"acquired_on":"2023-13-01"}`, "acquired_on", 422},
		{"unknown field", `{"colour":"black"}`, "colour", 422},
		{"type cleared", `{"type":null}`, "type", 422},
		{"negative price", `{"price_yen":-1}`, "price_yen", 422},
		{"loan by patch", `{"status":"on_loan"}`, "status", 422},
		{"no such person", `{"person_id":424242}`, "person_id", 422},
		{"undefined custom", `{"custom":{"色":"黒"}}`, "custom.色", 422},
		{"not an object", `[1]`, "", 422},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := apiAssetCall(t, e, tok, "PATCH", path, tc.body)
			var e apiError
			if status != tc.status || json.Unmarshal(body, &e) != nil || e.Message == "" || (tc.field != "" && e.Fields[tc.field] == "") {
				t.Errorf("status %d: %s", status, body)
			}
		})
	}
	if status, _ := apiAssetCall(t, e, tok, "GET", "/api/v1/assets/99999", ""); status != http.StatusNotFound {
		t.Errorf("missing asset: %d", status)
	}
	_, body = apiAssetCall(t, e, tok, "GET", path, "")
	if err := json.Unmarshal(body, &got); err != nil || len(got.History) != 2 {
		t.Errorf("a refused patch left history: %s", body)
	}
	keys := []string{}
	var raw map[string]any
	_ = json.Unmarshal(body, &raw)
	for k := range raw {
		keys = append(keys, k)
	}
	for _, k := range []string{"software", "history", "software_count"} {
		if !slices.Contains(keys, k) {
			t.Errorf("detail lacks %q", k)
		}
	}
}
