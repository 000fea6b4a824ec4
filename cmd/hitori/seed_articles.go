package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"hitori"
	"hitori/sqlstore"
)

// Vocabulary of the generated knowledge articles: products and services an
// SME's IT runs, what goes wrong with them, and the steps that fix it, so
// that search sees many distinct words and not 10,000 copies of one text.
var (
	seedArticleThings = []string{"Outlook", "Teams", "OneDrive", "SharePoint", "Excel", "Word", "PowerPoint", "Windows 11",
		"VPN クライアント", "複合機", "ラベルプリンター", "Wi-Fi", "有線 LAN", "社用スマートフォン", "iPad", "Chrome", "Edge",
		"会計ソフト", "勤怠システム", "経費精算システム", "販売管理システム", "ファイルサーバー", "NAS", "バックアップ",
		"ウイルス対策ソフト", "BitLocker", "多要素認証", "Zoom", "電話機", "モニター", "ドッキングステーション", "USB メモリ",
		"Active Directory", "Microsoft 365 ライセンス", "Google Workspace", "Slack", "Box", "Adobe Acrobat", "タイムカード端末"}
	seedArticleIssues = []string{"が起動しない", "につながらない", "が遅い", "で「アクセスが拒否されました」と出る", "にサインインできない",
		"で印刷できない", "がフリーズする", "の同期が止まる", "の容量が足りない", "の証明書エラーが出る", "で文字化けする",
		"のパスワードを変更したい", "を新しい PC に移行したい", "の設定をやり直したい", "が更新後に動かない", "で音が出ない",
		"の共有設定を変えたい", "のライセンスが切れた", "が勝手に再起動する", "でファイルが開けない"}
	seedArticleSteps = []string{"PC を再起動し、症状が続くか確認します。", "タスクバーの通知領域からアプリを終了し、もう一度起動します。",
		"資格情報マネージャーから古い資格情報を削除します。", "ネットワークケーブルと Wi-Fi の接続先を確認します。",
		"Windows Update を最後まで適用してから再度試します。", "キャッシュフォルダの中身を削除します（設定は消えません）。",
		"管理者に連絡し、アカウントのロック状態を確認してもらいます。", "プリンタードライバーを削除して入れ直します。",
		"VPN を切断してから社内ネットワークに直接つなぎ直します。", "ブラウザーのシークレットウィンドウで開けるか確かめます。",
		"エラー画面のスクリーンショットを撮り、チケットに添付します。", "別のユーザーで同じ操作ができるか確認します。",
		"ディスクの空き容量が 10% 以上あるか確認します。", "日付と時刻の設定が自動になっているか確認します。",
		"セーフモードで起動し、常駐ソフトの影響を切り分けます。", "ライセンスの割り当てを管理センターで確認します。"}
	seedArticleWhy = []string{"多くの場合、古い資格情報が残っていることが原因です。", "更新プログラムの適用途中で止まっていることがよくあります。",
		"社外からの接続では VPN が必要です。", "容量の上限に達すると同期が止まります。", "ドライバーの不整合で起きることがあります。",
		"パスワード変更後は各端末で再サインインが必要です。", "証明書の有効期限切れが原因のことがあります。"}
	seedArticlePolicies = []string{"パスワードの管理", "私物端末の業務利用", "USB メモリの持ち出し", "退職者アカウントの停止", "ソフトウェアの導入申請",
		"テレワーク時の情報管理", "メールの誤送信防止", "ウイルス感染時の初動", "データのバックアップ", "来客用 Wi-Fi の利用"}
	seedArticleDepts = []string{"総務部", "経理部", "営業部", "開発部", "人事部", "製造部", "品質保証部", "全社"}
)

// seedArticles writes n generated articles through the store, each in its
// own transaction as the editor saves one.
func (g *seeder) seedArticles(ctx context.Context, db *sqlstore.DB, n int, stdout, stderr io.Writer) error {
	if n == 0 {
		return nil
	}
	start, last := time.Now(), time.Now()
	for i := range n {
		a := seedArticle(g.rnd, i)
		if err := db.Articles().CreateArticle(ctx, a); err != nil {
			return fmt.Errorf("seed article %d: %w", i+1, err)
		}
		if time.Since(last) > 2*time.Second || i == n-1 {
			last = time.Now()
			fmt.Fprintf(stderr, "seed: %d/%d articles, %s\n", i+1, n, time.Since(start).Round(time.Second))
		}
	}
	fmt.Fprintf(stdout, "seeded %d articles in %s\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}

// seedArticle generates the i-th article: mostly FAQ and troubleshooting
// pages, some runbooks and a few policies, a tenth of them for staff only.
func seedArticle(r *rand.Rand, i int) *hitori.Article {
	thing, issue := pick(r, seedArticleThings), pick(r, seedArticleIssues)
	dept := pick(r, seedArticleDepts)
	a := &hitori.Article{Category: pick(r, seedCats), Visibility: hitori.VisibleEveryone}
	if r.IntN(10) == 0 {
		a.Visibility = hitori.VisibleStaff
	}
	var b strings.Builder
	steps := func(k int) {
		for j := range k {
			fmt.Fprintf(&b, "%d. %s\n", j+1, pick(r, seedArticleSteps))
		}
	}
	switch p := r.IntN(20); {
	case p < 8:
		a.Kind, a.Title = hitori.KindFAQ, fmt.Sprintf("%s%sときは？（%s）", thing, issue, dept)
		fmt.Fprintf(&b, "## 質問\n\n%sの方から「%s%s」という問い合わせが多く寄せられています。\n\n## 回答\n\n%s\n\n", dept, thing, issue, pick(r, seedArticleWhy))
		steps(2 + r.IntN(3))
	case p < 15:
		a.Kind, a.Title = hitori.KindTroubleshooting, fmt.Sprintf("%s%s場合の切り分け", thing, issue)
		fmt.Fprintf(&b, "## 症状\n\n%s%s。%s\n\n## 原因\n\n%s\n\n## 対処\n\n", thing, issue, pick(r, seedWhen), pick(r, seedArticleWhy))
		steps(3 + r.IntN(4))
		b.WriteString("\n直らない場合はチケットを起票してください。\n")
	case p < 19:
		a.Kind, a.Title = hitori.KindRunbook, fmt.Sprintf("%sの%s手順", thing, pick(r, seedTasks)[len("の"):])
		fmt.Fprintf(&b, "## 目的\n\n%sで使う%sの作業手順です。\n\n## 手順\n\n", dept, thing)
		steps(4 + r.IntN(5))
		b.WriteString("\n## 確認\n\n作業後、利用者に動作確認を依頼します。\n")
	default:
		a.Kind, a.Title = hitori.KindPolicy, fmt.Sprintf("%sに関する規程（%s）", pick(r, seedArticlePolicies), dept)
		fmt.Fprintf(&b, "## 目的\n\n情報資産を守るため、%sでの%sの扱いを定めます。\n\n## 内容\n\n", dept, thing)
		steps(3 + r.IntN(3))
	}
	a.Title = fmt.Sprintf("%s #%d", a.Title, i+1) // titles stay distinct for lists and links
	a.Body = b.String()
	for range r.IntN(3) {
		a.Tags = append(a.Tags, pick(r, seedTags))
	}
	return a
}
