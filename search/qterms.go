package search

import "strings"

// stopText lists hiragana bigrams that carry grammar rather than topic in
// questions (です, ません, ください, して, ので, どこ …). They are dropped from
// queries only; documents keep them so that a query made only of kana still
// finds something.
const stopText = `です でし ます まし ませ せん ない なく なか なっ した して しい しま
てい てる いる いま ある あり する すれ され れる られ れた れて ので のに から まで など
くだ ださ さい たい たら たの ほし って った でき きな きま きる きて どこ どう なに なん
よう こと もの とき ため とい いう おね ねが がい けど だけ ても でも これ それ あれ この
その いた いい すか すが じゃ ちゃ ゃっ ゃう てし しょ ょう まう おし しえ えて れま
みた ってる なの もう`

// fillerText lists kanji+kana bigrams of request phrases (教えて, お願い,
// お疲れ様, 知りたい, 困って) that say nothing about the topic.
const fillerText = `教え 願い 疲れ 知り 困っ`

var stopGrams = func() map[uint64]bool {
	m := map[uint64]bool{}
	for _, w := range strings.Fields(stopText + " " + fillerText) {
		nt := normalize(w) // folded like the index folds hiragana
		m[gramKey(nt.r[0], nt.r[1])] = true
	}
	return m
}()

// posTerm is a weighted query term with its place in the query.
type posTerm struct {
	qterm
	pos, end int
}

// queryTerms cuts normalised query text into weighted terms.
func queryTerms(nt *normText) []posTerm {
	content := hasContent(nt)
	var out []posTerm
	walkTerms(nt, func(tk tok) {
		if tk.part {
			return // the joined form (wifi) is searched instead of wi + fi
		}
		w := 1.0
		switch {
		case tk.gram == 0:
		case tk.sc1 == scOther: // unigram
			w = unigramWeight(nt, tk.pos)
		case tk.sc0 == scHira && tk.sc1 == scHira:
			if stopGrams[tk.gram] || crossesParticle(tk.gram) {
				return
			}
			if content {
				w = wKana
			}
		case tk.sc0 == scHan && tk.sc1 == scHira:
			if stopGrams[tk.gram] || isParticle(nt, tk.pos+1) {
				return
			}
			w = wOkurigana
		}
		out = append(out, posTerm{qterm{w: w, gram: tk.gram, word: tk.word}, tk.pos, tk.end})
	})
	return out
}

// unigramWeight weighs a kanji unigram by its place. Inside a compound it
// is covered by the compound's bigrams. Standing alone it is a one-kanji
// word (紙, 家) or the stem of an inflected word (遅い/遅くて, 忘れた/忘れて),
// which the okurigana bigram misses when the inflection differs.
func unigramWeight(nt *normText, i int) float64 {
	if i > 0 && nt.sc[i-1] == scHan || i+1 < len(nt.r) && nt.sc[i+1] == scHan {
		return wUnigram
	}
	return wStem
}

// hasContent reports whether the text has anything besides hiragana; a
// question typed all in hiragana (ぷりんた) makes its kana bigrams content.
func hasContent(nt *normText) bool {
	for _, sc := range nt.sc {
		if sc == scHan || sc == scKata || sc == scLatin {
			return true
		}
	}
	return false
}

// isParticle reports a lone hiragana between other scripts (会社の|Wi-Fi,
// PC|が): a particle, not okurigana, so the kanji+kana bigram before it
// joins two words and says nothing.
func isParticle(nt *normText, i int) bool {
	return nt.sc[i] == scHira && (i+1 >= len(nt.r) || nt.sc[i+1] != scHira)
}

// crossesParticle reports kana bigrams starting with the particles の or を,
// or ending with を, which join two words (をつなぐ, 家のパソコン).
func crossesParticle(g uint64) bool {
	r1, r2 := gramRunes(g)
	return r1 == 'ヲ' || r1 == 'ノ' || r2 == 'ヲ'
}

// sentences numbers the sentence of every rune: a ticket-style question
// often wraps one real question in greetings and context.
func sentences(nt *normText) []int {
	out := make([]int, len(nt.r))
	n := 0
	for i, r := range nt.r {
		out[i] = n
		if r == '。' || r == '!' || r == '?' || r == '\n' {
			n = min(n+1, maxSentences-1)
		}
	}
	return out
}

// onlySeparators reports whether nothing but spaces and punctuation
// follows position i.
func onlySeparators(nt *normText, i int) bool {
	for _, sc := range nt.sc[i:] {
		if sc != scOther {
			return false
		}
	}
	return true
}

// maxSentences bounds per-sentence bookkeeping; later ones share the last.
const maxSentences = 8
