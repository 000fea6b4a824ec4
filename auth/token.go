package auth

import (
	"encoding/base32"

	"hitori"
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// RandomToken returns a URL-safe random string carrying n bytes of entropy,
// prefixed so leaked tokens are recognisable by secret scanners.
func RandomToken(prefix string, n int) string { return hitori.RandomToken(prefix, n) }

// HashToken returns the hex SHA-256 of a token (see hitori.HashToken).
func HashToken(token string) string { return hitori.HashToken(token) }

// RecoveryCodes returns n one-time codes formatted xxxx-xxxx.
func RecoveryCodes(n int) []string { return hitori.RecoveryCodes(n) }

// NormalizeRecoveryCode accepts codes typed with spaces, case or without the dash.
func NormalizeRecoveryCode(s string) string { return hitori.NormalizeRecoveryCode(s) }
