package status_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"hitori"
	"hitori/sqlstore"
	"hitori/sqlstore/storetest"
	"hitori/status"
)

// fakeIncidents is an IncidentReader with fixed incidents.
type fakeIncidents []*hitori.Incident

func (f fakeIncidents) OpenIncidents(context.Context) ([]*hitori.Incident, error) { return f, nil }

func TestMatch(t *testing.T) {
	mail := &hitori.Incident{ID: 1, Title: "メールサーバー (mail.example.co.jp)", Status: hitori.IncidentOpen}
	vpn := &hitori.Incident{ID: 2, Title: "ＶＰＮ", Status: hitori.IncidentAcknowledged}
	gone := &hitori.Incident{ID: 3, Title: "ファイルサーバー", Status: hitori.IncidentResolved}
	incs := []*hitori.Incident{vpn, mail, gone}
	keywords := "メールサーバー (mail.example.co.jp)： メール、Outlook\nunknown: x"
	cases := []struct {
		text string
		want *hitori.Incident
	}{
		{"メールサーバーにつながりません", mail},
		{"MAIL.EXAMPLE.CO.JP times out", mail},
		{"Outlookで送信できない", mail},
		{"メールが届かない", mail},
		{"vpnに接続できません", vpn},
		{"ファイルサーバーが見えない", nil}, // resolved
		{"プリンターの紙詰まり", nil},
		{"", nil},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			if got := status.Match(incs, keywords, c.text); got != c.want {
				t.Errorf("Match(%q) = %v, want %v", c.text, got, c.want)
			}
		})
	}
}

// TestDeflect links a colleague's new ticket about an open incident, answers
// it once with the configured text, and leaves other items alone.
func TestDeflect(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		db.Now = func() time.Time { return time.Date(2027, 3, 1, 1, 0, 0, 0, time.UTC) }
		inc := &hitori.Incident{ID: 7, Title: "社内ポータル", Status: hitori.IncidentOpen, ItemID: 0}
		d := &status.Deflector{Incidents: fakeIncidents{inc}, Settings: db.Settings(), Items: db.Items(), Jobs: db.Jobs(), Mail: true}
		if err := status.Save(ctx, db.Settings(), status.Settings{AutoReply: true, ReplyText: "{incident} は対応中です。"}); err != nil {
			t.Fatal(err)
		}
		about := &hitori.Item{Title: "社内ポータルが開かない", RequesterName: "佐藤", RequesterEmail: "sato@example.co.jp", Source: hitori.SourceEmail}
		other := &hitori.Item{Title: "マウスが壊れた", RequesterName: "鈴木", RequesterEmail: "suzuki@example.co.jp", Source: hitori.SourceEmail}
		for _, it := range []*hitori.Item{about, other} {
			if err := db.Items().CreateItem(ctx, it); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := d.Deflect(ctx, about.ID); err != nil || got != inc {
			t.Fatalf("deflect: %v %v", got, err)
		}
		if got, err := d.Deflect(ctx, about.ID); err != nil || got != nil { // the second time changes nothing
			t.Fatalf("deflect again: %v %v", got, err)
		}
		if got, err := d.Deflect(ctx, other.ID); err != nil || got != nil {
			t.Fatalf("other item: %v %v", got, err)
		}
		it, _ := db.Items().FindItemByID(ctx, about.ID)
		if !it.HasTag(status.IncidentTag(7)) {
			t.Errorf("tags %v", it.Tags)
		}
		evs, _ := db.Items().FindEvents(ctx, about.ID)
		replies := 0
		for _, e := range evs {
			if e.Kind == hitori.EventReply {
				replies++
				if e.Body != "社内ポータル は対応中です。" {
					t.Errorf("reply %q", e.Body)
				}
			}
		}
		if replies != 1 {
			t.Errorf("%d replies", replies)
		}
		jobs, _ := db.Jobs().List(ctx, hitori.JobFilter{State: hitori.JobQueued, Kind: hitori.JobItemNotice})
		mailed := 0
		for _, j := range jobs {
			if strings.Contains(j.Payload, `"reply"`) {
				mailed++
			}
		}
		if mailed != 1 {
			t.Errorf("%d reply notices queued", mailed)
		}
		evs, _ = db.Items().FindEvents(ctx, other.ID)
		for _, e := range evs {
			if e.Kind == hitori.EventReply {
				t.Errorf("the other item was answered: %q", e.Body)
			}
		}
	})
}
