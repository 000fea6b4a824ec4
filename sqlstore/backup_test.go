package sqlstore_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hitori"
	"hitori/auth"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestBackupDuringWrites checks a backup taken under write load holds every row
// committed before Backup was called, and restores into a working database.
func TestBackupDuringWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		MustCreateUser(t, db, "admin@example.com", hitori.RoleAdmin)
		var (
			mu      sync.Mutex
			before  = map[string][]int64{} // table -> ids committed before Backup was called
			backing atomic.Bool
			writes  atomic.Int64
			wg      sync.WaitGroup
		)
		stop, errs := make(chan struct{}), make(chan error, 4)
		for g := range 4 {
			wg.Go(func() {
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					table, id, err := write(ctx, db, g, i)
					if err != nil {
						errs <- err
						return
					}
					writes.Add(1)
					// Loaded after the commit returned: false proves the commit preceded Backup.
					if !backing.Load() {
						mu.Lock()
						before[table] = append(before[table], id)
						mu.Unlock()
					}
				}
			})
		}
		for deadline := time.Now().Add(10 * time.Second); writes.Load() < 60 && time.Now().Before(deadline); {
			time.Sleep(time.Millisecond)
		}
		path := filepath.Join(t.TempDir(), "hitori.backup")
		backing.Store(true)
		start := writes.Load()
		err := db.Backup(ctx, path)
		during := writes.Load() - start
		close(stop)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("writer: %v", err)
		}
		if err != nil {
			t.Fatalf("Backup: %v", err)
		}
		t.Logf("%d rows committed before the backup, %d while it ran", start, during)
		if left, _ := os.ReadDir(filepath.Dir(path)); len(left) != 1 {
			t.Fatalf("backup folder holds %v, want only the backup", left)
		}

		dsn := storetest.DSN(t, db.Dialect)
		counts, err := sqlstore.Restore(ctx, path, dsn)
		if err != nil {
			t.Fatalf("Restore: %v", err)
		}
		for table, want := range before {
			got := ids(t, dsn, table)
			for _, id := range want {
				if !got[id] {
					t.Errorf("%s id %d committed before the backup is missing", table, id)
				}
			}
			if counts[table] < int64(len(want)) || counts[table] != int64(len(got)) {
				t.Errorf("%s: restored %d rows, found %d, want at least %d", table, counts[table], len(got), len(want))
			}
		}
		if db.Dialect == sqlstore.SQLite {
			mustIntegrity(t, dsn)
		}
		restored := mustOpen(t, dsn)
		if u, err := restored.Users().FindUserByEmail(ctx, "admin@example.com"); err != nil || u.Role != hitori.RoleAdmin {
			t.Fatalf("FindUserByEmail after restore = %+v, %v", u, err)
		}
		// Ids continue after the restored rows (PostgreSQL needs its sequences reset).
		MustCreateUser(t, restored, "after-restore@example.com", hitori.RoleViewer)
		if err := restored.Audit().RecordAudit(ctx, &hitori.AuditEvent{Action: "test.after"}); err != nil {
			t.Fatalf("write after restore: %v", err)
		}
	})
}

// write adds one user or one audit event and returns its table and id.
func write(ctx context.Context, db *sqlstore.DB, g, i int) (string, int64, error) {
	if i%3 == 0 {
		u := &hitori.User{Email: fmt.Sprintf("w%d-%d@example.com", g, i), Role: hitori.RoleRequester}
		err := db.Users().CreateUser(ctx, u, "password123")
		return "users", u.ID, err
	}
	e := &hitori.AuditEvent{Action: "test.write", Target: fmt.Sprintf("%d/%d", g, i), Detail: "書き込み ✓"}
	err := db.Audit().RecordAudit(ctx, e)
	return "audit_events", e.ID, err
}

