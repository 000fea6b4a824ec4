package sqlstore_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

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
		resolved := map[int64]bool{}
		check := func(t *testing.T) {
			t.Helper()
			for _, q := range queries {
				want, err := db.PlainItemTextMatchForTest(ctx, q)
				if err != nil {
					t.Fatalf("%q: plain LIKE: %v", q, err)
				}
				// Alone, with open items only and with a closed status:
				// SQLite reads three different indexes for the three.
				var wantOpen, wantResolved []int64
				for _, id := range want {
					if resolved[id] {
						wantResolved = append(wantResolved, id)
					} else {
						wantOpen = append(wantOpen, id)
					}
				}
				for _, c := range []struct {
					f    hitori.ItemFilter
					want []int64
				}{
					{hitori.ItemFilter{Query: q, Limit: 500}, want},
					{hitori.ItemFilter{Query: q, OpenOnly: true, Limit: 500}, wantOpen},
					{hitori.ItemFilter{Query: q, Statuses: []hitori.Status{hitori.StatusNew, hitori.StatusInProgress}, Limit: 500}, wantOpen},
					{hitori.ItemFilter{Query: q, Statuses: []hitori.Status{hitori.StatusResolved}, Limit: 500}, wantResolved},
				} {
					items, total, err := db.Items().FindItems(ctx, c.f)
					if err != nil {
						t.Fatalf("%q: %v", q, err)
					}
					var got []int64
					for _, it := range items {
						got = append(got, it.ID)
					}
					slices.Sort(got)
					if !slices.Equal(got, c.want) || total != len(c.want) {
						t.Errorf("%q (open %v, statuses %v): got %v (total %d), want %v", q, c.f.OpenOnly, c.f.Statuses, got, total, c.want)
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
		// Resolving takes items out of the open items' index; reopening
		// and editing a resolved item keep it right.
		st := hitori.StatusResolved
		for _, i := range []int{0, 1, 3, 6} {
			if _, err := db.Items().UpdateItem(ctx, ids[i], hitori.ItemUpdate{Status: &st}); err != nil {
				t.Fatal(err)
			}
			resolved[ids[i]] = true
		}
		t.Run("resolved", check)
		st = hitori.StatusInProgress
		if _, err := db.Items().UpdateItem(ctx, ids[1], hitori.ItemUpdate{Status: &st}); err != nil {
			t.Fatal(err)
		}
		delete(resolved, ids[1])
		title = "解決済みのプリンター再設定"
		if _, err := db.Items().UpdateItem(ctx, ids[3], hitori.ItemUpdate{Title: &title}); err != nil {
			t.Fatal(err)
		}
		queries = append(queries, "再設定")
		t.Run("reopened", check)
	})
}

// TestCommonWordFoundByWalkingTheOrder: a word in more than ItemCountCap
// items is found by walking the list's order and checking each row, not by
// reading every match through the index; the page and the capped count are
// the same either way, and a rare word still goes through the index.
func TestCommonWordFoundByWalkingTheOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newItemFixture(t, db)
		created := f.clock.Now().Add(-24 * time.Hour)
		var batch []sqlstore.SeedItem
		for i := range 2*hitori.ItemCountCap + 100 {
			title := fmt.Sprintf("プリンター %d", i)
			if i%2 == 0 {
				title = fmt.Sprintf("共有フォルダ %d", i)
			}
			// Created out of id order, so an order by id would show.
			at := created.Add(time.Duration((i*7919)%2000) * time.Minute)
			batch = append(batch, sqlstore.SeedItem{Item: &hitori.Item{Title: title, Body: "本文", Status: hitori.StatusClosed,
				Source: hitori.SourceEmail, CreatedAt: at, UpdatedAt: at}})
		}
		if err := db.Items().SeedItems(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"プリンター", "共有フォルダ", "プリンター 10"} {
			page, total, err := db.Items().FindItems(f.adminCtx, hitori.ItemFilter{Query: q, Offset: 5, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			ids, err := db.PlainItemTextMatchForTest(f.adminCtx, q)
			if err != nil {
				t.Fatal(err)
			}
			var want []*hitori.Item
			for _, id := range ids {
				it, err := db.Items().FindItemByID(f.adminCtx, id)
				if err != nil {
					t.Fatal(err)
				}
				want = append(want, it)
			}
			slices.SortFunc(want, func(a, b *hitori.Item) int {
				return cmp.Or(b.CreatedAt.Compare(a.CreatedAt), cmp.Compare(b.ID, a.ID))
			})
			if wantTotal := min(len(want), hitori.ItemCountCap+1); total != wantTotal {
				t.Errorf("%s: total %d, want %d", q, total, wantTotal)
			}
			if titles(page) != titles(want[5:min(25, len(want))]) {
				t.Errorf("%s: page %s\nwant %s", q, titles(page), titles(want[5:min(25, len(want))]))
			}
		}
	})
}
