package search

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// synthCorpus builds documents deterministically from the knowledge base's
// lines, so benchmarks see realistic Japanese without shipping a large file.
type synthCorpus struct {
	lines, titles, tags []string
	rng                 *rand.Rand
}

func newSynthCorpus(tb testing.TB) *synthCorpus {
	tb.Helper()
	c := &synthCorpus{rng: rand.New(rand.NewPCG(1, 2))}
	for _, d := range MustLoadKB(tb) {
		c.titles = append(c.titles, d.Title)
		c.tags = append(c.tags, d.Tags...)
		for _, l := range strings.Split(d.Body, "\n") {
			if l = strings.TrimSpace(l); len([]rune(l)) > 10 {
				c.lines = append(c.lines, l)
			}
		}
	}
	return c
}

func (c *synthCorpus) pick(list []string) string { return list[c.rng.IntN(len(list))] }

func (c *synthCorpus) body(lines int) string {
	var b strings.Builder
	for range lines {
		b.WriteString(c.pick(c.lines))
		b.WriteString("\n")
	}
	return b.String()
}

// article is a page of 8–20 knowledge-base lines.
func (c *synthCorpus) article(i int) Doc {
	return Doc{Kind: KindArticle, ID: fmt.Sprintf("a%d", i), Title: c.pick(c.titles) + fmt.Sprintf("（%d）", i),
		Body: c.body(8 + c.rng.IntN(13)), Tags: []string{c.pick(c.tags), c.pick(c.tags)}, Access: "everyone"}
}

// item is a ticket: a short title and 2–5 lines.
func (c *synthCorpus) item(i int) Doc {
	t := []rune(c.pick(c.lines))
	return Doc{Kind: KindItem, ID: fmt.Sprint(i), Title: string(t[:min(len(t), 30)]), Body: c.body(2 + c.rng.IntN(4)),
		Access: fmt.Sprintf("restricted:%d", i%50)}
}

var (
	benchOnce sync.Once
	benchIx   *Index
)

// benchIndex is 10,000 articles and 100,000 items, built once per run.
func benchIndex(b *testing.B) *Index {
	b.Helper()
	benchOnce.Do(func() {
		c := newSynthCorpus(b)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		benchIx = NewIndex(Options{})
		for i := range 10000 {
			benchIx.Put(c.article(i))
		}
		for i := range 100000 {
			benchIx.Put(c.item(i))
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.Logf("indexed %d docs in %v, heap %.0f MiB", benchIx.Len(), time.Since(start).Round(time.Millisecond),
			float64(after.HeapAlloc-before.HeapAlloc)/(1<<20))
	})
	return benchIx
}

// BenchmarkSearch runs the dev questions against the large index and
// reports the 95th percentile latency next to ns/op.
func BenchmarkSearch(b *testing.B) {
	ix := benchIndex(b)
	qs := MustQueries(b)
	allow := func(kind, access string) bool { return kind == KindArticle || access == "restricted:1" }
	var lat []time.Duration
	b.ReportAllocs()
	cpu0 := cpuTime()
	n := 0
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		ix.Search(Query{Text: qs[i%len(qs)].Text, Limit: 10, Allow: allow})
		lat = append(lat, time.Since(start))
		n++
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(n), "cpu-ns/op")
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
}

// BenchmarkAnswer is the chat path: articles only, with passage selection.
func BenchmarkAnswer(b *testing.B) {
	ix := benchIndex(b)
	qs := MustQueries(b)
	b.ReportAllocs()
	cpu0 := cpuTime()
	n := 0
	for i := 0; b.Loop(); i++ {
		ix.Answer(qs[i%len(qs)].Text, nil)
		n++
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(n), "cpu-ns/op")
}

// BenchmarkPut measures indexing throughput of new ticket-sized items.
func BenchmarkPut(b *testing.B) {
	benchPut(b, func(i int) string { return fmt.Sprint(i) })
}

// BenchmarkPutReplace measures edits: each Put replaces one of 1,000 items
// (unlinking the old version and, now and then, compacting).
func BenchmarkPutReplace(b *testing.B) {
	benchPut(b, func(i int) string { return fmt.Sprint(i % 1000) })
}

func benchPut(b *testing.B, id func(int) string) {
	c := newSynthCorpus(b)
	docs := make([]Doc, 1000)
	for i := range docs {
		docs[i] = c.item(i)
	}
	ix := NewIndex(Options{})
	b.ReportAllocs()
	cpu0 := cpuTime()
	n := 0
	for i := 0; b.Loop(); i++ {
		d := docs[i%len(docs)]
		d.ID = id(i)
		ix.Put(d)
		n++
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(n), "cpu-ns/op")
}
