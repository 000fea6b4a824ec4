package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hitori"
)

func TestWorkWalkup(t *testing.T) {
	e := newWorkEnv(t)
	tech := e.mustUser("tech@example.com", hitori.RoleTechnician)
	sato := e.mustUser("sato@example.com", hitori.RoleRequester)
	c := e.client()
	c.login(tech.Email, "password123")

	// The button is in every staff page's header.
	if body := c.mustGet("/kb"); !strings.Contains(body, `data-testid="walkup-form"`) || !strings.Contains(body, "ちょっといい？") {
		t.Fatal("no walk-up form in the header")
	}

	tests := []struct {
		name      string
		form      url.Values
		requester *int64
		reqName   string
		status    hitori.Status
		minutes   int
	}{
		{"colleague by address, done now", url.Values{"who": {"Sato@Example.com"}, "what": {"Excel が固まる"}, "minutes": {"10"}, "done": {"1"}, "next": {"/kb?q=excel#top"}},
			&sato.ID, "sato", hitori.StatusResolved, 10},
		{"colleague by name, still open", url.Values{"who": {"sato"}, "what": {"モニター交換"}, "minutes": {""}, "next": {"/work"}},
			&sato.ID, "sato", hitori.StatusNew, 0},
		{"someone without an account", url.Values{"who": {"受付の田中さん"}, "what": {"来客用 Wi-Fi"}, "minutes": {"3"}, "done": {"1"}},
			nil, "受付の田中さん", hitori.StatusResolved, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, loc, body := c.post("/work/walkup", tt.form)
			if status != http.StatusSeeOther {
				t.Fatalf("walk-up: %d\n%.500s", status, body)
			}
			wantLoc := tt.form.Get("next")
			if i := strings.IndexByte(wantLoc, '#'); i >= 0 {
				wantLoc = wantLoc[:i]
			}
			if wantLoc == "" {
				wantLoc = "/work"
			}
			if loc != wantLoc+"#walkup-saved" {
				t.Errorf("returned to %q, want %q", loc, wantLoc+"#walkup-saved")
			}
			items, _, err := e.db.Items().FindItems(t.Context(), hitori.ItemFilter{Query: tt.form.Get("what")})
			if err != nil || len(items) != 1 {
				t.Fatalf("find the walk-up: %v, %d items", err, len(items))
			}
			it := items[0]
			if it.Source != hitori.SourceWalkUp || it.Status != tt.status || it.MinutesSpent != tt.minutes || it.RequesterName != tt.reqName ||
				(tt.requester == nil) != (it.RequesterID == nil) || it.AssigneeID == nil || *it.AssigneeID != tech.ID {
				t.Errorf("walk-up item: source %s status %s minutes %d requester %v %q assignee %v", it.Source, it.Status, it.MinutesSpent, it.RequesterID, it.RequesterName, it.AssigneeID)
			}
			if tt.minutes > 0 {
				evs := mustEvents(t, e, it.ID)
				if evs[0].Kind != hitori.EventNote || evs[0].Minutes != tt.minutes {
					t.Errorf("first event %s with %d minutes, want a note with %d", evs[0].Kind, evs[0].Minutes, tt.minutes)
				}
			}
		})
	}

	// The confirmation is part of every page, shown as the #walkup-saved target.
	if body := c.mustGet("/kb?q=excel"); !strings.Contains(body, `id="walkup-saved"`) {
		t.Error("the page the walk-up returns to has no confirmation element")
	}

	// Mistakes come back on the walk-up page with the form kept.
	for _, f := range []url.Values{{"who": {"sato"}, "what": {" "}}, {"who": {" "}, "what": {"x"}}, {"who": {"sato"}, "what": {"x"}, "minutes": {"-5"}}} {
		status, _, body := c.post("/work/walkup", f)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, `data-testid="walkup-page-form"`) || !strings.Contains(body, "fielderror") {
			t.Errorf("walk-up %v: %d, want 422 with the form and a field message", f, status)
		}
	}
	// Requesters have no walk-up button.
	r := e.client()
	r.login(sato.Email, "password123")
	if body := r.mustGet("/portal"); strings.Contains(body, "walkup-form") {
		t.Error("a requester sees the walk-up form")
	}
}
