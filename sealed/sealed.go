// Package sealed encrypts small server-side secrets at rest (TOTP secrets
// now, others later) with AES-256-GCM under a random key kept in a file in
// the data folder's keys/ — outside the database, and left out of backups
// unless --include-keys is given.
package sealed

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"hitori"
)

// KeyPrefix and KeySuffix frame the key files: keys/seal-1.key, seal-2.key, …
// The highest number seals; every one present still opens.
const (
	KeyPrefix = "seal-"
	KeySuffix = ".key"
	keySize   = 32
)

// Keyring seals with its newest key and opens with any of its keys. It
// implements hitori.Sealer and is safe for concurrent use.
type Keyring struct {
	Dir string // DATA/keys

	once    sync.Once
	err     error
	keys    map[int]cipher.AEAD
	current int
}

var _ hitori.Sealer = (*Keyring)(nil)

// New returns a keyring over dir; the key file is created on first use.
func New(dir string) *Keyring { return &Keyring{Dir: dir} }

// Seal encrypts plain as "sealed:v1:N:BASE64(nonce|ciphertext)", N the key number.
func (k *Keyring) Seal(plain []byte) (string, error) {
	if err := k.load(); err != nil {
		return "", err
	}
	aead := k.keys[k.current]
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("sealed: nonce: %w", err)
	}
	id := strconv.Itoa(k.current)
	// The key id is authenticated data: a value cannot be moved to another key's slot.
	ct := aead.Seal(nonce, nonce, plain, []byte(id))
	return hitori.SealedPrefix + "v1:" + id + ":" + base64.RawStdEncoding.EncodeToString(ct), nil
}

// Open decrypts a value Seal produced with any key of the ring.
func (k *Keyring) Open(s string) ([]byte, error) {
	if err := k.load(); err != nil {
		return nil, err
	}
	rest, ok := strings.CutPrefix(s, hitori.SealedPrefix+"v1:")
	id, data, ok2 := strings.Cut(rest, ":")
	n, err := strconv.Atoi(id)
	if !ok || !ok2 || err != nil {
		return nil, errors.New("sealed: not a sealed value")
	}
	aead := k.keys[n]
	if aead == nil {
		return nil, fmt.Errorf("sealed: key %s%d%s is missing from %s", KeyPrefix, n, KeySuffix, k.Dir)
	}
	ct, err := base64.RawStdEncoding.DecodeString(data)
	if err != nil || len(ct) < aead.NonceSize() {
		return nil, errors.New("sealed: damaged value")
	}
	plain, err := aead.Open(nil, ct[:aead.NonceSize()], ct[aead.NonceSize():], []byte(id))
	if err != nil {
		return nil, fmt.Errorf("sealed: key %d does not open the value: %w", n, err)
	}
	return plain, nil
}

// load reads every key file once, creating the first key when there is none.
func (k *Keyring) load() error {
	k.once.Do(func() { k.err = k.read() })
	return k.err
}

func (k *Keyring) read() error {
	if err := os.MkdirAll(k.Dir, 0o700); err != nil {
		return fmt.Errorf("sealed: key folder: %w", err)
	}
	nums, err := keyNumbers(k.Dir)
	if err != nil {
		return err
	}
	if len(nums) == 0 {
		if err := create(filepath.Join(k.Dir, KeyPrefix+"1"+KeySuffix)); err != nil {
			return err
		}
		nums = []int{1}
	}
	k.keys = map[int]cipher.AEAD{}
	for _, n := range nums {
		b, err := os.ReadFile(filepath.Join(k.Dir, KeyPrefix+strconv.Itoa(n)+KeySuffix))
		if err != nil {
			return fmt.Errorf("sealed: read key: %w", err)
		}
		if len(b) != keySize {
			return fmt.Errorf("sealed: key %d is %d bytes, want %d", n, len(b), keySize)
		}
		block, _ := aes.NewCipher(b) // 32 bytes: AES-256 cannot fail
		if k.keys[n], err = cipher.NewGCM(block); err != nil {
			return fmt.Errorf("sealed: %w", err)
		}
		k.current = n
	}
	return nil
}
