package vault

import (
	"bytes"
	"crypto/sha256"
	"encoding/base32"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/width"
)

// Share is one holder's part of the vault key, with what identifies it:
// the vault, the key generation (re-keying makes old shares useless) and
// the threshold.
type Share struct {
	VaultID    string // 32 hex digits
	Generation uint32
	Threshold  byte
	Total      byte
	RawShare
}

const (
	shareVersion = 1
	shareLen     = 1 + 16 + 4 + 3 + KeySize + 4 // version, vault, generation, K N X, Y, checksum
	// groupSize characters of the typed form carry one check character.
	groupSize = 4
)

var shareEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// ErrShareTypo names a mistyped group of the typed form (1-based).
type ErrShareTypo struct{ Group int }

func (e ErrShareTypo) Error() string {
	return fmt.Sprintf("vault: share code group %d is mistyped", e.Group)
}

func (s Share) bytes() ([]byte, error) {
	id, err := hex.DecodeString(s.VaultID)
	if err != nil || len(id) != 16 || len(s.Y) != KeySize {
		return nil, errors.New("vault: malformed share")
	}
	b := []byte{shareVersion}
	b = append(b, id...)
	b = binary.BigEndian.AppendUint32(b, s.Generation)
	b = append(b, s.Threshold, s.Total, s.X)
	b = append(b, s.Y...)
	sum := sha256.Sum256(b)
	return append(b, sum[:4]...), nil
}

// Code is the human-typeable form: base32 in groups of four characters,
// each followed by a check character, so a typo is caught in its group.
func (s Share) Code() (string, error) {
	b, err := s.bytes()
	if err != nil {
		return "", err
	}
	enc := shareEncoding.EncodeToString(b)
	var groups []string
	for i := 0; i < len(enc); i += groupSize {
		g := enc[i:min(i+groupSize, len(enc))]
		groups = append(groups, g+groupCheck(len(groups), g))
	}
	return strings.Join(groups, "-"), nil
}

// groupCheck is one base32 character of SHA-256(group number, group): a
// mistyped or swapped group fails 31 times in 32.
func groupCheck(n int, g string) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%d:%s", n, g)))
	return string("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[sum[0]&31])
}

// ParseShareCode reads a typed or scanned code. Spaces, full-width
// characters, lower case and missing dashes are forgiven; 0/O and 1/I are not
// in the alphabet, so they are read as the letters people mean.
func ParseShareCode(code string) (Share, error) {
	code = strings.ToUpper(width.Fold.String(code))
	code = strings.NewReplacer("0", "O", "1", "I", "8", "B").Replace(code)
	var clean strings.Builder
	for _, r := range code {
		if (r >= 'A' && r <= 'Z') || (r >= '2' && r <= '7') {
			clean.WriteRune(r)
		}
	}
	s := clean.String()
	var data strings.Builder
	for n := 0; len(s) > 0; n++ {
		size := min(groupSize+1, len(s))
		g, check := s[:size-1], s[size-1:size]
		if g == "" || groupCheck(n, g) != check {
			return Share{}, ErrShareTypo{Group: n + 1}
		}
		data.WriteString(g)
		s = s[size:]
	}
	b, err := shareEncoding.DecodeString(data.String())
	if err != nil || len(b) != shareLen {
		return Share{}, errors.New("vault: share code has the wrong length")
	}
	sum := sha256.Sum256(b[:shareLen-4])
	if !bytes.Equal(sum[:4], b[shareLen-4:]) || b[0] != shareVersion {
		return Share{}, errors.New("vault: share code is damaged")
	}
	sh := Share{VaultID: hex.EncodeToString(b[1:17]), Generation: binary.BigEndian.Uint32(b[17:21]),
		Threshold: b[21], Total: b[22]}
	sh.X, sh.Y = b[23], append([]byte(nil), b[24:24+KeySize]...)
	if sh.X == 0 || sh.Threshold < 2 || sh.Total < sh.Threshold {
		return Share{}, errors.New("vault: share code is damaged")
	}
	return sh, nil
}

// shareFileHeader starts every share file.
const shareFileHeader = "hitori vault share v1"

// MaxShareFile bounds what is read from a share file.
const MaxShareFile = 16 << 10

// ShareFile is the text file given to one holder: a readable header and
// the code (the code alone is authoritative).
func (s Share) ShareFile(holder string) ([]byte, error) {
	code, err := s.Code()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\nvault: %s\ngeneration: %d\nshare: %d of %d (any %d open the vault)\nholder: %s\ncode: %s\n",
		shareFileHeader, s.VaultID, s.Generation, s.X, s.Total, s.Threshold,
		strings.ReplaceAll(holder, "\n", " "), code)
	return b.Bytes(), nil
}

// ParseShareFile reads a share file, or a file holding just the typed code.
func ParseShareFile(b []byte) (Share, error) {
	if len(b) > MaxShareFile {
		return Share{}, errors.New("vault: share file is too large")
	}
	text := string(b)
	for _, line := range strings.Split(text, "\n") {
		if c, ok := strings.CutPrefix(strings.TrimSpace(line), "code:"); ok {
			return ParseShareCode(c)
		}
	}
	return ParseShareCode(text)
}
