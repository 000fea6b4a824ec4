package web

import (
	"context"
	"fmt"
	"testing"

	"hitori"
)

func TestItemCreatedByMailAcknowledges(t *testing.T) {
	e := newSQLiteEnv(t)
	fake := &fakeNotifier{}
	e.srv.work.Notify = fake
	it := &hitori.Item{Type: hitori.TypeTicket, Title: "VPNに接続できません", Source: hitori.SourceEmail,
		RequesterName: "山本 健太", RequesterEmail: "kenta.yamamoto@minato-seiko.example"}
	if err := e.db.CreateItem(context.Background(), it); err != nil {
		t.Fatal(err)
	}
	e.srv.ItemCreatedByMail(context.Background(), it.ID)
	e.srv.ItemCreatedByMail(context.Background(), 999999) // gone: logged, no notice
	if got := fake.take(); len(got) != 1 || got[0] != fmt.Sprintf("created %d", it.ID) {
		t.Fatalf("notices = %v", got)
	}
}
