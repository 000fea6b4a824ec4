package hitori

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/width"
)

// PasswordHasher hashes and checks passwords; auth.Hasher implements it.
// The store takes one from its caller so storage does not choose (or
// compile) the password algorithm.
type PasswordHasher interface {
	// Hash returns the encoded hash of password.
	Hash(password string) (string, error)
	// Verify reports whether password matches an encoded hash.
	Verify(encoded, password string) (bool, error)
	// VerifyDummy costs what Verify costs, so an unknown account answers as slowly as a known one.
	VerifyDummy(password string)
}

// TOTPChecker checks time-based one-time passwords; auth.TOTP implements it.
type TOTPChecker interface {
	// Step returns the 30-second step that code matches within ±1 step, or -1.
	Step(secret, code string, now time.Time) int64
}

var tokenEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// RandomToken returns a URL-safe random string carrying n bytes of entropy,
// prefixed so leaked tokens are recognisable by secret scanners.
func RandomToken(prefix string, n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms.
	return prefix + strings.ToLower(tokenEncoding.EncodeToString(b))
}

// HashToken returns the hex SHA-256 of a token: tokens carry enough entropy
// that a fast hash is safe, and lookups stay indexed. Stored sessions,
// API tokens, sign-in links and recovery codes depend on it not changing.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// RecoveryCodes returns n one-time codes formatted xxxx-xxxx.
func RecoveryCodes(n int) []string {
	codes := make([]string, n)
	for i := range codes {
		s := RandomToken("", 5)[:8]
		codes[i] = s[:4] + "-" + s[4:]
	}
	return codes
}

// NormalizeCode reduces a typed one-time code to its ASCII letters and
// digits: a Japanese IME gives full-width digits (８７７７９４) and ideographic
// spaces, and people copy codes with spaces, dashes or a long-vowel mark.
func NormalizeCode(s string) string {
	s = width.Fold.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == 'ー' || r == '‐' || r == '−' || r == '–' || r == '—' {
			return -1
		}
		return r
	}, s)
}

// NormalizeRecoveryCode accepts codes typed with spaces, case, full-width
// characters or without the dash.
func NormalizeRecoveryCode(s string) string {
	s = strings.ToLower(NormalizeCode(s))
	if len(s) != 8 {
		return s
	}
	return s[:4] + "-" + s[4:]
}

// Sealer encrypts server-side secrets at rest (sealed.Keyring implements
// it) with a key kept outside the database, so a copy of the database, its
// WAL or a backup without keys does not reveal them. Sealed text names the
// key that sealed it, so keys can rotate.
type Sealer interface {
	Seal(plain []byte) (string, error)
	Open(sealed string) ([]byte, error)
}

// SealedPrefix starts every sealed value, telling it from legacy plaintext.
const SealedPrefix = "sealed:"
