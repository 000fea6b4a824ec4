package web

import (
	"slices"
	"testing"
)

func TestSplitList(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"commas", "VPN, プリンター ,", []string{"VPN", "プリンター"}},
		{"japanese comma", "VPN、プリンター，メール", []string{"VPN", "プリンター", "メール"}},
		{"lines", "a\r\nb\n\nc", []string{"a", "b", "c"}},
		{"semicolons", "a;b；c", []string{"a", "b", "c"}},
		{"blank entries", " , 、 ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitList(tt.in)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("splitList(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
