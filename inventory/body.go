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
	"sync"
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
// decompressed size passes limit. The returned bytes are the caller's.
func ReadBody(r io.Reader, limit int64) ([]byte, Compression, error) {
	raw, err := ReadRaw(r, limit)
	if err != nil {
		return nil, Plain, err
	}
	return Decompress(raw, limit)
}

// ReadRaw reads a message as it was sent, ErrTooLarge past limit.
func ReadRaw(r io.Reader, limit int64) ([]byte, error) {
	raw := buffers.Get().(*bytes.Buffer)
	defer putBuffer(raw)
	if err := readLimited(raw, r, limit); err != nil {
		return nil, err
	}
	return bytes.Clone(raw.Bytes()), nil
}

// Decompress returns a message read by ReadRaw as text, decompressed when
// it is compressed, ErrTooLarge when that passes limit. It may return raw
// itself.
func Decompress(raw []byte, limit int64) ([]byte, Compression, error) {
	c := Sniff(raw)
	var dec io.ReadCloser
	var err error
	switch c {
	case Plain:
		return raw, Plain, nil
	case Zlib:
		dec, err = newZlibReader(raw)
	case Gzip:
		dec, err = gzip.NewReader(bytes.NewReader(raw))
	}
	if err != nil {
		return nil, c, malformed("compressed body: %v", err)
	}
	defer dec.Close()
	body := buffers.Get().(*bytes.Buffer)
	defer putBuffer(body)
	if err := readLimited(body, dec, limit); err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, c, err
		}
		return nil, c, malformed("compressed body: %v", err)
	}
	return bytes.Clone(body.Bytes()), c, nil
}

// buffers are what bodies are read into: an inventory is a few hundred
// KB, and growing a fresh slice to that size for every report (then
// collecting it) cost more than decompressing it.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer: a rare huge message's buffer is not kept.
const maxPooledBuffer = 4 << 20

func putBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBuffer {
		b.Reset()
		buffers.Put(b)
	}
}

// zlibReaders keep decompressors (tens of KB of state each) for the next
// report.
var zlibReaders sync.Pool

// pooledZlib returns its decompressor to the pool when closed.
type pooledZlib struct{ io.ReadCloser }

func (z pooledZlib) Close() error {
	err := z.ReadCloser.Close()
	zlibReaders.Put(z.ReadCloser)
	return err
}

func newZlibReader(b []byte) (io.ReadCloser, error) {
	if z, ok := zlibReaders.Get().(io.ReadCloser); ok {
		if err := z.(zlib.Resetter).Reset(bytes.NewReader(b), nil); err != nil {
			zlibReaders.Put(z)
			return nil, err
		}
		return pooledZlib{z}, nil
	}
	z, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return pooledZlib{z}, nil
}

// readLimited reads r into buf, ErrTooLarge past limit.
func readLimited(buf *bytes.Buffer, r io.Reader, limit int64) error {
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if tooBig := new(http.MaxBytesError); errors.As(err, &tooBig) {
		return ErrTooLarge // the route's raw limit, met before ours
	}
	if err != nil {
		return err
	}
	if n > limit {
		return ErrTooLarge
	}
	return nil
}

// Compress encodes a reply the way the agent's request was encoded. Zlib
// replies use the default level: FusionInventory recognises the 78 9C
// header and not the 78 DA of best compression.
func Compress(b []byte, c Compression) []byte {
	var buf bytes.Buffer
	switch c {
	case Zlib:
		w, _ := zlibWriters.Get().(*zlib.Writer)
		if w == nil {
			w = zlib.NewWriter(&buf)
		} else {
			w.Reset(&buf)
		}
		w.Write(b)
		w.Close()
		zlibWriters.Put(w)
	case Gzip:
		w := gzip.NewWriter(&buf)
		w.Write(b)
		w.Close()
	default:
		return b
	}
	return buf.Bytes()
}

// zlibWriters keep compressors (hundreds of KB of state each, for a reply
// of a few dozen bytes).
var zlibWriters sync.Pool
