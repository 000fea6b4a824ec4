package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"hitori"
	"hitori/sqlstore"
)

// Accounts the benchmark signs in with. The technician is made for it; the
// requester is one of the seeded colleagues (seed-user001, about 1 in 200
// of the items), given a password so the portal shows a real history.
const (
	techEmail = "bench-system-tech@example.com"
	reqEmail  = "seed-user001@example.co.jp"
	password  = "benchmark-password-1"
)

// installation is what the benchmark found or made in the database.
type installation struct {
	items, articles int
	openIDs         []int64 // newest open items: replies go here
}

// hitoriCmd runs a hitori subcommand with the data flags, stdin as given.
func hitoriCmd(ctx context.Context, bin string, dbArgs []string, stdin string, args ...string) error {
	cmd := exec.CommandContext(ctx, bin, append(args, dbArgs...)...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("hitori %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

// count opens the database as the command line does and counts what is there.
func count(ctx context.Context, dsn string) (installation, error) {
	db, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		return installation{}, err
	}
	defer db.Close()
	var in installation
	if _, in.items, err = db.Items().FindItems(ctx, hitori.ItemFilter{Limit: 1}); err != nil {
		return in, err
	}
	if _, in.articles, err = db.Articles().FindArticles(ctx, hitori.ArticleFilter{Limit: 1}); err != nil {
		return in, err
	}
	open, _, err := db.Items().FindItems(ctx, hitori.ItemFilter{OpenOnly: true, Limit: 500})
	for _, it := range open {
		in.openIDs = append(in.openIDs, it.ID)
	}
	return in, err
}

// prepare seeds what is missing (items only into an empty database,
// articles up to the number asked) and sets up the two accounts.
func prepare(ctx context.Context, bin, dsn string, dbArgs []string, items, articles int) (installation, error) {
	in, err := count(ctx, dsn)
	if err != nil {
		return in, err
	}
	seed := []string{"seed", "--seed", "1", "--until", "2026-11-25"}
	if in.items == 0 && items > 0 {
		seed = append(seed, "--items", strconv.Itoa(items))
	}
	if in.articles < articles {
		seed = append(seed, "--articles", strconv.Itoa(articles-in.articles))
	}
	if len(seed) > 5 {
		fmt.Fprintf(os.Stderr, "bench: seeding (%s); a million items take several minutes\n", strings.Join(seed[5:], " "))
		if err := hitoriCmd(ctx, bin, dbArgs, "", seed...); err != nil {
			return in, err
		}
		if in, err = count(ctx, dsn); err != nil {
			return in, err
		}
	}
	if err := hitoriCmd(ctx, bin, dbArgs, password+"\n", "user", "create", "--email", techEmail, "--role", "technician", "--name", "ベンチ 技術"); err != nil {
		// Already there from an earlier run: set the password again instead.
		if err := hitoriCmd(ctx, bin, dbArgs, password+"\n", "user", "passwd", "--email", techEmail); err != nil {
			return in, err
		}
	}
	return in, hitoriCmd(ctx, bin, dbArgs, password+"\n", "user", "passwd", "--email", reqEmail)
}
