package mail

import (
	"strings"

	"golang.org/x/text/encoding/japanese"
)

// ISO-2022-JP character sets selected by escape sequences.
const (
	jisASCII = iota
	jisKana  // JIS X 0201 katakana (ESC ( I, or SO/SI as CP50221 allows)
	jis0208  // JIS X 0208 with the NEC and NEC-selected IBM rows of CP932
	jis0212  // JIS X 0212 supplementary kanji (ISO-2022-JP-1/2)
)

// decodeISO2022JP decodes ISO-2022-JP the way Outlook writes it (CP50221).
// x/text's ISO2022JP decoder rejects the NEC row 13 (①, ㈱) and the
// NEC-selected IBM rows 89-92 (髙, 﨑) that Windows users type every day, so
// two-byte codes are re-expressed as CP932 bytes and decoded with x/text's
// Shift_JIS table, which carries those rows and the Windows mappings of
// 0x2141 (～ U+FF5E) and 0x215D (－ U+FF0D). Malformed input becomes U+FFFD.
func decodeISO2022JP(b []byte) string {
	var out strings.Builder
	out.Grow(len(b))
	var sj []byte // pending run of CP932 bytes, decoded in one call for speed
	flush := func() {
		if len(sj) > 0 {
			out.WriteString(decodeWith(japanese.ShiftJIS, sj))
			sj = sj[:0]
		}
	}
	mode, shifted := jisASCII, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == 0x1B:
			if m, n, ok := jisEscape(b[i:]); ok {
				if m >= 0 {
					mode, shifted = m, false
				}
				i += n - 1
			}
			continue // an unknown escape is dropped rather than shown
		case c == 0x0E:
			shifted = true
			continue
		case c == 0x0F:
			shifted = false
			continue
		case c == '\r' || c == '\n':
			// RFC 1468 lines end in ASCII; resetting repairs senders that forget.
			flush()
			out.WriteByte(c)
			mode, shifted = jisASCII, false
			continue
		case c >= 0x80:
			sj = append(sj, c) // stray 8-bit bytes are nearly always CP932 half-width kana
			continue
		}
		switch {
		case shifted || mode == jisKana:
			if c >= 0x21 && c <= 0x5F {
				sj = append(sj, c+0x80)
			} else {
				flush()
				out.WriteByte(c)
			}
		case mode == jis0208 && c >= 0x21 && c <= 0x7E:
			if i+1 >= len(b) || b[i+1] < 0x21 || b[i+1] > 0x7E {
				flush()
				out.WriteRune('\uFFFD')
				continue
			}
			s1, s2 := jisToSJIS(c, b[i+1])
			sj = append(sj, s1, s2)
			i++
		case mode == jis0212 && c >= 0x21 && c <= 0x7E:
			flush()
			if i+1 >= len(b) || b[i+1] < 0x21 || b[i+1] > 0x7E {
				out.WriteRune('\uFFFD')
				continue
			}
			out.WriteString(decodeWith(japanese.EUCJP, []byte{0x8F, c | 0x80, b[i+1] | 0x80}))
			i++
		default:
			flush()
			out.WriteByte(c)
		}
	}
	flush()
	return out.String()
}

// jisEscape recognises an escape sequence at the start of b and returns the
// mode it selects (-1 for sequences that select nothing we track) and its length.
func jisEscape(b []byte) (mode, n int, ok bool) {
	s := string(b[:min(len(b), 4)])
	switch {
	case strings.HasPrefix(s, "\x1b(B"), strings.HasPrefix(s, "\x1b(J"), strings.HasPrefix(s, "\x1b(H"):
		return jisASCII, 3, true
	case strings.HasPrefix(s, "\x1b(I"):
		return jisKana, 3, true
	case strings.HasPrefix(s, "\x1b$@"), strings.HasPrefix(s, "\x1b$B"):
		return jis0208, 3, true
	case strings.HasPrefix(s, "\x1b$(D"):
		return jis0212, 4, true
	case strings.HasPrefix(s, "\x1b$(O"), strings.HasPrefix(s, "\x1b$(Q"), strings.HasPrefix(s, "\x1b$(B"):
		return jis0208, 4, true // JIS X 0213 plane 1 shares JIS X 0208's code points
	case strings.HasPrefix(s, "\x1b&@"):
		return -1, 3, true // JIS X 0208-1990 announcer; ESC $ B follows
	}
	return -1, 0, false
}

// jisToSJIS maps a JIS X 0208 row/cell pair to Shift_JIS bytes.
func jisToSJIS(j1, j2 byte) (byte, byte) {
	s1 := (j1+1)/2 + 0x70
	if j1 >= 0x5F {
		s1 += 0x40
	}
	var s2 byte
	if j1%2 == 1 {
		s2 = j2 + 0x1F
		if j2 >= 0x60 {
			s2++
		}
	} else {
		s2 = j2 + 0x7E
	}
	return s1, s2
}
