package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hitori"
	"hitori/vault"
)

const vaultSecret = "Zq9-vault-secret-!x"

func vaultEntryID(t *testing.T, loc string) string {
	t.Helper()
	id, ok := strings.CutPrefix(loc, "/vault/")
	id, _, _ = strings.Cut(id, "?")
	if !ok || id == "" {
		t.Fatalf("redirect %q is not an entry", loc)
	}
	return id
}

// TestVaultPages walks the room as an administrator and a technician:
// create, list and page without the secret, audited reveal and copy,
// sharing by role, confirmation before delete, and the audit page.
func TestVaultPages(t *testing.T) {
	e := newSQLiteEnv(t)
	e.mustUser("admin@example.com", hitori.RoleAdmin)
	e.mustUser("tech@example.com", hitori.RoleTechnician)
	admin, tech := e.client(), e.client()
	admin.login("admin@example.com", "password123")
	tech.login("tech@example.com", "password123")

	status, _, body := admin.get("/vault/new")
	if status != http.StatusOK || !strings.Contains(body, `data-testid="vault-generated"`) {
		t.Fatalf("new form: %d", status)
	}
	if status, _, body := admin.post("/vault", url.Values{"system": {""}, "password": {vaultSecret}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "システム名を入力してください") {
		t.Fatalf("empty system: %d", status)
	}
	status, loc, _ := admin.post("/vault", url.Values{"system": {"ファイルサーバー"}, "username": {"administrator"},
		"password": {vaultSecret}, "notes": {"秘密のメモ"}, "rotate_by": {"2026-01-31"}})
	if status != http.StatusSeeOther {
		t.Fatalf("create: %d", status)
	}
	id := vaultEntryID(t, loc)
	for _, path := range []string{"/vault", "/vault/" + id, "/vault/" + id + "/edit", "/vault/audit"} {
		status, _, body := admin.get(path)
		if status != http.StatusOK || strings.Contains(body, vaultSecret) || strings.Contains(body, "秘密のメモ") {
			t.Fatalf("%s: status %d, or the secret is shown", path, status)
		}
	}
	if _, _, body := admin.get("/vault"); !strings.Contains(body, `data-testid="vault-overdue"`) {
		t.Error("the overdue rotation is not flagged")
	}
	status, _, body = admin.post("/vault/"+id+"/reveal", url.Values{"action": {"reveal"}})
	if status != http.StatusOK || !strings.Contains(body, vaultSecret) || !strings.Contains(body, "秘密のメモ") {
		t.Fatalf("reveal: %d", status)
	}
	// The copy button's request (vault.js) gets JSON.
	admin.get("/vault")
	form := url.Values{"action": {"copy"}, "csrf": {admin.cookie(csrfCookie)}}
	req, _ := http.NewRequest("POST", e.ts.URL+"/vault/"+id+"/reveal", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	status, _, body = admin.do(req)
	var sec vault.Secret
	if status != http.StatusOK || json.Unmarshal([]byte(body), &sec) != nil || sec.Password != vaultSecret {
		t.Fatalf("copy: %d %.200s", status, body)
	}
	recs, _ := e.db.Vault().ListVaultAudit(context.Background(), 0, 100)
	var actions []string
	for _, r := range recs {
		actions = append(actions, r.Action)
		if strings.Contains(r.Detail, vaultSecret) {
			t.Fatal("secret in the audit log")
		}
	}
	if got := strings.Join(actions, ","); got != "vault.init,vault.create,vault.reveal,vault.copy" {
		t.Fatalf("audit: %s", got)
	}

	// Not shared: the technician sees neither the entry nor that it exists.
	if _, _, body := tech.get("/vault"); strings.Contains(body, "ファイルサーバー") {
		t.Fatal("technician sees an unshared entry")
	}
	if status, _, _ := tech.post("/vault/"+id+"/reveal", nil); status != http.StatusNotFound {
		t.Fatalf("technician reveal: %d", status)
	}
	if status, _, _ := admin.post("/vault/"+id, url.Values{"system": {"ファイルサーバー"}, "username": {"administrator"},
		"share_role": {"technician"}}); status != http.StatusSeeOther {
		t.Fatalf("share: %d", status)
	}
	if status, _, body := tech.post("/vault/"+id+"/reveal", nil); status != http.StatusOK || !strings.Contains(body, vaultSecret) {
		t.Fatalf("shared reveal: %d (the edit must keep the password)", status)
	}

	// Delete asks first.
	if status, _, _ := admin.post("/vault/"+id+"/delete", nil); status != http.StatusUnprocessableEntity {
		t.Fatalf("delete without confirmation: %d", status)
	}
	if _, err := e.db.Vault().FindVaultEntry(context.Background(), id); err != nil {
		t.Fatal("deleted without confirmation")
	}
	if status, _, _ := admin.post("/vault/"+id+"/delete", url.Values{"confirm": {"yes"}}); status != http.StatusSeeOther {
		t.Fatalf("delete: %d", status)
	}
	if _, _, body := admin.get("/vault/audit"); !strings.Contains(body, `data-testid="vault-audit-ok"`) {
		t.Fatal("audit page does not verify the chain")
	}
}

// TestVaultAPI is the public contract: create, then an audited reveal.
func TestVaultAPI(t *testing.T) {
	e := newSQLiteEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	call := e.apiCaller(admin)
	status, body := call("POST", "/api/v1/secrets", `{"system":"Microsoft 365","url":"https://admin.microsoft.com","username":"admin@example.onmicrosoft.com","password":"`+vaultSecret+`","notes":"MFA は社長のスマホ"}`)
	var created struct{ ID string }
	if status != http.StatusCreated || json.Unmarshal([]byte(body), &created) != nil || created.ID == "" {
		t.Fatalf("create: %d %s", status, body)
	}
	status, body = call("POST", "/api/v1/secrets/"+created.ID+"/reveal", "")
	var got map[string]any
	if status != http.StatusOK || json.Unmarshal([]byte(body), &got) != nil || got["password"] != vaultSecret ||
		got["username"] != "admin@example.onmicrosoft.com" || got["notes"] != "MFA は社長のスマホ" {
		t.Fatalf("reveal: %d %s", status, body)
	}
	for _, tt := range []struct{ name, path, body string }{
		{"no system", "/api/v1/secrets", `{"password":"x"}`},
		{"not JSON", "/api/v1/secrets", `{"system":`},
		{"unknown entry", "/api/v1/secrets/nope/reveal", ``},
	} {
		if status, body := call("POST", tt.path, tt.body); status < 400 || strings.Contains(body, vaultSecret) {
			t.Errorf("%s: %d %s", tt.name, status, body)
		}
	}
	recs, _ := e.db.Vault().ListVaultAudit(context.Background(), 0, 100)
	if last := recs[len(recs)-1]; last.Action != hitori.VaultAuditReveal || last.EntryID != created.ID || last.Actor != "admin@example.com" {
		t.Fatalf("reveal not audited: %+v", last)
	}
}

// TestVaultRecoverPage: with every administrator gone, K share codes typed
// into the public page open the vault, re-key it and create a new
// administrator; a typo names its line and group.
func TestVaultRecoverPage(t *testing.T) {
	e := newSQLiteEnv(t)
	ctx := context.Background()
	gone := e.mustUser("gone@example.com", hitori.RoleAdmin)
	svc := vault.New(e.db.Vault(), e.db.Sealer)
	actor := vault.Actor{User: gone, Remote: "cli"}
	id, err := svc.Create(ctx, actor, vault.EntryInput{System: "UTM", Password: ptrString(vaultSecret)})
	if err != nil {
		t.Fatal(err)
	}
	shares, err := svc.Split(ctx, actor, 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	// The store refuses to demote the last administrator; the day this
	// page exists for, that administrator is simply unreachable. Demote
	// them behind the store's back so no administrator is left at all.
	if err := e.db.ExecForTest(ctx, `UPDATE users SET role = 'technician' WHERE id = $1`, gone.ID); err != nil {
		t.Fatal(err)
	}
	codes := make([]string, len(shares))
	for i, sh := range shares {
		codes[i], _ = sh.Code()
	}
	c := e.client()
	form := func(lines ...string) url.Values {
		return url.Values{"shares": {strings.Join(lines, "\n")}, "email": {"new-admin@example.com"}, "password": {"a long new password"}}
	}
	typo := []byte(codes[0])
	typo[7] = map[bool]byte{true: 'B', false: 'A'}[typo[7] == 'A']
	if status, _, body := c.post("/vault/recover", form(codes[2], string(typo))); status != http.StatusUnprocessableEntity || !strings.Contains(body, "2 行目の 2 番目の区切り") {
		t.Fatalf("typo: %d %.300s", status, body)
	}
	if status, _, body := c.post("/vault/recover", form(codes[2])); status != http.StatusUnprocessableEntity || !strings.Contains(body, "開けられませんでした") {
		t.Fatalf("one share: %d %.300s", status, body)
	}
	if status, _, body := c.post("/vault/recover", form(codes[2], codes[0])); status != http.StatusOK || !strings.Contains(body, `data-testid="vault-recovered"`) {
		t.Fatalf("recover: %d %.300s", status, body)
	}
	c.login("new-admin@example.com", "a long new password")
	if status, _, body := c.post("/vault/"+id+"/reveal", nil); status != http.StatusOK || !strings.Contains(body, vaultSecret) {
		t.Fatalf("new admin reveal: %d", status)
	}
	if status, _, body := e.client().post("/vault/recover", form(codes[1], codes[0])); status != http.StatusUnprocessableEntity || !strings.Contains(body, "generation 1") {
		t.Fatalf("used kit: %d %.300s", status, body)
	}
	jobs, _ := e.db.Jobs().List(ctx, hitori.JobFilter{State: hitori.JobQueued, Kind: vault.JobAlert})
	if len(jobs) != 1 {
		t.Fatalf("alert jobs: %d", len(jobs))
	}
}

func ptrString(s string) *string { return &s }

// TestVaultUnlockPage: in passphrase mode a restarted process is locked
// until an administrator types the passphrase; a wrong one is refused.
func TestVaultUnlockPage(t *testing.T) {
	e := newSQLiteEnv(t)
	ctx := context.Background()
	e.srv.vault.KDF = vault.TestKDF
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	c := e.client()
	c.login("admin@example.com", "password123")
	if status, _, _ := c.post("/vault", url.Values{"system": {"Wi-Fi"}, "password": {vaultSecret}}); status != http.StatusSeeOther {
		t.Fatalf("create: %d", status)
	}
	if err := e.srv.vault.SetPassphrase(ctx, vault.Actor{User: admin}, "社長室の金庫の合言葉です"); err != nil {
		t.Fatal(err)
	}
	e.srv.vault.Lock() // as after a restart
	if _, _, body := c.get("/vault"); !strings.Contains(body, `data-testid="vault-locked"`) {
		t.Fatal("the list does not say the vault is locked")
	}
	list, _ := e.srv.vault.List(ctx, vault.Actor{User: admin})
	if status, _, body := c.post("/vault/"+list[0].ID+"/reveal", nil); status != http.StatusForbidden || strings.Contains(body, vaultSecret) {
		t.Fatalf("locked reveal: %d", status)
	}
	if status, _, body := c.post("/vault/unlock", url.Values{"passphrase": {"wrong passphrase here"}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "パスフレーズが違います") {
		t.Fatalf("wrong passphrase: %d", status)
	}
	if status, loc, _ := c.post("/vault/unlock", url.Values{"passphrase": {"社長室の金庫の合言葉です"}}); status != http.StatusSeeOther || loc != "/vault" {
		t.Fatalf("unlock: %d %q", status, loc)
	}
	if status, _, body := c.post("/vault/"+list[0].ID+"/reveal", nil); status != http.StatusOK || !strings.Contains(body, vaultSecret) {
		t.Fatalf("after unlock: %d", status)
	}
}
