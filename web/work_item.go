package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hitori"
)

// workItemData is what work_item.html shows.
type workItemData struct {
	Item       *hitori.Item
	Row        workRow
	Events     []workEvent
	Staff      *workStaff
	Statuses   []hitori.Status
	Kinds      []hitori.WorkKind
	Choices    []workQuadrantChoice
	Minutes    string // total time logged, worded
	FirstDue   string
	ResDue     string
	Responded  string
	Resolved   string
	Merged     string // the item this one was merged into, as a key
	Categories []string
	Canned     []workCannedChoice // canned replies for the reply form
	Files      []workFile         // attachments
	Mails      []workFile         // the original messages (.eml)
	Articles   []workArticleLink  // linked knowledge articles
	Suggested  []workArticleLink  // articles matching the title, not yet linked
	ReplyNote  string             // why a reply may not reach the requester (catalogue key); "" when it will
}

// workEvent is one event worded for the page.
type workEvent struct {
	*hitori.Event
	Class   string // reply, note, email, change
	Label   string
	Change  string // for changes: "状態: 新規 → 対応中"
	Minutes string
}

// workItemPage loads an item and everything its staff page shows. form
// holds the edit form's values (the item's own unless re-shown after an
// error).
func (s *Server) workItemPage(r *http.Request, id int64) (*page, *workItemData, error) {
	ctx := r.Context()
	it, err := s.stores.Items.FindItemByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	evs, err := s.stores.Items.FindEvents(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	dir, err := s.workStaffDir(ctx)
	if err != nil {
		return nil, nil, err
	}
	p := s.newPage(r, workNav)
	p.Title = it.Key() + " " + it.Title
	now := s.now()
	d := &workItemData{Item: it, Row: s.workRowOf(p, it, dir, now), Staff: dir, Statuses: hitori.Statuses, Kinds: hitori.WorkKinds,
		Choices: workQuadrantChoices(p, it.Quadrant()), Minutes: workMinutes(p, it.MinutesSpent), Categories: s.work.Categories()}
	d.ReplyNote = s.replyReachNote(it)
	d.FirstDue, d.ResDue = workOptTime(it.FirstResponseDue), workOptTime(it.ResolutionDue)
	d.Responded, d.Resolved = workOptTime(it.FirstRespondedAt), workOptTime(it.ResolvedAt)
	if it.MergedInto != nil {
		d.Merged = hitori.ItemKey(*it.MergedInto)
	}
	for _, e := range evs {
		d.Events = append(d.Events, s.workEventOf(p, e, dir))
	}
	if d.Canned, err = s.workCannedChoices(ctx, it); err != nil {
		return nil, nil, err
	}
	if d.Files, d.Mails, err = s.workItemFiles(ctx, p, it); err != nil {
		return nil, nil, err
	}
	if d.Articles, d.Suggested, err = s.itemArticles(ctx, it, true); err != nil {
		return nil, nil, err
	}
	p.Form = workItemForm(it)
	if it.Status == hitori.StatusNew {
		// Answering a new item usually starts the work: offer that as the default.
		p.Form.Set("reply_status", string(hitori.StatusInProgress))
	}
	p.Data = d
	return p, d, nil
}

func workOptTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return workTime(*t)
}

// workItemForm is the edit form filled from the item.
func workItemForm(it *hitori.Item) url.Values {
	f := url.Values{}
	f.Set("title", it.Title)
	f.Set("status", string(it.Status))
	f.Set("category", it.Category)
	f.Set("kind", string(it.Kind))
	f.Set("tags", strings.Join(it.Tags, ", "))
	f.Set("vendor", it.Vendor)
	if it.Urgent {
		f.Set("urgent", "on")
	}
	if it.Important {
		f.Set("important", "on")
	}
	if it.AssigneeID != nil {
		f.Set("assignee", strconv.FormatInt(*it.AssigneeID, 10))
	}
	if it.DueAt != nil {
		f.Set("due", it.DueAt.In(tokyo).Format(workDueLayout))
	}
	return f
}

// workDueLayout is what <input type="datetime-local"> sends.
const workDueLayout = "2006-01-02T15:04"

// workItem is GET /work/items/{id}: the item, its SLA clock, timeline,
// reply form, field editor and merge form.
func (s *Server) workItem(w http.ResponseWriter, r *http.Request) error {
	id, err := workItemID(r)
	if err != nil {
		return err
	}
	p, d, err := s.workItemPage(r, id)
	if err != nil {
		return err
	}
	workFlash(p, r, "work")
	workCannedPrefill(p, d, r.URL.Query().Get("canned"))
	s.render(w, http.StatusOK, "work_item", p)
	return nil
}
