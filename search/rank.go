package search

import (
	"container/heap"
	"sort"
	"sync"
)

var accPool = sync.Pool{New: func() any { return new([]float32) }}

// rank returns up to k allowed documents, best first.
func (ix *Index) rank(p *plan, allow func(kind, access string) bool, k int) []cand {
	allowed := map[string]bool{} // per ACL value: Allow may be costly
	ok := func(sh *shard, d *docRec) bool {
		if allow == nil {
			return true
		}
		key := sh.kind + "\x00" + d.access
		v, seen := allowed[key]
		if !seen {
			v = allow(sh.kind, d.access)
			allowed[key] = v
		}
		return v
	}
	top := &candHeap{}
	kc := max(k*4, minCandidates)
	for _, sh := range p.shards {
		accp := accPool.Get().(*[]float32)
		if cap(*accp) < len(sh.docs) {
			*accp = make([]float32, len(sh.docs))
		}
		acc := (*accp)[:len(sh.docs)]
		nf := sh.currentNorms()
		p.accumulate(sh, nf, acc)
		for doc, a := range acc {
			if a <= 0 || top.Len() == kc && float64(a) <= (*top)[0].approx {
				continue
			}
			if !ok(sh, sh.docs[doc]) {
				continue
			}
			heap.Push(top, cand{sh: sh, nf: nf, doc: uint32(doc), approx: float64(a)})
			if top.Len() > kc {
				heap.Pop(top)
			}
		}
		clear(acc)
		accPool.Put(accp)
	}
	cs := []cand(*top)
	for i := range cs {
		p.exact(&cs[i])
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].score != cs[j].score {
			return cs[i].score > cs[j].score
		}
		if cs[i].sh.kind != cs[j].sh.kind {
			return cs[i].sh.kind < cs[j].sh.kind
		}
		return cs[i].sh.docs[cs[i].doc].id < cs[j].sh.docs[cs[j].doc].id
	})
	return cs[:min(len(cs), k)]
}

// candHeap is a min-heap on approx, keeping the best candidates seen.
type candHeap []cand

func (h candHeap) Len() int           { return len(h) }
func (h candHeap) Less(i, j int) bool { return h[i].approx < h[j].approx }
func (h candHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *candHeap) Push(x any)        { *h = append(*h, x.(cand)) }
func (h *candHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
