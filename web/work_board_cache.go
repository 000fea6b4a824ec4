package web

import (
	"bytes"
	"context"
	"html/template"
	"strconv"
	"strings"
	"time"

	"hitori"
	"hitori/memo"
)

// workBoardTTL is how long the board's content, once written, serves the
// same board: its ages and SLA texts count in minutes, so a second's reuse
// shows nothing a fresh render would not.
const workBoardTTL = time.Second

// workBoardBody is the board's content (everything between the layout's
// header and footer) written for one board, language, address and role,
// without anything else of the user who asked: the CSRF token each queue
// row's form carries is joined in per request (workJoinCSRF).
type workBoardBody struct {
	parts []string // the content, cut where the CSRF token goes
}

// workBoardKey names what the content depends on besides the clock: the
// board itself (the store hands out a new one whenever this process
// writes, and at least every two seconds, so the staff directory and
// settings the rows were worded with are as fresh as the board), the
// language, the page's address (each row's form returns to it; it also
// tells the scopes apart) and whether the user is an administrator (a
// link to the settings).
type workBoardKey struct {
	board *hitori.ItemBoard
	lang  string
	here  string
	admin bool
}

// newWorkBoardCache keeps recent boards' content, by the server's clock.
// Under load many staff requests see the same board within the same
// second; each would otherwise word and write the same 45 rows and ~200
// template actions again, and when a board changes, the requests that
// ask for it at once wait for one of them to write it.
func newWorkBoardCache(clock func() time.Time) *memo.Cache[workBoardKey, *workBoardBody] {
	return &memo.Cache[workBoardKey, *workBoardBody]{TTL: workBoardTTL, Stale: workBoardTTL, Size: 64, Clock: clock}
}

// csrfSlot marks where a CSRF token goes while the content is written: NUL
// never reaches the output otherwise (every escaper turns it into U+FFFD).
const csrfSlot = "\x00csrf\x00"

// workBoardBodyOf returns b's content for p, written now or kept from
// the last second. d holds what the request asked (scope, list links).
func (s *Server) workBoardBodyOf(ctx context.Context, p *page, b *hitori.ItemBoard, d *workBoardData, listQuery string, now time.Time) (*workBoardBody, error) {
	key := workBoardKey{board: b, lang: p.Lang, here: p.Here, admin: p.User.Role == hitori.RoleAdmin}
	return s.workBoards.Load(ctx, key, 0, func() (*workBoardBody, error) { return s.writeWorkBoard(ctx, p, b, d, listQuery, now) })
}

// writeWorkBoard writes b's content for p.
func (s *Server) writeWorkBoard(ctx context.Context, p *page, b *hitori.ItemBoard, d *workBoardData, listQuery string, now time.Time) (*workBoardBody, error) {
	dir, err := s.workStaffDir(ctx)
	if err != nil {
		return nil, err
	}
	for q := hitori.Quadrant(1); q <= 4; q++ {
		box := workBoardBox{N: int(q), Label: p.T(workQuadrantKey(q)), Hint: p.T(workQuadrantKey(q) + "_hint"), Count: b.Counts[q],
			More: "/work/items?" + listQuery + "&sort=next&quadrant=" + strconv.Itoa(int(q))}
		for _, it := range b.Top[q] {
			box.Rows = append(box.Rows, s.workRowOf(p, it, dir, now))
		}
		box.RowsHTML = workBoxRows(box.Rows)
		d.Boxes = append(d.Boxes, box)
		d.Total += b.Counts[q]
	}
	for _, it := range b.Next {
		d.Next = append(d.Next, s.workRowOf(p, it, dir, now))
	}
	d.NextHTML = template.HTML(strings.Join(workNextRows(d.Next, newWorkRowWords(p), p.Here), csrfSlot))
	d.Choices = workQuadrantChoices(p, 0)
	// Written for no one in particular: the user is only their role (the
	// key's), and a token the template printed itself would be empty.
	anon := *p
	anon.User, anon.CSRF, anon.Data = &hitori.User{Role: p.User.Role}, "", d
	t, err := s.tmpl.page("work_board")
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "board", &anon); err != nil {
		return nil, err
	}
	return &workBoardBody{parts: strings.Split(buf.String(), csrfSlot)}, nil
}
