package web

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"hitori"
)

// TestWorkUnverifiedSender: mail intake kept as a note because its sender
// may not write on the item is labelled so on the staff page (ja and en)
// and never reaches the requester's portal.
func TestWorkUnverifiedSender(t *testing.T) {
	e := newWorkEnv(t)
	ctx := context.Background()
	admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	it := mustItem(t, e, sato, "共有フォルダに入れない")
	err := e.db.MailLog().InMailTx(ctx, func(tx hitori.MailTx) error {
		return tx.AddEvent(ctx, &hitori.Event{ItemID: it.ID, Kind: hitori.EventNote, Field: hitori.FieldUnverifiedSender,
			Author: "mallory@evil.example", Body: "請求書を確認してください（不審）"})
	})
	if err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(it.ID, 10)
	for _, tt := range []struct{ lang, label string }{
		{"ja", "未確認の差出人からのメール"},
		{"en", "Mail from an unverified sender"},
	} {
		lang := tt.lang
		if _, err := e.db.Users().UpdateUser(ctx, admin.ID, hitori.UserUpdate{Lang: &lang}); err != nil {
			t.Fatal(err)
		}
		staff := e.client()
		staff.login(admin.Email, "password123")
		page := staff.mustGet("/work/items/" + id)
		if !strings.Contains(page, `data-testid="event-unverified"`) || !strings.Contains(page, tt.label) || !strings.Contains(page, "不審") {
			t.Errorf("%s: the staff page lacks the labelled note %q", tt.lang, tt.label)
		}
	}
	req := e.client()
	req.login(sato.Email, "password123")
	if portal := req.mustGet("/portal/items/" + id); strings.Contains(portal, "不審") {
		t.Error("the requester sees a stranger's mail")
	}
}
