package search

import (
	"fmt"
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
		{"named product covered", "VPNつなぐときAuthenticatorの通知来ない", true, "kb-019", "Authenticator"},
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

// TestAnswerQuotesWhatThePassageIntroduces: a passage ending 「以下の順に確認
// してください。」 must bring its steps along (issue 9, item 5).
func TestAnswerQuotesWhatThePassageIntroduces(t *testing.T) {
	ix := MustKBIndex(t)
	a := ix.Answer("印刷ボタンを押しても何も出てこない", nil)
	if !a.Confident || a.Articles[0].ID != "kb-001" {
		t.Fatalf("not a confident kb-001 answer: %+v", a)
	}
	for _, want := range []string{"以下の順に確認してください。", "1. 複合機の操作パネル", "10. 全員が印刷できない"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("answer lacks %q:\n%s", want, a.Text)
		}
	}
}

func TestPassageLongListIsCutWithPointer(t *testing.T) {
	var b strings.Builder
	b.WriteString("プリンターの確認は次の順に行います。\n\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "%d. 手順その%dとして、操作パネルの表示を確認してから次へ進みます。\n", i, i)
	}
	b.WriteString("\n最後に情シスへ連絡します。")
	ix := NewIndex(Options{})
	h := ix.buildPlan("プリンターの確認", nil).passageTerms()
	got := bestPassage(stripMarkdown(b.String()), h)
	if !strings.HasPrefix(got, "プリンターの確認は次の順に行います。\n1. 手順その1") {
		t.Errorf("passage does not start with the introduction and step 1:\n%s", got)
	}
	if !strings.HasSuffix(got, msgContinued) || len([]rune(got)) > maxPassage+len([]rune(msgContinued))+1 {
		t.Errorf("long list not cut with a pointer to the article (%d runes):\n%s", len([]rune(got)), got)
	}
	if strings.Contains(got, "最後に情シス") {
		t.Errorf("passage runs past the list:\n%s", got)
	}
}

// TestAnswerNotSureWithoutTheNamedProduct: 通知が来ない fits the VPN/MFA
// article, but a question about Teams is not answered by an article without
// Teams (issue 9, item 6). Asking which of two Teams-related articles was
// meant is fine; a confident answer is not.
func TestAnswerNotSureWithoutTheNamedProduct(t *testing.T) {
	ix := MustKBIndex(t)
	for _, q := range []string{"会社のスマホで Teams の通知が来ない", "Teamsの通知が来ない", "kintoneのパスワードを忘れた", "Slackの通知が来ない", "Zoomの録画が保存されない"} {
		a := ix.Answer(q, nil)
		if a.Confident {
			t.Errorf("Answer(%q) is confident from %s:\n%s", q, a.Articles[0].ID, a.Text)
		}
		for _, h := range a.Articles[:min(len(a.Articles), 2)] {
			if a.Clarify && h.ID == "kb-019" {
				t.Errorf("Answer(%q) offers kb-019, which has no Teams", q)
			}
		}
	}
}
