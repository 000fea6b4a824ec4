package vault_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hitori"
	"hitori/sealed"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
	"hitori/vault"
)

var admin = vault.Actor{User: &hitori.User{ID: 1, Email: "admin@example.jp", Role: hitori.RoleAdmin}, Remote: "198.51.100.7"}

// plaintexts are the secrets the scans look for.
var plaintexts = []string{"Tr0ub4dor&3-UTM-admin", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "非常用メモ：金庫の暗証番号", "recovery-code-7777"}

func seedVault(t *testing.T, db *sqlstore.DB, keys string) (*vault.Service, string) {
	t.Helper()
	ctx := context.Background()
	s := vault.New(db.Vault(), sealed.New(keys))
	s.KDF = vault.TestKDF
	id, err := s.Create(ctx, admin, vault.EntryInput{System: "UTM", URL: "https://utm.example.jp", Username: "admin",
		Password: &plaintexts[0], TOTP: &plaintexts[1], Notes: &plaintexts[2], Grants: []hitori.VaultGrant{{UserID: 5}, {Role: hitori.RoleTechnician}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddFile(ctx, admin, id, "codes.txt", []byte(plaintexts[3])); err != nil {
		t.Fatal(err)
	}
	return s, id
}

// TestVaultOnDatabases runs the service over the real stores: round trip,
// grants, files, re-key, the audit chain, append-only triggers and tamper
// detection through SQL, and no plaintext in the SQLite file and its WAL.
func TestVaultOnDatabases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		keys := filepath.Join(t.TempDir(), "keys")
		s, id := seedVault(t, db, keys)
		e, err := s.Entry(ctx, admin, id)
		if err != nil || len(e.Grants) != 2 || len(e.Files) != 1 || e.Files[0].Name != "codes.txt" {
			t.Fatalf("entry: %+v %v", e, err)
		}
		if err := s.Rekey(ctx, admin); err != nil {
			t.Fatal(err)
		}
		// A new process (new service, same key file) opens it.
		s2 := vault.New(db.Vault(), sealed.New(keys))
		sec, err := s2.Reveal(ctx, admin, id, hitori.VaultAuditReveal)
		if err != nil || sec.Password != plaintexts[0] || sec.TOTPSeed != plaintexts[1] || sec.Notes != plaintexts[2] {
			t.Fatalf("reveal: %+v %v", sec, err)
		}
		if _, data, err := s2.OpenFile(ctx, admin, id, e.Files[0].ID); err != nil || string(data) != plaintexts[3] {
			t.Fatalf("file: %q %v", data, err)
		}
		n, brk, err := s2.VerifyAudit(ctx)
		if err != nil || brk != nil || n < 5 {
			t.Fatalf("verify: %d %v %v", n, brk, err)
		}
		if err := db.ExecForTest(ctx, `UPDATE vault_audit SET detail = 'x' WHERE seq = 2`); err == nil {
			t.Fatal("audit row updated through SQL")
		}
		if err := db.ExecForTest(ctx, `DELETE FROM vault_audit WHERE seq = 2`); err == nil {
			t.Fatal("audit row deleted through SQL")
		}
		// Someone with the database file goes around the triggers.
		drop := `DROP TRIGGER vault_audit_no_update`
		if db.Dialect == sqlstore.Postgres {
			drop = `DROP TRIGGER vault_audit_no_change ON vault_audit`
		}
		if err := db.ExecForTest(ctx, drop); err != nil {
			t.Fatal(err)
		}
		if err := db.ExecForTest(ctx, `UPDATE vault_audit SET remote = '127.0.0.1' WHERE seq = 3`); err != nil {
			t.Fatal(err)
		}
		if _, brk, _ := s2.VerifyAudit(ctx); brk == nil || brk.Seq != 3 {
			t.Fatalf("edited record 3: break %v", brk)
		}
		// A ciphertext edited in the table does not open.
		if err := db.ExecForTest(ctx, `UPDATE vault_entries SET password = notes WHERE id = $1`, id); err != nil {
			t.Fatal(err)
		}
		if _, err := s2.Reveal(ctx, admin, id, ""); err == nil {
			t.Fatal("swapped ciphertext opened")
		}
		if db.Dialect == sqlstore.SQLite {
			db.Close()
			scanFiles(t, db.Path+"*")
		}
	})
}

// scanFiles fails when any file matching pattern holds a plaintext secret.
func scanFiles(t *testing.T, pattern string) {
	t.Helper()
	files, _ := filepath.Glob(pattern)
	if len(files) == 0 {
		t.Fatalf("nothing to scan at %s", pattern)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range plaintexts {
			if bytes.Contains(b, []byte(p)) || strings.Contains(strings.ToLower(string(b)), strings.ToLower(p)) {
				t.Errorf("%s holds %q in plaintext", f, p)
			}
		}
	}
}
