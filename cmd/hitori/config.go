package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"hitori"
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

// open opens (creating if need be) the data folder and the database.
func (d *dataFlags) open(ctx context.Context) (*sqlstore.DB, error) {
	if err := checkDB(d.db); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(d.data, 0o700); err != nil {
		return nil, fmt.Errorf("create data folder %s: %w", d.data, err)
	}
	return d.connect(ctx)
}

// openExisting opens the database for a command that only reads: a
// mistyped --data must say so, not leave an empty installation behind.
func (d *dataFlags) openExisting(ctx context.Context) (*sqlstore.DB, error) {
	if err := checkDB(d.db); err != nil {
		return nil, err
	}
	if sqlstore.DialectOf(d.dsn()) == sqlstore.SQLite {
		path := strings.TrimPrefix(d.dsn(), "sqlite://")
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			if d.db == "" {
				return nil, hitori.Errorf(hitori.ENOTFOUND, "no hitori data in %s (%s does not exist): pass --data DIR or set HITORI_DATA", d.data, path)
			}
			return nil, hitori.Errorf(hitori.ENOTFOUND, "the database %s does not exist", path)
		}
	}
	return d.connect(ctx)
}

func (d *dataFlags) connect(ctx context.Context) (*sqlstore.DB, error) {
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

// sqliteExts are the file endings a plain --db path must have: anything
// else (a mistyped URL, "mysql://…") would silently become a new SQLite file.
var sqliteExts = []string{".db", ".sqlite", ".sqlite3"}

// checkDB accepts an empty --db (SQLite in the data folder), a PostgreSQL
// URL, sqlite://PATH, or a path to a SQLite file; it refuses anything else.
func checkDB(v string) error {
	lower := strings.ToLower(v)
	switch {
	case v == "", strings.HasPrefix(v, "postgres://"), strings.HasPrefix(v, "postgresql://"):
		return nil
	case strings.HasPrefix(v, "sqlite://"):
		if strings.TrimPrefix(v, "sqlite://") != "" {
			return nil
		}
	case !strings.Contains(v, "://"):
		for _, ext := range sqliteExts {
			if strings.HasSuffix(lower, ext) {
				return nil
			}
		}
	}
	return hitori.Errorf(hitori.EINVALID, "--db %q is not a database hitori can open: use postgres://USER@HOST/DB (or postgresql://…), "+
		"sqlite://PATH, or a SQLite file path ending in .db, .sqlite or .sqlite3; leave it empty for SQLite in the data folder", v)
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

// anyArgs lets parse accept any number of positional arguments.
const anyArgs = -1

// parse parses args with flags allowed anywhere among the positional
// arguments (the flag package stops at the first one, so "serve extra
// --addr X" silently served on the default port), and refuses more than max
// positional arguments. --help is not an error. Everything after "--" is
// positional.
func parse(fs *flag.FlagSet, args []string, max int) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return errHelp
			}
			return errUsage
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
	// Parsing "--" and the positionals leaves the flags as set and makes
	// fs.Args() the positional arguments.
	_ = fs.Parse(append([]string{"--"}, pos...))
	if max != anyArgs && len(pos) > max {
		return usageError(fmt.Sprintf("%s: unexpected argument %q (see hitori %s --help)", fs.Name(), pos[max], fs.Name()))
	}
	return nil
}

// usageError is a command-line mistake: run prints it and exits 2.
type usageError string

func (e usageError) Error() string        { return string(e) }
func (e usageError) Is(target error) bool { return target == errUsage }

var errHelp = fmt.Errorf("help")

// helpOK turns --help into success; other parse errors stay usage errors.
func helpOK(err error) error {
	if err == errHelp {
		return nil
	}
	return err
}
