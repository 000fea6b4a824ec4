package web

import (
	"net/http"
	"strings"

	"hitori"
)

// portalItemData is what portal_item.html shows.
type portalItemData struct {
	Item     *hitori.Item
	Status   string
	Events   []portalEvent
	Merged   string
	Waiting  bool              // the staff wait for my answer
	Solvable bool              // open and not merged: I may close it as solved
	Articles []workArticleLink // articles the staff linked that I may read
	Files    []portalFile      // my item's files I may download
}

// portalEvent is a public timeline entry: a reply, an e-mail, or a status
// change worded for the colleague.
// systemAuthor is the author the item store records for events the
// system adds with no user (sqlstore's authorOf): automatic replies.
const systemAuthor = "system"

type portalEvent struct {
	*hitori.Event
	Mine   bool
	Text   string // for changes
	Author string
}

// portalItemFor returns one of my items, or 404 (also for staff looking
// at someone else's item here: the portal is "what I asked").
func (s *Server) portalItemFor(r *http.Request, me *hitori.User) (*hitori.Item, error) {
	id, err := workItemID(r)
	if err != nil {
		return nil, err
	}
	it, err := s.stores.Items.FindItemByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if it.RequesterID == nil || *it.RequesterID != me.ID {
		return nil, hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	return it, nil
}

func (s *Server) portalItemPage(r *http.Request) (*page, error) {
	p, err := s.portalPage(r, "portal.title")
	if err != nil {
		return nil, err
	}
	it, err := s.portalItemFor(r, p.User)
	if err != nil {
		return nil, err
	}
	evs, err := s.stores.Items.FindEvents(r.Context(), it.ID)
	if err != nil {
		return nil, err
	}
	p.Title = it.Key() + " " + it.Title
	d := &portalItemData{Item: it, Status: p.T(workStatusKey(it.Status)), Waiting: it.Status == hitori.StatusWaitRequester,
		Solvable: it.Status.Open() && it.MergedInto == nil}
	if it.MergedInto != nil {
		d.Merged = hitori.ItemKey(*it.MergedInto)
	}
	for _, e := range evs {
		if !e.Public() { // the store already hides notes from requesters; staff using the portal must not see them either
			continue
		}
		pe := portalEvent{Event: e, Mine: e.AuthorID != nil && *e.AuthorID == p.User.ID, Author: e.Author}
		if e.AuthorID == nil && e.Author == systemAuthor {
			pe.Author = p.T("portal.author.system") // the "we know" reply, in the colleague's words
		}
		if e.Kind == hitori.EventChange {
			switch e.Field {
			case "status":
				pe.Text = p.T("portal.event.status", p.T(workStatusKey(hitori.Status(e.New))))
			case "title":
				pe.Text = p.T("portal.event.title", e.New)
			case "merged_into":
				pe.Text = p.T("portal.event.merged")
			default:
				continue
			}
		}
		d.Events = append(d.Events, pe)
	}
	if d.Articles, _, err = s.itemArticles(r.Context(), it, false); err != nil {
		return nil, err
	}
	if d.Files, err = s.portalItemFiles(r.Context(), p, it); err != nil {
		return nil, err
	}
	p.Data = d
	return p, nil
}

// portalItem is GET /portal/items/{id}: my item with its public timeline
// (never internal notes) and a reply form.
func (s *Server) portalItem(w http.ResponseWriter, r *http.Request) error {
	p, err := s.portalItemPage(r)
	if err != nil {
		return err
	}
	// Opening the page reads the replies: the list's "new reply" mark goes.
	if err := s.stores.Items.MarkItemSeen(r.Context(), p.Data.(*portalItemData).Item.ID); err != nil {
		return err
	}
	workFlash(p, r, "portal")
	s.render(w, http.StatusOK, "portal_item", p)
	return nil
}

// portalReply is POST /portal/items/{id}/replies: my answer on my item.
func (s *Server) portalReply(w http.ResponseWriter, r *http.Request) error {
	p, err := s.portalItemPage(r)
	if err != nil {
		return err
	}
	it := p.Data.(*portalItemData).Item
	body := r.PostFormValue("body")
	e := &hitori.Event{ItemID: it.ID, Kind: hitori.EventReply, Body: body}
	files, err := portalUploads(r)
	switch {
	case err != nil:
	case strings.TrimSpace(body) == "" && len(files) == 0:
		err = hitori.FieldError("body", "error.required")
	default:
		if strings.TrimSpace(body) == "" { // files alone: the timeline still says something
			e.Body = p.T("portal.reply.files_only")
		}
		err = s.work.Reply(r.Context(), e, "")
	}
	if err != nil {
		p.Form = r.PostForm
		return s.formError(w, "portal_item", p, err)
	}
	if err := s.portalSaveFiles(r.Context(), files, it.ID, e.ID); err != nil {
		return err
	}
	http.Redirect(w, r, workFlashURL(portalItemURL(it.ID), "replied")+"#reply", http.StatusSeeOther)
	return nil
}
