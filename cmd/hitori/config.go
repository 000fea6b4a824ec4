package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"hitori/auth"
	"hitori/sealed"
	"hitori/sqlstore"
)

// dataFlags are the flags every command that works on a data folder shares.
type dataFlags struct {
	data string
	db   string
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// register adds --data and --db to fs, defaulting from the environment.
func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.data, "data", env("HITORI_DATA", "hitori-data"), "data folder (SQLite database, attachments, keys) [HITORI_DATA]")
	fs.StringVar(&d.db, "db", env("HITORI_DB", ""), "database: empty for SQLite in the data folder, or postgres://user@host/db [HITORI_DB]")
}

// dsn is the database to open: --db, or the SQLite file in the data folder.
func (d *dataFlags) dsn() string {
	if d.db != "" {
		return d.db
	}
	return filepath.Join(d.data, "hitori.db")
}

func (d *dataFlags) open(ctx context.Context) (*sqlstore.DB, error) {
	if err := os.MkdirAll(d.data, 0o700); err != nil {
		return nil, fmt.Errorf("create data folder %s: %w", d.data, err)
	}
	db, err := sqlstore.Open(ctx, d.dsn())
	if err != nil {
		return nil, err
	}
	db.Hasher, db.TOTP = auth.Hasher{P: auth.DefaultParams}, auth.TOTP{}
	// Secrets at rest are sealed with a key in DATA/keys: outside the
	// database, and outside backups unless --include-keys.
	db.Sealer = sealed.New(filepath.Join(d.data, "keys"))
	if _, err := db.SealTOTPSecrets(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// newFlags builds a flag set whose --help prints the command's usage to stdout.
func newFlags(name, synopsis string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args; --help is not an error.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return errHelp
		}
		return errUsage
	}
	return nil
}

var errHelp = fmt.Errorf("help")

// helpOK turns --help into success; other parse errors stay usage errors.
func helpOK(err error) error {
	if err == errHelp {
		return nil
	}
	return err
}
