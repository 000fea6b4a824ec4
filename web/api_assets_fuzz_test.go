package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"hitori"
)

// FuzzAPIAssetPatch sends arbitrary bodies to PATCH /api/v1/assets/{id}
// as staff and as a requester (the bool): never a 5xx, always JSON, the
// error shape on a 4xx, and after a 2xx the asset still reads back. Seeds
// in testdata/fuzz/FuzzAPIAssetPatch.
func FuzzAPIAssetPatch(f *testing.F) {
	a := newAPIFuzzEnv(f)
	x := &hitori.Asset{Number: "FZ-1", Type: hitori.AssetPC}
	if err := a.e.srv.asset.Create(context.Background(), x); err != nil {
		f.Fatal(err)
	}
	path := fmt.Sprintf("/api/v1/assets/%d", x.ID)
	f.Fuzz(func(t *testing.T, body string, staff bool) {
		w := a.call("PATCH", path, body, staff)
		a.check(t, "PATCH", path, body, w)
		if w.Code < 300 {
			r := a.call("GET", path, "", true)
			var got assetDetailJSON
			if r.Code != http.StatusOK || json.Unmarshal(r.Body.Bytes(), &got) != nil || got.ID != x.ID {
				t.Fatalf("asset after a 2xx: status %d %.400s", r.Code, r.Body)
			}
		}
	})
}
