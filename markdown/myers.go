package markdown

// lcs marks in keepA and keepB the lines of a and b that form a longest
// common subsequence. It uses Myers' O((N+M)·D) algorithm in its
// divide-and-conquer form, which needs only O(N+M) memory: the textbook
// version keeps every step's frontier and would need O(D²) memory.
func lcs(a, b []string, keepA, keepB []bool) {
	// Compare small integers instead of strings in the inner loop.
	ids := make(map[string]int, len(a))
	ai := make([]int, len(a))
	for i, s := range a {
		id, ok := ids[s]
		if !ok {
			id = len(ids)
			ids[s] = id
		}
		ai[i] = id
	}
	bi := make([]int, len(b))
	shared := false
	for i, s := range b {
		id, ok := ids[s]
		if !ok {
			id = -1 - i // unique and never equal to a line of a
		}
		shared = shared || ok
		bi[i] = id
	}
	if !shared {
		return // a rewrite: skip the worst case of the algorithm
	}
	m := myers{a: ai, b: bi, keepA: keepA, keepB: keepB}
	m.compare(0, len(ai), 0, len(bi))
}

type myers struct {
	a, b         []int
	keepA, keepB []bool
}

// compare finds the common lines of a[aLo:aHi] and b[bLo:bHi].
func (m *myers) compare(aLo, aHi, bLo, bHi int) {
	for {
		for aLo < aHi && bLo < bHi && m.a[aLo] == m.b[bLo] {
			m.keepA[aLo], m.keepB[bLo] = true, true
			aLo, bLo = aLo+1, bLo+1
		}
		for aLo < aHi && bLo < bHi && m.a[aHi-1] == m.b[bHi-1] {
			m.keepA[aHi-1], m.keepB[bHi-1] = true, true
			aHi, bHi = aHi-1, bHi-1
		}
		if aLo == aHi || bLo == bHi {
			return
		}
		x, y := split(m.a[aLo:aHi], m.b[bLo:bHi])
		if (x == 0 && y == 0) || (x == aHi-aLo && y == bHi-bLo) {
			return // no progress possible: leave the region unmatched rather than loop
		}
		m.compare(aLo, aLo+x, bLo, bLo+y)
		aLo, bLo = aLo+x, bLo+y // iterate on the second half to bound recursion depth
	}
}

// split returns a point (x, y) on a shortest edit path through a and b by
// running the greedy search forward from the start and backward from the
// end until the two frontiers meet on a diagonal (Myers' "middle snake").
// The backward search works on the mirrored grid, where diagonal k of the
// backward search is diagonal delta-k of the forward one.
func split(a, b []int) (x, y int) {
	n, m := len(a), len(b)
	maxD := (n + m + 1) / 2
	off := maxD + 1
	fwd, bwd := make([]int, 2*off+1), make([]int, 2*off+1)
	for i := range fwd {
		fwd[i], bwd[i] = -1, -1
	}
	fwd[off+1], bwd[off+1] = 0, 0
	delta := n - m
	odd := delta%2 != 0
	// Diagonals that ran off the grid are dropped from later steps.
	fLo, fHi, bLo, bHi := 0, 0, 0, 0
	for d := 0; d <= maxD; d++ {
		for k := -d + fLo; k <= d-fHi; k += 2 {
			x := furthest(fwd, off+k, k, d)
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			fwd[off+k] = x
			switch {
			case x > n:
				fHi += 2
			case y > m:
				fLo += 2
			case odd:
				if j := off + delta - k; j >= 0 && j < len(bwd) && bwd[j] >= 0 && x >= n-bwd[j] {
					return x, y
				}
			}
		}
		for k := -d + bLo; k <= d-bHi; k += 2 {
			x := furthest(bwd, off+k, k, d)
			y := x - k
			for x < n && y < m && a[n-1-x] == b[m-1-y] {
				x, y = x+1, y+1
			}
			bwd[off+k] = x
			switch {
			case x > n:
				bHi += 2
			case y > m:
				bLo += 2
			case !odd:
				if j := off + delta - k; j >= 0 && j < len(fwd) && fwd[j] >= 0 && fwd[j] >= n-x {
					fx := fwd[j]
					return fx, fx - (delta - k)
				}
			}
		}
	}
	return 0, 0 // unreachable for valid input; compare treats it as "no progress"
}

// furthest picks the better predecessor for diagonal k at step d: one step
// down from k+1 or one step right from k-1, whichever reached further.
func furthest(v []int, i, k, d int) int {
	if k == -d || (k != d && v[i-1] < v[i+1]) {
		return v[i+1]
	}
	return v[i-1] + 1
}
