package web

import (
	"html/template"
	"net/http"

	"hitori"
)

// Board sizes: the top of each quadrant, and the "next" queue.
const (
	workBoardTop  = 5
	workBoardNext = 25
)

// workBoardBox is one quadrant of the board.
type workBoardBox struct {
	N        int
	Label    string
	Hint     string
	Count    int
	Rows     []workRow
	RowsHTML template.HTML // Rows as markup (workBoxRows)
	More     string        // the list filtered to this quadrant
}

// workBoardData is what work_board.html's "board" template shows.
type workBoardData struct {
	Boxes    []workBoardBox
	Next     []workRow
	NextHTML template.HTML // Next as markup, with this request's CSRF token (workNextRows)
	Total    int
	Scope    string // "", "mine" or "unassigned"
	Scopes   []string
	Choices  []workQuadrantChoice
}

// workBoardPage is what work_board.html's layout shows: the content
// written by its "board" template (workBoardBodyOf), with the request's
// CSRF token.
type workBoardPage struct{ Body template.HTML }

// workBoard is GET /work: the four quadrants with their counts and top
// open items, and the "next" queue (quadrant, then SLA risk, then age).
// ?scope=mine or unassigned narrows all of it by assignee.
func (s *Server) workBoard(w http.ResponseWriter, r *http.Request) error {
	p := s.newPage(r, workNav)
	p.Title = p.T("work.board.title")
	workFlash(p, r, "work")
	ctx := r.Context()
	d := &workBoardData{Scope: r.URL.Query().Get("scope"), Scopes: []string{"", "mine", "unassigned"}}
	f := hitori.ItemFilter{OpenOnly: true, Sort: "next"}
	listQuery := "open=1"
	switch d.Scope {
	case "mine":
		f.AssigneeID = &p.User.ID
		listQuery += "&assignee=me"
	case "unassigned":
		none := int64(0)
		f.AssigneeID = &none
		listQuery += "&assignee=none"
	default:
		d.Scope = ""
	}
	// Two queries however many items are open: the counts, and every list.
	b, err := s.stores.Items.Board(ctx, f, workBoardTop, workBoardNext)
	if err != nil {
		return err
	}
	body, err := s.workBoardBodyOf(ctx, p, b, d, listQuery, s.now())
	if err != nil {
		return err
	}
	p.Data = workBoardPage{Body: workJoinCSRF(body.parts, p.CSRF)}
	s.render(w, http.StatusOK, "work_board", p)
	return nil
}
