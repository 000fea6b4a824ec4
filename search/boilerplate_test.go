package search

import "testing"

func TestStripBoilerplate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"お疲れ様です。営業部の佐藤です。3階の複合機で印刷できません。よろしくお願いします。", "3階の複合機で印刷できません"},
		{"お世話になっております。大阪営業所 田中と申します。VPNがつながりません", "VPNがつながりません"},
		{"VPNが遅いです", "VPNが遅いです"},
		{"パスワードリセットをお願いします", "パスワードリセットを"},
		{"経理部の共有フォルダです", "経理部の共有フォルダです"}, // unit, then more than a name
		{"印刷できない", "印刷できない"},
		{"総務の鈴木です。紙詰まりです", "紙詰まりです"},
		{"総務の鈴木です", "総務の鈴木です"}, // nothing follows: not an introduction
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := stripBoilerplate(tt.in); got != tt.want {
				t.Errorf("stripBoilerplate(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
