package asset

import "testing"

func TestTitleKey(t *testing.T) {
	cases := []struct{ name, want string }{
		{"Microsoft Office Professional Plus 2019 - ja-jp", "microsoft office"},
		{"Microsoft Office Professional Plus 2019", "microsoft office"},
		{"Microsoft Office Home and Business 2019", "microsoft office"},
		{"7-Zip 23.01 (x64)", "7-zip"},
		{"7-Zip 19.00 (x64 edition)", "7-zip"},
		{"Adobe Acrobat Reader DC (64-bit)", "adobe acrobat reader dc"},
		{"Adobe Acrobat Reader DC", "adobe acrobat reader dc"},
		{"Mozilla Firefox (x64 ja)", "mozilla firefox"},
		{"Google Chrome", "google chrome"},
		{"ＧｏｏｇｌｅＣｈｒｏｍｅ", "googlechrome"},
		{"Ｇｏｏｇｌｅ　Ｃｈｒｏｍｅ", "google chrome"},
		{"Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.38.33130", "microsoft visual c++ redistributable"},
		{"Microsoft 365 Apps for enterprise - ja-jp", "microsoft 365 apps"},
		{"Microsoft® Windows® 11 Pro", "microsoft windows 11"},
		{"Windows 10 Pro", "windows 10"},
		{"Enterprise Architect 16.1", "enterprise architect"},
		{"Adobe Photoshop 2024", "adobe photoshop"},
		{"一太郎 2023 (64 ビット)", "一太郎"},
		{"ウイルスバスター コーポレートエディション v14", "ウイルスバスター コーポレートエディション"},
		{"Zoom Workplace (64-bit) version 6.2.5", "zoom workplace"},
		{"2019", "2019"},
		{"  ", ""},
	}
	for _, c := range cases {
		if got := TitleKey(c.name); got != c.want {
			t.Errorf("TitleKey(%q) = %q, want %q", c.name, got, c.want)
		}
		if again := TitleKey(TitleKey(c.name)); again != TitleKey(c.name) {
			t.Errorf("TitleKey not idempotent on %q: %q then %q", c.name, TitleKey(c.name), again)
		}
	}
}

func FuzzTitleKey(f *testing.F) {
	for _, s := range []string{"Microsoft Office Professional Plus 2019 - ja-jp", "7-Zip 23.01 (x64)", "Ｇｏｏｇｌｅ", "(64-bit)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := TitleKey(s)
		if k2 := TitleKey(k); k2 != k {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, k, k2)
		}
	})
}

func TestTitleCacheAnswersAsTitleKey(t *testing.T) {
	var c titleCache
	for round := range 2 { // the second round is answered from the cache
		for _, name := range []string{"Microsoft Office Professional Plus 2019 - ja-jp", "7-Zip 23.01 (x64)", "ＡｄｏｂｅＡｃｒｏｂａｔ", "2019", ""} {
			if got, want := c.key(name), TitleKey(name); got != want {
				t.Errorf("round %d: key(%q) = %q, want %q", round, name, got, want)
			}
		}
	}
}
