package web

import (
	"bytes"
	"compress/zlib"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/inventory"
)

// agentPost sends body as an agent would and returns status, content type
// and the decompressed reply.
func agentPost(t *testing.T, e *env, path string, body []byte, hdr ...string) (int, string, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", e.ts.URL+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/x-compress-zlib")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	plain, _, err := inventory.ReadBody(bytes.NewReader(raw), inventory.MaxBody)
	if err != nil {
		t.Fatalf("reply %q: %v", raw, err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(plain)
}

func testdataFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "inventory", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestInventoryAgentProtocol(t *testing.T) {
	e := newSQLiteEnv(t)
	z := func(s []byte) []byte { return inventory.Compress(s, inventory.Zlib) }
	prolog := []byte(`<?xml version="1.0" encoding="UTF-8" ?><REQUEST><DEVICEID>vm-2026</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>`)
	for _, path := range agentPaths {
		status, ct, body := agentPost(t, e, path, z(prolog))
		if status != 200 || ct != "application/x-compress-zlib" || !strings.Contains(body, "<RESPONSE>SEND</RESPONSE><PROLOG_FREQ>24</PROLOG_FREQ>") {
			t.Fatalf("%s PROLOG: %d %s %q", path, status, ct, body)
		}
	}
	// Plain in, plain out.
	if status, ct, body := agentPost(t, e, "/inventory", prolog, "Content-Type", "application/xml"); status != 200 || !strings.HasPrefix(ct, "application/xml") || !strings.Contains(body, "SEND") {
		t.Fatalf("plain PROLOG: %d %s %q", status, ct, body)
	}
	// GLPI Agent's PROLOG gets JSON, which moves it to the JSON protocol.
	if status, _, body := agentPost(t, e, "/inventory", z(prolog), "GLPI-Agent-ID", "3a6b5f7e-0000"); status != 200 || !strings.Contains(body, `"status":"ok"`) {
		t.Fatalf("GLPI PROLOG: %d %q", status, body)
	}
	status, _, body := agentPost(t, e, "/ocsinventory", z(testdataFile(t, "ocsinventory-agent-2.10-debian12.xml")))
	if status != 200 || !strings.Contains(body, "<RESPONSE>NO_ACCOUNT_UPDATE</RESPONSE>") {
		t.Fatalf("INVENTORY: %d %q", status, body)
	}
	if status, _, body := agentPost(t, e, "/front/inventory.php", z(testdataFile(t, "glpi/contact.json")), "Content-Type", "application/x-compress-zlib"); status != 200 || !strings.Contains(body, `"expiration":24`) || !strings.Contains(body, `"inventory"`) {
		t.Fatalf("contact: %d %q", status, body)
	}
	if status, _, body := agentPost(t, e, "/front/inventory.php", testdataFile(t, "glpi/inventory-windows10.json"), "Content-Type", "application/json"); status != 200 || !strings.Contains(body, `"status":"ok"`) {
		t.Fatalf("JSON inventory: %d %q", status, body)
	}
	states, err := e.db.Assets().InventoryStates(t.Context(), false)
	if err != nil || len(states) != 2 {
		t.Fatalf("states %v %d", err, len(states))
	}
	// Errors in each protocol's form.
	if status, _, body := agentPost(t, e, "/inventory", z([]byte("<REQUEST><QUERY>INVENTORY"))); status != 400 || !strings.Contains(body, "<REPLY><ERROR>") {
		t.Fatalf("malformed XML: %d %q", status, body)
	}
	if status, _, body := agentPost(t, e, "/inventory", []byte(`{"action":`), "Content-Type", "application/json"); status != 400 || !strings.Contains(body, `"status":"error"`) {
		t.Fatalf("malformed JSON: %d %q", status, body)
	}
	var bomb bytes.Buffer
	w := zlib.NewWriter(&bomb)
	w.Write(bytes.Repeat([]byte("<"), inventory.MaxBody+10))
	w.Close()
	if status, _, body := agentPost(t, e, "/inventory", bomb.Bytes()); status != http.StatusRequestEntityTooLarge || !strings.Contains(body, "<ERROR>") {
		t.Fatalf("zlib bomb: %d %q", status, body)
	}
	// FusionInventory's getConfig for tasks hitori does not run.
	if status, _, body := e.client().get("/inventory?action=getConfig&machineid=vm-2026&task[ESX]=1.0"); status != 200 || body != `{"schedule":[]}` {
		t.Fatalf("getConfig: %d %q", status, body)
	}
}

func TestInventoryAgentCredentialsAndPending(t *testing.T) {
	e := newSQLiteEnv(t)
	e.mustUser("admin@example.com", hitori.RoleAdmin)
	admin := e.client()
	admin.login("admin@example.com", "password123")
	if status, loc, body := admin.post("/inventory/settings", url.Values{"user": {"agent"}, "password": {"s3cret-agent"}, "hold_unknown": {"on"}, "stale_days": {"14"}, "prolog_hours": {"12"}}); status != http.StatusSeeOther {
		t.Fatalf("save settings: %d %s %s", status, loc, body)
	}
	if status, _, body := admin.post("/inventory/settings", url.Values{"user": {"agent"}, "stale_days": {"0"}, "prolog_hours": {"12"}}); status != 422 || !strings.Contains(body, "1〜3650") {
		t.Fatalf("bad settings: %d", status)
	}
	prolog := []byte(`<REQUEST><DEVICEID>d</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>`)
	if status, _, body := agentPost(t, e, "/inventory", prolog); status != 401 || !strings.Contains(body, "<ERROR>") {
		t.Fatalf("without credentials: %d %q", status, body)
	}
	if status, _, _ := agentPost(t, e, "/inventory", prolog, "Authorization", "Basic "+basic("agent", "wrong")); status != 401 {
		t.Fatalf("wrong password: %d", status)
	}
	auth := []string{"Authorization", "Basic " + basic("agent", "s3cret-agent")}
	if status, _, body := agentPost(t, e, "/inventory", prolog, auth...); status != 200 || !strings.Contains(body, "<PROLOG_FREQ>12</PROLOG_FREQ>") {
		t.Fatalf("with credentials: %d %q", status, body)
	}
	if status, _, _ := agentPost(t, e, "/inventory", testdataFile(t, "fusioninventory-2.6-debian12.xml"), auth...); status != 200 {
		t.Fatalf("held inventory: %d", status)
	}
	status, _, body := admin.get("/inventory/pending")
	if status != 200 || !strings.Contains(body, "vm-2026-11-25-14-53-06") {
		t.Fatalf("pending page: %d", status)
	}
	list, _ := e.db.Assets().InventoryPendingList(t.Context())
	if status, loc, _ := admin.post("/inventory/pending/"+itoa64(list[0].ID), url.Values{"decision": {"approve"}}); status != http.StatusSeeOther || !strings.Contains(loc, "approved") {
		t.Fatalf("approve: %d %s", status, loc)
	}
	status, _, body = admin.get("/inventory/findings")
	if status != 200 || !strings.Contains(body, "台帳にない端末") || !strings.Contains(body, "（資産番号なし） (vm)") {
		t.Fatalf("findings: %d", status)
	}
}

func basic(user, pass string) string {
	req, _ := http.NewRequest("GET", "/", nil)
	req.SetBasicAuth(user, pass)
	return strings.TrimPrefix(req.Header.Get("Authorization"), "Basic ")
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// TestAgentDecodingIsBounded: agent messages are decompressed and parsed
// at most as many at a time as there are cores; a message arriving when
// every slot is taken waits for one (and is then answered as usual).
func TestAgentDecodingIsBounded(t *testing.T) {
	e := newSQLiteEnv(t)
	if got := cap(e.srv.agentDecoding); got != runtime.GOMAXPROCS(0) {
		t.Fatalf("%d slots, want GOMAXPROCS %d", got, runtime.GOMAXPROCS(0))
	}
	for range cap(e.srv.agentDecoding) {
		e.srv.agentDecoding <- struct{}{} // every core busy
	}
	prolog := inventory.Compress([]byte(`<?xml version="1.0" encoding="UTF-8" ?><REQUEST><DEVICEID>vm-2026</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>`), inventory.Zlib)
	answered := make(chan int, 1)
	go func() { // agentPost's t.Fatal belongs on the test's goroutine
		resp, err := http.Post(e.ts.URL+"/inventory", "application/x-compress-zlib", bytes.NewReader(prolog))
		if err != nil {
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	select {
	case status := <-answered:
		t.Fatalf("answered (%d) while every decoding slot was taken", status)
	case <-time.After(200 * time.Millisecond):
	}
	<-e.srv.agentDecoding
	select {
	case status := <-answered:
		if status != http.StatusOK {
			t.Errorf("after a slot freed: %d", status)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("not answered after a slot freed")
	}
}
