package vault

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/sealed"
)

var (
	admin = Actor{User: &hitori.User{ID: 1, Email: "admin@example.jp", Role: hitori.RoleAdmin}, Remote: "192.0.2.1"}
	tech  = Actor{User: &hitori.User{ID: 2, Email: "tech@example.jp", Role: hitori.RoleTechnician}, Remote: "192.0.2.2"}
	other = Actor{User: &hitori.User{ID: 3, Email: "other@example.jp", Role: hitori.RoleTechnician}, Remote: "192.0.2.3"}
)

func newTestService(t *testing.T) (*Service, *memStore, string) {
	t.Helper()
	st := newMemStore()
	dir := filepath.Join(t.TempDir(), "keys")
	s := New(st, sealed.New(dir))
	s.KDF = TestKDF
	return s, st, dir
}

func ptr(s string) *string { return &s }

func mustCreate(t *testing.T, s *Service, a Actor, system, password string) string {
	t.Helper()
	id, err := s.Create(context.Background(), a, EntryInput{System: system, Username: "root", Password: ptr(password),
		Notes: ptr("notes of " + system), TOTP: ptr("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")}) // RFC 6238 test secret
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestCreateRevealAudited(t *testing.T) {
	ctx := context.Background()
	s, st, _ := newTestService(t)
	s.Now = func() time.Time { return time.Unix(59, 0) }
	id := mustCreate(t, s, admin, "UTM", "s3cret-UTM")
	e := st.entries[id]
	for _, ct := range []string{e.Password, e.Notes, e.TOTP, e.DataKey} {
		if strings.Contains(ct, "s3cret") || strings.Contains(ct, "GEZDGNBV") || !strings.HasPrefix(ct, "v1:") {
			t.Fatalf("stored %q", ct)
		}
	}
	sec, err := s.Reveal(ctx, admin, id, hitori.VaultAuditCopy)
	if err != nil || sec.Password != "s3cret-UTM" || sec.Notes != "notes of UTM" || sec.TOTPCode != "287082" {
		t.Fatalf("reveal: %+v, %v", sec, err)
	}
	last := st.audit[len(st.audit)-1]
	if last.Action != hitori.VaultAuditCopy || last.EntryID != id || last.Actor != "admin@example.jp" || last.Remote != "192.0.2.1" {
		t.Fatalf("audit: %+v", last)
	}

	// Sharing: a technician sees nothing until the entry is shared with them or their role.
	if _, err := s.Reveal(ctx, tech, id, ""); hitori.ErrorCode(err) != hitori.ENOTFOUND {
		t.Fatalf("unshared reveal: %v", err)
	}
	if err := s.Update(ctx, admin, id, EntryInput{System: "UTM", Grants: []hitori.VaultGrant{{UserID: 2}}}); err != nil {
		t.Fatal(err)
	}
	if sec, err := s.Reveal(ctx, tech, id, ""); err != nil || sec.Password != "s3cret-UTM" {
		t.Fatalf("shared reveal: %v", err)
	}
	if list, _ := s.List(ctx, other); len(list) != 0 {
		t.Fatalf("other sees %d", len(list))
	}
	if err := s.Update(ctx, admin, id, EntryInput{System: "UTM", Grants: []hitori.VaultGrant{{Role: hitori.RoleTechnician}}}); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.List(ctx, other); len(list) != 1 {
		t.Fatalf("role share: other sees %d", len(list))
	}
	if _, err := s.Create(ctx, tech, EntryInput{System: "x"}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("technician creates: %v", err)
	}
	if n, brk, err := s.VerifyAudit(ctx); err != nil || brk != nil || n != int64(len(st.audit)) {
		t.Fatalf("verify: %d %v %v", n, brk, err)
	}
}

func TestTamperDetected(t *testing.T) {
	ctx := context.Background()
	s, st, _ := newTestService(t)
	a := mustCreate(t, s, admin, "NAS", "pw-a")
	b := mustCreate(t, s, admin, "M365", "pw-b")
	orig := *st.entries[a]
	tests := []struct {
		name   string
		tamper func(e *hitori.VaultEntry)
	}{
		{"password flipped", func(e *hitori.VaultEntry) { e.Password = flip(e.Password) }},
		{"notes flipped", func(e *hitori.VaultEntry) { e.Notes = flip(e.Notes) }},
		{"totp flipped", func(e *hitori.VaultEntry) { e.TOTP = flip(e.TOTP) }},
		{"data key flipped", func(e *hitori.VaultEntry) { e.DataKey = flip(e.DataKey) }},
		{"password from another entry", func(e *hitori.VaultEntry) { e.Password = st.entries[b].Password }},
		{"data key from another entry", func(e *hitori.VaultEntry) { e.DataKey = st.entries[b].DataKey }},
		{"notes moved into password", func(e *hitori.VaultEntry) { e.Password = e.Notes }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := orig
			tt.tamper(&c)
			st.entries[a] = &c
			if sec, err := s.Reveal(ctx, admin, a, ""); err == nil {
				t.Fatalf("revealed %+v", sec)
			}
		})
	}
	st.entries[a] = &orig

	// The audit log: an edited, removed or reordered record is named.
	n := len(st.audit)
	audits := append([]*hitori.VaultAuditRecord(nil), st.audit...)
	edits := []struct {
		name string
		do   func()
		want int64
	}{
		{"edited detail", func() { c := *st.audit[1]; c.Detail = "nothing"; st.audit[1] = &c }, 2},
		{"edited actor", func() { c := *st.audit[2]; c.Actor = "someone"; st.audit[2] = &c }, 3},
		{"removed", func() { st.audit = append(st.audit[:1:1], st.audit[2:]...) }, 2},
		{"rehashed but not relinked", func() {
			c := *st.audit[1]
			c.Detail = "x"
			c.Hash = c.ComputeHash(c.PrevHash)
			st.audit[1] = &c
		}, 3},
	}
	for _, tt := range edits {
		t.Run(tt.name, func(t *testing.T) {
			st.audit = append([]*hitori.VaultAuditRecord(nil), audits...)
			tt.do()
			_, brk, err := s.VerifyAudit(ctx)
			if err != nil || brk == nil || brk.Seq != tt.want {
				t.Fatalf("break %v (%v), want at %d of %d", brk, err, tt.want, n)
			}
		})
	}
}

