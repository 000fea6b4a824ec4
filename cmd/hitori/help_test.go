package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

// TestSubcommandHelp: each subcommand's --help lists its own flags and
// arguments, not its siblings' (issue 9).
func TestSubcommandHelp(t *testing.T) {
	tests := []struct {
		args    []string
		want    []string
		notWant []string
	}{
		{[]string{"kb", "import", "--help"}, []string{"SRC_DIR", "-data"}, []string{"-queries", "-check"}},
		{[]string{"kb", "export", "--help"}, []string{"DST_DIR", "-db"}, []string{"-queries", "-check"}},
		{[]string{"kb", "eval", "--help"}, []string{"-queries", "-check"}, []string{"SRC_DIR"}},
		{[]string{"user", "list", "--help"}, []string{"user list", "-data"}, []string{"-role", "-email", "-lang", "-name"}},
		{[]string{"user", "passwd", "--help"}, []string{"-email"}, []string{"-role", "-lang", "-name"}},
		{[]string{"user", "create", "--help"}, []string{"-email", "-role", "-name", "-lang"}, nil},
		{[]string{"search", "--help"}, []string{"QUERY", "-json"}, nil},
		{[]string{"backup", "--help"}, []string{"FILE", "-include-keys"}, nil},
		{[]string{"mail", "ignored", "--help"}, []string{"-limit"}, []string{"-tag", "-sync"}},
		{[]string{"serve", "--help"}, []string{"-addr"}, []string{"-queries"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errs := cli(t, "", tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("help lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(out, w) {
					t.Errorf("help shows %q, which is not this command's:\n%s", w, out)
				}
			}
		})
	}
}

func TestVersionLine(t *testing.T) {
	stamped := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.4.0"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}}
	tests := []struct {
		name            string
		version, commit string
		info            *debug.BuildInfo
		ok              bool
		want            []string
	}{
		{"ldflags", "v1.2.0", "b8a1205", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}}, true, []string{"hitori v1.2.0", "commit b8a1205", "go1.26.8"}},
		{"vcs stamping", "dev", "", stamped, true, []string{"hitori v0.4.0", "commit 0123456789ab (modified)"}},
		{"ldflags win over vcs", "v1.2.0", "b8a1205", stamped, true, []string{"hitori v1.2.0", "commit b8a1205"}},
		{"nothing known", "dev", "", nil, false, []string{"hitori dev", "commit unknown"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := versionLine(tt.version, tt.commit, tt.info, tt.ok)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("versionLine = %q; want it to contain %q", got, w)
				}
			}
		})
	}
	if code, out, _ := cli(t, "", "version"); code != 0 || !strings.Contains(out, "hitori ") || !strings.Contains(out, "commit ") {
		t.Fatalf("hitori version: %d %q", code, out)
	}
}

// TestUserListAlignsJapaneseNames: a kanji takes two terminal columns, so
// the columns after a Japanese name must start where the others do.
func TestUserListAlignsJapaneseNames(t *testing.T) {
	data := t.TempDir()
	for _, u := range [][2]string{{"yamada@example.com", "山田 太郎"}, {"bob@example.com", "Bob"}, {"kana@example.com", "ｶﾅ ﾀﾛｳ"}} {
		if code, _, errs := cli(t, "correct horse battery\n", "user", "create", "--data", data, "--email", u[0], "--name", u[1], "--role", "viewer"); code != 0 {
			t.Fatalf("user create %s: %s", u[0], errs)
		}
	}
	code, out, errs := cli(t, "", "user", "list", "--data", data)
	if code != 0 {
		t.Fatalf("user list: %d %s", code, errs)
	}
	col := -1
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		i := strings.Index(line, "viewer")
		if i < 0 {
			i = strings.Index(line, "ROLE")
		}
		c := displayWidth(line[:i])
		if col >= 0 && c != col {
			t.Fatalf("ROLE column starts at %d and %d:\n%s", col, c, out)
		}
		col = c
	}
	for _, tt := range []struct {
		s string
		w int
	}{{"Bob", 3}, {"山田 太郎", 9}, {"ｶﾅ", 2}, {"ＡＢ", 4}, {"", 0}} {
		if got := displayWidth(tt.s); got != tt.w {
			t.Errorf("displayWidth(%q) = %d, want %d", tt.s, got, tt.w)
		}
	}
}
