package vault

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// KDFParams are argon2id costs for turning a passphrase into a key.
type KDFParams struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultKDF costs what auth.DefaultParams cost a sign-in (64 MiB, one
// pass): the vault passphrase is typed rarely, so this could be raised,
// but it must also run on the smallest server hitori supports.
var DefaultKDF = KDFParams{Memory: 64 * 1024, Time: 2, Threads: 2}

// TestKDF is cheap, for tests only.
var TestKDF = KDFParams{Memory: 1024, Time: 1, Threads: 1}

// Bounds on what a stored or imported parameter string may ask for: it is
// outside data, and argon2 panics on zero time or threads.
const (
	maxKDFMemory = 1 << 21 // KiB (2 GiB)
	maxKDFTime   = 16
)

// ErrPassphrase is returned when a passphrase does not open what it should.
var ErrPassphrase = errors.New("vault: wrong passphrase")

// passphraseKey derives a 256-bit key; the encoded form carries the
// parameters and salt: "argon2id$m=…,t=…,p=…$SALT".
func passphraseKey(passphrase string, p KDFParams) (key []byte, encoded string) {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	key = argon2.IDKey([]byte(passphrase), salt, p.Time, p.Memory, p.Threads, KeySize)
	return key, fmt.Sprintf("argon2id$m=%d,t=%d,p=%d$%s", p.Memory, p.Time, p.Threads,
		base64.RawStdEncoding.EncodeToString(salt))
}

// rederive derives the key again from an encoded parameter string.
func rederive(passphrase, encoded string) ([]byte, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 3 || parts[0] != "argon2id" {
		return nil, errors.New("vault: unknown key derivation")
	}
	var m, t, p uint64
	for _, kv := range strings.Split(parts[1], ",") {
		k, v, _ := strings.Cut(kv, "=")
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return nil, errors.New("vault: bad key derivation parameters")
		}
		switch k {
		case "m":
			m = n
		case "t":
			t = n
		case "p":
			p = n
		}
	}
	if m < 8 || m > maxKDFMemory || t < 1 || t > maxKDFTime || p < 1 || p > 255 {
		return nil, errors.New("vault: key derivation parameters out of range")
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[2])
	if err != nil || len(salt) < 8 || len(salt) > 64 {
		return nil, errors.New("vault: bad key derivation salt")
	}
	return argon2.IDKey([]byte(passphrase), salt, uint32(t), uint32(m), uint8(p), KeySize), nil
}
