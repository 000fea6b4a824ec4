package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The public contract: --json prints exactly one object with valid,
// created, updated, unchanged and errors (sheet, row, column, reason).
func TestAssetsImportJSON(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	messy := filepath.Join("testdata", "it_asset_ledger_messy.xlsx")

	code, out, errs := cli(t, "", "assets", "import", "--data", data, "--dry-run", "--json", messy)
	if code != 0 {
		t.Fatalf("dry run: %d %s", code, errs)
	}
	if _, err := os.Stat(data); !os.IsNotExist(err) {
		t.Fatalf("a dry run created the data folder")
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil || strings.Count(strings.TrimSpace(out), "\n") != 0 {
		t.Fatalf("not one JSON object: %q", out)
	}
	want := map[string]any{"valid": 40.0, "created": 40.0, "updated": 0.0, "unchanged": 0.0, "errors": []any{}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v", got)
	}

	cli(t, "", "assets", "import", "--data", data, filepath.Join("testdata", "it_asset_ledger_clean.xlsx"))
	_, out, _ = cli(t, "", "assets", "import", messy, "--json", "--data", data)
	json.Unmarshal([]byte(out), &got)
	if got["valid"] != 40.0 || got["updated"] != 2.0 || got["unchanged"] != 38.0 {
		t.Errorf("messy after clean: %v", got)
	}

	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("資産番号,購入日\nA-1,2023/2/30\nA-2,2023/2/1\n"), 0o600)
	_, out, _ = cli(t, "", "assets", "import", "--data", data, "--json", "--dry-run", bad)
	var rep struct {
		Valid  int
		Errors []struct {
			Sheet, Column, Reason string
			Row                   int
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Valid != 1 || len(rep.Errors) != 1 {
		t.Fatalf("%q", out)
	}
	if e := rep.Errors[0]; e.Sheet != "CSV" || e.Row != 2 || e.Column != "購入日" || e.Reason == "" {
		t.Errorf("%+v", e)
	}
}

func TestAssetsCommandLine(t *testing.T) {
	data := t.TempDir()
	tests := []struct {
		name     string
		args     []string
		code     int
		inOutput string
	}{
		{"no subcommand", []string{"assets"}, 2, "assets import"},
		{"unknown", []string{"assets", "frob"}, 2, "unknown assets command"},
		{"import without file", []string{"assets", "import", "--data", data}, 2, "Usage"},
		{"two files", []string{"assets", "import", "a", "b"}, 2, "unexpected argument"},
		{"missing file", []string{"assets", "import", "--data", data, "nope.xlsx"}, 1, "nope.xlsx"},
		{"export without --out", []string{"assets", "export", "--data", data}, 2, "--out is required"},
		{"export of no data", []string{"assets", "export", "--data", filepath.Join(data, "none"), "--out", filepath.Join(data, "x.xlsx")}, 1, "no hitori data"},
		{"import help", []string{"assets", "import", "--help"}, 0, "-mapping"},
		{"export help", []string{"assets", "export", "--help"}, 0, "-layout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := cli(t, "", tt.args...)
			if code != tt.code || !strings.Contains(out+errs, tt.inOutput) {
				t.Errorf("exit %d, want %d; output %q %q", code, tt.code, out, errs)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(data, "none")); !os.IsNotExist(err) {
		t.Error("export created a data folder")
	}
}

func TestAssetsExportRoundTrip(t *testing.T) {
	data := t.TempDir()
	cli(t, "", "assets", "import", "--data", data, filepath.Join("testdata", "it_asset_ledger_clean.xlsx"))
	for _, c := range []struct {
		file string
		args []string
	}{
		{"a.xlsx", nil},
		{"a.csv", []string{"--encoding", "cp932"}},
		{"b.txt", []string{"--format", "csv", "--layout", "last-import"}},
	} {
		file := filepath.Join(data, c.file)
		code, out, errs := cli(t, "", append([]string{"assets", "export", "--data", data, "--out", file}, c.args...)...)
		if code != 0 || !strings.Contains(out, "exported 120 assets") {
			t.Fatalf("%v: %d %s %s", c, code, out, errs)
		}
		_, out, _ = cli(t, "", "assets", "import", "--data", data, "--dry-run", "--json", file)
		if !strings.HasPrefix(out, `{"valid":120,"created":0,"updated":0,"unchanged":120,`) {
			t.Errorf("%v re-import: %s", c, out)
		}
	}
}
