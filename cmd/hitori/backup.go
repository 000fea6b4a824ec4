package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"time"

	"golang.org/x/term"

	"hitori"
	"hitori/backup"
	"hitori/sqlstore"
)

func cmdBackup(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("backup", "hitori backup [--data DIR] [--db URL] [--include-keys] [--encrypt] FILE\n\n"+
		"Writes the whole installation to a new archive while the server keeps running:\n"+
		"the database snapshot and every stored file. It never overwrites FILE.\n"+
		"Key files are only included with --include-keys, which encrypts the archive\n"+
		"with a passphrase (HITORI_BACKUP_PASSPHRASE, or asked on the terminal).", stdout)
	var d dataFlags
	d.register(fs)
	keys := fs.Bool("include-keys", false, "include the key files (DATA/keys); encrypts the archive")
	encrypt := fs.Bool("encrypt", false, "encrypt the archive with a passphrase")
	if err := parse(fs, args, 1); err != nil {
		return helpOK(err)
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "Usage: hitori backup [--data DIR] [--db URL] [--include-keys] [--encrypt] FILE")
		return errUsage
	}
	path := fs.Arg(0)
	if _, err := os.Lstat(path); err == nil {
		return hitori.Errorf(hitori.ECONFLICT, "%s already exists: hitori backup never overwrites a file, choose a new name", path)
	}
	opt := backup.Options{DataDir: d.data, Version: hitori.Version, IncludeKeys: *keys,
		Warn: func(msg string) { fmt.Fprintln(stderr, "hitori: warning:", msg) }}
	if *keys || *encrypt {
		pass, err := readPassphrase(stdin, stderr, true)
		if err != nil {
			return err
		}
		opt.Passphrase = pass
	}
	db, err := d.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	opt.Dialect = db.Dialect
	start := time.Now()
	m, err := backup.Write(ctx, db, path, opt)
	if err != nil {
		return err
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	_ = db.Audit().RecordAudit(ctx, &hitori.AuditEvent{ActorEmail: hitori.ActorCLI, Action: hitori.AuditBackup, Target: path,
		Detail: hitori.AuditCode(hitori.DetailBackup, strconv.FormatInt(st.Size(), 10), strconv.Itoa(len(m.Files)-1))})
	fmt.Fprintf(stdout, "backup written to %s (%d bytes, %d stored files, %s)\n", path, st.Size(), len(m.Files)-1, time.Since(start).Round(time.Millisecond))
	return nil
}

func cmdRestore(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("restore", "hitori restore [--data DIR] [--db URL] FILE\n\n"+
		"Loads a backup into an empty data folder (and an empty PostgreSQL database with --db).\n"+
		"It never overwrites existing data. An encrypted backup asks for its passphrase\n"+
		"(HITORI_BACKUP_PASSPHRASE, or on the terminal).", stdout)
	var d dataFlags
	d.register(fs)
	if err := parse(fs, args, 1); err != nil {
		return helpOK(err)
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "Usage: hitori restore [--data DIR] [--db URL] FILE")
		return errUsage
	}
	if err := checkDB(d.db); err != nil {
		return err
	}
	res, err := backup.Restore(ctx, fs.Arg(0), backup.RestoreOptions{DataDir: d.data, DSN: d.dsn(), RestoreDB: sqlstore.Restore,
		Passphrase: func() ([]byte, error) { return readPassphrase(stdin, stderr, false) }})
	if err != nil {
		return err
	}
	tables := make([]string, 0, len(res.Rows))
	for t := range res.Rows {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	for _, t := range tables {
		fmt.Fprintf(stdout, "%s\t%d rows\n", t, res.Rows[t])
	}
	if res.Manifest != nil {
		fmt.Fprintf(stdout, "stored files\t%d\n", res.Files)
	}
	fmt.Fprintf(stdout, "restored %s into %s\n", fs.Arg(0), sqlstore.Redact(d.dsn()))
	return nil
}

// readPassphrase takes HITORI_BACKUP_PASSPHRASE, or asks on the terminal
// (twice for a new backup).
func readPassphrase(stdin io.Reader, stderr io.Writer, confirm bool) ([]byte, error) {
	pass, err := askSecret(stdin, stderr, "HITORI_BACKUP_PASSPHRASE", "Backup passphrase", confirm)
	if err != nil {
		return nil, err
	}
	if confirm && len([]rune(string(pass))) < backup.MinPassphrase {
		return nil, hitori.Errorf(hitori.EINVALID, "the backup passphrase must be at least %d characters", backup.MinPassphrase)
	}
	return pass, nil
}

// askSecret takes the environment variable envName, or asks on the
// terminal (twice when confirm). It never reads a piped stdin: a script
// passes the environment variable instead.
func askSecret(stdin io.Reader, stderr io.Writer, envName, prompt string, confirm bool) ([]byte, error) {
	if pass := os.Getenv(envName); pass != "" {
		return []byte(pass), nil
	}
	f, ok := stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, hitori.Errorf(hitori.EINVALID, "a passphrase is needed: set %s or run on a terminal", envName)
	}
	fmt.Fprint(stderr, prompt+": ")
	p, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(stderr)
	if err != nil {
		return nil, err
	}
	if confirm {
		fmt.Fprint(stderr, "Again: ")
		again, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return nil, err
		}
		if string(again) != string(p) {
			return nil, hitori.Errorf(hitori.EINVALID, "the passphrases do not match")
		}
	}
	return p, nil
}
