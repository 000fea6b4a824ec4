package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/vault"
)

func vaultSplit(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var n, k *int
	var out, holders *string
	db, s, _, err := vaultCommand{name: "split", unlock: true, synopsis: "hitori vault split --shares N --threshold K --out DIR [--holders A,B,…] [--data DIR] [--db URL]\n\n" +
		"Cuts the vault key into N shares of which any K open the vault (Shamir's secret sharing) and writes,\n" +
		"per holder, share-I.txt and kit-I.html (a printable sheet with a QR code and the recovery steps).\n" +
		"Hand each holder their two files (or the printed sheet) and delete DIR afterwards."}.open(ctx, args, stdin, stdout, stderr,
		func(fs *flag.FlagSet) {
			n = fs.Int("shares", 0, "number of shares (holders), 2–255")
			k = fs.Int("threshold", 0, "shares needed to open the vault, 2–N")
			out = fs.String("out", "", "folder to write the kit into (created; must be empty)")
			holders = fs.String("holders", "", "comma-separated holder names, in order (e.g. 社長,監査役,外部ベンダー)")
		})
	if err != nil {
		return helpOK(err)
	}
	defer db.Close()
	if *n == 0 || *k == 0 || *out == "" {
		return usageError("vault split: --shares, --threshold and --out are required")
	}
	names := splitHolders(*holders, *n)
	if err := emptyFolder(*out); err != nil {
		return err
	}
	shares, err := s.Split(ctx, vault.CLI, *n, *k)
	if err != nil {
		return err
	}
	now := time.Now()
	for i, sh := range shares {
		file, err := sh.ShareFile(names[i])
		if err != nil {
			return err
		}
		kit, err := vault.Kit(sh, names[i], now)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(*out, fmt.Sprintf("share-%d.txt", i+1)), file, 0o600); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(*out, fmt.Sprintf("kit-%d.html", i+1)), kit, 0o600); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "wrote %d shares (any %d open the vault) to %s\nhand share-I.txt and kit-I.html to holder I, then delete the folder\n", *n, *k, *out)
	return nil
}

// splitHolders names n holders: the given names, then "保管者 I".
func splitHolders(list string, n int) []string {
	var names []string
	for _, s := range strings.Split(list, ",") {
		if s = strings.TrimSpace(s); s != "" {
			names = append(names, s)
		}
	}
	for i := len(names); i < n; i++ {
		names = append(names, fmt.Sprintf("保管者 %d", i+1))
	}
	return names[:n]
}

// emptyFolder creates dir, or accepts it when empty: a kit never mixes with old files.
func emptyFolder(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return hitori.Errorf(hitori.EINVALID, "%s is not empty: give an empty or new folder", dir)
	}
	return nil
}

func vaultRecover(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var newAdmin *string
	db, s, files, err := vaultCommand{name: "recover", max: anyArgs, existing: true, synopsis: "hitori vault recover [--new-admin EMAIL] [--data DIR] [--db URL] SHARE_FILE…\n\n" +
		"Opens the vault with the threshold number of emergency share files, even when no administrator is left\n" +
		"and nobody knows the passphrase, then re-keys it (old kits become void) and alerts every administrator.\n" +
		"When no active administrator is left, --new-admin is required: that account is created and its\n" +
		"temporary password printed. Exits 0 when the shares opened the vault."}.open(ctx, args, nil, stdout, stderr,
		func(fs *flag.FlagSet) {
			newAdmin = fs.String("new-admin", "", "e-mail address of the new administrator account to create")
		})
	if err != nil {
		return helpOK(err)
	}
	defer db.Close()
	if len(files) == 0 {
		return usageError("vault recover: give the share files")
	}
	admins, err := activeAdmins(ctx, db)
	if err != nil {
		return err
	}
	if admins == 0 && *newAdmin == "" {
		return usageError("vault recover: no active administrator is left: pass --new-admin EMAIL to create one")
	}
	shares := make([]vault.Share, 0, len(files))
	for _, f := range files {
		sh, err := readShareFile(f)
		if err != nil {
			return err
		}
		shares = append(shares, sh)
	}
	if err := s.Recover(ctx, vault.CLI, shares); err != nil {
		var se *vault.ShareError
		if errors.As(err, &se) {
			return hitori.Errorf(hitori.EINVALID, "the shares do not open the vault: %s", se.Reason)
		}
		return err
	}
	fmt.Fprintln(stdout, "the shares opened the vault; it was re-keyed (the kit used is now void) and every administrator is alerted")
	if *newAdmin != "" {
		pass := vault.Generate(vault.GenerateOptions{Length: 20})
		u := &hitori.User{Email: *newAdmin, Name: *newAdmin, Role: hitori.RoleAdmin}
		if err := db.Users().CreateUser(ctx, u, pass); err != nil {
			return fmt.Errorf("the vault is recovered, but the new administrator could not be created: %w", err)
		}
		_ = s.Store.AppendVaultAudit(ctx, vault.CLI.Record(hitori.VaultAuditNewAdmin, "new administrator "+u.Email), nil)
		_ = db.Audit().RecordAudit(ctx, &hitori.AuditEvent{ActorEmail: hitori.ActorCLI, Action: hitori.AuditUserCreate, Target: u.Email, Detail: "vault recovery"})
		fmt.Fprintf(stdout, "new administrator\t%s\ntemporary password\t%s\n", u.Email, pass)
	}
	fmt.Fprintln(stdout, "next:\n  1. sign in as the new administrator and change the password\n"+
		"  2. issue a new emergency kit (hitori vault split) and hand it out\n"+
		"  3. optionally protect the vault with a passphrase again (hitori vault init)\n"+
		"  4. rotate the credentials the departed administrator knew")
	return nil
}

