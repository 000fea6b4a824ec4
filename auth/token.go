package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// RandomToken returns a URL-safe random string carrying n bytes of entropy,
// prefixed so leaked tokens are recognisable by secret scanners.
func RandomToken(prefix string, n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms.
	return prefix + strings.ToLower(b32.EncodeToString(b))
}

// HashToken returns the hex SHA-256 of a token: tokens carry enough entropy
// that a fast hash is safe, and lookups stay indexed.
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

// NormalizeRecoveryCode accepts codes typed with spaces, case or without the dash.
func NormalizeRecoveryCode(s string) string {
	s = strings.ToLower(strings.NewReplacer(" ", "", "-", "").Replace(s))
	if len(s) != 8 {
		return s
	}
	return s[:4] + "-" + s[4:]
}
