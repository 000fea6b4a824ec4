package markdown

import "strings"

// DiffOp says what happened to one line between two revisions.
type DiffOp int

// The three line operations of a diff.
const (
	DiffEqual DiffOp = iota
	DiffInsert
	DiffDelete
)

// String returns "equal", "insert" or "delete", e.g. for a CSS class.
func (op DiffOp) String() string {
	switch op {
	case DiffEqual:
		return "equal"
	case DiffInsert:
		return "insert"
	case DiffDelete:
		return "delete"
	}
	return "unknown"
}

// DiffLine is one line of a diff between revisions a and b.
type DiffLine struct {
	Op DiffOp
	// Text includes the line's "\n" when it had one, so that a revision
	// that only gained a final newline still shows a change and the lines
	// concatenate back to exactly a or b.
	Text string
	A    int // 1-based line number in a; 0 for inserted lines
	B    int // 1-based line number in b; 0 for deleted lines
}

// MaxDiffLines bounds the changed region that gets an exact (minimal) diff.
// Beyond it the changed region is shown as deleted-then-inserted, so a
// pasted log file cannot make a revision page slow: the exact algorithm
// costs O((N+M)·D) time, up to about 10^8 steps at this bound.
const MaxDiffLines = 5000

// Diff compares two revisions line by line. Within each changed run,
// deletions come before insertions, as in a unified diff.
func Diff(a, b string) []DiffLine {
	al, bl := splitLines(a), splitLines(b)
	// Most edits touch a few lines in the middle: trimming the common ends
	// first keeps the exact algorithm's input small even for long articles.
	pre := 0
	for pre < len(al) && pre < len(bl) && al[pre] == bl[pre] {
		pre++
	}
	suf := 0
	for suf < len(al)-pre && suf < len(bl)-pre && al[len(al)-1-suf] == bl[len(bl)-1-suf] {
		suf++
	}
	am, bm := al[pre:len(al)-suf], bl[pre:len(bl)-suf]
	keepA, keepB := make([]bool, len(am)), make([]bool, len(bm))
	if len(am) <= MaxDiffLines && len(bm) <= MaxDiffLines {
		lcs(am, bm, keepA, keepB)
	}
	out := make([]DiffLine, 0, len(al)+len(bm))
	for i := 0; i < pre; i++ {
		out = append(out, DiffLine{Op: DiffEqual, Text: al[i], A: i + 1, B: i + 1})
	}
	i, j := 0, 0
	for i < len(am) || j < len(bm) {
		switch {
		case i < len(am) && !keepA[i]:
			out = append(out, DiffLine{Op: DiffDelete, Text: am[i], A: pre + i + 1})
			i++
		case j < len(bm) && !keepB[j]:
			out = append(out, DiffLine{Op: DiffInsert, Text: bm[j], B: pre + j + 1})
			j++
		default: // both kept: lcs pairs kept lines in order
			out = append(out, DiffLine{Op: DiffEqual, Text: am[i], A: pre + i + 1, B: pre + j + 1})
			i++
			j++
		}
	}
	for k := 0; k < suf; k++ {
		ia, ib := len(al)-suf+k, len(bl)-suf+k
		out = append(out, DiffLine{Op: DiffEqual, Text: al[ia], A: ia + 1, B: ib + 1})
	}
	return out
}

// splitLines splits after each "\n"; a final line without one is kept.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
