package search

// tok is one term occurrence in normalised text. CJK terms are character
// grams packed into an integer (no string allocated per gram); Latin and
// digit runs are words.
type tok struct {
	gram     uint64 // non-zero for a CJK unigram or bigram
	word     string // the word when gram is zero
	pos, end int    // rune span in the normText
	sc0, sc1 byte   // scripts of a gram's runes (sc1 is scOther for unigrams)
	part     bool   // one part of a hyphenated word such as wi-fi
}

// gramKey packs one or two runes; runes fit in 21 bits and a bigram's first
// rune is never zero, so unigrams and bigrams cannot collide.
func gramKey(r1, r2 rune) uint64 {
	return uint64(r1)<<21 | uint64(r2)
}

// gramRunes is the inverse of gramKey (r1 is 0 for unigrams).
func gramRunes(k uint64) (r1, r2 rune) {
	return rune(k >> 21), rune(k & (1<<21 - 1))
}

// bigramOK decides whether two adjacent CJK runes form an indexed bigram.
// Kanji followed by kana (okurigana: 忘れ, 出て) carries meaning; kana
// followed by kanji is mostly a particle before the next word, and katakana
// next to anything else is a word boundary, so both are skipped as noise.
func bigramOK(a, b byte) bool {
	return a == b || a == scHan && b == scHira
}

func isCJK(sc byte) bool { return sc == scHan || sc == scKata || sc == scHira }

// walkTerms calls fn for every term of t in order: Han unigrams and bigrams
// for CJK runs, words for Latin/digit runs. A hyphenated word (wi-fi, 7-zip)
// yields its parts and the joined form, so "wifi" finds "Wi-Fi".
func walkTerms(t *normText, fn func(tk tok)) {
	n := len(t.r)
	for i := 0; i < n; {
		sc := t.sc[i]
		switch {
		case sc == scLatin:
			i = walkWord(t, i, fn)
		case isCJK(sc):
			j := i
			for j < n && isCJK(t.sc[j]) {
				if t.sc[j] == scHan {
					fn(tok{gram: gramKey(0, t.r[j]), pos: j, end: j + 1, sc0: scHan})
				}
				if j+1 < n && bigramOK(t.sc[j], t.sc[j+1]) {
					fn(tok{gram: gramKey(t.r[j], t.r[j+1]), pos: j, end: j + 2, sc0: t.sc[j], sc1: t.sc[j+1]})
				}
				j++
			}
			i = j
		default:
			i++
		}
	}
}

// walkWord emits the word (or hyphenated compound) starting at i and returns
// the index after it.
func walkWord(t *normText, i int, fn func(tk tok)) int {
	n := len(t.r)
	start := i
	var parts [][2]int
	for {
		j := i
		for j < n && t.sc[j] == scLatin {
			j++
		}
		parts = append(parts, [2]int{i, j})
		if j+1 < n && t.r[j] == '-' && t.sc[j+1] == scLatin {
			i = j + 1
			continue
		}
		i = j
		break
	}
	if len(parts) == 1 {
		splitAlnum(t, start, i, fn)
		fn(tok{word: string(t.r[start:i]), pos: start, end: i})
		return i
	}
	joined := make([]rune, 0, i-start)
	for _, p := range parts {
		splitAlnum(t, p[0], p[1], fn)
		fn(tok{word: string(t.r[p[0]:p[1]]), pos: p[0], end: p[1], part: true})
		joined = append(joined, t.r[p[0]:p[1]]...)
	}
	fn(tok{word: string(joined), pos: start, end: i})
	return i
}

// splitAlnum emits the two halves of a word with exactly one letter/digit
// change (20mb, win11, m365) as parts, so "mb" or "windows 11" finds them;
// codes with more changes (0x800f0922) are only matched whole.
func splitAlnum(t *normText, lo, hi int, fn func(tk tok)) {
	cut := -1
	for j := lo + 1; j < hi; j++ {
		if isDigit(t.r[j]) != isDigit(t.r[j-1]) {
			if cut >= 0 {
				return
			}
			cut = j
		}
	}
	if cut < 0 {
		return
	}
	fn(tok{word: string(t.r[lo:cut]), pos: lo, end: cut, part: true})
	fn(tok{word: string(t.r[cut:hi]), pos: cut, end: hi, part: true})
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }
