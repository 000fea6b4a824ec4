package asset

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"strings"
)

// The agents' shared Basic password is checked on every report, so it is
// kept as a salted SHA-256 rather than a slow hash: it is a random string
// the administrator generates, not a person's password.

func randomSalt() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func hashAgentPassword(password, salt string) string {
	h := sha256.Sum256([]byte(salt + "\x00" + password))
	return salt + "$" + hex.EncodeToString(h[:])
}

func checkAgentPassword(stored, password string) bool {
	salt, _, ok := strings.Cut(stored, "$")
	if !ok {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(hashAgentPassword(password, salt)), []byte(stored)) == 1
}
