package web

import (
	"context"
	"html/template"
	"sync"
	"time"

	"hitori"
)

// workBoardRowsTTL is how long the board's rows, once written, serve the
// same board: their ages and SLA texts count in minutes, so a second's
// reuse shows nothing a fresh render would not.
const workBoardRowsTTL = time.Second

// workBoardRows is the board's rows written for one board, language and
// address: the part of the page that costs (45 rows), without anything of
// the user who asked for it (the CSRF token is joined in per request).
type workBoardRows struct {
	box      [5][]workRow // quadrants 1-4
	boxHTML  [5]template.HTML
	next     []workRow
	nextHTML []string // workNextRows: joined with the request's CSRF token
	at       time.Time
}

// workBoardRowsKey names what the rows depend on besides the clock: the
// board itself (the store hands out a new one whenever this process
// writes, and at least every two seconds, so the staff directory and
// settings the rows were worded with are as fresh as the board), the
// language, and the page's address (each row's form returns to it; it
// also tells the scopes apart).
type workBoardRowsKey struct {
	board *hitori.ItemBoard
	lang  string
	here  string
}

// workBoardRowsCache keeps recent boards' rows. Under load many staff
// requests see the same board within the same second; each would
// otherwise word and write the same 45 rows again.
type workBoardRowsCache struct {
	mu      sync.Mutex
	entries map[workBoardRowsKey]*workBoardRows
}

// get returns the rows written for key no longer than workBoardRowsTTL before now, or nil.
func (c *workBoardRowsCache) get(key workBoardRowsKey, now time.Time) *workBoardRows {
	c.mu.Lock()
	defer c.mu.Unlock()
	if r := c.entries[key]; r != nil && !now.Before(r.at) && now.Sub(r.at) < workBoardRowsTTL {
		return r
	}
	return nil
}

func (c *workBoardRowsCache) put(key workBoardRowsKey, r *workBoardRows) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= 64 { // boards change every few seconds: drop all rather than track age
		c.entries = map[workBoardRowsKey]*workBoardRows{}
	}
	c.entries[key] = r
}

// workBoardRowsOf words and writes b's rows for p, or returns those
// written for the same board, language and address within the last second.
func (s *Server) workBoardRowsOf(ctx context.Context, p *page, b *hitori.ItemBoard, now time.Time) (*workBoardRows, error) {
	key := workBoardRowsKey{board: b, lang: p.Lang, here: p.Here}
	if r := s.workRows.get(key, now); r != nil {
		return r, nil
	}
	dir, err := s.workStaffDir(ctx)
	if err != nil {
		return nil, err
	}
	r := &workBoardRows{at: now}
	for q := hitori.Quadrant(1); q <= 4; q++ {
		for _, it := range b.Top[q] {
			r.box[q] = append(r.box[q], s.workRowOf(p, it, dir, now))
		}
		r.boxHTML[q] = workBoxRows(r.box[q])
	}
	for _, it := range b.Next {
		r.next = append(r.next, s.workRowOf(p, it, dir, now))
	}
	r.nextHTML = workNextRows(r.next, newWorkRowWords(p), p.Here)
	s.workRows.put(key, r)
	return r, nil
}
