package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"hitori"
	"hitori/kb"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestKBStats(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		now := time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		admin := MustCreateUser(t, db, "admin@example.com", hitori.RoleAdmin)
		sato := MustCreateUser(t, db, "sato@example.com", hitori.RoleRequester)
		actx := hitori.NewContextWithUser(context.Background(), admin)
		sctx := hitori.NewContextWithUser(context.Background(), sato)
		a := &hitori.Article{Slug: "kb-001", Title: "印刷できない", Body: "電源を確認"}
		b := &hitori.Article{Title: "VPN", Body: "接続"}
		for _, x := range []*hitori.Article{a, b} {
			if err := db.Articles().CreateArticle(actx, x); err != nil {
				t.Fatal(err)
			}
		}
		early := now
		for i, q := range []string{"プリンターが動かない？", "ぷりんたが動かない", "社食のメニュー", "プリンタが動かない!!"} {
			if err := db.Articles().RecordUnanswered(sctx, q, kb.QuestionKey(q)); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				now = now.Add(time.Hour) // the rest are later
			}
		}
		for _, id := range []int64{a.ID, a.ID, b.ID} {
			if err := db.Articles().RecordDeflection(sctx, id, "", "印刷"); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Articles().RecordDeflection(sctx, 999999, "", "x"); err == nil {
			t.Error("deflection of a missing article was recorded")
		}

		tests := []struct {
			name      string
			since     time.Time
			wantTotal int
			wantTop   string
			wantCount int
		}{
			{"ever", time.Time{}, 4, "プリンタが動かない!!", 3},
			{"since the first hour", early.Add(time.Minute), 3, "プリンタが動かない!!", 2},
			{"future", now.Add(time.Hour), 0, "", 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, total, err := db.Articles().TopUnanswered(actx, tt.since, 10)
				if err != nil {
					t.Fatal(err)
				}
				if total != tt.wantTotal {
					t.Errorf("total = %d, want %d", total, tt.wantTotal)
				}
				if tt.wantCount == 0 {
					if len(got) != 0 {
						t.Errorf("got %+v, want none", got)
					}
					return
				}
				if len(got) != 2 || got[0].Example != tt.wantTop || got[0].Count != tt.wantCount || got[1].Count != 1 {
					t.Fatalf("got %+v, want top %q ×%d then one more", got, tt.wantTop, tt.wantCount)
				}
				if !got[0].LastAt.Equal(now) {
					t.Errorf("last asked %v, want %v", got[0].LastAt, now)
				}
			})
		}

		defl, total, err := db.Articles().DeflectionCounts(actx, time.Time{}, 10)
		if err != nil || total != 3 || len(defl) != 2 || defl[0].ArticleID != a.ID || defl[0].Count != 2 || defl[0].Slug != "kb-001" ||
			defl[0].Title != "印刷できない" || defl[1].Count != 1 || !defl[0].LastAt.Equal(now) {
			t.Fatalf("deflections = %+v, %d, %v", defl, total, err)
		}

		// Requesters record but never read the statistics.
		if _, _, err := db.Articles().TopUnanswered(sctx, time.Time{}, 10); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Errorf("requester read unanswered questions: %v", err)
		}
		if _, _, err := db.Articles().DeflectionCounts(sctx, time.Time{}, 10); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Errorf("requester read deflections: %v", err)
		}
		if err := db.Articles().DismissUnanswered(sctx, kb.QuestionKey("社食のメニュー")); hitori.ErrorCode(err) != hitori.EFORBIDDEN {
			t.Errorf("requester dismissed: %v", err)
		}

		if err := db.Articles().DismissUnanswered(actx, kb.QuestionKey("プリンタが動かない")); err != nil {
			t.Fatal(err)
		}
		if got, total, _ := db.Articles().TopUnanswered(actx, time.Time{}, 10); len(got) != 1 || total != 1 || got[0].Example != "社食のメニュー" {
			t.Errorf("after dismiss: %+v, %d", got, total)
		}

		// Deleting an article drops its deflections with it.
		if err := db.Articles().DeleteArticle(actx, a.ID); err != nil {
			t.Fatal(err)
		}
		if defl, total, _ := db.Articles().DeflectionCounts(actx, time.Time{}, 10); len(defl) != 1 || total != 1 {
			t.Errorf("after delete: %+v, %d", defl, total)
		}
	})
}
