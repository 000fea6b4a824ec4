package mail

import (
	"strings"
)

// unfoldReplacer removes line breaks left in a header value (RFC 5322 unfolding).
var unfoldReplacer = strings.NewReplacer("\r\n", "", "\n", "", "\r", "")

// DecodeHeader decodes an unstructured header value: RFC 2047 encoded words
// and raw 8-bit text. Adjacent words in the same charset are joined as bytes
// before decoding, because mailers split multi-byte characters (and JIS
// escape runs) across words. It never fails; undecodable bytes become U+FFFD.
func DecodeHeader(v string) string {
	v = unfoldReplacer.Replace(v)
	if !strings.Contains(v, "=?") {
		return decodeLiteral(v)
	}
	var out strings.Builder
	var pend []byte   // bytes of adjacent words not yet decoded
	var pendCS string // their charset label
	lastWord := false // the previous token was an encoded word
	flush := func() {
		if pendCS != "" || len(pend) > 0 {
			out.WriteString(decodeText(pendCS, pend))
		}
		pend, pendCS = nil, ""
	}
	for len(v) > 0 {
		i := strings.Index(v, "=?")
		if i < 0 {
			break
		}
		cs, data, n, ok := parseWord(v[i:])
		if !ok {
			flush()
			out.WriteString(decodeLiteral(v[:i+2]))
			v = v[i+2:]
			lastWord = false
			continue
		}
		// RFC 2047 6.2: white space between adjacent encoded words is not text.
		if lit := v[:i]; !lastWord || strings.Trim(lit, " \t") != "" {
			flush()
			out.WriteString(decodeLiteral(lit))
		}
		if pendCS != "" && !sameCharset(pendCS, cs) {
			flush()
		}
		pendCS = cs
		pend = append(pend, data...)
		v = v[i+n:]
		lastWord = true
	}
	flush()
	out.WriteString(decodeLiteral(v))
	return out.String()
}

// parseWord reads "=?charset?enc?text?=" at the start of s and returns its
// charset label, decoded bytes and length. Encoded words glued to other text
// are accepted: Outlook and Becky put them inside quoted strings.
func parseWord(s string) (cs string, data []byte, n int, ok bool) {
	q1 := strings.IndexByte(s[2:], '?')
	if q1 <= 0 || q1 > 75 {
		return "", nil, 0, false
	}
	q1 += 2
	cs = s[2:q1]
	if strings.ContainsAny(cs, " \t\"()<>@,;:") || len(s) < q1+3 || s[q1+2] != '?' {
		return "", nil, 0, false
	}
	enc := s[q1+1]
	text := s[q1+3:]
	// The text ends at its first '?', which must open "?=". Stopping there
	// (rather than searching for a later "?=") keeps a header full of stray
	// "=?" linear to scan.
	end := strings.IndexAny(text, "? \t")
	if end < 0 || text[end] != '?' || end+1 >= len(text) || text[end+1] != '=' {
		return "", nil, 0, false
	}
	text = text[:end]
	switch enc {
	case 'B', 'b':
		data = decodeBase64([]byte(text))
	case 'Q', 'q':
		data = decodeQP([]byte(strings.ReplaceAll(text, "_", " ")))
	default:
		return "", nil, 0, false
	}
	return cs, data, q1 + 3 + end + 2, true
}

// sameCharset compares labels as the decoder will treat them.
func sameCharset(a, b string) bool {
	if strings.EqualFold(a, b) {
		return true
	}
	ca, ea := lookupCharset(a)
	cb, eb := lookupCharset(b)
	return ca == cb && ca != csOther && ca != csUnknown || ca == csOther && cb == csOther && ea == eb
}

// decodeLiteral decodes text outside encoded words, which some mailers
// (web forms, old Japanese clients) send as raw UTF-8, CP932 or JIS.
func decodeLiteral(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] == 0x1B {
			return decodeRaw([]byte(s))
		}
	}
	return s
}
