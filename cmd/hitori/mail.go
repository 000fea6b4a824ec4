package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"hitori/app"
	"hitori/intake"
	"hitori/sqlstore"
)

const mailUsage = `Usage:
  hitori mail ingest  [--data DIR] [--db URL] [flags] FILE…   turn .eml files into items, one line per file:
                                                            FILE<TAB>created #N | appended #N | duplicate #N | ignored: REASON | error: MESSAGE
  hitori mail ignored [--data DIR] [--db URL] [--limit N]     list the latest ignored messages and why
`

func cmdMail(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, mailUsage)
		return errUsage
	}
	switch args[0] {
	case "ingest":
		return mailIngest(ctx, args[1:], stdout, stderr)
	case "ignored":
		return mailIgnored(ctx, args[1:], stdout, stderr)
	case "--help", "-h", "help":
		fmt.Fprint(stdout, mailUsage)
		return nil
	}
	fmt.Fprintf(stderr, "hitori: unknown mail command %q\n%s", args[0], mailUsage)
	return errUsage
}

// errSomeFailed makes the exit code 1 after every file had its line.
var errSomeFailed = errors.New("some files could not be ingested")

func mailIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("mail ingest", "hitori mail ingest [--data DIR] [--db URL] [flags] FILE…\n\n"+
		"Processes the files in the order given (a reply after the message it answers) and prints one line per file:\n"+
		"FILE<TAB>created #N, FILE<TAB>appended #N, FILE<TAB>ignored: REASON or FILE<TAB>error: MESSAGE.\n"+
		"A message already ingested (same Message-ID) prints FILE<TAB>duplicate #N, N the item it went to,\n"+
		"(or its ignored: REASON again) and changes nothing.\n"+
		"Exits 1 if any file failed.", stdout)
	var d dataFlags
	d.register(fs)
	tag := fs.String("tag", env("HITORI_MAIL_TAG", "HD"), "ticket tag prefix in subjects, as in [HD-1029] [HITORI_MAIL_TAG]")
	days := fs.Int("subject-days", 14, "thread a reply without threading headers by sender and subject into open items this many days old at most")
	own := fs.String("own", env("HITORI_MAIL_ADDRESS", ""), "the helpdesk's own address(es), comma-separated: mail from them is a loop [HITORI_MAIL_ADDRESS]")
	sync := fs.Bool("sync", false, "fsync every stored file before its commit (survives power loss; slower)")
	if err := parse(fs, args, anyArgs); err != nil {
		return helpOK(err)
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "Usage: hitori mail ingest [--data DIR] [--db URL] FILE…")
		return errUsage
	}
	db, err := d.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	var addrs []string
	for _, a := range strings.Split(*own, ",") {
		if a = strings.TrimSpace(a); a != "" {
			addrs = append(addrs, a)
		}
	}
	// The services serve builds, so ingested tickets get the same SLA
	// clocks (settings, calendar) as those the web and the poller open.
	// No mailer: a file run acknowledges nothing, as before.
	svc, err := app.Build(ctx, db.Stores(), app.Options{})
	if err != nil {
		return err
	}
	p := intake.New(intakeStore(db), intake.Options{DataDir: d.data, TagPrefix: *tag, SubjectWindow: time.Duration(*days) * 24 * time.Hour,
		OwnAddresses: addrs, XLoop: first(addrs), Sync: *sync, Work: svc.Work})
	failed := false
	err = p.IngestFiles(ctx, fs.Args(), func(r intake.FileResult) {
		if r.Err != nil {
			failed = true
			fmt.Fprintf(stdout, "%s\terror: %s\n", r.Path, oneLine(message(r.Err)))
			return
		}
		fmt.Fprintf(stdout, "%s\t%s\n", r.Path, r.Result)
	})
	if err != nil {
		return err
	}
	if failed {
		return errSomeFailed
	}
	return nil
}

func mailIgnored(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("mail ignored", "hitori mail ignored [--data DIR] [--db URL] [--limit N]", stdout)
	var d dataFlags
	d.register(fs)
	limit := fs.Int("limit", 50, "how many messages, newest first")
	if err := parse(fs, args, 0); err != nil {
		return helpOK(err)
	}
	db, err := d.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	rs, err := db.MailLog().FindReceivedMail(ctx, intake.Ignored, 0, *limit)
	if err != nil {
		return err
	}
	rows := [][]string{{"RECEIVED", "REASON", "FROM", "SUBJECT", "DETAIL"}}
	for _, r := range rs {
		rows = append(rows, []string{r.ReceivedAt.Local().Format("2006-01-02 15:04"), string(r.Reason), r.Sender,
			oneLine(r.Subject), oneLine(r.Detail)})
	}
	return writeColumns(stdout, rows)
}

// first returns the first element of s, or "".
func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// oneLine keeps a message on its output line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// intakeStore is mail intake's view of db: its item, settings, user and
// mail-log stores.
func intakeStore(db *sqlstore.DB) intake.Store {
	return intake.Parts{ItemService: db.Items(), SettingStore: db.Settings(), UserFinder: db.Users(), MailStore: db.MailLog()}
}
