// Package inventory reads what inventory agents send — FusionInventory 2.6
// and OCS Inventory agent XML, GLPI Agent JSON — into the neutral
// hitori.InventoryReport, and writes the replies those agents expect. It
// knows nothing of storage: web/ hands it bodies, asset/ applies reports.
package inventory

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// MaxBody is how large a message may be once decompressed. A Debian
// desktop's full inventory is about 400 KB; a Windows PC with a few hundred
// programs stays under 2 MB.
const MaxBody = 32 << 20

// ErrTooLarge is returned for a body over the limit after decompression
// (a zlib bomb included).
var ErrTooLarge = errors.New("inventory: message too large")

// MalformedError says why a message could not be read.
type MalformedError struct{ Reason string }

func (e *MalformedError) Error() string { return "inventory: malformed message: " + e.Reason }

func malformed(format string, args ...any) error {
	return &MalformedError{Reason: fmt.Sprintf(format, args...)}
}

// Compression is how a body was (or a reply is to be) encoded.
type Compression int

// Encodings the agents use.
const (
	Plain Compression = iota
	Zlib              // FusionInventory, OCS and GLPI Agent by default
	Gzip
)

// Sniff tells a body's compression from its first bytes rather than its
// Content-Type, which the agents set inconsistently (x-compress,
// x-compress-zlib, x-compress-gzip, or nothing).
func Sniff(b []byte) Compression {
	switch {
	case len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b:
		return Gzip
	case len(b) >= 2 && b[0]&0x0f == 8 && (uint16(b[0])<<8|uint16(b[1]))%31 == 0:
		return Zlib // CMF deflate, FCHECK valid: no XML or JSON text starts so
	}
	return Plain
}

// ReadBody reads a whole message from r, decompressing it when it is
// compressed, and refuses it with ErrTooLarge when the raw or the
// decompressed size passes limit.
func ReadBody(r io.Reader, limit int64) ([]byte, Compression, error) {
	raw, err := readLimited(r, limit)
	if err != nil {
		return nil, Plain, err
	}
	c := Sniff(raw)
	var dec io.ReadCloser
	switch c {
	case Plain:
		return raw, Plain, nil
	case Zlib:
		dec, err = zlib.NewReader(bytes.NewReader(raw))
	case Gzip:
		dec, err = gzip.NewReader(bytes.NewReader(raw))
	}
	if err != nil {
		return nil, c, malformed("compressed body: %v", err)
	}
	defer dec.Close()
	body, err := readLimited(dec, limit)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, c, err
		}
		return nil, c, malformed("compressed body: %v", err)
	}
	return body, c, nil
}

func readLimited(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if tooBig := new(http.MaxBytesError); errors.As(err, &tooBig) {
		return nil, ErrTooLarge // the route's raw limit, met before ours
	}
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, ErrTooLarge
	}
	return b, nil
}

// Compress encodes a reply the way the agent's request was encoded. Zlib
// replies use the default level: FusionInventory recognises the 78 9C
// header and not the 78 DA of best compression.
func Compress(b []byte, c Compression) []byte {
	var buf bytes.Buffer
	switch c {
	case Zlib:
		w := zlib.NewWriter(&buf)
		w.Write(b)
		w.Close()
	case Gzip:
		w := gzip.NewWriter(&buf)
		w.Write(b)
		w.Close()
	default:
		return b
	}
	return buf.Bytes()
}
