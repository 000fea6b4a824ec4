package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"hitori"
	"hitori/app"
	"hitori/binder"
	"hitori/vault"
	"hitori/web"
)

const handoverUsage = `Usage: hitori handover COMMAND …

Commands:
  export [--data DIR] [--db URL] [--lang ja|en] [--company NAME] [--include-secrets] OUT
         write the offline handover binder into the folder OUT, or into OUT.zip

See docs/handover-binder.md.
`

func cmdHandover(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, handoverUsage)
		return errUsage
	}
	switch args[0] {
	case "--help", "-h", "help":
		fmt.Fprint(stdout, handoverUsage)
		return nil
	case "export":
		return handoverExport(ctx, args[1:], stdin, stdout, stderr)
	}
	fmt.Fprintf(stderr, "hitori handover: unknown command %q\n\n%s", args[0], handoverUsage)
	return errUsage
}

const handoverExportSynopsis = `hitori handover export [--data DIR] [--db URL] [--lang ja|en] [--company NAME] [--include-secrets] OUT

Writes the offline handover binder (one self-contained HTML page: runbooks, recurring duties,
asset summary, recovery procedure) into the folder OUT, or into OUT when it ends in .zip.
Credentials are left out unless --include-secrets is given; then only the vault's export,
encrypted under a passphrase (asked twice, or HITORI_BINDER_PASSPHRASE), goes in beside the page.`

func handoverExport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("handover export", handoverExportSynopsis, stdout)
	var d dataFlags
	d.register(fs)
	lang := fs.String("lang", "ja", "language of the binder: ja or en")
	company := fs.String("company", "", "company name for the cover")
	secrets := fs.Bool("include-secrets", false, "add the vault's export, encrypted under a passphrase")
	if err := parse(fs, args, 1); err != nil {
		return helpOK(err)
	}
	if fs.NArg() != 1 {
		return usageError("handover export: give OUT, a folder or a .zip file")
	}
	out := fs.Arg(0)
	db, err := d.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	svc, err := app.Build(ctx, db.Stores(), app.Options{VaultKeys: db.Sealer})
	if err != nil {
		return err
	}
	opt := binder.Options{Lang: *lang, Company: *company, BaseURL: os.Getenv("HITORI_BASE_URL"), IncludeSecrets: *secrets}
	if *secrets {
		if err := unlockForCLI(ctx, svc.Vault, stdin, stderr); err != nil {
			return err
		}
		pass, err := askSecret(stdin, stderr, "HITORI_BINDER_PASSPHRASE", "Passphrase for the binder's vault file", true)
		if err != nil {
			return err
		}
		opt.Passphrase = string(pass)
	}
	t, err := web.BinderTranslator(*lang)
	if err != nil {
		return err
	}
	opt.T = t
	b, err := binder.Collect(ctx, svc.BinderSources(vault.CLI), opt)
	if err != nil {
		return err
	}
	if err := writeBinder(out, b, t); err != nil {
		return err
	}
	detail := "without credentials"
	if len(b.VaultFile) > 0 {
		detail = "with the encrypted vault export"
	}
	_ = db.Audit().RecordAudit(ctx, &hitori.AuditEvent{ActorEmail: hitori.ActorCLI, Action: hitori.AuditHandoverExport, Target: out, Detail: detail})
	fmt.Fprintf(stdout, "wrote the handover binder to %s (%d runbooks, %s)\n", out, len(b.Runbooks), detail)
	return nil
}

// writeBinder writes a folder, or a zip when out ends in .zip (created
// new: an existing file is not overwritten).
func writeBinder(out string, b *binder.Binder, t binder.Translator) error {
	if !strings.HasSuffix(strings.ToLower(out), ".zip") {
		return binder.WriteDir(out, b, t)
	}
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if err := binder.WriteZip(f, b, t); err != nil {
		f.Close()
		os.Remove(out)
		return err
	}
	return f.Close()
}
