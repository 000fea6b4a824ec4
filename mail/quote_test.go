package mail

import (
	"strings"
	"testing"
)

// TestStripQuotedSamples checks the replies in the sample set.
func TestStripQuotedSamples(t *testing.T) {
	tests := []struct{ file, wantEnd, mustNot string }{
		{"11", "「Unable to establish the VPN connection (-14)」と表示されます。", "IT Helpdesk wrote"},
		{"12", "このチケットはクローズで大丈夫です。\n\n--\n山本 健太\n営業部\n株式会社みなと精工", "Original Message"},
		{"25", "ありがとうございます。\n\n鈴木", "差出人"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := StripQuoted(mustParse(t, tt.file).Text)
			if !strings.HasSuffix(got, tt.wantEnd) {
				t.Errorf("got %q, want it to end with %q", got, tt.wantEnd)
			}
			if strings.Contains(got, tt.mustNot) || strings.Contains(got, ">") || strings.Contains(got, "____") {
				t.Errorf("got %q, still holds quoted history", got)
			}
		})
	}
}

// TestStripQuoted covers quoting styles beyond the samples.
func TestStripQuoted(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no quote", "こんにちは\n本文です。\n", "こんにちは\n本文です。"},
		{"empty", "", ""},
		{"crlf", "新しい本文\r\n\r\n> 古い本文\r\n", "新しい本文"},
		{"thunderbird ja", "了解です。\n\n2026/11/24 10:05 に IT Helpdesk さんは書きました:\n> 前の本文\n", "了解です。"},
		{"becky two lines", "直りました。\n\nOn Tue, 24 Nov 2026 10:05:00 +0900\nIT Helpdesk <it-help@example.jp> wrote:\n> 前\n", "直りました。"},
		{"gmail ja", "ありがとうございます。\n\n2026年11月24日(火) 10:05 IT Helpdesk <it-help@example.jp>:\n\n> 前の本文\n", "ありがとうございます。"},
		{"gmail wrapped", "はい。\n\n2026年11月24日(火) 10:05 IT Helpdesk <\nit-help@example.jp>:\n> 前\n", "はい。"},
		{"outlook en", "Thanks.\n\nFrom: IT Helpdesk <it@example.jp>\nSent: Tuesday, November 24, 2026 10:05 AM\nTo: Me\nSubject: x\n\nold", "Thanks."},
		{"outlook bold", "OK\n\n*From:* IT <it@example.jp>\n*Sent:* Tuesday\n\nold", "OK"},
		{"original message ja", "承知しました。\n\n-----元のメッセージ-----\n差出人: 情シス\n", "承知しました。"},
		{"spaced original", "OK\n----- Original Message -----\nFrom: x\n", "OK"},
		{"separator", "対応済みです。\n\n________________________________\n差出人: IT Helpdesk\n送信日時: 2026年11月25日 11:02\n", "対応済みです。"},
		{"inline answers", "> 再起動しましたか？\nはい。\n> 型番は？\nMS-PC-0018 です。\n", "はい。\nMS-PC-0018 です。"},
		{"bottom post", "On Tue, IT wrote:\n> 質問\n\n回答です。\n", "回答です。"},
		{"full width quote mark", "はい\n＞ 前の本文\n", "はい"},
		{"from line without header block", "From: の欄が空です。\n直してください。", "From: の欄が空です。\n直してください。"},
		{"forward kept", "ご確認ください。\n\n---------- Forwarded message ---------\nFrom: x\n本文", "ご確認ください。\n\n---------- Forwarded message ---------\nFrom: x\n本文"},
		{"only quote", "> 前の本文\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StripQuoted(tt.in); got != tt.want {
				t.Errorf("StripQuoted(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}
