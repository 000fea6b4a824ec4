package web

import (
	"net/url"
	"strings"
	"testing"

	"hitori"
	"hitori/intake"
	"hitori/mail"
)

// withMail gives e's server an outgoing mailer, as --smtp-addr does.
func withMail(e *env) {
	e.srv.cfg.Mailer = &intake.Mailer{Sender: chanSender(make(chan *mail.OutgoingMessage, 10)), From: mail.Address{Email: "help@example.jp"}}
}

// TestMailPromises: the portal promises mail only when mail is sent, and
// the administrator's home says when it is not (issue 9, item 9).
func TestMailPromises(t *testing.T) {
	for _, tt := range []struct {
		name        string
		mail        bool
		flash, not  string
		adminNotice bool
	}{
		{"no mailer", false, "返信はこのページでお知らせします。", "メール", true},
		{"mailer", true, "返信はこのページとメールでお知らせします。", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newWorkEnv(t)
			if tt.mail {
				withMail(e)
			}
			admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
			tech := e.mustUser("tech@example.com", hitori.RoleTechnician)
			sato := e.mustUser("sato@example.com", hitori.RoleRequester)
			for _, u := range []*hitori.User{admin, tech} {
				c := e.client()
				c.login(u.Email, "password123")
				want := tt.adminNotice && u == admin
				if got := strings.Contains(c.mustGet("/"), `data-testid="mail-off"`); got != want {
					t.Errorf("%s's home shows the mail notice: %v, want %v", u.Name, got, want)
				}
			}
			c := e.client()
			c.login(sato.Email, "password123")
			status, loc, body := c.post("/portal/items", url.Values{"title": {"プリンターが動かない"}})
			if status != 303 {
				t.Fatalf("portal create: %d %.300s", status, body)
			}
			page := c.mustGet(loc)
			flash, _, _ := strings.Cut(page[strings.Index(page, `class="flash"`)+1:], "</p>")
			if !strings.Contains(flash, tt.flash) || tt.not != "" && strings.Contains(flash, tt.not) {
				t.Errorf("flash %q, want %q without %q", flash, tt.flash, tt.not)
			}
		})
	}
}

// TestReplyReachNote: the staff see, before replying, when a reply will
// not reach the requester (issue 9, item 10).
func TestReplyReachNote(t *testing.T) {
	for _, tt := range []struct {
		name string
		mail bool
		who  string // "account", "address" or "" (nobody)
		want string // part of the note; "" for none
	}{
		{"nobody, mail", true, "", "アカウントもメールアドレスもない"},
		{"nobody, no mail", false, "", "アカウントもメールアドレスもない"},
		{"account, mail", true, "account", ""},
		{"account, no mail", false, "account", "依頼者はポータルで読めます"},
		{"address, mail", true, "address", ""},
		{"address, no mail", false, "address", "返信は届きません"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newWorkEnv(t)
			if tt.mail {
				withMail(e)
			}
			admin := e.mustUser("admin@example.com", hitori.RoleAdmin)
			sato := e.mustUser("sato@example.com", hitori.RoleRequester)
			it := mustItem(t, e, nil, "VPN がつながらない", func(it *hitori.Item) {
				switch tt.who {
				case "account":
					it.RequesterID = &sato.ID
				case "address":
					it.RequesterEmail = "guest@example.net"
				}
			})
			c := e.client()
			c.login(admin.Email, "password123")
			page := c.mustGet(workItemURL(it.ID))
			note := section(page, "reply-reach", "</p>")
			if tt.want == "" && note != "" || !strings.Contains(note, tt.want) {
				t.Errorf("note %q, want %q", note, tt.want)
			}
		})
	}
}
