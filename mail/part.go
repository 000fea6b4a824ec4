package mail

import (
	"bytes"
	"strings"
)

// Structural bounds: real mail nests a handful of levels and rarely has
// more than a few dozen parts; anything beyond is an attack or a bug.
const (
	maxDepth = 12
	maxParts = 500
)

// part is one MIME entity. Leaves carry their transfer-decoded body;
// multiparts carry children.
type part struct {
	header   Header
	ctype    string            // lower-case type/subtype
	params   map[string]string // Content-Type parameters
	disp     string            // lower-case disposition type
	dparams  map[string]string // Content-Disposition parameters
	body     []byte            // decoded leaf body (the raw entity for message/*)
	children []*part
}

// tree holds parse-wide state: the part budget and what was cut.
type tree struct {
	parts int
	cut   []string // notes about structure that was not parsed
}

// note records a structural cut once, however often it happens.
func (t *tree) note(s string) {
	for _, c := range t.cut {
		if c == s {
			return
		}
	}
	t.cut = append(t.cut, s)
}

// parse reads one entity. defType is the type assumed without a
// Content-Type: text/plain, or message/rfc822 inside multipart/digest.
func (t *tree) parse(raw []byte, depth int, defType string) *part {
	t.parts++
	h, body, dropped := splitHeader(raw)
	if dropped {
		t.note("header fields beyond the limit were ignored")
	}
	p := &part{header: h}
	p.ctype, p.params = parseMediaType(h.Get("Content-Type"))
	if p.ctype == "" || !strings.Contains(p.ctype, "/") {
		p.ctype = defType
	}
	p.disp, p.dparams = parseMediaType(h.Get("Content-Disposition"))
	if strings.HasPrefix(p.ctype, "multipart/") {
		boundary := p.params["boundary"]
		chunks := splitMultipart(body, boundary, maxParts)
		if boundary != "" && chunks != nil && depth < maxDepth {
			childType := "text/plain"
			if p.ctype == "multipart/digest" {
				childType = "message/rfc822"
			}
			for _, c := range chunks {
				if t.parts >= maxParts {
					t.note("MIME parts beyond the limit were ignored")
					break
				}
				p.children = append(p.children, t.parse(c, depth+1, childType))
			}
			return p
		}
		if depth >= maxDepth {
			t.note("MIME nesting beyond the limit was not parsed")
		}
		// No usable boundary: show the body as text rather than lose it.
		p.ctype, p.params = "text/plain", map[string]string{}
	}
	p.body = decodeTransfer(h.Get("Content-Transfer-Encoding"), body)
	return p
}

// splitMultipart returns up to limit bodies between boundary lines, or nil
// when no boundary line is present. A missing close delimiter (a cut
// message) ends the last part at the end of the data.
func splitMultipart(body []byte, boundary string, limit int) [][]byte {
	if boundary == "" {
		return nil
	}
	delim := []byte("--" + boundary)
	var parts [][]byte
	start := -1 // start of the current part's content
	for pos := 0; pos < len(body); {
		i := bytes.Index(body[pos:], delim)
		if i < 0 {
			break
		}
		i += pos
		if i > 0 && body[i-1] != '\n' { // checked first: finding the line end for every match would be quadratic
			pos = i + len(delim)
			continue
		}
		lineEnd := bytes.IndexByte(body[i:], '\n')
		if lineEnd < 0 {
			lineEnd = len(body)
		} else {
			lineEnd += i
		}
		rest := bytes.TrimRight(body[i+len(delim):lineEnd], " \t\r")
		closing := bytes.Equal(rest, []byte("--"))
		if len(rest) > 0 && !closing {
			pos = i + len(delim)
			continue
		}
		if start >= 0 {
			parts = append(parts, trimLineEnd(body[start:i]))
		}
		if closing || len(parts) >= limit {
			return parts
		}
		start = min(lineEnd+1, len(body))
		pos = start
	}
	if start < 0 {
		return nil
	}
	return append(parts, body[start:])
}

// trimLineEnd drops the line break that belongs to the following delimiter.
func trimLineEnd(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}

// filename returns the part's decoded file name, if it declared one.
func (p *part) filename() string {
	if n := p.dparams["filename"]; n != "" {
		return n
	}
	return p.params["name"]
}

// charset returns the declared charset parameter.
func (p *part) charset() string { return p.params["charset"] }
