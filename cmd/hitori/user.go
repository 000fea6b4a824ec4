package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

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

// userSynopsis is each user subcommand's usage line.
var userSynopsis = map[string]string{
	"create": "hitori user create --email E --role admin|technician|requester|viewer [--name N] [--lang ja|en] [--data DIR] [--db URL]\n\n" +
		"The password is read from standard input when it is not a terminal (first line), and asked for twice when it is.",
	"passwd": "hitori user passwd --email E [--data DIR] [--db URL]\n\n" +
		"Sets a new password and ends the user's sessions. The password is read as for user create.",
	"list": "hitori user list [--data DIR] [--db URL]",
}

func cmdUser(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, userUsage)
		return errUsage
	}
	if args[0] == "--help" || args[0] == "-h" {
		fmt.Fprint(stdout, userUsage)
		return nil
	}
	sub := args[0]
	synopsis, ok := userSynopsis[sub]
	if !ok {
		fmt.Fprintf(stderr, "hitori: unknown user command %q\n%s", sub, userUsage)
		return errUsage
	}
	fs := newFlags("user "+sub, synopsis, stdout)
	var d dataFlags
	d.register(fs)
	// Each subcommand registers only its own flags, so its --help lists them alone.
	var email, name, role, lang string
	if sub != "list" {
		fs.StringVar(&email, "email", "", "e-mail address (the sign-in name)")
	}
	if sub == "create" {
		fs.StringVar(&name, "name", "", "display name")
		fs.StringVar(&role, "role", "", "admin, technician, requester or viewer")
		fs.StringVar(&lang, "lang", "ja", "language: ja or en")
	}
	if err := parse(fs, args[1:], 0); err != nil {
		return helpOK(err)
	}
	if sub != "list" && email == "" {
		fmt.Fprintln(stderr, "hitori: --email is required")
		return errUsage
	}
	if sub == "create" && role == "" {
		fmt.Fprintln(stderr, "hitori: --role is required (admin, technician, requester or viewer)")
		return errUsage
	}
	if sub == "list" {
		return userList(ctx, d, stdout)
	}
	db, err := d.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	switch sub {
	case "create":
		pw, err := readPassword(stdin, stderr)
		if err != nil {
			return err
		}
		u := &hitori.User{Email: email, Name: name, Role: hitori.Role(role), Lang: lang}
		if err := db.Users().CreateUser(ctx, u, pw); err != nil {
			return err
		}
		_ = db.Audit().RecordAudit(ctx, &hitori.AuditEvent{Action: hitori.AuditUserCreate, Target: u.Email, ActorEmail: hitori.ActorCLI, Detail: hitori.AuditCode(hitori.DetailRole, string(u.Role))})
		fmt.Fprintf(stdout, "created %s (%s)\n", u.Email, u.Role)
	case "passwd":
		u, err := db.Users().FindUserByEmail(ctx, email)
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
		_ = db.Audit().RecordAudit(ctx, &hitori.AuditEvent{Action: hitori.AuditPasswordChange, Target: u.Email, ActorEmail: hitori.ActorCLI})
		fmt.Fprintf(stdout, "password changed for %s; their sessions were ended\n", u.Email)
	}
	return nil
}

// userList prints every account, columns aligned for Japanese names. It
// only reads: a data folder that does not exist is an error, not created.
func userList(ctx context.Context, d dataFlags, stdout io.Writer) error {
	db, err := d.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	rows := [][]string{{"ID", "EMAIL", "NAME", "ROLE", "2FA", "STATUS"}}
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
			rows = append(rows, []string{strconv.FormatInt(u.ID, 10), u.Email, u.Name, string(u.Role), strconv.FormatBool(u.TOTPEnabled), status})
		}
		if offset+500 >= total {
			break
		}
	}
	return writeColumns(stdout, rows)
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
