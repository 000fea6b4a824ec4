package markdown

import (
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestRender(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"paragraph", "こんにちは", "<p>こんにちは</p>\n"},
		{"japanese soft break joins without a space", "日本語の\n文章です。", "<p>日本語の文章です。</p>\n"},
		{"latin soft break keeps the line break", "one\ntwo", "<p>one\ntwo</p>\n"},
		{"task list", "- [ ] 未完了\n- [x] 完了",
			"<ul>\n<li><input disabled=\"\" type=\"checkbox\"> 未完了</li>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> 完了</li>\n</ul>\n"},
		{"strikethrough", "~~古い手順~~", "<p><del>古い手順</del></p>\n"},
		{"table with alignment", "| 機器 | 台数 |\n|:--|--:|\n| PC | 12 |",
			"<table>\n<thead>\n<tr>\n<th align=\"left\">機器</th>\n<th align=\"right\">台数</th>\n</tr>\n</thead>\n" +
				"<tbody>\n<tr>\n<td align=\"left\">PC</td>\n<td align=\"right\">12</td>\n</tr>\n</tbody>\n</table>\n"},
		{"code language class", "```powershell\nGet-Process\n```",
			"<pre><code class=\"language-powershell\">Get-Process\n</code></pre>\n"},
		{"code escapes html", "`<b>` and\n\n    <i>x</i>", "<p><code>&lt;b&gt;</code> and</p>\n<pre><code>&lt;i&gt;x&lt;/i&gt;\n</code></pre>\n"},
		{"link gets rel", "[社内ポータル](https://portal.minato-seiko.example/)",
			"<p><a href=\"https://portal.minato-seiko.example/\" rel=\"nofollow noopener\">社内ポータル</a></p>\n"},
		{"relative and mailto links", "[kb](/kb/kb-002) [mail](mailto:it@minato-seiko.example)",
			"<p><a href=\"/kb/kb-002\" rel=\"nofollow noopener\">kb</a> <a href=\"mailto:it@minato-seiko.example\" rel=\"nofollow noopener\">mail</a></p>\n"},
		{"bare url autolinked", "詳細は https://example.com/help を参照",
			"<p>詳細は <a href=\"https://example.com/help\" rel=\"nofollow noopener\">https://example.com/help</a> を参照</p>\n"},
		{"image", "![画面](/static/shot.png \"設定画面\")", "<p><img src=\"/static/shot.png\" alt=\"画面\" title=\"設定画面\"></p>\n"},
		{"allowed raw html", "<kbd>Ctrl</kbd>+<kbd>C</kbd><br>次へ", "<p><kbd>Ctrl</kbd>+<kbd>C</kbd><br>次へ</p>\n"},
		{"raw link is unwrapped", `<a href="https://example.com">x</a>`, "<p>x</p>\n"},
		{"details block with markdown inside", "<details>\n<summary>詳細</summary>\n\n**本文**\n\n</details>",
			"<details>\n<summary>詳細</summary>\n<p><strong>本文</strong></p>\n</details>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := Render(tt.body)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("Render(%q)\n got: %q\nwant: %q", tt.body, got, tt.want)
			}
			AssertSafeHTML(t, string(got))
		})
	}
}

func TestRenderHeadings(t *testing.T) {
	body := "# 前提条件\n\n## 手順\n\n## 手順\n\n## 手順-2\n\n### Wi-Fi（MINATO-CORP）への接続\n\n" +
		"## ＶＰＮ の　設定\n\n## **太字** と `code`\n\n## !!!\n\n## Don't Panic\n\n####### 見出しではない\n"
	want := []Heading{
		{1, "前提条件", "前提条件"},
		{2, "手順", "手順"},
		{2, "手順", "手順-2"},
		{2, "手順-2", "手順-2-2"},
		{3, "Wi-Fi（MINATO-CORP）への接続", "wi-fi-minato-corp-への接続"},
		{2, "ＶＰＮ の　設定", "vpn-の-設定"},
		{2, "太字 と code", "太字-と-code"},
		{2, "!!!", "section"},
		{2, "Don't Panic", "dont-panic"},
	}
	out, got, err := Render(body)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("headings\n got: %v\nwant: %v", got, want)
	}
	for _, h := range want {
		if !strings.Contains(string(out), ` id="`+h.ID+`"`) {
			t.Errorf("output lacks id %q:\n%s", h.ID, out)
		}
	}
}

func TestSlugLength(t *testing.T) {
	got := slug(strings.Repeat("あいう ", 40))
	if n := len([]rune(got)); n > maxIDRunes || strings.HasSuffix(got, "-") {
		t.Errorf("slug is %d runes %q, want at most %d and no trailing '-'", n, got, maxIDRunes)
	}
}

// TestRenderInvalidUTF8 is the FuzzRender crasher: a stray continuation
// byte before a soft line break panicked inside goldmark's CJK handling.
func TestRenderInvalidUTF8(t *testing.T) {
	for _, body := range []string{"\x82\n00", "\x80\x80\nb\n", "日本\xe6\n語"} {
		out, _, err := Render(body)
		if err != nil || !strings.Contains(string(out), "\uFFFD") {
			t.Errorf("Render(%q) = %q, %v; want U+FFFD in place of the bad bytes", body, out, err)
		}
		_ = PlainText(body)
	}
}

func TestRenderTooLarge(t *testing.T) {
	_, _, err := Render(strings.Repeat("a", MaxBodyBytes+1))
	var perr *ParseError
	if !errors.As(err, &perr) || perr.Reason != ReasonBodyTooLarge {
		t.Errorf("got %v, want a body_too_large ParseError", err)
	}
}

// TestRenderConcurrent lets the race detector check that the shared engine
// really is safe to use from many requests at once.
func TestRenderConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				if _, h, err := Render("# 手順\n\n- [x] a https://example.com\n"); err != nil || len(h) != 1 {
					t.Errorf("Render: %v, %v", h, err)
				}
				_ = PlainText("| a | b |\n|---|---|\n| 1 | 2 |")
			}
		}()
	}
	wg.Wait()
}

func TestTemplate(t *testing.T) {
	tests := []struct {
		kind, lang string
		want       []string // the h2 headings, in order
	}{
		{"faq", "ja", []string{"質問", "回答"}},
		{"runbook", "ja", []string{"前提条件", "手順", "確認方法"}},
		{"troubleshooting", "ja", []string{"症状", "原因", "対処"}},
		{"policy", "ja", []string{"目的", "適用範囲", "内容"}},
		{"faq", "en", []string{"Question", "Answer"}},
		{"runbook", "en", []string{"Prerequisites", "Steps", "Verification"}},
		{"troubleshooting", "en", []string{"Symptoms", "Cause", "Resolution"}},
		{"policy", "en", []string{"Purpose", "Scope", "Policy"}},
		{"runbook", "", []string{"前提条件", "手順", "確認方法"}},
		{"howto", "ja", nil},
	}
	for _, tt := range tests {
		t.Run(tt.kind+"/"+tt.lang, func(t *testing.T) {
			body := Template(tt.kind, tt.lang)
			_, hs, err := Render(body)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hs {
				got = append(got, h.Text)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("headings of Template(%q, %q) = %q, want %q", tt.kind, tt.lang, got, tt.want)
			}
		})
	}
	if !strings.Contains(Template("runbook", "ja"), "1. ") {
		t.Error("runbook template has no numbered steps")
	}
}
