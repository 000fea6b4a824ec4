package sqlstore_test

import (
	"slices"
	"testing"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

// TestItemTextIndexMatchesPlainLike checks the indexed text condition (FTS5
// trigrams on SQLite, pg_trgm on PostgreSQL) finds exactly the items a plain
// LIKE over every row finds, for short and long, Japanese and English
// queries, LIKE metacharacters and quotes, and after edits.
func TestItemTextIndexMatchesPlainLike(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		ctx := f.adminCtx
		docs := []struct{ title, body string }{
			{"プリンターで印刷できない", "2階の複合機です。今朝から紙詰まりの表示が出ます。"},
			{"VPN に接続できません", "在宅勤務中です。エラーコードは 0x80070005 と表示されます。"},
			{"vpn client update", "Please update the VPN client to 5.2."},
			{"Outlook のパスワードを忘れた", "Password reset, please."},
			{"作業 100%完了", "file_name.txt と file-name.txt を置きました。"},
			{"ＰＣが起動しない", "全角のＰＣと半角のPCが混在。"},
			{"Café Ünïcödé", "naïve résumé ÉCOLE"},
			{"ﾌﾟﾘﾝﾀｰ半角", "半角カナのﾃｽﾄです。"},
			{"絵文字 😀 テスト", "引用符 \"quoted\" と 'single' 、バックスラッシュ \\ も。"},
			{"a", "ab"},
			{"印", ""},
			{"プリンター", "プリンター"},
		}
		var ids []int64
		for _, d := range docs {
			ids = append(ids, MustCreateItem(t, db, ctx, &hitori.Item{Title: d.title, Body: d.body}).ID)
		}
		queries := []string{
			"プ", "印", "印刷", "プリ", "プリンター", "ンターで印", "紙詰まり", "複合機です。",
			"vpn", "VPN", "Vpn に", "vpn client", "0x8007", "PASSWORD", "pass",
			"%", "_", "100%", "%完", "e_n", "file_", "_name", "\\", "\"", "\"quoted\"", "'single'",
			"café", "CAFÉ", "ünï", "ÜNÏ", "école", "ＰＣ", "ｐｃ", "pc", "PC", "ﾌﾟﾘ", "ﾌﾟﾘﾝﾀｰ",
			"😀", "😀 テ", "a", "ab", "b", "xyz", "存在しない文字列", "の",
		}
		check := func(t *testing.T) {
			t.Helper()
			for _, q := range queries {
				want, err := db.PlainItemTextMatchForTest(ctx, q)
				if err != nil {
					t.Fatalf("%q: plain LIKE: %v", q, err)
				}
				// Alone, and with a condition that narrows the items first
				// (every item here is open): SQLite plans the two differently.
				for _, f := range []hitori.ItemFilter{{Query: q, Limit: 500}, {Query: q, OpenOnly: true, Limit: 500}} {
					items, total, err := db.Items().FindItems(ctx, f)
					if err != nil {
						t.Fatalf("%q: %v", q, err)
					}
					var got []int64
					for _, it := range items {
						got = append(got, it.ID)
					}
					slices.Sort(got)
					if !slices.Equal(got, want) || total != len(want) {
						t.Errorf("%q (open only %v): got %v (total %d), want %v", q, f.OpenOnly, got, total, want)
					}
				}
			}
		}
		t.Run("created", check)
		// The index follows edits made through the store.
		title, body := "ラベルプリンターの交換", "VPN は関係ありません。"
		if _, err := db.Items().UpdateItem(ctx, ids[0], hitori.ItemUpdate{Title: &title}); err != nil {
			t.Fatal(err)
		}
		if err := db.ExecForTest(ctx, `UPDATE items SET body = $1 WHERE id = $2`, body, ids[2]); err != nil {
			t.Fatal(err)
		}
		if err := db.ExecForTest(ctx, `DELETE FROM items WHERE id = $1`, ids[11]); err != nil {
			t.Fatal(err)
		}
		queries = append(queries, "ラベル", "関係あり", "client")
		t.Run("edited", check)
	})
}
