package web

import (
	"context"
	"time"

	"hitori"
)

// standinAuthz says who may use the absence mode's routes: administrators
// grant and revoke; the stand-in alone uses its room (nobody else, not even
// an administrator, has a grant to read it through); the sign-in link is
// public. TestAuthorizationMatrix signs a stand-in in too, so every other
// route of every area is checked to refuse them (a stand-in may use what
// anonymous visitors may).
var standinAuthz = map[string][]string{
	"GET /admin/standins":              admins,
	"POST /admin/standins":             admins,
	"POST /admin/standins/{id}/link":   admins,
	"POST /admin/standins/{id}/revoke": admins,
	"GET /standin/link/{token}":        anyone,
	"POST /standin/link/{token}":       anyone,
	"GET /standin":                     standins,
	"GET /standin/kb/{id}":             standins,
	"GET /standin/vault/{id}":          standins,
	"POST /standin/vault/{id}/reveal":  standins,
	"POST /standin/logout":             standins,
	"GET /admin/handover/binder":       admins,
	"POST /admin/handover/binder":      admins,
}

// standins is the stand-in alone.
var standins = []string{"standin"}

// mustStandin grants a stand-in access open from an hour ago for a day
// (entries shared from the vault) and returns the grant and its link token.
func (e *env) mustStandin(admin *hitori.User, email string, entries ...string) (*hitori.Standin, string) {
	e.t.Helper()
	now := e.clock.Now()
	g := &hitori.Standin{Name: "代理 " + email, Email: email, From: now.Add(-time.Hour), Until: now.Add(24 * time.Hour), Entries: entries}
	token, err := e.srv.standin.Grant(context.Background(), admin, "192.0.2.1", g)
	if err != nil {
		e.t.Fatal(err)
	}
	return g, token
}

// standinLogin signs c in with a stand-in link token.
func (c *client) standinLogin(token string) {
	c.e.t.Helper()
	if status, loc, body := c.post("/standin/link/"+token, nil); status != 303 || loc != "/standin" {
		c.e.t.Fatalf("stand-in sign-in: status %d location %q body %.300s", status, loc, body)
	}
}

// standinClient returns a client signed in as the stand-in of *g; when a
// route under test (the revoke route) ended that grant, a new one is made.
func (e *env) standinClient(g **hitori.Standin, admin *hitori.User) *client {
	e.t.Helper()
	token, err := e.srv.standin.NewLink(context.Background(), admin, "", (*g).ID)
	if hitori.ErrorCode(err) == hitori.ECONFLICT {
		*g, token = e.mustStandin(admin, (*g).Email)
		err = nil
	}
	if err != nil {
		e.t.Fatal(err)
	}
	c := e.client()
	c.standinLogin(token)
	return c
}
