package web

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"hitori"
)

// newWorkEnv is a test server whose work service runs on the test clock.
func newWorkEnv(t *testing.T) *env {
	t.Helper()
	e := newSQLiteEnv(t)
	e.srv.work.Now = e.clock.Now
	return e
}

// mustItem opens a ticket for requester through the work service (so it
// has SLA due times), as the system.
func mustItem(t *testing.T, e *env, requester *hitori.User, title string, opts ...func(*hitori.Item)) *hitori.Item {
	t.Helper()
	it := &hitori.Item{Type: hitori.TypeTicket, Title: title, Source: hitori.SourceEmail}
	if requester != nil {
		it.RequesterID = &requester.ID
	}
	for _, o := range opts {
		o(it)
	}
	if err := e.srv.work.Create(context.Background(), it); err != nil {
		t.Fatalf("create item %q: %v", title, err)
	}
	return it
}

// inQuadrant sets an item's urgency and importance for quadrant q.
func inQuadrant(q hitori.Quadrant) func(*hitori.Item) {
	return func(it *hitori.Item) { it.Urgent, it.Important = q.Flags() }
}

// mustFind reads an item back as the system.
func mustFind(t *testing.T, e *env, id int64) *hitori.Item {
	t.Helper()
	it, err := e.db.Items().FindItemByID(context.Background(), id)
	if err != nil {
		t.Fatalf("find item %d: %v", id, err)
	}
	return it
}

// mustEvents reads an item's whole timeline as the system.
func mustEvents(t *testing.T, e *env, id int64) []*hitori.Event {
	t.Helper()
	evs, err := e.db.Items().FindEvents(context.Background(), id)
	if err != nil {
		t.Fatalf("events of %d: %v", id, err)
	}
	return evs
}

// section returns the part of body from the element with data-testid id to
// the end marker that follows it ("" when there is none).
func section(body, id, end string) string {
	i := strings.Index(body, `data-testid="`+id+`"`)
	if i < 0 {
		return ""
	}
	rest := body[i:]
	if j := strings.Index(rest, end); j >= 0 {
		return rest[:j]
	}
	return rest
}

var dataItemRE = regexp.MustCompile(`data-item="(\d+)"`)

// itemIDs lists the data-item ids in s, in page order.
func itemIDs(s string) []string {
	var out []string
	for _, m := range dataItemRE.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// mustGet fetches a page that must answer 200.
func (c *client) mustGet(path string) string {
	c.e.t.Helper()
	status, loc, body := c.get(path)
	if status != http.StatusOK {
		c.e.t.Fatalf("GET %s: status %d location %q\n%.600s", path, status, loc, body)
	}
	return body
}
