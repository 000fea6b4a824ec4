package auth

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// fixedHash was made once with parameters unlike both TestParams and
// DefaultParams (m=2048, t=2, p=1, a 24-byte key) for "correct horse battery".
const fixedHash = "$argon2id$v=19$m=2048,t=2,p=1$kiDoTKi00tkbU3IXJfhHvQ$ETrlEV3EPZ3iSiae7J3sHAZKrc8obANh"

// TestVerifyStoredParams: a hash keeps working whatever the hasher's current
// parameters are, so raising the defaults never locks users out.
func TestVerifyStoredParams(t *testing.T) {
	for _, p := range []Params{TestParams, {Memory: 4096, Time: 3, Threads: 2, KeyLen: 32}} {
		h := Hasher{p}
		for _, tt := range []struct {
			pw   string
			want bool
		}{{"correct horse battery", true}, {"correct horse batterx", false}} {
			got, err := h.Verify(fixedHash, tt.pw)
			if err != nil || got != tt.want {
				t.Errorf("Hasher%+v.Verify(fixed, %q) = %v, %v; want %v", p, tt.pw, got, err, tt.want)
			}
		}
	}
}

// TestVerifyMalformed: a corrupt stored hash is an error, never a panic, and
// never keeps a hashing slot (two stuck slots would block every sign-in).
func TestVerifyMalformed(t *testing.T) {
	const salt, key = "kiDoTKi00tkbU3IXJfhHvQ", "ETrlEV3EPZ3iSiae7J3sHAZKrc8obANh"
	tests := []struct{ name, enc string }{
		{"empty", ""},
		{"bcrypt", "$2b$10$abcdefghijklmnopqrstuv"},
		{"argon2i", "$argon2i$v=19$m=2048,t=2,p=1$" + salt + "$" + key},
		{"time zero", "$argon2id$v=19$m=2048,t=0,p=1$" + salt + "$" + key},
		{"threads zero", "$argon2id$v=19$m=2048,t=2,p=0$" + salt + "$" + key},
		{"memory zero", "$argon2id$v=19$m=0,t=2,p=1$" + salt + "$" + key},
		{"threads overflow uint8", "$argon2id$v=19$m=2048,t=2,p=256$" + salt + "$" + key},
		{"negative", "$argon2id$v=19$m=-1,t=2,p=1$" + salt + "$" + key},
		{"huge memory", "$argon2id$v=19$m=4294967295,t=2,p=1$" + salt + "$" + key},
		{"huge time", "$argon2id$v=19$m=2048,t=1000,p=1$" + salt + "$" + key},
		{"trailing junk in params", "$argon2id$v=19$m=2048,t=2,p=1x$" + salt + "$" + key},
		{"missing param", "$argon2id$v=19$m=2048,t=2$" + salt + "$" + key},
		{"params out of order", "$argon2id$v=19$t=2,m=2048,p=1$" + salt + "$" + key},
		{"wrong version", "$argon2id$v=16$m=2048,t=2,p=1$" + salt + "$" + key},
		{"empty salt", "$argon2id$v=19$m=2048,t=2,p=1$$" + key},
		{"empty key", "$argon2id$v=19$m=2048,t=2,p=1$" + salt + "$"},
		{"bad base64", "$argon2id$v=19$m=2048,t=2,p=1$" + salt + "$!!!!"},
		{"extra field", "$argon2id$v=19$m=2048,t=2,p=1$" + salt + "$" + key + "$x"},
	}
	h := Hasher{TestParams}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := h.Verify(tt.enc, "correct horse battery")
			if ok || !errors.Is(err, ErrMalformedHash) {
				t.Errorf("Verify = %v, %v; want false, ErrMalformedHash", ok, err)
			}
		})
	}
	// Every slot is free again: more verifications than slots finish promptly.
	done := make(chan struct{})
	go func() {
		for range cap(hashSlots) + 2 {
			_, _ = h.Verify(fixedHash, "x")
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("hashing slots leaked: Verify blocks")
	}
}

// TestIDKeyReleasesSlotOnPanic: even if argon2 itself panics, the slot is freed.
func TestIDKeyReleasesSlotOnPanic(t *testing.T) {
	for range cap(hashSlots) + 1 {
		func() {
			defer func() { _ = recover() }()
			idKey("x", []byte("salt"), Params{Memory: 8, Time: 0, Threads: 1, KeyLen: 32})
		}()
	}
	if n := len(hashSlots); n != 0 {
		t.Fatalf("%d hashing slots held after panics, want 0", n)
	}
}

// FuzzVerify: no stored hash makes Verify panic, and anything it accepts
// round-trips through the parser unchanged in meaning.
func FuzzVerify(f *testing.F) {
	f.Add(fixedHash)
	f.Add("$argon2id$v=19$m=8,t=0,p=1$c2FsdHNhbHQ$a2V5")
	f.Add("$argon2id$v=19$m=8,t=1,p=0$c2FsdHNhbHQ$a2V5")
	f.Add("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$a2V5")
	f.Add("")
	f.Fuzz(func(t *testing.T, enc string) {
		d, err := parseHash(enc)
		if err != nil {
			if !errors.Is(err, ErrMalformedHash) {
				t.Fatalf("parseHash(%q) error %v, want ErrMalformedHash", enc, err)
			}
			return
		}
		if d.p.Time < 1 || d.p.Threads < 1 || d.p.Memory < 1 || d.p.Memory > maxMemory || d.p.Time > maxTime || len(d.key) == 0 || len(d.salt) == 0 {
			t.Fatalf("parseHash(%q) accepted out-of-range %+v", enc, d.p)
		}
		if d.p.Memory <= 64 && d.p.Time <= 2 && d.p.Threads <= 4 && !strings.Contains(enc, "\n") {
			// cheap enough to run: derivation must not panic
			_, _ = Hasher{TestParams}.Verify(enc, "pw")
		}
	})
}
