package search

import "math"

// normCache holds every document's BM25F field factors, weight over length
// normalisation, so the inner scoring loop only multiplies. The averages
// come from the shard's current documents alone, never from the order they
// arrived in, so two stores feeding the same documents in different orders
// (SQLite and PostgreSQL) get the same scores.
type normCache struct {
	ver uint64
	f   [][numFields]float32
}

// currentNorms returns the factors for the shard as it is now, recomputing
// them on the first query after a change. Each kind is normalised by its own
// average lengths: tickets are short and pages long, and neither should be
// judged by the other's. The caller holds the index lock, for reading at
// least, so the shard cannot change meanwhile.
func (sh *shard) currentNorms() [][numFields]float32 {
	if c := sh.norms.Load(); c != nil && c.ver == sh.ver {
		return c.f
	}
	sh.normMu.Lock()
	defer sh.normMu.Unlock()
	if c := sh.norms.Load(); c != nil && c.ver == sh.ver {
		return c.f
	}
	var avg [numFields]float64
	for f := range avg {
		avg[f] = math.Max(float64(sh.lenSum[f])/math.Max(float64(sh.live), 1), 1)
	}
	c := &normCache{ver: sh.ver, f: make([][numFields]float32, len(sh.lens))}
	for i, l := range sh.lens {
		for f := range l {
			c.f[i][f] = float32(fieldWeight[f] / (1 - fieldB[f] + fieldB[f]*float64(l[f])/avg[f]))
		}
	}
	sh.norms.Store(c)
	return c.f
}
