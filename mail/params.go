package mail

import (
	"sort"
	"strconv"
	"strings"
)

// maxParams bounds parameters per field so a hostile header cannot grow the map without limit.
const maxParams = 64

// parseMediaType splits "type/subtype; a=b" into a lower-case value and
// decoded parameters. Unlike mime.ParseMediaType it never rejects input and
// decodes RFC 2231 values in any charset (Mutt labels names iso-2022-jp)
// as well as RFC 2047 words inside quoted values (Outlook, Becky).
func parseMediaType(v string) (string, map[string]string) {
	v = unfoldReplacer.Replace(v)
	val, rest, _ := strings.Cut(v, ";")
	params := map[string]string{}
	ext := map[string][]segment{}
	for n := 0; rest != "" && n < maxParams; n++ {
		var name, value string
		name, value, rest = nextParam(rest)
		if name == "" {
			continue
		}
		if base, idx, extended, ok := splitExtName(name); ok {
			ext[base] = append(ext[base], segment{idx, extended, value})
			continue
		}
		if _, dup := params[name]; dup {
			continue
		}
		if strings.Contains(value, "=?") {
			value = DecodeHeader(value)
		} else {
			value = decodeLiteral(value)
		}
		params[name] = value
	}
	for base, segs := range ext {
		params[base] = joinSegments(segs) // RFC 2231 values win over plain ones
	}
	return strings.ToLower(trimValue(val)), params
}

// segment is one piece of an RFC 2231 parameter (name*N or name*N*).
type segment struct {
	idx      int
	extended bool
	value    string
}

// nextParam reads one "name=value" from s, tolerating missing quotes and stray semicolons.
func nextParam(s string) (name, value, rest string) {
	s = strings.TrimLeft(s, " \t;")
	eq := strings.IndexAny(s, "=;")
	if eq < 0 || s[eq] == ';' {
		if eq < 0 {
			return "", "", ""
		}
		return "", "", s[eq+1:]
	}
	name = strings.ToLower(strings.TrimSpace(s[:eq]))
	s = strings.TrimLeft(s[eq+1:], " \t")
	if strings.HasPrefix(s, "\"") {
		var b strings.Builder
		i := 1
		for ; i < len(s) && s[i] != '"'; i++ {
			if s[i] == '\\' && i+1 < len(s) {
				i++
			}
			b.WriteByte(s[i])
		}
		rest = s[min(i+1, len(s)):]
		if j := strings.IndexByte(rest, ';'); j >= 0 {
			rest = rest[j+1:]
		} else {
			rest = ""
		}
		return name, b.String(), rest
	}
	value, rest, _ = strings.Cut(s, ";")
	return name, strings.TrimSpace(value), rest
}

// splitExtName recognises RFC 2231 names: name*, name*N and name*N*.
func splitExtName(name string) (base string, idx int, extended, ok bool) {
	star := strings.IndexByte(name, '*')
	if star <= 0 {
		return "", 0, false, false
	}
	base, tail := name[:star], name[star+1:]
	if tail == "" {
		return base, 0, true, true
	}
	extended = strings.HasSuffix(tail, "*")
	n, err := strconv.Atoi(strings.TrimSuffix(tail, "*"))
	if err != nil || n < 0 || n > 999 {
		return "", 0, false, false
	}
	return base, n, extended, true
}

// joinSegments reassembles continuations as bytes, then decodes once with
// the charset from the first extended segment, so a character split across
// segments survives.
func joinSegments(segs []segment) string {
	sort.SliceStable(segs, func(i, j int) bool { return segs[i].idx < segs[j].idx })
	var raw []byte
	charset := ""
	for i, s := range segs {
		v := s.value
		if s.extended {
			if i == 0 {
				if p := strings.SplitN(v, "'", 3); len(p) == 3 {
					charset, v = p[0], p[2]
				}
			}
			raw = append(raw, percentDecode(v)...)
		} else {
			raw = append(raw, v...)
		}
	}
	return decodeText(charset, raw)
}

// percentDecode undoes %XX escapes and keeps a malformed % as text.
func percentDecode(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		out = append(out, s[i])
	}
	return out
}
