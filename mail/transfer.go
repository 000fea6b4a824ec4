package mail

import (
	"encoding/base64"
	"strings"
)

// decodeTransfer undoes a Content-Transfer-Encoding; unknown encodings pass through.
func decodeTransfer(cte string, b []byte) []byte {
	switch strings.ToLower(trimValue(cte)) {
	case "base64":
		return decodeBase64(b)
	case "quoted-printable":
		return decodeQP(b)
	}
	return b
}

// b64 marks base64 alphabet bytes (1) and padding (2); a table keeps the
// filtering loop fast on multi-megabyte attachments.
var b64 = func() (t [256]byte) {
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") {
		t[c] = 1
	}
	t['='] = 2
	return t
}()

// decodeBase64 decodes as much as it can: it skips characters outside the
// alphabet (line breaks, stray spaces) and restarts after padding, because
// some mailers concatenate separately padded chunks.
func decodeBase64(src []byte) []byte {
	out := make([]byte, 0, len(src)/4*3+3)
	// Fast path: the standard decoder already skips CR and LF, which is
	// all that well-formed mail adds.
	if n, err := base64.StdEncoding.Decode(out[:cap(out)], src); err == nil {
		return out[:n]
	}
	seg := make([]byte, 0, len(src))
	flush := func() {
		if len(seg)%4 == 1 {
			seg = seg[:len(seg)-1] // a lone trailing sextet carries no whole byte
		}
		n, _ := base64.RawStdEncoding.Decode(out[len(out):cap(out)], seg)
		out = out[:len(out)+n]
		seg = seg[:0]
	}
	for _, c := range src {
		switch b64[c] {
		case 1:
			seg = append(seg, c)
		case 2:
			flush()
		}
	}
	flush()
	return out
}

// decodeQP decodes quoted-printable leniently: a malformed "=" is kept as
// text, lower-case hex is accepted, and "=" before a line end (after
// optional transport padding) is a soft break.
func decodeQP(src []byte) []byte {
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c != '=' {
			out = append(out, c)
			continue
		}
		if i+2 < len(src) && isHex(src[i+1]) && isHex(src[i+2]) {
			out = append(out, unhex(src[i+1])<<4|unhex(src[i+2]))
			i += 2
			continue
		}
		j := i + 1
		for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
			j++
		}
		switch {
		case j == len(src):
			i = j - 1
		case src[j] == '\n':
			i = j
		case src[j] == '\r' && j+1 < len(src) && src[j+1] == '\n':
			i = j + 1
		default:
			out = append(out, '=')
		}
	}
	return out
}

// isHex reports whether c is a hexadecimal digit of either case.
func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// unhex returns the value of a hexadecimal digit.
func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
