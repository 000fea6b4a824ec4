package search

import (
	"fmt"
	"sync"
	"testing"
)

func TestPutReplaceAndDelete(t *testing.T) {
	ix := MustFixture(t, "")
	if got, want := ix.Len(), 5; got != want {
		t.Fatalf("Len() = %d, want %d", got, want)
	}
	ix.Put(Doc{Kind: KindArticle, ID: "kb-2", Title: "Teams の録画", Body: "録画は OneDrive に保存されます。"})
	if got := ix.Search(Query{Text: "VPN"}); len(got) != 0 {
		t.Errorf("replaced text still found: %v", got)
	}
	if got := firstID(ix.Search(Query{Text: "録画"})); got != "kb-2" {
		t.Errorf("replacement not found: first = %q", got)
	}
	ix.Delete(KindArticle, "kb-2")
	ix.Delete(KindArticle, "kb-2") // twice is harmless
	ix.Delete("nosuchkind", "1")
	if got := ix.Search(Query{Text: "録画"}); len(got) != 0 {
		t.Errorf("deleted document still found: %v", got)
	}
	if got, want := ix.Len(), 4; got != want {
		t.Errorf("Len() = %d, want %d", got, want)
	}
}

func TestCompactionKeepsResults(t *testing.T) {
	ix := NewIndex(Options{})
	for i := range 400 {
		ix.Put(Doc{Kind: KindItem, ID: fmt.Sprint(i), Title: fmt.Sprintf("問い合わせ %d", i), Body: "印刷できない"})
	}
	ix.Put(Doc{Kind: KindItem, ID: "keep", Title: "VPN がつながらない", Body: "エラー -7200"})
	for i := range 350 {
		ix.Delete(KindItem, fmt.Sprint(i))
	}
	if got, want := ix.Len(), 51; got != want {
		t.Fatalf("Len() = %d, want %d", got, want)
	}
	if got := firstID(ix.Search(Query{Text: "-7200"})); got != "keep" {
		t.Errorf("after compaction first = %q, want keep", got)
	}
	if got, want := len(ix.Search(Query{Text: "印刷", Limit: 100})), 50; got != want {
		t.Errorf("after compaction %d hits, want %d", got, want)
	}
}

func TestConcurrentUse(t *testing.T) {
	ix := MustFixture(t, "PW, パスワード")
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := range 100 {
				id := fmt.Sprintf("%d-%d", w, i)
				ix.Put(Doc{Kind: KindItem, ID: id, Title: "プリンターの紙詰まり", Body: "印刷できません"})
				if i%3 == 0 {
					ix.Delete(KindItem, id)
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range 100 {
				ix.Search(Query{Text: "印刷 PW"})
				ix.Answer("印刷できない", nil)
				ix.Len()
			}
		}()
	}
	wg.Wait()
	if got, want := ix.Len(), 5+4*66; got != want {
		t.Errorf("Len() = %d, want %d", got, want)
	}
}

func TestOrderIndependent(t *testing.T) {
	docs := MustLoadKB(t)
	a := NewIndex(Options{})
	for _, d := range docs {
		a.Put(d)
	}
	b := NewIndex(Options{})
	for i := len(docs) - 1; i >= 0; i-- {
		b.Put(Doc{Kind: KindArticle, ID: docs[i].ID, Title: "古い版", Body: "差し替え前の本文"})
		b.Put(Doc{Kind: KindItem, ID: docs[i].ID, Title: docs[i].Title})
	}
	for i := len(docs) - 1; i >= 0; i-- {
		b.Put(docs[i])
		b.Delete(KindItem, docs[i].ID)
	}
	for _, q := range MustQueries(t) {
		ha, hb := a.Search(Query{Text: q.Text}), b.Search(Query{Text: q.Text})
		if fmt.Sprint(ha) != fmt.Sprint(hb) {
			t.Fatalf("Search(%q) differs:\n%v\n%v", q.Text, ha, hb)
		}
	}
}

func TestReplaceCompacts(t *testing.T) {
	ix := NewIndex(Options{})
	for i := range 1000 {
		ix.Put(Doc{Kind: KindItem, ID: "1", Title: fmt.Sprintf("版 %d", i), Body: "本文"})
	}
	ix.mu.RLock()
	n := len(ix.shards[KindItem].docs)
	ix.mu.RUnlock()
	if n > 100 {
		t.Errorf("%d document slots after 1000 edits of one document, want tombstones compacted", n)
	}
	if got := firstID(ix.Search(Query{Text: "版 999"})); got != "1" {
		t.Errorf("latest version not found")
	}
}
