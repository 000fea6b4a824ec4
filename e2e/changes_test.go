package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// changeBound is the promise: what another process writes into a running
// server's database shows in the server's answers within two seconds.
const changeBound = 2 * time.Second

// TestChangesReachRunningServer holds "hitori serve" to that promise on both
// databases, for an article imported by "hitori kb import" (its own OS
// process) and for a synonym list saved by another process (this test's,
// through the store, as a second server's synonyms page would).
func TestChangesReachRunningServer(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			data := t.TempDir()
			dsn := filepath.Join(data, "hitori.db") // where --data puts SQLite
			flags := []string{"--data", data}
			if dialect == sqlstore.Postgres {
				dsn = storetest.DSN(t, dialect) // skips without PostgreSQL
				flags = append(flags, "--db", dsn)
			}
			mustHitori(t, techPassword+"\n", append([]string{"user", "create", "--email", techEmail, "--role", "technician"}, flags...)...)
			token := strings.TrimSpace(mustHitori(t, "", append([]string{"token", "create", "--email", techEmail, "--name", "e2e"}, flags...)...))
			srv := startServer(t, data, flags[2:]...)
			search := func(q string) []string { return apiSearchIDs(t, srv.URL, token, q) }
			if got := search("ゼブラ"); len(got) != 0 {
				t.Fatalf("before the import, search finds %v", got)
			}

			dir := t.TempDir()
			article := "---\nid: kb-zebra\ntitle: \"ゼブラ会議室のプロジェクター\"\n---\n# ゼブラ会議室のプロジェクター\n\nHDMI ケーブルを差して入力を切り替えます。\n"
			if err := os.WriteFile(filepath.Join(dir, "kb-zebra.md"), []byte(article), 0o600); err != nil {
				t.Fatal(err)
			}
			mustHitori(t, "", append([]string{"kb", "import"}, append(flags, dir)...)...)
			waitForSearch(t, "the imported article", func() bool { return slices.Contains(search("ゼブラ"), "kb-zebra") })

			if got := search("シマウマ"); len(got) != 0 {
				t.Fatalf("before the synonym list, シマウマ finds %v", got)
			}
			other, err := sqlstore.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			if err := other.Settings().SetSetting(context.Background(), hitori.SettingSynonyms, "シマウマ, ゼブラ"); err != nil {
				t.Fatal(err)
			}
			waitForSearch(t, "the synonym list", func() bool { return slices.Contains(search("シマウマ"), "kb-zebra") })
		})
	}
}

// waitForSearch polls found every 100 ms and fails unless it holds within
// changeBound of the write that has just finished.
func waitForSearch(t *testing.T, what string, found func() bool) {
	t.Helper()
	start := time.Now()
	for !found() {
		if time.Since(start) > changeBound {
			t.Fatalf("%s saved by another process: not in the server's search after %s", what, changeBound)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("%s reached the server in %s", what, time.Since(start).Round(time.Millisecond))
}

// apiSearchIDs calls GET /api/v1/search as a script would and returns the
// ids of the articles found.
func apiSearchIDs(t *testing.T, base, token, q string) []string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+"/api/v1/search?kind=article&q="+url.QueryEscape(q), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := httpClient(nil).Do(req)
	if err != nil {
		t.Fatalf("GET /api/v1/search: %v", err)
	}
	defer resp.Body.Close()
	var body struct {
		Results []struct {
			ID string `json:"id"`
		} `json:"results"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/v1/search?q=%s: status %d, decode: %v", q, resp.StatusCode, err)
	}
	ids := make([]string, len(body.Results))
	for i, r := range body.Results {
		ids[i] = r.ID
	}
	return ids
}
