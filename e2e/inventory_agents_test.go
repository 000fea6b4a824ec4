package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/asset"
	"hitori/inventory"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// The real inventory agents from Debian (fusioninventory-agent 2.6,
// ocsinventory-agent 2.10) report this machine to a running hitori; the
// asset must hold what each agent's own local inventory of the machine
// says, and a second report of the unchanged machine must write nothing
// but the last-seen time.

// agentRun is one agent: how to run it against a server and locally.
type agentRun struct {
	name   string
	path   string // the URL path it reports to
	server func(url, state string) []string
	local  func(dir, state string) []string
}

var agentRuns = []agentRun{
	{
		name: "fusioninventory-agent", path: "/inventory",
		// Only the inventory task; environment and processes change between
		// two runs and hitori reads neither.
		server: func(url, _ string) []string {
			return []string{"--server", url, "--tasks=Inventory", "--no-category=environment,process", "--no-httpd", "--force", "--logger=stderr"}
		},
		local: func(dir, _ string) []string {
			return []string{"--local", dir, "--tasks=Inventory", "--no-category=environment,process", "--no-httpd", "--logger=stderr"}
		},
	},
	{
		name: "ocsinventory-agent", path: "/ocsinventory",
		// Debian's /etc/ocsinventory/ocsinventory-agent.cfg sets local=…:
		// --nolocal turns that off for a server run.
		server: func(url, state string) []string {
			return []string{"--server", url, "--nolocal", "--basevardir", state, "--force"}
		},
		local: func(dir, state string) []string { return []string{"--local", dir, "--basevardir", state} },
	},
}

// runAgent runs an agent to completion (they take seconds to a minute).
func runAgent(t *testing.T, bin string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = t.TempDir()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, truncate(string(out), 4000))
	}
	if strings.Contains(string(out), "[error]") {
		t.Fatalf("%s reported an error:\n%s", bin, truncate(string(out), 4000))
	}
}

// localReport runs the agent in local mode and parses the file it writes.
func localReport(t *testing.T, a agentRun, bin, state string) *hitori.InventoryReport {
	t.Helper()
	dir := t.TempDir()
	runAgent(t, bin, a.local(dir, state)...)
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) != 1 {
		t.Fatalf("%s --local wrote %v, want one file", a.name, files)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	m, err := inventory.Parse(b)
	if err != nil || m.Report == nil {
		t.Fatalf("%s local inventory: %v", a.name, err)
	}
	return m.Report
}

