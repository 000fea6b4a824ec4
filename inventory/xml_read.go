package inventory

import (
	"bytes"
	"encoding/xml"
	"io"
)

// readXML reads a REQUEST: with the fast reader when it can, with
// encoding/xml otherwise (and for every error, so that agents get the
// same messages either way).
func readXML(body []byte) (*xmlRequest, error) {
	if req, err := readXMLFast(body); err == nil {
		return req, nil
	}
	return readXMLStd(body)
}

func readXMLStd(body []byte) (*xmlRequest, error) {
	var req xmlRequest
	if err := newStdDecoder(body).Decode(&req); err != nil {
		return nil, malformed("XML: %v", err)
	}
	return &req, nil
}

func newStdDecoder(b []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	// Agents declare UTF-8; a declared legacy charset is read as is and
	// cleaned by clean(), rather than refused.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	return d
}

// readXMLFast fills xmlRequest as encoding/xml's Decode would: the first
// element is the root, anything after it is not read, string fields take
// the text directly inside them (the last occurrence wins), slices get an
// entry per occurrence, unknown elements are skipped.
func readXMLFast(body []byte) (*xmlRequest, error) {
	s := &xmlScanner{b: body}
	for {
		t, err := s.token()
		if err != nil {
			return nil, err
		}
		switch t.kind {
		case tokEnd:
			return nil, errFallback
		case tokStart:
			if string(t.name) != "REQUEST" {
				return nil, errFallback
			}
			req := &xmlRequest{XMLName: xml.Name{Local: "REQUEST"}}
			return req, s.each(t, func(c xmlToken) error {
				switch string(c.name) {
				case "DEVICEID":
					return s.str(c, &req.DeviceID)
				case "QUERY":
					return s.str(c, &req.Query)
				case "CONTENT":
					if req.Content == nil {
						req.Content = new(xmlContent)
					}
					return s.content(c, req.Content)
				}
				return s.skip(c)
			})
		}
	}
}

// each calls child for every child element of the element open starts;
// child must read it to its end.
func (s *xmlScanner) each(open xmlToken, child func(xmlToken) error) error {
	if open.empty {
		return nil
	}
	for {
		t, err := s.token()
		if err != nil {
			return err
		}
		switch t.kind {
		case tokStart:
			if err := child(t); err != nil {
				return err
			}
		case tokEnd:
			if !bytes.Equal(t.name, open.name) {
				return errFallback
			}
			return nil
		}
	}
}

// leaf reads what follows the start tag open when it is text and then
// open's end tag, the shape of nearly every field of a report, and
// returns the text; otherwise ok is false and the scanner is where it
// was, for the general reading (which finds any error the same way).
func (s *xmlScanner) leaf(open xmlToken) (text xmlToken, ok bool) {
	if open.empty {
		return xmlToken{}, false
	}
	start := s.i
	text = xmlToken{kind: tokText, plain: true}
	if s.i < len(s.b) && s.b[s.i] != '<' {
		var err error
		if text, err = s.textRun(); err != nil {
			s.i = start
			return xmlToken{}, false
		}
	}
	b, i, n := s.b, s.i, len(open.name)
	if i+2+n < len(b) && b[i] == '<' && b[i+1] == '/' && bytes.Equal(b[i+2:i+2+n], open.name) && !nameByte[b[i+2+n]] {
		j := i + 2 + n
		for j < len(b) && (b[j] == ' ' || b[j] == '\t' || b[j] == '\n' || b[j] == '\r') {
			j++
		}
		if j < len(b) && b[j] == '>' {
			s.i = j + 1
			return text, true
		}
	}
	s.i = start
	return xmlToken{}, false
}

// str sets *dst to the text directly inside the element open starts.
func (s *xmlScanner) str(open xmlToken, dst *string) error {
	if t, ok := s.leaf(open); ok {
		if t.plain {
			*dst = string(t.text)
		} else {
			s.buf = appendText(s.buf[:0], t)
			*dst = string(s.buf)
		}
		return nil
	}
	s.buf = s.buf[:0]
	if !open.empty {
		for {
			t, err := s.token()
			if err != nil {
				return err
			}
			if t.kind == tokText {
				s.buf = appendText(s.buf, t)
				continue
			}
			if t.kind == tokStart {
				if err := s.skip(t); err != nil { // text of children is not the field's
					return err
				}
				continue
			}
			if !bytes.Equal(t.name, open.name) {
				return errFallback
			}
			break
		}
	}
	*dst = string(s.buf)
	return nil
}

// skip reads past the element open starts, however deep.
func (s *xmlScanner) skip(open xmlToken) error {
	if open.empty {
		return nil
	}
	if _, ok := s.leaf(open); ok {
		return nil
	}
	s.stack = append(s.stack[:0], open.name)
	for len(s.stack) > 0 {
		t, err := s.token()
		if err != nil {
			return err
		}
		switch {
		case t.kind == tokStart && !t.empty:
			s.stack = append(s.stack, t.name)
		case t.kind == tokEnd:
			if !bytes.Equal(t.name, s.stack[len(s.stack)-1]) {
				return errFallback
			}
			s.stack = s.stack[:len(s.stack)-1]
		}
	}
	return nil
}

// record reads an element of string fields; field names the field a
// child fills, nil for none.
func (s *xmlScanner) record(open xmlToken, field func(name []byte) *string) error {
	return s.each(open, func(c xmlToken) error {
		if p := field(c.name); p != nil {
			return s.str(c, p)
		}
		return s.skip(c)
	})
}