func readShareFile(path string) (vault.Share, error) {
	f, err := os.Open(path)
	if err != nil {
		return vault.Share{}, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, vault.MaxShareFile+1))
	if err != nil {
		return vault.Share{}, err
	}
	sh, err := vault.ParseShareFile(b)
	if err != nil {
		return vault.Share{}, hitori.Errorf(hitori.EINVALID, "%s: %v", path, err)
	}
	return sh, nil
}

// activeAdmins counts administrators who can still sign in.
func activeAdmins(ctx context.Context, db *sqlstore.DB) (int, error) {
	users, _, err := db.Users().FindUsers(ctx, hitori.UserFilter{Role: hitori.RoleAdmin, Limit: 1000})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, u := range users {
		if !u.Disabled {
			n++
		}
	}
	return n, nil
}

func vaultExport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var out *string
	db, s, _, err := vaultCommand{name: "export", unlock: true, existing: true, synopsis: "hitori vault export --out FILE [--data DIR] [--db URL]\n\n" +
		"Writes every entry (secrets included) into FILE, encrypted with a passphrase of at least 12 characters\n" +
		"(asked twice, or HITORI_VAULT_EXPORT_PASSPHRASE); hitori vault import reads it back."}.open(ctx, args, stdin, stdout, stderr,
		func(fs *flag.FlagSet) { out = fs.String("out", "", "file to write") })
	if err != nil {
		return helpOK(err)
	}
	defer db.Close()
	if *out == "" {
		return usageError("vault export: --out FILE is required")
	}
	pass, err := askSecret(stdin, stderr, "HITORI_VAULT_EXPORT_PASSPHRASE", "Export passphrase", true)
	if err != nil {
		return err
	}
	data, err := s.Export(ctx, vault.CLI, string(pass))
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, data, 0o600); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "exported the vault to %s\n", *out)
	return nil
}

func vaultImport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	db, s, files, err := vaultCommand{name: "import", max: 1, unlock: true, synopsis: "hitori vault import [--data DIR] [--db URL] FILE\n\n" +
		"Adds the entries of an export (hitori vault export) as new entries; asks for the export's passphrase\n" +
		"(or HITORI_VAULT_EXPORT_PASSPHRASE)."}.open(ctx, args, stdin, stdout, stderr, nil)
	if err != nil {
		return helpOK(err)
	}
	defer db.Close()
	if len(files) != 1 {
		return usageError("vault import: give the export file")
	}
	f, err := os.Open(files[0])
	if err != nil {
		return err
	}
	data, err := io.ReadAll(io.LimitReader(f, vault.MaxExport+1))
	f.Close()
	if err != nil {
		return err
	}
	pass, err := askSecret(stdin, stderr, "HITORI_VAULT_EXPORT_PASSPHRASE", "Export passphrase", false)
	if err != nil {
		return err
	}
	n, err := s.Import(ctx, vault.CLI, data, string(pass))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported %d entries\n", n)
	return nil
}