func flip(s string) string {
	b := []byte(s)
	i := len(b) - 5
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	return string(b)
}

func TestPassphraseMode(t *testing.T) {
	ctx := context.Background()
	s, st, dir := newTestService(t)
	id := mustCreate(t, s, admin, "Wi-Fi", "wifi-pass")
	if err := s.SetPassphrase(ctx, admin, "short"); err == nil {
		t.Fatal("short passphrase accepted")
	}
	if err := s.SetPassphrase(ctx, admin, "長いパスフレーズです十二文字"); err != nil {
		t.Fatal(err)
	}
	// A restart: a new service over the same store is locked, key file or not.
	s2 := New(st, sealed.New(dir))
	if _, err := s2.Reveal(ctx, admin, id, ""); !errors.Is(err, ErrLocked) {
		t.Fatalf("after restart: %v", err)
	}
	if err := s2.Unlock(ctx, admin, "wrong passphrase!!"); !errors.Is(err, ErrBadPass) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if err := s2.Unlock(ctx, admin, "長いパスフレーズです十二文字"); err != nil {
		t.Fatal(err)
	}
	if sec, err := s2.Reveal(ctx, admin, id, ""); err != nil || sec.Password != "wifi-pass" {
		t.Fatalf("after unlock: %v", err)
	}
	if err := s2.UseKeyFile(ctx, admin); err != nil {
		t.Fatal(err)
	}
	if sec, err := New(st, sealed.New(dir)).Reveal(ctx, admin, id, ""); err != nil || sec.Password != "wifi-pass" {
		t.Fatalf("back to key file: %v", err)
	}
}

