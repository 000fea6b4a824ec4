package inventory

import (
	"bytes"
	"encoding/xml"
	"errors"
	"unicode/utf8"
)

// A hand-written tokenizer for the agents' XML. encoding/xml spends about
// 11 ms on a 300 KB inventory (reflection, a token per text run, name
// interning); this one reads the same bytes in well under a millisecond.
//
// It accepts only a subset of XML — ASCII names without namespaces, no
// attributes, no CDATA or DOCTYPE, the five predefined entities and
// character references — and only where encoding/xml (Strict) would accept
// the same bytes with the same result. Anything else, malformed input
// included, returns errFallback and the message is read by encoding/xml,
// whose verdict and error text stay the reference. FuzzXMLReader checks
// that the two agree.

var errFallback = errors.New("inventory: not for the fast XML reader")

type tokKind uint8

const (
	tokText tokKind = iota
	tokStart
	tokEnd
)

type xmlToken struct {
	kind  tokKind
	name  []byte // start and end tags
	empty bool   // start tag: <NAME/>
	text  []byte // text: the raw run, already checked
	plain bool   // text: no entity or CR, so the raw run is the value
}

type xmlScanner struct {
	b     []byte
	i     int
	buf   []byte   // text being collected
	stack [][]byte // open elements while skipping
}

// token reads the next tag or text run; comments and processing
// instructions are checked and passed over. The end of input is
// errFallback: every caller is inside an element then.
func (s *xmlScanner) token() (xmlToken, error) {
	for s.i < len(s.b) {
		if s.b[s.i] != '<' {
			return s.textRun()
		}
		rest := s.b[s.i+1:]
		switch {
		case len(rest) == 0:
			return xmlToken{}, errFallback
		case rest[0] == '/':
			s.i += 2
			name, err := s.name()
			if err != nil {
				return xmlToken{}, err
			}
			s.space()
			if s.i >= len(s.b) || s.b[s.i] != '>' {
				return xmlToken{}, errFallback
			}
			s.i++
			return xmlToken{kind: tokEnd, name: name}, nil
		case rest[0] == '?':
			if err := s.procInst(); err != nil {
				return xmlToken{}, err
			}
		case bytes.HasPrefix(rest, []byte("!--")):
			// encoding/xml ends a comment at its first "--", which must
			// be followed by '>'.
			k := bytes.Index(s.b[s.i+4:], []byte("--"))
			end := s.i + 4 + k + 2
			if k < 0 || end >= len(s.b) || s.b[end] != '>' {
				return xmlToken{}, errFallback
			}
			s.i = end + 1
		case rest[0] == '!':
			return xmlToken{}, errFallback // CDATA, DOCTYPE
		default:
			s.i++
			name, err := s.name()
			if err != nil {
				return xmlToken{}, err
			}
			s.space()
			t := xmlToken{kind: tokStart, name: name}
			if s.i < len(s.b) && s.b[s.i] == '/' {
				t.empty = true
				s.i++
			}
			if s.i >= len(s.b) || s.b[s.i] != '>' {
				return xmlToken{}, errFallback // an attribute, or worse
			}
			s.i++
			return t, nil
		}
	}
	return xmlToken{}, errFallback
}

// name reads an element name: ASCII letters, digits, '_', '.', '-',
// starting with a letter or '_'. A name encoding/xml would read on (a
// colon, a non-ASCII letter) is left to it.
func (s *xmlScanner) name() ([]byte, error) {
	start, i := s.i, s.i
	if i >= len(s.b) || !(isLetter(s.b[i]) || s.b[i] == '_') {
		return nil, errFallback
	}
	for i < len(s.b) && nameByte[s.b[i]] {
		i++
	}
	s.i = i
	if i < len(s.b) && (s.b[i] == ':' || s.b[i] >= utf8.RuneSelf) {
		return nil, errFallback
	}
	return s.b[start:i], nil
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// nameByte marks the bytes a name goes on with.
var nameByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = isLetter(byte(c)) || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
	}
	return t
}()

// textByte marks the bytes textRun passes without a second look: ASCII
// characters other than '<', '&', '>', CR and the controls XML forbids.
// A report is mostly such bytes.
var textByte = func() (t [256]bool) {
	for c := range 0x80 {
		t[c] = c >= 0x20 || c == '\t' || c == '\n'
	}
	t['<'], t['&'], t['>'] = false, false, false
	return t
}()

