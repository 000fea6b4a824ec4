package hitori

import "testing"

func TestCheckText(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		ok       bool
	}{
		{"japanese", "複合機で印刷できない", true},
		{"empty", "", true},
		{"line breaks and tabs", "a\r\n\tb", true},
		{"NUL", "a\x00b", false},
		{"not UTF-8", "a\xffb", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckText("title", tc.in)
			if got := err == nil; got != tc.ok {
				t.Fatalf("CheckText(%q) = %v, want ok %v", tc.in, err, tc.ok)
			}
			if err != nil && (ErrorCode(err) != EINVALID || err.(*Error).Fields["title"] != "error.invalid_text") {
				t.Errorf("CheckText(%q) = %#v, want a field error on title", tc.in, err)
			}
		})
	}
	it := &Item{Title: "t", Tags: []string{"ok", "x\x00"}, Status: StatusNew, Source: SourceAPI}
	if err := it.Validate(); ErrorCode(err) != EINVALID {
		t.Errorf("Item.Validate with a NUL tag = %v, want EINVALID", err)
	}
}
