package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"hitori"
	"hitori/kb"
	"hitori/search"
)

const kbUsage = `Usage:
  hitori kb import [--data DIR] [--db URL] SRC_DIR    create or update articles from Markdown files with front matter
  hitori kb export [--data DIR] [--db URL] DST_DIR    write every article back in the same format
  hitori kb eval   [--data DIR] [--db URL] --queries FILE [--check]
                                                     top-1/top-3 accuracy and abstention on a query set
`

// kbSynopsis is each kb subcommand's usage line, arguments included.
var kbSynopsis = map[string]string{
	"import": "hitori kb import [--data DIR] [--db URL] SRC_DIR\n\nCreates or updates articles from the Markdown files (with front matter) in SRC_DIR.",
	"export": "hitori kb export [--data DIR] [--db URL] DST_DIR\n\nWrites every article to DST_DIR in the format kb import reads.",
	"eval":   "hitori kb eval [--data DIR] [--db URL] --queries FILE [--check]\n\nReports top-1/top-3 accuracy and abstention on a query set.",
}

func cmdKB(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, kbUsage)
		return errUsage
	}
	if args[0] == "--help" || args[0] == "-h" {
		fmt.Fprint(stdout, kbUsage)
		return nil
	}
	sub := args[0]
	synopsis, ok := kbSynopsis[sub]
	if !ok {
		fmt.Fprintf(stderr, "hitori: unknown kb command %q\n%s", sub, kbUsage)
		return errUsage
	}
	fs := newFlags("kb "+sub, synopsis, stdout)
	var d dataFlags
	d.register(fs)
	// Each subcommand registers only its own flags, so its --help lists them alone.
	var queries *string
	var check *bool
	nargs := 1
	if sub == "eval" {
		queries = fs.String("queries", "", "TSV of questions: query<TAB>expected_ids (comma-separated, or none)<TAB>note")
		check = fs.Bool("check", false, "exit 1 when a figure misses its target (top-3 ≥ 0.97, top-1 ≥ 0.90, abstention ≥ 0.75, wrong abstention < 0.10)")
		nargs = 0
	}
	if err := parse(fs, args[1:], nargs); err != nil {
		return helpOK(err)
	}
	if fs.NArg() != nargs {
		fmt.Fprintf(stderr, "Usage: %s\n", synopsis)
		return errUsage
	}
	if sub == "eval" && *queries == "" {
		fmt.Fprintln(stderr, "hitori: --queries is required")
		return errUsage
	}
	open := d.open
	if sub == "export" { // reading only: never create an empty database to export
		open = d.openExisting
	}
	db, err := open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := kb.New(db.Articles(), db.Articles())
	switch sub {
	case "import":
		rep, err := svc.ImportDir(ctx, fs.Arg(0), db.Users().FindUserByEmail)
		for _, e := range rep.Errors {
			fmt.Fprintln(stderr, e.Error())
		}
		if err != nil {
			return err
		}
		for _, w := range rep.Warnings {
			fmt.Fprintln(stderr, "warning: "+w.Error())
		}
		fmt.Fprintf(stdout, "imported %s: %d created, %d updated, %d unchanged\n", fs.Arg(0), rep.Created, rep.Updated, rep.Unchanged)
	case "export":
		n, err := svc.ExportDir(ctx, fs.Arg(0), db.Users().FindUserByID)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "exported %d articles to %s\n", n, fs.Arg(0))
	case "eval":
		return kbEval(ctx, svc, *queries, *check, stdout)
	}
	return nil
}

// Targets the evaluation must meet (issue: knowledge and self-service).
const (
	targetTop3      = 0.97
	targetTop1      = 0.90
	targetAbstain   = 0.75
	maxWrongAbstain = 0.10
)

func kbEval(ctx context.Context, svc *kb.Service, path string, check bool, stdout io.Writer) error {
	if err := svc.Load(ctx); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	qs, err := search.ReadQueriesTSV(f)
	if err != nil {
		return hitori.Errorf(hitori.EINVALID, "%s: %v", path, err)
	}
	r := search.Evaluate(svc.Index, qs)
	fmt.Fprintf(stdout, "articles indexed        %d\n", svc.Index.Len())
	fmt.Fprintf(stdout, "questions               %d answerable, %d unanswerable\n", r.Answerable, r.Unanswerable)
	fmt.Fprintf(stdout, "search top-1            %.3f  (target ≥ %.2f)\n", r.SearchTop1, targetTop1)
	fmt.Fprintf(stdout, "search top-3            %.3f  (target ≥ %.2f)\n", r.SearchTop3, targetTop3)
	fmt.Fprintf(stdout, "chat top-1              %.3f\n", r.ChatTop1)
	fmt.Fprintf(stdout, "chat top-3              %.3f\n", r.ChatTop3)
	fmt.Fprintf(stdout, "chat correct abstention %.3f  (target ≥ %.2f)\n", r.CorrectAbstention, targetAbstain)
	fmt.Fprintf(stdout, "chat wrong abstention   %.3f  (target < %.2f)\n", r.WrongAbstention, maxWrongAbstain)
	fmt.Fprintf(stdout, "chat wrong confident    %.3f  (%d of %d questions answered with confidence from a wrong article)\n", r.WrongConfident, r.WrongConfidentN, r.Answerable+r.Unanswerable)
	if !check {
		return nil
	}
	var missed []string
	if r.SearchTop3 < targetTop3 {
		missed = append(missed, "search top-3")
	}
	if r.SearchTop1 < targetTop1 {
		missed = append(missed, "search top-1")
	}
	if r.Unanswerable > 0 && r.CorrectAbstention < targetAbstain {
		missed = append(missed, "correct abstention")
	}
	if r.WrongAbstention >= maxWrongAbstain {
		missed = append(missed, "wrong abstention")
	}
	if len(missed) > 0 {
		return fmt.Errorf("below target: %s", strings.Join(missed, ", "))
	}
	return nil
}

func cmdSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("search", "hitori search [--data DIR] [--db URL] [--json] [--kind article|item|asset] [--limit N] QUERY", stdout)
	var d dataFlags
	d.register(fs)
	asJSON := fs.Bool("json", false, "print JSON like GET /api/v1/search")
	kind := fs.String("kind", "", "only this kind")
	limit := fs.Int("limit", 10, "maximum results")
	if err := parse(fs, args, anyArgs); err != nil {
		return helpOK(err)
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "Usage: hitori search [--json] QUERY")
		return errUsage
	}
	db, err := d.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := kb.New(db.Articles(), db.Articles())
	svc.Items = db.Items()
	if err := svc.Load(ctx); err != nil {
		return err
	}
	var kinds []string
	if *kind != "" {
		kinds = []string{*kind}
	}
	hits, err := svc.Search(ctx, strings.Join(fs.Args(), " "), kinds, *limit)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(kb.SearchResponse(hits))
	}
	for _, h := range hits {
		fmt.Fprintf(stdout, "%.3f\t%s\t%s\t%s\n", h.Score, h.Kind, h.ID, h.Title)
	}
	return nil
}