func (s *xmlScanner) space() {
	for s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\t' || s.b[s.i] == '\n' || s.b[s.i] == '\r') {
		s.i++
	}
}

// procInst passes over <?target …?>. The XML declaration's checks
// (version, encoding) are encoding/xml's own: it reads just this
// instruction, exactly as it would in place.
func (s *xmlScanner) procInst() error {
	k := bytes.Index(s.b[s.i+2:], []byte("?>"))
	if k < 0 {
		return errFallback
	}
	end := s.i + 2 + k + 2
	d := newStdDecoder(s.b[s.i:end])
	if t, err := d.RawToken(); err != nil {
		return errFallback
	} else if _, ok := t.(xml.ProcInst); !ok {
		return errFallback
	}
	s.i = end
	return nil
}

// textRun reads text up to the next '<', checking it as encoding/xml
// does: valid UTF-8, XML characters only, known entities, no "]]>".
func (s *xmlScanner) textRun() (xmlToken, error) {
	start, plain := s.i, true
	b := s.b
	for s.i < len(b) {
		c := b[s.i]
		if textByte[c] {
			s.i++
			continue
		}
		switch {
		case c == '<':
			return xmlToken{kind: tokText, text: b[start:s.i], plain: plain}, nil
		case c == '&':
			r, n := entity(b[s.i:])
			if n == 0 || !isXMLChar(r) {
				return xmlToken{}, errFallback
			}
			s.i += n
			plain = false
		case c == '\r':
			s.i++
			plain = false
		case c == '>':
			if s.i-start >= 2 && b[s.i-1] == ']' && b[s.i-2] == ']' {
				return xmlToken{}, errFallback
			}
			s.i++
		case c < 0x20:
			return xmlToken{}, errFallback // not tab or line feed: those are textByte
		default: // c >= utf8.RuneSelf
			r, n := utf8.DecodeRune(b[s.i:])
			if r == utf8.RuneError && n == 1 || !isXMLChar(r) {
				return xmlToken{}, errFallback
			}
			s.i += n
		}
	}
	return xmlToken{}, errFallback // text cannot end the input inside an element
}

// entity reads the entity or character reference at the start of b,
// returning the character and its length, 0 when encoding/xml would not
// accept it.
func entity(b []byte) (rune, int) {
	for _, e := range predefined {
		if bytes.HasPrefix(b, e.text) {
			return e.r, len(e.text)
		}
	}
	if len(b) < 3 || b[1] != '#' {
		return 0, 0
	}
	i, base := 2, rune(10)
	if b[i] == 'x' {
		i, base = 3, 16
	}
	digits, v := i, rune(0)
	for ; i < len(b); i++ {
		var d rune
		switch c := b[i]; {
		case c >= '0' && c <= '9':
			d = rune(c - '0')
		case base == 16 && c|0x20 >= 'a' && c|0x20 <= 'f':
			d = rune(c|0x20-'a') + 10
		default:
			goto end
		}
		if v = v*base + d; v > utf8.MaxRune {
			return 0, 0
		}
	}
end:
	if i == digits || i >= len(b) || b[i] != ';' {
		return 0, 0
	}
	if !utf8.ValidRune(v) {
		v = utf8.RuneError // string(rune(n)) of a surrogate, as encoding/xml writes it
	}
	return v, i + 1
}

var predefined = []struct {
	text []byte
	r    rune
}{{[]byte("&amp;"), '&'}, {[]byte("&lt;"), '<'}, {[]byte("&gt;"), '>'}, {[]byte("&quot;"), '"'}, {[]byte("&apos;"), '\''}}

// isXMLChar is XML 1.0's Char production, as encoding/xml applies it.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// appendText appends the value of a checked text run: entities replaced,
// CR and CRLF made LF.
func appendText(dst []byte, t xmlToken) []byte {
	if t.plain {
		return append(dst, t.text...)
	}
	b := t.text
	for i := 0; i < len(b); {
		switch b[i] {
		case '&':
			r, n := entity(b[i:])
			dst = utf8.AppendRune(dst, r)
			i += n
		case '\r':
			dst = append(dst, '\n')
			if i++; i < len(b) && b[i] == '\n' {
				i++
			}
		default:
			dst = append(dst, b[i])
			i++
		}
	}
	return dst
}