// TestRestoreRefuses checks every refusal is typed and leaves the target as it was.
func TestRestoreRefuses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		dir := t.TempDir()
		src := storetest.Open(t, sqlstore.SQLite)
		MustCreateUser(t, src, "src@example.com", hitori.RoleAdmin)
		good := filepath.Join(dir, "good.db")
		if err := src.Backup(ctx, good); err != nil {
			t.Fatal(err)
		}
		goodBytes := mustRead(t, good)
		newer := filepath.Join(dir, "newer.db")
		if err := os.WriteFile(newer, goodBytes, 0o600); err != nil {
			t.Fatal(err)
		}
		exec(t, newer, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', '2030-01-01 00:00:00+00:00')`)
		dump := dumpLines(t, craftedDump(1)...)

		MustCreateUser(t, db, "live@example.com", hitori.RoleAdmin)
		tests := []struct {
			name string
			file []byte // nil: use path as is
			path string
			dsn  string // empty: a fresh empty database
			code string
		}{
			{"non-empty target", nil, good, db.DSN, hitori.ECONFLICT},
			{"garbage", []byte("this is not a backup\n"), "", "", hitori.EINVALID},
			{"empty file", []byte{}, "", "", hitori.EINVALID},
			{"sqlite header, garbage body", append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte{0xa5}, 4096)...), "", "", hitori.EINVALID},
			{"truncated sqlite", goodBytes[:len(goodBytes)/2], "", "", hitori.EINVALID},
			{"sqlite newer than binary", nil, newer, "", hitori.ECONFLICT},
			{"gzip, not a dump", dumpLines(t, `{"hello":"world"}`), "", "", hitori.EINVALID},
			{"truncated gzip", dump[:len(dump)/2], "", "", hitori.EINVALID},
			{"gzip missing trailer", dump[:len(dump)-6], "", "", hitori.EINVALID},
			{"dump without end line", dumpLines(t, craftedDump(1)[:5]...), "", "", hitori.EINVALID},
			{"dump newer than binary", dumpLines(t, craftedDump(9999)...), "", "", hitori.ECONFLICT},
			{"dump with dangling reference", dumpLines(t, append(craftedDump(1)[:5],
				`{"table":"sessions","columns":["token_hash","user_id","created_at","last_seen_at","expires_at"]}`,
				`["h",999,{"t":"2026-01-01T00:00:00Z"},{"t":"2026-01-01T00:00:00Z"},{"t":"2026-01-01T00:00:00Z"}]`, `{"end":true,"rows":3}`)...), "", "", hitori.EINVALID},
			{"dump with unknown table", dumpLines(t, append(craftedDump(1)[:5], `{"table":"x; DROP TABLE users","columns":["a"]}`, `{"end":true,"rows":2}`)...), "", "", hitori.EINVALID},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				path := tt.path
				if tt.file != nil {
					path = filepath.Join(t.TempDir(), "backup")
					if err := os.WriteFile(path, tt.file, 0o600); err != nil {
						t.Fatal(err)
					}
				}
				dsn := tt.dsn
				if dsn == "" {
					dsn = storetest.DSN(t, db.Dialect)
				}
				counts, err := sqlstore.Restore(ctx, path, dsn)
				if got := hitori.ErrorCode(err); got != tt.code {
					t.Fatalf("Restore = %v, %v; got code %q, want %q", counts, err, got, tt.code)
				}
				if tt.dsn == "" {
					mustBeUntouched(t, dsn)
				}
			})
		}
		if n, err := db.Users().CountUsers(ctx); err != nil || n != 1 {
			t.Fatalf("non-empty target changed: %d users, %v", n, err)
		}

		for _, tt := range []struct {
			name     string
			dialects []string // the databases the case applies to; nil means every one
			run      func(t *testing.T)
		}{
			// Only SQLite has a database file that a backup could overwrite.
			{"backup over the live database", []string{sqlstore.SQLite}, func(t *testing.T) {
				if err := db.Backup(ctx, db.DSN); hitori.ErrorCode(err) != hitori.EINVALID {
					t.Fatalf("Backup onto itself: got %v, want EINVALID", err)
				}
			}},
			{"crafted dump restores", nil, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "dump.gz")
				if err := os.WriteFile(path, dump, 0o600); err != nil {
					t.Fatal(err)
				}
				dsn := storetest.DSN(t, db.Dialect)
				counts, err := sqlstore.Restore(ctx, path, dsn)
				if err != nil || counts["users"] != 1 {
					t.Fatalf("Restore = %v, %v", counts, err)
				}
				u, err := mustOpen(t, dsn).Users().FindUserByEmail(ctx, "crafted@example.com")
				if err != nil || u.ID != 7 || !u.TOTPEnabled || u.Name != "Ünïcødé 名前" || !u.CreatedAt.Equal(time.Date(2026, 11, 25, 1, 2, 3, 456789000, time.UTC)) {
					t.Fatalf("crafted user = %+v, %v", u, err)
				}
			}},
		} {
			if tt.dialects == nil || slices.Contains(tt.dialects, db.Dialect) {
				t.Run(tt.name, tt.run)
			}
		}
	})
}

