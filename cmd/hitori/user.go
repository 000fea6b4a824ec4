package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"hitori"
)

const userUsage = `Usage:
  hitori user create --email E --role admin|technician|requester|viewer [--name N] [--lang ja|en] [--data DIR] [--db URL]
  hitori user passwd --email E [--data DIR] [--db URL]
  hitori user list   [--data DIR] [--db URL]

The password is read from standard input when it is not a terminal
(first line), and asked for twice when it is.
`

func cmdUser(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, userUsage)
		return errUsage
	}
	if args[0] == "--help" || args[0] == "-h" {
		fmt.Fprint(stdout, userUsage)
		return nil
	}
	fs := newFlags("user "+args[0], "hitori user "+args[0]+" [flags]", stdout)
	var d dataFlags
	d.register(fs)
	email := fs.String("email", "", "e-mail address (the sign-in name)")
	name := fs.String("name", "", "display name")
	role := fs.String("role", "", "admin, technician, requester or viewer")
	lang := fs.String("lang", "ja", "language: ja or en")
	if err := parse(fs, args[1:]); err != nil {
		return helpOK(err)
	}
	switch args[0] {
	case "create", "passwd":
		if *email == "" {
			fmt.Fprintln(stderr, "hitori: --email is required")
			return errUsage
		}
	case "list":
	default:
		fmt.Fprintf(stderr, "hitori: unknown user command %q\n%s", args[0], userUsage)
		return errUsage
	}
	if args[0] == "create" && *role == "" {
		fmt.Fprintln(stderr, "hitori: --role is required (admin, technician, requester or viewer)")
		return errUsage
	}
	db, err := d.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	switch args[0] {
	case "create":
		pw, err := readPassword(stdin, stderr)
		if err != nil {
			return err
		}
		u := &hitori.User{Email: *email, Name: *name, Role: hitori.Role(*role), Lang: *lang}
		if err := db.Users().CreateUser(ctx, u, pw); err != nil {
			return err
		}
		_ = db.Audit().RecordAudit(ctx, &hitori.AuditEvent{Action: hitori.AuditUserCreate, Target: u.Email, ActorEmail: "cli", Detail: "role=" + string(u.Role)})
		fmt.Fprintf(stdout, "created %s (%s)\n", u.Email, u.Role)
	case "passwd":
		u, err := db.Users().FindUserByEmail(ctx, *email)
		if err != nil {
			return err
		}
		pw, err := readPassword(stdin, stderr)
		if err != nil {
			return err
		}
		if err := db.Users().SetPassword(ctx, u.ID, pw); err != nil {
			return err
		}
		_ = db.Audit().RecordAudit(ctx, &hitori.AuditEvent{Action: hitori.AuditPasswordChange, Target: u.Email, ActorEmail: "cli"})
		fmt.Fprintf(stdout, "password changed for %s; their sessions were ended\n", u.Email)
	case "list":
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tROLE\t2FA\tSTATUS")
		for offset := 0; ; offset += 500 {
			us, total, err := db.Users().FindUsers(ctx, hitori.UserFilter{Offset: offset, Limit: 500})
			if err != nil {
				return err
			}
			for _, u := range us {
				status := "active"
				if u.Disabled {
					status = "disabled"
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%t\t%s\n", u.ID, u.Email, u.Name, u.Role, u.TOTPEnabled, status)
			}
			if offset+500 >= total {
				break
			}
		}
		return tw.Flush()
	}
	return nil
}

// readPassword reads one line from stdin when it is piped, or prompts twice on a terminal.
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stderr, "Again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", fmt.Errorf("the passwords do not match")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, hitori.MaxPasswordLen+2)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read password from stdin: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}