func TestSplitRecoverRekey(t *testing.T) {
	ctx := context.Background()
	s, st, _ := newTestService(t)
	ids := []string{mustCreate(t, s, admin, "A", "pa"), mustCreate(t, s, admin, "B", "pb")}
	if err := s.AddFile(ctx, admin, ids[0], "recovery-codes.txt", []byte("1111-2222")); err != nil {
		t.Fatal(err)
	}
	shares, err := s.Split(ctx, admin, 5, 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetPassphrase(ctx, admin, "nobody remembers this"); err != nil {
		t.Fatal(err)
	}
	// Everyone is gone: a fresh process, no passphrase, only shares.
	s2 := New(st, nil)
	if err := s2.Recover(ctx, CLI, shares[:2]); err == nil {
		t.Fatal("K−1 shares recovered")
	}
	s2.KeyFile = s.KeyFile
	if err := s2.Recover(ctx, CLI, []Share{shares[4], shares[1], shares[2]}); err != nil {
		t.Fatal(err)
	}
	m, _ := st.FindVaultMeta(ctx)
	if m.Generation != 2 || m.Mode != hitori.VaultKeyFile || len(st.jobs) != 1 || st.jobs[0].Kind != JobAlert {
		t.Fatalf("after recovery: %+v, jobs %v", m, st.jobs)
	}
	for _, id := range ids {
		if sec, err := s2.Reveal(ctx, CLI, id, ""); err != nil || !strings.HasPrefix(sec.Password, "p") {
			t.Fatalf("after re-key %s: %v", id, err)
		}
	}
	if _, data, err := s2.OpenFile(ctx, CLI, ids[0], st.entries[ids[0]].Files[0].ID); err != nil || string(data) != "1111-2222" {
		t.Fatalf("file after re-key: %q %v", data, err)
	}
	err = s2.Recover(ctx, CLI, shares[:3])
	if err == nil || !strings.Contains(err.Error(), "generation 1") {
		t.Fatalf("old kit: %v", err)
	}
	if _, brk, _ := s2.VerifyAudit(ctx); brk != nil {
		t.Fatal(brk)
	}
	actions := map[string]bool{}
	for _, r := range st.audit {
		actions[r.Action] = true
	}
	for _, want := range []string{hitori.VaultAuditSplit, hitori.VaultAuditRecover, hitori.VaultAuditRecFail} {
		if !actions[want] {
			t.Errorf("no %s in the audit log", want)
		}
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newTestService(t)
	due := time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)
	id, err := s.Create(ctx, admin, EntryInput{System: "会計SaaS", URL: "https://example.jp", Username: "keiri",
		Password: ptr("pä55wörd"), Notes: ptr("メモ"), RotateBy: &due, Grants: []hitori.VaultGrant{{Role: hitori.RoleTechnician}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddFile(ctx, admin, id, "codes.txt", []byte("abc")); err != nil {
		t.Fatal(err)
	}
	file, err := s.Export(ctx, admin, "export passphrase 1")
	if err != nil {
		t.Fatal(err)
	}
	for _, plain := range []string{"pä55wörd", "メモ", "keiri", "会計", "abc"} {
		if strings.Contains(string(file), plain) {
			t.Fatalf("export holds %q in plaintext", plain)
		}
	}
	dst, _, _ := newTestService(t)
	if _, err := dst.Import(ctx, admin, file, "wrong passphrase 1"); !errors.Is(err, ErrBadPass) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if _, err := dst.Import(ctx, admin, []byte(`{"format":"x"}`), "export passphrase 1"); !errors.Is(err, ErrExportFile) {
		t.Fatalf("not an export: %v", err)
	}
	n, err := dst.Import(ctx, admin, file, "export passphrase 1")
	if err != nil || n != 1 {
		t.Fatalf("import: %d %v", n, err)
	}
	list, _ := dst.List(ctx, admin)
	sec, err := dst.Reveal(ctx, admin, list[0].ID, "")
	if err != nil || sec.Password != "pä55wörd" || sec.Notes != "メモ" || sec.URL != "https://example.jp" ||
		!list[0].RotateBy.Equal(due) || len(list[0].Grants) != 1 || len(list[0].Files) != 1 {
		t.Fatalf("round trip: %+v %+v %v", sec, list[0], err)
	}
	if _, data, _ := dst.OpenFile(ctx, admin, list[0].ID, list[0].Files[0].ID); string(data) != "abc" {
		t.Fatalf("file: %q", data)
	}
}

func TestRotationReminder(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newTestService(t)
	past, future := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }
	for _, d := range []*time.Time{&past, &future, nil} {
		if _, err := s.Create(ctx, admin, EntryInput{System: "sys", Username: "u", Password: ptr("NEVER-IN-MAIL"), RotateBy: d}); err != nil {
			t.Fatal(err)
		}
	}
	var subject, body string
	err := s.RotationHandler(func(_ context.Context, sub, b string) error { subject, body = sub, b; return nil })(ctx, &hitori.Job{})
	if err != nil || !strings.Contains(subject, "1 件") || !strings.Contains(body, "2026-01-01") || strings.Contains(body, "NEVER") {
		t.Fatalf("reminder: %q %q %v", subject, body, err)
	}
}
