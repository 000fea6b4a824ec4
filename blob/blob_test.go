package blob

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPutOpen(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		setup func(t *testing.T, s *Store, sum string) // what an earlier run left
		want  bool                                     // created
	}{
		{"new", "hello", nil, true},
		{"again", "hello", func(t *testing.T, s *Store, sum string) { mustPut(t, s, "hello") }, false},
		{"short file after a crash", "hello world", func(t *testing.T, s *Store, sum string) {
			os.MkdirAll(filepath.Dir(s.Path(sum)), 0o700)
			os.WriteFile(s.Path(sum), []byte("hel"), 0o600)
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Store{Dir: t.TempDir(), Sync: true}
			if tt.setup != nil {
				tt.setup(t, s, Sum([]byte(tt.data)))
			}
			sum, created, err := s.Put([]byte(tt.data))
			if err != nil || created != tt.want || sum != Sum([]byte(tt.data)) {
				t.Fatalf("Put = %s, %v, %v; want created %v", sum, created, err, tt.want)
			}
			if got := mustRead(t, s, sum); got != tt.data {
				t.Errorf("read %q, want %q", got, tt.data)
			}
		})
	}
}

func TestOpenRejectsOtherNames(t *testing.T) {
	s := &Store{Dir: t.TempDir()}
	os.WriteFile(filepath.Join(s.Dir, "secret"), []byte("x"), 0o600)
	for _, name := range []string{"", "secret", "../secret", "../../etc/passwd", strings.Repeat("A", 64), strings.Repeat("a", 63) + "/", strings.Repeat("a", 65)} {
		if f, err := s.Open(name); err == nil || !errors.Is(err, ErrNotFound) {
			f.Close()
			t.Errorf("Open(%q) = %v, want ErrNotFound", name, err)
		}
		if p := s.Path(name); p != "" {
			t.Errorf("Path(%q) = %q, want empty", name, p)
		}
	}
}

func TestPutReader(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		limit   int64
		wantErr error
	}{
		{"under", "abc", 10, nil},
		{"at", "abcdefghij", 10, nil},
		{"over", "abcdefghijk", 10, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Store{Dir: t.TempDir()}
			sum, size, _, err := s.PutReader(strings.NewReader(tt.data), tt.limit)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr != nil {
				if list, _ := s.List(context.Background()); len(list) != 0 {
					t.Errorf("stored %v after an error", list)
				}
				if left, _ := filepath.Glob(filepath.Join(s.Dir, ".tmp-*")); len(left) != 0 {
					t.Errorf("temporary files left: %v", left)
				}
				return
			}
			if sum != Sum([]byte(tt.data)) || size != int64(len(tt.data)) || mustRead(t, s, sum) != tt.data {
				t.Errorf("got %s %d", sum, size)
			}
		})
	}
}

func TestWalkAndSweep(t *testing.T) {
	ctx := context.Background()
	s := &Store{Dir: t.TempDir()}
	keep, orphan, young := mustPut(t, s, "kept"), mustPut(t, s, "orphan"), mustPut(t, s, "young")
	old := time.Now().Add(-48 * time.Hour)
	for _, sum := range []string{keep, orphan} {
		os.Chtimes(s.Path(sum), old, old)
	}
	tmp := filepath.Join(s.Dir, keep[:2], ".tmp-123")
	os.WriteFile(tmp, []byte("partial"), 0o600)
	os.Chtimes(tmp, old, old)
	list, err := s.List(ctx)
	if err != nil || len(list) != 3 {
		t.Fatalf("List = %v, %v; want 3 files", list, err)
	}
	n, err := s.Sweep(ctx, 24*time.Hour, time.Now(), func(_ context.Context, sum string) (bool, error) { return sum == keep, nil })
	if err != nil || n != 1 {
		t.Fatalf("Sweep = %d, %v; want 1", n, err)
	}
	for sum, want := range map[string]bool{keep: true, orphan: false, young: true} {
		if _, err := s.Stat(sum); (err == nil) != want {
			t.Errorf("%s present = %v, want %v", sum[:8], err == nil, want)
		}
	}
	if _, err := os.Stat(tmp); err == nil {
		t.Error("old temporary file kept")
	}
	if list, err := (&Store{Dir: filepath.Join(s.Dir, "missing")}).List(ctx); err != nil || len(list) != 0 {
		t.Errorf("missing folder: %v, %v", list, err)
	}
}

func mustPut(tb testing.TB, s *Store, data string) string {
	tb.Helper()
	sum, _, err := s.Put([]byte(data))
	if err != nil {
		tb.Fatal(err)
	}
	return sum
}

func mustRead(tb testing.TB, s *Store, sum string) string {
	tb.Helper()
	f, err := s.Open(sum)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var b bytes.Buffer
	io.Copy(&b, f)
	return b.String()
}
