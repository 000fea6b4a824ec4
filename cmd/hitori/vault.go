package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"hitori"
	"hitori/sealed"
	"hitori/sqlstore"
	"hitori/vault"
)

const vaultUsage = `Usage: hitori vault COMMAND [--data DIR] [--db URL] …

Commands:
  status                                   how the vault key is protected, whether a kit was issued
  init                                     protect the vault key with an administrator passphrase
                                           (asked twice, or HITORI_VAULT_PASSPHRASE); --keyfile switches back
  split --shares N --threshold K --out DIR [--holders A,B,…]
                                           write an emergency kit: one share file and one printable sheet per holder
  recover [--new-admin EMAIL] SHARE_FILE…  open the vault with K share files, re-key it, create a new administrator
  rekey                                    new vault key, every data key re-wrapped, old kits void
  audit-verify                             check the hash chain of the vault's audit log
  export --out FILE                        every entry, encrypted with a passphrase (HITORI_VAULT_EXPORT_PASSPHRASE)
  import FILE                              read an export back (same passphrase)

A passphrase-protected vault asks for its passphrase (or HITORI_VAULT_PASSPHRASE).
See docs/vault.md.
`

func cmdVault(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, vaultUsage)
		return errUsage
	}
	switch args[0] {
	case "--help", "-h", "help":
		fmt.Fprint(stdout, vaultUsage)
		return nil
	case "status":
		return vaultStatus(ctx, args[1:], stdout)
	case "init":
		return vaultInit(ctx, args[1:], stdin, stdout, stderr)
	case "split":
		return vaultSplit(ctx, args[1:], stdin, stdout, stderr)
	case "recover":
		return vaultRecover(ctx, args[1:], stdout, stderr)
	case "rekey":
		return vaultRekey(ctx, args[1:], stdin, stdout, stderr)
	case "audit-verify":
		return vaultAuditVerify(ctx, args[1:], stdout)
	case "export":
		return vaultExport(ctx, args[1:], stdin, stdout, stderr)
	case "import":
		return vaultImport(ctx, args[1:], stdin, stdout, stderr)
	}
	fmt.Fprintf(stderr, "hitori vault: unknown command %q\n\n%s", args[0], vaultUsage)
	return errUsage
}

// vaultService builds the vault service over db with the data folder's key file.
func vaultService(db *sqlstore.DB, d dataFlags) *vault.Service {
	return vault.New(db.Vault(), sealed.New(filepath.Join(d.data, "keys")))
}

// unlockForCLI opens a passphrase-protected vault with the passphrase from
// HITORI_VAULT_PASSPHRASE or the terminal; a key-file vault needs nothing.
func unlockForCLI(ctx context.Context, s *vault.Service, stdin io.Reader, stderr io.Writer) error {
	st, err := s.Status(ctx)
	if err != nil || st.Unlocked {
		return err
	}
	pass, err := askSecret(stdin, stderr, "HITORI_VAULT_PASSPHRASE", "Vault passphrase", false)
	if err != nil {
		return err
	}
	return s.Unlock(ctx, vault.CLI, string(pass))
}

// vaultCommand parses flags, opens the data folder and the vault, and
// unlocks it when unlock is set.
type vaultCommand struct {
	name, synopsis string
	max            int
	existing       bool // read-only: a missing data folder is an error
	unlock         bool
}

func (c vaultCommand) open(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, flags func(*flag.FlagSet)) (*sqlstore.DB, *vault.Service, []string, error) {
	fs := newFlags("vault "+c.name, c.synopsis, stdout)
	var d dataFlags
	d.register(fs)
	if flags != nil {
		flags(fs)
	}
	if err := parse(fs, args, c.max); err != nil {
		return nil, nil, nil, err
	}
	var db *sqlstore.DB
	var err error
	if c.existing {
		db, err = d.openExisting(ctx)
	} else {
		db, err = d.open(ctx)
	}
	if err != nil {
		return nil, nil, nil, err
	}
	s := vaultService(db, d)
	if c.unlock {
		if err := unlockForCLI(ctx, s, stdin, stderr); err != nil {
			db.Close()
			return nil, nil, nil, err
		}
	}
	return db, s, fs.Args(), nil
}

