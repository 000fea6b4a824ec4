package search

import (
	"strings"
	"sync"
	"sync/atomic"
)

// Doc is one searchable record: an article, an item or an asset.
type Doc struct {
	Kind     string   // "article", "item", "asset", …
	ID       string   // stable key within Kind, e.g. "kb-001" or "42"
	Title    string   // shown in hits; weighted highest
	Body     string   // plain text or Markdown; Markdown syntax is stripped
	Tags     []string // weighted between title and body
	Category string   // indexed with the tags
	Access   string   // opaque ACL value handed back to Query.Allow
}

// Options configures an Index.
type Options struct {
	// Synonyms applied at query time; nil means DefaultSynonyms, an empty
	// list (ParseSynonyms("")) means none.
	Synonyms *Synonyms
}

// Index is a thread-safe in-memory search index. The zero value is not
// usable; call NewIndex.
type Index struct {
	mu     sync.RWMutex
	dict   dict
	shards map[string]*shard // one per kind, so IDF and filters stay per kind
	syn    *Synonyms
	access map[string]string // interned ACL strings
}

// shard holds the documents and postings of one kind.
type shard struct {
	kind   string
	docs   []*docRec // by local id; nil once deleted
	byID   map[string]uint32
	live   int
	terms  map[uint32]*plist
	lenSum [numFields]int64
	lens   [][numFields]uint32 // field lengths in terms, by local id
	ver    uint64              // bumped by every change, to invalidate norms
	norms  atomic.Pointer[normCache]
	normMu sync.Mutex // one reader recomputes norms, the others wait for it
}

// docRec is what the index keeps of a Doc: the stripped text for snippets
// and answers (and for re-analysis when it is removed).
type docRec struct {
	id, title, body, category, access string
	tags                              []string
}

// NewIndex returns an empty index.
func NewIndex(opts Options) *Index {
	syn := opts.Synonyms
	if syn == nil {
		syn = DefaultSynonyms()
	}
	return &Index{shards: map[string]*shard{}, syn: syn, access: map[string]string{}, dict: newDict()}
}

// SetSynonyms replaces the synonym list; it takes effect on the next query
// because synonyms are applied at query time, so nothing is re-indexed.
func (ix *Index) SetSynonyms(s *Synonyms) {
	if s == nil {
		s = &Synonyms{}
	}
	ix.mu.Lock()
	ix.syn = s
	ix.mu.Unlock()
}

// Len returns the number of documents in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n := 0
	for _, sh := range ix.shards {
		n += sh.live
	}
	return n
}

// Put adds d, replacing any document with the same Kind and ID.
func (ix *Index) Put(d Doc) {
	rec := &docRec{id: d.ID, title: strings.TrimSpace(d.Title), category: d.Category,
		tags: append([]string(nil), d.Tags...), body: dropTitleHeading(stripMarkdown(d.Body), d.Title)}
	fc := analyze(rec) // outside the lock: tokenising is the expensive part
	defer fc.release()

	ix.mu.Lock()
	defer ix.mu.Unlock()
	rec.access = ix.internAccess(d.Access)
	sh := ix.shards[d.Kind]
	if sh == nil {
		sh = &shard{kind: d.Kind, byID: map[string]uint32{}, terms: map[uint32]*plist{}}
		ix.shards[d.Kind] = sh
	}
	if old, ok := sh.byID[d.ID]; ok {
		ix.removeLocked(sh, old)
		sh.maybeCompact() // edits leave tombstones just as deletes do
	}
	local := uint32(len(sh.docs))
	sh.docs = append(sh.docs, rec)
	sh.lens = append(sh.lens, fc.lens)
	sh.byID[d.ID] = local
	sh.live++
	sh.ver++
	for f, l := range fc.lens {
		sh.lenSum[f] += int64(l)
	}
	// Term ids follow arrival order; nothing in scoring depends on them.
	for k, c := range fc.grams {
		sh.addPosting(ix.dict.gramID(k), local, c)
	}
	for w, c := range fc.words {
		sh.addPosting(ix.dict.wordID(w), local, c)
	}
}

// Delete removes the document with the given kind and id, if present.
func (ix *Index) Delete(kind, id string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	sh := ix.shards[kind]
	if sh == nil {
		return
	}
	if local, ok := sh.byID[id]; ok {
		ix.removeLocked(sh, local)
		sh.maybeCompact()
	}
}

// removeLocked unlinks a document. Its postings stay until compaction (a
// tombstone is cheaper than rewriting lists on every edit); document
// frequencies are corrected now by re-analysing the stored text.
func (ix *Index) removeLocked(sh *shard, local uint32) {
	rec := sh.docs[local]
	fc := analyze(rec)
	defer fc.release()
	for k := range fc.grams {
		if id, ok := ix.dict.grams[k]; ok {
			sh.decDF(id)
		}
	}
	for w := range fc.words {
		if id, ok := ix.dict.words[w]; ok {
			sh.decDF(id)
		}
	}
	for f, l := range sh.lens[local] {
		sh.lenSum[f] -= int64(l)
	}
	sh.docs[local] = nil
	sh.lens[local] = [numFields]uint32{}
	delete(sh.byID, rec.id)
	sh.live--
	sh.ver++
}

func (ix *Index) internAccess(a string) string {
	if s, ok := ix.access[a]; ok {
		return s
	}
	ix.access[a] = a
	return a
}

// dropTitleHeading removes a leading block that repeats the title (the usual
// "# Title" line), so it neither counts twice nor becomes an answer passage.
func dropTitleHeading(body, title string) string {
	first, rest, _ := strings.Cut(body, "\n\n")
	first, title = strings.TrimSpace(first), strings.TrimSpace(title)
	if title != "" && (first == title || len(first) < 2*len(title) && Normalize(first) == Normalize(title)) {
		return rest
	}
	return body
}
