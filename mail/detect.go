package mail

import "unicode/utf8"

// sniff guesses the charset of unlabelled Japanese text. The order matters:
// JIS escapes are unambiguous, UTF-8 validity is a strong signal, and bytes
// 0x80-0xA0 (other than EUC's single shifts) only occur in Shift_JIS.
func sniff(b []byte) int {
	if hasJISEscape(b) {
		return csJIS
	}
	if utf8.Valid(b) || mostlyUTF8(b) {
		return csUTF8
	}
	for _, c := range b {
		if c >= 0x80 && c <= 0xA0 && c != 0x8E && c != 0x8F {
			return csCP932
		}
	}
	if validEUCJP(b) {
		return csEUCJP
	}
	return csCP932
}

// mostlyUTF8 reports whether most 8-bit bytes form valid UTF-8: damaged
// UTF-8 (a cut message, a broken split) reads better with a few U+FFFD than
// re-decoded as Shift_JIS, while real Shift_JIS is almost never valid UTF-8.
func mostlyUTF8(b []byte) bool {
	good, bad := 0, 0
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n <= 1:
			bad++
		case n > 1:
			good += n
		}
		b = b[n:]
	}
	return good > 0 && bad*8 < good
}

// hasHighBit reports whether any byte is outside 7-bit ASCII.
func hasHighBit(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// hasJISEscape reports an ISO-2022-JP designation (ESC $ or ESC ( ).
func hasJISEscape(b []byte) bool {
	for i := 0; i+1 < len(b); i++ {
		if b[i] == 0x1B && (b[i+1] == '$' || b[i+1] == '(') {
			return true
		}
	}
	return false
}

// validSJIS reports whether b is well-formed CP932 byte structure.
func validSJIS(b []byte) bool {
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c < 0x80 || (c >= 0xA1 && c <= 0xDF):
		case (c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC):
			if i+1 >= len(b) || b[i+1] < 0x40 || b[i+1] == 0x7F || b[i+1] > 0xFC {
				return false
			}
			i++
		default:
			return false
		}
	}
	return true
}

// validEUCJP reports whether b is well-formed EUC-JP byte structure.
func validEUCJP(b []byte) bool {
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c < 0x80:
		case c == 0x8E || (c >= 0xA1 && c <= 0xFE):
			if i+1 >= len(b) || b[i+1] < 0xA1 || b[i+1] > 0xFE {
				return false
			}
			i++
		case c == 0x8F:
			if i+2 >= len(b) || b[i+1] < 0xA1 || b[i+2] < 0xA1 || b[i+1] > 0xFE || b[i+2] > 0xFE {
				return false
			}
			i += 2
		default:
			return false
		}
	}
	return true
}
