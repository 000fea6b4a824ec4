// Command hitori runs the IT operations hub and its maintenance commands.
// It parses configuration and wires packages together; nothing else.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"hitori"
	_ "time/tzdata" // Asia/Tokyo on machines without a zone database (Windows)
)

const usage = `hitori — IT operations hub for a one-person IT department

Usage:
  hitori serve    [--addr HOST:PORT] [--data DIR] [--db URL]   run the web app
  hitori user     create|passwd|list [--data DIR] [--db URL] …  manage accounts
  hitori token    create --email E --name N [--data DIR]        print a new API token
  hitori kb       import|export|eval [--data DIR] …             knowledge base files and search quality
  hitori search   [--json] QUERY                                search articles from the command line
  hitori mail     ingest|ignored [--data DIR] [--db URL] …      e-mail intake: .eml files to items, the ignored log
  hitori assets   import|export [--data DIR] [--db URL] …      IT asset ledgers (.xlsx/.csv) in and out
  hitori seed     --items N [--data DIR] [--db URL]             generate realistic test items (benchmarks, demos)
  hitori backup   [--data DIR] [--db URL] FILE                  snapshot the database while it runs
  hitori restore  [--data DIR] [--db URL] FILE                  load a backup into an empty data folder
  hitori vault    init|split|recover|audit-verify|export|import …  the credential vault (docs/vault.md)
  hitori handover export [--data DIR] [--include-secrets] OUT  the offline handover binder (folder or .zip)
  hitori report   monthly --month YYYY-MM --out FILE [--data DIR]  the monthly management report (.html or .pdf)
  hitori version                                                print the version

Every command takes --help. Environment: HITORI_ADDR, HITORI_DATA, HITORI_DB,
HITORI_BASE_URL, HITORI_TLS_CERT, HITORI_TLS_KEY, HITORI_LOG_FORMAT, HITORI_LOG_LEVEL.
`

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches a subcommand and turns its error into a message and exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = cmdServe(ctx, args[1:], stdout, stderr)
	case "user":
		err = cmdUser(ctx, args[1:], stdin, stdout, stderr)
	case "token":
		err = cmdToken(ctx, args[1:], stdout, stderr)
	case "kb":
		err = cmdKB(ctx, args[1:], stdout, stderr)
	case "search":
		err = cmdSearch(ctx, args[1:], stdout, stderr)
	case "mail":
		err = cmdMail(ctx, args[1:], stdout, stderr)
	case "backup":
		err = cmdBackup(ctx, args[1:], stdin, stdout, stderr)
	case "restore":
		err = cmdRestore(ctx, args[1:], stdin, stdout, stderr)
	case "seed":
		err = cmdSeed(ctx, args[1:], stdout, stderr)
	case "assets":
		err = cmdAssets(ctx, args[1:], stdout, stderr)
	case "vault":
		err = cmdVault(ctx, args[1:], stdin, stdout, stderr)
	case "handover":
		err = cmdHandover(ctx, args[1:], stdin, stdout, stderr)
	case "report":
		err = cmdReport(ctx, args[1:], stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, currentVersion())
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "hitori: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if errors.Is(err, errUsage) {
		var u usageError
		if errors.As(err, &u) {
			fmt.Fprintln(stderr, "hitori:", u)
		}
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "hitori:", message(err))
		return 1
	}
	return 0
}

var errUsage = errors.New("usage")

// message is what the user sees: a domain error's own message, otherwise the wrapped chain.
func message(err error) string {
	if e, ok := hitori.AsError(err); ok {
		if len(e.Fields) > 0 {
			for f, k := range e.Fields {
				return fmt.Sprintf("%s: %s", f, cliMessages[k])
			}
		}
		if m, ok := cliMessages[e.Message]; ok {
			return m
		}
		return e.Message
	}
	return err.Error()
}

// cliMessages translates catalogue keys for the command line (English; the
// command line is for administrators and scripts).
var cliMessages = map[string]string{
	"error.required":        "required",
	"error.too_long":        "too long",
	"error.email_invalid":   "not a valid e-mail address",
	"error.email_taken":     "this e-mail address is already registered",
	"error.role_invalid":    "role must be one of admin, technician, requester, viewer",
	"error.password_short":  "use at least 10 characters",
	"error.not_found":       "not found",
	"error.last_admin":      "the last administrator cannot be demoted or disabled",
	"error.too_many_tokens": "too many tokens: revoke some first",

	"error.vault_locked":           "the vault is locked: unlock it with its passphrase",
	"error.vault_forbidden":        "only administrators may do this",
	"error.vault_passphrase":       "wrong passphrase",
	"error.vault_passphrase_short": "use at least 12 characters",
	"error.vault_keyfile_missing":  "the vault's key file is not available",
	"error.vault_export_file":      "not a hitori vault export",
	"error.vault_system_required":  "the system name is required",
	"error.vault_too_long":         "too long",
	"error.vault_totp_seed":        "not a valid TOTP seed (base32)",
	"error.vault_grant":            "a share needs a user or a role",
	"error.vault_file_name":        "the file needs a name",
	"error.vault_file_size":        "the file is empty or larger than 256 KiB",
	"error.vault_file_count":       "an entry holds at most 20 files",
}
