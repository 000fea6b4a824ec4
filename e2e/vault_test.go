package e2e

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// vaultPlaintexts are what the scans look for: a password, a TOTP seed
// and notes stored through the API.
var vaultPlaintexts = []string{"Xk7-firewall-admin-Pw!", "MZXW6YTBOI4TKNRXGE2TQMZZ", "保守会社の緊急連絡先は非公開", "Qm2-nas-root-Pw#"}

// TestVaultEmergencyRecovery is issue 11's acceptance on both databases,
// with the real binary: secrets stored through the API, an emergency kit
// split on the command line, EVERY administrator removed, then
// "hitori vault recover" with K of the N share files opens the vault,
// forces a new administrator, re-keys (the running server follows), and
// the audit chain verifies. Before that, no plaintext secret may be found
// in the database files (or a pg_dump), a backup, or the server's log.
func TestVaultEmergencyRecovery(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			data := t.TempDir()
			flags := []string{"--data", data}
			dsn := filepath.Join(data, "hitori.db")
			if dialect == sqlstore.Postgres {
				dsn = storetest.DSN(t, dialect)
				flags = append(flags, "--db", dsn)
			}
			cli := func(stdin string, args ...string) cliResult { return runHitori(t, stdin, append(args, flags...)...) }
			must := func(stdin string, args ...string) string { return mustHitori(t, stdin, append(args, flags...)...) }
			must("admin-password-2026\n", "user", "create", "--email", "admin@example.com", "--role", "admin")
			token := strings.TrimSpace(must("", "token", "create", "--email", "admin@example.com", "--name", "vault-e2e"))
			srv := startServer(t, data, flags[2:]...)

			fw := apiSecret(t, srv.URL, token, map[string]string{"system": "UTM", "url": "https://192.0.2.1", "username": "admin",
				"password": vaultPlaintexts[0], "totp": vaultPlaintexts[1], "notes": vaultPlaintexts[2]})
			nas := apiSecret(t, srv.URL, token, map[string]string{"system": "NAS", "username": "root", "password": vaultPlaintexts[3]})
			if got := apiReveal(t, srv.URL, token, fw); got["password"] != vaultPlaintexts[0] || got["notes"] != vaultPlaintexts[2] {
				t.Fatalf("reveal: %v", got)
			}

			kit := filepath.Join(t.TempDir(), "kit")
			out := must("", "vault", "split", "--shares", "3", "--threshold", "2", "--out", kit, "--holders", "社長,監査役,外部ベンダー")
			if !strings.Contains(out, "wrote 3 shares") {
				t.Fatalf("split: %s", out)
			}
			sheet, err := os.ReadFile(filepath.Join(kit, "kit-2.html"))
			if err != nil || !bytes.Contains(sheet, []byte("data:image/png;base64,")) || !bytes.Contains(sheet, []byte("監査役")) || !bytes.Contains(sheet, []byte("復旧の手順")) {
				t.Fatalf("kit sheet: %v", err)
			}

			// The scans, before anything is recovered.
			backupFile := filepath.Join(t.TempDir(), "hitori.backup")
			must("", "backup", backupFile)
			scanBackup(t, backupFile)
			if dialect == sqlstore.SQLite {
				for _, f := range []string{dsn, dsn + "-wal", dsn + "-shm"} {
					scanFile(t, f)
				}
			} else {
				scanBytes(t, "pg_dump", pgDump(t, dsn))
			}
			scanBytes(t, "server log", []byte(srv.log.String()))

			// Every administrator is gone (demoted behind the store's back:
			// the store itself refuses to remove the last one).
			db, err := sqlstore.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.ExecForTest(context.Background(), `UPDATE users SET role = 'technician' WHERE role = 'admin'`); err != nil {
				t.Fatal(err)
			}

			shares := []string{filepath.Join(kit, "share-1.txt"), filepath.Join(kit, "share-3.txt")}
			if r := cli("", append([]string{"vault", "recover"}, shares...)...); r.Code == 0 || !strings.Contains(r.Stderr, "--new-admin") {
				t.Fatalf("recover without a new administrator: exit %d %s", r.Code, r.Stderr)
			}
			if r := cli("", "vault", "recover", "--new-admin", "successor@example.com", shares[0]); r.Code == 0 || !strings.Contains(r.Stderr, "1 shares given, 2 needed") {
				t.Fatalf("recover with K−1 shares: exit %d %s", r.Code, r.Stderr)
			}
			r := cli("", append([]string{"vault", "recover", "--new-admin", "successor@example.com"}, shares...)...)
			if r.Code != 0 || !strings.Contains(r.Stdout, "next:") {
				t.Fatalf("recover: exit %d\n%s\n%s", r.Code, r.Stdout, r.Stderr)
			}
			password := field(r.Stdout, "temporary password\t")
			signInHTTP(t, srv.URL, "successor@example.com", password)

			// The running server follows the re-key; the new administrator reads every secret.
			newToken := strings.TrimSpace(must("", "token", "create", "--email", "successor@example.com", "--name", "after-recovery"))
			if got := apiReveal(t, srv.URL, newToken, nas); got["password"] != vaultPlaintexts[3] {
				t.Fatalf("after recovery: %v", got)
			}
			if r := cli("", append([]string{"vault", "recover", "--new-admin", "x@example.com"}, shares...)...); r.Code == 0 || !strings.Contains(r.Stderr, "void") {
				t.Fatalf("the used kit again: exit %d %s", r.Code, r.Stderr)
			}
			if out := must("", "vault", "audit-verify"); !strings.Contains(out, "intact") {
				t.Fatalf("audit-verify: %s", out)
			}
			recs, err := db.Vault().ListVaultAudit(context.Background(), 0, 1000)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, rec := range recs {
				seen[rec.Action] = true
			}
			for _, a := range []string{hitori.VaultAuditCreate, hitori.VaultAuditReveal, hitori.VaultAuditSplit, hitori.VaultAuditRecFail, hitori.VaultAuditRecover, hitori.VaultAuditNewAdmin} {
				if !seen[a] {
					t.Errorf("no %s in the vault's audit log", a)
				}
			}
			// An edit made around the append-only trigger is named by audit-verify.
			if dialect == sqlstore.SQLite {
				if err := db.ExecForTest(context.Background(), `DROP TRIGGER vault_audit_no_update`); err != nil {
					t.Fatal(err)
				}
				if err := db.ExecForTest(context.Background(), `UPDATE vault_audit SET actor = 'someone else' WHERE seq = 3`); err != nil {
					t.Fatal(err)
				}
				if r := cli("", "vault", "audit-verify"); r.Code != 1 || !strings.Contains(r.Stderr, "record 3") {
					t.Fatalf("audit-verify after tampering: exit %d %s", r.Code, r.Stderr)
				}
			}
		})
	}
}

