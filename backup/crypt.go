package backup

import (
	"bufio"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"golang.org/x/crypto/argon2"

	"hitori"
)

// An encrypted archive is encMagic, a parameter block, and the gzip-tar
// cut into chunks of chunkSize, each sealed with AES-256-GCM under a nonce
// of its counter and a last-chunk flag: reordered, dropped or truncated
// chunks fail to open. The parameter block is authenticated with every chunk.
const (
	encMagic  = "hitori-backup-encrypted\n"
	chunkSize = 64 << 10
	paramLen  = 16 + 4 + 4 + 1 + 16 // salt, time, memory KiB, threads, key check
	// Argon2id costs for a rare, offline operation: well above a login hash.
	argonTime, argonMemory, argonThreads = 3, 64 << 10, 2
)

// MinPassphrase is the shortest passphrase accepted for a new backup.
const MinPassphrase = 12

// ErrWrongPassphrase says the passphrase does not open the archive.
var ErrWrongPassphrase = hitori.Errorf(hitori.EINVALID, "wrong passphrase: the backup cannot be decrypted with it (nothing was restored)")

// keys derives the cipher and the key check from a passphrase.
func keys(pass, salt []byte, t, m uint32, p uint8) (cipher.AEAD, []byte) {
	master := argon2.IDKey(pass, salt, t, m, p, 32)
	mac := func(label string) []byte {
		h := hmac.New(sha256.New, master)
		h.Write([]byte(label))
		return h.Sum(nil)
	}
	block, _ := aes.NewCipher(mac("hitori backup aes-256-gcm"))
	aead, _ := cipher.NewGCM(block)
	return aead, mac("hitori backup key check")[:16]
}

func nonce(aead cipher.AEAD, n uint64, last bool) []byte {
	b := make([]byte, aead.NonceSize())
	binary.BigEndian.PutUint64(b[len(b)-9:], n)
	if last {
		b[len(b)-1] = 1
	}
	return b
}

// sealer encrypts what is written to it; Close seals the last chunk.
type sealer struct {
	w      io.Writer
	aead   cipher.AEAD
	params []byte
	buf    []byte
	n      uint64
}

// encrypt writes the header and returns a writer that encrypts into w.
func encrypt(w io.Writer, pass []byte) (io.WriteCloser, error) {
	params := make([]byte, paramLen)
	if _, err := rand.Read(params[:16]); err != nil {
		return nil, err
	}
	binary.BigEndian.PutUint32(params[16:], argonTime)
	binary.BigEndian.PutUint32(params[20:], argonMemory)
	params[24] = argonThreads
	aead, check := keys(pass, params[:16], argonTime, argonMemory, argonThreads)
	copy(params[25:], check)
	if _, err := io.WriteString(w, encMagic); err != nil {
		return nil, err
	}
	if _, err := w.Write(params); err != nil {
		return nil, err
	}
	return &sealer{w: w, aead: aead, params: params, buf: make([]byte, 0, chunkSize)}, nil
}

// Write keeps one full chunk back, so Close can mark the true last one.
func (s *sealer) Write(p []byte) (int, error) {
	total := len(p)
	for len(p) > 0 {
		if len(s.buf) == chunkSize {
			if err := s.seal(false); err != nil {
				return 0, err
			}
		}
		k := copy(s.buf[len(s.buf):chunkSize], p)
		s.buf, p = s.buf[:len(s.buf)+k], p[k:]
	}
	return total, nil
}

func (s *sealer) seal(last bool) error {
	out := s.aead.Seal(nil, nonce(s.aead, s.n, last), s.buf, s.params)
	s.n++
	s.buf = s.buf[:0]
	_, err := s.w.Write(out)
	return err
}

func (s *sealer) Close() error { return s.seal(true) }

// opener decrypts a stream written by a sealer.
type opener struct {
	r      *bufio.Reader
	aead   cipher.AEAD
	params []byte
	cbuf   []byte
	plain  []byte
	n      uint64
	done   bool
}

// decrypt reads the header after encMagic, checks the passphrase and
// returns the plaintext reader. Parameters are bounded, so a crafted
// header cannot make the key derivation eat the machine.
func decrypt(r *bufio.Reader, pass []byte) (io.Reader, error) {
	params := make([]byte, paramLen)
	if _, err := io.ReadFull(r, params); err != nil {
		return nil, errCorrupt(err)
	}
	t, m, p := binary.BigEndian.Uint32(params[16:]), binary.BigEndian.Uint32(params[20:]), params[24]
	if t < 1 || t > 10 || m < 8<<10 || m > 1<<20 || p < 1 || p > 16 {
		return nil, errCorrupt(fmt.Errorf("key derivation parameters t=%d m=%d p=%d out of range", t, m, p))
	}
	aead, check := keys(pass, params[:16], t, m, p)
	if !hmac.Equal(check, params[25:]) {
		return nil, ErrWrongPassphrase
	}
	return &opener{r: r, aead: aead, params: params, cbuf: make([]byte, chunkSize+aead.Overhead())}, nil
}

func (o *opener) Read(p []byte) (int, error) {
	for len(o.plain) == 0 {
		if o.done {
			return 0, io.EOF
		}
		if err := o.next(); err != nil {
			return 0, err
		}
	}
	k := copy(p, o.plain)
	o.plain = o.plain[k:]
	return k, nil
}

// next opens one chunk; it is the last one when the file ends after it.
func (o *opener) next() error {
	k, err := io.ReadFull(o.r, o.cbuf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return err
	}
	_, perr := o.r.Peek(1)
	last := err != nil || errors.Is(perr, io.EOF)
	plain, oerr := o.aead.Open(o.cbuf[:0], nonce(o.aead, o.n, last), o.cbuf[:k], o.params)
	if oerr != nil {
		return errCorrupt(fmt.Errorf("chunk %d does not authenticate", o.n))
	}
	o.n++
	o.plain, o.done = plain, last
	return nil
}
