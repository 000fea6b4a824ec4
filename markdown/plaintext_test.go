package markdown

import (
	"strings"
	"testing"
)

func TestPlainText(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"empty", "", ""},
		{"heading and paragraph", "# 手順\n\n**電源**を*入れ*ます。", "手順\n電源を入れます。"},
		{"japanese lines join without space", "日本語の\n文章です。\nThen English\nwords.", "日本語の文章です。 Then English words."},
		{"link and image keep their text", "[社内ポータル](https://x.example/) と ![設定画面](a.png)", "社内ポータル と 設定画面"},
		{"autolink keeps url", "see https://example.com/a", "see https://example.com/a"},
		{"inline code verbatim", "`\\\\nas01\\share` を開く", `\\nas01\share を開く`},
		{"escapes and entities resolved", `\*not em\* &amp; &copy;`, "*not em* & ©"},
		{"list items one per line", "1. 一\n2. 二\n   - 入れ子\n- [x] 済み", "一\n二\n入れ子\n済み"},
		{"table rows", "| 機器 | 台数 |\n|---|---|\n| PC | 12 |\n| `NAS` | 1 |", "機器 台数\nPC 12\nNAS 1"},
		{"code block on one line", "```\nipconfig /all\nping 8.8.8.8\n```", "ipconfig /all ping 8.8.8.8"},
		{"blockquote and rule", "> 注意：再起動\n\n---\n\n後", "注意：再起動\n後"},
		{"raw html text kept, tags and scripts dropped", "<div><b>重要</b><script>evil()</script></div>\n\nx <kbd>Ctrl</kbd>", "重要\nx Ctrl"},
		{"strikethrough text kept", "~~旧~~ 新", "旧 新"},
		{"hard break", "a  \nb", "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlainText(tt.body); got != tt.want {
				t.Errorf("PlainText(%q)\n got: %q\nwant: %q", tt.body, got, tt.want)
			}
		})
	}
}

func TestPlainTextTruncatesHugeBodies(t *testing.T) {
	body := strings.Repeat("あ", MaxBodyBytes) // 3 bytes each: three times the limit
	got := PlainText(body)
	if len(got) > MaxBodyBytes || !strings.HasPrefix(got, "あああ") {
		t.Errorf("got %d bytes starting %q, want at most %d", len(got), got[:9], MaxBodyBytes)
	}
}
