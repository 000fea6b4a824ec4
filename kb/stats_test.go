package kb_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"hitori"
	"hitori/kb"
	"hitori/search"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
)

func TestQuestionKey(t *testing.T) {
	same := [][]string{
		{"プリンターが動かない？", "ぷりんたが動かない", "ﾌﾟﾘﾝﾀｰが動かない!!", "  プリンタが動かない。"},
		{"VPN 接続できない", "vpn　接続できない", "VPN、接続できない"},
		{"Wi-Fi パスワード", "wi fi パスワード"},
	}
	for _, group := range same {
		want := kb.QuestionKey(group[0])
		if want == "" {
			t.Fatalf("key of %q is empty", group[0])
		}
		for _, q := range group[1:] {
			if got := kb.QuestionKey(q); got != want {
				t.Errorf("QuestionKey(%q) = %q, want %q (as %q)", q, got, want, group[0])
			}
		}
	}
	for _, q := range []string{"", "  ", "？！…", "---"} {
		if got := kb.QuestionKey(q); got != "" {
			t.Errorf("QuestionKey(%q) = %q, want empty", q, got)
		}
	}
	if a, b := kb.QuestionKey("プリンターが動かない"), kb.QuestionKey("プリンターが動く"); a == b {
		t.Errorf("different questions share key %q", a)
	}
}

func TestRecordOnlyUnanswered(t *testing.T) {
	db := storetest.Open(t, sqlstore.SQLite)
	admin := mustUser(t, db, "admin@example.com", hitori.RoleAdmin)
	ctx := hitori.NewContextWithUser(context.Background(), admin)
	svc := kb.New(db.Articles(), db.Articles())
	for _, a := range []search.Answer{{Confident: true}, {Clarify: true}, {}} {
		if err := svc.RecordUnanswered(ctx, "社食のメニュー", a); err != nil {
			t.Fatal(err)
		}
	}
	if err := svc.RecordUnanswered(ctx, "？？", search.Answer{}); err != nil {
		t.Fatal(err)
	}
	in, err := svc.Insights(ctx, time.Time{}, time.Now(), 10)
	if err != nil || in.UnansweredTotal != 1 || len(in.Unanswered) != 1 {
		t.Fatalf("insights = %+v, %v; want the one unanswered question", in, err)
	}
}

func TestRefsFacetsAndResolve(t *testing.T) {
	db := storetest.Open(t, sqlstore.SQLite)
	admin := mustUser(t, db, "admin@example.com", hitori.RoleAdmin)
	sato := mustUser(t, db, "sato@example.com", hitori.RoleRequester)
	actx := hitori.NewContextWithUser(context.Background(), admin)
	sctx := hitori.NewContextWithUser(context.Background(), sato)
	svc := kb.New(db.Articles(), db.Articles())
	pub := &hitori.Article{Slug: "kb-1", Title: "印刷", Body: "本文", Category: "プリンター", Tags: []string{"印刷", "複合機"}}
	noSlug := &hitori.Article{Title: "VPN", Body: "本文", Category: "ネットワーク", Tags: []string{"VPN"}}
	hidden := &hitori.Article{Slug: "kb-3", Title: "管理者用", Body: "本文", Category: "機密", Tags: []string{"秘密"}, Visibility: hitori.VisibleStaff}
	for _, a := range []*hitori.Article{pub, noSlug, hidden} {
		if err := svc.Create(actx, a); err != nil {
			t.Fatal(err)
		}
	}
	if r, ok := svc.Ref("kb-1"); !ok || r.ID != pub.ID || r.URL() != "/kb/"+strconv.FormatInt(pub.ID, 10) || !r.HasTag("複合機") {
		t.Fatalf("Ref(kb-1) = %+v, %v", r, ok)
	}
	cats, tags := svc.Facets(sato)
	names := map[string]bool{}
	for _, f := range append(cats, tags...) {
		names[f.Name] = true
	}
	if !names["プリンター"] || !names["VPN"] || names["機密"] || names["秘密"] {
		t.Errorf("requester's facets %v", names)
	}
	if cats, _ := svc.Facets(admin); len(cats) != 3 {
		t.Errorf("admin's categories %v", cats)
	}
	// A slug change moves the article's key.
	pub.Slug = "kb-1b"
	if err := svc.Update(actx, pub); err != nil {
		t.Fatal(err)
	}
	if _, ok := svc.Ref("kb-1"); ok {
		t.Error("old key still known")
	}
	tests := []struct {
		key  string
		ctx  context.Context
		want int64
		code string
	}{
		{"kb-1b", sctx, pub.ID, ""},
		{strconv.FormatInt(noSlug.ID, 10), sctx, noSlug.ID, ""},
		{strconv.FormatInt(pub.ID, 10), sctx, pub.ID, ""},
		{"kb-3", sctx, 0, hitori.ENOTFOUND},
		{"kb-3", actx, hidden.ID, ""},
		{"kb-404", sctx, 0, hitori.ENOTFOUND},
		{"99999999999999999999", sctx, 0, hitori.ENOTFOUND},
	}
	for _, tt := range tests {
		a, err := svc.Resolve(tt.ctx, tt.key)
		if tt.code != "" {
			if hitori.ErrorCode(err) != tt.code {
				t.Errorf("Resolve(%q) error %v, want %s", tt.key, err, tt.code)
			}
			continue
		}
		if err != nil || a.ID != tt.want {
			t.Errorf("Resolve(%q) = %+v, %v; want id %d", tt.key, a, err, tt.want)
		}
	}
	if err := svc.Delete(actx, noSlug.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := svc.Ref(strconv.FormatInt(noSlug.ID, 10)); ok {
		t.Error("deleted article still has a ref")
	}
	if s, err := svc.Suggest(sctx, " "); err != nil || s == nil || len(s) != 0 {
		t.Errorf("Suggest(blank) = %#v, %v; want an empty list", s, err)
	}
}