func TestInventoryRealAgents(t *testing.T) {
	bins := map[string]string{}
	for _, a := range agentRuns {
		p, err := exec.LookPath(a.name)
		if err != nil {
			storetest.Skip(t, "the real agent test needs %s (apt-get install fusioninventory-agent ocsinventory-agent)", a.name)
		}
		bins[a.name] = p
	}
	data := t.TempDir()
	srv := startServer(t, data)
	ctx := context.Background()
	db, err := sqlstore.Open(ctx, filepath.Join(data, "hitori.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	// The register's API shows the asset as outside checks read it.
	mustHitori(t, techPassword+"\n", "user", "create", "--data", data, "--email", techEmail, "--role", "technician")
	token := strings.TrimSpace(mustHitori(t, "", "token", "create", "--data", data, "--email", techEmail, "--name", "inventory"))

	var assetID int64
	for _, a := range agentRuns {
		t.Run(a.name, func(t *testing.T) {
			state := t.TempDir()
			want := localReport(t, a, bins[a.name], state)
			runAgent(t, bins[a.name], a.server(srv.URL+a.path, state)...)
			st := findReported(t, db, want)
			if assetID != 0 && st.Asset.ID != assetID {
				t.Errorf("%s made asset %d; the machine is asset %d (match by UUID, serial, MAC)", a.name, st.Asset.ID, assetID)
			}
			assetID = st.Asset.ID
			a1 := st.Asset
			if a1.HardwareUUID != want.UUID || a1.Serial != want.BIOSSerial || a1.Hostname != want.Hostname || a1.OSName != want.OSName {
				t.Errorf("asset identity uuid=%q serial=%q host=%q os=%q; local inventory uuid=%q serial=%q host=%q os=%q",
					a1.HardwareUUID, a1.Serial, a1.Hostname, a1.OSName, want.UUID, want.BIOSSerial, want.Hostname, want.OSName)
			}
			if st.Detail.MemoryMB != want.MemoryMB || st.Detail.CPU != want.CPU || len(st.Software) != len(want.Software) || len(want.Software) < 50 {
				t.Errorf("asset memory %d MB, CPU %q, %d programs; local inventory %d MB, %q, %d programs",
					st.Detail.MemoryMB, st.Detail.CPU, len(st.Software), want.MemoryMB, want.CPU, len(want.Software))
			}
			if got := apiAssetByHost(t, srv.URL, token, want.Hostname); got.SoftwareCount != len(want.Software) {
				t.Errorf("GET /api/v1/assets?q=%s: software_count %d, local inventory %d", want.Hostname, got.SoftwareCount, len(want.Software))
			}
			before, err := db.InventoryRowsForTest(ctx, assetID)
			if err != nil {
				t.Fatal(err)
			}
			runAgent(t, bins[a.name], a.server(srv.URL+a.path, state)...)
			after, err := db.InventoryRowsForTest(ctx, assetID)
			if err != nil {
				t.Fatal(err)
			}
			if after.Events != before.Events || after.Software != before.Software || after.MACs != before.MACs ||
				!after.UpdatedAt.Equal(before.UpdatedAt) || !after.ChangedAt.Equal(before.ChangedAt) || !after.LastSeenAt.After(before.LastSeenAt) {
				t.Errorf("a second report of the unchanged machine wrote more than the last-seen time:\nbefore %+v\nafter  %+v", before, after)
			}
		})
	}

	// A license of a program every Debian machine has counts this machine:
	// the title is counted from the stored software when a license first
	// names it, and the server's license API shows it.
	tech, err := db.Users().FindUserByEmail(ctx, techEmail)
	if err != nil {
		t.Fatal(err)
	}
	bash := &hitori.License{Title: "bash", Seats: 0}
	if err := db.Assets().CreateLicense(hitori.NewContextWithUser(ctx, tech), bash, asset.TitleKey("bash"), ""); err != nil {
		t.Fatal(err)
	}
	if got := apiLicense(t, srv.URL, token, bash.ID); got.Installed != 1 || !got.OverInstalled {
		t.Errorf("GET /api/v1/licenses: bash installed on %d (over %t), want this machine, 1 over its 0 seats", got.Installed, got.OverInstalled)
	}
}

// apiLicense finds one license through GET /api/v1/licenses.
func apiLicense(t *testing.T, base, token string, id int64) (l struct {
	ID            int64 `json:"id"`
	Installed     int   `json:"installed"`
	OverInstalled bool  `json:"over_installed"`
}) {
	t.Helper()
	var got struct {
		Licenses []json.RawMessage `json:"licenses"`
	}
	apiGet(t, base, token, "/api/v1/licenses", &got)
	for _, raw := range got.Licenses {
		if err := json.Unmarshal(raw, &l); err != nil {
			t.Fatal(err)
		}
		if l.ID == id {
			return l
		}
	}
	t.Fatalf("GET /api/v1/licenses: no license %d among %d", id, len(got.Licenses))
	return l
}

// findReported finds the asset holding the machine's report: the one
// with the local inventory's MAC addresses.
func findReported(t *testing.T, db *sqlstore.DB, want *hitori.InventoryReport) *hitori.InventoryState {
	t.Helper()
	states, err := db.Assets().InventoryStates(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range states {
		for _, n := range st.Detail.NICs {
			if n.MAC != "" && slices.Contains(want.MACs, n.MAC) {
				return st
			}
		}
	}
	t.Fatalf("no asset with the MACs %v among %d inventoried assets", want.MACs, len(states))
	return nil
}

// apiAsset is the part of GET /api/v1/assets the test reads.
type apiAsset struct {
	Hostname      *string `json:"hostname"`
	Serial        *string `json:"serial"`
	SoftwareCount int     `json:"software_count"`
}

// apiAssetByHost finds the one asset with the host name through the API.
func apiAssetByHost(t *testing.T, base, token, host string) apiAsset {
	t.Helper()
	var got struct {
		Assets []apiAsset `json:"assets"`
	}
	apiGet(t, base, token, "/api/v1/assets?q="+url.QueryEscape(host), &got)
	for _, a := range got.Assets {
		if a.Hostname != nil && *a.Hostname == host {
			return a
		}
	}
	t.Fatalf("GET /api/v1/assets?q=%s: no asset with that host name among %d", host, len(got.Assets))
	return apiAsset{}
}

// apiGet reads a JSON answer of the API into into, with token.
func apiGet(t *testing.T, base, token, path string, into any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := httpClient(nil).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(into); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d, decode: %v", path, resp.StatusCode, err)
	}
}
