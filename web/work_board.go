package web

import (
	"html/template"
	"net/http"
	"strconv"

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

// workBoardData is what work_board.html shows.
type workBoardData struct {
	Boxes    []workBoardBox
	Next     []workRow
	NextHTML template.HTML // Next as markup, with this request's CSRF token (workNextRows)
	Total    int
	Scope    string // "", "mine" or "unassigned"
	Scopes   []string
	Choices  []workQuadrantChoice
}

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
	rows, err := s.workBoardRowsOf(ctx, p, b, s.now())
	if err != nil {
		return err
	}
	for q := hitori.Quadrant(1); q <= 4; q++ {
		d.Boxes = append(d.Boxes, workBoardBox{N: int(q), Label: p.T(workQuadrantKey(q)), Hint: p.T(workQuadrantKey(q) + "_hint"), Count: b.Counts[q],
			Rows: rows.box[q], RowsHTML: rows.boxHTML[q], More: "/work/items?" + listQuery + "&sort=next&quadrant=" + strconv.Itoa(int(q))})
		d.Total += b.Counts[q]
	}
	d.Next = rows.next
	d.NextHTML = workJoinCSRF(rows.nextHTML, p.CSRF)
	d.Choices = workQuadrantChoices(p, 0)
	p.Data = d
	s.render(w, http.StatusOK, "work_board", p)
	return nil
}
