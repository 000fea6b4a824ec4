package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"hitori"
	"hitori/handover"
	"hitori/report"
	"hitori/web"
)

const reportUsage = `Usage:
  hitori report monthly [--data DIR] [--db URL] [--lang ja|en] --month YYYY-MM --out FILE

Writes the monthly management report. FILE ending in .html is one
self-contained page (styles and charts inside, prints on A4); .pdf is
printed by the host's Chromium (set HITORI_CHROMIUM to choose one). Without
Chromium a .pdf request writes FILE.html instead and says so.
`

func cmdReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, reportUsage)
		return errUsage
	}
	if args[0] == "--help" || args[0] == "-h" {
		fmt.Fprint(stdout, reportUsage)
		return nil
	}
	if args[0] != "monthly" {
		fmt.Fprintf(stderr, "hitori: unknown report command %q\n%s", args[0], reportUsage)
		return errUsage
	}
	fset := newFlags("report monthly", "hitori report monthly [--data DIR] [--db URL] [--lang ja|en] --month YYYY-MM --out FILE", stdout)
	var d dataFlags
	d.register(fset)
	month := fset.String("month", "", "the month, YYYY-MM")
	out := fset.String("out", "", "the file to write: .html or .pdf")
	lang := fset.String("lang", "ja", "language: ja or en")
	if err := parse(fset, args[1:], 0); err != nil {
		return helpOK(err)
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if *month == "" || (ext != ".html" && ext != ".htm" && ext != ".pdf") {
		fmt.Fprint(stderr, "hitori: --month YYYY-MM and --out FILE.html|FILE.pdf are required\n")
		return errUsage
	}
	db, err := d.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	t, err := web.ReportText(*lang)
	if err != nil {
		return err
	}
	svc := report.New(db.Reports(), db.Settings())
	// The readiness gaps read the register as the server does (app.buildHandover).
	h := handover.New(db.Handover())
	h.Settings, h.Monitors, h.Vault = db.Settings(), db.Monitors(), db.Vault()
	svc.Readiness = h.Readiness
	m, err := svc.Monthly(ctx, *month, *lang, t)
	if err != nil {
		if e, ok := hitori.AsError(err); ok && e.Fields["month"] != "" {
			return hitori.Errorf(hitori.EINVALID, "--month %q: want YYYY-MM", *month)
		}
		return err
	}
	var html bytes.Buffer
	if ext != ".pdf" {
		if err := m.WriteHTML(&html, t, ""); err != nil {
			return err
		}
		return writeReportFile(*out, html.Bytes(), stdout)
	}
	if err := m.WriteHTML(&html, t, ""); err != nil {
		return err
	}
	err = report.PrintPDF(ctx, report.FindChromium(), html.Bytes(), *out)
	if errors.Is(err, report.ErrNoChromium) {
		html.Reset()
		if err := m.WriteHTML(&html, t, t("report.monthly.no_pdf")); err != nil {
			return err
		}
		alt := *out + ".html"
		fmt.Fprintf(stderr, "hitori: %v\nhitori: wrote the HTML report to %s instead\n", err, alt)
		if err := writeReportFile(alt, html.Bytes(), stdout); err != nil {
			return err
		}
		return hitori.Errorf(hitori.EINVALID, "no PDF written (no Chromium on this host); %s has the report", alt)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return nil
}

func writeReportFile(path string, b []byte, stdout io.Writer) error {
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", path)
	return nil
}
