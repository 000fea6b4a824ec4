package vault

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
)

// Shamir's secret sharing over GF(2^8) with the AES polynomial
// x^8+x^4+x^3+x+1: each byte of the secret is the constant term of its own
// random polynomial of degree K−1, share i holds the polynomials' values at
// x=i, and any K shares give the constants back by Lagrange interpolation
// at 0. K−1 shares are consistent with every possible secret, so they tell
// nothing about it.

// gfExp and gfLog are tables over the generator 3 (x+1).
var gfExp [510]byte
var gfLog [256]byte

func init() {
	x := byte(1)
	for i := 0; i < 255; i++ {
		gfExp[i] = x
		gfExp[i+255] = x
		gfLog[x] = byte(i)
		x = gfMulSlow(x, 3)
	}
}

// gfMulSlow multiplies by shifting and reducing; it builds the tables and
// checks them in tests.
func gfMulSlow(a, b byte) byte {
	var p byte
	for b != 0 {
		if b&1 != 0 {
			p ^= a
		}
		hi := a & 0x80
		a <<= 1
		if hi != 0 {
			a ^= 0x1b
		}
		b >>= 1
	}
	return p
}

func gfMul(a, b byte) byte {
	if a == 0 || b == 0 {
		return 0
	}
	return gfExp[int(gfLog[a])+int(gfLog[b])]
}

func gfDiv(a, b byte) byte {
	if b == 0 {
		panic("vault: division by zero in GF(256)")
	}
	if a == 0 {
		return 0
	}
	return gfExp[int(gfLog[a])+255-int(gfLog[b])]
}

// RawShare is one point of every byte's polynomial: X is 1…255.
type RawShare struct {
	X byte
	Y []byte
}

// splitWith cuts secret into n shares of which any k recover it, drawing
// coefficients from rnd (crypto/rand outside tests).
func splitWith(rnd io.Reader, secret []byte, n, k int) ([]RawShare, error) {
	if k < 2 || n < k || n > 255 {
		return nil, fmt.Errorf("vault: need 2 ≤ threshold ≤ shares ≤ 255, got threshold %d of %d", k, n)
	}
	if len(secret) == 0 {
		return nil, errors.New("vault: empty secret")
	}
	shares := make([]RawShare, n)
	for i := range shares {
		shares[i] = RawShare{X: byte(i + 1), Y: make([]byte, len(secret))}
	}
	coef := make([]byte, k)
	for j, s := range secret {
		coef[0] = s
		if _, err := io.ReadFull(rnd, coef[1:]); err != nil {
			return nil, fmt.Errorf("vault: random: %w", err)
		}
		for i := range shares {
			shares[i].Y[j] = evaluate(coef, shares[i].X)
		}
	}
	clear(coef)
	return shares, nil
}

// Split cuts secret into n shares of which any k recover it.
func Split(secret []byte, n, k int) ([]RawShare, error) {
	return splitWith(rand.Reader, secret, n, k)
}

// evaluate computes the polynomial at x by Horner's rule.
func evaluate(coef []byte, x byte) byte {
	var y byte
	for i := len(coef) - 1; i >= 0; i-- {
		y = gfMul(y, x) ^ coef[i]
	}
	return y
}

// Combine interpolates the shares at 0. With fewer than the threshold it
// returns a wrong secret, not an error: only a check value can tell.
func Combine(shares []RawShare) ([]byte, error) {
	if len(shares) < 2 {
		return nil, errors.New("vault: at least two shares are needed")
	}
	size := len(shares[0].Y)
	seen := map[byte]bool{}
	for _, s := range shares {
		if s.X == 0 || seen[s.X] {
			return nil, errors.New("vault: the same share was given twice")
		}
		if len(s.Y) != size {
			return nil, errors.New("vault: shares of different sizes")
		}
		seen[s.X] = true
	}
	secret := make([]byte, size)
	for i, si := range shares {
		// Lagrange basis at 0: Π x_j / (x_j − x_i); minus is XOR in GF(2^8).
		basis := byte(1)
		for j, sj := range shares {
			if i != j {
				basis = gfMul(basis, gfDiv(sj.X, sj.X^si.X))
			}
		}
		for b := range secret {
			secret[b] ^= gfMul(si.Y[b], basis)
		}
	}
	return secret, nil
}
