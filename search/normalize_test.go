package search

import (
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"half-width katakana with voiced marks", "ﾊﾟｽﾜｰﾄﾞ", "パスワド"},
		{"full-width latin", "ＶＰＮ", "vpn"},
		{"case folding", "OneDrive", "onedrive"},
		{"hiragana folds to katakana", "ぷりんた", "プリンタ"},
		{"trailing long vowel", "プリンター", "プリンタ"},
		{"long vowel inside a word", "サーバー", "サバ"},
		{"long vowel after latin is kept", "a-ー", "a-ー"},
		{"small vowels", "ウィルス", "ウイルス"},
		{"vu row", "ヴァージョン", "バジョン"},
		{"ke as counter", "3ヶ月", "3カ月"},
		{"decomposed voiced mark (NFD file names)", "ハ\u309Aソコン", "パソコン"},
		{"half-width vu", "ｳﾞｧｲｵﾘﾝ", "バイオリン"},
		{"stray voiced mark", "a\u3099゛", "a "},
		{"ideographic space and punctuation", "印刷　できない。", "印刷 デキナイ。"},
		{"full-width digits and hyphen", "－７２００", "-7200"},
		{"kanji unchanged", "複合機", "複合機"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeEquivalent(t *testing.T) {
	pairs := [][2]string{
		{"ﾊﾟｽﾜｰﾄﾞ", "パスワード"},
		{"ＶＰＮ", "vpn"},
		{"プリンター", "プリンタ"},
		{"サーバー", "サーバ"},
		{"プリンタードライバー", "プリンタドライバ"},
		{"ウインドウズ", "ウィンドウズ"},
		{"ぷりんたー", "プリンター"},
		{"Ｗｉ－Ｆｉ", "wi-fi"},
	}
	for _, p := range pairs {
		t.Run(p[0], func(t *testing.T) {
			if a, b := Normalize(p[0]), Normalize(p[1]); a != b {
				t.Errorf("Normalize(%q) = %q, Normalize(%q) = %q; want equal", p[0], a, p[1], b)
			}
		})
	}
}

func TestNormalizeOffsets(t *testing.T) {
	src := "ﾊﾟｽﾜｰﾄﾞを"
	nt := normalize(src)
	if got, want := string(nt.r), "パスワドヲ"; got != want {
		t.Fatalf("runes = %q, want %q", got, want)
	}
	// パ covers ﾊﾟ, ワ absorbs the dropped ｰ, ド covers ﾄﾞ.
	wantSpans := []string{"ﾊﾟ", "ｽ", "ﾜｰ", "ﾄﾞ", "を"}
	for i, w := range wantSpans {
		if got := src[nt.start[i]:nt.end[i]]; got != w {
			t.Errorf("source of rune %d = %q, want %q", i, got, w)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"ﾊﾟｽﾜｰﾄﾞ", "ＶＰＮ", "プリンター", "ヴァ", "ｳﾞｧ", "ハ\u309A", "㈱髙①", "a\u3099", "ー", "ゟ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, n)
		}
		if again := Normalize(n); again != n {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, n, again)
		}
		nt := normalize(s)
		prev := int32(0)
		for i := range nt.r {
			if nt.start[i] < prev || nt.start[i] >= nt.end[i] || int(nt.end[i]) > len(s) {
				t.Fatalf("%q: bad source span %d..%d at rune %d", s, nt.start[i], nt.end[i], i)
			}
			prev = nt.start[i]
		}
	})
}
