// Package auth holds the cryptographic pieces of sign-in: password hashing,
// random tokens and one-time codes. It knows nothing about storage or HTTP.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
	KeyLen  uint32
}

// DefaultParams follow the RFC 9106 second recommendation scaled to a small server:
// 64 MiB and 1 pass cost roughly 50–100 ms on two cores.
var DefaultParams = Params{Memory: 64 * 1024, Time: 1, Threads: 2, KeyLen: 32}

// TestParams are cheap, for tests only.
var TestParams = Params{Memory: 1024, Time: 1, Threads: 1, KeyLen: 32}

// hashSlots bounds concurrent hashing so a burst of logins cannot exhaust memory.
var hashSlots = make(chan struct{}, 2)

// Hasher hashes and checks passwords with fixed parameters.
type Hasher struct{ P Params }

// Hash returns an encoded argon2id hash in the PHC string format.
func (h Hasher) Hash(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: salt: %w", err)
	}
	key := idKey(password, salt, h.P)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		h.P.Memory, h.P.Time, h.P.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// ErrMalformedHash is returned for a stored hash this code cannot read.
var ErrMalformedHash = errors.New("auth: malformed password hash")

// Bounds on what a stored hash may ask for. A row is outside data: argon2
// panics on zero time or threads, and a huge cost would let one corrupt row
// hold a hashing slot for minutes.
const (
	maxMemory  = 1 << 21 // KiB (2 GiB)
	maxTime    = 16
	maxThreads = 64
	maxSalt    = 64
	maxKey     = 128
)

// decoded is a parsed PHC argon2id string.
type decoded struct {
	p         Params
	salt, key []byte
}

// parseHash reads $argon2id$v=19$m=M,t=T,p=P$SALT$KEY strictly: every field
// present, in order, in range; anything else is ErrMalformedHash, never a panic.
func parseHash(encoded string) (decoded, error) {
	var d decoded
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return d, ErrMalformedHash
	}
	kv := strings.Split(parts[3], ",")
	if len(kv) != 3 {
		return d, ErrMalformedHash
	}
	var vals [3]uint64
	for i, name := range []string{"m=", "t=", "p="} {
		digits, ok := strings.CutPrefix(kv[i], name)
		if !ok || digits == "" || len(digits) > 10 || strings.TrimLeft(digits, "0123456789") != "" {
			return d, ErrMalformedHash
		}
		v, err := strconv.ParseUint(digits, 10, 32)
		if err != nil {
			return d, ErrMalformedHash
		}
		vals[i] = v
	}
	if vals[0] < 1 || vals[0] > maxMemory || vals[1] < 1 || vals[1] > maxTime || vals[2] < 1 || vals[2] > maxThreads {
		return d, ErrMalformedHash
	}
	d.p = Params{Memory: uint32(vals[0]), Time: uint32(vals[1]), Threads: uint8(vals[2])}
	b64 := base64.RawStdEncoding.Strict()
	var err1, err2 error
	d.salt, err1 = b64.DecodeString(parts[4])
	d.key, err2 = b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(d.salt) == 0 || len(d.salt) > maxSalt || len(d.key) == 0 || len(d.key) > maxKey {
		return d, ErrMalformedHash
	}
	d.p.KeyLen = uint32(len(d.key))
	return d, nil
}

// Verify reports whether password matches encoded, using the parameters
// stored in it (not h.P): changing the defaults must not lock anyone out.
func (h Hasher) Verify(encoded, password string) (bool, error) {
	d, err := parseHash(encoded)
	if err != nil {
		return false, err
	}
	got := idKey(password, d.salt, d.p)
	return subtle.ConstantTimeCompare(got, d.key) == 1, nil
}

// idKey derives a key while holding a hashing slot; the deferred release
// frees the slot even if argon2 panics, so a bad row cannot block sign-in.
func idKey(password string, salt []byte, p Params) []byte {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	return argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
}

// dummyHash is verified against when a user does not exist, so the response
// time does not reveal which e-mail addresses have accounts.
var dummyHash string

// VerifyDummy spends the same effort as a real verification.
func (h Hasher) VerifyDummy(password string) {
	if dummyHash == "" {
		dummyHash, _ = h.Hash("dummy-password-for-timing")
	}
	_, _ = h.Verify(dummyHash, password)
}
