package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// cli runs hitori's command line in-process and returns exit code, stdout and stderr.
func cli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestUserAndTokenCommands(t *testing.T) {
	data := t.TempDir()
	if code, _, errs := cli(t, "correct horse battery\n", "user", "create", "--data", data, "--email", "Admin@Example.com", "--role", "admin"); code != 0 {
		t.Fatalf("user create: %d %s", code, errs)
	}
	tests := []struct {
		name     string
		stdin    string
		args     []string
		code     int
		inStderr string
	}{
		{"duplicate", "correct horse battery\n", []string{"user", "create", "--data", data, "--email", "admin@example.com", "--role", "viewer"}, 1, "already registered"},
		{"bad role", "correct horse battery\n", []string{"user", "create", "--data", data, "--email", "x@example.com", "--role", "root"}, 1, "role must be"},
		{"short password", "short\n", []string{"user", "create", "--data", data, "--email", "y@example.com", "--role", "viewer"}, 1, "10 characters"},
		{"missing email", "", []string{"user", "create", "--data", data, "--role", "viewer"}, 2, "--email is required"},
		{"unknown command", "", []string{"frobnicate"}, 2, "unknown command"},
		{"token for unknown user", "", []string{"token", "create", "--data", data, "--email", "nobody@example.com", "--name", "x"}, 1, "not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := cli(t, tt.stdin, tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.inStderr) {
				t.Fatalf("exit %d stderr %q; want %d containing %q", code, errs, tt.code, tt.inStderr)
			}
		})
	}
	code, out, _ := cli(t, "", "token", "create", "--data", data, "--email", "admin@example.com", "--name", "script")
	if code != 0 || !strings.HasPrefix(out, "hit_") || strings.Count(out, "\n") != 1 {
		t.Fatalf("token create printed %q (exit %d); want only the token", out, code)
	}
	if code, out, _ := cli(t, "", "user", "list", "--data", data); code != 0 || !strings.Contains(out, "admin@example.com") {
		t.Fatalf("user list: %d %q", code, out)
	}
	for _, cmd := range [][]string{{"serve", "--help"}, {"user", "--help"}, {"user", "create", "--help"}, {"token", "--help"},
		{"backup", "--help"}, {"restore", "--help"}, {"kb", "--help"}, {"search", "--help"}, {"version"}} {
		if code, out, errs := cli(t, "", cmd...); code != 0 || out+errs == "" {
			t.Errorf("%v: exit %d, output %q", cmd, code, out+errs)
		}
	}
}

// TestKnowledgeEvaluation is the CI gate on search quality: importing the
// knowledge base and evaluating the dev questions must meet the targets.
func TestKnowledgeEvaluation(t *testing.T) {
	data := t.TempDir()
	if code, out, errs := cli(t, "", "kb", "import", "--data", data, "../../testdata/kb"); code != 0 || !strings.Contains(out, "80 created") {
		t.Fatalf("kb import: %d %s %s", code, out, errs)
	}
	code, out, errs := cli(t, "", "kb", "eval", "--data", data, "--queries", "../../testdata/queries-dev.tsv", "--check")
	t.Log("\n" + out)
	if code != 0 {
		t.Fatalf("kb eval --check: exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "chat wrong confident ") {
		t.Errorf("kb eval does not report wrong confident answers:\n%s", out)
	}
	code, out, _ = cli(t, "", "search", "--data", data, "--json", "--limit", "3", "ﾌﾟﾘﾝﾀｰ")
	if code != 0 || !strings.Contains(out, `"id":"kb-0`) {
		t.Fatalf("search --json: %d %s", code, out)
	}
}
