package mail

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sampleDir holds the shared sample messages copied into the repository.
const sampleDir = "../testdata/mail"

// sample is one row of INDEX.tsv.
type sample struct {
	File, What, Subject, Sender, Action string
}

// mustSamples reads INDEX.tsv.
func mustSamples(tb testing.TB) []sample {
	tb.Helper()
	f, err := os.Open(filepath.Join(sampleDir, "INDEX.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []sample
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for first := true; sc.Scan(); first = false {
		if first {
			continue
		}
		c := strings.Split(sc.Text(), "\t")
		if len(c) != 5 {
			tb.Fatalf("INDEX.tsv: want 5 columns, got %d: %q", len(c), sc.Text())
		}
		out = append(out, sample{c[0], c[1], c[2], c[3], c[4]})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// mustRaw reads one sample file by name or by its two-digit prefix.
func mustRaw(tb testing.TB, name string) []byte {
	tb.Helper()
	if len(name) == 2 {
		m, _ := filepath.Glob(filepath.Join(sampleDir, name+"_*.eml"))
		if len(m) != 1 {
			tb.Fatalf("sample %s: found %d files", name, len(m))
		}
		name = filepath.Base(m[0])
	}
	raw, err := os.ReadFile(filepath.Join(sampleDir, name))
	if err != nil {
		tb.Fatal(err)
	}
	return raw
}

// mustParse parses a sample with default limits.
func mustParse(tb testing.TB, name string) *Message {
	tb.Helper()
	m, err := Parse(mustRaw(tb, name), DefaultLimits())
	if err != nil {
		tb.Fatalf("Parse(%s): %v", name, err)
	}
	return m
}

// allSamples returns the raw bytes of every sample, for fuzz seeds and benchmarks.
func allSamples(tb testing.TB) [][]byte {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(sampleDir, "*.eml"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no samples in %s: %v", sampleDir, err)
	}
	var out [][]byte
	for _, f := range files {
		out = append(out, mustRaw(tb, filepath.Base(f)))
	}
	return out
}

// headRunes returns the first n runes of s.
func headRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}
