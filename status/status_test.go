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

// TestDeflectLanguage: the built-in reply follows the requester — their
// account's language, or for mail from someone without an account the
// inquiry's own — while an administrator's own text is sent as written.
func TestDeflectLanguage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		inc := &hitori.Incident{ID: 3, Title: "VPN", Status: hitori.IncidentOpen}
		d := &status.Deflector{Incidents: fakeIncidents{inc}, Settings: db.Settings(), Items: db.Items(), Users: db.Users()}
		en := &hitori.User{Email: "smith@example.com", Name: "John Smith", Role: hitori.RoleRequester, Lang: "en"}
		ja := &hitori.User{Email: "sato@example.com", Name: "佐藤", Role: hitori.RoleRequester, Lang: "ja"}
		for _, u := range []*hitori.User{en, ja} {
			if err := db.Users().CreateUser(ctx, u, "password123"); err != nil {
				t.Fatal(err)
			}
		}
		wantEN, wantJA := strings.ReplaceAll(status.DefaultReplyTextEN, "{incident}", "VPN"), strings.ReplaceAll(status.DefaultReplyText, "{incident}", "VPN")
		cases := []struct {
			name   string
			custom string // the administrator's text; "": the built-in one, saved unchanged
			item   hitori.Item
			want   string
		}{
			{"english account", "", hitori.Item{Title: "Cannot connect (VPN)", RequesterID: &en.ID, Source: hitori.SourcePortal}, wantEN},
			{"japanese account writing in English", "", hitori.Item{Title: "VPN error 809", RequesterID: &ja.ID, Source: hitori.SourcePortal}, wantJA},
			{"mail in English", "", hitori.Item{Title: "VPN down?", Body: "It says error 809.", RequesterEmail: "guest@example.org", Source: hitori.SourceEmail}, wantEN},
			{"mail in Japanese", "", hitori.Item{Title: "VPN につながらない", RequesterEmail: "tanaka@example.co.jp", Source: hitori.SourceEmail}, wantJA},
			{"administrator's text", "{incident} は対応中です。", hitori.Item{Title: "VPN is down", RequesterID: &en.ID, Source: hitori.SourcePortal}, "VPN は対応中です。"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				text := c.custom
				if text == "" {
					text = status.DefaultReplyText // as the settings form shows the built-in reply
				}
				if err := status.Save(ctx, db.Settings(), status.Settings{AutoReply: true, ReplyText: text}); err != nil {
					t.Fatal(err)
				}
				it := c.item
				if err := db.Items().CreateItem(ctx, &it); err != nil {
					t.Fatal(err)
				}
				if _, err := d.Deflect(ctx, it.ID); err != nil {
					t.Fatal(err)
				}
				evs, err := db.Items().FindEvents(ctx, it.ID)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, e := range evs {
					if e.Kind == hitori.EventReply {
						got = append(got, e.Body)
					}
				}
				if len(got) != 1 || got[0] != c.want {
					t.Errorf("replies %q, want [%q]", got, c.want)
				}
			})
		}
	})
}

// TestSettingsDefaultReply: the built-in reply, saved as the form shows it
// in either language, stays the built-in one (and so keeps following the
// requester's language); another text is kept as written.
func TestSettingsDefaultReply(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		for _, c := range []struct{ saved, want string }{
			{status.DefaultReplyText, ""},
			{"\n" + status.DefaultReplyTextEN + "\n", ""},
			{"{incident}: 対応中", "{incident}: 対応中"},
		} {
			if err := status.Save(ctx, db.Settings(), status.Settings{AutoReply: true, ReplyText: c.saved}); err != nil {
				t.Fatal(err)
			}
			got, err := status.Load(ctx, db.Settings())
			if err != nil || got.ReplyText != c.want {
				t.Errorf("saved %q, loaded %q (%v), want %q", c.saved, got.ReplyText, err, c.want)
			}
		}
		// What earlier versions stored when the page was saved unchanged.
		if err := db.Settings().SetSetting(ctx, "status.reply_text", status.DefaultReplyText); err != nil {
			t.Fatal(err)
		}
		if got, _ := status.Load(ctx, db.Settings()); got.Reply("en", "VPN") != strings.ReplaceAll(status.DefaultReplyTextEN, "{incident}", "VPN") {
			t.Errorf("an unchanged stored default replies %q in English", got.Reply("en", "VPN"))
		}
	})
}

func TestTextLang(t *testing.T) {
	for text, want := range map[string]string{
		"VPN につながらない":            "ja",
		"Outlook エラー 0x800CCC0E": "ja",
		"社内":                     "ja",
		"Cannot send mail":       "en",
		"":                       "ja",
	} {
		if got := status.TextLang(text); got != want {
			t.Errorf("TextLang(%q) = %q, want %q", text, got, want)
		}
	}
}
