package vault

import (
	"crypto/rand"
	"math/big"
	"strings"
)

// Character sets of generated passwords. Look-alikes (0O1lI) are left out
// because people read these passwords off a screen or paper.
const (
	genLower  = "abcdefghijkmnopqrstuvwxyz"
	genUpper  = "ABCDEFGHJKLMNPQRSTUVWXYZ"
	genDigits = "23456789"
	genSymbol = "!#$%&*+-=?@_"
)

// GenerateOptions shape a generated password.
type GenerateOptions struct {
	Length  int  // 8…128; 0 means 20
	Symbols bool // include symbols (some systems refuse them)
}

// Generate returns a random password with at least one character of each
// chosen set, drawn uniformly with crypto/rand.
func Generate(o GenerateOptions) string {
	n := o.Length
	if n == 0 {
		n = 20
	}
	n = max(8, min(n, 128))
	sets := []string{genLower, genUpper, genDigits}
	if o.Symbols {
		sets = append(sets, genSymbol)
	}
	all := strings.Join(sets, "")
	for {
		b := make([]byte, n)
		for i := range b {
			b[i] = all[randInt(len(all))]
		}
		if hasEach(string(b), sets) {
			return string(b)
		}
	}
}

func randInt(n int) int {
	v, _ := rand.Int(rand.Reader, big.NewInt(int64(n)))
	return int(v.Int64())
}

func hasEach(s string, sets []string) bool {
	for _, set := range sets {
		if !strings.ContainsAny(s, set) {
			return false
		}
	}
	return true
}
