// Package vault keeps the company's credentials: entries encrypted with
// one random data key each (AES-256-GCM), data keys wrapped by the vault
// key, the vault key wrapped by a key file or an administrator passphrase,
// Shamir shares of the vault key for emergencies, and a hash-chained log
// of every reveal. It knows no SQL: the store is an interface.
package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the size of vault keys and data keys: AES-256.
const KeySize = 32

// ciphertextPrefix marks every value this package encrypts, so a plaintext
// that slipped into a column is told apart from a ciphertext.
const ciphertextPrefix = "v1:"

// ErrDamaged is returned when a ciphertext does not open: tampered with,
// moved to another row or field, or sealed under another key.
var ErrDamaged = errors.New("vault: ciphertext does not open (tampered, moved or wrong key)")

// NewKey returns a fresh random 256-bit key.
func NewKey() []byte {
	k := make([]byte, KeySize)
	_, _ = rand.Read(k) // crypto/rand.Read never fails on supported platforms.
	return k
}

func newAEAD(key []byte) (cipher.AEAD, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("vault: key is %d bytes, want %d", len(key), KeySize)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	return cipher.NewGCM(block)
}

// sealBytes encrypts plain under key with ad as additional data and
// returns nonce|ciphertext|tag.
func sealBytes(key, plain, ad []byte) ([]byte, error) {
	aead, err := newAEAD(key)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, aead.NonceSize())
	_, _ = rand.Read(nonce)
	return aead.Seal(nonce, nonce, plain, ad), nil
}

// openBytes reverses sealBytes.
func openBytes(key, ct, ad []byte) ([]byte, error) {
	aead, err := newAEAD(key)
	if err != nil {
		return nil, err
	}
	if len(ct) < aead.NonceSize()+aead.Overhead() {
		return nil, ErrDamaged
	}
	plain, err := aead.Open(nil, ct[:aead.NonceSize()], ct[aead.NonceSize():], ad)
	if err != nil {
		return nil, ErrDamaged
	}
	return plain, nil
}

// seal is sealBytes as text for a database column.
func seal(key, plain, ad []byte) (string, error) {
	ct, err := sealBytes(key, plain, ad)
	if err != nil {
		return "", err
	}
	return ciphertextPrefix + base64.RawStdEncoding.EncodeToString(ct), nil
}

// open reverses seal.
func open(key []byte, s string, ad []byte) ([]byte, error) {
	rest, ok := strings.CutPrefix(s, ciphertextPrefix)
	if !ok {
		return nil, ErrDamaged
	}
	ct, err := base64.RawStdEncoding.DecodeString(rest)
	if err != nil {
		return nil, ErrDamaged
	}
	return openBytes(key, ct, ad)
}

// Additional data binds each ciphertext to its place: the vault, the entry
// and the field. A ciphertext copied to another row or column, or into
// another vault, fails to open instead of showing the wrong secret.
func fieldAD(vaultID, entryID, field string) []byte {
	return []byte("hitori-vault/v1/field\x00" + vaultID + "\x00" + entryID + "\x00" + field)
}

func dataKeyAD(vaultID, entryID string) []byte {
	return []byte("hitori-vault/v1/data-key\x00" + vaultID + "\x00" + entryID)
}

func vaultKeyAD(vaultID, how string) []byte {
	return []byte("hitori-vault/v1/vault-key\x00" + vaultID + "\x00" + how)
}

// checkPlain is sealed under the vault key so a recovered or unwrapped key
// can be confirmed before anything is decrypted with it.
const checkPlain = "hitori vault key check"

func checkAD(vaultID string) []byte {
	return []byte("hitori-vault/v1/check\x00" + vaultID)
}

// Check reports whether key is the vault key that produced check.
func keyMatches(key []byte, vaultID, check string) bool {
	p, err := open(key, check, checkAD(vaultID))
	return err == nil && string(p) == checkPlain
}