func field(out, prefix string) string {
	for _, line := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(line, prefix); ok {
			return v
		}
	}
	return ""
}

func apiPost(t *testing.T, base, token, path string, body any) map[string]string {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := httpClient(nil).Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var got map[string]string
	if resp.StatusCode >= 300 || json.Unmarshal(raw, &got) != nil {
		t.Fatalf("POST %s: %d %s", path, resp.StatusCode, raw)
	}
	return got
}

func apiSecret(t *testing.T, base, token string, body map[string]string) string {
	t.Helper()
	return apiPost(t, base, token, "/api/v1/secrets", body)["id"]
}

func apiReveal(t *testing.T, base, token, id string) map[string]string {
	t.Helper()
	return apiPost(t, base, token, "/api/v1/secrets/"+url.PathEscape(id)+"/reveal", nil)
}

func scanBytes(t *testing.T, what string, b []byte) {
	t.Helper()
	if len(b) == 0 {
		t.Errorf("%s: nothing to scan", what)
	}
	for _, p := range vaultPlaintexts {
		if bytes.Contains(b, []byte(p)) {
			t.Errorf("%s holds the secret %q in plaintext", what, p)
		}
	}
}

func scanFile(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) && !strings.HasSuffix(path, ".db") {
		return // no WAL at this moment
	}
	if err != nil {
		t.Fatal(err)
	}
	scanBytes(t, path, b)
}

// scanBackup reads every member of the gzip-compressed tar and checks
// that the key files are not in it.
func scanBackup(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("backup: %v", err)
	}
	tr := tar.NewReader(zr)
	var all bytes.Buffer
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("backup: %v", err)
		}
		if strings.HasPrefix(h.Name, "keys/") || strings.Contains(h.Name, "/keys/") {
			t.Errorf("backup holds the key file %s without --include-keys", h.Name)
		}
		all.WriteString(h.Name + "\n")
		if _, err := io.Copy(&all, tr); err != nil {
			t.Fatal(err)
		}
	}
	scanBytes(t, "backup", all.Bytes())
}

// pgDump dumps the test's schema (its name is the DSN's search_path).
func pgDump(t *testing.T, dsn string) []byte {
	t.Helper()
	bin, err := exec.LookPath("pg_dump")
	if err != nil {
		storetest.Skip(t, "pg_dump not installed")
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	schema := u.Query().Get("search_path")
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	out, err := exec.Command(bin, "--dbname", u.String(), "--schema", schema).Output()
	if err != nil {
		t.Fatalf("pg_dump: %v", err)
	}
	if !bytes.Contains(out, []byte("vault_entries")) {
		t.Fatal("pg_dump holds no vault_entries table")
	}
	return out
}
