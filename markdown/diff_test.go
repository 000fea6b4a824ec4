package markdown

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// eq, ins and del build expected diff lines tersely.
func eq(text string, a, b int) DiffLine { return DiffLine{Op: DiffEqual, Text: text, A: a, B: b} }
func ins(text string, b int) DiffLine   { return DiffLine{Op: DiffInsert, Text: text, B: b} }
func del(text string, a int) DiffLine   { return DiffLine{Op: DiffDelete, Text: text, A: a} }

func TestDiff(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want []DiffLine
	}{
		{"both empty", "", "", []DiffLine{}},
		{"insert into empty", "", "x\n", []DiffLine{ins("x\n", 1)}},
		{"delete all", "x\ny\n", "", []DiffLine{del("x\n", 1), del("y\n", 2)}},
		{"equal", "a\nb\n", "a\nb\n", []DiffLine{eq("a\n", 1, 1), eq("b\n", 2, 2)}},
		{"change middle", "a\nb\nc\n", "a\nB\nc\n",
			[]DiffLine{eq("a\n", 1, 1), del("b\n", 2), ins("B\n", 2), eq("c\n", 3, 3)}},
		{"insert line", "a\nc\n", "a\nb\nc\n",
			[]DiffLine{eq("a\n", 1, 1), ins("b\n", 2), eq("c\n", 2, 3)}},
		{"final newline added", "a\nb", "a\nb\n",
			[]DiffLine{eq("a\n", 1, 1), del("b", 2), ins("b\n", 2)}},
		{"japanese", "# 手順\n1. 電源を入れる\n", "# 手順\n1. 電源を切る\n",
			[]DiffLine{eq("# 手順\n", 1, 1), del("1. 電源を入れる\n", 2), ins("1. 電源を切る\n", 2)}},
		{"move keeps the longer run", "a\nb\nc\nd\n", "d\na\nb\nc\n",
			[]DiffLine{ins("d\n", 1), eq("a\n", 1, 2), eq("b\n", 2, 3), eq("c\n", 3, 4), del("d\n", 4)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Diff(tt.a, tt.b)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Diff(%q, %q)\n got: %v\nwant: %v", tt.a, tt.b, got, tt.want)
			}
			checkDiff(t, tt.a, tt.b, got)
		})
	}
}

// checkDiff asserts the properties every diff must have: the equal and
// deleted lines spell a, the equal and inserted lines spell b, and the line
// numbers count up from 1 without gaps.
func checkDiff(tb testing.TB, a, b string, d []DiffLine) {
	tb.Helper()
	var ga, gb strings.Builder
	na, nb := 0, 0
	for _, l := range d {
		if l.Op != DiffInsert {
			ga.WriteString(l.Text)
			na++
			if l.A != na {
				tb.Fatalf("line %+v: got A=%d, want %d", l, l.A, na)
			}
		} else if l.A != 0 {
			tb.Fatalf("insert %+v has A=%d", l, l.A)
		}
		if l.Op != DiffDelete {
			gb.WriteString(l.Text)
			nb++
			if l.B != nb {
				tb.Fatalf("line %+v: got B=%d, want %d", l, l.B, nb)
			}
		} else if l.B != 0 {
			tb.Fatalf("delete %+v has B=%d", l, l.B)
		}
	}
	if ga.String() != a {
		tb.Fatalf("diff does not reproduce a:\n got: %q\nwant: %q", ga.String(), a)
	}
	if gb.String() != b {
		tb.Fatalf("applying the diff does not reproduce b:\n got: %q\nwant: %q", gb.String(), b)
	}
}

// lcsLen is the textbook O(n·m) table, used as an oracle for minimality.
func lcsLen(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] > cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// randomText makes n lines from a small alphabet so that random pairs share
// many lines in varied orders — the hard case for a diff.
func randomText(r *rand.Rand, n, alphabet int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "l%d\n", r.IntN(alphabet))
	}
	if n > 0 && r.IntN(4) == 0 {
		return strings.TrimSuffix(b.String(), "\n")
	}
	return b.String()
}

// TestDiffProperties checks on random inputs that the diff is valid (it
// reproduces both sides) and minimal (it keeps a longest common subsequence).
func TestDiffProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3000; i++ {
		a := randomText(r, r.IntN(30), 1+r.IntN(6))
		b := randomText(r, r.IntN(30), 1+r.IntN(6))
		d := Diff(a, b)
		checkDiff(t, a, b, d)
		equal := 0
		for _, l := range d {
			if l.Op == DiffEqual {
				equal++
			}
		}
		if want := lcsLen(splitLines(a), splitLines(b)); equal != want {
			t.Fatalf("Diff(%q, %q) keeps %d lines, want %d (not minimal)", a, b, equal, want)
		}
	}
}

// TestDiffLarge checks the bounds: a small edit in a long article still
// gets an exact diff (the common ends are trimmed first), and a changed
// region over MaxDiffLines falls back to delete-then-insert.
func TestDiffLarge(t *testing.T) {
	var long strings.Builder
	for i := 0; i < 3*MaxDiffLines; i++ {
		fmt.Fprintf(&long, "line %d\n", i)
	}
	a := long.String()
	b := strings.Replace(a, "line 7000\n", "line 7000 changed\n", 1)
	d := Diff(a, b)
	checkDiff(t, a, b, d)
	if got := countOps(d); got != [3]int{3*MaxDiffLines - 1, 1, 1} {
		t.Errorf("small edit: got equal/insert/delete %v, want one line changed", got)
	}

	r := rand.New(rand.NewPCG(3, 4))
	a, b = randomText(r, MaxDiffLines+10, 50), randomText(r, MaxDiffLines+10, 50)
	d = Diff(a, b)
	checkDiff(t, a, b, d)
	if got := countOps(d); got[0] != 0 {
		t.Errorf("coarse fallback: got %d equal lines, want 0", got[0])
	}
}

// TestDiffWorstCaseBounded runs the exact algorithm at its size limit on
// inputs that share lines but little order, so the test fails loudly if a
// change makes the worst case quadratic in memory or far slower.
func TestDiffWorstCaseBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	r := rand.New(rand.NewPCG(5, 6))
	a, b := randomText(r, MaxDiffLines, 20), randomText(r, MaxDiffLines, 20)
	checkDiff(t, a, b, Diff(a, b))
}

func countOps(d []DiffLine) [3]int {
	var n [3]int
	for _, l := range d {
		n[l.Op]++
	}
	return n
}

func TestDiffOpString(t *testing.T) {
	for op, want := range map[DiffOp]string{DiffEqual: "equal", DiffInsert: "insert", DiffDelete: "delete", 9: "unknown"} {
		if got := op.String(); got != want {
			t.Errorf("DiffOp(%d).String() = %q, want %q", op, got, want)
		}
	}
}
