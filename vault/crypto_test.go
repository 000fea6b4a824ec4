package vault

import (
	"bytes"
	"encoding/hex"
	"testing"
)

func mustHex(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestAESGCMKnownAnswer opens the AES-256 vector of the GCM specification
// (McGrew & Viega, test case 16) through the package's own layout
// (nonce|ciphertext|tag), and checks a tampered bit is refused.
func TestAESGCMKnownAnswer(t *testing.T) {
	key := mustHex(t, "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")
	iv := mustHex(t, "cafebabefacedbaddecaf888")
	plain := mustHex(t, "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39")
	ad := mustHex(t, "feedfacedeadbeeffeedfacedeadbeefabaddad2")
	ct := mustHex(t, "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662")
	tag := mustHex(t, "76fc6ece0f4e1768cddf8853bb2d551b")
	msg := append(append(append([]byte(nil), iv...), ct...), tag...)
	got, err := openBytes(key, msg, ad)
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("open: %x, %v; want %x", got, err, plain)
	}
	for i := range msg {
		bad := append([]byte(nil), msg...)
		bad[i] ^= 0x01
		if _, err := openBytes(key, bad, ad); err == nil {
			t.Fatalf("byte %d flipped: opened", i)
		}
	}
	if _, err := openBytes(key, msg, append(ad, 0)); err == nil {
		t.Fatal("other additional data: opened")
	}
}

func TestSealOpenBindsPlace(t *testing.T) {
	key := NewKey()
	ct, err := seal(key, []byte("hunter2"), fieldAD("v", "e1", fieldPassword))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains([]byte(ct), []byte("hunter2")) {
		t.Fatal("plaintext in ciphertext")
	}
	tests := []struct {
		name string
		key  []byte
		ct   string
		ad   []byte
	}{
		{"other entry", key, ct, fieldAD("v", "e2", fieldPassword)},
		{"other field", key, ct, fieldAD("v", "e1", fieldNotes)},
		{"other vault", key, ct, fieldAD("w", "e1", fieldPassword)},
		{"other key", NewKey(), ct, fieldAD("v", "e1", fieldPassword)},
		{"truncated", key, ct[:len(ct)-4], fieldAD("v", "e1", fieldPassword)},
		{"no prefix", key, ct[3:], fieldAD("v", "e1", fieldPassword)},
		{"empty", key, "", fieldAD("v", "e1", fieldPassword)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := open(tt.key, tt.ct, tt.ad); err == nil {
				t.Fatal("opened")
			}
		})
	}
	if p, err := open(key, ct, fieldAD("v", "e1", fieldPassword)); err != nil || string(p) != "hunter2" {
		t.Fatalf("open: %q, %v", p, err)
	}
}

func TestPassphraseKeyRederive(t *testing.T) {
	k, enc := passphraseKey("correct horse battery", TestKDF)
	if k2, err := rederive("correct horse battery", enc); err != nil || !bytes.Equal(k, k2) {
		t.Fatalf("rederive: %v", err)
	}
	if k3, _ := rederive("wrong", enc); bytes.Equal(k, k3) {
		t.Fatal("wrong passphrase gave the key")
	}
	for _, bad := range []string{"", "scrypt$m=1$AAAA", "argon2id$m=0,t=1,p=1$AAAAAAAAAAAA", "argon2id$m=99999999,t=1,p=1$AAAAAAAAAAAA", "argon2id$m=1024,t=0,p=1$AAAAAAAAAAAA"} {
		if _, err := rederive("x", bad); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}

func TestGenerate(t *testing.T) {
	for _, o := range []GenerateOptions{{}, {Length: 8}, {Length: 64, Symbols: true}, {Length: 1000}} {
		p := Generate(o)
		want := o.Length
		if want == 0 {
			want = 20
		}
		want = min(max(want, 8), 128)
		if len(p) != want || !hasEach(p, []string{genLower, genUpper, genDigits}) {
			t.Errorf("%+v: %q", o, p)
		}
		if o.Symbols != hasEach(p, []string{genSymbol}) {
			t.Errorf("%+v: symbols in %q", o, p)
		}
	}
	if Generate(GenerateOptions{}) == Generate(GenerateOptions{}) {
		t.Fatal("two passwords alike")
	}
}
