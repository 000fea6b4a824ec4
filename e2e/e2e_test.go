package e2e

import (
	"slices"
	"strings"
	"testing"
)

// TestServingURL pins the start-up line format the suite depends on, so a
// change to the log line fails here, plainly, and not as a start-up timeout.
func TestServingURL(t *testing.T) {
	tests := []struct {
		name, line, want string
		ok               bool
	}{
		{"text handler", `time=2026-11-25T16:15:28.884Z level=INFO msg="hitori is serving" url=http://127.0.0.1:41073/ database=sqlite dsn=/tmp/hd/hitori.db version=dev`, "http://127.0.0.1:41073/", true},
		{"https", `level=INFO msg="hitori is serving" url=https://[::1]:8443/ database=postgres`, "https://[::1]:8443/", true},
		{"other line", `level=INFO msg=request method=GET path=/ url=http://x/`, "", false},
		{"no url", `level=INFO msg="hitori is serving" database=sqlite`, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := servingURL(tt.line)
			if got != tt.want || ok != tt.ok {
				t.Errorf("servingURL = %q, %t; want %q, %t", got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestChildEnv checks that no HITORI_ setting of the developer's shell
// reaches the commands under test.
func TestChildEnv(t *testing.T) {
	t.Setenv("HITORI_DATA", "/srv/real-data")
	t.Setenv("HITORI_DB", "postgres://prod/hitori")
	env := childEnv()
	for _, kv := range env {
		if strings.HasPrefix(kv, "HITORI_") {
			t.Errorf("childEnv passes %s on", kv)
		}
	}
	if !slices.ContainsFunc(env, func(kv string) bool { return strings.HasPrefix(kv, "PATH=") }) {
		t.Error("childEnv dropped PATH")
	}
}
