package search

import (
	"strings"
	"testing"
)

func TestAnswerFromKB(t *testing.T) {
	ix := MustKBIndex(t)
	tests := []struct {
		name, question string
		confident      bool
		wantID         string
		wantText       string
	}{
		{"error code", "VPNで -7200 エラー", true, "kb-015", "-7200"},
		{"half-width katakana", "ｽｷｬﾝしたのが届かない", true, "kb-003", "スキャン"},
		{"synonym", "PW忘れてサインインできない", true, "kb-036", "パスワード"},
		{"not covered", "名刺の発注したい", false, "", msgNoAnswer},
		{"not covered either", "給与明細が見れない", false, "", msgNoAnswer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ix.Answer(tt.question, nil)
			if a.Confident != tt.confident || a.Clarify {
				t.Fatalf("Answer(%q): confident=%v clarify=%v, want confident=%v", tt.question, a.Confident, a.Clarify, tt.confident)
			}
			if tt.confident && (len(a.Articles) != 1 || a.Articles[0].ID != tt.wantID) {
				t.Errorf("Answer(%q) articles = %+v, want %s", tt.question, a.Articles, tt.wantID)
			}
			if !strings.Contains(a.Text, tt.wantText) {
				t.Errorf("Answer(%q) text lacks %q:\n%s", tt.question, tt.wantText, a.Text)
			}
		})
	}
}

func TestAnswerQuotesPassageNotPage(t *testing.T) {
	ix := MustKBIndex(t) // realistic IDF: confidence is calibrated on a real knowledge base
	body := "# 会議室の使い方\n\n会議室は予約制です。\n\n## 予約\n\n予約は Outlook の会議出席依頼で会議室を追加します。\n\n## 映像の出し方\n\n1. HDMI ケーブルをつなぎます。\n2. 入力切替で HDMI1 を選びます。\n\n## 片付け\n\nホワイトボードを消してください。"
	ix.Put(Doc{Kind: KindArticle, ID: "m1", Title: "大会議室の使い方", Body: body})
	a := ix.Answer("大会議室で HDMI の入力切替", nil)
	if !a.Confident || a.Articles[0].ID != "m1" {
		t.Fatalf("not confident: %+v", a)
	}
	for _, want := range []string{"映像の出し方", "入力切替で HDMI1"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("answer lacks %q:\n%s", want, a.Text)
		}
	}
	for _, notWant := range []string{"ホワイトボード", "##", "会議出席依頼"} {
		if strings.Contains(a.Text, notWant) {
			t.Errorf("answer quotes more than the passage (%q):\n%s", notWant, a.Text)
		}
	}
}

func TestAnswerClarifiesBetweenTopics(t *testing.T) {
	ix := MustKBIndex(t)
	ix.Put(Doc{Kind: KindArticle, ID: "car", Title: "社用車の貸出ルール", Body: "予約は総務の台帳に記入します。\n\n鍵の保管場所は総務部のキーボックスです。"})
	ix.Put(Doc{Kind: KindArticle, ID: "store", Title: "倉庫の入退室", Body: "入室記録を残してください。\n\n鍵の保管場所は総務部のキーボックスです。"})
	a := ix.Answer("鍵の保管場所", nil)
	if !a.Clarify || a.Confident || len(a.Articles) != 2 {
		t.Fatalf("want a clarifying question naming two articles, got %+v", a)
	}
	for _, want := range []string{"社用車の貸出ルール", "倉庫の入退室"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("question lacks title %q:\n%s", want, a.Text)
		}
	}
}

func TestAnswerRespectsAllow(t *testing.T) {
	ix := NewIndex(Options{Synonyms: &Synonyms{}})
	ix.Put(Doc{Kind: KindArticle, ID: "secret", Title: "サーバー室の入室手順", Body: "暗証番号は管理者に確認します。", Access: "restricted:9"})
	ix.Put(Doc{Kind: KindArticle, ID: "open", Title: "プリンターの設定", Body: "ドライバーを入れます。", Access: "everyone"})
	everyoneOnly := func(kind, access string) bool { return access == "everyone" }
	if a := ix.Answer("サーバー室の入室手順", everyoneOnly); a.Confident || strings.Contains(a.Text, "暗証番号") {
		t.Errorf("answer leaked a restricted article: %+v", a)
	}
	if a := ix.Answer("サーバー室の入室手順", nil); !a.Confident {
		t.Errorf("without a filter the article should answer: %+v", a)
	}
}

func TestAnswerEmptyQuestion(t *testing.T) {
	ix := MustFixture(t, "")
	if a := ix.Answer("  ", nil); a.Text != msgEmptyQuestion || a.Confident {
		t.Errorf("Answer(blank) = %+v", a)
	}
}
