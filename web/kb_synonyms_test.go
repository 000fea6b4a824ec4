package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/changes"
	"hitori/sqlstore"
)

func TestSynonymsEditor(t *testing.T) {
	e := newSQLiteEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	ctx := hitori.NewContextWithUser(context.Background(), admin)
	if err := e.srv.kb.Create(ctx, &hitori.Article{Slug: "lunch", Title: "食堂の営業時間", Body: "食堂は 11 時から営業します。"}); err != nil {
		t.Fatal(err)
	}
	search := func(q string) int {
		hits, err := e.srv.kb.Search(ctx, q, nil, 5)
		if err != nil {
			t.Fatal(err)
		}
		return len(hits)
	}
	if search("カフェテリア") != 0 {
		t.Fatal("matched before any synonym")
	}
	c := e.client()
	c.login("admin@example.com", "password123")
	status, _, body := c.get("/kb/synonyms")
	if status != http.StatusOK || !strings.Contains(body, "PW") {
		t.Fatalf("GET: %d", status)
	}
	if status, _, body := c.post("/kb/synonyms", url.Values{"synonyms": {"# 社内用語\nカフェテリア, 食堂\n壊れた行"}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, "line 3") {
		t.Fatalf("bad list: %d %.300s", status, body)
	}
	if search("カフェテリア") != 0 {
		t.Fatal("a rejected list was applied")
	}
	if status, loc, _ := c.post("/kb/synonyms", url.Values{"synonyms": {"# 社内用語\nカフェテリア, 食堂"}}); status != http.StatusSeeOther || !strings.Contains(loc, "saved") {
		t.Fatalf("save: %d %q", status, loc)
	}
	if search("カフェテリア") != 1 {
		t.Fatal("synonym not applied after save")
	}
	// A restart loads the stored list.
	srv2, err := New(Config{Database: e.db.Dialect}, mustServices(t, e.db), e.srv.log)
	if err != nil {
		t.Fatal(err)
	}
	if hits, _ := srv2.kb.Search(ctx, "カフェテリア", nil, 5); len(hits) != 1 {
		t.Fatal("stored synonyms not loaded at start")
	}
}

func TestFAQFromResolvedItem(t *testing.T) {
	e := newSQLiteEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	ctx := hitori.NewContextWithUser(context.Background(), admin)
	it := &hitori.Item{Type: hitori.TypeTicket, Title: "Teams で声が届かない", Body: "会議で相手に声が聞こえません。", Source: hitori.SourceStaff}
	if err := e.srv.work.Create(ctx, it); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	c.login("admin@example.com", "password123")
	if status, _, _ := c.post(fmt.Sprintf("/work/items/%d/faq", it.ID), nil); status != http.StatusConflict {
		t.Fatalf("open item: %d, want 409", status)
	}
	if err := e.db.Items().AddEvent(ctx, &hitori.Event{ItemID: it.ID, Kind: hitori.EventReply, Body: "Teams の設定でマイクを既定のデバイスに変更してください。"}); err != nil {
		t.Fatal(err)
	}
	resolved := hitori.StatusResolved
	if _, err := e.db.Items().UpdateItem(ctx, it.ID, hitori.ItemUpdate{Status: &resolved}); err != nil {
		t.Fatal(err)
	}
	if status, _, body := c.get(fmt.Sprintf("/work/items/%d", it.ID)); status != http.StatusOK || !strings.Contains(body, `data-testid="make-faq"`) {
		t.Fatalf("resolved item page lacks the FAQ button: %d", status)
	}
	status, loc, _ := c.post(fmt.Sprintf("/work/items/%d/faq", it.ID), nil)
	if status != http.StatusSeeOther || !strings.HasSuffix(loc, "/edit") {
		t.Fatalf("to FAQ: %d %q", status, loc)
	}
	arts, _, _ := e.db.Articles().FindArticles(ctx, hitori.ArticleFilter{})
	if len(arts) != 1 || arts[0].Kind != hitori.KindFAQ || arts[0].Visibility != hitori.VisibleStaff ||
		!strings.Contains(arts[0].Body, "声が聞こえません") || !strings.Contains(arts[0].Body, "マイクを既定") {
		t.Fatalf("draft FAQ = %+v", arts)
	}
}

// TestSynonymsAcrossProcesses: a synonym list and work settings saved by
// another process sharing the database apply here through the change feed;
// a bad stored list is refused and the list in force stays.
func TestSynonymsAcrossProcesses(t *testing.T) {
	e := newSQLiteEnv(t)
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	ctx := hitori.NewContextWithUser(context.Background(), admin)
	watch, stop := context.WithCancel(context.Background())
	defer stop()
	hub := changes.New(sqlstore.NewChanges(e.db, e.srv.log), e.srv.log)
	go hub.Run(watch)
	other, err := New(Config{Database: e.db.Dialect, Changes: hub}, mustServices(t, e.db), e.srv.log)
	if err != nil {
		t.Fatal(err)
	}
	other.followChanges(watch)
	if err := other.kb.Create(ctx, &hitori.Article{Title: "食堂の営業時間", Body: "食堂は 11 時から。"}); err != nil {
		t.Fatal(err)
	}
	if err := e.db.Settings().SetSetting(ctx, synonymsKey, "カフェテリア, 食堂"); err != nil {
		t.Fatal(err)
	}
	st := e.srv.work.Settings()
	st.Categories = append(st.Categories, "複合機")
	if err := e.srv.work.Save(ctx, e.db.Settings(), st); err != nil {
		t.Fatal(err)
	}
	// Generous: this checks that changes arrive; e2e checks how fast.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		hits, _ := other.kb.Search(ctx, "カフェテリア", []string{"article"}, 5)
		if len(hits) == 1 && slices.Contains(other.work.Categories(), "複合機") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("saved elsewhere but not applied: synonym hits %d, categories %v", len(hits), other.work.Categories())
		}
	}
	if err := other.applySynonyms("壊れた行"); err == nil {
		t.Fatal("a bad stored list was accepted")
	}
}
