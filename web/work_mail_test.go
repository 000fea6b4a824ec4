package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/intake"
)

func TestWorkMailLog(t *testing.T) {
	e := newWorkEnv(t)
	e.mustUser("admin@example.com", hitori.RoleAdmin)
	it := mustItem(t, e, nil, "作られた案件")
	record := func(r *intake.Received) {
		t.Helper()
		e.clock.Add(time.Minute)
		if err := e.db.MailLog().InMailTx(context.Background(), func(tx intake.Tx) error { return tx.RecordReceived(context.Background(), r) }); err != nil {
			t.Fatal(err)
		}
	}
	record(&intake.Received{MessageID: "created@example.com", Action: intake.Created, ItemID: it.ID, Sender: "a@example.com", Subject: "案件になったメール"})
	for i := range 55 {
		record(&intake.Received{MessageID: fmt.Sprintf("ooo%d@example.com", i), Action: intake.Ignored, Reason: "auto-reply",
			Sender: "boss@example.com", Subject: fmt.Sprintf("不在通知 %02d", i)})
	}
	record(&intake.Received{MessageID: "dsn@example.com", Action: intake.Ignored, Reason: "bounce", Sender: "mailer-daemon@example.com",
		Subject: "Undelivered Mail", Detail: "550 5.1.1 user unknown"})
	c := e.client()
	c.login("admin@example.com", "password123")

	page := c.mustGet("/work/mail")
	if !strings.Contains(page, "56 件") || strings.Contains(page, "案件になったメール") {
		t.Errorf("log should count 56 ignored messages and leave out the created one")
	}
	rows := section(page, "mail-log", "</table>")
	if i, j := strings.Index(rows, "Undelivered Mail"), strings.Index(rows, "不在通知 54"); i < 0 || j < 0 || i > j {
		t.Errorf("newest first: bounce at %d, last auto-reply at %d", i, j)
	}
	if !strings.Contains(rows, "配信エラー") || !strings.Contains(rows, "550 5.1.1 user unknown") || strings.Contains(rows, "不在通知 00") {
		t.Errorf("first page should show the bounce's reason and detail and not the oldest message")
	}
	if p2 := c.mustGet("/work/mail?page=2"); !strings.Contains(p2, "不在通知 00") || strings.Contains(p2, "Undelivered") {
		t.Error("page 2 should hold the oldest messages only")
	}
	bounces := c.mustGet("/work/mail?reason=bounce")
	if !strings.Contains(bounces, "1 件") || strings.Contains(section(bounces, "mail-log", "</table>"), "不在通知") {
		t.Error("reason filter lets other reasons through")
	}
	if unknown := c.mustGet("/work/mail?reason=%3Cscript%3E"); !strings.Contains(unknown, "56 件") {
		t.Error("an unknown reason should show everything")
	}
	if empty := c.mustGet("/work/mail?reason=loop"); !strings.Contains(empty, `data-testid="mail-empty"`) {
		t.Error("no loops: want the empty message")
	}
}
