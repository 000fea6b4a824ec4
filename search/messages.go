package search

// User-visible chat texts, kept together so they can move to the message
// catalogue (ja/en) without touching the logic.
const (
	msgEmptyQuestion = "質問を入力してください。"
	msgAnswerIntro   = "「%s」に手順・説明があります。該当しそうな部分を抜粋します。"
	msgAnswerOutro   = "解決しない場合は、このまま情シスへの問い合わせ（チケット）を作成できます。"
	msgClarify       = "ご質問は次のどちらに近いでしょうか？\n・%s\n・%s"
	msgNoAnswer      = "申し訳ありません。このご質問に答えられるナレッジ記事が見つかりませんでした。情シスへの問い合わせ（チケット）を作成しますか？"
	msgContinued     = "…（続きは記事の全文をご覧ください）"
)
