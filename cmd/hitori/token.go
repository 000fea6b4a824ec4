package main

import (
	"context"
	"fmt"
	"io"

	"hitori"
)

func cmdToken(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			fmt.Fprintln(stdout, "Usage: hitori token create --email E --name N [--data DIR] [--db URL]\n\nPrints only the new token on standard output.")
			return nil
		}
		fmt.Fprintln(stderr, "Usage: hitori token create --email E --name N [--data DIR] [--db URL]")
		return errUsage
	}
	fs := newFlags("token create", "hitori token create --email E --name N [--data DIR] [--db URL]\n\nPrints only the new token on standard output.", stdout)
	var d dataFlags
	d.register(fs)
	email := fs.String("email", "", "owner's e-mail address")
	name := fs.String("name", "", "what the token is for, e.g. backup-script")
	if err := parse(fs, args[1:], 0); err != nil {
		return helpOK(err)
	}
	if *email == "" || *name == "" {
		fmt.Fprintln(stderr, "hitori: --email and --name are required")
		return errUsage
	}
	db, err := d.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := db.Users().FindUserByEmail(ctx, *email)
	if err != nil {
		return err
	}
	token, t, err := db.Auth().CreateToken(ctx, u.ID, *name)
	if err != nil {
		return err
	}
	_ = db.Audit().RecordAudit(ctx, &hitori.AuditEvent{ActorID: &u.ID, ActorEmail: hitori.ActorCLI, Action: hitori.AuditTokenCreate, Target: t.Name, Detail: t.Prefix})
	fmt.Fprintln(stdout, token)
	return nil
}
