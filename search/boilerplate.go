package search

import (
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// greetings are the set phrases that open and close Japanese business
// messages. A ticket-style question is often wrapped in them; their words
// (疲れ, 世話, 願い) say nothing about the problem and would pull in
// unrelated articles, so they are cut before the question is analysed.
var greetings = strings.NewReplacer(
	"お疲れ様です", "。", "お疲れさまです", "。", "おつかれさまです", "。", "お疲れ様でございます", "。",
	"お世話になっております", "。", "お世話になります", "。",
	"よろしくお願いいたします", "。", "よろしくお願いします", "。", "宜しくお願い致します", "。",
	"宜しくお願いします", "。", "お願いいたします", "。", "お願いします", "。",
	"恐れ入りますが", "。", "恐縮ですが", "。", "お忙しいところすみません", "。", "お忙しいところ", "。",
	"失礼いたします", "。", "失礼します", "。", "ありがとうございます", "。",
)

// selfIntro matches a sentence that only introduces the writer by unit and
// name (営業部の佐藤です, 大阪営業所 田中と申します, 総務の鈴木です). The unit must
// look like one and the name be short, so a question such as VPNが遅いです
// or 経理部の共有フォルダです is never taken for it.
var selfIntro = regexp.MustCompile(`^([^。、\s]{0,10}(部|課|室|係|所|店|グループ|チーム|センター|工場)|総務|経理|人事|営業|企画|広報|法務|購買|設計|開発|製造)(の|\s)?[^。、\s]{1,4}(です|と申します|でございます)$`)

// stripBoilerplate removes greetings and self-introductions from a question.
func stripBoilerplate(q string) string {
	q = greetings.Replace(norm.NFKC.String(q))
	sents := strings.FieldsFunc(q, func(r rune) bool { return strings.ContainsRune("。!?\n", r) })
	var kept []string
	for i, s := range sents {
		// An introduction precedes the question; the last sentence is kept.
		if s = strings.TrimSpace(s); s != "" && (i == len(sents)-1 || !selfIntro.MatchString(s)) {
			kept = append(kept, s)
		}
	}
	return strings.Join(kept, "。")
}