// TestRestoreIntoMigratedEmptyDatabase restores over a database hitori created
// but never used; a SQLite file still open elsewhere is refused.
func TestRestoreIntoMigratedEmptyDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		src := storetest.Open(t, sqlstore.SQLite)
		MustCreateUser(t, src, "src@example.com", hitori.RoleAdmin)
		path := filepath.Join(t.TempDir(), "backup.db")
		if err := src.Backup(ctx, path); err != nil {
			t.Fatal(err)
		}
		if db.Dialect == sqlstore.SQLite {
			if _, err := sqlstore.Restore(ctx, path, db.DSN); hitori.ErrorCode(err) != hitori.ECONFLICT {
				t.Fatalf("restore over an open SQLite file: got %v, want ECONFLICT", err)
			}
			db.Close()
		}
		if counts, err := sqlstore.Restore(ctx, path, db.DSN); err != nil || counts["users"] != 1 {
			t.Fatalf("Restore = %v, %v", counts, err)
		}
		if _, err := mustOpen(t, db.DSN).Users().FindUserByEmail(ctx, "src@example.com"); err != nil {
			t.Fatalf("FindUserByEmail after restore: %v", err)
		}
	})
}

// TestRestoreAcrossDialects moves data between every pair of databases.
func TestRestoreAcrossDialects(t *testing.T) {
	for _, from := range storetest.Dialects {
		for _, to := range storetest.Dialects {
			t.Run(from+" to "+to, func(t *testing.T) {
				ctx := context.Background()
				src := storetest.Open(t, from)
				admin := MustCreateUser(t, src, "admin@example.com", hitori.RoleAdmin)
				sato := MustCreateUser(t, src, "sato@example.com", hitori.RoleRequester)
				disabled := true
				if _, err := src.Users().UpdateUser(ctx, sato.ID, hitori.UserUpdate{Disabled: &disabled}); err != nil {
					t.Fatal(err)
				}
				if err := src.Audit().RecordAudit(ctx, &hitori.AuditEvent{ActorID: &admin.ID, Action: "test.cross", Detail: "日本語 \"quoted\" <tag> \u2028"}); err != nil {
					t.Fatal(err)
				}
				// Sessions and tokens reference users, and sort before them by name.
				session, _, err := src.Auth().CreateSession(ctx, admin.ID, false, "192.0.2.1", "test")
				if err != nil {
					t.Fatal(err)
				}
				token, _, err := src.Auth().CreateToken(ctx, admin.ID, "ci")
				if err != nil {
					t.Fatal(err)
				}
				// A composite key, a NULL text and a NULL time.
				if err := src.ExecForTest(ctx, `INSERT INTO articles (id, title, body, kind, visibility, revision, created_at, updated_at)
					VALUES (42, 'VPN', '手順', 'howto', 'staff', 1, $1, $1)`, time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC)); err != nil {
					t.Fatal(err)
				}
				if err := src.ExecForTest(ctx, `INSERT INTO article_readers (article_id, user_id) VALUES (42, $1)`, sato.ID); err != nil {
					t.Fatal(err)
				}
				// More items than one insert batch holds, the first merged into the last:
				// the reference points forward across batches.
				if err := src.ExecForTest(ctx, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
					INSERT INTO items (id, type, title, status, source, quadrant, sla_next, created_at, updated_at)
					SELECT i, 'ticket', 'item', 'open', 'web', 1, '9999-12-31 00:00:00+00:00', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00' FROM n`); err != nil {
					t.Fatal(err)
				}
				if err := src.ExecForTest(ctx, `UPDATE items SET merged_into = 300 WHERE id = 1`); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(t.TempDir(), "backup")
				if err := src.Backup(ctx, path); err != nil {
					t.Fatalf("Backup: %v", err)
				}
				dsn := storetest.DSN(t, to)
				counts, err := sqlstore.Restore(ctx, path, dsn)
				if err != nil || counts["users"] != 2 || counts["articles"] != 1 || counts["article_readers"] != 1 || counts["sessions"] != 1 || counts["items"] != 300 {
					t.Fatalf("Restore = %v, %v", counts, err)
				}
				dst := mustOpen(t, dsn)
				if got, want := summary(t, dst), summary(t, src); got != want {
					t.Fatalf("restored data differs\ngot:\n%s\nwant:\n%s", got, want)
				}
				if _, u, err := dst.Auth().FindSession(ctx, session); err != nil || u.ID != admin.ID {
					t.Fatalf("FindSession after restore = %+v, %v", u, err)
				}
				if u, err := dst.Auth().FindUserByToken(ctx, token); err != nil || u.ID != admin.ID {
					t.Fatalf("FindUserByToken after restore = %+v, %v", u, err)
				}
			})
		}
	}
}

