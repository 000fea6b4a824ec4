package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"hitori"
	"hitori/sqlstore"
)

func cmdBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("backup", "hitori backup [--data DIR] [--db URL] FILE\n\nWrites a consistent snapshot while the server keeps running:\na SQLite database file, or a compressed logical dump for PostgreSQL.", stdout)
	var d dataFlags
	d.register(fs)
	if err := parse(fs, args); err != nil {
		return helpOK(err)
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "Usage: hitori backup [--data DIR] [--db URL] FILE")
		return errUsage
	}
	db, err := d.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	if err := db.Backup(ctx, fs.Arg(0)); err != nil {
		return err
	}
	st, err := os.Stat(fs.Arg(0))
	if err != nil {
		return err
	}
	_ = db.RecordAudit(ctx, &hitori.AuditEvent{ActorEmail: "cli", Action: hitori.AuditBackup, Target: fs.Arg(0), Detail: fmt.Sprintf("%d bytes", st.Size())})
	fmt.Fprintf(stdout, "backup written to %s (%d bytes, %s)\n", fs.Arg(0), st.Size(), time.Since(start).Round(time.Millisecond))
	return nil
}

func cmdRestore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("restore", "hitori restore [--data DIR] [--db URL] FILE\n\nLoads a backup into an empty data folder or empty PostgreSQL database.\nIt never overwrites existing data.", stdout)
	var d dataFlags
	d.register(fs)
	if err := parse(fs, args); err != nil {
		return helpOK(err)
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "Usage: hitori restore [--data DIR] [--db URL] FILE")
		return errUsage
	}
	if d.db == "" {
		if err := os.MkdirAll(d.data, 0o700); err != nil {
			return err
		}
	}
	counts, err := sqlstore.Restore(ctx, fs.Arg(0), d.dsn())
	if err != nil {
		return err
	}
	tables := make([]string, 0, len(counts))
	for t := range counts {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	for _, t := range tables {
		fmt.Fprintf(stdout, "%s\t%d rows\n", t, counts[t])
	}
	fmt.Fprintf(stdout, "restored %s into %s\n", fs.Arg(0), sqlstore.Redact(d.dsn()))
	return nil
}
