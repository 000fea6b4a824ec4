package auth

import (
	"strings"
	"time"

	"hitori"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// NewTOTPSecret generates a TOTP key for account on issuer; URL() is the otpauth:// URI.
func NewTOTPSecret(issuer, account string) (*otp.Key, error) {
	return totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: account})
}

// TOTPStep returns the 30-second step that code matches within ±1 step, or -1.
// Callers store the last accepted step so a code cannot be replayed.
func TOTPStep(secret, code string, now time.Time) int64 {
	code = hitori.NormalizeCode(code)
	if len(code) != 6 {
		return -1
	}
	for _, skew := range []int64{0, -1, 1} {
		t := now.Add(time.Duration(skew) * 30 * time.Second)
		want, err := totp.GenerateCodeCustom(secret, t, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err == nil && want == code {
			return t.Unix() / 30
		}
	}
	return -1
}

// TOTPCode returns the current code for secret (used by tests and the CLI).
func TOTPCode(secret string, now time.Time) (string, error) {
	return totp.GenerateCodeCustom(secret, now, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
}

// TOTPKey rebuilds the key for an existing secret (to show its QR code again).
func TOTPKey(issuer, account, secret string) (*otp.Key, error) {
	return totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: account, Secret: mustBase32(secret)})
}

func mustBase32(s string) []byte {
	b, err := b32.DecodeString(strings.ToUpper(s))
	if err != nil {
		return nil
	}
	return b
}

// TOTP checks one-time passwords for the store (hitori.TOTPChecker).
type TOTP struct{}

var _ hitori.TOTPChecker = TOTP{}

// Step returns the step code matches (see TOTPStep).
func (TOTP) Step(secret, code string, now time.Time) int64 { return TOTPStep(secret, code, now) }