// FuzzRestoreDump feeds arbitrary dump text to Restore: it must not panic, and
// what it accepts must open.
func FuzzRestoreDump(f *testing.F) {
	f.Add(strings.Join(craftedDump(1), "\n"))
	f.Add(strings.Join(craftedDump(1)[:4], "\n"))
	f.Add(`{"format":"hitori-backup","version":1,"schema":1}` + "\n[1]\n")
	f.Fuzz(func(t *testing.T, text string) {
		path := filepath.Join(t.TempDir(), "dump.gz")
		if err := os.WriteFile(path, dumpLines(t, text), 0o600); err != nil {
			t.Fatal(err)
		}
		dsn := filepath.Join(t.TempDir(), "hitori.db")
		if _, err := sqlstore.Restore(context.Background(), path, dsn); err == nil {
			mustOpen(t, dsn)
		}
	})
}

// craftedDump is a small dump written by hand, documenting the format.
func craftedDump(schema int) []string {
	return []string{
		fmt.Sprintf(`{"format":"hitori-backup","version":1,"dialect":"postgres","schema":%d,"created":"2026-11-25T00:00:00Z"}`, schema),
		`{"table":"schema_migrations","columns":["version","name","applied_at"]}`,
		`[1,"0001_init.sql",{"t":"2026-11-25T00:00:00Z"}]`,
		`{"table":"users","columns":["id","email","name","role","totp_enabled","locked_until","created_at","updated_at"]}`,
		`[7,"crafted@example.com","Ünïcødé 名前","admin",true,null,{"t":"2026-11-25T01:02:03.456789Z"},{"t":"2026-11-25T01:02:03.456789Z"}]`,
		`{"end":true,"rows":2}`,
	}
}

// dumpLines gzips lines as a dump file would hold them.
func dumpLines(tb testing.TB, lines ...string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(strings.Join(lines, "\n") + "\n")); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// summary renders users and audit events comparably across databases.
func summary(t *testing.T, db *sqlstore.DB) string {
	t.Helper()
	ctx := context.Background()
	users, _, err := db.Users().FindUsers(ctx, hitori.UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	events, _, err := db.Audit().FindAuditEvents(ctx, hitori.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, u := range users {
		fmt.Fprintf(&b, "user %d %s %s %s totp=%t disabled=%t %s %s\n", u.ID, u.Email, u.Role, u.Lang, u.TOTPEnabled, u.Disabled,
			u.CreatedAt.Format(time.RFC3339Nano), u.UpdatedAt.Format(time.RFC3339Nano))
	}
	for _, e := range events {
		actor := "-"
		if e.ActorID != nil {
			actor = fmt.Sprint(*e.ActorID)
		}
		fmt.Fprintf(&b, "audit %d %s %s %s %q %q\n", e.ID, e.At.Format(time.RFC3339Nano), actor, e.Action, e.Target, e.Detail)
	}
	return b.String()
}

// rawDB opens dsn with database/sql alone, to look at rows the services do not expose.
func rawDB(tb testing.TB, dsn string) *sql.DB {
	tb.Helper()
	driver := "sqlite"
	if sqlstore.DialectOf(dsn) == sqlstore.Postgres {
		driver = "pgx"
	}
	c, err := sql.Open(driver, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { c.Close() })
	return c
}

func ids(tb testing.TB, dsn, table string) map[int64]bool {
	tb.Helper()
	rows, err := rawDB(tb, dsn).Query(`SELECT id FROM ` + table)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	got := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			tb.Fatal(err)
		}
		got[id] = true
	}
	return got
}

func exec(tb testing.TB, dsn, query string) {
	tb.Helper()
	if _, err := rawDB(tb, dsn).Exec(query); err != nil {
		tb.Fatal(err)
	}
}

func mustIntegrity(tb testing.TB, path string) {
	tb.Helper()
	var res string
	if err := rawDB(tb, path).QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		tb.Fatalf("integrity_check = %q, %v", res, err)
	}
}

// mustBeUntouched checks a failed restore left a fresh target as it was: no
// SQLite file or temp file, no PostgreSQL table.
func mustBeUntouched(tb testing.TB, dsn string) {
	tb.Helper()
	if sqlstore.DialectOf(dsn) == sqlstore.SQLite {
		if left, _ := os.ReadDir(filepath.Dir(dsn)); len(left) != 0 {
			tb.Fatalf("failed restore left %v", left)
		}
		return
	}
	var n int
	if err := rawDB(tb, dsn).QueryRow(`SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&n); err != nil || n != 0 {
		tb.Fatalf("failed restore left %d tables (%v)", n, err)
	}
}

func mustOpen(tb testing.TB, dsn string) *sqlstore.DB {
	tb.Helper()
	db, err := sqlstore.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("open restored database: %v", err)
	}
	db.Hasher = auth.Hasher{P: auth.TestParams}
	tb.Cleanup(func() { db.Close() })
	return db
}

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
