package search

import (
	"slices"
	"sync"
)

// Fields of a document, weighted separately by BM25F.
const (
	fTitle = iota
	fTags  // tags and category
	fBody
	numFields
)

// dict interns terms to small integer ids shared by all shards, so each
// gram or word is stored once however many documents use it.
type dict struct {
	grams   map[uint64]uint32
	words   map[string]uint32
	wordsBy map[int][]wordEntry // words by rune length, for typo lookup
	nextID  uint32
}

func newDict() dict {
	return dict{grams: map[uint64]uint32{}, words: map[string]uint32{}, wordsBy: map[int][]wordEntry{}}
}

func (d *dict) gramID(k uint64) uint32 {
	if id, ok := d.grams[k]; ok {
		return id
	}
	d.nextID++
	d.grams[k] = d.nextID
	return d.nextID
}

func (d *dict) wordID(w string) uint32 {
	if id, ok := d.words[w]; ok {
		return id
	}
	d.nextID++
	d.words[w] = d.nextID
	n := len([]rune(w))
	d.wordsBy[n] = append(d.wordsBy[n], wordEntry{w, runeMask(w)})
	return d.nextID
}

// wordEntry is a known word with its letter set, for typo guessing.
type wordEntry struct {
	w    string
	mask uint64
}

// plist is a term's posting list within a shard: shard-local document ids
// in ascending order and, in a parallel slice, the term's frequency per
// field packed into 16 bits (6 bytes a posting; postings are most of the
// index's memory). df counts live documents only.
type plist struct {
	df   uint32
	docs []uint32
	tfs  []uint16
}

// packTF packs title(3) | tags(3) | body(10) bits. BM25 saturates long
// before the caps (7 title mentions already score 95% of the maximum).
func packTF(c [numFields]uint32) uint16 {
	return uint16(min(c[fTitle], 7)<<13 | min(c[fTags], 7)<<10 | min(c[fBody], 1023))
}

func (sh *shard) addPosting(id, doc uint32, c [numFields]uint32) {
	pl := sh.terms[id]
	if pl == nil {
		pl = &plist{}
		sh.terms[id] = pl
	}
	pl.df++
	pl.docs = append(pl.docs, doc)
	pl.tfs = append(pl.tfs, packTF(c))
}

func (sh *shard) decDF(id uint32) {
	if pl := sh.terms[id]; pl != nil && pl.df > 0 {
		pl.df--
	}
}

// tf returns the packed frequencies of term id in doc (0 if absent).
func (sh *shard) tf(id, doc uint32) uint16 {
	pl := sh.terms[id]
	if pl == nil {
		return 0
	}
	if i, ok := slices.BinarySearch(pl.docs, doc); ok {
		return pl.tfs[i]
	}
	return 0
}

// maybeCompact drops tombstoned documents once they are a quarter of the
// shard, keeping the amortised cost of deletes constant.
func (sh *shard) maybeCompact() {
	dead := len(sh.docs) - sh.live
	if dead < 64 || dead < sh.live/4 {
		return
	}
	remap := make([]uint32, len(sh.docs))
	docs := make([]*docRec, 0, sh.live)
	lens := make([][numFields]uint32, 0, sh.live)
	for i, d := range sh.docs {
		if d != nil {
			remap[i] = uint32(len(docs))
			sh.byID[d.id] = uint32(len(docs))
			docs = append(docs, d)
			lens = append(lens, sh.lens[i])
		}
	}
	for id, pl := range sh.terms {
		if pl.df == 0 {
			delete(sh.terms, id)
			continue
		}
		docs, tfs := make([]uint32, 0, pl.df), make([]uint16, 0, pl.df)
		for i, d := range pl.docs {
			if sh.docs[d] != nil {
				docs = append(docs, remap[d])
				tfs = append(tfs, pl.tfs[i])
			}
		}
		pl.docs, pl.tfs = docs, tfs
	}
	sh.docs, sh.lens = docs, lens
	sh.ver++
}

// fieldCounts is the analysis of one document: per-term frequencies per
// field and field lengths in terms.
type fieldCounts struct {
	grams map[uint64][numFields]uint32
	words map[string][numFields]uint32
	lens  [numFields]uint32
}

var countsPool = sync.Pool{New: func() any {
	return &fieldCounts{grams: map[uint64][numFields]uint32{}, words: map[string][numFields]uint32{}}
}}

func (fc *fieldCounts) release() {
	clear(fc.grams)
	clear(fc.words)
	fc.lens = [numFields]uint32{}
	countsPool.Put(fc)
}

// analyze counts the terms of a stored document.
func analyze(rec *docRec) *fieldCounts {
	fc := countsPool.Get().(*fieldCounts)
	fc.addText(fTitle, rec.title)
	for _, t := range rec.tags {
		fc.addText(fTags, t)
	}
	fc.addText(fTags, rec.category)
	fc.addText(fBody, rec.body)
	return fc
}

func (fc *fieldCounts) addText(f int, s string) {
	if s == "" {
		return
	}
	nt := normalize(s)
	walkTerms(&nt, func(tk tok) {
		fc.lens[f]++
		if tk.gram != 0 {
			c := fc.grams[tk.gram]
			c[f]++
			fc.grams[tk.gram] = c
			return
		}
		c := fc.words[tk.word]
		c[f]++
		fc.words[tk.word] = c
	})
}