func vaultStatus(ctx context.Context, args []string, stdout io.Writer) error {
	db, s, _, err := vaultCommand{name: "status", synopsis: "hitori vault status [--data DIR] [--db URL]", existing: true}.open(ctx, args, nil, stdout, stdout, nil)
	if err != nil {
		return helpOK(err)
	}
	defer db.Close()
	st, err := s.Status(ctx)
	if err != nil {
		return err
	}
	if !st.Exists {
		fmt.Fprintln(stdout, "vault\tnot created yet (created at first use, key-file mode)")
		return nil
	}
	kit := "never"
	if !st.KitIssued.IsZero() {
		kit = st.KitIssued.Format("2006-01-02 15:04 MST")
	}
	fmt.Fprintf(stdout, "vault\t%s\nmode\t%s\nemergency kit\t%s\n", st.VaultID, st.Mode, kit)
	return nil
}

func vaultInit(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var keyfile *bool
	db, s, _, err := vaultCommand{name: "init", unlock: true,
		synopsis: "hitori vault init [--keyfile] [--data DIR] [--db URL]\n\n" +
			"Protects the vault key with an administrator passphrase (at least 12 characters, asked twice, or\n" +
			"HITORI_VAULT_NEW_PASSPHRASE). After each restart the vault must then be unlocked on its page.\n" +
			"--keyfile switches back to the key file in DATA/keys (unattended restarts)."}.open(ctx, args, stdin, stdout, stderr,
		func(fs *flag.FlagSet) {
			keyfile = fs.Bool("keyfile", false, "protect the vault key with the key file again")
		})
	if err != nil {
		return helpOK(err)
	}
	defer db.Close()
	if *keyfile {
		if err := s.UseKeyFile(ctx, vault.CLI); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "the vault key is now protected by the key file in DATA/keys")
		return nil
	}
	pass, err := askSecret(stdin, stderr, "HITORI_VAULT_NEW_PASSPHRASE", "New vault passphrase", true)
	if err != nil {
		return err
	}
	if err := s.SetPassphrase(ctx, vault.CLI, string(pass)); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "the vault key is now protected by the passphrase; unlock the vault after every restart (Vault → Unlock)")
	return nil
}

func vaultRekey(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	db, s, _, err := vaultCommand{name: "rekey", unlock: true, synopsis: "hitori vault rekey [--data DIR] [--db URL]\n\n" +
		"Makes a new vault key and re-wraps every entry's data key; emergency kits issued before become void.\n" +
		"The new key is protected by the key file: run hitori vault init again for a passphrase."}.open(ctx, args, stdin, stdout, stderr, nil)
	if err != nil {
		return helpOK(err)
	}
	defer db.Close()
	if err := s.Rekey(ctx, vault.CLI); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "re-keyed: issue a new emergency kit (hitori vault split)")
	return nil
}

func vaultAuditVerify(ctx context.Context, args []string, stdout io.Writer) error {
	db, s, _, err := vaultCommand{name: "audit-verify", existing: true, synopsis: "hitori vault audit-verify [--data DIR] [--db URL]\n\n" +
		"Checks every record of the vault's audit log against the previous one's hash. Exits 1 naming the first broken record."}.open(ctx, args, nil, stdout, stdout, nil)
	if err != nil {
		return helpOK(err)
	}
	defer db.Close()
	n, brk, err := s.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if brk != nil {
		return hitori.Errorf(hitori.ECONFLICT, "%v (%d records before it are intact)", brk, n)
	}
	fmt.Fprintf(stdout, "vault audit log intact: %d records\n", n)
	return nil
}
