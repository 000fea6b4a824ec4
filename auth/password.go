// Package auth holds the cryptographic pieces of sign-in: password hashing,
// random tokens and one-time codes. It knows nothing about storage or HTTP.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
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
	hashSlots <- struct{}{}
	key := argon2.IDKey([]byte(password), salt, h.P.Time, h.P.Memory, h.P.Threads, h.P.KeyLen)
	<-hashSlots
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		h.P.Memory, h.P.Time, h.P.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// ErrMalformedHash is returned for a stored hash this code cannot read.
var ErrMalformedHash = errors.New("auth: malformed password hash")

// Verify reports whether password matches encoded, using the parameters stored in it.
func (h Hasher) Verify(encoded, password string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrMalformedHash
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false, ErrMalformedHash
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 || p.Memory > 1<<21 || p.Time > 16 {
		return false, ErrMalformedHash
	}
	hashSlots <- struct{}{}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	<-hashSlots
	return subtle.ConstantTimeCompare(got, want) == 1, nil
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
