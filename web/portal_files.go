package web

import (
	"context"
	"net/http"
	"strconv"

	"hitori"
)

// portalFile is one of my item's files as the portal lists it.
type portalFile struct {
	Name string
	Size string
	URL  string // "" when the file was over the size limit and not kept
}

// portalItemFiles lists the files of my item I may download: those of my
// first message and of public events, never internal notes' or the .eml
// (the store decides; the page only lists what it gets).
func (s *Server) portalItemFiles(ctx context.Context, p *page, it *hitori.Item) ([]portalFile, error) {
	list, err := s.stores.MailLog.FindPortalAttachments(ctx, it.ID)
	if err != nil {
		return nil, err
	}
	out := make([]portalFile, 0, len(list))
	for _, a := range list {
		f := portalFile{Name: a.Name, Size: workFileSize(p, a.Size)}
		if a.SHA256 != "" {
			f.URL = portalItemURL(it.ID) + "/attachments/" + strconv.FormatInt(a.ID, 10)
		}
		out = append(out, f)
	}
	return out, nil
}

// portalAttachment is GET /portal/items/{id}/attachments/{aid}: one file
// of my item, with the staff download's headers. Anything I may not have
// is 404, never 403, so that the answer does not tell it exists.
func (s *Server) portalAttachment(w http.ResponseWriter, r *http.Request) error {
	if err := hitori.CheckItemAccess(hitori.UserFromContext(r.Context())); err != nil {
		return err // viewers get 403 on every portal route, as on the item page
	}
	id, err := workItemID(r)
	if err != nil {
		return err
	}
	aid, err := strconv.ParseInt(r.PathValue("aid"), 10, 64)
	if err != nil || aid < 1 {
		return hitori.KeyError(hitori.ENOTFOUND, "error.not_found")
	}
	a, err := s.stores.MailLog.FindPortalAttachment(r.Context(), id, aid)
	if err != nil {
		return err
	}
	return s.serveItemFile(w, r, a, false)
}
