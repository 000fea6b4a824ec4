package search

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Script classes of normalised runes; they steer how runs are cut into terms.
const (
	scOther byte = iota
	scLatin      // letters and digits outside CJK
	scHan
	scKata
	scHira // hiragana in the source, folded to katakana in the output
)

// normText is normalised text with, for each rune, its script and the byte
// span of the source it came from, so that snippets can mark the original.
type normText struct {
	r     []rune
	sc    []byte
	start []int32
	end   []int32
	vu    bool // the last rune came from ヴ, so a small vowel joins it (ヴァ→バ)
}

// Normalize returns the form the index compares text in: NFKC (so ﾊﾟｽﾜｰﾄﾞ
// and ＶＰＮ become full-width kana and ASCII), lower case, hiragana folded
// to katakana, small vowels and ヴ-sounds unified, and prolonged sound marks
// after kana dropped (プリンター, プリンタ and ぷりんた all become プリンタ).
func Normalize(s string) string {
	return string(normalize(s).r)
}

// normalize is Normalize with scripts and source offsets kept.
func normalize(s string) normText {
	t := normText{
		r:     make([]rune, 0, len(s)/2+1),
		sc:    make([]byte, 0, len(s)/2+1),
		start: make([]int32, 0, len(s)/2+1),
		end:   make([]int32, 0, len(s)/2+1),
	}
	var buf [8]byte
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		lo, hi := int32(i), int32(i+w)
		i += w
		if r < utf8.RuneSelf || isFastCJK(r) {
			t.push(r, lo, hi)
			continue
		}
		if m, ok := widthTable[r]; ok { // full-width, half-width and CJK punctuation
			for _, x := range m {
				t.push(x, lo, hi)
			}
			continue
		}
		// Rare path: other compatibility forms (circled, squared…).
		n := utf8.EncodeRune(buf[:], r)
		for _, m := range norm.NFKC.String(string(buf[:n])) {
			t.push(m, lo, hi)
		}
	}
	return t
}

// widthTable caches NFKC for the blocks Japanese text uses on every line:
// CJK punctuation (、。「」), full-width ASCII (（：１Ａ) and half-width kana.
var widthTable = func() map[rune][]rune {
	m := map[rune][]rune{}
	for _, block := range [][2]rune{{0x3000, 0x303F}, {0xFF00, 0xFFEF}} {
		for r := block[0]; r <= block[1]; r++ {
			m[r] = []rune(norm.NFKC.String(string(r)))
		}
	}
	return m
}()

// isFastCJK reports runes that NFKC leaves unchanged and push handles itself.
func isFastCJK(r rune) bool {
	return (r >= 0x3041 && r <= 0x30FF && r != 0x309B && r != 0x309C) ||
		(r >= 0x4E00 && r <= 0x9FFF) || (r >= 0x3400 && r <= 0x4DBF) ||
		r == 0x3005 || r == 0x3006
}

// push appends one NFKC-normalised rune, applying the kana foldings.
func (t *normText) push(r rune, lo, hi int32) {
	n := len(t.r)
	switch {
	case r == 0x3099 || r == 0x309A: // combining (semi-)voiced mark, e.g. from ﾊﾟ or NFD file names
		if n == 0 {
			return
		}
		prev, sc, start := t.r[n-1], t.sc[n-1], t.start[n-1]
		c := []rune(norm.NFC.String(string([]rune{prev, r})))
		if len(c) != 1 || sc != scKata && sc != scHira {
			t.end[n-1] = hi // nothing to voice: drop the mark
			return
		}
		// Re-add the voiced kana so its foldings apply too (ｳﾞｧ → ヴァ → バ).
		t.r, t.sc, t.start, t.end = t.r[:n-1], t.sc[:n-1], t.start[:n-1], t.end[:n-1]
		t.kana(c[0], sc, start, hi)
		return
	case r == 'ー' || r == 0x2015 && n > 0 && t.sc[n-1] == scKata:
		// Prolonged marks vary freely (サーバー/サーバ): drop them after kana.
		if n > 0 && (t.sc[n-1] == scKata || t.sc[n-1] == scHira) {
			t.end[n-1] = hi
			return
		}
		t.add(r, scOther, lo, hi)
		return
	case r >= 0x3041 && r <= 0x3096 || r == 0x309D || r == 0x309E:
		t.kana(r+0x60, scHira, lo, hi)
		return
	case r >= 0x30A1 && r <= 0x30FA || r == 0x30FD || r == 0x30FE:
		t.kana(r, scKata, lo, hi)
		return
	case r == 0x30FB: // katakana middle dot separates words
		t.add(r, scOther, lo, hi)
		return
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		sc := scOther
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			sc = scLatin
		}
		t.add(r, sc, lo, hi)
		return
	case unicode.Is(unicode.Han, r):
		t.add(r, scHan, lo, hi)
		return
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		t.add(unicode.ToLower(r), scLatin, lo, hi)
		return
	}
	t.add(r, scOther, lo, hi)
}

// kana appends a katakana rune (hiragana already shifted), unifying
// spelling variants that colleagues mix freely.
func (t *normText) kana(r rune, sc byte, lo, hi int32) {
	if b, ok := vuRow[r]; ok && t.vu {
		n := len(t.r) - 1
		t.r[n], t.end[n], t.vu = b, hi, false
		return
	}
	switch r {
	case 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ':
		r++ // ウィルス/ウイルス, ウィンドウズ/ウインドウズ: small vowels are optional
	case 'ヵ', 'ヶ':
		r = 'カ' // 3ヶ月/3カ月/3か月
	case 'ヮ':
		r = 'ワ'
	case 'ヴ':
		t.add('ブ', sc, lo, hi)
		t.vu = true
		return
	}
	t.add(r, sc, lo, hi)
}

func (t *normText) add(r rune, sc byte, lo, hi int32) {
	t.r = append(t.r, r)
	t.sc = append(t.sc, sc)
	t.start = append(t.start, lo)
	t.end = append(t.end, hi)
	t.vu = false
}

// vuRow maps small vowels after ヴ to the b-row (ヴァ→バ), the usual variant.
var vuRow = map[rune]rune{'ァ': 'バ', 'ィ': 'ビ', 'ゥ': 'ブ', 'ェ': 'ベ', 'ォ': 'ボ'}
